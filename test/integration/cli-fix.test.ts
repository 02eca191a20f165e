// `trail-lint --fix`: the bundled CLI applies the safe fixes to the files on disk (written whole, keeping
// their permissions, no temporary file left behind), reports what it fixed and what is left, changes nothing
// on a second run, and never touches a file it could not read fully or CDK output.
import { strict as assert } from 'node:assert';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli-helpers';

interface JsonReport {
  findings: { file: string; ruleId: string }[];
  errors: { file: string; message: string }[];
  fixed?: { file: string; ruleId: string; title: string }[];
}

const TRAIL = [
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive-111122223333  # the archive account',
  '      IsMultiRegionTrail: false',
  '      EnableLogFileValidation: false',
  '      IsLogging: false',
  '      KMSKeyId: alias/trail',
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail',
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs',
  '',
].join('\n');

const MODULE = [
  'resource "aws_cloudtrail" "main" {',
  '  name                  = "main"',
  '  s3_bucket_name        = "central-log-archive-111122223333"',
  '  kms_key_id            = "arn:aws:kms:us-east-1:111122223333:key/abc"',
  '  is_multi_region_trail = false',
  '}',
  '',
].join('\n');

let dir: string;

function run(...args: string[]): { status: number | null; report: JsonReport } {
  const r = runCli(['--format', 'json', '--no-config', ...args], dir);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport };
}

describe('CLI --fix', function () {
  this.timeout(60_000);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-fix-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('fixes a template in place, reports the fixes, and leaves nothing to do on a second run', () => {
    writeFileSync(path.join(dir, 'trail.yaml'), TRAIL);
    chmodSync(path.join(dir, 'trail.yaml'), 0o640);
    const first = run('--fix', '.');
    assert.deepEqual(first.report.fixed?.map((f) => `${f.file} ${f.ruleId} ${f.title}`).sort(), [
      'trail.yaml CT001 Set IsMultiRegionTrail to true',
      'trail.yaml CT003 Set EnableLogFileValidation to true',
      'trail.yaml CT006 Set IsLogging to true',
    ]);
    assert.equal(
      readFileSync(path.join(dir, 'trail.yaml'), 'utf8'),
      TRAIL.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true')
        .replace('EnableLogFileValidation: false', 'EnableLogFileValidation: true')
        .replace('IsLogging: false', 'IsLogging: true'),
    );
    assert.equal(statSync(path.join(dir, 'trail.yaml')).mode & 0o777, 0o640, 'permissions kept');
    assert.deepEqual(readdirSync(dir), ['trail.yaml'], 'no temporary file left');
    const left = first.report.findings.map((f) => f.ruleId);
    for (const fixed of ['CT001', 'CT003', 'CT006']) assert.ok(!left.includes(fixed), `${fixed} left`);
    const second = run('--fix', '.');
    assert.equal(second.report.fixed, undefined);
    assert.deepEqual(second.report.findings, first.report.findings);
  });

  it('fixes a Terraform module, aligned as terraform fmt leaves it', () => {
    writeFileSync(path.join(dir, 'main.tf'), MODULE);
    const { report } = run('--fix', '.');
    assert.deepEqual(report.fixed?.map((f) => `${f.file} ${f.ruleId}`).sort(), [
      'main.tf CT001',
      'main.tf CT003',
    ]);
    assert.equal(
      readFileSync(path.join(dir, 'main.tf'), 'utf8'),
      [
        'resource "aws_cloudtrail" "main" {',
        '  name                       = "main"',
        '  s3_bucket_name             = "central-log-archive-111122223333"',
        '  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/abc"',
        '  is_multi_region_trail      = true',
        '  enable_log_file_validation = true',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('never edits a file it could not read fully, nor CDK output', () => {
    const broken = `${TRAIL}  Broken: [\n`;
    writeFileSync(path.join(dir, 'broken.yaml'), broken);
    mkdirSync(path.join(dir, 'cdk.out'));
    const cdk = JSON.stringify(
      {
        Resources: {
          Trail: {
            Type: 'AWS::CloudTrail::Trail',
            Properties: { S3BucketName: 'b', IsLogging: true, IsMultiRegionTrail: false },
            Metadata: { 'aws:cdk:path': 'Stack/Trail/Resource' },
          },
        },
      },
      null,
      1,
    );
    writeFileSync(path.join(dir, 'cdk.out', 'Stack.template.json'), cdk);
    writeFileSync(path.join(dir, 'half.tf'), `${MODULE}resource "aws_s3_bucket" "x" {\n  bucket = \n`);
    const { status, report } = run('--fix', '.');
    assert.equal(report.fixed, undefined);
    assert.equal(readFileSync(path.join(dir, 'broken.yaml'), 'utf8'), broken);
    assert.equal(readFileSync(path.join(dir, 'cdk.out', 'Stack.template.json'), 'utf8'), cdk);
    assert.equal(status, 2, 'the unreadable files are reported as errors');
    assert.ok(
      report.findings.some(
        (f) => f.file === path.join('cdk.out', 'Stack.template.json') && f.ruleId === 'CT001',
      ),
    );
  });
});
