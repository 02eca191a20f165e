// The CloudFormation YAML fix writer: exact edits and exact results per intent and per file style, and proof
// that every fixed file parses and reads back the value the fix meant.
import { strict as assert } from 'node:assert';
import type { FixIntent, FixValue } from '../../../server/src/engine/fix/intents';
import { yamlFixEdits } from '../../../server/src/engine/fix/yaml';
import { check, edit, FILE, insertion, intent, lines, offsetOf, readBack } from './yaml-helpers';

const TRAIL = lines(
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      IsMultiRegionTrail: false',
  '      S3BucketName: "old-bucket"',
  "      IsLogging: 'false'",
  '',
);

function setTrail(key: string, value: FixValue): FixIntent {
  return intent({ kind: 'set', resource: 'Trail', path: ['Properties', key], value });
}

describe('YAML fix writer: set', () => {
  it('replaces a scalar in its own span', () => {
    const at = offsetOf(TRAIL, 'IsMultiRegionTrail: ');
    const after = check(
      TRAIL,
      setTrail('IsMultiRegionTrail', true),
      [edit(at, at + 'false'.length, 'true')],
      TRAIL.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true'),
    );
    assert.equal(readBack(after, 'Trail', ['Properties', 'IsMultiRegionTrail']), true);
  });

  it('keeps the quote character of a string, and writes booleans plain', () => {
    const bucket = offsetOf(TRAIL, 'S3BucketName: ');
    const after = check(
      TRAIL,
      setTrail('S3BucketName', 'new-bucket'),
      [edit(bucket, bucket + '"old-bucket"'.length, '"new-bucket"')],
      TRAIL.replace('"old-bucket"', '"new-bucket"'),
    );
    assert.equal(readBack(after, 'Trail', ['Properties', 'S3BucketName']), 'new-bucket');
    const logging = offsetOf(TRAIL, 'IsLogging: ');
    check(
      TRAIL,
      setTrail('IsLogging', true),
      [edit(logging, logging + "'false'".length, 'true')],
      TRAIL.replace("'false'", 'true'),
    );
  });

  it('adds a missing key after the last entry, at a 2-space step', () => {
    const text = lines(
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties:',
      '      S3BucketName: b',
      '',
    );
    const after = check(
      text,
      setTrail('IsMultiRegionTrail', true),
      [insertion(offsetOf(text, 'S3BucketName: b'), '\n      IsMultiRegionTrail: true')],
      text.replace('S3BucketName: b', 'S3BucketName: b\n      IsMultiRegionTrail: true'),
    );
    assert.equal(readBack(after, 'Trail', ['Properties', 'IsMultiRegionTrail']), true);
  });

  it('adds nested blocks at a 4-space step, with the file’s sequence indent', () => {
    const text = lines(
      'Resources:',
      '    Trail:',
      '        Type: AWS::CloudTrail::Trail',
      '        Properties:',
      '            S3BucketName: b',
      '            EventSelectors:',
      '                - ReadWriteType: All',
      '',
    );
    const added = [
      '',
      '            InsightSelectors:',
      '                - InsightType: ApiCallRateInsight',
      '            AdvancedEventSelectors:',
      '                Name: x',
    ].join('\n');
    const after = check(
      text,
      intent({
        kind: 'set',
        resource: 'Trail',
        path: ['Properties'],
        value: {
          InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }],
          AdvancedEventSelectors: { Name: 'x' },
        },
      }),
      [insertion(offsetOf(text, 'ReadWriteType: All'), added)],
      text.replace('ReadWriteType: All', `ReadWriteType: All${added}`),
    );
    assert.deepEqual(readBack(after, 'Trail', ['Properties', 'InsightSelectors']), [
      { InsightType: 'ApiCallRateInsight' },
    ]);
  });

  it('keeps comments between entries and after the last one in place', () => {
    const text = lines(
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties:',
      '      # where logs go',
      '      S3BucketName: b # the bucket',
      '',
      '      # validation is off on purpose?',
      '      EnableLogFileValidation: false  # see ticket',
      '      # end of properties',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '',
    );
    const at = offsetOf(text, '# see ticket');
    const after = check(
      text,
      setTrail('IsMultiRegionTrail', true),
      [insertion(at, '\n      IsMultiRegionTrail: true')],
      text.replace('# see ticket', '# see ticket\n      IsMultiRegionTrail: true'),
    );
    assert.equal(readBack(after, 'Trail', ['Properties', 'IsMultiRegionTrail']), true);
  });

  it('writes CRLF line ends in a CRLF file', () => {
    const text = [
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties:',
      '      S3BucketName: b',
      '',
    ].join('\r\n');
    const after = check(
      text,
      setTrail('EventSelectors', [{ ReadWriteType: 'All' }]),
      [
        insertion(
          offsetOf(text, 'S3BucketName: b'),
          '\r\n      EventSelectors:\r\n        - ReadWriteType: All',
        ),
      ],
      text.replace(
        'S3BucketName: b',
        'S3BucketName: b\r\n      EventSelectors:\r\n        - ReadWriteType: All',
      ),
    );
    assert.ok(!/[^\r]\n/.test(after));
  });

  it('adds flow entries to flow properties', () => {
    const text = lines(
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties: { S3BucketName: b }',
      '',
    );
    const at = offsetOf(text, 'S3BucketName: b');
    const after = check(
      text,
      setTrail('EventSelectors', [{ ReadWriteType: 'All', IncludeManagementEvents: true }]),
      [insertion(at, ', EventSelectors: [{ ReadWriteType: All, IncludeManagementEvents: true }]')],
      text.replace('b }', 'b, EventSelectors: [{ ReadWriteType: All, IncludeManagementEvents: true }] }'),
    );
    assert.deepEqual(readBack(after, 'Trail', ['Properties', 'EventSelectors', 0, 'ReadWriteType']), 'All');
  });

  describe('references and Sub strings follow the document', () => {
    const doc = (bucket: string): string =>
      lines(
        'Resources:',
        '  Trail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Properties:',
        `      S3BucketName:${bucket}`,
        '',
      );
    const key = setTrail('KMSKeyId', { $ref: 'Key', attribute: 'Arn' });
    const group = setTrail('CloudWatchLogsLogGroupArn', {
      $sub: 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:trail:*',
    });
    const sub = "'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:trail:*'";

    it('short form where the document writes `!Ref`', () => {
      const text = doc(' !Ref Bucket');
      const at = offsetOf(text, '!Ref Bucket');
      const after = check(
        text,
        key,
        [insertion(at, '\n      KMSKeyId: !GetAtt Key.Arn')],
        `${text}      KMSKeyId: !GetAtt Key.Arn\n`,
      );
      assert.deepEqual(readBack(after, 'Trail', ['Properties', 'KMSKeyId']), { 'Fn::GetAtt': 'Key.Arn' });
      const withSub = check(
        text,
        group,
        [insertion(at, `\n      CloudWatchLogsLogGroupArn: !Sub ${sub}`)],
        `${text}      CloudWatchLogsLogGroupArn: !Sub ${sub}\n`,
      );
      assert.deepEqual(readBack(withSub, 'Trail', ['Properties', 'CloudWatchLogsLogGroupArn']), {
        'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:trail:*',
      });
    });

    it('short form where the document has no intrinsics at all', () => {
      const text = doc(' b');
      check(
        text,
        key,
        [insertion(offsetOf(text, ': b'), '\n      KMSKeyId: !GetAtt Key.Arn')],
        `${text}      KMSKeyId: !GetAtt Key.Arn\n`,
      );
    });

    it('long form where the document writes `Ref:`', () => {
      const text = doc('\n        Ref: Bucket');
      const at = offsetOf(text, 'Ref: Bucket');
      const after = check(
        text,
        key,
        [insertion(at, '\n      KMSKeyId:\n        Fn::GetAtt: [Key, Arn]')],
        `${text}      KMSKeyId:\n        Fn::GetAtt: [Key, Arn]\n`,
      );
      assert.deepEqual(readBack(after, 'Trail', ['Properties', 'KMSKeyId']), {
        'Fn::GetAtt': ['Key', 'Arn'],
      });
      check(
        text,
        group,
        [insertion(at, `\n      CloudWatchLogsLogGroupArn:\n        Fn::Sub: ${sub}`)],
        `${text}      CloudWatchLogsLogGroupArn:\n        Fn::Sub: ${sub}\n`,
      );
    });
  });

  it('merges a map into an existing one key by key', () => {
    const text = lines(
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      PublicAccessBlockConfiguration:',
      '        BlockPublicAcls: false',
      '        RestrictPublicBuckets: true',
      '      BucketName: logs',
      '',
    );
    const all = {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    };
    const acls = offsetOf(text, 'BlockPublicAcls: ');
    const after = check(
      text,
      intent({
        kind: 'set',
        resource: 'Bucket',
        path: ['Properties', 'PublicAccessBlockConfiguration'],
        value: all,
      }),
      [
        edit(acls, acls + 'false'.length, 'true'),
        insertion(
          offsetOf(text, 'RestrictPublicBuckets: true'),
          '\n        BlockPublicPolicy: true\n        IgnorePublicAcls: true',
        ),
      ],
      lines(
        'Resources:',
        '  Bucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        '      PublicAccessBlockConfiguration:',
        '        BlockPublicAcls: true',
        '        RestrictPublicBuckets: true',
        '        BlockPublicPolicy: true',
        '        IgnorePublicAcls: true',
        '      BucketName: logs',
        '',
      ),
    );
    assert.deepEqual(readBack(after, 'Bucket', ['Properties', 'PublicAccessBlockConfiguration']), all);
  });

  it('creates a missing Properties right under Type', () => {
    const text = lines(
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket # logs',
      '    DeletionPolicy: Retain',
      '',
    );
    const added = '\n    Properties:\n      PublicAccessBlockConfiguration:\n        BlockPublicAcls: true';
    const after = check(
      text,
      intent({
        kind: 'set',
        resource: 'Bucket',
        path: ['Properties', 'PublicAccessBlockConfiguration', 'BlockPublicAcls'],
        value: true,
      }),
      [insertion(offsetOf(text, '# logs'), added)],
      text.replace('# logs', `# logs${added}`),
    );
    assert.equal(
      readBack(after, 'Bucket', ['Properties', 'PublicAccessBlockConfiguration', 'BlockPublicAcls']),
      true,
    );
  });

  it('fills a key written without a value', () => {
    const text = lines('Resources:', '  Trail:', '    Type: AWS::CloudTrail::Trail', '    Properties:', '');
    const at = offsetOf(text, 'Properties:');
    check(
      text,
      setTrail('IsLogging', true),
      [insertion(at, '\n      IsLogging: true')],
      `${text.trimEnd()}\n      IsLogging: true\n`,
    );
  });
});

