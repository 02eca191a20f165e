// `trail-lint live [--profile P] [--region R]... [--format text|json|sarif]`: the live account check from the
// command line. The AWS SDK is loaded only here, on demand, through the live adapter; the user's normal
// credential chain applies (profiles, SSO, credential_process, environment). Exit codes as for templates:
// 0 nothing at or above --fail-on, 1 findings, 2 a usage error or a check that could not run at all.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSnapshot } from '../live/evaluate';
import type { LiveSnapshot } from '../live/snapshot';
import { formatLive, type LiveFormat } from './format-live';
import type { CliIo } from './main';
import { SEVERITY_RANK } from './report';
import { describe } from './walk';

export const LIVE_USAGE = `Usage: trail-lint live [options]

Checks the CloudTrail setup of the AWS account your credentials reach, with read-only calls, against the
same rules (and LIVE001-LIVE003). Credentials come from the usual chain: --profile (or AWS_PROFILE), SSO,
credential_process, environment variables. AWS_ENDPOINT_URL points every call at another endpoint.

Options:
  --profile NAME             the shared config/credentials profile to use
  --region REGION            a region to check (repeatable; default: the default-enabled regions)
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of standard output
  --fail-on error|warning|info|none
                             lowest severity that makes the exit code 1 (default: warning)
  --help                     print this help
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

export async function runLive(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string' },
        region: { type: 'string', multiple: true },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'fail-on': { type: 'string', default: 'warning' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.stderr.write(`trail-lint live: ${describe(error)}\n\n${LIVE_USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    io.stdout.write(LIVE_USAGE);
    return 0;
  }
  const format = values.format as LiveFormat;
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FORMATS.includes(format)) return usage(io, `unknown --format "${values.format}"`);
  if (!FAIL_ON.includes(failOn)) return usage(io, `unknown --fail-on "${values['fail-on']}"`);

  let snapshot: LiveSnapshot;
  try {
    // Loaded here, not at start-up: linting templates never pays for the SDK.
    const { createClients, collectSnapshot } = await import('../live/reader.js');
    const clients = createClients({ profile: values.profile });
    snapshot = await collectSnapshot({
      clients,
      regions: values.region,
      onProgress: (message) => io.stderr.write(`trail-lint live: ${message}\n`),
    });
  } catch (error) {
    io.stderr.write(`trail-lint live: ${describe(error)}\n`);
    return 2;
  }
  const evaluation = evaluateSnapshot(snapshot);
  const output = formatLive(format, snapshot, evaluation);
  if (values.output) {
    try {
      await fs.writeFile(path.resolve(io.cwd, values.output), output);
    } catch (error) {
      io.stderr.write(`trail-lint live: cannot write ${values.output}: ${describe(error)}\n`);
      return 2;
    }
  } else {
    io.stdout.write(output);
  }
  if (evaluation.failures.length > 0) return 2;
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn];
  return evaluation.findings.some((f) => !f.unverified && SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`trail-lint live: ${message}\n\n${LIVE_USAGE}`);
  return 2;
}
