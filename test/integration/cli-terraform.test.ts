// Terraform in the bundled CLI (dist/trail-lint.js), run as a child process: a `.tf` target is linted with
// every `.tf` / `.tf.json` file of its folder (its module) and findings are reported for the targets only;
// walking a folder picks up `.tf` files; a plan JSON file is recognised by its content. Fixtures come from
// test/fixtures/terraform/workspace and test/fixtures/terraform/cli, copied into a fresh temporary folder.
// Build first: npm run build && npx tsc -b
import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  makeTempDir,
  parseJsonReport,
  removeTempDir,
  runCli,
  sortedLocated,
  span,
  validateSarif,
  writeFile,
  type CliResult,
  type JsonFinding,
  type Located,
  type SarifLog,
} from './cli-helpers';

const TF_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'terraform');
const WORKSPACE = path.join(TF_FIXTURES, 'workspace');
const CLI_TF = path.join(TF_FIXTURES, 'cli');
const PLAN_FIXTURE = path.join(TF_FIXTURES, 'plan', 'child-module.plan.json');

let tmp: string;

/** Copies a fixture folder (or file) into the temporary folder as `rel`; returns the copy's path. */
function copy(from: string, rel: string): string {
  const to = path.join(tmp, rel);
  cpSync(from, to, { recursive: true });
  return to;
}

const text = (rel: string): string => readFileSync(path.join(tmp, rel), 'utf8');

function json(args: string[]): {
  r: CliResult;
  findings: JsonFinding[];
  errors: { file: string; message: string }[];
} {
  const r = runCli(['--format', 'json', ...args], tmp);
  let report;
  try {
    report = parseJsonReport(r.stdout);
  } catch {
    assert.fail(`not JSON (exit ${String(r.status)}):\n${r.stdout}\n${r.stderr}`);
  }
  return { r, findings: report.findings, errors: report.errors };
}

/** A finding as the tests compare it: its place, from the file's text (1-based lines, end column exclusive). */
function at(
  file: string,
  ruleId: string,
  severity: string,
  resource: string,
  line: number,
  start: string,
  end?: string,
): Located {
  return { file, ruleId, severity, resource, ...span(text(file), line, start, end) };
}

/** The line (1-based) of the first line of `file` that contains `snippet`. */
function lineOf(file: string, snippet: string, occurrence = 1): number {
  const lines = text(file).split(/\r?\n/);
  let seen = 0;
  for (const [i, l] of lines.entries()) if (l.includes(snippet) && ++seen === occurrence) return i + 1;
  throw new Error(`${snippet} not in ${file}`);
}

/** The module fixture's findings (see test/fixtures/terraform/workspace/module), for a copy at `dir`. */
function moduleFindings(dir: string, files: ('main' | 'storage')[] = ['main', 'storage']): Located[] {
  const out: Located[] = [];
  const main = `${dir}/main.tf`;
  const storage = `${dir}/storage.tf`;
  if (files.includes('main')) {
    // The trail reads var.multi_region, whose default (variables.tf) is false.
    const l = lineOf(main, 'is_multi_region_trail');
    out.push(at(main, 'CT001', 'warning', 'aws_cloudtrail.main', l, 'is_multi_region_trail'));
  }
  if (files.includes('storage')) {
    // The trail's log bucket: versioned without MFA delete (on the versioning block), no Object Lock (header).
    const v = lineOf(storage, 'versioning_configuration {');
    out.push(
      at(
        storage,
        'S3004',
        'warning',
        'aws_s3_bucket.logs',
        v,
        'versioning_configuration',
        'versioning_configuration',
      ),
    );
    const h = lineOf(storage, 'resource "aws_s3_bucket" "logs"');
    out.push(at(storage, 'S3007', 'info', 'aws_s3_bucket.logs', h, 'resource', '"logs"'));
  }
  return out.sort(byPlace);
}

function byPlace(a: Located, b: Located): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)
  );
}

/** The findings every bare trail (no optional attribute written) gets on its header line. */
function bareTrail(file: string, name: string, without: string[] = []): Located[] {
  const header = `resource "aws_cloudtrail" "${name}"`;
  const l = lineOf(file, header);
  return (
    [
      ['CT003', 'warning'],
      ['CT004', 'warning'],
      ['CT005', 'warning'],
      ['CT008', 'info'],
      ['CT009', 'info'],
    ] as const
  )
    .filter(([id]) => !without.includes(id))
    .map(([id, severity]) => at(file, id, severity, `aws_cloudtrail.${name}`, l, 'resource', `"${name}"`));
}

