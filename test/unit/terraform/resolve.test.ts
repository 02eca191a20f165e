// Resolution within a Terraform module: variables with defaults from any file, locals, references to
// resources and their attributes, policy documents, file(); and what a module alone cannot tell
// (variables without default, module outputs, data sources, functions) never yields a violation.
import { strict as assert } from 'node:assert';
import type { LintOptions } from '../../../server/src/engine/findings';
import { lintTerraform } from '../../../server/src/engine/lint-terraform';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { findingLines, lintModuleFiles, type ModuleFiles } from '../../helpers/terraform-lint';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

type Files = ModuleFiles;

const lint = (files: Files, options: LintOptions = {}, readFile?: (p: string) => string | undefined) =>
  lintModuleFiles(reader, files, options, readFile);

/** `rule@file:line` of every finding of the given rules. */
const hits = (
  files: Files,
  rules: string[],
  options: LintOptions = {},
  readFile?: (p: string) => string | undefined,
) => findingLines(files, lint(files, options, readFile), rules);

const trail = (attrs: string) =>
  `resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n${attrs}\n}\n`;

describe('Terraform resolution', () => {
  it('takes a variable default from another file of the module, and says so in the message', () => {
    const files = {
      'main.tf': trail('  is_multi_region_trail = var.multi'),
      'variables.tf': 'variable "multi" {\n  default = false\n}\n',
    };
    const [finding] = lint(files).filter((f) => f.ruleId === 'CT001');
    assert.ok(finding);
    assert.equal(finding.at.file, 'main.tf');
    assert.match(finding.message, /default of variable "multi"; -var or a \.tfvars file may override it/);
    assert.deepEqual(
      finding.related.map((r) => r.at.file),
      ['variables.tf'],
    );
  });

  it('is silent on a variable without default, and says why when asked', () => {
    const files = {
      'main.tf': trail('  is_multi_region_trail = var.multi'),
      'v.tf': 'variable "multi" {}\n',
    };
    assert.deepEqual(hits(files, ['CT001']), []);
    const [note] = lint(files, { reportUnverified: true }).filter((f) => f.ruleId === 'CT001');
    assert.equal(note?.unverified, true);
    assert.match(note?.message ?? '', /variable "multi", which has no default/);
  });

  it('inlines locals, also ones built from other locals', () => {
    const files = {
      'main.tf': trail('  is_multi_region_trail = local.multi'),
      'locals.tf': 'locals {\n  off = false\n  multi = local.off\n}\n',
    };
    assert.deepEqual(hits(files, ['CT001']), ['CT001@main.tf:4']);
  });

  it('never claims a violation on module outputs, data sources, functions or conditionals', () => {
    for (const value of [
      'module.m.multi',
      'data.aws_ssm_parameter.p.value',
      'lookup(var.m, "k")',
      'var.a ? true : false',
    ]) {
      const files = {
        'main.tf': trail(`  is_multi_region_trail = ${value}`),
        'v.tf': 'variable "a" {}\nvariable "m" {}\n',
      };
      assert.deepEqual(hits(files, ['CT001']), [], value);
    }
  });

  it('follows .id and .bucket references from a trail to its bucket, and split resources to the bucket', () => {
    for (const ref of ['aws_s3_bucket.logs.id', 'aws_s3_bucket.logs.bucket']) {
      const files = {
        'main.tf': `resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = ${ref}\n}\n`,
        's3.tf':
          'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' +
          'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n',
      };
      assert.deepEqual(hits(files, ['S3004']), ['S3004@s3.tf:7'], ref);
    }
  });

  it('finds a split resource that names its bucket literally, and ignores one for a bucket elsewhere', () => {
    const files = {
      'main.tf':
        'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n',
      's3.tf':
        'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' +
        'resource "aws_s3_bucket_versioning" "other" {\n  bucket = "somebody-elses"\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n' +
        'resource "aws_s3_bucket_versioning" "logs" {\n  bucket = "logs"\n  versioning_configuration {\n    status = "Enabled"\n    mfa_delete = "Enabled"\n  }\n}\n',
    };
    assert.deepEqual(hits(files, ['S3004']), []);
  });

  it('makes a setting unknown, not absent, when a split resource names a bucket the module cannot resolve', () => {
    const files = {
      'main.tf':
        'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\nvariable "name" {}\n',
      's3.tf':
        'resource "aws_s3_bucket" "logs" {\n  bucket = var.name\n}\n' +
        'resource "aws_s3_bucket_public_access_block" "logs" {\n  bucket = module.names.logs\n  block_public_acls = false\n}\n',
    };
    assert.deepEqual(hits(files, ['S3001']), []);
    // One note per Block Public Access setting, each at the split resource.
    assert.deepEqual(hits(files, ['S3001'], { reportUnverified: true }), Array(4).fill('S3001?@s3.tf:4'));
  });

  it('skips resources with count = 0 and reads references to counted resources by index', () => {
    const files = {
      'main.tf':
        'resource "aws_cloudtrail" "off" {\n  count = 0\n  name = "x"\n  s3_bucket_name = "b"\n}\n' +
        'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.logs[0].id\n}\n' +
        'resource "aws_s3_bucket" "logs" {\n  count = 1\n  bucket = "logs"\n}\n',
    };
    const found = hits(files, ['CT001', 'S3003']);
    assert.deepEqual(found, ['CT001@main.tf:6', 'S3003@main.tf:10']);
  });

  it('reads a policy from jsonencode, a heredoc, a policy document and file(), naming the right lines', () => {
    const statement = '{ Effect = "Allow", Action = "cloudtrail:*", Resource = "*" }';
    const files = {
      'iam.tf':
        `resource "aws_iam_policy" "a" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [${statement}] })\n}\n` +
        'resource "aws_iam_policy" "b" {\n  policy = <<EOT\n{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}]}\nEOT\n}\n' +
        'resource "aws_iam_policy" "c" {\n  policy = data.aws_iam_policy_document.c.json\n}\n' +
        'data "aws_iam_policy_document" "c" {\n  statement {\n    actions   = ["cloudtrail:*"]\n    resources = ["*"]\n  }\n}\n' +
        'resource "aws_iam_policy" "d" {\n  policy = file("${path.module}/d.json")\n}\n',
    };
    const read = (p: string) =>
      p === './d.json'
        ? '{"Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}]}'
        : undefined;
    assert.deepEqual(hits(files, ['IAM002'], {}, read), [
      'IAM002@iam.tf:14',
      'IAM002@iam.tf:19',
      'IAM002@iam.tf:2',
      'IAM002@iam.tf:6',
    ]);
    // Without the file, the fourth policy is unknown: no claim.
    assert.deepEqual(hits(files, ['IAM002']), ['IAM002@iam.tf:14', 'IAM002@iam.tf:2', 'IAM002@iam.tf:6']);
    // jsonencode of a string is that string's JSON text, quotes and all: no document (IAM would refuse it).
    const twice = {
      'iam.tf':
        'resource "aws_iam_policy" "a" {\n  policy = jsonencode(<<EOT\n' +
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}]}\nEOT\n  )\n}\n',
    };
    assert.deepEqual(hits(twice, ['IAM002']), []);
  });

  it('judges a policy document no resource uses, unless it names principals (a resource policy)', () => {
    const files = {
      'iam.tf':
        'data "aws_iam_policy_document" "loose" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n' +
        'data "aws_iam_policy_document" "bucket" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n    principals {\n      type = "AWS"\n      identifiers = ["arn:aws:iam::111122223333:root"]\n    }\n  }\n}\n',
    };
    assert.deepEqual(hits(files, ['IAM002']), ['IAM002@iam.tf:3']);
  });

  it('reads each file alone when the folder declares one address twice (Terraform would refuse it)', () => {
    const files = {
      'a.tf': trail('  is_multi_region_trail = true').replace('"t"', '"example"'),
      'b.tf': trail('').replace('"t"', '"example"'),
    };
    assert.deepEqual(hits(files, ['CT001']), ['CT001@b.tf:1']);
  });

  it('reads resources it never judges by their header only: a reference into one is unresolved', () => {
    const files = {
      'main.tf':
        trail('  is_multi_region_trail = aws_ssm_parameter.multi.insecure_value') +
        'resource "aws_ssm_parameter" "multi" {\n  name = "multi"\n  type = "String"\n  insecure_value = "false"\n}\n',
    };
    assert.deepEqual(hits(files, ['CT001']), []);
    assert.deepEqual(hits(files, ['CT001'], { reportUnverified: true }), ['CT001?@main.tf:4']);
  });

  it('counts an alarm whose metric it cannot resolve as possibly watching the trail changes (no CW001)', () => {
    const pattern =
      '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }';
    const files = {
      'main.tf':
        'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.g.arn}:*"\n  cloud_watch_logs_role_arn = "arn:aws:iam::111122223333:role/r"\n}\n' +
        'resource "aws_cloudwatch_log_group" "g" {\n  name = "trail"\n}\n' +
        `resource "aws_cloudwatch_log_metric_filter" "f" {\n  name = "f"\n  log_group_name = aws_cloudwatch_log_group.g.name\n  pattern = "${pattern.replace(/"/g, '\\"')}"\n  metric_transformation {\n    name = "TrailChanges"\n    namespace = "CloudTrail"\n    value = "1"\n  }\n}\n` +
        'resource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_name = "a"\n  metric_name = var.metric\n  namespace = "CloudTrail"\n}\nvariable "metric" {}\n',
    };
    assert.deepEqual(hits(files, ['CW001']), []);
    // With the metric named, the alarm is matched by name; with another name, nothing alarms.
    const named = { 'main.tf': files['main.tf'].replace('var.metric', '"Other"') };
    assert.deepEqual(hits(named, ['CW001']), ['CW001@main.tf:7']);
  });

  describe('what the module cannot see is never a violation', () => {
    const bucketAndTrail =
      'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' +
      'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n  is_multi_region_trail = true\n}\n';
    const policy = (bucket: string) =>
      `resource "aws_s3_bucket_policy" "p" {\n  bucket = ${bucket}\n  policy = jsonencode({ Statement = [] })\n}\n`;

    it("a bucket policy whose bucket it cannot resolve may be the log bucket's", () => {
      const files = { 'main.tf': bucketAndTrail + policy('var.bucket') + 'variable "bucket" {}\n' };
      assert.deepEqual(hits(files, ['CT010', 'S3006']), []);
      // Named through a split resource's id, it is the bucket's: judged (an empty policy lacks the grants).
      const split =
        bucketAndTrail +
        'resource "aws_s3_bucket_public_access_block" "logs" {\n  bucket = aws_s3_bucket.logs.id\n}\n' +
        policy('aws_s3_bucket_public_access_block.logs.id');
      assert.deepEqual(hits({ 'main.tf': split }, ['CT010']), ['CT010@main.tf:4']);
    });

    it('a bucket given to a child module may get its policy and settings there', () => {
      const files = {
        'main.tf':
          bucketAndTrail +
          'module "hardening" {\n  source = "./hardening"\n  bucket = aws_s3_bucket.logs.id\n}\n',
      };
      assert.deepEqual(hits(files, ['CT010', 'S3001', 'S3003', 'S3004', 'S3006', 'S3007']), []);
      // The same module in Terraform's JSON syntax: its module call is read too.
      const json = {
        'main.tf.json': JSON.stringify({
          resource: {
            aws_s3_bucket: { logs: { bucket: 'logs' } },
            aws_cloudtrail: {
              t: { name: 't', s3_bucket_name: '${aws_s3_bucket.logs.id}', is_multi_region_trail: true },
            },
          },
          module: { hardening: { source: './hardening', bucket: '${aws_s3_bucket.logs.id}' } },
        }),
      };
      assert.deepEqual(hits(json, ['CT010', 'S3001', 'S3003', 'S3004', 'S3006', 'S3007']), []);
      // Without the call, the bucket's settings are judged.
      const withoutCall = { 'main.tf.json': json['main.tf.json'].replace(/,"module":.*\}$/, '}') };
      assert.notDeepEqual(hits(withoutCall, ['CT010', 'S3001', 'S3003', 'S3004', 'S3006', 'S3007']), []);
    });

    it('a trail that waits through a time_sleep, a local or a module is not told to add depends_on', () => {
      const base = bucketAndTrail.replace(
        'is_multi_region_trail = true',
        'is_multi_region_trail = true\n  depends_on = [time_sleep.wait]',
      );
      const sleep =
        'resource "time_sleep" "wait" {\n  depends_on = [aws_s3_bucket_policy.p]\n  create_duration = "10s"\n}\n' +
        policy('aws_s3_bucket.logs.id');
      const ct010 = (files: Files) =>
        lint(files).filter((f) => f.ruleId === 'CT010' && /depends_on/.test(f.message));
      assert.deepEqual(ct010({ 'main.tf': base + sleep }), []);
      const viaLocal =
        bucketAndTrail.replace('aws_s3_bucket.logs.id', 'local.bucket') +
        'locals {\n  bucket = aws_s3_bucket_policy.p.bucket\n}\n' +
        policy('aws_s3_bucket.logs.id');
      assert.deepEqual(ct010({ 'main.tf': viaLocal }), []);
      // Without any of these, the missing order is reported.
      assert.equal(ct010({ 'main.tf': bucketAndTrail + policy('aws_s3_bucket.logs.id') }).length, 1);
    });

    it('a policy document that something it does not read uses (an SCP) is not judged as an identity policy', () => {
      const doc =
        'data "aws_iam_policy_document" "scp" {\n  statement {\n    actions   = ["cloudtrail:*"]\n    resources = ["*"]\n  }\n}\n';
      const scp =
        'resource "aws_organizations_policy" "scp" {\n  name = "x"\n  content = data.aws_iam_policy_document.scp.json\n}\n';
      assert.deepEqual(hits({ 'main.tf': doc + scp }, ['IAM002']), []);
      assert.deepEqual(hits({ 'main.tf': doc }, ['IAM002']), ['IAM002@main.tf:3']);
    });
  });

  it('reads override files into the blocks they name, and tfvars as setting variables, judging neither', () => {
    const files = {
      'main.tf': trail('  is_multi_region_trail = var.multi\n  enable_log_file_validation = false'),
      'variables.tf': 'variable "multi" {\n  default = false\n}\n',
      'override.tf': 'resource "aws_cloudtrail" "t" {\n  enable_log_file_validation = true\n}\n',
    };
    assert.deepEqual(hits(files, ['CT001', 'CT003']), ['CT001@main.tf:4']);
    const withTfvars = { ...files, 'terraform.tfvars': 'multi = true\n' };
    assert.deepEqual(hits(withTfvars, ['CT001', 'CT003']), []);
  });

  it('leaves the settings of a split resource being typed unknown', () => {
    const files = {
      'main.tf':
        'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n}\n' +
        'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' +
        'resource "aws_s3_bucket_public_access_block" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  block_public_acls = true\n  ignore_public_acls =\n}\n',
    };
    const results = lintTerraform({
      files: Object.entries(files).map(([file, text]) => ({ file, text })),
      readHcl: reader.read,
    });
    const main = results.get('main.tf');
    assert.ok(main && main.problems.length > 0);
    assert.deepEqual(
      main.findings.filter((f) => f.ruleId === 'S3001'),
      [],
    );
  });

  it('still judges a trail below a resource it never reads while that resource is being typed', () => {
    // `ami =` before a `}` makes tree-sitter nest every later block in the instance's body; a body read by
    // its header only would hide the trail until the line is finished.
    for (const typing of [
      'resource "aws_instance" "web" {\n  ami =\n}\n',
      'data "aws_ami" "web" {\n  owners =\n}\n',
      'provider "aws" {\n  region =\n}\n',
    ]) {
      const text = typing + trail('  is_multi_region_trail = false');
      const results = lintTerraform({ files: [{ file: 'main.tf', text }], readHcl: reader.read });
      const main = results.get('main.tf');
      assert.ok(main && main.problems.length > 0, typing);
      assert.deepEqual(
        main.findings.filter((f) => f.ruleId === 'CT001').map((f) => text.slice(f.at.start, f.at.end)),
        ['is_multi_region_trail = false'],
        typing,
      );
    }
    // What is read by its header only in a clean file is so in a file being typed too, wherever it sits.
    const ssm = 'resource "aws_ssm_parameter" "multi" {\n  insecure_value = "false"\n}\n';
    for (const typing of [
      'provider "aws" {\n  region =\n}\n',
      'resource "aws_instance" "web" {\n  ami =\n}\n',
    ]) {
      const text = typing + ssm + trail('  is_multi_region_trail = aws_ssm_parameter.multi.insecure_value');
      const results = lintTerraform({ files: [{ file: 'main.tf', text }], readHcl: reader.read });
      assert.deepEqual(
        results.get('main.tf')?.findings.filter((f) => f.ruleId === 'CT003').length,
        1,
        `the trail is judged below ${typing}`,
      );
      assert.deepEqual(
        results.get('main.tf')?.findings.filter((f) => f.ruleId === 'CT001'),
        [],
        typing,
      );
    }
  });

  it('reads on past a block whose error swallows the rest of the file, and says which block is broken', () => {
    const lintText = (text: string) =>
      lintTerraform({ files: [{ file: 'main.tf', text }], readHcl: reader.read }).get('main.tf');
    const line = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
    const said = (text: string, pattern: RegExp) =>
      lintText(text)
        ?.problems.filter((p) => pattern.test(p.message))
        .map((p) => `${line(text, p.at.start)}: ${text.slice(p.at.start, p.at.end)}`);
    const BROKEN = /^Terraform syntax error in this block/;
    const below =
      trail('  is_multi_region_trail = false') + 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
    // A string left open and a stray `===` make tree-sitter read on to the end of the file.
    for (const typing of [
      'resource "aws_instance" "web" {\n  ami = "ami-1\n}\n',
      'resource "aws_instance" "web" {\n  ami = "a"\n  ===\n}\n',
      'resource "aws_s3_bucket" "typing" {\n  bucket = "logs\n}\n',
    ]) {
      const text = typing + below;
      const result = lintText(text);
      const trailLine = typing.split('\n').length;
      assert.deepEqual(
        result?.findings.filter((f) => f.ruleId === 'CT001').map((f) => line(text, f.at.start)),
        [trailLine + 3],
        typing,
      );
      // The bucket below is judged.
      assert.deepEqual(
        result?.findings.filter((f) => f.ruleId === 'S3007').map((f) => f.resource),
        ['aws_s3_bucket.b'],
        typing,
      );
      assert.deepEqual(said(text, BROKEN), [`1: ${typing.slice(0, typing.indexOf(' {'))}`], typing);
      for (const p of result?.problems ?? []) assert.ok(p.at.start < text.indexOf(below), p.message);
    }
    // tree-sitter may also read the block being typed as an error, or the whole file as one: the problems
    // then stop short of the block below, which is judged.
    for (const typing of ['locals {\n  a = "x\n}\n', 'resource "aws_instance" "web" {\n  ami = "a"\n}}\n']) {
      const text = typing + below;
      const result = lintText(text);
      assert.equal(result?.findings.filter((f) => f.ruleId === 'CT001').length, 1, typing);
      assert.ok(result && result.problems.length > 0, typing);
      for (const p of result?.problems ?? []) assert.ok(p.at.end < text.indexOf(below), p.message);
    }
    // A keyword typed above a block makes tree-sitter read both lines as one header, which Terraform
    // refuses: that line gets the problem, and the block below is read on its own.
    for (const typing of ['resource\n', 'data "aws_iam_policy_document"\n']) {
      const text = typing + below;
      assert.deepEqual(said(text, /must be on one line/), [`1: ${typing.trim()}`], typing);
      assert.equal(lintText(text)?.findings.filter((f) => f.ruleId === 'CT001').length, 1, typing);
    }
    // A header split elsewhere is a problem too, with nothing to read on from.
    const split = 'resource "aws_cloudtrail"\n  "t" {\n  name = "t"\n}\n';
    assert.deepEqual(said(split, /must be on one line/), ['1: resource "aws_cloudtrail"']);
    // A directive above the block below is read with it.
    const directive = '// a note\n# trail-lint-disable-next-line CT001 -- a regional trail\n';
    const suppressed = `resource "aws_instance" "web" {\n  ami = "ami-1\n}\n${directive}${below}`;
    assert.deepEqual(
      lintText(suppressed)
        ?.findings.filter((f) => f.ruleId === 'CT001' || f.ruleId === 'CT003')
        .map((f) => `${f.ruleId}${f.suppressed ? ' suppressed' : ''}`)
        .sort(),
      ['CT001 suppressed', 'CT003'],
    );
    // Blocks nested by a half-typed attribute are read (and lifted); a block in a heredoc or a comment is
    // text; a clean file has nothing to say.
    for (const fine of [
      'resource "aws_instance" "web" {\n  ami =\n}\n' + below,
      'resource "aws_instance" "web" {\n  user_data = <<EOT\nresource "x" "y" {\nEOT\n  ami =\n}\n' + below,
      '/*\nresource "x" "y" {\n*/\nresource "aws_instance" "web" {\n  ami =\n}\n' + below,
      below,
    ])
      assert.deepEqual(said(fine, /this block/), [], fine);
    // Read on a few times at most; past that, the block not read is named.
    const many = Array.from({ length: 6 }, (_, i) => `resource "aws_instance" "w${i}" {\n  ami = "a\n}\n`);
    const text = many.join('') + below;
    assert.deepEqual(said(text, BROKEN)?.length, 4);
    assert.deepEqual(said(text, /^trail-lint could not read this block/), [
      '16: resource "aws_instance" "w5" {',
    ]);
  });

  it('judges a trail below each of these half-typed lines', () => {
    const text = (typing: string) =>
      `resource "aws_instance" "web" {\n${typing}\n}\n${trail('  is_multi_region_trail = false')}`;
    // (A heredoc or a block comment left open holds the rest of the file, in Terraform too: not here.)
    const states = [
      '  ami =',
      '  ami = "',
      '  ami = "ami-1',
      '  ami = "${var.',
      '  ami = var.',
      '  ami = [',
      '  ami = [for x in y :',
      '  tags = {',
      '  ami = jsonencode(',
      '  ami = "a" +',
      '  ami = a ?',
      '  ami = "a"\n  ===',
      '}',
    ];
    for (const typing of states) {
      const results = lintTerraform({
        files: [{ file: 'main.tf', text: text(typing) }],
        readHcl: reader.read,
      });
      const main = results.get('main.tf');
      assert.ok(main && main.problems.length > 0, `a problem for ${typing}`);
      assert.equal(main.findings.filter((f) => f.ruleId === 'CT001').length, 1, `the trail below ${typing}`);
    }
  });

  it('does not judge a policy used as a permissions boundary as a grant', () => {
    const boundary =
      'resource "aws_iam_policy" "boundary" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';
    const role =
      'resource "aws_iam_role" "dev" {\n  name = "dev"\n  permissions_boundary = aws_iam_policy.boundary.arn\n}\n';
    assert.deepEqual(hits({ 'main.tf': boundary + role }, ['IAM002']), []);
    assert.deepEqual(hits({ 'main.tf': boundary }, ['IAM002']), ['IAM002@main.tf:2']);
  });
});
