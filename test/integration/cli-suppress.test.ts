// The bundled CLI with in-file suppressions: hidden by default, listed with --show-suppressed, always in
// SARIF as in-source suppressions (checked with the SARIF multitool), never counted by the exit code, and
// all ignored with --no-inline-suppressions. Only CT001, CT003 and CT004 are looked at (see trail-templates).
import { strict as assert } from 'node:assert';
import { OUR_RULES, SUPPRESSED_YAML } from '../helpers/trail-templates';
import {
  makeTempDir,
  removeTempDir,
  runCli,
  span,
  validateSarif,
  writeFile,
  type CliResult,
  type SarifLog,
} from './cli-helpers';

interface Finding {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  resource: string | null;
  suppressed?: { kind: string; reason: string | null; line: number; column: number } | null;
}

function ours(r: CliResult): Finding[] {
  assert.equal(r.stderr, '', 'stderr');
  const report = JSON.parse(r.stdout) as { findings: (Finding & { message: string })[] };
  return report.findings
    .filter((f) => OUR_RULES.has(f.ruleId))
    .map(({ message: _message, ...rest }) => rest)
    .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

// Where the suppressions are written, 1-based as in the reports.
const CT004_COMMENT = span(SUPPRESSED_YAML, 4, '# trail-lint-disable-next-line');
const CT001_COMMENT = span(SUPPRESSED_YAML, 14, '# trail-lint-disable-line');
const CHECKOV_ENTRY = {
  ...span(SUPPRESSED_YAML, 9, 'id: CKV_AWS_36'),
  endLine: 10,
  endColumn: span(SUPPRESSED_YAML, 10, 'comment:').endColumn,
};

const sarifRegion = (s: { line: number; column: number; endLine: number; endColumn: number }) => ({
  startLine: s.line,
  startColumn: s.column,
  endLine: s.endLine,
  endColumn: s.endColumn,
});

const pick = (f: Finding, keys: (keyof Finding)[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, f[k]]));

