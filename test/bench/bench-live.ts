// The live check's wall time against moto: 20 trails (good and broken set-ups alternating, 5 per region)
// in 4 regions, read by the bundled CLI as a user would run it (`trail-lint live --region ... --format json`,
// a fresh process each time, so SDK loading and client creation count). Prints the median of 3 runs and the
// check's own elapsedMs from the report; asserts nothing. `BENCH_ONLY=live node out/test/bench/bench.js`.
import { createBrokenTrail, createGoodTrail } from '../helpers/moto-account';
import { motoMissing, runCliBeside, startMoto, type Moto } from '../helpers/moto';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const TRAILS_PER_REGION = 5;
const RUNS = 3;

interface LiveReport {
  summary: { trails: number; regions: string[]; elapsedMs: number; notVerified: unknown[] };
  findings: unknown[];
}

interface Timed {
  wallMs: number;
  report: LiveReport;
}

/** One CLI run, timed from spawn to exit (asynchronously: see runCliBeside). */
async function timeCli(moto: Moto, args: string[]): Promise<Timed> {
  const started = performance.now();
  const run = await runCliBeside({ ...process.env, ...moto.env }, args);
  const wallMs = performance.now() - started;
  // 1 is "findings at or above --fail-on", which the broken trails guarantee; 2 is a failed check.
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`trail-lint live exited ${run.status}:\n${run.stderr}`);
  return { wallMs, report: JSON.parse(run.stdout) as LiveReport };
}

const median = (samples: number[]): number =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

export async function benchLive(): Promise<void> {
  console.log(
    `\nLive check against moto: ${REGIONS.length * TRAILS_PER_REGION} trails in ${REGIONS.length} regions, ` +
      `whole CLI process (median of ${RUNS} runs, ms)`,
  );
  const missing = motoMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const moto = await startMoto();
  try {
    const env = { endpoint: moto.endpoint };
    const setupStarted = performance.now();
    for (const region of REGIONS) {
      for (let i = 0; i < TRAILS_PER_REGION; i++) {
        // Names carry the region: buckets, roles and alarms are named after the trail and must be unique.
        const name = `bench-${region}-${i}`;
        await (i % 2 === 0 ? createGoodTrail(env, name, region) : createBrokenTrail(env, name, region));
      }
    }
    const setupMs = performance.now() - setupStarted;
    const args = ['live', '--format', 'json', ...REGIONS.flatMap((r) => ['--region', r])];
    const runs: Timed[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeCli(moto, args));
    const wall = median(runs.map((r) => r.wallMs));
    const elapsed = median(runs.map((r) => r.report.summary.elapsedMs));
    const last = runs[runs.length - 1]!.report;
    console.log(`(account set up in ${setupMs.toFixed(0)} ms)`);
    console.log('trails  regions  findings  not verified   wall ms  elapsedMs  wall samples');
    console.log(
      String(last.summary.trails).padStart(6) +
        String(last.summary.regions.length).padStart(9) +
        String(last.findings.length).padStart(10) +
        String(last.summary.notVerified.length).padStart(14) +
        wall.toFixed(0).padStart(10) +
        elapsed.toFixed(0).padStart(11) +
        '  ' +
        runs.map((r) => r.wallMs.toFixed(0)).join(', '),
    );
  } finally {
    await moto.stop();
  }
}
