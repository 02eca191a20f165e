// The YAML fix writer on lists: appending (block lists at either sequence indent, flow lists, a scalar that
// becomes a list, a list that does not exist yet, an item already there) and replacing an item or a scalar,
// also by several items.
import { strict as assert } from 'node:assert';
import type { FixValue } from '../../../server/src/engine/fix/intents';
import { yamlFixEdits } from '../../../server/src/engine/fix/yaml';
import { check, edit, FILE, insertion, intent, lines, offsetOf, readBack } from './yaml-helpers';

const DENY_INSECURE: FixValue = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [{ $ref: 'Bucket', attribute: 'Arn' }, { $sub: '${Bucket.Arn}/*' }],
  Condition: { Bool: { 'aws:SecureTransport': false } },
};

describe('YAML fix writer: append', () => {
  const statements = ['Properties', 'PolicyDocument', 'Statement'];

  it('appends a statement to a block list with a 2-space sequence indent', () => {
    const text = lines(
      'Resources:',
      '  Policy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      Bucket: !Ref Bucket',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Principal:',
      '              Service: cloudtrail.amazonaws.com',
      '            Action: s3:GetBucketAcl',
      '            Resource: !GetAtt Bucket.Arn',
      '',
    );
    const added = [
      '',
      '          - Sid: DenyInsecureTransport',
      '            Effect: Deny',
      "            Principal: '*'",
      '            Action: s3:*',
      '            Resource:',
      '              - !GetAtt Bucket.Arn',
      "              - !Sub '${Bucket.Arn}/*'",
      '            Condition:',
      '              Bool:',
      '                aws:SecureTransport: false',
    ].join('\n');
    const after = check(
      text,
      intent({ kind: 'append', resource: 'Policy', path: statements, value: DENY_INSECURE }),
      [insertion(offsetOf(text, 'Bucket.Arn'), added)],
      text.replace('Resource: !GetAtt Bucket.Arn', `Resource: !GetAtt Bucket.Arn${added}`),
    );
    assert.deepEqual(readBack(after, 'Policy', [...statements, 1, 'Condition']), {
      Bool: { 'aws:SecureTransport': false },
    });
    // The same statement again is already there.
    assert.deepEqual(
      yamlFixEdits(
        FILE,
        after,
        intent({ kind: 'append', resource: 'Policy', path: statements, value: DENY_INSECURE }),
      ),
      [],
    );
  });

  it('appends at a 0-space sequence indent (`Statement:\\n- Effect: …`)', () => {
    const text = lines(
      'Resources:',
      '  Policy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '        - Effect: Allow',
      '          Action: s3:GetBucketAcl',
      '',
    );
    const added = '\n        - Effect: Deny\n          Action:\n          - s3:*';
    const after = check(
      text,
      intent({
        kind: 'append',
        resource: 'Policy',
        path: statements,
        value: { Effect: 'Deny', Action: ['s3:*'] },
      }),
      [insertion(offsetOf(text, 's3:GetBucketAcl'), added)],
      text.replace('s3:GetBucketAcl', `s3:GetBucketAcl${added}`),
    );
    assert.deepEqual(readBack(after, 'Policy', [...statements, 1]), { Effect: 'Deny', Action: ['s3:*'] });
  });

  it('turns a single statement map into a list', () => {
    const text = lines(
      'Resources:',
      '  Policy:',
      '    Type: AWS::S3::BucketPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          Effect: Allow',
      '          Action: s3:GetBucketAcl',
      '',
    );
    const first = offsetOf(text, 'Effect: Allow', true);
    const after = check(
      text,
      intent({
        kind: 'append',
        resource: 'Policy',
        path: statements,
        value: { Effect: 'Deny', Action: 's3:*' },
      }),
      [
        edit(first - 2, first, '- '),
        insertion(offsetOf(text, 's3:GetBucketAcl'), '\n        - Effect: Deny\n          Action: s3:*'),
      ],
      text
        .replace('          Effect: Allow', '        - Effect: Allow')
        .replace('s3:GetBucketAcl', 's3:GetBucketAcl\n        - Effect: Deny\n          Action: s3:*'),
    );
    assert.deepEqual(readBack(after, 'Policy', statements), [
      { Effect: 'Allow', Action: 's3:GetBucketAcl' },
      { Effect: 'Deny', Action: 's3:*' },
    ]);
  });

  const TRAIL = (dependsOn: string): string =>
    lines(
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      ...dependsOn.split('\n'),
      '    Properties:',
      '      S3BucketName: b',
      '',
    );
  const dependOn = (id: string) =>
    intent({ kind: 'append', resource: 'Trail', path: ['DependsOn'], value: id });

  it('appends to a flow list', () => {
    const text = TRAIL('    DependsOn: [A, B]');
    const after = check(
      text,
      dependOn('TrailKey'),
      [insertion(offsetOf(text, 'A, B'), ', TrailKey')],
      text.replace('[A, B]', '[A, B, TrailKey]'),
    );
    assert.deepEqual(readBack(after, 'Trail', ['DependsOn']), ['A', 'B', 'TrailKey']);
    assert.deepEqual(yamlFixEdits(FILE, text, dependOn('B')), []);
  });

  it('turns a scalar DependsOn into a block list, keeping its comment', () => {
    const text = TRAIL('    DependsOn: TrailBucketPolicy  # wait for the policy');
    const after = check(
      text,
      dependOn('TrailKey'),
      [
        edit(offsetOf(text, 'DependsOn:'), offsetOf(text, 'TrailBucketPolicy', true), '\n      - '),
        insertion(offsetOf(text, '# wait for the policy'), '\n      - TrailKey'),
      ],
      text.replace(
        '    DependsOn: TrailBucketPolicy  # wait for the policy',
        '    DependsOn:\n      - TrailBucketPolicy  # wait for the policy\n      - TrailKey',
      ),
    );
    assert.deepEqual(readBack(after, 'Trail', ['DependsOn']), ['TrailBucketPolicy', 'TrailKey']);
    assert.deepEqual(yamlFixEdits(FILE, text, dependOn('TrailBucketPolicy')), []);
  });

  it('turns a scalar DependsOn into a flow list in a file that writes flow lists', () => {
    const text = TRAIL('    DependsOn: TrailBucketPolicy').replace(
      'S3BucketName: b',
      'S3BucketName: b\n      EventSelectors: [{ ReadWriteType: All }]',
    );
    const at = offsetOf(text, 'TrailBucketPolicy', true);
    check(
      text,
      dependOn('TrailKey'),
      [insertion(at, '['), insertion(at + 'TrailBucketPolicy'.length, ', TrailKey]')],
      text.replace('TrailBucketPolicy', '[TrailBucketPolicy, TrailKey]'),
    );
  });

  it('creates DependsOn right under Type when it is absent', () => {
    const text = TRAIL('    Condition: Enabled');
    const after = check(
      text,
      dependOn('TrailBucketPolicy'),
      [insertion(offsetOf(text, 'AWS::CloudTrail::Trail'), '\n    DependsOn:\n      - TrailBucketPolicy')],
      text.replace(
        'AWS::CloudTrail::Trail',
        'AWS::CloudTrail::Trail\n    DependsOn:\n      - TrailBucketPolicy',
      ),
    );
    assert.deepEqual(readBack(after, 'Trail', ['DependsOn']), ['TrailBucketPolicy']);
  });
});