describe('YAML fix writer: remove', () => {
  it('deletes a block entry with its line', () => {
    const start = offsetOf(TRAIL, '      S3BucketName', true);
    const end = offsetOf(TRAIL, '"old-bucket"\n');
    check(
      TRAIL,
      intent({ kind: 'remove', resource: 'Trail', path: ['Properties', 'S3BucketName'] }),
      [edit(start, end, '')],
      TRAIL.replace('      S3BucketName: "old-bucket"\n', ''),
    );
  });

  it('deletes the last line of a file without a final line break', () => {
    const text = TRAIL.trimEnd();
    const start = offsetOf(text, '"old-bucket"');
    check(
      text,
      intent({ kind: 'remove', resource: 'Trail', path: ['Properties', 'IsLogging'] }),
      [edit(start, text.length, '')],
      text.slice(0, start),
    );
  });

  it('deletes a flow entry with its comma', () => {
    const text = lines(
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties: { S3BucketName: b, IsLogging: false, IsMultiRegionTrail: true }',
      '',
    );
    const remove = (key: string) => intent({ kind: 'remove', resource: 'Trail', path: ['Properties', key] });
    check(
      text,
      remove('IsLogging'),
      [edit(offsetOf(text, 'IsLogging', true), offsetOf(text, 'IsMultiRegionTrail', true), '')],
      text.replace('IsLogging: false, ', ''),
    );
    check(
      text,
      remove('IsMultiRegionTrail'),
      [edit(offsetOf(text, 'false'), offsetOf(text, 'IsMultiRegionTrail: true'), '')],
      text.replace(', IsMultiRegionTrail: true', ''),
    );
  });

  it('has nothing to do for an absent key', () => {
    assert.deepEqual(
      yamlFixEdits(
        FILE,
        TRAIL,
        intent({ kind: 'remove', resource: 'Trail', path: ['Properties', 'KMSKeyId'] }),
      ),
      [],
    );
    assert.deepEqual(
      yamlFixEdits(FILE, TRAIL, intent({ kind: 'remove', resource: 'Trail', path: ['Metadata', 'X'] })),
      [],
    );
  });
});