describe('CLI: suppressions', function () {
  let tmp: string;
  before(() => {
    tmp = makeTempDir();
    writeFile(tmp, 'stack.yaml', SUPPRESSED_YAML);
    // Our three rules as errors, so that the exit code is theirs alone under --fail-on error.
    writeFile(tmp, 'strict/.trail-lint.yaml', 'rules: { CT001: error, CT003: error, CT004: error }\n');
    writeFile(tmp, 'strict/stack.yaml', SUPPRESSED_YAML);
  });
  after(() => removeTempDir(tmp));

  it('hides suppressed findings and lists the note about the one without a reason', () => {
    const r = runCli(['--format', 'json', 'stack.yaml'], tmp);
    assert.deepEqual(ours(r), [
      { file: 'stack.yaml', ruleId: 'CT001', severity: 'info', ...CT001_COMMENT, resource: null },
    ]);
  });

  it('lists them with --show-suppressed, each with its suppression (JSON)', () => {
    const found = ours(runCli(['--format', 'json', '--show-suppressed', 'stack.yaml'], tmp));
    assert.deepEqual(
      found.map((f) => pick(f, ['ruleId', 'severity', 'line', 'column', 'suppressed'])),
      [
        {
          ruleId: 'CT003',
          severity: 'warning',
          line: 5,
          column: 5,
          suppressed: { kind: 'checkov', reason: 'digests are checked by the log archive', ...CHECKOV_ENTRY },
        },
        {
          ruleId: 'CT004',
          severity: 'warning',
          line: 5,
          column: 5,
          suppressed: { kind: 'comment', reason: 'keys live in the security account', ...CT004_COMMENT },
        },
        {
          ruleId: 'CT001',
          severity: 'warning',
          line: 14,
          column: 7,
          suppressed: { kind: 'comment', reason: null, ...CT001_COMMENT },
        },
        { ruleId: 'CT001', severity: 'info', line: 14, column: 34, suppressed: null },
      ],
    );
  });

  it('marks them in text with --show-suppressed, and counts them apart in the summary', () => {
    const shown = runCli(['--show-suppressed', 'stack.yaml'], tmp).stdout.split('\n');
    const line = (rule: string, at: string): string | undefined =>
      shown.find((l) => new RegExp(`^\\s+${at}\\s+\\S+\\s+${rule}\\s`).test(l));
    assert.match(
      line('CT004', '5:5') ?? '',
      /\[Trail\] {2}\(suppressed by comment at 4:5: keys live in the security account\)$/,
    );
    assert.match(
      line('CT001', '14:7') ?? '',
      /\[Trail\] {2}\(suppressed by comment at 14:34: no reason given\)$/,
    );
    assert.match(shown.at(-2) ?? '', /; 1 file checked; 3 suppressed\.$/);
    const hidden = runCli(['stack.yaml'], tmp).stdout.split('\n');
    assert.equal(hidden.filter((l) => l.includes('(suppressed by')).length, 0);
    assert.match(hidden.at(-2) ?? '', /; 1 file checked; 3 suppressed \(--show-suppressed lists them\)\.$/);
  });

  it('never counts suppressed findings toward the exit code', () => {
    const quiet = runCli(['--fail-on', 'error', '--format', 'json', 'strict/stack.yaml'], tmp);
    assert.deepEqual(
      ours(quiet).map((f) => `${f.ruleId} ${f.severity}`),
      ['CT001 info'],
    );
    assert.equal(quiet.status, 0, 'only suppressed findings reach --fail-on error');
    const gate = runCli(['--fail-on', 'error', '--no-inline-suppressions', 'strict/stack.yaml'], tmp);
    assert.equal(gate.status, 1, gate.stdout);
  });

  it('ignores every in-file suppression with --no-inline-suppressions', () => {
    const found = ours(
      runCli(['--format', 'json', '--no-inline-suppressions', '--show-suppressed', 'stack.yaml'], tmp),
    );
    assert.deepEqual(
      found.map((f) => pick(f, ['ruleId', 'severity', 'line', 'column', 'suppressed'])),
      [
        { ruleId: 'CT003', severity: 'warning', line: 5, column: 5, suppressed: null },
        { ruleId: 'CT004', severity: 'warning', line: 5, column: 5, suppressed: null },
        { ruleId: 'CT001', severity: 'warning', line: 14, column: 7, suppressed: null },
      ],
    );
  });

  it('lists suppressed results in SARIF as in-source suppressions, valid for the SARIF multitool', function () {
    this.timeout(60_000);
    const r = runCli(['--format', 'sarif', 'stack.yaml'], tmp);
    const log = JSON.parse(r.stdout) as SarifLog;
    type Result = NonNullable<SarifLog['runs'][number]['results']>[number] & {
      suppressions?: {
        kind: string;
        justification?: string;
        location?: { physicalLocation?: { region?: unknown } };
      }[];
    };
    const results = ((log.runs[0]?.results ?? []) as Result[])
      .filter((res) => OUR_RULES.has(res.ruleId ?? ''))
      .map((res) => ({
        ruleId: res.ruleId,
        level: res.level,
        line: res.locations?.[0]?.physicalLocation?.region?.startLine,
        suppressions: res.suppressions?.map((s) => ({
          kind: s.kind,
          justification: s.justification,
          region: s.location?.physicalLocation?.region,
        })),
      }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
    assert.deepEqual(results, [
      {
        ruleId: 'CT003',
        level: 'warning',
        line: 5,
        suppressions: [
          {
            kind: 'inSource',
            justification: 'digests are checked by the log archive',
            region: sarifRegion(CHECKOV_ENTRY),
          },
        ],
      },
      {
        ruleId: 'CT004',
        level: 'warning',
        line: 5,
        suppressions: [
          {
            kind: 'inSource',
            justification: 'keys live in the security account',
            region: sarifRegion(CT004_COMMENT),
          },
        ],
      },
      {
        ruleId: 'CT001',
        level: 'warning',
        line: 14,
        suppressions: [
          {
            kind: 'inSource',
            justification: undefined,
            region: sarifRegion(CT001_COMMENT),
          },
        ],
      },
      { ruleId: 'CT001', level: 'note', line: 14, suppressions: undefined },
    ]);
    const file = writeFile(tmp, 'out/suppressed.sarif', r.stdout);
    const v = validateSarif(file, tmp);
    assert.deepEqual(v.errors, [], `validator errors:\n${v.errors.join('\n')}`);
    assert.deepEqual(v.warnings, [], `validator warnings:\n${v.warnings.join('\n')}`);
  });
});
