// One fuzzing campaign: fast-check draws a seed input of a format and a few mutations, the engine lints the
// result, and the property holds when nothing throws, the lint of that one input takes at most a second
// (a bound on a single input, not a benchmark) and every reported place lies inside the text.
import fc from 'fast-check';
import type { HclReader } from '../../server/src/node/hcl-reader';
import { FILE_NAME, runEngine, seeds, type FuzzFormat } from './formats';
import { violation } from './invariants';
import { mutate, opsArbitrary, type Op } from './mutations';

/** The correctness bound on the lint of a single input. */
export const MAX_CASE_MS = 1000;

export interface CampaignOptions {
  seed: number;
  numRuns: number;
  /** fast-check stops drawing new cases after this long (the case in progress finishes). */
  timeLimitMs: number;
  /** Replays one case: fast-check's path of a reported failure. */
  path?: string;
}

export interface Failure {
  format: FuzzFormat;
  seed: number;
  path: string;
  message: string;
  /** The shrunk input, to be kept as a regression fixture. */
  input: string;
}

export interface CampaignStats {
  format: FuzzFormat;
  cases: number;
  ms: number;
  maxCaseMs: number;
  /** Whether the time limit stopped the campaign before numRuns. */
  interrupted: boolean;
  failure?: Failure;
}

type Case = [seedIndex: number, ops: Op[], incremental: boolean];

function inputOf(format: FuzzFormat, [seedIndex, ops]: Case): { seed: string; text: string } {
  const list = seeds().get(format) ?? [];
  const seed = list[seedIndex % list.length] ?? '';
  return { seed, text: mutate(seed, ops) };
}

export function runCampaign(format: FuzzFormat, reader: HclReader, options: CampaignOptions): CampaignStats {
  let maxCaseMs = 0;
  // The editor's incremental route matters for templates only, and costs a second lint: one case in eight.
  const incremental =
    format === 'yaml' || format === 'json' || format === 'cdk'
      ? fc.nat(7).map((n) => n === 0)
      : fc.constant(false);
  const property = fc.property(fc.nat(), opsArbitrary(format), incremental, (...c: Case) => {
    const { seed, text } = inputOf(format, c);
    const run = runEngine(format, text, reader, c[2] ? seed : undefined);
    // A loaded machine can stall one lint (GC, another process): an input is slow when it is slow twice.
    const ms =
      run.ms > MAX_CASE_MS
        ? Math.min(run.ms, runEngine(format, text, reader, c[2] ? seed : undefined).ms)
        : run.ms;
    maxCaseMs = Math.max(maxCaseMs, ms);
    if (ms > MAX_CASE_MS)
      throw new Error(`the lint took ${Math.round(ms)} ms, twice over (bound ${MAX_CASE_MS} ms)`);
    const broken = violation(FILE_NAME[format], text, run.results);
    if (broken) throw new Error(broken);
  });
  const start = performance.now();
  const details = fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  const stats: CampaignStats = {
    format,
    cases: details.numRuns,
    ms: performance.now() - start,
    maxCaseMs,
    interrupted: details.interrupted,
  };
  if (details.failed && details.counterexample) {
    const error = details.errorInstance;
    stats.failure = {
      format,
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      input: inputOf(format, details.counterexample).text,
    };
  }
  return stats;
}
