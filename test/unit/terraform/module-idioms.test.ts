// Idioms of published Terraform modules that decide what a rule may claim: an empty string for "no key",
// `condition ? value : null`, resources addressed by `[count.index]`, and the provider's older inline blocks.
// Each case is one a trail-lint user met in a real module, reduced to its essence.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { FIXTURES } from '../../helpers/paths';
import { findingLines, lintModuleFiles, type ModuleFiles } from '../../helpers/terraform-lint';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const hits = (files: ModuleFiles, rules: string[], reportUnverified = false): string[] =>
  findingLines(files, lintModuleFiles(reader, files, { reportUnverified }), rules);

const trail = (attrs: string): string =>
  'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "b"\n' + attrs + '}\n';

describe('Terraform module idioms', () => {
  describe('an empty string where an argument names a key, role or log group', () => {
    it('is unset, as the provider leaves it out of the API call (CT004, CT005, CW002)', () => {
      const files = {
        'main.tf':
          'resource "aws_cloudwatch_log_group" "lg" {\n' + // 1
          '  name              = "ct"\n' +
          '  retention_in_days = 365\n' +
          '  kms_key_id        = ""\n' + // 4
          '}\n' +
          trail(
            '  kms_key_id                 = ""\n' + // 9
              '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.lg.arn}:*"\n' + // 10
              '  cloud_watch_logs_role_arn  = ""\n',
          ),
      };
      assert.deepEqual(hits(files, ['CT004', 'CT005', 'CW002']), [
        'CT004@main.tf:9',
        'CT005@main.tf:10',
        'CW002@main.tf:1',
      ]);
    });

    it('is unset when it is a variable default, and the message names the variable', () => {
      const files = {
        'main.tf': trail('  kms_key_id = var.kms_key_id\n'),
        'variables.tf': 'variable "kms_key_id" {\n  default = ""\n}\n',
      };
      const [finding] = lintModuleFiles(reader, files).filter((f) => f.ruleId === 'CT004');
      assert.ok(finding);
      assert.match(finding.message, /^kms_key_id is not set: /);
      assert.match(finding.message, /default of variable "kms_key_id"/);
      // A default is the author's switch: its fix is offered, never applied by fix-all.
      assert.ok(finding.fixes.every((f) => !f.safe));
    });

    it('is not judged from its default when terraform.tfvars.json sets it', () => {
      const files = {
        'main.tf': trail('  kms_key_id = var.kms_key_id\n'),
        'variables.tf': 'variable "kms_key_id" {\n  default = ""\n}\n',
        'terraform.tfvars.json': '{ "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k" }',
      };
      assert.deepEqual(hits(files, ['CT004']), []);
    });

    it('is still a name when anything else is written', () => {
      const files = { 'main.tf': trail('  kms_key_id = " "\n') };
      assert.deepEqual(hits(files, ['CT004']), []);
    });
  });

  describe('a conditional', () => {
    const module = (kms: string): ModuleFiles => ({
      'main.tf':
        'variable "encrypt" {\n  type    = bool\n  default = false\n}\n' + trail(`  kms_key_id = ${kms}\n`),
    });

    it('with a key in one branch and null in the other cannot be verified: a note, never a finding', () => {
      const files = module('var.encrypt ? "arn:aws:kms:us-east-1:111122223333:key/k" : null');
      assert.deepEqual(hits(files, ['CT004']), []);
      assert.deepEqual(hits(files, ['CT004'], true), ['CT004?@main.tf:8']);
      const [note] = lintModuleFiles(reader, files, { reportUnverified: true }).filter(
        (f) => f.ruleId === 'CT004',
      );
      assert.match(note?.message ?? '', /kms_key_id depends on condition var\.encrypt\./);
    });

    it('whose branches agree is judged by what they say', () => {
      assert.deepEqual(hits(module('var.encrypt ? null : ""'), ['CT004']), ['CT004@main.tf:8']);
      assert.deepEqual(
        hits(
          module('var.encrypt ? "arn:aws:kms:us-east-1:1:key/a" : "arn:aws:kms:us-east-1:1:key/b"'),
          ['CT004'],
          true,
        ),
        [],
      );
    });

    it('with a literal condition takes its branch', () => {
      assert.deepEqual(hits(module('false ? "arn:aws:kms:us-east-1:111122223333:key/k" : null'), ['CT004']), [
        'CT004@main.tf:8',
      ]);
      assert.deepEqual(
        hits(module('true ? "arn:aws:kms:us-east-1:111122223333:key/k" : null'), ['CT004'], true),
        [],
      );
    });

    it('never links through an empty name: two names that may both be empty are not one bucket', () => {
      const files = {
        'main.tf':
          'variable "trail_bucket" {\n  default = ""\n}\n' +
          'variable "access_log_bucket" {\n  default = ""\n}\n' +
          'resource "aws_cloudtrail" "t" {\n' +
          '  name           = "t"\n' +
          '  s3_bucket_name = var.trail_bucket != "" ? var.trail_bucket : "acme-trail-logs"\n' +
          '}\n' +
          'resource "aws_s3_bucket" "trail" {\n' + // 11
          '  bucket = var.trail_bucket != "" ? var.trail_bucket : "acme-trail-logs"\n' +
          '}\n' +
          'resource "aws_s3_bucket" "access_logs" {\n' + // 14
          '  bucket = var.access_log_bucket != "" ? var.access_log_bucket : "acme-access-logs"\n' +
          '}\n',
      };
      assert.deepEqual(hits(files, ['S3004']), ['S3004@main.tf:11']);
    });

    it('in a chain is read as Terraform reads it, from the right', () => {
      const chain = 'var.encrypt ? "arn:aws:kms:us-east-1:1:key/a" : var.other != "" ? var.other : ""';
      const files = { 'main.tf': module(chain)['main.tf'] + 'variable "other" {\n  default = "x"\n}\n' };
      assert.deepEqual(hits(files, ['CT004']), []);
    });

    it('is named by its variable in .tf.json too', () => {
      const files = {
        'main.tf.json': JSON.stringify({
          variable: { encrypt: { default: false } },
          resource: {
            aws_cloudtrail: {
              t: {
                name: 't',
                s3_bucket_name: 'b',
                kms_key_id: '${var.encrypt ? "arn:aws:kms:us-east-1:1:key/a" : null}',
              },
            },
          },
        }),
      };
      const [note] = lintModuleFiles(reader, files, { reportUnverified: true }).filter(
        (f) => f.ruleId === 'CT004',
      );
      assert.match(note?.message ?? '', /kms_key_id depends on condition var\.encrypt\.$/);
    });

    it('translates each branch of a Terraform value CloudFormation spells otherwise', () => {
      const files = {
        'main.tf':
          'variable "prod" {\n  default = false\n}\n' +
          'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n  versioning {\n' +
          '    enabled = var.prod ? true : true\n  }\n}\n' +
          'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
      };
      const messages = lintModuleFiles(reader, files)
        .filter((f) => f.ruleId === 'S3004')
        .map((f) => f.message);
      assert.deepEqual(messages.length, 1);
      assert.match(messages[0] ?? '', /is versioned without MFA delete/);
    });

    it('in an advanced event selector leaves the selector unknown, never empty', () => {
      const files = {
        'main.tf':
          'variable "all" {\n  default = true\n}\n' +
          trail(
            '  advanced_event_selector {\n    name = "management"\n    field_selector {\n' +
              '      field  = "eventCategory"\n      equals = var.all ? ["Management"] : ["Management"]\n' +
              '    }\n  }\n',
          ),
      };
      assert.deepEqual(hits(files, ['CT007']), []);
    });

    it('links the trail to a bucket named in either branch', () => {
      const files = {
        'main.tf':
          'variable "external" {\n  default = false\n}\n' +
          'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n}\n' + // 4
          'resource "aws_cloudtrail" "t" {\n' +
          '  name           = "t"\n' +
          '  s3_bucket_name = var.external ? "elsewhere" : aws_s3_bucket.logs.id\n' + // 9
          '}\n',
      };
      assert.deepEqual(hits(files, ['CT010']), ['CT010@main.tf:9']);
    });
  });

  describe('a reference by a computed instance key', () => {
    it('names the resource, whichever instance it is', () => {
      const files = {
        'main.tf':
          'resource "aws_s3_bucket" "logs" {\n  count  = 1\n  bucket = "trail-logs"\n}\n' +
          'resource "aws_cloudtrail" "t" {\n' +
          '  count          = 1\n' +
          '  name           = "t"\n' +
          '  s3_bucket_name = aws_s3_bucket.logs[count.index].id\n' + // 8
          '}\n',
      };
      // (The bucket policy its fix would add must name an instance, which only the author can choose: the
      // fix is not offered; test/fixtures/fixes/CT010 records it.)
      assert.deepEqual(hits(files, ['CT010']), ['CT010@main.tf:8']);
    });

    it('into a list variable is an element chosen at plan time', () => {
      const files = {
        'main.tf':
          'variable "multi" {\n  default = [true]\n}\n' +
          trail('  count                 = 1\n  is_multi_region_trail = var.multi[count.index]\n'),
      };
      const notes = lintModuleFiles(reader, files, { reportUnverified: true }).filter(
        (f) => f.ruleId === 'CT001',
      );
      assert.equal(notes.length, 1);
      assert.match(notes[0]?.message ?? '', /depends on var\.multi\[…\], an element chosen at plan time\.$/);
    });
  });

  describe('a variable whose default is null', () => {
    const module = (resource: string): ModuleFiles => ({
      'main.tf':
        'variable "account_id" {\n  type    = string\n  default = null\n}\n' +
        'resource "aws_s3_bucket" "logs" {\n  bucket = "org-trail-logs"\n}\n' +
        'resource "aws_s3_bucket_policy" "logs" {\n' +
        '  bucket = aws_s3_bucket.logs.id\n' +
        '  policy = jsonencode({ Statement = [\n' + // 10
        '    { Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "s3:GetBucketAcl", Resource = aws_s3_bucket.logs.arn },\n' +
        `    { Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "s3:PutObject", Resource = ${resource} },\n` +
        '  ] })\n}\n' +
        trail('  kms_key_id     = var.account_id\n  depends_on     = [aws_s3_bucket_policy.logs]\n').replace(
          's3_bucket_name = "b"',
          's3_bucket_name = aws_s3_bucket.logs.id',
        ),
    });

    it('is unknown inside a string, which Terraform refuses to build: no claim about the grant', () => {
      const files = module('"${aws_s3_bucket.logs.arn}/AWSLogs/${var.account_id}/*"');
      assert.deepEqual(hits(files, ['CT010']), []);
      // A literal account that is not this one's prefix: the grant is judged, and misses the trail's files.
      const literal = module('"${aws_s3_bucket.logs.arn}/AWSLogs/123456789012/other/*"');
      assert.deepEqual(hits(literal, ['CT010']), ['CT010@main.tf:10']);
    });

    it('is unset on its own, as Terraform leaves a null argument out (CT004), and the finding says whose default', () => {
      const files = module('"${aws_s3_bucket.logs.arn}/AWSLogs/*"');
      assert.deepEqual(hits(files, ['CT004', 'CT010']), ['CT004@main.tf:18']);
      const ct004 = lintModuleFiles(reader, files).find((f) => f.ruleId === 'CT004');
      assert.match(
        ct004?.message ?? '',
        /\(The value is the default of variable "account_id"; -var or a \.tfvars file/,
      );
    });

    it('reads a boolean argument as unset, not as a string that is no boolean', () => {
      const files = {
        'main.tf':
          'variable "multi" {\n  type    = bool\n  default = null\n}\n' +
          trail('  is_multi_region_trail = var.multi\n'),
      };
      assert.deepEqual(hits(files, ['CT001'], true), ['CT001@main.tf:8']);
      const ct001 = lintModuleFiles(reader, files).find((f) => f.ruleId === 'CT001');
      assert.match(ct001?.message ?? '', /default of variable "multi"/);
    });
  });

  describe('a dynamic block', () => {
    const module = (declared: string, forEach = 'var.insights'): ModuleFiles => ({
      'main.tf':
        `variable "insights" {\n  default = ${declared}\n}\n` +
        trail(
          '  dynamic "insight_selector" {\n' +
            `    for_each = ${forEach}\n` +
            '    content {\n      insight_type = insight_selector.value\n    }\n  }\n',
        ),
    });

    it('over an empty default generates nothing: the setting is unset', () => {
      assert.deepEqual(hits(module('[]'), ['CT009']), ['CT009@main.tf:4']);
      assert.deepEqual(hits(module('{}'), ['CT009']), ['CT009@main.tf:4']);
      assert.deepEqual(hits(module('["ApiCallRateInsight"]', '[]'), ['CT009']), ['CT009@main.tf:4']);
    });

    it('of statements known only at plan time leaves the written statements judged, the list partial', () => {
      const folder = path.join(FIXTURES, 'terraform', 'rules', 'S3005', 'bad-beside-unknown-dynamic');
      const files = { 'main.tf': readFileSync(path.join(folder, 'main.tf'), 'utf8') };
      // The written statement's S3005 stands; what the dynamic block may add (the PutObject grant, a
      // Deny) is unknown, so neither a missing grant (CT010) nor a missing Deny (S3006) is claimed.
      assert.deepEqual(hits(files, ['S3005', 'CT010', 'S3006']), ['S3005@main.tf:15']);
    });

    it('over a collection known only at plan time is unknown, not unset', () => {
      assert.deepEqual(hits(module('[]', 'local.insights'), ['CT009']), []);
      assert.deepEqual(hits(module('[]', 'local.insights'), ['CT009'], true), ['CT009?@main.tf:4']);
      assert.deepEqual(hits(module('[]', 'aws_s3_bucket.x.tags'), ['CT009'], true), ['CT009?@main.tf:4']);
    });

    it('over a known collection writes one block per element, the content filled with its key and value', () => {
      // A variable's default, a local, a literal list, set or map: what Terraform writes is known.
      assert.deepEqual(hits(module('["ApiCallRateInsight"]'), ['CT009'], true), []);
      const selectors = (forEach: string, content: string, extra = ''): ModuleFiles => ({
        'main.tf':
          `locals {\n  modes = { reads = "ReadOnly" }\n}\n${extra}` + // 1-3
          trail(
            '  dynamic "event_selector" {\n' + // 7
              `    for_each = ${forEach}\n` +
              '    content {\n' +
              `${content}` + // 10
              '      include_management_events = true\n' +
              '    }\n  }\n',
          ),
      });
      const readOnly = (forEach: string, value: string, extra = ''): string[] =>
        hits(selectors(forEach, `      read_write_type = ${value}\n`, extra), ['CT007']);
      assert.deepEqual(readOnly('[true]', '"ReadOnly"'), ['CT007@main.tf:10']);
      assert.deepEqual(readOnly('["ReadOnly"]', 'event_selector.value'), ['CT007@main.tf:10']);
      assert.deepEqual(readOnly('toset(["ReadOnly"])', 'event_selector.key'), ['CT007@main.tf:10']);
      assert.deepEqual(readOnly('local.modes', 'event_selector.value'), ['CT007@main.tf:10']);
      assert.deepEqual(readOnly('{ ReadOnly = 1 }', 'event_selector.key'), ['CT007@main.tf:10']);
      assert.deepEqual(readOnly('[{ rw = "ReadOnly" }]', 'event_selector.value.rw'), ['CT007@main.tf:10']);
      assert.deepEqual(
        hits(selectors('[{ rw = "All" }]', '      iterator = sel\n      read_write_type = sel.value.rw\n'), [
          'CT007',
        ]),
        [],
      );
      assert.deepEqual(
        readOnly('var.modes', 'event_selector.value', 'variable "modes" {\n  default = ["ReadOnly"]\n}\n'),
        ['CT007@main.tf:13'],
      );
      // An element the content names but the collection lacks is unknown, never a guess.
      assert.deepEqual(readOnly('[{ rw = "ReadOnly" }]', 'event_selector.value.other'), []);
    });

    it("for a bucket's inline logging, computed by a condition, cannot be verified", () => {
      const files = {
        'main.tf':
          'variable "access_logging" {\n  default = true\n}\n' +
          'resource "aws_s3_bucket" "logs" {\n' +
          '  bucket = "trail-logs"\n' +
          '  dynamic "logging" {\n' + // 6
          '    for_each = var.access_logging ? [1] : []\n' +
          '    content {\n      target_bucket = "access-logs"\n    }\n' +
          '  }\n' +
          '}\n' +
          'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
      };
      assert.deepEqual(hits(files, ['S3003']), []);
      assert.deepEqual(hits(files, ['S3003'], true), ['S3003?@main.tf:6']);
      // The note names the inline block and what it depends on, as written.
      const note = lintModuleFiles(reader, files, { reportUnverified: true }).find(
        (f) => f.ruleId === 'S3003',
      );
      assert.match(
        note?.message ?? '',
        /: logging depends on the logging blocks a dynamic block writes for each of var\.access_logging \? \[1\] : \[\]\./,
      );
    });

    it('over a default that a tfvars file may replace is unknown', () => {
      const files = { ...module('[]'), 'terraform.tfvars': 'insights = ["ApiCallRateInsight"]\n' };
      assert.deepEqual(hits(files, ['CT009']), []);
      const json = { ...module('[]'), 'terraform.tfvars.json': '{ "insights": ["ApiCallRateInsight"] }' };
      assert.deepEqual(hits(json, ['CT009']), []);
    });

    it('over the older "${var.x}" spelling of an empty default generates nothing too', () => {
      assert.deepEqual(hits(module('[]', '"${var.insights}"'), ['CT009']), ['CT009@main.tf:4']);
    });

    it('in the JSON syntax ("dynamic": { "<name>": … }), alone or in a list, reads the same', () => {
      const json = (declared: string, forEach: string, list = false): ModuleFiles => {
        const block = `{ "for_each": ${forEach}, "content": { "insight_type": "\${insight_selector.value}" } }`;
        return {
          'main.tf.json': `{
  "variable": { "insights": { "default": ${declared} } },
  "resource": { "aws_cloudtrail": { "t": {
    "name": "t",
    "s3_bucket_name": "b",
    "dynamic": { "insight_selector": ${list ? `[${block}]` : block} }
  } } }
}
`,
        };
      };
      const finding = (files: ModuleFiles): string[] =>
        findingLines(files, lintModuleFiles(reader, files), ['CT009']).map((f) => f.split('@')[0] ?? '');
      assert.deepEqual(finding(json('[]', '"${var.insights}"')), ['CT009']);
      assert.deepEqual(finding(json('[]', '[]', true)), ['CT009']);
      assert.deepEqual(finding(json('["ApiCallRateInsight"]', '"${var.insights}"')), []);
      assert.deepEqual(finding(json('[]', '"${local.insights}"', true)), []);
    });
  });

  it('reads a lone interpolation as its expression, and says why that is unknown', () => {
    const files = { 'main.tf': trail('  include_global_service_events = "${var.igse}"\n') };
    const notes = lintModuleFiles(reader, files, { reportUnverified: true }).filter(
      (f) => f.ruleId === 'CT002',
    );
    assert.deepEqual(
      notes.map((f) => f.message),
      [
        'Could not verify that the trail includes global service events: include_global_service_events depends on var.igse, which this module does not declare.',
      ],
    );
  });

  it('spells the ARN of a bucket with a generated name as Terraform does: ${aws_s3_bucket.x.arn}', () => {
    const files = {
      'main.tf':
        'resource "aws_s3_bucket" "logs" {\n  bucket_prefix = "audit-logs-"\n}\n' +
        'resource "aws_s3_bucket_policy" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  policy = jsonencode({ Statement = [\n' +
        '    { Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "s3:GetBucketAcl", Resource = aws_s3_bucket.logs.arn },\n' +
        '    { Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "s3:PutObject", Resource = "${aws_s3_bucket.logs.arn}/AWSLogs/*" },\n' +
        '  ] })\n}\n' +
        trail('  s3_key_prefix  = "team-a"\n  depends_on     = [aws_s3_bucket_policy.logs]\n').replace(
          's3_bucket_name = "b"',
          's3_bucket_name = aws_s3_bucket.logs.id',
        ),
    };
    const message = (extra: string): string =>
      lintModuleFiles(reader, { 'main.tf': files['main.tf'] + extra }).find((f) => f.ruleId === 'CT010')
        ?.message ?? '';
    // The account id as the module reads it, through its own data source; a placeholder when it has none
    // (never a data source the module does not declare).
    assert.match(
      message('data "aws_caller_identity" "me" {}\n'),
      /s3:PutObject on \$\{aws_s3_bucket\.logs\.arn\}\/team-a\/AWSLogs\/\$\{data\.aws_caller_identity\.me\.account_id\}\/\*:/,
    );
    assert.match(
      message(''),
      /s3:PutObject on \$\{aws_s3_bucket\.logs\.arn\}\/team-a\/AWSLogs\/<account-id>\/\*:/,
    );
  });

  it('spells the partition of an ARN as the module does, or aws when it reads none', () => {
    const module = (extra: string): ModuleFiles => ({
      'main.tf':
        'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n}\n' +
        'resource "aws_s3_bucket_policy" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  policy = jsonencode({ Statement = [\n' +
        '    { Effect = "Allow", Principal = { Service = "cloudtrail.amazonaws.com" }, Action = "s3:PutObject", Resource = "${aws_s3_bucket.logs.arn}/AWSLogs/*" },\n' +
        '  ] })\n}\n' +
        trail('  depends_on     = [aws_s3_bucket_policy.logs]\n').replace(
          's3_bucket_name = "b"',
          's3_bucket_name = aws_s3_bucket.logs.id',
        ) +
        extra,
    });
    const message = (extra: string): string =>
      lintModuleFiles(reader, module(extra)).find((f) => f.ruleId === 'CT010')?.message ?? '';
    assert.match(message(''), /s3:GetBucketAcl on arn:aws:s3:::trail-logs\b/);
    assert.match(
      message('data "aws_partition" "here" {}\n'),
      /s3:GetBucketAcl on arn:\$\{data\.aws_partition\.here\.partition\}:s3:::trail-logs\b/,
    );
  });

  it('names the default retention S3007 misses in Terraform words, split resource or inline block', () => {
    const module = (lock: string): ModuleFiles => ({
      'main.tf':
        `resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n  object_lock_enabled = true\n${lock}}\n` +
        'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
    });
    const message = (files: ModuleFiles): string =>
      lintModuleFiles(reader, files).find((f) => f.ruleId === 'S3007')?.message ?? '';
    assert.match(
      message(module('')),
      /no default retention \(aws_s3_bucket_object_lock_configuration rule\.default_retention\)/,
    );
    const inline = '  object_lock_configuration {\n    object_lock_enabled = "Enabled"\n  }\n';
    assert.match(
      message(module(inline)),
      /no default retention \(object_lock_configuration\.rule\.default_retention\)/,
    );
  });

  it('takes a public access block whose bucket it cannot resolve as harmless when it turns all four on', () => {
    const module = (acls: string): ModuleFiles => ({
      'main.tf':
        'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n}\n' +
        'resource "aws_s3_bucket_public_access_block" "logs" {\n' +
        '  bucket                  = aws_s3_bucket_policy.logs.bucket\n' +
        `  block_public_acls       = ${acls}\n` +
        '  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n' +
        'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
    });
    // Whichever bucket it is for, that bucket ends as S3's default leaves one: all four on.
    assert.deepEqual(hits(module('true'), ['S3001'], true), []);
    // One setting off: it may be the log bucket's, which is then not verified, never reported.
    assert.deepEqual(hits(module('false'), ['S3001']), []);
    assert.equal(hits(module('false'), ['S3001'], true).length, 4);
  });

  it("names the lifecycle rule blocks as Terraform writes them (rule { }) in S3007's note", () => {
    const files = {
      'main.tf':
        'variable "rules" {\n  type = list(any)\n}\n' +
        'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n}\n' +
        'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n' +
        '  versioning_configuration {\n    status = "Enabled"\n  }\n}\n' +
        'resource "aws_s3_bucket_lifecycle_configuration" "logs" {\n  bucket = aws_s3_bucket.logs.id\n' +
        '  dynamic "rule" {\n    for_each = var.rules\n    content {\n      status = "Enabled"\n    }\n  }\n}\n' +
        'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
    };
    const [note] = lintModuleFiles(reader, files, { reportUnverified: true }).filter(
      (f) => f.ruleId === 'S3007',
    );
    assert.match(note?.message ?? '', /: aws_s3_bucket_lifecycle_configuration rule depends on /);
  });

  it('names the inline versioning block in messages about a bucket that uses it', () => {
    const files = {
      'main.tf':
        'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n  versioning {\n    enabled = true\n  }\n}\n' +
        'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
    };
    const [finding] = lintModuleFiles(reader, files).filter((f) => f.ruleId === 'S3004');
    assert.match(finding?.message ?? '', /\(versioning\.mfa_delete\)/);
    // Turned off, the block says so in its own words (the model's value is "Suspended").
    const off = { 'main.tf': files['main.tf'].replace('enabled = true', 'enabled = false') };
    const [suspended] = lintModuleFiles(reader, off).filter((f) => f.ruleId === 'S3004');
    assert.match(suspended?.message ?? '', /not versioned \(versioning\.enabled is false\)/);
  });
});
