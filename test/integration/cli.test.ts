// Integration tests for the bundled CLI (package.json "bin": dist/trail-lint.js), run as a child process.
// Expectations come from the CLI specification and the rule catalogue (docs/rules), not from the server source.
// Build first: node scripts/esbuild.mjs && npx tsc -b
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CLI,
  FINDING_KEYS,
  PACKAGE,
  copyFixture,
  fixtureText,
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

/** The static rules of the catalogue (RULES.md), each with its slug and default severity. */
const IMPLEMENTED_RULES: Record<string, { slug: string; severity: string }> = {
  CT001: { slug: 'trail-multi-region', severity: 'warning' },
  CT002: { slug: 'trail-global-service-events', severity: 'warning' },
  CT003: { slug: 'trail-log-file-validation', severity: 'warning' },
  CT004: { slug: 'trail-kms-encryption', severity: 'warning' },
  CT005: { slug: 'trail-cloudwatch-logs', severity: 'warning' },
  CT006: { slug: 'trail-logging-on', severity: 'error' },
  CT007: { slug: 'trail-management-events', severity: 'warning' },
  CT008: { slug: 'trail-s3-data-events', severity: 'info' },
  CT009: { slug: 'trail-insights', severity: 'info' },
  CT010: { slug: 'trail-bucket-policy', severity: 'error' },
  CT011: { slug: 'event-data-store-kms', severity: 'warning' },
  S3001: { slug: 'log-bucket-public-access-block', severity: 'warning' },
  S3002: { slug: 'log-bucket-not-public', severity: 'error' },
  S3003: { slug: 'log-bucket-access-logging', severity: 'warning' },
  S3004: { slug: 'log-bucket-mfa-delete', severity: 'warning' },
  S3005: { slug: 'log-bucket-source-condition', severity: 'warning' },
  S3006: { slug: 'log-bucket-secure-transport', severity: 'info' },
  S3007: { slug: 'log-bucket-object-lock', severity: 'info' },
  KMS001: { slug: 'trail-key-rotation', severity: 'warning' },
  KMS002: { slug: 'trail-key-policy-cloudtrail', severity: 'error' },
  KMS003: { slug: 'trail-key-policy-public', severity: 'warning' },
  IAM001: { slug: 'cloudtrail-full-access', severity: 'warning' },
  IAM002: { slug: 'cloudtrail-wildcard', severity: 'warning' },
  IAM003: { slug: 'cloudtrail-tamper', severity: 'warning' },
  IAM004: { slug: 'log-bucket-tamper', severity: 'warning' },
  IAM005: { slug: 'trail-key-tamper', severity: 'info' },
  CW001: { slug: 'trail-change-alarm', severity: 'info' },
  CW002: { slug: 'trail-log-group-retention', severity: 'info' },
};

/** The findings bad.yaml must produce, worked out by hand from the fixture and the spec. */
const BAD_YAML: Located[] = [
  // The bucket: nothing but its Type is written, so every bucket finding is on the Type line.
  {
    file: 'bad.yaml',
    ruleId: 'S3003',
    severity: 'warning',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 26,
    resource: 'LogBucket',
  },
  {
    file: 'bad.yaml',
    ruleId: 'S3004',
    severity: 'warning',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 26,
    resource: 'LogBucket',
  },
  {
    file: 'bad.yaml',
    ruleId: 'S3006',
    severity: 'info',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 26,
    resource: 'LogBucket',
  },
  {
    file: 'bad.yaml',
    ruleId: 'S3007',
    severity: 'info',
    line: 5,
    column: 5,
    endLine: 5,
    endColumn: 26,
    resource: 'LogBucket',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT003',
    severity: 'warning',
    line: 7,
    column: 5,
    endLine: 7,
    endColumn: 33,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT004',
    severity: 'warning',
    line: 7,
    column: 5,
    endLine: 7,
    endColumn: 33,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT008',
    severity: 'info',
    line: 7,
    column: 5,
    endLine: 7,
    endColumn: 33,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT009',
    severity: 'info',
    line: 7,
    column: 5,
    endLine: 7,
    endColumn: 33,
    resource: 'Trail',
  },
  // The bucket defined alongside the trail has no bucket policy: the deploy fails.
  {
    file: 'bad.yaml',
    ruleId: 'CT010',
    severity: 'error',
    line: 9,
    column: 7,
    endLine: 9,
    endColumn: 35,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT006',
    severity: 'error',
    line: 10,
    column: 7,
    endLine: 10,
    endColumn: 23,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT002',
    severity: 'error',
    line: 12,
    column: 7,
    endLine: 12,
    endColumn: 40,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'CT005',
    severity: 'error',
    line: 13,
    column: 7,
    endLine: 13,
    endColumn: 71,
    resource: 'Trail',
  },
  {
    file: 'bad.yaml',
    ruleId: 'IAM001',
    severity: 'warning',
    line: 21,
    column: 11,
    endLine: 21,
    endColumn: 59,
    resource: 'Admin',
  },
];

function withFile(expected: Located[], file: string): Located[] {
  return expected.map((e) => ({ ...e, file }));
}

/**
 * CT001 on the warn-only fixtures (IsMultiRegionTrail missing → the Trail's Type line): their only finding,
 * everything else follows the catalogue.
 */
function warnOnlyYaml(file: string): Located {
  return {
    file,
    ruleId: 'CT001',
    severity: 'warning',
    ...span(fixtureText('warn-only.yaml'), 53, 'Type'),
    resource: 'Trail',
  };
}

function warnOnlyJson(file: string): Located {
  const text = fixtureText('warn-only.json');
  return {
    file,
    ruleId: 'CT001',
    severity: 'warning',
    ...span(text, 5, '"Type"', '"AWS::CloudTrail::Trail"'),
    resource: 'Trail',
  };
}

