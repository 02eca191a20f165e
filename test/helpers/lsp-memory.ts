// The language server's memory, read from outside without changing its code: the kernel's view of the process
// (/proc/<pid>/status: VmRSS now, VmHWM the peak since the last reset) and, after a forced full collection, the
// V8 heap the preloaded probe reports (memory-probe.ts). Linux only, like the CI image.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LspTestClient } from '../integration/lsp-client';
import { MEMORY_MARK, type MemoryReport } from './memory-probe-protocol';

/** Node options that load the probe into the server: only the load test and its bench start servers so. */
export const PROBE_NODE_ARGS = ['--expose-gc', '--require', path.join(__dirname, 'memory-probe.js')];

export interface Memory {
  /** Resident set size after a full collection, bytes. */
  rss: number;
  /** V8 heap in use after a full collection, bytes. */
  heapUsed: number;
}

/** Resident set size and its peak (VmHWM) of a process, in bytes. */
export function procMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Resets the process's peak RSS (VmHWM) to its current RSS (clear_refs, Linux 4.0+). */
export function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/**
 * Forces a full collection in the server and waits for the probe's answer on stderr (an event, not a sleep);
 * the RSS is read from /proc right after it, while the server sits idle.
 */
export async function settledMemory(client: LspTestClient): Promise<Memory> {
  const before = reports(client.stderr).length;
  process.kill(client.pid, 'SIGUSR2');
  const report = await client.waitUntil(
    `memory probe answer #${before + 1}`,
    () => reports(client.stderr)[before],
    60_000,
  );
  return { rss: procMemory(client.pid).rss, heapUsed: report.heapUsed };
}

function reports(stderr: string): MemoryReport[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith(MEMORY_MARK))
    .map((line) => JSON.parse(line.slice(MEMORY_MARK.length)) as MemoryReport);
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
