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
  for (const t of tasks) out.push(runCampaign(t.format, reader, t.options));
  parentPort?.postMessage(out);
}

void main();
