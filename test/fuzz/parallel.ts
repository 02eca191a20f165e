// Runs campaigns across worker threads: each worker gets its share of the cases of every format, with its own
// fast-check seed (base seed + worker index), so that any failure is replayed by format, seed and path.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CampaignStats } from './campaign';
import type { FuzzFormat } from './formats';
import type { ShardTask } from './worker';

export interface PlanItem {
  format: FuzzFormat;
  numRuns: number;
  timeLimitMs: number;
}

export function shardTasks(plan: PlanItem[], seed: number, workers: number): ShardTask[][] {
  return Array.from({ length: workers }, (_, w) =>
    plan.map((p) => ({
      format: p.format,
      options: {
        seed: (seed + w) | 0,
        numRuns: Math.ceil(p.numRuns / workers),
        timeLimitMs: p.timeLimitMs,
      },
    })),
  );
}

export function runShard(tasks: ShardTask[]): Promise<CampaignStats[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: tasks });
    worker.once('message', (stats: CampaignStats[]) => resolve(stats));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`fuzz worker exited with code ${code}`));
    });
  });
}

/** Every shard's stats, one list. */
export async function runParallel(plan: PlanItem[], seed: number, workers: number): Promise<CampaignStats[]> {
  const shards = await Promise.all(shardTasks(plan, seed, workers).map(runShard));
  return shards.flat();
}

/** Stats per format, summed over shards. */
export function summarize(
  stats: CampaignStats[],
): Map<FuzzFormat, { cases: number; maxCaseMs: number; ms: number }> {
  const out = new Map<FuzzFormat, { cases: number; maxCaseMs: number; ms: number }>();
  for (const s of stats) {
    const sum = out.get(s.format) ?? { cases: 0, maxCaseMs: 0, ms: 0 };
    out.set(s.format, {
      cases: sum.cases + s.cases,
      maxCaseMs: Math.max(sum.maxCaseMs, s.maxCaseMs),
      ms: Math.max(sum.ms, s.ms),
    });
  }
  return out;
}