/** The CDK stack: an unversioned bucket without Object Lock, a trail without a key and without validation. */
function cdkStack(file: string): Located[] {
  const text = fixtureText('cdk-stack.template.json');
  return [
    {
      file,
      ruleId: 'S3004',
      severity: 'warning',
      ...span(text, 4, '"Type"', '"AWS::S3::Bucket"'),
      resource: 'TrailBucket1234ABCD',
    },
    {
      file,
      ruleId: 'S3007',
      severity: 'info',
      ...span(text, 4, '"Type"', '"AWS::S3::Bucket"'),
      resource: 'TrailBucket1234ABCD',
    },
    {
      file,
      ruleId: 'CT004',
      severity: 'warning',
      ...span(text, 119, '"Type"', '"AWS::CloudTrail::Trail"'),
      resource: 'TrailABCD1234',
    },
    {
      file,
      ruleId: 'CT003',
      severity: 'warning',
      ...span(text, 123, '"EnableLogFileValidation"', 'false'),
      resource: 'TrailABCD1234',
    },
  ].sort(byPos);
}

function byPos(a: Located, b: Located): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)
  );
}

function sorted(list: Located[]): Located[] {
  return [...list].sort(byPos);
}

function assertExit(r: CliResult, code: number, what: string): void {
  assert.equal(
    r.status,
    code,
    `${what}: exit ${String(r.status)}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`,
  );
}

/** The report as JSON, checking the exact key order of every object. */
function jsonReport(r: CliResult) {
  const report = parseJsonReport(r.stdout);
  assert.deepEqual(Object.keys(report), ['findings', 'errors'], 'top-level keys');
  for (const f of report.findings)
    assert.deepEqual(Object.keys(f), FINDING_KEYS, `keys of ${JSON.stringify(f)}`);
  for (const e of report.errors)
    assert.deepEqual(Object.keys(e), ['file', 'message'], `keys of ${JSON.stringify(e)}`);
  return report;
}

/** Files in the order the report lists them (consecutive duplicates merged). */
function fileOrder(findings: JsonFinding[]): string[] {
  return findings.map((f) => f.file).filter((f, i, all) => i === 0 || all[i - 1] !== f);
}

const FINDING_LINE =
  /^\s+(\d+):(\d+)\s+(error|warning|info)\s+([A-Z][A-Z0-9]*[0-9]{3})\s+(.+?)\s+\[([^\]]+)\]$/;

interface TextFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
  resource: string;
}

interface TextReport {
  files: string[];
  findings: TextFinding[];
  errors: string[];
  summary: string;
}

/** Parses the text format strictly: file headers, indented finding lines, error lines, one summary line last. */
function parseText(stdout: string): TextReport {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const summary = lines.pop();
  assert.ok(summary !== undefined, 'text output is empty');
  const report: TextReport = { files: [], findings: [], errors: [], summary };
  let file: string | undefined;
  for (const line of lines) {
    const m = FINDING_LINE.exec(line);
    if (m) {
      assert.equal(report.errors.length, 0, `finding line after the error lines: ${line}`);
      assert.ok(file !== undefined, `finding line before any file header: ${line}`);
      report.findings.push({
        file,
        line: Number(m[1]),
        column: Number(m[2]),
        severity: m[3] as string,
        ruleId: m[4] as string,
        message: m[5] as string,
        resource: m[6] as string,
      });
    } else if (/: error: /.test(line)) {
      report.errors.push(line);
    } else {
      assert.ok(!/^\s/.test(line), `unexpected indented line: ${line}`);
      assert.equal(report.errors.length, 0, `file header after the error lines: ${line}`);
      file = line;
      report.files.push(line);
    }
  }
  return report;
}

function textOf(f: JsonFinding): TextFinding {
  return {
    file: f.file,
    line: f.line,
    column: f.column,
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
    resource: f.resource,
  };
}

function sortText(list: TextFinding[]): TextFinding[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** The summary line; for one template both "1 file checked." and "1 files checked." are accepted. */
function assertSummary(summary: string, counts: string, templates: number): void {
  const accepted = [`${counts}; ${templates} files checked.`];
  if (templates === 1) accepted.push(`${counts}; 1 file checked.`);
  assert.ok(accepted.includes(summary), `summary "${summary}" is none of ${JSON.stringify(accepted)}`);
}

/** Accepted text forms of a syntax error: `file: error: MESSAGE` or `file:L:C: error: MESSAGE` (prefix optional). */
function assertSyntaxErrorLine(line: string, file: string, l: number, c: number, jsonMessage: string): void {
  const prefix = `line ${l}, column ${c}: `;
  const bare = jsonMessage.startsWith(prefix) ? jsonMessage.slice(prefix.length) : jsonMessage;
  const accepted = [
    `${file}: error: ${jsonMessage}`,
    `${file}:${l}:${c}: error: ${jsonMessage}`,
    `${file}:${l}:${c}: error: ${bare}`,
  ];
  assert.ok(accepted.includes(line), `error line\n  ${line}\nis none of\n  ${accepted.join('\n  ')}`);
}

const SEVERITY_TO_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };

/** The parts of a SARIF reportingDescriptor checked here (the helper's SarifLog types only the id). */
interface SarifRule {
  id: string;
  helpUri?: string;
  defaultConfiguration?: { level?: string };
}

let tmp: string;

before(function () {
  assert.ok(existsSync(CLI), `${CLI} is missing: run node scripts/esbuild.mjs first`);
  tmp = realpathSync(makeTempDir());
  for (const name of [
    'bad.yaml',
    'good.yaml',
    'warn-only.yaml',
    'warn-only.json',
    'rules.yaml',
    'unverified.yaml',
    'broken.yaml',
    'broken.json',
    'not-template.yaml',
  ]) {
    copyFixture(name, tmp);
  }
  copyFixture('cdk-stack.template.json', tmp, 'stack.json');
  copyFixture('rules.yaml', tmp, 'more/rules.yaml');
});

