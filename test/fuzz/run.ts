// The long fuzzing run: `npm run fuzz -- --minutes N [--seed S] [--format yaml,hcl] [--workers W]`, in rounds
// of ten seconds per format, each round with a fresh seed that is printed first. A failure prints its
// format, seed and path, writes the shrunk input to out/fuzz-failures/, and is replayed alone with
// `npm run fuzz -- --format F --seed S --path P`.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadHclReader } from '../../server/src/node/hcl-reader';
import { ROOT } from '../helpers/paths';
import { runCampaign, type Failure } from './campaign';
import { FORMATS, type FuzzFormat } from './formats';
import { runParallel, summarize } from './parallel';

const ROUND_MS_PER_FORMAT = 10_000;

function report(failure: Failure): void {
  const dir = path.join(ROOT, 'out', 'fuzz-failures');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${failure.format}-${failure.seed}-${failure.path.replace(/:/g, '_')}.txt`);
  writeFileSync(file, failure.input);
  console.log(`FAILURE ${failure.format} seed ${failure.seed} path ${failure.path}\n${failure.message}`);
  console.log(`  input: ${file}`);
  console.log(
    `  replay: npm run fuzz -- --format ${failure.format} --seed ${failure.seed} --path ${failure.path}`,
  );
}

async function replay(format: FuzzFormat, seed: number, replayPath: string): Promise<number> {
  const stats = runCampaign(format, await loadHclReader(), {
    seed,
    path: replayPath,
    numRuns: 1,
    timeLimitMs: 60_000,
  });
  if (stats.failure) report(stats.failure);
  else console.log(`no failure: ${format} seed ${seed} path ${replayPath} passes`);
  return stats.failure ? 1 : 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '1' },
      seed: { type: 'string' },
      format: { type: 'string' },
      workers: { type: 'string' },
      path: { type: 'string' },
    },
  });
  const formats = (values.format?.split(',') ?? [...FORMATS]) as FuzzFormat[];
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0)
    throw new Error(`unknown format ${unknown.join(', ')}; formats: ${FORMATS.join(', ')}`);
  let seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (values.path !== undefined) {
    if (formats.length !== 1 || values.seed === undefined)
      throw new Error('--path needs one --format and --seed');
    return replay(formats[0] as FuzzFormat, seed, values.path);
  }
  const workers = Number(values.workers ?? Math.max(1, Math.min(os.availableParallelism(), 4)));
  const deadline = Date.now() + Number(values.minutes) * 60_000;
  let total = 0;
  let failures = 0;
  let maxCaseMs = 0;
  const started = Date.now();
  while (Date.now() < deadline) {
    const perFormat = Math.max(1000, Math.min(ROUND_MS_PER_FORMAT, (deadline - Date.now()) / formats.length));
    console.log(
      `round seed ${seed} (workers use ${seed}..${seed + workers - 1}), ${Math.round(perFormat / 1000)} s per format`,
    );
    const plan = formats.map((format) => ({ format, numRuns: 1e9, timeLimitMs: perFormat }));
    const stats = await runParallel(plan, seed, workers);
    for (const [format, s] of summarize(stats)) {
      total += s.cases;
      maxCaseMs = Math.max(maxCaseMs, s.maxCaseMs);
      console.log(`  ${format}: ${s.cases} cases, slowest ${s.maxCaseMs.toFixed(1)} ms`);
    }
    for (const s of stats) {
      if (!s.failure) continue;
      failures++;
      report(s.failure);
    }
    seed = (seed + workers) | 0;
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${total} cases in ${seconds.toFixed(0)} s, slowest case ${maxCaseMs.toFixed(1)} ms, ${failures} failure(s)`,
  );
  return failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
