// Helpers for the CLI integration tests: run the bundled CLI as a child process, build throw-away folders
// from the fixtures in test/fixtures/cli, and validate SARIF with the Microsoft SARIF multitool.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

interface PackageJson {
  name?: string;
  version?: string;
  bin?: Record<string, string>;
}

function findRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as PackageJson).name === 'trail-lint')
      return dir;
  }
  throw new Error(`trail-lint repository not found above ${from}`);
}

export const ROOT = findRoot(__dirname);
export const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const binPath = PACKAGE.bin?.['trail-lint'];
if (binPath === undefined) throw new Error('package.json declares no "trail-lint" bin');
export const CLI = path.join(ROOT, binPath);
export const CLI_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI with `node`; a run that does not end within 20 s throws (ETIMEDOUT). */
export function runCli(args: string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(CLI_FIXTURES, name), 'utf8');
}

/** A fresh temporary folder; remove it with `removeTempDir`. */
export function makeTempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'trail-lint-cli-'));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes `text` to `dir/rel`, creating folders on the way. */
export function writeFile(dir: string, rel: string, text: string): string {
  const full = path.join(dir, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

/** Copies the CLI fixture `name` to `dir/rel` (default: same name). */
export function copyFixture(name: string, dir: string, rel: string = name): string {
  const full = path.join(dir, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  copyFileSync(path.join(CLI_FIXTURES, name), full);
  return full;
}

// ---------------------------------------------------------------------------------------------------------
// JSON report

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: string;
}

export interface JsonError {
  file: string;
  message: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  errors: JsonError[];
}

export const FINDING_KEYS = [
  'file',
  'ruleId',
  'severity',
  'message',
  'line',
  'column',
  'endLine',
  'endColumn',
  'resource',
];

export function parseJsonReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** A finding without its message, for exact comparisons of everything else. */
export type Located = Omit<JsonFinding, 'message'>;

export function located(f: JsonFinding): Located {
  return {
    file: f.file,
    ruleId: f.ruleId,
    severity: f.severity,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    resource: f.resource,
  };
}

/** Order-independent comparison key: the spec does not fix the order of findings within a file. */
export function byPosition(a: Located, b: Located): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.resource.localeCompare(b.resource)
  );
}

export function sortedLocated(findings: JsonFinding[]): Located[] {
  return findings.map(located).sort(byPosition);
}

/**
 * The one-line span of a finding, computed from the fixture text: starts at the first occurrence of `start`
 * on line `line` (1-based) and ends just past `end` (default: the end of the line, trailing blanks excluded).
 */
export function span(
  text: string,
  line: number,
  start: string,
  end?: string,
): { line: number; column: number; endLine: number; endColumn: number } {
  const lineText = text.split(/\r?\n/)[line - 1];
  if (lineText === undefined) throw new Error(`fixture has no line ${line}`);
  const from = lineText.indexOf(start);
  if (from < 0) throw new Error(`"${start}" not on line ${line}: ${lineText}`);
  let to: number;
  if (end === undefined) to = lineText.trimEnd().length;
  else {
    const at = lineText.indexOf(end, from);
    if (at < 0) throw new Error(`"${end}" not on line ${line}: ${lineText}`);
    to = at + end.length;
  }
  return { line, column: from + 1, endLine: line, endColumn: to + 1 };
}

// ---------------------------------------------------------------------------------------------------------
// SARIF

export interface SarifResult {
  ruleId?: string;
  level?: string;
  message: { text?: string; id?: string };
  locations?: {
    physicalLocation?: {
      artifactLocation?: { uri?: string; uriBaseId?: string };
      region?: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
    };
    logicalLocations?: { name?: string }[];
  }[];
}

export interface SarifLog {
  $schema?: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version?: string; rules?: { id: string }[] } };
    invocations?: { executionSuccessful: boolean }[];
    results?: SarifResult[];
  }[];
}

const MULTITOOL = path.join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

export interface ValidatorReport {
  /** Every validator result, as `LEVEL RULE: location/arguments` (missing level = SARIF default, warning). */
  all: string[];
  errors: string[];
  warnings: string[];
  notes: string[];
  console: string;
}

/** Validates a SARIF file with the real Microsoft SARIF multitool, reporting every level. */
export function validateSarif(file: string, outDir: string): ValidatorReport {
  if (!existsSync(MULTITOOL)) throw new Error(`SARIF multitool not installed at ${MULTITOOL}`);
  // npm install scripts are disabled here, so the executable bit may be missing.
  chmodSync(MULTITOOL, 0o755);
  const out = path.join(outDir, `${path.basename(file)}.validation.sarif`);
  const r = spawnSync(
    MULTITOOL,
    ['validate', file, '--output', out, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note'],
    { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
  );
  if (r.error) throw r.error;
  if (r.status !== 0 || !existsSync(out)) {
    throw new Error(`SARIF multitool failed (${String(r.status)}):\n${r.stdout}\n${r.stderr}`);
  }
  const log = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: { results?: { ruleId?: string; level?: string; message?: { arguments?: string[] } }[] }[];
  };
  const all: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];
  for (const run of log.runs) {
    for (const res of run.results ?? []) {
      const level = res.level ?? 'warning';
      const line = `${level} ${res.ruleId ?? '?'}: ${(res.message?.arguments ?? []).join(' | ')}`;
      all.push(line);
      if (level === 'error') errors.push(line);
      else if (level === 'warning') warnings.push(line);
      else notes.push(line);
    }
  }
  if (process.env['TRAIL_LINT_SARIF_REPORT']) {
    process.stdout.write(
      `      validator on ${path.basename(file)}:\n${all.map((l) => `        ${l}\n`).join('')}`,
    );
  }
  return { all, errors, warnings, notes, console: r.stdout };
}