after(function () {
  if (tmp) removeTempDir(tmp);
});

describe('CLI: --help, --version and usage errors', function () {
  it('--help prints the usage on stdout and exits 0', function () {
    const r = runCli(['--help'], tmp);
    assertExit(r, 0, '--help');
    assert.match(r.stdout, /^Usage: trail-lint /m);
    for (const opt of ['--format', '--fail-on', '--output', '--show-unverified', '--version', '--help']) {
      assert.ok(r.stdout.includes(opt), `--help does not mention ${opt}`);
    }
    // Every input the CLI reads is named, Terraform's three included.
    for (const input of ['CloudFormation', 'cdk.out', '.tf,', '.tf.json', 'terraform show -json']) {
      assert.ok(r.stdout.includes(input), `--help does not mention ${input}`);
    }
    assert.equal(r.stderr, '');
  });

  it('--version prints the package.json version and exits 0', function () {
    const r = runCli(['--version'], tmp);
    assertExit(r, 0, '--version');
    assert.equal(r.stdout.replace(/\r?\n$/, ''), PACKAGE.version);
    assert.equal(r.stderr, '');
  });

  const usageErrors: [string, string[]][] = [
    ['no PATH', []],
    ['options but no PATH', ['--format', 'json']],
    ['an unknown option', ['--bogus', 'good.yaml']],
    ['a bad --format value', ['--format', 'xml', 'good.yaml']],
    ['a bad --fail-on value', ['--fail-on', 'critical', 'good.yaml']],
    ['--format without a value', ['good.yaml', '--format']],
    ['--fail-on without a value', ['good.yaml', '--fail-on']],
  ];
  for (const [what, args] of usageErrors) {
    it(`${what} → usage on stderr, nothing on stdout, exit 2`, function () {
      const r = runCli(args, tmp);
      assertExit(r, 2, what);
      assert.match(r.stderr, /Usage: trail-lint /);
      assert.equal(r.stdout, '');
    });
  }
});

