// What the memory probe preloaded into the language server (memory-probe.ts) writes on stderr, one line per
// SIGUSR2. Apart from the preload so that the test reading it does not install the signal handler itself.
export const MEMORY_MARK = '@@trail-lint-memory ';

export interface MemoryReport {
  /** How many probes this process has answered, this one included: matches a reply to its signal. */
  seq: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}