const sorted = (findings: JsonFinding[]): Located[] => sortedLocated(findings).sort(byPlace);

describe('CLI: Terraform', function () {
  this.timeout(60_000);

  beforeEach(() => {
    tmp = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(tmp);
  });

  describe('a module folder', () => {
    it('reports the findings of each file of the module, judged together, and exits per --fail-on', () => {
      copy(path.join(WORKSPACE, 'module'), 'module');
      const { r, findings, errors } = json(['module']);
      assert.deepEqual(errors, [], r.stderr);
      assert.deepEqual(sorted(findings), moduleFindings('module'));
      const ct001 = findings.find((f) => f.ruleId === 'CT001') as JsonFinding;
      assert.ok(ct001.message.includes('is_multi_region_trail'), ct001.message);
      assert.ok(ct001.message.includes('variable "multi_region"'), ct001.message);
      // Warnings (CT001, S3004) at the default --fail-on warning.
      assert.equal(r.status, 1, r.stderr);
      assert.equal(runCli(['--fail-on', 'error', 'module'], tmp).status, 0, 'no error-level finding');
      assert.equal(runCli(['--fail-on', 'info', 'module'], tmp).status, 1);
      assert.equal(runCli(['--fail-on', 'none', 'module'], tmp).status, 0);
    });

    it('reports CT010 in main.tf when storage.tf has no bucket policy, failing even --fail-on error', () => {
      copy(path.join(WORKSPACE, 'module'), 'module');
      const storage = text('module/storage.tf');
      writeFileSync(
        path.join(tmp, 'module', 'storage.tf'),
        storage.slice(0, storage.indexOf('resource "aws_s3_bucket_policy"')),
      );
      const { r, findings } = json(['--fail-on', 'error', 'module']);
      const bucketLine = lineOf('module/main.tf', 's3_bucket_name');
      const h = lineOf('module/storage.tf', 'resource "aws_s3_bucket" "logs"');
      assert.deepEqual(
        sorted(findings),
        [
          ...moduleFindings('module'),
          at('module/main.tf', 'CT010', 'error', 'aws_cloudtrail.main', bucketLine, 's3_bucket_name'),
          at('module/storage.tf', 'S3006', 'info', 'aws_s3_bucket.logs', h, 'resource', '"logs"'),
        ].sort(byPlace),
      );
      assert.equal(r.status, 1, 'CT010 is an error');
    });

    it('names the Terraform resource, not CloudFormation pseudo parameters, when the policy misses s3:PutObject', () => {
      copy(path.join(WORKSPACE, 'module'), 'module');
      const storage = text('module/storage.tf');
      writeFileSync(
        path.join(tmp, 'module', 'storage.tf'),
        storage.replace('"s3:PutObject"', '"s3:GetObject"'),
      );
      const { findings } = json(['module']);
      const ct010 = findings.filter((f) => f.ruleId === 'CT010');
      assert.equal(ct010.length, 1, JSON.stringify(findings, null, 2));
      const message = (ct010[0] as JsonFinding).message;
      assert.ok(message.includes('aws_cloudtrail.main'), message);
      assert.ok(
        !message.includes('${AWS::'),
        `no CloudFormation pseudo parameters in a Terraform message: ${message}`,
      );
    });
  });

  describe('a module file given alone', () => {
    it('resolves values from the sibling files but reports only the file given', () => {
      copy(path.join(WORKSPACE, 'module'), 'module');
      const { r, findings, errors } = json(['module/main.tf']);
      assert.deepEqual(errors, []);
      assert.deepEqual(sorted(findings), moduleFindings('module', ['main']));
      assert.equal(r.status, 1);
      // CT010 is not reported: the policy in storage.tf (not given) lets CloudTrail write.
      assert.ok(!findings.some((f) => f.ruleId === 'CT010'));
    });

    it('reports the bucket in storage.tf as the log bucket of the trail in main.tf, which is not given', () => {
      copy(path.join(WORKSPACE, 'module'), 'module');
      const { r, findings } = json(['module/storage.tf']);
      assert.deepEqual(sorted(findings), moduleFindings('module', ['storage']));
      assert.equal(r.status, 1, 'S3004 is a warning');
    });

    it('reports nothing for variables.tf alone, and the union for two files of one module', () => {
      copy(path.join(WORKSPACE, 'module'), 'module');
      const vars = json(['module/variables.tf']);
      assert.deepEqual(vars.findings, []);
      assert.deepEqual(vars.errors, []);
      assert.equal(vars.r.status, 0);
      const both = json(['module/storage.tf', './module/main.tf']);
      const want = moduleFindings('module').map((f) =>
        f.file === 'module/main.tf' ? { ...f, file: './module/main.tf' } : f,
      );
      assert.deepEqual(sorted(both.findings), want.sort(byPlace));
    });
  });

  describe('SARIF', () => {
    it('locates .tf findings and lists suppressed ones with their in-source suppression', () => {
      copy(path.join(WORKSPACE, 'suppress'), 'suppress');
      const file = 'suppress/main.tf';
      const r = runCli(['--format', 'sarif', 'suppress'], tmp);
      // Only the unsuppressed CT001 and the warnings on every header count.
      assert.equal(r.status, 1, r.stderr);
      const log = JSON.parse(r.stdout) as SarifLog;
      const results = log.runs[0]?.results ?? [];
      const ct001 = results
        .filter((x) => x.ruleId === 'CT001')
        .map((x) => {
          const loc = x.locations?.[0]?.physicalLocation;
          const s = (
            x as {
              suppressions?: {
                kind: string;
                justification?: string;
                location?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: unknown } };
              }[];
            }
          ).suppressions;
          return {
            uri: loc?.artifactLocation?.uri,
            uriBaseId: loc?.artifactLocation?.uriBaseId,
            region: loc?.region,
            resource: x.locations?.[0]?.logicalLocations?.[0]?.name,
            suppressions: s?.map((q) => ({
              kind: q.kind,
              justification: q.justification,
              uri: q.location?.physicalLocation?.artifactLocation?.uri,
              region: q.location?.physicalLocation?.region,
            })),
          };
        })
        .sort(
          (a, b) =>
            (a.region as { startLine: number }).startLine - (b.region as { startLine: number }).startLine,
        );
      const value = (n: number) => {
        const s = span(text(file), lineOf(file, 'is_multi_region_trail', n), 'is_multi_region_trail');
        return { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn };
      };
      const comment = (snippet: string) => {
        const s = span(text(file), lineOf(file, snippet), snippet.startsWith('#') ? '#' : snippet);
        return { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn };
      };
      assert.deepEqual(ct001, [
        {
          uri: file,
          uriBaseId: 'SRCROOT',
          region: value(1),
          resource: 'aws_cloudtrail.sandbox',
          suppressions: [
            {
              kind: 'inSource',
              justification: 'regional sandbox, approved by the security team',
              uri: file,
              region: comment('# trail-lint-disable-next-line CT001'),
            },
          ],
        },
        {
          uri: file,
          uriBaseId: 'SRCROOT',
          region: value(2),
          resource: 'aws_cloudtrail.checkov',
          suppressions: [
            {
              kind: 'inSource',
              justification: 'data residency keeps this trail in one region',
              uri: file,
              region: comment('#checkov:skip=CKV_AWS_67'),
            },
          ],
        },
        {
          uri: file,
          uriBaseId: 'SRCROOT',
          region: value(3),
          resource: 'aws_cloudtrail.plain',
          suppressions: undefined,
        },
      ]);
      // Every other result is a bare-trail finding on a header, unsuppressed.
      const others = results.filter((x) => x.ruleId !== 'CT001');
      assert.equal(
        others.length,
        12,
        `4 header findings per trail: ${others.map((x) => x.ruleId).join(', ')}`,
      );
      assert.ok(others.every((x) => !(x as { suppressions?: unknown }).suppressions));

      const sarif = writeFile(tmp, 'out/terraform.sarif', r.stdout);
      const v = validateSarif(sarif, tmp);
      assert.deepEqual(v.errors, [], `validator errors:\n${v.errors.join('\n')}`);
      assert.deepEqual(v.warnings, [], `validator warnings:\n${v.warnings.join('\n')}`);
    });

    it('counts no suppressed finding for the exit code, and lists them in JSON with --show-suppressed', () => {
      copy(path.join(WORKSPACE, 'suppress'), 'suppress');
      const file = 'suppress/main.tf';
      const plain = json(['suppress']);
      assert.deepEqual(
        plain.findings.filter((f) => f.ruleId === 'CT001').map((f) => f.resource),
        ['aws_cloudtrail.plain'],
      );
      const shown = json(['--show-suppressed', 'suppress']);
      const suppressed = shown.findings
        .filter((f) => (f as { suppressed?: unknown }).suppressed)
        .map((f) => ({ ruleId: f.ruleId, resource: f.resource, line: f.line }));
      assert.deepEqual(suppressed, [
        {
          ruleId: 'CT001',
          resource: 'aws_cloudtrail.sandbox',
          line: lineOf(file, 'is_multi_region_trail', 1),
        },
        {
          ruleId: 'CT001',
          resource: 'aws_cloudtrail.checkov',
          line: lineOf(file, 'is_multi_region_trail', 2),
        },
      ]);
    });

    it('exits 0 when the only finding at or above --fail-on is suppressed, 1 with --no-inline-suppressions', () => {
      // The sandbox trail alone, with the rules its header findings belong to turned off by configuration:
      // CT001 (suppressed by the directive) is its only warning.
      const suppress = readFileSync(path.join(WORKSPACE, 'suppress', 'main.tf'), 'utf8');
      const sandbox = suppress.slice(
        suppress.indexOf('# trail-lint-disable-next-line'),
        suppress.indexOf('resource "aws_cloudtrail" "checkov"'),
      );
      writeFile(tmp, 'sandbox/main.tf', sandbox);
      writeFile(
        tmp,
        '.trail-lint.yaml',
        "rules:\n  CT004: 'off'\n  CT005: 'off'\n  CT008: 'off'\n  CT009: 'off'\n",
      );
      const quiet = json(['sandbox']);
      assert.deepEqual(quiet.findings, [], JSON.stringify(quiet.findings, null, 2));
      assert.deepEqual(quiet.errors, []);
      assert.equal(quiet.r.status, 0, 'a suppressed finding never counts');
      const loud = json(['--no-inline-suppressions', 'sandbox']);
      assert.deepEqual(sorted(loud.findings), [
        at(
          'sandbox/main.tf',
          'CT001',
          'warning',
          'aws_cloudtrail.sandbox',
          lineOf('sandbox/main.tf', 'is_multi_region_trail'),
          'is_multi_region_trail',
        ),
      ]);
      assert.equal(loud.r.status, 1);
    });
  });

  describe('.tf.json and plan JSON', () => {
    it('lints a .tf.json module file with its .tf sibling, and a plan JSON file recognised by its content', () => {
      copy(path.join(CLI_TF, 'json-module'), 'json-module');
      copy(PLAN_FIXTURE, 'plans/tfplan.json');
      // A JSON file that is neither a template nor a plan: walked, not linted, no error.
      writeFile(tmp, 'plans/terraform.tfstate.json', '{ "version": 4, "resources": [] }\n');
      const { r, findings, errors } = json(['json-module', 'plans']);
      assert.deepEqual(errors, []);
      const tfJson = 'json-module/main.tf.json';
      const plan = 'plans/tfplan.json';
      const trail = 'module.audit.aws_cloudtrail.main';
      const address = lineOf(plan, `"address": "${trail}"`);
      const key = 'module.audit.aws_kms_key.trail';
      const bucket = 'module.audit.aws_s3_bucket.logs';
      assert.deepEqual(
        sorted(findings.filter((f) => f.ruleId !== 'CT010')),
        [
          // "${var.multi_region}": the default (false) is in variables.tf.
          at(
            tfJson,
            'CT001',
            'warning',
            'aws_cloudtrail.json',
            lineOf(tfJson, '"is_multi_region_trail"'),
            '"is_multi_region_trail"',
            '}"',
          ),
          at(
            tfJson,
            'CT003',
            'warning',
            'aws_cloudtrail.json',
            lineOf(tfJson, '"enable_log_file_validation"'),
            '"enable_log_file_validation"',
            'false',
          ),
          at(
            plan,
            'CT001',
            'warning',
            trail,
            lineOf(plan, '"is_multi_region_trail": false'),
            '"is_multi_region_trail"',
            'false',
          ),
          at(plan, 'CT005', 'warning', trail, address, '"address"', `${trail}"`),
          at(plan, 'CT009', 'info', trail, address, '"address"', `${trail}"`),
          // The key has no policy configured (the default key policy applies, which CloudTrail cannot use);
          // the bucket is not versioned, has no policy and no Object Lock.
          at(plan, 'KMS002', 'error', key, lineOf(plan, `"address": "${key}"`), '"address"', `${key}"`),
          at(
            plan,
            'S3004',
            'warning',
            bucket,
            lineOf(plan, `"address": "${bucket}"`),
            '"address"',
            `${bucket}"`,
          ),
          at(
            plan,
            'S3006',
            'info',
            bucket,
            lineOf(plan, `"address": "${bucket}"`),
            '"address"',
            `${bucket}"`,
          ),
          at(
            plan,
            'S3007',
            'info',
            bucket,
            lineOf(plan, `"address": "${bucket}"`),
            '"address"',
            `${bucket}"`,
          ),
        ].sort(byPlace),
      );
      // The plan's trail writes to a bucket without any policy: the deployment fails.
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'CT010').map((f) => `${f.file} ${f.severity} ${f.resource}`),
        [`${plan} error ${trail}`],
      );
      assert.equal(r.status, 1);

      // Named explicitly, the plan is recognised the same way.
      const alone = json([plan]);
      assert.deepEqual(sorted(alone.findings), sorted(findings.filter((f) => f.file === plan)));
    });

    it("reports the plan's missing bucket policy without inventing a depends_on address", () => {
      copy(PLAN_FIXTURE, 'tfplan.json');
      const { findings } = json(['tfplan.json']);
      const ct010 = findings.filter((f) => f.ruleId === 'CT010');
      assert.equal(ct010.length, 1);
      const message = (ct010[0] as JsonFinding).message;
      // module.audit.aws_s3_bucket.logs has no policy; `policy` is merely computed by the provider.
      assert.ok(!message.includes('aws_s3_bucket.logs.policy'), message);
    });
  });

  describe('duplicate addresses across files', () => {
    it('lints each file alone when two files declare the same resource address', () => {
      copy(path.join(CLI_TF, 'peers'), 'peers');
      const { r, findings, errors } = json(['peers']);
      assert.deepEqual(errors, []);
      const b = 'peers/b.tf';
      assert.deepEqual(
        sorted(findings),
        [
          // a.tf's trail is multi-region: no CT001; b.tf's does not write it (default false).
          ...bareTrail('peers/a.tf', 'example', ['CT003']),
          ...bareTrail(b, 'example', ['CT003']),
          at(
            b,
            'CT001',
            'warning',
            'aws_cloudtrail.example',
            lineOf(b, 'resource "aws_cloudtrail"'),
            'resource',
            '"example"',
          ),
        ].sort(byPlace),
      );
      assert.equal(r.status, 1);
      // Given alone, b.tf is still judged on its own text only.
      assert.deepEqual(sorted(json([b]).findings), sorted(findings.filter((f) => f.file === b)));
    });
  });

  describe('inline bucket policy', () => {
    it('does not ask a trail that refers to its bucket to depend on the inline policy', () => {
      copy(path.join(CLI_TF, 'inline-policy'), 'inline-policy');
      const file = 'inline-policy/main.tf';
      const { findings } = json(['inline-policy']);
      // The inline policy is read as the bucket's policy: it does not deny plain HTTP (S3006 on `policy`).
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'S3006').map((f) => `${f.line}:${f.column}`),
        [`${lineOf(file, 'policy = jsonencode')}:3`],
      );
      // It lets CloudTrail check the ACL and write under AWSLogs/, and Terraform creates it with the bucket,
      // which the trail refers to (s3_bucket_name): nothing for CT010 to report.
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'CT010').map((f) => f.message),
        [],
      );
    });
  });

  describe('hostile .tf files', () => {
    it('reports unreadable text as errors (exit 2) and still lints the readable files, without crashing', () => {
      let seed = 0x5eed;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      writeFileSync(
        path.join(tmp, 'junk.tf'),
        // Kept small: every spot tree-sitter cannot read is one error, and the report must fit runCli's buffer.
        Buffer.from(Array.from({ length: 2_000 }, () => random(256))),
      );
      const n = 50_000;
      writeFile(
        tmp,
        'deep/main.tf',
        `resource "aws_cloudtrail" "deep" {\n  is_multi_region_trail = ${'['.repeat(n)}${']'.repeat(n)}\n  tags = ${'{a = '.repeat(n)}1${'}'.repeat(n)}\n}\n`,
      );
      copy(path.join(CLI_TF, 'peers', 'b.tf'), 'ok/b.tf');
      const { r, findings, errors } = json(['junk.tf', 'deep', 'ok']);
      assert.equal(r.status, 2, r.stderr);
      assert.ok(!/at .*\.js:\d+/.test(r.stderr), `no stack trace: ${r.stderr}`);
      assert.ok(errors.length > 0 && errors.every((e) => e.file === 'junk.tf'), JSON.stringify(errors));
      assert.ok(errors.every((e) => e.message.includes('trail-lint could not read all of this file')));
      assert.deepEqual(
        [...new Set(findings.map((f) => f.file))].sort(),
        ['deep/main.tf', 'ok/b.tf'],
        'the readable files are linted',
      );
      assert.ok(findings.some((f) => f.file === 'ok/b.tf' && f.ruleId === 'CT001'));
    });
  });
});