describe('CLI: output to a reader that stops early', function () {
  it('exits with its code and no stack trace when the pipe closes before the report is written', function () {
    // `| true` closes the pipe at once: the report's write meets EPIPE, as `| head` does to a long report.
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${CLI}" --format json bad.yaml | true; echo "rc=\${PIPESTATUS[0]}" >&2`],
      { cwd: tmp, encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(r.stderr, 'rc=1\n');
  });
});

describe('CLI: --format json', function () {
  it('reports exactly the findings of a bad template, with 1-based ranges and logical ids', function () {
    const r = runCli(['--format', 'json', 'bad.yaml'], tmp);
    assertExit(r, 1, 'bad.yaml');
    const report = jsonReport(r);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(sortedLocated(report.findings), sorted(BAD_YAML));
    for (const f of report.findings) {
      assert.equal(typeof f.message, 'string');
      assert.ok(f.message.length > 0, `${f.ruleId} has an empty message`);
    }
  });

  it('covers the other rule branches (CT001 false, CT002/CT005 warning, S3004 without Object Lock, IAM001 group/user)', function () {
    const r = runCli(['--format', 'json', 'rules.yaml'], tmp);
    assertExit(r, 1, 'rules.yaml');
    const text = fixtureText('rules.yaml');
    const f = 'rules.yaml';
    const expected: Located[] = [
      // Versioned without Object Lock: what is missing is ObjectLockEnabled, so the finding is on the Type line.
      { file: f, ruleId: 'S3004', severity: 'warning', ...span(text, 4, 'Type'), resource: 'Bucket' },
      // Neither Object Lock nor a retention lifecycle rule, no access logging, no bucket policy.
      { file: f, ruleId: 'S3007', severity: 'info', ...span(text, 4, 'Type'), resource: 'Bucket' },
      { file: f, ruleId: 'S3003', severity: 'warning', ...span(text, 4, 'Type'), resource: 'Bucket' },
      { file: f, ruleId: 'S3006', severity: 'info', ...span(text, 4, 'Type'), resource: 'Bucket' },
      { file: f, ruleId: 'CT005', severity: 'warning', ...span(text, 9, 'Type'), resource: 'RegionalTrail' },
      { file: f, ruleId: 'CT008', severity: 'info', ...span(text, 9, 'Type'), resource: 'RegionalTrail' },
      { file: f, ruleId: 'CT009', severity: 'info', ...span(text, 9, 'Type'), resource: 'RegionalTrail' },
      {
        file: f,
        ruleId: 'CT010',
        severity: 'error',
        ...span(text, 11, 'S3BucketName'),
        resource: 'RegionalTrail',
      },
      {
        file: f,
        ruleId: 'CT001',
        severity: 'warning',
        ...span(text, 13, 'IsMultiRegionTrail'),
        resource: 'RegionalTrail',
      },
      {
        file: f,
        ruleId: 'CT002',
        severity: 'warning',
        ...span(text, 14, 'IncludeGlobalServiceEvents'),
        resource: 'RegionalTrail',
      },
      // The bucket central-audit-logs is not in the file: no bucket rule and no CT010 for this trail.
      {
        file: f,
        ruleId: 'CT008',
        severity: 'info',
        ...span(text, 18, 'Type'),
        resource: 'LogGroupOnlyTrail',
      },
      {
        file: f,
        ruleId: 'CT009',
        severity: 'info',
        ...span(text, 18, 'Type'),
        resource: 'LogGroupOnlyTrail',
      },
      {
        file: f,
        ruleId: 'CT005',
        severity: 'error',
        ...span(text, 25, 'CloudWatchLogsLogGroupArn'),
        resource: 'LogGroupOnlyTrail',
      },
      { file: f, ruleId: 'IAM001', severity: 'warning', ...span(text, 31, 'arn:'), resource: 'Auditors' },
      {
        file: f,
        ruleId: 'IAM001',
        severity: 'warning',
        ...span(text, 35, 'arn:', 'FullAccess'),
        resource: 'Operator',
      },
    ];
    const report = jsonReport(r);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(sortedLocated(report.findings), sorted(expected));
  });

  it('reports nothing for a template that follows every rule, and exits 0', function () {
    const r = runCli(['--format', 'json', 'good.yaml'], tmp);
    assertExit(r, 0, 'good.yaml');
    assert.deepEqual(jsonReport(r), { findings: [], errors: [] });
  });

  it('CRLF line endings give the same lines and columns', function () {
    writeFileSync(path.join(tmp, 'crlf.yaml'), fixtureText('bad.yaml').replace(/\n/g, '\r\n'));
    const r = runCli(['--format', 'json', 'crlf.yaml'], tmp);
    assertExit(r, 1, 'crlf.yaml');
    assert.deepEqual(sortedLocated(jsonReport(r).findings), sorted(withFile(BAD_YAML, 'crlf.yaml')));
  });

  it('names an explicitly given absolute path as given', function () {
    const abs = path.join(tmp, 'bad.yaml');
    const r = runCli(['--format', 'json', abs], tmp);
    assertExit(r, 1, 'absolute bad.yaml');
    assert.deepEqual(sortedLocated(jsonReport(r).findings), sorted(withFile(BAD_YAML, abs)));
  });
});

describe('CLI: text format', function () {
  it('groups findings under the file, with line:col, severity, rule, message, [resource] and a summary', function () {
    const r = runCli(['bad.yaml'], tmp);
    assertExit(r, 1, 'bad.yaml (text)');
    const json = jsonReport(runCli(['--format', 'json', 'bad.yaml'], tmp));
    const text = parseText(r.stdout);
    assert.deepEqual(text.files, ['bad.yaml']);
    assert.deepEqual(text.errors, []);
    assert.deepEqual(sortText(text.findings), sortText(json.findings.map(textOf)));
    assertSummary(text.summary, '13 findings (4 errors, 5 warnings, 4 info)', 1);
    assert.equal(r.stderr, '');
  });

  it('says "No findings" for a clean template', function () {
    const r = runCli(['good.yaml'], tmp);
    assertExit(r, 0, 'good.yaml (text)');
    const text = parseText(r.stdout);
    assert.deepEqual(text.files, []);
    assert.deepEqual(text.findings, []);
    assertSummary(text.summary, 'No findings', 1);
  });

  it('counts several templates and lists them in command-line order', function () {
    const r = runCli(['warn-only.yaml', 'bad.yaml', 'good.yaml'], tmp);
    assertExit(r, 1, 'three files (text)');
    const text = parseText(r.stdout);
    assert.deepEqual(text.files, ['warn-only.yaml', 'bad.yaml']);
    assert.equal(text.findings.length, 14);
    assert.equal(text.summary, '14 findings (4 errors, 6 warnings, 4 info); 3 files checked.');
  });
});

describe('CLI: SARIF', function () {
  const args = ['--show-unverified', 'bad.yaml', '', 'unverified.yaml'];
  let sarifDir: string;

  before(function () {
    sarifDir = path.join(tmp, 'sarif-out');
    args[2] = path.join(tmp, 'more', 'rules.yaml'); // absolute: the SARIF uri must still be relative to the cwd
  });

  it('the installed validator is live: it reports a schema error in a deliberately broken log', function () {
    this.timeout(60_000);
    const broken = writeFile(
      sarifDir,
      'broken-on-purpose.sarif',
      JSON.stringify({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'x' } },
            results: [
              {
                ruleId: 'X',
                level: 'error',
                message: { text: 'a' },
                locations: [
                  { physicalLocation: { artifactLocation: { uri: 'a.yaml' }, region: { startLine: 0 } } },
                ],
              },
            ],
          },
        ],
      }),
    );
    const v = validateSarif(broken, sarifDir);
    assert.ok(
      v.errors.some((e) => e.startsWith('error JSON1008')),
      `expected JSON1008 (startLine < 1), got:\n${v.all.join('\n')}`,
    );
  });

  it('a run with findings: results match the JSON report, levels map, uris are cwd-relative; validator has no errors', function () {
    this.timeout(60_000);
    const r = runCli(['--format', 'sarif', ...args], tmp);
    assertExit(r, 1, 'sarif with findings');
    const json = jsonReport(runCli(['--format', 'json', ...args], tmp));
    assert.deepEqual(json.errors, []);
    assert.deepEqual(
      json.findings
        .filter((f) => f.message.startsWith('Could not verify'))
        .map((f) => `${f.file} ${f.ruleId} ${f.severity}`)
        .sort(),
      ['unverified.yaml CT001 info', 'unverified.yaml CT003 info'],
      'the --show-unverified info findings',
    );

    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'trail-lint');
    assert.equal(run.tool.driver.version, PACKAGE.version);
    const rules = (run.tool.driver.rules ?? []) as SarifRule[];
    const ruleIds = rules.map((rule) => rule.id);
    assert.equal(new Set(ruleIds).size, ruleIds.length, `duplicate rule ids: ${ruleIds.join(' ')}`);
    assert.deepEqual(
      [...ruleIds].sort(),
      Object.keys(IMPLEMENTED_RULES).sort(),
      'the rules of the catalogue',
    );
    for (const rule of rules) {
      const meta = IMPLEMENTED_RULES[rule.id];
      assert.ok(meta, `unknown rule ${rule.id}`);
      assert.ok(
        rule.helpUri?.endsWith(`/docs/rules/${rule.id}-${meta.slug}.md`),
        `${rule.id} helpUri: ${String(rule.helpUri)}`,
      );
      assert.equal(rule.defaultConfiguration?.level, SEVERITY_TO_LEVEL[meta.severity], `${rule.id} level`);
    }
    assert.equal(run.invocations?.[0]?.executionSuccessful, true);

    const actual = (run.results ?? []).map((res) => {
      assert.equal(res.locations?.length, 1, `one location per result: ${JSON.stringify(res)}`);
      const loc = res.locations?.[0];
      assert.ok(
        res.ruleId !== undefined && ruleIds.includes(res.ruleId),
        `result rule ${String(res.ruleId)} not in rules`,
      );
      return {
        ruleId: res.ruleId,
        level: res.level,
        text: res.message.text,
        uri: loc?.physicalLocation?.artifactLocation?.uri,
        uriBaseId: loc?.physicalLocation?.artifactLocation?.uriBaseId,
        region: loc?.physicalLocation?.region,
        logical: loc?.logicalLocations?.map((l) => l.name),
      };
    });
    const expected = json.findings.map((f) => ({
      ruleId: f.ruleId,
      level: SEVERITY_TO_LEVEL[f.severity],
      text: f.message,
      uri: path.relative(tmp, path.resolve(tmp, f.file)).split(path.sep).join('/'),
      uriBaseId: 'SRCROOT',
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
      logical: [f.resource],
    }));
    const key = (x: {
      uri?: string;
      ruleId?: string;
      region?: { startLine?: number; startColumn?: number };
    }) =>
      `${x.uri ?? ''} ${String(x.region?.startLine).padStart(5)} ${String(x.region?.startColumn).padStart(5)} ${x.ruleId ?? ''}`;
    const bykey = (a: Parameters<typeof key>[0], b: Parameters<typeof key>[0]) =>
      key(a).localeCompare(key(b));
    assert.deepEqual([...actual].sort(bykey), [...expected].sort(bykey));
    assert.deepEqual([...new Set(expected.map((e) => e.uri))].sort(), [
      'bad.yaml',
      'more/rules.yaml',
      'unverified.yaml',
    ]);
    assert.deepEqual([...new Set(expected.map((e) => e.level))].sort(), ['error', 'note', 'warning']);

    const file = writeFile(sarifDir, 'findings.sarif', r.stdout);
    const v = validateSarif(file, sarifDir);
    assert.deepEqual(v.errors, [], `validator errors:\n${v.errors.join('\n')}`);
  });

  it('a run with errors: executionSuccessful is false, exit 2; validator has no errors', function () {
    this.timeout(60_000);
    const r = runCli(['--format', 'sarif', 'bad.yaml', 'broken.json', 'missing.yaml'], tmp);
    assertExit(r, 2, 'sarif with errors');
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.ok(run);
    assert.equal(run.invocations?.[0]?.executionSuccessful, false);
    const results = (run.results ?? []).map((res) => ({
      ruleId: res.ruleId,
      uri: res.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    }));
    assert.deepEqual(
      results.sort((a, b) =>
        `${a.uri ?? ''}${a.ruleId ?? ''}`.localeCompare(`${b.uri ?? ''}${b.ruleId ?? ''}`),
      ),
      BAD_YAML.map((f) => ({ ruleId: f.ruleId, uri: 'bad.yaml' })).sort((a, b) =>
        a.ruleId.localeCompare(b.ruleId),
      ),
    );

    const file = writeFile(sarifDir, 'errors.sarif', r.stdout);
    const v = validateSarif(file, sarifDir);
    assert.deepEqual(v.errors, [], `validator errors:\n${v.errors.join('\n')}`);
  });

  it('artifact uris are percent-encoded URI references (JSON keeps the plain path)', function () {
    copyFixture('warn-only.yaml', tmp, 'odd dir/my stack#1.yaml');
    const r = runCli(['--format', 'sarif', 'odd dir/my stack#1.yaml'], tmp);
    assertExit(r, 1, 'sarif odd name');
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.deepEqual(
      (log.runs[0]?.results ?? []).map((res) => res.locations?.[0]?.physicalLocation?.artifactLocation?.uri),
      ['odd%20dir/my%20stack%231.yaml'],
    );
    const json = jsonReport(runCli(['--format', 'json', 'odd dir/my stack#1.yaml'], tmp));
    assert.deepEqual(sortedLocated(json.findings), [warnOnlyYaml('odd dir/my stack#1.yaml')]);
  });

  it('a clean run is a successful execution with no results', function () {
    const r = runCli(['--format', 'sarif', 'good.yaml'], tmp);
    assertExit(r, 0, 'sarif clean');
    const log = JSON.parse(r.stdout) as SarifLog;
    assert.equal(log.runs[0]?.invocations?.[0]?.executionSuccessful, true);
    assert.deepEqual(log.runs[0]?.results ?? [], []);
  });
});

