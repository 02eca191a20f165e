// The language server under load (the scenario of test/integration/lsp-load.test.ts, which asserts its
// outcome): how long after the last of 1,000 changes to a ~1 MB template its final diagnostics arrive, and the
// server's memory before, at the peak of and after the burst. Prints; asserts nothing.
// `BENCH_ONLY=lsp-load node out/test/bench/bench.js`.
import { mb } from '../helpers/lsp-memory';
import { LOAD_PLAN, runLoad } from '../helpers/lsp-load';

export async function benchLspLoad(): Promise<void> {
  console.log(
    `\nLanguage server under load: ${LOAD_PLAN.edits} changes to a ${LOAD_PLAN.resources}-resource YAML template, ` +
      `${LOAD_PLAN.files} small files opened and closed, code actions cancelled, the configuration changed`,
  );
  if (process.platform !== 'linux') {
    console.log('skipped: reads /proc (Linux only)');
    return;
  }
  const o = await runLoad();
  const { before, peakRss, after } = o.memory;
  console.log(
    `${(o.bytes / 1024).toFixed(0)} KB; changes sent in ${o.sendMs.toFixed(0)} ms; final diagnostics ` +
      `${o.finalDiagnosticsMs.toFixed(0)} ms after the last change; code actions ${o.requests.answered} answered, ` +
      `${o.requests.cancelled} cancelled`,
  );
  console.log(
    `RSS before ${mb(before.rss)}, peak ${mb(peakRss)}, after ${mb(after.rss)}; heap (after a full collection) ` +
      `before ${mb(before.heapUsed)}, after ${mb(after.heapUsed)}`,
  );
}
