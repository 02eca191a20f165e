// The CLI: `trail-lint [options] PATH...`. Exit codes: 0 nothing at or above --fail-on, 1 findings,
// 2 usage error, input that could not be read, or an invalid configuration file. Suppressed findings never
// count.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isConfigFileName } from '../engine/config/parse';
import { VERSION } from '../version';
import { CliConfig, type ConfigMode } from './config';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { lintFiles } from './lint-files';
import { runLive } from './live';
import { SEVERITY_RANK, type RunReport } from './report';
import { collectTargets, describe, type Include } from './walk';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

const USAGE = `Usage: trail-lint [options] PATH...
       trail-lint live [options] check the live AWS account (trail-lint live --help)
       trail-lint lsp            start the language server on stdio

Lints CloudFormation templates (YAML/JSON), CDK output (cdk.out) and Terraform (.tf, .tf.json, and plan
JSON from \`terraform show -json\`) for CloudTrail best practices. A Terraform folder is read as one module.
Folders are walked (node_modules, .git and .terraform are skipped; cdk.out is included).

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --fail-on error|warning|info|none
                             lowest severity that makes the exit code 1 (default: warning)
  --show-unverified          also report, as info, checks that could not be verified
  --show-suppressed          also list suppressed findings, marked (SARIF always lists them)
  --no-inline-suppressions   ignore every suppression written in the files (comments and Metadata)
  --fix                      apply the safe fixes to the files (each written whole, atomically; never
                             a file that could not be read fully, nor CDK output), then report what is left
  --config FILE              use this configuration file for every file
  --no-config                use no configuration file (by default, each file uses the nearest
                             .trail-lint.yaml, .trail-lint.yml or .trail-lint.json in its folder or above)
  --version                  print the version
  --help                     print this help

Exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage error, unreadable input or an
invalid configuration file. Suppressed findings never count.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'live') return runLive(argv.slice(1), io);
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
        'show-suppressed': { type: 'boolean', default: false },
        'no-inline-suppressions': { type: 'boolean', default: false },
        config: { type: 'string' },
        'no-config': { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
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
  if (values.config !== undefined && values['no-config'])
    return usage(io, '--config and --no-config exclude each other');
  const mode: ConfigMode =
    values.config !== undefined
      ? { kind: 'forced', file: values.config }
      : values['no-config']
        ? { kind: 'none' }
        : { kind: 'nearest' };
  const config = new CliConfig(mode);
  const unreadable = await config.prepare(io.cwd);
  if (unreadable) {
    io.stderr.write(`trail-lint: --config ${values.config ?? ''}: ${unreadable}\n`);
    return 2;
  }

  const include: Include = async (absolute, byExtension) => {
    if (isConfigFileName(path.basename(absolute))) return false;
    const scope = await config.scopeOf(absolute);
    return !scope.excluded && (byExtension || scope.template);
  };
  const walk = await collectTargets(positionals, io.cwd, include);
  const report: RunReport = { findings: [], errors: [...walk.errors], filesLinted: 0, fixed: [] };
  const flags = {
    reportUnverified: values['show-unverified'],
    inlineSuppressions: !values['no-inline-suppressions'],
    fix: values.fix,
  };
  await lintFiles(walk.targets, config, flags, io.cwd, report);
  report.errors.unshift(...config.errors(io.cwd));

  const output =
    format === 'json'
      ? formatJson(report, values['show-suppressed'])
      : format === 'sarif'
        ? formatSarif(report, io.cwd)
        : formatText(report, values['show-suppressed']);
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
  return report.findings.some((f) => !f.finding.suppressed && SEVERITY_RANK[f.finding.severity] >= threshold)
    ? 1
    : 0;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`trail-lint: ${message}\n\n${USAGE}`);
  return 2;
}
