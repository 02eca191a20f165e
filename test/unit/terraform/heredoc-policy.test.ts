// Policies written as JSON in a heredoc (`policy = <<EOF … EOF`): read as the JSON they are, every finding
// at the line of its statement, interpolations kept as Terraform fills them in; a heredoc that is not such
// JSON is read as text, as before.
import { strict as assert } from 'node:assert';
import { jsonHeredoc } from '../../../server/src/engine/terraform/lower-heredoc';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { findingLines, lintModuleFiles, type ModuleFiles } from '../../helpers/terraform-lint';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const hits = (files: ModuleFiles, rules: string[], reportUnverified = false): string[] =>
  findingLines(files, lintModuleFiles(reader, files, { reportUnverified }), rules);

const TRAIL =
  'resource "aws_cloudtrail" "t" {\n' + // 1
  '  name           = "t"\n' +
  '  s3_bucket_name = aws_s3_bucket.logs.id\n' +
  '  depends_on     = [aws_s3_bucket_policy.logs]\n' +
  '}\n' +
  'resource "aws_s3_bucket" "logs" {\n' + // 6
  '  bucket = "trail-logs"\n' +
  '}\n';

/** A bucket policy for the trail's bucket, its JSON given (it starts on line 11). */
const bucketPolicy = (marker: string, json: string): string =>
  TRAIL +
  'resource "aws_s3_bucket_policy" "logs" {\n' + // 9
  '  bucket = aws_s3_bucket.logs.id\n' +
  `  policy = <<${marker}\n` + // 11
  json +
  `${marker.replace('-', '')}\n}\n`;

/** Two statements of 6 lines each; their principals on the 3rd and 9th line. */
const GRANTS =
  '    {\n' +
  '      "Effect": "Allow",\n' +
  '      "Principal": {"Service": "cloudtrail.amazonaws.com"},\n' +
  '      "Action": "s3:GetBucketAcl",\n' +
  '      "Resource": "${aws_s3_bucket.logs.arn}"\n' +
  '    },\n' +
  '    {\n' +
  '      "Effect": "Allow",\n' +
  '      "Principal": {"Service": "cloudtrail.amazonaws.com"},\n' +
  '      "Action": "s3:PutObject",\n' +
  '      "Resource": "${aws_s3_bucket.logs.arn}/AWSLogs/*"\n' +
  '    }';