describe('CLI: exit codes and --fail-on', function () {
  const cases: [string[], number][] = [
    [['good.yaml'], 0],
    [['--fail-on', 'info', 'good.yaml'], 0],
    [['bad.yaml'], 1],
    [['--fail-on', 'error', 'bad.yaml'], 1],
    [['--fail-on', 'none', 'bad.yaml'], 0],
    [['warn-only.yaml'], 1],
    [['--fail-on', 'warning', 'warn-only.yaml'], 1],
    [['--fail-on', 'info', 'warn-only.yaml'], 1],
    [['--fail-on', 'error', 'warn-only.yaml'], 0],
    [['--fail-on', 'none', 'warn-only.yaml'], 0],
    [['--show-unverified', 'unverified.yaml'], 0],
    [['--show-unverified', '--fail-on', 'warning', 'unverified.yaml'], 0],
    [['--show-unverified', '--fail-on', 'info', 'unverified.yaml'], 1],
    [['--fail-on', 'info', 'unverified.yaml'], 0],
    [['missing.yaml'], 2],
    [['bad.yaml', 'missing.yaml'], 2],
    [['--fail-on', 'none', 'missing.yaml'], 2],
    [['broken.yaml'], 2],
    [['bad.yaml', 'broken.json'], 2],
    [['--fail-on', 'none', 'broken.json'], 2],
  ];
  for (const [args, code] of cases) {
    it(`trail-lint ${args.join(' ')} → ${code}`, function () {
      assertExit(runCli(args, tmp), code, args.join(' '));
    });
  }
});

