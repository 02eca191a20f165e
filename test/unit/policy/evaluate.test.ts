// The policy evaluator on statements read from real template text, so the reader and the evaluator are
// tested together the way rules use them.
import { strict as assert } from 'node:assert';
import { adaptTemplate } from '../../../server/src/engine/cfn/adapt';
import { CfnTemplate } from '../../../server/src/engine/cfn/template';
import type { PolicyDocument } from '../../../server/src/engine/model/types';
import { canonicalArn, canonicalPrincipal } from '../../../server/src/engine/policy/arn';
import { restricts } from '../../../server/src/engine/policy/conditions';
import { coversAction, coversAllActionsOf, covers, grants } from '../../../server/src/engine/policy/evaluate';
import { globMatch } from '../../../server/src/engine/policy/glob';
import { parseYamlFull as parseYaml } from '../../../server/src/engine/source/yaml-parse';

function bucketPolicy(statements: string, extra = ''): { doc: PolicyDocument; arn: string } {
  const text = `Resources:
  Logs:
    Type: AWS::S3::Bucket
${extra}
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
${statements}`;
  const root = parseYaml(text).roots[0];
  assert.ok(root?.kind === 'map');
  const model = adaptTemplate(new CfnTemplate(root), 't.yaml');
  const doc = model.bucketPolicies[0]?.document;
  assert.ok(doc);
  return { doc, arn: model.buckets[0]?.arn as string };
}

const CLOUDTRAIL = { service: 'cloudtrail.amazonaws.com' };

