import { strict as assert } from 'node:assert';
import { modelOf, templateOf } from '../../helpers/model';
import { isTemplateRoot, isCdkFile, mayBeTemplate } from '../../../server/src/engine/cfn/template';
import { parseYamlFull } from '../../../server/src/engine/source/yaml-parse';

const trail = (props: string): string => `
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
${props
  .trim()
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n')}`;

describe('CloudFormation adapter', () => {
  it('records provenance: explicit, service default, parameter default, unresolved', () => {
    const model = modelOf(`
Parameters:
  Validation: { Type: String, Default: 'false' }
  Region: { Type: String }
Resources:${trail(`
IsMultiRegionTrail: !Ref Region
EnableLogFileValidation: !Ref Validation
IsLogging: true`)}
`);
    const t = model.trails[0];
    assert.ok(t);
    assert.deepEqual(
      [t.isLogging, t.logFileValidation, t.isMultiRegion, t.includeGlobalServiceEvents].map((v) => [
        v.provenance,
        v.value,
        v.isSet,
      ]),
      [
        ['explicit', true, true],
        ['parameter-default', false, true],
        ['unresolved', undefined, true],
        ['default', true, false],
      ],
    );
    assert.equal(t.logFileValidation.note, 'Validation');
    assert.equal(t.logFileValidation.related?.[0]?.message, 'default of parameter Validation');
    assert.match(t.isMultiRegion.note ?? '', /parameter Region, which has no default/);
  });

  it('treats Fn::If branches that agree as one value, and ones that differ as a condition', () => {
    const model = modelOf(`
Conditions:
  C: !Equals [a, b]
Resources:${trail(`
IsMultiRegionTrail: !If [C, true, 'True']
EnableLogFileValidation: !If [C, true, false]
KMSKeyId: !If [C, key, !Ref AWS::NoValue]`)}
`);
    const t = model.trails[0];
    assert.ok(t);
    assert.equal(t.isMultiRegion.value, true);
    assert.equal(t.isMultiRegion.provenance, 'explicit');
    assert.equal(t.logFileValidation.provenance, 'unresolved');
    assert.equal(t.logFileValidation.note, 'condition C');
    assert.equal(t.kmsKeyId.isSet, undefined);
  });

  it('reads a property whose name differs only in case (CloudFormation would reject the spelling)', () => {
    const t = modelOf(`Resources:${trail('KmsKeyId: alias/trail')}`).trails[0];
    assert.equal(t?.kmsKeyId.isSet, true);
    assert.equal(t?.kmsKeyId.name, 'KmsKeyId');
  });

  it('links a trail to its bucket, key (directly and through an alias) and log group', () => {
    const model = modelOf(`
Resources:${trail(`
S3BucketName: !Ref LogBucket
KMSKeyId: !Ref TrailAlias
CloudWatchLogsLogGroupArn: !Sub 'arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${TrailLogs}:*'`)}
  LogBucket: { Type: AWS::S3::Bucket }
  OtherBucket: { Type: AWS::S3::Bucket }
  TrailKey: { Type: AWS::KMS::Key }
  TrailAlias: { Type: AWS::KMS::Alias, Properties: { AliasName: alias/trail, TargetKeyId: !Ref TrailKey } }
  TrailLogs: { Type: AWS::Logs::LogGroup }
  ByName:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: named-bucket
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:alias/trail
  NamedBucket: { Type: AWS::S3::Bucket, Properties: { BucketName: named-bucket } }
`);
    const [first, second] = model.trails;
    assert.deepEqual(
      first?.buckets.map((b) => b.id),
      ['LogBucket'],
    );
    assert.deepEqual(
      first?.keys.map((k) => k.id),
      ['TrailKey'],
    );
    assert.deepEqual(
      first?.logGroups.map((g) => g.id),
      ['TrailLogs'],
    );
    assert.deepEqual(
      second?.buckets.map((b) => b.id),
      ['NamedBucket'],
    );
    assert.deepEqual(
      second?.keys.map((k) => k.id),
      ['TrailKey'],
    );
    assert.deepEqual(model.buckets.find((b) => b.id === 'OtherBucket')?.trails, []);
  });

  it('links a trail to every bucket its Fn::If branches name', () => {
    const model = modelOf(`
Conditions:
  C: !Equals [a, b]
Resources:${trail('S3BucketName: !If [C, !Ref A, !Ref B]')}
  A: { Type: AWS::S3::Bucket }
  B: { Type: AWS::S3::Bucket }
`);
    assert.deepEqual(
      model.trails[0]?.buckets.map((b) => b.id),
      ['A', 'B'],
    );
  });

  it('links bucket policies to their bucket and reads their statements', () => {
    const model = modelOf(`
Resources:
  Archive: { Type: AWS::S3::Bucket }
  ArchivePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Archive
      PolicyDocument:
        Statement:
          Effect: Allow
          Principal: { Service: [cloudtrail.amazonaws.com] }
          Action: [s3:PutObject]
          Resource: !Sub '\${Archive.Arn}/*'
          Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } }
`);
    const policy = model.bucketPolicies[0];
    assert.deepEqual(
      policy?.buckets.map((b) => b.id),
      ['Archive'],
    );
    const statement = policy?.document?.statements[0];
    assert.deepEqual(statement?.principal?.services, ['cloudtrail.amazonaws.com']);
    assert.deepEqual(
      statement?.actions.map((a) => a.value),
      ['s3:PutObject'],
    );
    assert.deepEqual(
      statement?.resources.map((r) => r.value),
      // Canonical: the bucket's ARN as any other spelling of it would read.
      ['arn:${AWS::Partition}:s3:::${Archive}/*'],
    );
    assert.deepEqual(statement?.conditions, [
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['111122223333'] },
    ]);
    assert.equal(model.buckets[0]?.policies[0], policy);
  });

  it('reads policies written as JSON strings', () => {
    const model = modelOf(`
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}]}'
`);
    const doc = model.identities[0]?.inlinePolicies[0];
    assert.equal(doc?.partial, false);
    assert.deepEqual(
      doc?.statements[0]?.actions.map((a) => a.value),
      ['cloudtrail:*'],
    );
  });

  it('reads managed policy attachments of roles, users, groups, permission sets and SAM functions', () => {
    const model = modelOf(`
Resources:
  R: { Type: AWS::IAM::Role, Properties: { ManagedPolicyArns: [a, b] } }
  U: { Type: AWS::IAM::User, Properties: { ManagedPolicyArns: [c] } }
  G: { Type: AWS::IAM::Group, Properties: { ManagedPolicyArns: [d] } }
  S: { Type: AWS::SSO::PermissionSet, Properties: { ManagedPolicies: [e] } }
  F: { Type: AWS::Serverless::Function, Properties: { Policies: [f, { Statement: [] }] } }
`);
    assert.deepEqual(
      model.identities.map((i) => [
        i.id,
        i.identityKind,
        i.managedPolicies.map((p) => p.value),
        i.inlinePolicies.length,
      ]),
      [
        ['R', 'role', ['a', 'b'], 0],
        ['U', 'user', ['c'], 0],
        ['G', 'group', ['d'], 0],
        ['S', 'permission-set', ['e'], 0],
        ['F', 'function', ['f'], 1],
      ],
    );
  });

  it('knows CDK output by metadata, by the bootstrap check, or by its folder, and tells L1 from L2', () => {
    const withPath = templateOf(`
Resources:
  T: { Type: AWS::CloudTrail::Trail, Metadata: { 'aws:cdk:path': Stack/Trail/Resource } }
  L: { Type: AWS::CloudTrail::Trail, Metadata: { 'aws:cdk:path': Stack/L1Trail } }
`);
    assert.equal(isCdkFile('t.json', withPath), true);
    const model = modelOf(`
Resources:
  T: { Type: AWS::CloudTrail::Trail, Metadata: { 'aws:cdk:path': Stack/Trail/Resource } }
  L: { Type: AWS::CloudTrail::Trail, Metadata: { 'aws:cdk:path': Stack/L1Trail } }
`);
    assert.equal(model.format, 'cdk');
    assert.deepEqual(
      model.trails.map((t) => t.cdk),
      [
        { path: 'Stack/Trail', level: 'L2' },
        { path: 'Stack/L1Trail', level: 'L1' },
      ],
    );
    const bootstrap = templateOf(`
Parameters:
  BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /cdk-bootstrap/hnb659fds/version }
Rules:
  CheckBootstrapVersion: { Assertions: [] }
Resources:
  T: { Type: AWS::CloudTrail::Trail }
`);
    assert.equal(isCdkFile('t.json', bootstrap), true);
    const plain = templateOf('Resources:\n  T: { Type: AWS::CloudTrail::Trail }\n');
    assert.equal(isCdkFile('app/cdk.out/Stack.template.json', plain), true);
    assert.equal(isCdkFile('templates/stack.json', plain), false);
  });
});

describe('template detection', () => {
  const detect = (text: string): boolean =>
    mayBeTemplate(text) && parseYamlFull(text).roots.some(isTemplateRoot);
  it('recognises templates by content, not by name', () => {
    assert.equal(detect("AWSTemplateFormatVersion: '2010-09-09'\n"), true);
    assert.equal(detect('Resources:\n  B: { Type: AWS::S3::Bucket }\n'), true);
    assert.equal(detect('Resources:\n  B: { Type: Custom::Thing }\n'), false);
    assert.equal(detect('services:\n  web:\n    image: nginx\n'), false);
    assert.equal(detect('{"name": "pkg", "dependencies": {}}'), false);
  });
});