describe('CLI: unreadable input', function () {
  it('a missing path is an error entry; findings of other files are still reported (2 beats 1)', function () {
    const r = runCli(['--format', 'json', 'bad.yaml', 'missing.yaml'], tmp);
    assertExit(r, 2, 'missing path');
    const report = jsonReport(r);
    assert.deepEqual(sortedLocated(report.findings), sorted(BAD_YAML));
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0]?.file, 'missing.yaml');
    assert.ok((report.errors[0]?.message.length ?? 0) > 0, 'empty error message');
  });

  it('a missing folder is an error entry too', function () {
    const r = runCli(['--format', 'json', 'no-such-dir'], tmp);
    assertExit(r, 2, 'missing folder');
    const report = jsonReport(r);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(
      report.errors.map((e) => e.file),
      ['no-such-dir'],
    );
  });

  it('a missing path in text format: "file: error: message" after the findings, before the summary', function () {
    const json = jsonReport(runCli(['--format', 'json', 'missing.yaml'], tmp));
    const r = runCli(['bad.yaml', 'missing.yaml'], tmp);
    assertExit(r, 2, 'missing path (text)');
    const text = parseText(r.stdout);
    assert.deepEqual(text.files, ['bad.yaml']);
    assert.equal(text.findings.length, 13);
    assert.deepEqual(text.errors, [`missing.yaml: error: ${json.errors[0]?.message ?? '?'}`]);
    assert.match(text.summary, /^13 findings \(4 errors, 5 warnings, 4 info\); \d+ files? checked\.$/);
  });

  const syntaxErrors: [string, number, number][] = [
    ['broken.yaml', 6, 18], // `IsLogging: ]` — a flow-sequence end with no start
    ['broken.json', 8, 9], // a missing comma before "S3BucketName"
  ];
  for (const [file, line, column] of syntaxErrors) {
    it(`a syntax error in ${file} is reported at line ${line}, column ${column}, with no findings`, function () {
      const r = runCli(['--format', 'json', file], tmp);
      assertExit(r, 2, file);
      const report = jsonReport(r);
      assert.deepEqual(report.findings, []);
      assert.equal(report.errors.length, 1);
      assert.equal(report.errors[0]?.file, file);
      const prefix = `line ${line}, column ${column}: trail-lint could not read this template: `;
      const message = report.errors[0]?.message ?? '';
      assert.ok(message.startsWith(prefix), `message "${message}" does not start with "${prefix}"`);
      assert.ok(message.length > prefix.length, 'no reason after the prefix');

      const t = runCli([file], tmp);
      assertExit(t, 2, `${file} (text)`);
      const text = parseText(t.stdout);
      assert.deepEqual(text.findings, []);
      assert.equal(text.errors.length, 1);
      assertSyntaxErrorLine(text.errors[0] ?? '', file, line, column, message);
    });
  }

  it('a syntax error does not hide the findings of the other files (2 beats 1)', function () {
    const r = runCli(['--format', 'json', 'bad.yaml', 'broken.yaml'], tmp);
    assertExit(r, 2, 'bad + broken');
    const report = jsonReport(r);
    assert.deepEqual(sortedLocated(report.findings), sorted(BAD_YAML));
    assert.deepEqual(
      report.errors.map((e) => e.file),
      ['broken.yaml'],
    );
  });
});

describe('CLI: --output', function () {
  it('--format json --output FILE writes the report to FILE and prints nothing', function () {
    const expected = runCli(['--format', 'json', 'bad.yaml'], tmp);
    const r = runCli(['--format', 'json', '--output', 'report.json', 'bad.yaml'], tmp);
    assertExit(r, 1, '--output json');
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.deepEqual(
      JSON.parse(readFileSync(path.join(tmp, 'report.json'), 'utf8')),
      JSON.parse(expected.stdout),
    );
  });

  it('text --output FILE holds exactly what stdout would have shown', function () {
    const expected = runCli(['bad.yaml', 'good.yaml'], tmp);
    const r = runCli(['--output', 'report.txt', 'bad.yaml', 'good.yaml'], tmp);
    assertExit(r, 1, '--output text');
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(path.join(tmp, 'report.txt'), 'utf8'), expected.stdout);
  });

  it('--output also carries the errors of a failing run (exit 2)', function () {
    const r = runCli(['--format', 'json', '--output', 'errors.json', 'missing.yaml'], tmp);
    assertExit(r, 2, '--output with a missing path');
    assert.equal(r.stdout, '');
    const report = JSON.parse(readFileSync(path.join(tmp, 'errors.json'), 'utf8')) as {
      errors: { file: string }[];
    };
    assert.deepEqual(
      report.errors.map((e) => e.file),
      ['missing.yaml'],
    );
  });
});

