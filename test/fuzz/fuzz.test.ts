// The CI fuzzing run: about 100,000 mutated inputs of every format through the engine, on two worker threads,
// with fixed seeds (so a failure replays: `npm run fuzz -- --format F --seed S --path P`). Bounded by cases
// and by time, so that a slow machine runs fewer cases rather than a longer suite. FUZZ_CASES, FUZZ_SECONDS
// and FUZZ_SEED change the run; `npm run fuzz -- --minutes N` is the long run.
import assert from 'node:assert/strict';
import type { Failure } from './campaign';
import type { FuzzFormat } from './formats';
import { runParallel, summarize, type PlanItem } from './parallel';

const SEED = Number(process.env.FUZZ_SEED ?? 20240601);
const SCALE = Number(process.env.FUZZ_CASES ?? 100_000) / 100_000;
const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 240) * 1000;
const WORKERS = 2;

/**
 * Cases per format, and the relative cost of one, which sets each format's share of the time budget
 * (measured on the 2-core CI machine: 94,342 cases in 190 s with the first estimates, HCL and CDK cut short
 * by their shares while the others finished early; these are the rebalanced weights).
 */
const SHARE: [FuzzFormat, number, number][] = [
  ['yaml', 20_000, 4],
  ['json', 25_000, 1.2],
  ['cdk', 10_000, 3],
  ['hcl', 20_000, 6],
  ['tfjson', 10_000, 6],
  ['plan', 15_000, 4],
];

function plan(): PlanItem[] {
  const cost = SHARE.reduce((sum, [, cases, each]) => sum + cases * each, 0);
  return SHARE.map(([format, cases, each]) => ({
    format,
    numRuns: Math.round(cases * SCALE),
    // Each format's share of the time, by its share of the expected cost; every worker runs them in turn.
    timeLimitMs: (BUDGET_MS * cases * each) / cost,
  }));
}

function describeFailure(f: Failure): string {
  return `${f.format} seed ${f.seed} path ${f.path}: ${f.message}\ninput: ${JSON.stringify(f.input.slice(0, 2000))}\nreplay: npm run fuzz -- --format ${f.format} --seed ${f.seed} --path ${f.path}`;
}

describe('fuzzing the engine with mutated inputs of every format', function () {
  this.timeout(BUDGET_MS + 120_000);

  it('never throws, lints any single input within a second and reports only places inside the file', async () => {
    const started = Date.now();
    const stats = await runParallel(plan(), SEED, WORKERS);
    const seconds = (Date.now() - started) / 1000;
    let total = 0;
    let slowest = 0;
    for (const [format, s] of summarize(stats)) {
      total += s.cases;
      slowest = Math.max(slowest, s.maxCaseMs);
      console.log(`      ${format}: ${s.cases} cases, slowest ${s.maxCaseMs.toFixed(1)} ms`);
    }
    const interrupted = stats.some((s) => s.interrupted)
      ? ' (time budget reached before the case target)'
      : '';
    console.log(
      `      fuzz: ${total} cases in ${seconds.toFixed(1)} s on ${WORKERS} workers, seed ${SEED}, slowest case ${slowest.toFixed(1)} ms${interrupted}`,
    );
    const failures = stats.flatMap((s) => (s.failure ? [s.failure] : []));
    assert.deepEqual(failures.map(describeFailure), []);
  });
});
