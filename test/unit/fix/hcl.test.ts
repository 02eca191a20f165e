// The Terraform fix writer on a resource's own attributes: values replaced or inserted the way
// `terraform fmt` aligns them, removed as whole lines, and nothing written where the value is not the
// module's to change.
import { strict as assert } from 'node:assert';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { hclShape } from '../../helpers/hcl-shape';
import { attrOf, blockOf, common, fixed, runFix } from '../../helpers/hcl-fix';
import type { FixIntent } from '../../../server/src/engine/fix/intents';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const set = (resource: string, name: string, value: boolean | number | string): FixIntent => ({
  ...common,
  kind: 'set',
  resource,
  path: ['Properties', name],
  value,
});

const TRAIL = `resource "aws_cloudtrail" "main" {
  name           = "org"
  s3_bucket_name = aws_s3_bucket.logs.id
  is_multi_region_trail = false

  event_selector {
    read_write_type = "All"
  }
}
`;

describe('Terraform fix writer: attributes', () => {
  it('replaces a value where it is written, and only the value', () => {
    const result = runFix(
      reader,
      { 'main.tf': TRAIL },
      set('aws_cloudtrail.main', 'IsMultiRegionTrail', true),
    );
    const at = TRAIL.indexOf('false');
    assert.deepEqual(result?.edits, [{ file: 'main.tf', start: at, end: at + 5, newText: 'true' }]);
    const trail = blockOf(reader.read(result.files['main.tf'] as string), 'aws_cloudtrail', 'main');
    assert.equal(hclShape(attrOf(trail, 'is_multi_region_trail').value), true);
  });

  it('inserts into an aligned group, padding the shorter name to its column', () => {
    const text = `resource "aws_cloudtrail" "main" {
  name                  = "org"
  is_multi_region_trail = true
}
`;
    assert.equal(
      fixed(reader, text, set('aws_cloudtrail.main', 'IsLogging', true)),
      `resource "aws_cloudtrail" "main" {
  name                  = "org"
  is_multi_region_trail = true
  enable_logging        = true
}
`,
    );
  });

  it('re-aligns the group when the new name is wider, editing only the space before each =', () => {
    const text = `resource "aws_cloudtrail" "main" {
  name           = "org" # the org trail
  s3_bucket_name = "logs"

  insight_selector {}
}
`;
    const result = runFix(
      reader,
      { 'main.tf': text },
      set('aws_cloudtrail.main', 'EnableLogFileValidation', true),
    );
    const before = (needle: string): number => text.indexOf(needle);
    assert.deepEqual(result?.edits, [
      { file: 'main.tf', start: before('= "org"'), end: before('= "org"'), newText: ' '.repeat(12) },
      { file: 'main.tf', start: before('= "logs"'), end: before('= "logs"'), newText: ' '.repeat(12) },
      {
        file: 'main.tf',
        start: before('\n\n') + 1,
        end: before('\n\n') + 1,
        newText: '  enable_log_file_validation = true\n',
      },
    ]);
    assert.equal(
      result.files['main.tf'],
      `resource "aws_cloudtrail" "main" {
  name                       = "org" # the org trail
  s3_bucket_name             = "logs"
  enable_log_file_validation = true

  insight_selector {}
}
`,
    );
  });

  it('inserts after the attributes at the top, before nested blocks', () => {
    assert.equal(
      fixed(reader, TRAIL, set('aws_cloudtrail.main', 'KMSKeyId', 'arn:aws:kms:us-east-1:1:key/k')),
      `resource "aws_cloudtrail" "main" {
  name           = "org"
  s3_bucket_name = aws_s3_bucket.logs.id
  is_multi_region_trail = false
  kms_key_id            = "arn:aws:kms:us-east-1:1:key/k"

  event_selector {
    read_write_type = "All"
  }
}
`,
    );
  });

  it('adds to a block that has only nested blocks at its end, and opens an empty one', () => {
    const text = `resource "aws_cloudtrail" "main" {
  event_selector {
    read_write_type = "All"
  }
}

resource "aws_kms_key" "k" {}
`;
    const trail = fixed(reader, text, set('aws_cloudtrail.main', 'IncludeGlobalServiceEvents', true));
    assert.equal(trail, text.replace('  }\n}', '  }\n\n  include_global_service_events = true\n}'));
    const key = fixed(reader, text, set('aws_kms_key.k', 'EnableKeyRotation', true));
    assert.equal(key, text.replace('"k" {}', '"k" {\n  enable_key_rotation = true\n}'));
  });

  it('sets a log group retention and keeps CRLF line breaks', () => {
    const text = 'resource "aws_cloudwatch_log_group" "trail" {\r\n  name = "trail"\r\n}\r\n';
    assert.equal(
      fixed(reader, text, set('aws_cloudwatch_log_group.trail', 'RetentionInDays', 365)),
      'resource "aws_cloudwatch_log_group" "trail" {\r\n  name              = "trail"\r\n  retention_in_days = 365\r\n}\r\n',
    );
  });

  it('removes an attribute as a whole line, re-aligning nothing', () => {
    const text = `resource "aws_cloudtrail" "main" {
  name                  = "org"
  is_multi_region_trail = true
  kms_key_id            = "k"
}
`;
    const intent: FixIntent = {
      ...common,
      kind: 'remove',
      resource: 'aws_cloudtrail.main',
      path: ['Properties', 'KMSKeyId'],
    };
    assert.equal(fixed(reader, text, intent), text.replace('  kms_key_id            = "k"\n', ''));
  });

  it('writes the log group ARN with the :* CloudTrail wants', () => {
    const text = `resource "aws_cloudwatch_log_group" "trail" {}

resource "aws_cloudtrail" "main" {
  name = "org"
}
`;
    const intent: FixIntent = {
      ...common,
      kind: 'set',
      resource: 'aws_cloudtrail.main',
      path: ['Properties', 'CloudWatchLogsLogGroupArn'],
      value: { $ref: 'aws_cloudwatch_log_group.trail', attribute: 'Arn' },
    };
    assert.ok(
      fixed(reader, text, intent).includes(
        '  name                       = "org"\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n',
      ),
    );
  });

  it("declines what is not the module's to change", () => {
    const variable = 'resource "aws_cloudtrail" "main" {\n  is_multi_region_trail = var.multi\n}\n';
    assert.equal(
      runFix(reader, { 'main.tf': variable }, set('aws_cloudtrail.main', 'IsMultiRegionTrail', true)),
      undefined,
    );
    const conditional =
      'resource "aws_cloudtrail" "main" {\n  is_multi_region_trail = local.x ? true : false\n}\n';
    assert.equal(
      runFix(reader, { 'main.tf': conditional }, set('aws_cloudtrail.main', 'IsMultiRegionTrail', true)),
      undefined,
    );
    const twice = 'resource "aws_cloudtrail" "main" {}\n';
    assert.equal(
      runFix(
        reader,
        { 'a.tf': twice, 'b.tf': twice },
        set('aws_cloudtrail.main', 'IsMultiRegionTrail', true),
      ),
      undefined,
    );
    const broken = 'resource "aws_cloudtrail" "main" {\n  name = \n  is_multi_region_trail = false\n}\n';
    const files = [{ file: 'main.tf', text: broken, hcl: reader.read(broken) }];
    assert.ok(files[0]?.hcl.problems.length);
    assert.equal(
      runFix(reader, { 'main.tf': broken }, set('aws_cloudtrail.main', 'IsMultiRegionTrail', true)),
      undefined,
    );
    assert.equal(
      runFix(reader, { 'main.tf': TRAIL }, set('aws_cloudtrail.other', 'IsMultiRegionTrail', true)),
      undefined,
    );
  });
});
