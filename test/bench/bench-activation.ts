// Activation to first diagnostics (issue target: < 1 s on a 100-resource template). What the extension does
// when VS Code activates it on a template: load its bundle, start the bundled server (`dist/trail-lint.js
// lsp`), initialize it, and send the open editor's text; the clock stops at the first publishDiagnostics.
// Measured here from a cold `node` process per run, as the editor starts it. The extension host's own load
// of dist/extension.js is not in it (VS Code is not runnable here); the code-server test prints the whole
// path in a real workbench. `BENCH_ONLY=activation node out/test/bench/bench.js`; asserts nothing.
import { DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { startBenchServer } from './bench-server';
import { templateYaml } from './generate';

const RUNS = 7;

interface Timing {
  /** Spawn → the initialize response: loading the bundle and starting the server. */
  initializedMs: number;
  /** Spawn → the first diagnostics of the opened template. */
  diagnosticsMs: number;
  findings: number;
}

async function activateOnce(text: string): Promise<Timing> {
  const started = performance.now();
  let published: (count: number) => void = () => undefined;
  const first = new Promise<number>((resolve) => (published = resolve));
  const server = await startBenchServer((p) => published(p.diagnostics.length));
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'file:///bench/activation/t100.yaml', languageId: 'yaml', version: 1, text },
  });
  const findings = await first;
  const diagnosticsMs = performance.now() - started;
  await server.stop();
  return { initializedMs: server.initializedMs, diagnosticsMs, findings };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export async function benchActivation(): Promise<void> {
  const text = templateYaml(100);
  const runs: Timing[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await activateOnce(text));
  const init = median(runs.map((r) => r.initializedMs));
  const diagnostics = median(runs.map((r) => r.diagnosticsMs));
  const worst = Math.max(...runs.map((r) => r.diagnosticsMs));
  console.log(
    `\nActivation to first diagnostics, 100-resource YAML template (${(text.length / 1024).toFixed(0)} KB), ` +
      `cold server process, median of ${RUNS} (target < 1,000 ms):`,
  );
  console.log(
    `  spawn→initialized ${init.toFixed(0)} ms; spawn→first diagnostics ${diagnostics.toFixed(0)} ms ` +
      `(worst ${worst.toFixed(0)} ms, ${runs[0]?.findings ?? 0} findings)`,
  );
}
