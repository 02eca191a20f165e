// The language server under load (the scenario of test/integration/lsp-load.test.ts, which asserts its
// outcome): how long after the last of 1,000 changes to a ~1 MB template its final diagnostics arrive, and the
// server's memory before, at the peak of and after the burst; and how long `source.fixAll.trail-lint` takes
// on a ~1 MB template with about 1,100 safe fixes (test/integration/lsp-fix-all.test.ts) and on its 1.6 MB
// JSON twin. Prints; asserts nothing.
// `BENCH_ONLY=lsp-load node out/test/bench/bench.js`.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, stopClients } from '../integration/lsp-client';
import { openFixable, requestFixAll } from '../helpers/lsp-fix-all';
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
  await benchFixAll();
}

async function benchFixAll(): Promise<void> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-bench-fix-all-'));
  const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
  try {
    for (const kind of ['yaml', 'json'] as const) {
      const uri = await openFixable(client, folder, LOAD_PLAN.resources, kind);
      const started = performance.now();
      const [action] = await requestFixAll(client, uri);
      const edits = action?.edit?.changes?.[uri]?.length ?? 0;
      console.log(
        `fix-all on ${LOAD_PLAN.resources} resources, ${kind.toUpperCase()} (about 1,100 safe fixes): ` +
          `${(performance.now() - started).toFixed(0)} ms, ${edits} edit(s)`,
      );
    }
  } finally {
    await stopClients([client], false);
    rmSync(folder, { recursive: true, force: true });
  }
}
