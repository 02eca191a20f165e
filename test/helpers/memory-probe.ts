// Preloaded into the language server by the load test only (`node --expose-gc --require <this> trail-lint.js
// lsp`), so that the server's code stays exactly what ships: on SIGUSR2 it collects garbage and writes its
// memory use as one line on stderr, which the LSP leaves free (the protocol runs on stdout).
//
// Why force a collection: V8 collects when it likes, so the heap right after a burst still holds the burst's
// garbage. Comparing memory before and after the burst is only meaningful when both are measured after a full
// collection, and waiting "long enough" for one would be a fixed sleep. `--expose-gc` gives `gc()`.
import { MEMORY_MARK, type MemoryReport } from './memory-probe-protocol';

let seq = 0;

process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: (options?: { type: 'major'; execution: 'sync' }) => void }).gc;
  // Twice: the first collection runs finalizers whose objects the second one frees.
  gc?.({ type: 'major', execution: 'sync' });
  gc?.({ type: 'major', execution: 'sync' });
  const m = process.memoryUsage();
  seq++;
  const report: MemoryReport = {
    seq,
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
  process.stderr.write(`${MEMORY_MARK}${JSON.stringify(report)}\n`);
});