describe('policy evaluator', () => {
  it('matches IAM wildcards, actions case-insensitively and ARNs case-sensitively', () => {
    assert.equal(globMatch('cloudtrail:Stop*', 'CloudTrail:StopLogging', true), true);
    assert.equal(globMatch('cloudtrail:*Trail', 'cloudtrail:DeleteTrail', true), true);
    assert.equal(globMatch('cloudtrail:?topLogging', 'cloudtrail:StopLogging', true), true);
    assert.equal(globMatch('cloudtrail:Stop*', 'cloudtrail:StartLogging', true), false);
    assert.equal(globMatch('arn:aws:s3:::Logs/*', 'arn:aws:s3:::logs/x', false), false);
    assert.equal(globMatch('a.b+c', 'a.b+c', false), true);
    assert.equal(globMatch('a.b', 'axb', false), false);
  });

  it('puts every spelling of the same ARN in one canonical form', () => {
    const symbols = new Map([
      ['${Logs.Arn}', 'arn:${AWS::Partition}:s3:::${Logs}'],
      ['${Named}', 'audit-logs'],
    ]);
    const canonical = 'arn:${AWS::Partition}:s3:::${Logs}/AWSLogs/${AWS::AccountId}/*';
    assert.equal(canonicalArn('${Logs.Arn}/AWSLogs/${AWS::AccountId}/*', symbols), canonical);
    assert.equal(canonicalArn('arn:aws:s3:::${Logs}/AWSLogs/111122223333/*', symbols), canonical);
    assert.equal(
      canonicalArn('arn:${AWS::Partition}:s3:::${Logs}/AWSLogs/${AWS::AccountId}/*', symbols),
      canonical,
    );
    assert.equal(
      canonicalArn('arn:aws-us-gov:s3:::${Named}', symbols),
      'arn:${AWS::Partition}:s3:::audit-logs',
    );
    assert.equal(
      canonicalArn('arn:aws:kms:eu-west-1:111122223333:key/abc', symbols),
      'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/abc',
    );
    assert.equal(canonicalArn('*', symbols), '*');
  });

  it('reads principals: everyone, services, account roots in every spelling', () => {
    assert.equal(
      canonicalPrincipal('111122223333', new Map()),
      'arn:${AWS::Partition}:iam::111122223333:root',
    );
    assert.equal(
      canonicalPrincipal('${AWS::AccountId}', new Map()),
      'arn:${AWS::Partition}:iam::${AWS::AccountId}:root',
    );
    // Principals keep a literal account: another account is not this one.
    assert.equal(
      canonicalPrincipal('arn:aws:iam::444455556666:role/x', new Map()),
      'arn:${AWS::Partition}:iam::444455556666:role/x',
    );
    const { doc } = bucketPolicy(`          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: '*'
          - Effect: Allow
            Principal: { AWS: ['*'] }
            Action: s3:GetObject
            Resource: '*'
          - Effect: Allow
            Principal: { Service: [CloudTrail.amazonaws.com, config.amazonaws.com] }
            Action: s3:PutObject
            Resource: '*'`);
    assert.deepEqual(
      doc.statements.map((s) => [s.principal?.anyone, s.principal?.services]),
      [
        [true, []],
        [true, []],
        [false, ['cloudtrail.amazonaws.com', 'config.amazonaws.com']],
      ],
    );
  });

  it('covers actions through Action and NotAction, and whole services through wildcards', () => {
    const { doc } = bucketPolicy(`          - Effect: Allow
            Action: ['cloudtrail:Describe*', 'cloudtrail:Stop*']
            Resource: '*'
          - Effect: Allow
            NotAction: 'iam:*'
            Resource: '*'
          - Effect: Allow
            Action: '*'
            Resource: '*'
          - Effect: Allow
            Action: cloudtrail:StopLogging
            Resource: '*'`);
    const [some, notIam, all, one] = doc.statements as [never, never, never, never];
    assert.equal(coversAction(some, 'cloudtrail:StopLogging'), 'yes');
    assert.equal(coversAction(some, 'cloudtrail:DeleteTrail'), 'no');
    assert.equal(coversAction(notIam, 'cloudtrail:DeleteTrail'), 'yes');
    assert.equal(coversAction(notIam, 'iam:CreateUser'), 'no');
    assert.equal(coversAllActionsOf(all, 'cloudtrail'), 'yes');
    assert.equal(coversAllActionsOf(notIam, 'cloudtrail'), 'yes');
    assert.equal(coversAllActionsOf(some, 'cloudtrail'), 'no');
    assert.equal(coversAllActionsOf(one, 'cloudtrail'), 'no');
  });

  it('matches resources against the bucket ARN however the template spells it', () => {
    const { doc, arn } = bucketPolicy(
      `          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub '\${Logs.Arn}/AWSLogs/\${AWS::AccountId}/*'
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:GetBucketAcl
            Resource: !Join ['', ['arn:aws:s3:::', !Ref Logs]]
          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: arn:aws:s3:::audit-logs-111122223333/other/*`,
      `    Properties:
      BucketName: audit-logs-111122223333`,
    );
    assert.equal(arn, 'arn:${AWS::Partition}:s3:::audit-logs-111122223333');
    const put = {
      action: 's3:PutObject',
      resource: `${arn}/AWSLogs/\${AWS::AccountId}/f.gz`,
      principal: CLOUDTRAIL,
    };
    assert.equal(covers(doc.statements[0]!, put), 'yes');
    assert.equal(covers(doc.statements[2]!, put), 'no');
    assert.equal(
      covers(doc.statements[1]!, { action: 's3:GetBucketAcl', resource: arn, principal: CLOUDTRAIL }),
      'yes',
    );
    assert.equal(
      covers(doc.statements[1]!, { action: 's3:GetBucketAcl', resource: arn, principal: { anyone: true } }),
      'no',
    );
  });

  it('reads a policy written as a Fn::Sub JSON string, references included', () => {
    const text = `Resources:
  Logs: { Type: AWS::S3::Bucket }
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument: !Sub |
        {"Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
          "Action": "s3:PutObject", "Resource": "\${Logs.Arn}/AWSLogs/\${AWS::AccountId}/*"}]}
`;
    const root = parseYaml(text).roots[0];
    assert.ok(root?.kind === 'map');
    const model = adaptTemplate(new CfnTemplate(root), 't.yaml');
    const doc = model.bucketPolicies[0]?.document;
    assert.equal(doc?.partial, false);
    assert.deepEqual(
      doc?.statements[0]?.resources.map((r) => r.value),
      ['arn:${AWS::Partition}:s3:::${Logs}/AWSLogs/${AWS::AccountId}/*'],
    );
  });

  it('answers maybe, never no, when a resource cannot be resolved', () => {
    const { doc, arn } = bucketPolicy(`          - Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
            Resource: !Sub '\${Unknown}/AWSLogs/*'`);
    assert.equal(doc.statements[0]?.partial, true);
    const request = { action: 's3:PutObject', resource: `${arn}/AWSLogs/x`, principal: CLOUDTRAIL };
    assert.equal(covers(doc.statements[0], request), 'maybe');
    assert.deepEqual(
      grants(doc, request).map((g) => g.covers),
      ['maybe'],
    );
  });

  it('lets an unconditional Deny neutralise an Allow, and leaves a conditional Deny to the rules', () => {
    const { doc } = bucketPolicy(`          - Effect: Allow
            Action: cloudtrail:*
            Resource: '*'
          - Effect: Deny
            Action: [cloudtrail:StopLogging, cloudtrail:DeleteTrail]
            Resource: '*'
          - Effect: Deny
            Action: cloudtrail:UpdateTrail
            Resource: '*'
            Condition: { BoolIfExists: { aws:MultiFactorAuthPresent: 'false' } }`);
    assert.deepEqual(grants(doc, { action: 'cloudtrail:StopLogging' }), []);
    assert.equal(grants(doc, { action: 'cloudtrail:UpdateTrail' }).length, 1);
    assert.equal(grants(doc, { action: 'cloudtrail:PutEventSelectors' }).length, 1);
  });

  it('recognises the conditions that restrict a grant, and the ones that only look like it', () => {
    const c = (operator: string, key: string, ...values: string[]) => ({ operator, key, values });
    assert.equal(restricts(c('Bool', 'aws:MultiFactorAuthPresent', 'true'), 'mfa'), true);
    assert.equal(restricts(c('Bool', 'AWS:MultiFactorAuthPresent', 'TRUE'), 'mfa'), true);
    // IfExists also allows requests that carry no MFA information at all (access keys).
    assert.equal(restricts(c('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true'), 'mfa'), false);
    assert.equal(restricts(c('Bool', 'aws:MultiFactorAuthPresent', 'false'), 'mfa'), false);
    assert.equal(restricts(c('NumericLessThan', 'aws:MultiFactorAuthAge', '3600'), 'mfa'), true);
    assert.equal(restricts(c('ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::1:role/x'), 'principal'), true);
    // A principal tag narrows the holders of an identity policy, but pins nobody in a "*" resource policy.
    assert.equal(restricts(c('StringEquals', 'aws:PrincipalTag/team', 'sec'), 'holder'), true);
    assert.equal(restricts(c('StringEquals', 'aws:PrincipalTag/team', 'sec'), 'principal'), false);
    assert.equal(restricts(c('StringEquals', 'aws:SourceArn', 'x'), 'source'), true);
    assert.equal(restricts(c('StringEquals', 'aws:SourceAccount', '1'), 'source'), true);
    assert.equal(restricts(c('StringEquals', 's3:x-amz-acl', 'bucket-owner-full-control'), 'source'), false);
    assert.equal(restricts(c('Bool', 'aws:SecureTransport', 'false'), 'secure-transport'), true);
    assert.equal(restricts(c('Bool', 'aws:SecureTransport', 'true'), 'secure-transport'), false);
  });
  it('lets a Deny take back a grant asked about without a resource only where it covers all of it', () => {
    const { doc } = bucketPolicy(`          - Effect: Allow
            Action: [cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail]
            Resource: '*'
          - Effect: Allow
            Action: cloudtrail:PutEventSelectors
            Resource: !Sub 'arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/app'
          - Effect: Deny
            Action: cloudtrail:StopLogging
            Resource: !Sub 'arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/app'
          - Effect: Deny
            Action: [cloudtrail:DeleteTrail, cloudtrail:PutEventSelectors]
            Resource: arn:aws:cloudtrail:*:*:trail/*
          - Effect: Deny
            Action: cloudtrail:UpdateTrail
            NotResource: arn:aws:cloudtrail:*:*:trail/sandbox`);
    const within = 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*';
    const granted = (action: string, withinPattern?: string) =>
      grants(doc, { action, ...(withinPattern ? { within: withinPattern } : {}) }).map((g) => [
        doc.statements.indexOf(g.statement),
        g.covers,
      ]);
    // A Deny on one trail leaves the Allow on '*' standing for the other trails.
    assert.deepEqual(granted('cloudtrail:StopLogging', within), [[0, 'yes']]);
    // A Deny on every trail covers an Allow on '*' once the rule says the action acts on trails only…
    assert.deepEqual(granted('cloudtrail:DeleteTrail', within), []);
    // …and without that, only a Deny on '*' would.
    assert.deepEqual(granted('cloudtrail:DeleteTrail'), [[0, 'yes']]);
    // An Allow on one trail, denied on every trail.
    assert.deepEqual(granted('cloudtrail:PutEventSelectors', within), []);
    // NotResource excludes a trail from the Deny: the Allow stands for it.
    assert.deepEqual(granted('cloudtrail:UpdateTrail', within), [[0, 'yes']]);
  });

  it('leaves an Allow as maybe when a Deny that might cover it cannot be read', () => {
    const { doc, arn } = bucketPolicy(`          - Effect: Allow
            Principal: '*'
            Action: s3:DeleteObject
            Resource: '*'
          - Effect: Deny
            Principal: '*'
            Action: s3:DeleteObject
            Resource: !Sub '\${Unknown}/*'
          - Effect: Deny
            Principal: '*'
            Action: s3:PutObject
            Resource: '*'
            Condition: !If [IsProd, { Bool: { aws:SecureTransport: 'false' } }, !Ref AWS::NoValue]
          - Effect: Allow
            Principal: '*'
            Action: s3:PutObject
            Resource: '*'`);
    const who = { anyone: true } as const;
    assert.deepEqual(
      grants(doc, { action: 's3:DeleteObject', resource: `${arn}/x`, principal: who }).map((g) => g.covers),
      ['maybe'],
    );
    assert.deepEqual(
      grants(doc, { action: 's3:DeleteObject', principal: who }).map((g) => g.covers),
      ['maybe'],
    );
    // A Deny whose condition block is computed may not apply.
    assert.deepEqual(
      grants(doc, { action: 's3:PutObject', resource: `${arn}/x`, principal: who }).map((g) => g.covers),
      ['maybe'],
    );
  });

  it('answers for a resource pattern only what holds for every ARN it stands for', () => {
    const { doc, arn } = bucketPolicy(`          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: !Sub '\${Logs.Arn}/*'
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: !Sub '\${Logs.Arn}/team-a/*'
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            Resource: arn:aws:s3:::other-bucket/*
          - Effect: Deny
            Principal: '*'
            Action: s3:*
            NotResource: !Sub '\${Logs.Arn}/team-a/*'`);
    const [all, teamA, other, notTeamA] = doc.statements as [never, never, never, never];
    const logFile = { action: 's3:GetObject', resource: `${arn}/*AWSLogs/x`, resourceIsPattern: true };
    assert.equal(covers(all, logFile), 'yes');
    assert.equal(covers(teamA, logFile), 'maybe');
    assert.equal(covers(other, logFile), 'no');
    assert.equal(covers(notTeamA, logFile), 'maybe');
    // The same ARN, known: the usual answers.
    const known = { action: 's3:GetObject', resource: `${arn}/team-a/AWSLogs/x` };
    assert.equal(covers(teamA, known), 'yes');
    assert.equal(covers(notTeamA, known), 'no');
  });
});