describe('CLI: --show-unverified', function () {
  it('without the flag, values from a parameter without default or an import are silent', function () {
    const r = runCli(['--format', 'json', 'unverified.yaml'], tmp);
    assertExit(r, 0, 'unverified.yaml');
    assert.deepEqual(jsonReport(r), { findings: [], errors: [] });
  });

  it('with the flag, each is an info finding "Could not verify ..." at the property', function () {
    const r = runCli(['--format', 'json', '--show-unverified', 'unverified.yaml'], tmp);
    assertExit(r, 0, 'unverified.yaml --show-unverified');
    const text = fixtureText('unverified.yaml');
    const report = jsonReport(r);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      sortedLocated(report.findings),
      sorted([
        {
          file: 'unverified.yaml',
          ruleId: 'CT001',
          severity: 'info',
          ...span(text, 12, 'IsMultiRegionTrail'),
          resource: 'Trail',
        },
        {
          file: 'unverified.yaml',
          ruleId: 'CT003',
          severity: 'info',
          ...span(text, 14, 'EnableLogFileValidation'),
          resource: 'Trail',
        },
      ]),
    );
    for (const f of report.findings)
      assert.match(f.message, /^Could not verify/, `${f.ruleId}: ${f.message}`);
  });

  it('text summary counts them as info', function () {
    const r = runCli(['--show-unverified', 'unverified.yaml'], tmp);
    const text = parseText(r.stdout);
    assert.deepEqual(
      text.findings.map((f) => f.severity),
      ['info', 'info'],
    );
    assertSummary(text.summary, '2 findings (0 errors, 0 warnings, 2 info)', 1);
  });
});

describe('CLI: CDK output', function () {
  it('a template with aws:cdk:path metadata: exact locations; messages name the construct path and CDK property', function () {
    const r = runCli(['--format', 'json', 'stack.json'], tmp);
    assertExit(r, 1, 'stack.json');
    const report = jsonReport(r);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(sortedLocated(report.findings), cdkStack('stack.json'));
    const message = (ruleId: string): string =>
      report.findings.find((f) => f.ruleId === ruleId)?.message ?? '';
    const mentions: [string, string, string][] = [
      ['S3004', 'AuditStack/TrailBucket', 'versioned: true'],
      ['S3007', 'AuditStack/TrailBucket', 'objectLockEnabled'],
      ['CT003', 'AuditStack/Trail', 'enableFileValidation'],
      ['CT004', 'AuditStack/Trail', 'encryptionKey'],
    ];
    for (const [ruleId, constructPath, prop] of mentions) {
      assert.ok(
        message(ruleId).includes(constructPath),
        `${ruleId} message lacks ${constructPath}: ${message(ruleId)}`,
      );
      assert.ok(message(ruleId).includes(prop), `${ruleId} message lacks ${prop}: ${message(ruleId)}`);
    }
  });

  it('the same template without the metadata gets plain CloudFormation messages', function () {
    const plain = JSON.parse(fixtureText('cdk-stack.template.json')) as {
      Resources: Record<string, { Metadata?: unknown }>;
    };
    for (const res of Object.values(plain.Resources)) delete res.Metadata;
    writeFileSync(path.join(tmp, 'plain-stack.json'), JSON.stringify(plain, null, 1));
    const r = runCli(['--format', 'json', 'plain-stack.json'], tmp);
    assertExit(r, 1, 'plain-stack.json');
    const report = jsonReport(r);
    assert.deepEqual(report.findings.map((f) => f.ruleId).sort(), ['CT003', 'CT004', 'S3004', 'S3007']);
    for (const f of report.findings) {
      assert.ok(!f.message.includes('AuditStack'), `${f.ruleId} mentions a construct path: ${f.message}`);
      assert.ok(
        !/enableFileValidation|encryptionKey|objectLockEnabled|versioned: true/.test(f.message),
        `${f.ruleId} names a CDK property: ${f.message}`,
      );
    }
  });
});

