// The CLI: `trail-lint [options] PATH...`. Exit codes: 0 nothing at or above --fail-on, 1 findings,
// 2 usage error or input that could not be read.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../engine/findings';
import { lintDocument } from '../engine/lint';
import { LineIndex } from '../engine/source/line-index';
import { VERSION } from '../version';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { SEVERITY_RANK, type LocatedFinding, type RunReport } from './report';
import { collectTargets, describe } from './walk';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const USAGE = `Usage: trail-lint [options] PATH...
       trail-lint lsp            start the language server on stdio

Lints CloudFormation templates (YAML/JSON) and CDK output (cdk.out) for CloudTrail best practices.
Folders are walked (node_modules, .git and .terraform are skipped; cdk.out is included).

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --fail-on error|warning|info|none
                             lowest severity that makes the exit code 1 (default: warning)
  --show-unverified          also report, as info, checks that could not be verified
  --version                  print the version
  --help                     print this help

Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage error or unreadable input.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'warning' },
        'show-unverified': { type: 'boolean', default: false },
        version: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`trail-lint: ${describe(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FORMATS.includes(format)) return usage(io, `unknown --format "${values.format}"`);
  if (!FAIL_ON.includes(failOn)) return usage(io, `unknown --fail-on "${values['fail-on']}"`);
  if (positionals.length === 0) return usage(io, 'no PATH given');

  const walk = await collectTargets(positionals, io.cwd);
  const report: RunReport = { findings: [], errors: [...walk.errors], filesLinted: 0 };
  for (const target of walk.targets) {
    let text: string;
    try {
      text = await fs.readFile(path.resolve(io.cwd, target.file), 'utf8');
    } catch (error) {
      report.errors.push({ file: target.file, message: `cannot read: ${describe(error)}` });
      continue;
    }
    const result = lintDocument({ file: target.file, text }, { reportUnverified: values['show-unverified'] });
    if (result.format === undefined) continue;
    report.filesLinted++;
    const lines = new LineIndex(text);
    for (const problem of result.problems) {
      const at = lines.position(problem.at.start);
      report.errors.push({
        file: target.file,
        message: problem.message,
        line: at.line + 1,
        column: at.character + 1,
      });
    }
    for (const finding of result.findings) report.findings.push(locate(target.file, finding, lines));
  }

  const output =
    format === 'json'
      ? formatJson(report)
      : format === 'sarif'
        ? formatSarif(report, io.cwd)
        : formatText(report);
  if (values.output) {
    try {
      await fs.writeFile(path.resolve(io.cwd, values.output), output);
    } catch (error) {
      io.stderr.write(`trail-lint: cannot write ${values.output}: ${describe(error)}\n`);
      return 2;
    }
  } else {
    io.stdout.write(output);
  }
  if (report.errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn];
  return report.findings.some((f) => SEVERITY_RANK[f.finding.severity] >= threshold) ? 1 : 0;
}

function locate(file: string, finding: Finding, lines: LineIndex): LocatedFinding {
  const start = lines.position(finding.at.start);
  const end = lines.position(finding.at.end);
  return {
    file,
    finding,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`trail-lint: ${message}\n\n${USAGE}`);
  return 2;
}