describe('YAML fix writer: replace', () => {
  const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const READ_ONLY: FixValue = { $sub: 'arn:${AWS::Partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess' };
  const READ_ONLY_TEXT = "!Sub 'arn:${AWS::Partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess'";
  const NARROW: FixValue = ['cloudtrail:LookupEvents', 'cloudtrail:GetTrailStatus'];
  const ROLE = lines(
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      ManagedPolicyArns:',
    `        - ${ADMIN}`,
    '        - !Ref Boundary',
    '      Policies:',
    '        - PolicyName: trail',
    '          PolicyDocument:',
    '            Statement:',
    '              - Effect: Allow',
    '                Action: cloudtrail:*  # too broad',
    "                Resource: '*'",
    '              - Effect: Allow',
    '                Action:',
    '                  - s3:GetObject',
    '                  - cloudtrail:*',
    "                Resource: '*'",
    '',
  );
  const statement = (i: number) => ['Properties', 'Policies', 0, 'PolicyDocument', 'Statement', i, 'Action'];

  it('replaces a managed policy ARN in a block list', () => {
    const at = offsetOf(ROLE, ADMIN, true);
    const after = check(
      ROLE,
      intent({
        kind: 'replace',
        resource: 'Role',
        path: ['Properties', 'ManagedPolicyArns'],
        from: ADMIN,
        to: READ_ONLY,
      }),
      [edit(at, at + ADMIN.length, READ_ONLY_TEXT)],
      ROLE.replace(ADMIN, READ_ONLY_TEXT),
    );
    assert.deepEqual(readBack(after, 'Role', ['Properties', 'ManagedPolicyArns', 0]), {
      'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess',
    });
  });

  it('replaces a managed policy ARN in a flow list', () => {
    const text = lines(
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      `      ManagedPolicyArns: [${ADMIN}, !Ref Boundary]`,
      '',
    );
    const at = offsetOf(text, ADMIN, true);
    check(
      text,
      intent({
        kind: 'replace',
        resource: 'Role',
        path: ['Properties', 'ManagedPolicyArns'],
        from: ADMIN,
        to: READ_ONLY,
      }),
      [edit(at, at + ADMIN.length, READ_ONLY_TEXT)],
      text.replace(ADMIN, READ_ONLY_TEXT),
    );
  });

  it('turns a scalar into a list when replaced by several values, keeping its comment', () => {
    const start = offsetOf(ROLE, 'Action:');
    const end = offsetOf(ROLE, 'cloudtrail:*');
    const added =
      '\n                  - cloudtrail:LookupEvents\n                  - cloudtrail:GetTrailStatus';
    const after = check(
      ROLE,
      intent({ kind: 'replace', resource: 'Role', path: statement(0), from: 'cloudtrail:*', to: NARROW }),
      [edit(start, end, ''), insertion(offsetOf(ROLE, '# too broad'), added)],
      ROLE.replace('Action: cloudtrail:*  # too broad', `Action:  # too broad${added}`),
    );
    assert.deepEqual(readBack(after, 'Role', statement(0)), NARROW);
  });

  it('splices several values in place of one list item', () => {
    const at = ROLE.lastIndexOf('cloudtrail:*');
    const after = check(
      ROLE,
      intent({ kind: 'replace', resource: 'Role', path: statement(1), from: 'cloudtrail:*', to: NARROW }),
      [
        edit(
          at,
          at + 'cloudtrail:*'.length,
          'cloudtrail:LookupEvents\n                  - cloudtrail:GetTrailStatus',
        ),
      ],
      `${ROLE.slice(0, at)}cloudtrail:LookupEvents\n                  - cloudtrail:GetTrailStatus${ROLE.slice(at + 12)}`,
    );
    assert.deepEqual(readBack(after, 'Role', statement(1)), ['s3:GetObject', ...(NARROW as string[])]);
  });

  it('cannot replace what is not there', () => {
    const missing = intent({
      kind: 'replace',
      resource: 'Role',
      path: ['Properties', 'ManagedPolicyArns'],
      from: 'nope',
      to: 'x',
    });
    assert.equal(yamlFixEdits(FILE, ROLE, missing), undefined);
  });
});