describe('CLI: folder walking', function () {
  let walk: string;
  const WALKED = [
    'proj/a.yaml',
    'proj/c.json',
    'proj/cdk.out/AuditStack.template.json',
    'proj/sub/deeper/x.template',
    'proj/sub/t.yaml',
    'proj/y.cfn',
    'proj/z.yml',
  ];

  function expectedWalk(prefix: string): Located[] {
    const at = (rel: string) => path.join(prefix, rel);
    return sorted([
      warnOnlyYaml(at('a.yaml')),
      warnOnlyJson(at('c.json')),
      ...cdkStack(at('cdk.out/AuditStack.template.json')),
      warnOnlyYaml(at('sub/deeper/x.template')),
      warnOnlyYaml(at('sub/t.yaml')),
      warnOnlyYaml(at('y.cfn')),
      warnOnlyYaml(at('z.yml')),
    ]);
  }

  before(function () {
    walk = realpathSync(makeTempDir());
    copyFixture('warn-only.yaml', walk, 'proj/a.yaml');
    copyFixture('warn-only.json', walk, 'proj/c.json');
    copyFixture('cdk-stack.template.json', walk, 'proj/cdk.out/AuditStack.template.json');
    writeFile(walk, 'proj/cdk.out/manifest.json', '{ "version": "36.0.0", "artifacts": {} }\n');
    writeFile(
      walk,
      'proj/cdk.out/tree.json',
      '{ "version": "tree-0.1", "tree": { "id": "App", "path": "" } }\n',
    );
    writeFile(walk, 'proj/cdk.out/cdk.out', '{ "version": "36.0.0" }\n');
    copyFixture('not-template.yaml', walk, 'proj/config.yaml');
    copyFixture('not-template.json', walk, 'proj/package.json');
    copyFixture('vendor-resources.yaml', walk, 'proj/vendor.yaml');
    copyFixture('bad.yaml', walk, 'proj/notes.txt');
    writeFile(walk, 'proj/README.md', '# project\n');
    copyFixture('warn-only.yaml', walk, 'proj/sub/t.yaml');
    copyFixture('warn-only.yaml', walk, 'proj/sub/deeper/x.template');
    copyFixture('warn-only.yaml', walk, 'proj/y.cfn');
    copyFixture('warn-only.yaml', walk, 'proj/z.yml');
    copyFixture('bad.yaml', walk, 'proj/node_modules/pkg/template.yaml');
    copyFixture('bad.yaml', walk, 'proj/sub/node_modules/template.json');
    copyFixture('bad.yaml', walk, 'proj/.git/template.yaml');
    copyFixture('bad.yaml', walk, 'proj/.terraform/modules/template.yaml');
    symlinkSync('.', path.join(walk, 'proj', 'zloop'), 'dir'); // a loop, sorted after every real entry
    // A second loop, through a subfolder back to its parent.
    copyFixture('warn-only.yaml', walk, 'loop/a.yaml');
    writeFile(walk, 'loop/sub/readme.md', 'nothing here\n');
    symlinkSync('..', path.join(walk, 'loop', 'sub', 'up'), 'dir');
  });

  after(function () {
    if (walk) removeTempDir(walk);
  });

  it('walks recursively in sorted order, names files dir/rel, includes cdk.out, skips the rest', function () {
    const r = runCli(['--format', 'json', 'proj'], walk);
    assertExit(r, 1, 'proj');
    const report = jsonReport(r);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(fileOrder(report.findings), WALKED);
    assert.deepEqual(sortedLocated(report.findings), expectedWalk('proj'));
  });

  it('text format: one header per walked template in sorted order; skipped files leave no trace', function () {
    const r = runCli(['proj'], walk);
    assertExit(r, 1, 'proj (text)');
    const text = parseText(r.stdout);
    assert.deepEqual(text.files, WALKED);
    assert.deepEqual(text.errors, []);
    assert.equal(text.summary, '10 findings (0 errors, 9 warnings, 1 info); 7 files checked.');
    for (const skipped of [
      'node_modules',
      '.git',
      '.terraform',
      'config.yaml',
      'package.json',
      'vendor',
      'notes.txt',
    ]) {
      assert.ok(!r.stdout.includes(skipped), `stdout mentions ${skipped}`);
    }
    assert.ok(!r.stdout.includes('zloop'), 'the symlink loop produced duplicate paths');
    assert.equal(r.stderr, '');
  });

  it('CDK templates found in cdk.out get CDK messages', function () {
    const report = jsonReport(runCli(['--format', 'json', 'proj/cdk.out'], walk));
    const ct004 = report.findings.find((f) => f.ruleId === 'CT004');
    assert.ok(ct004, 'no CT004 finding in cdk.out');
    assert.equal(ct004.file, 'proj/cdk.out/AuditStack.template.json');
    assert.ok(ct004.message.includes('AuditStack/Trail'), ct004.message);
    assert.ok(ct004.message.includes('encryptionKey'), ct004.message);
  });

  it('an absolute folder and a subfolder are joined the same way', function () {
    const abs = path.join(walk, 'proj');
    const r = runCli(['--format', 'json', abs], walk);
    assertExit(r, 1, 'absolute proj');
    assert.deepEqual(sortedLocated(jsonReport(r).findings), expectedWalk(abs));

    const sub = jsonReport(runCli(['--format', 'json', 'proj/sub'], walk));
    assert.deepEqual(fileOrder(sub.findings), ['proj/sub/deeper/x.template', 'proj/sub/t.yaml']);
  });

  it('a symlink loop through a subfolder neither hangs nor duplicates', function () {
    const r = runCli(['--format', 'json', 'loop'], walk);
    assertExit(r, 1, 'loop');
    assert.deepEqual(sortedLocated(jsonReport(r).findings), [warnOnlyYaml('loop/a.yaml')]);
  });

  it('in a walked folder a broken template is an error, a broken or empty non-template is skipped', function () {
    copyFixture('broken.yaml', walk, 'mixed/stack.yaml');
    copyFixture('warn-only.yaml', walk, 'mixed/ok.yaml');
    writeFile(walk, 'mixed/chart.yaml', 'apiVersion: v2\nkind: {{ .Values.kind }}\nmetadata: [\n');
    writeFile(walk, 'mixed/empty.yaml', '');
    writeFile(walk, 'mixed/empty.json', '');
    const r = runCli(['--format', 'json', 'mixed'], walk);
    assertExit(r, 2, 'mixed');
    const report = jsonReport(r);
    assert.deepEqual(sortedLocated(report.findings), [warnOnlyYaml('mixed/ok.yaml')]);
    assert.deepEqual(
      report.errors.map((e) => e.file),
      ['mixed/stack.yaml'],
    );
    assert.match(
      report.errors[0]?.message ?? '',
      /^line 6, column 18: trail-lint could not read this template: /,
    );
  });

  it('files given explicitly are read whatever their extension or folder', function () {
    const r = runCli(['--format', 'json', 'proj/notes.txt', 'proj/node_modules/pkg/template.yaml'], walk);
    assertExit(r, 1, 'explicit files');
    assert.deepEqual(
      sortedLocated(jsonReport(r).findings),
      sorted([
        ...withFile(BAD_YAML, 'proj/notes.txt'),
        ...withFile(BAD_YAML, 'proj/node_modules/pkg/template.yaml'),
      ]),
    );
  });

  it('explicit files that are not CloudFormation templates are skipped silently', function () {
    const args = ['proj/config.yaml', 'proj/package.json', 'proj/vendor.yaml', 'proj/cdk.out/manifest.json'];
    const r = runCli(['--format', 'json', ...args], walk);
    assertExit(r, 0, 'non-templates (json)');
    assert.deepEqual(jsonReport(r), { findings: [], errors: [] });
    assert.equal(r.stderr, '');
    const t = runCli(args, walk);
    assertExit(t, 0, 'non-templates (text)');
    assert.equal(t.stdout.trim(), 'No findings; 0 files checked.');
    assert.equal(t.stderr, '');
  });
});
