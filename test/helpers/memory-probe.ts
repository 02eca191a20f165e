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
  const gc = (globalThis as { gc?: () => void }).gc;
  // Plain `gc()`: a full, synchronous mark-compact. The options form, `gc({ type: 'major', execution: 'sync' })`,
  // collected next to nothing on Node 20 (a 1 MB template's burst left 234 MB "after" it, 31 MB after a plain
  // `gc()`), which is what made the heap look 25% larger after the burst than before it.
  // Twice: the first collection runs finalizers whose objects the second one frees.
  gc?.();
  gc?.();
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
