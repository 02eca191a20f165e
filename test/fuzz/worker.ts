// A fuzzing shard in a worker thread, so that a run uses both cores of a CI machine.
import { parentPort, workerData } from 'node:worker_threads';
import { loadHclReader } from '../../server/src/node/hcl-reader';
import { runCampaign, type CampaignOptions, type CampaignStats } from './campaign';
import type { FuzzFormat } from './formats';

export interface ShardTask {
  format: FuzzFormat;
  options: CampaignOptions;
}

async function main(): Promise<void> {
  const tasks = workerData as ShardTask[];
  const reader = await loadHclReader();
  const out: CampaignStats[] = [];
  // The shard's time is one budget: a format that reaches its case count early leaves its unused time to
  // the formats after it, in proportion to their planned shares.
  const deadline = performance.now() + tasks.reduce((sum, t) => sum + t.options.timeLimitMs, 0);
  tasks.forEach((t, i) => {
    const plannedLeft = tasks.slice(i).reduce((sum, u) => sum + u.options.timeLimitMs, 0);
    const share = plannedLeft > 0 ? t.options.timeLimitMs / plannedLeft : 0;
    const timeLimitMs = Math.max(0, (deadline - performance.now()) * share);
    out.push(runCampaign(t.format, reader, { ...t.options, timeLimitMs }));
  });
  parentPort?.postMessage(out);
}

void main();
