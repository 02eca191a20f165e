// Activation to first diagnostics (issue target: < 1 s on a 100-resource template). What the extension does
// when VS Code activates it on a template: load its bundle, start the bundled server (`dist/trail-lint.js
// lsp`), initialize it, and send the open editor's text; the clock stops at the first publishDiagnostics.
// Measured here from a cold `node` process per run, as the editor starts it. The extension host's own load
// of dist/extension.js is not in it (VS Code is not runnable here); the code-server test prints the whole
// path in a real workbench. `BENCH_ONLY=activation node out/test/bench/bench.js`; asserts nothing.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { CLI } from '../helpers/paths';
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
  const child = spawn(process.execPath, [CLI, 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const first = new Promise<number>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => resolve(p.diagnostics.length)),
  );
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
  });
  const initializedMs = performance.now() - started;
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'file:///bench/activation/t100.yaml', languageId: 'yaml', version: 1, text },
  });
  const findings = await first;
  const diagnosticsMs = performance.now() - started;
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();
  await new Promise((resolve) => child.once('exit', resolve));
  return { initializedMs, diagnosticsMs, findings };
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