describe('Terraform policies written as heredoc JSON', () => {
  it("puts each finding on its statement's line, with the interpolated bucket ARN resolved", () => {
    const files = {
      'main.tf': bucketPolicy(
        'EOF',
        '{\n  "Version": "2012-10-17",\n  "Statement": [\n' + // 12, statements from 15
          GRANTS +
          ',\n    {\n' + // 27
          '      "Effect": "Allow",\n' +
          '      "Principal": "*",\n' + // 29
          '      "Action": "s3:GetObject",\n' +
          '      "Resource": "${aws_s3_bucket.logs.arn}/*"\n' +
          '    }\n  ]\n}\n',
      ),
    };
    // Both grants resolve to the trail's bucket: no CT010. Each finding is on the line that causes it.
    assert.deepEqual(hits(files, ['CT010', 'S3002', 'S3005']), [
      'S3002@main.tf:29',
      'S3005@main.tf:17',
      'S3005@main.tf:23',
    ]);
  });

  it('lets a directive above the policy attribute silence what is found inside the heredoc', () => {
    const json = '{\n  "Statement": [\n' + GRANTS + '\n  ]\n}\n';
    const files = { 'main.tf': bucketPolicy('EOF', json) };
    assert.deepEqual(hits(files, ['S3005']), ['S3005@main.tf:16', 'S3005@main.tf:22']);
    const directive =
      '  # trail-lint-disable-next-line S3005 -- the bucket is written only by this account\n';
    const suppressed = {
      'main.tf': bucketPolicy('EOF', json).replace('  policy = <<EOF', `${directive}  policy = <<EOF`),
    };
    const found = lintModuleFiles(reader, suppressed).filter((f) => f.ruleId === 'S3005');
    assert.equal(found.length, 2);
    assert.ok(found.every((f) => f.suppressed !== undefined));
  });

  it('reads an indented <<- heredoc and an interpolation that stands for a whole value', () => {
    const files = {
      'main.tf': bucketPolicy(
        '-EOF',
        '    {\n      "Statement": [\n' + // 12
          GRANTS.replace(/^/gm, '    ') + // 14
          ',\n        {\n' + // 26
          '          "Effect": "Allow",\n' +
          '          "Principal": "*",\n' + // 28
          '          "Action": "s3:GetObject",\n' +
          '          "Resource": ${jsonencode(["${aws_s3_bucket.logs.arn}/*"])}\n' +
          '        }\n      ]\n    }\n',
      ),
    };
    assert.deepEqual(hits(files, ['CT010', 'S3002', 'S3005']), [
      'S3002@main.tf:28',
      'S3005@main.tf:16',
      'S3005@main.tf:22',
    ]);
  });

  it('unescapes $${…} to the IAM policy variable it writes, and keeps each value where it is written', () => {
    const text =
      'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n' +
      '{"Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::$${aws:username}/*"}]}\nEOF\n}\n';
    const heredoc = reader.read(text).body.blocks[0]?.body.attributes[0]?.value;
    assert.equal(heredoc?.kind, 'heredoc');
    if (heredoc?.kind !== 'heredoc') return;
    const doc = jsonHeredoc(heredoc, text.slice(heredoc.start, heredoc.end), 100, () => {
      throw new Error('no interpolation to lower');
    });
    const statement = doc?.kind === 'map' ? doc.entries[0]?.value : undefined;
    const first = statement?.kind === 'seq' ? statement.items[0] : undefined;
    const resource = first?.kind === 'map' ? first.entries[1]?.value : undefined;
    assert.equal(resource?.kind === 'scalar' && resource.value, 'arn:aws:s3:::${aws:username}/*');
    // Offsets in the module text: the file's base (100) plus where the string is written, quotes included.
    const at = text.indexOf('"arn:');
    assert.deepEqual(
      [resource?.start, resource?.end],
      [100 + at, 100 + at + '"arn:aws:s3:::$${aws:username}/*"'.length],
    );
  });

  it('reads what it cannot place as text, located at the heredoc, as before', () => {
    const policy = (name: string, extra: string): string =>
      `resource "aws_iam_policy" "${name}" {\n  policy = <<EOF\n{\n` +
      '  "Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}],\n' +
      `  ${extra}\n}\nEOF\n}\n`;
    const files = {
      'main.tf':
        // An interpolation in a key (line 2), and `~` strip markers (line 10): read as text, found all the same.
        policy('key', '"${var.k}": 1') +
        policy('strip', '"Sid": "${~ var.k ~}"') +
        policy('plain', '"Sid": "${var.k}"') + // read as JSON: found on the statement's line (20)
        'variable "k" {\n  default = "x"\n}\n',
    };
    assert.deepEqual(hits(files, ['IAM002']), ['IAM002@main.tf:10', 'IAM002@main.tf:2', 'IAM002@main.tf:20']);
  });

  it('reads around a %{ for } loop that writes list items: they are unknown, the rest is judged', () => {
    const loop =
      '      "Resource": [\n' +
      '%{ for a in var.accounts ~}\n' +
      '        "${aws_s3_bucket.logs.arn}/AWSLogs/${a}/*",\n' +
      '%{ endfor ~}\n' +
      '        "${aws_s3_bucket.logs.arn}/AWSLogs/000000000000/*"\n' +
      '      ]\n';
    const files = {
      'main.tf':
        bucketPolicy(
          'EOF',
          '{\n  "Statement": [\n' + // 12
            GRANTS.replace(/ {6}"Resource": "\$\{aws_s3_bucket\.logs\.arn\}\/AWSLogs\/\*"\n/, loop) +
            '\n  ]\n}\n',
        ) + 'variable "accounts" {\n  default = ["111122223333"]\n}\n',
    };
    // The grants are read (S3005 on each principal); the loop's items are unknown, so whether the trail's
    // files are granted is not known: no CT010.
    assert.deepEqual(hits(files, ['CT010', 'S3005']), ['S3005@main.tf:16', 'S3005@main.tf:22']);
  });

  it('says why when a directive it cannot place leaves the policy unreadable', () => {
    const files = {
      'main.tf':
        'variable "admins" {\n  type = list(string)\n}\n' +
        'resource "aws_kms_key" "trail" {\n  policy = <<EOF\n' + // 4
        '{"Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*",\n' +
        '  "Principal": {"AWS": ["arn:aws:iam::111122223333:root"%{ for a in var.admins },"${a}"%{ endfor }]}}]}\n' +
        'EOF\n}\n' +
        'resource "aws_cloudtrail" "t" {\n  name = "t"\n  s3_bucket_name = "b"\n  kms_key_id = aws_kms_key.trail.arn\n}\n',
    };
    const notes = lintModuleFiles(reader, files, { reportUnverified: true }).filter(
      (f) => f.ruleId === 'KMS002',
    );
    assert.deepEqual(
      notes.map((f) => f.message),
      [
        'Could not verify that the key policy lets CloudTrail encrypt: policy depends on a template directive (%{ for } or %{ if }), whose text depends on values.',
      ],
    );
  });

  it('makes no claim on a heredoc whose JSON is broken, or whose value Terraform computes', () => {
    const files = {
      'main.tf':
        'resource "aws_iam_policy" "broken" {\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"}\nEOF\n}\n' +
        'resource "aws_iam_policy" "computed" {\n  policy = <<EOF\n{"Statement": [{"Effect": "Allow", "Action": ${jsonencode(var.actions)}, "Resource": "*"}]}\nEOF\n}\n' +
        'variable "actions" {\n  type = list(string)\n}\n',
    };
    assert.deepEqual(hits(files, ['IAM002'], true), []);
    // From a local, the interpolated list is the statement's actions, found on the statement's line.
    const known = {
      'main.tf':
        files['main.tf'].replace('var.actions', 'local.actions') +
        'locals {\n  actions = ["cloudtrail:*"]\n}\n',
    };
    assert.deepEqual(hits(known, ['IAM002']), ['IAM002@main.tf:8']);
  });
});
