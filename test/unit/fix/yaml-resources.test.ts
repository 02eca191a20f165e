// The YAML fix writer adding resources (with the intents that then refer to them), and the cases where it
// must refuse: text that does not parse, a resource that is not there, a path through an intrinsic.
import { strict as assert } from 'node:assert';
import type { FixIntent, FixValue, NewResource } from '../../../server/src/engine/fix/intents';
import { yamlFixEdits } from '../../../server/src/engine/fix/yaml';
import { check, FILE, insertion, intent, lines, offsetOf, readBack } from './yaml-helpers';

const TRAIL_KEY: NewResource = {
  id: 'TrailKey',
  type: 'AWS::KMS::Key',
  properties: {
    EnableKeyRotation: true,
    KeyPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowCloudTrailEncrypt',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringLike: {
              'kms:EncryptionContext:aws:cloudtrail:arn': {
                $sub: 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*',
              },
            },
          },
        },
      ],
    },
  },
};

const USE_KEY = intent({
  kind: 'set',
  resource: 'Trail',
  path: ['Properties', 'KMSKeyId'],
  value: { $ref: 'TrailKey', attribute: 'Arn' },
});

function addKey(then: FixIntent[] = [USE_KEY], resources: NewResource[] = [TRAIL_KEY]): FixIntent {
  return intent({ kind: 'add-resources', resources, then });
}

describe('YAML fix writer: add-resources', () => {
  const text = lines(
    'Resources:',
    '  Bucket:',
    '    Type: AWS::S3::Bucket',
    '',
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    '    Properties:',
    '      S3BucketName: !Ref Bucket',
    '      IsLogging: true',
    '',
  );
  const key = [
    '',
    '',
    '  TrailKey:',
    '    Type: AWS::KMS::Key',
    '    Properties:',
    '      EnableKeyRotation: true',
    '      KeyPolicy:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Sid: AllowCloudTrailEncrypt',
    '            Effect: Allow',
    '            Principal:',
    '              Service: cloudtrail.amazonaws.com',
    '            Action: kms:GenerateDataKey*',
    "            Resource: '*'",
    '            Condition:',
    '              StringLike:',
    "                kms:EncryptionContext:aws:cloudtrail:arn: !Sub 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*'",
  ].join('\n');

  it('adds the key after the last resource, then points the trail at it', () => {
    const end = offsetOf(text, 'IsLogging: true');
    const useKey = '\n      KMSKeyId: !GetAtt TrailKey.Arn';
    const after = check(
      text,
      addKey(),
      // The trail's new property comes first: both land where the last resource ends.
      [insertion(end, useKey), insertion(end, key)],
      text.replace('IsLogging: true', `IsLogging: true${useKey}${key}`),
    );
    assert.deepEqual(readBack(after, 'Trail', ['Properties', 'KMSKeyId']), { 'Fn::GetAtt': 'TrailKey.Arn' });
    assert.deepEqual(readBack(after, 'TrailKey', ['Properties', 'KeyPolicy', 'Statement', 0, 'Principal']), {
      Service: 'cloudtrail.amazonaws.com',
    });
    assert.equal(readBack(after, 'TrailKey', ['Type']), 'AWS::KMS::Key');
  });

  it('writes DependsOn and no blank line where resources are not separated by one', () => {
    const tight = text.replace('AWS::S3::Bucket\n\n', 'AWS::S3::Bucket\n');
    const topic: NewResource = {
      id: 'Topic',
      type: 'AWS::SNS::Topic',
      properties: {},
      dependsOn: ['Bucket'],
    };
    const added = '\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn:\n      - Bucket';
    check(
      tight,
      addKey([], [topic]),
      [insertion(offsetOf(tight, 'IsLogging: true'), added)],
      tight.replace('IsLogging: true', `IsLogging: true${added}`),
    );
  });

  it('refuses an id that exists, and a `then` that cannot apply', () => {
    assert.equal(yamlFixEdits(FILE, text, addKey([], [{ ...TRAIL_KEY, id: 'Bucket' }])), undefined);
    const elsewhere = intent({ kind: 'set', resource: 'Missing', path: ['Properties', 'X'], value: 1 });
    assert.equal(yamlFixEdits(FILE, text, addKey([elsewhere])), undefined);
  });
});

describe('YAML fix writer: refusals', () => {
  const text = lines(
    'Resources:',
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    '    Properties:',
    '      KMSKeyId: !If [UseKey, !Ref Key, !Ref AWS::NoValue]',
    '      EventSelectors: !If',
    '        - Detailed',
    '        - - ReadWriteType: All',
    '        - !Ref AWS::NoValue',
    '      InsightSelectors:',
    '        Fn::If: [Insights, [{ InsightType: ApiCallRateInsight }], !Ref AWS::NoValue]',
    "      Tags: !Sub 'not-a-list'",
    '',
  );
  const set = (path: (string | number)[], value: FixValue) =>
    intent({ kind: 'set', resource: 'Trail', path, value });

  it('refuses a text that does not parse', () => {
    const broken = 'Resources:\n  Trail: [\n    Type: x\n';
    assert.equal(yamlFixEdits(FILE, broken, set(['Properties', 'IsLogging'], true)), undefined);
  });

  it('refuses a resource that is not there', () => {
    assert.equal(
      yamlFixEdits(FILE, text, intent({ kind: 'set', resource: 'Nope', path: ['Properties'], value: {} })),
      undefined,
    );
  });

  it('refuses paths through intrinsics, and maps or lists where an intrinsic is written', () => {
    assert.equal(
      yamlFixEdits(FILE, text, set(['Properties', 'EventSelectors', 0, 'ReadWriteType'], true)),
      undefined,
    );
    assert.equal(
      yamlFixEdits(FILE, text, set(['Properties', 'InsightSelectors', 0, 'InsightType'], true)),
      undefined,
    );
    assert.equal(
      yamlFixEdits(FILE, text, set(['Properties', 'EventSelectors'], [{ ReadWriteType: 'All' }])),
      undefined,
    );
    assert.equal(yamlFixEdits(FILE, text, set(['Properties', 'Tags'], { Key: 'a' })), undefined);
    const append = intent({ kind: 'append', resource: 'Trail', path: ['Properties', 'Tags'], value: 'x' });
    assert.equal(yamlFixEdits(FILE, text, append), undefined);
    const remove = intent({
      kind: 'remove',
      resource: 'Trail',
      path: ['Properties', 'InsightSelectors', 'Fn::If'],
    });
    assert.equal(yamlFixEdits(FILE, text, remove), undefined);
  });

  it('refuses a path through a scalar', () => {
    assert.equal(yamlFixEdits(FILE, text, set(['Type', 'Name'], true)), undefined);
  });
});
