// The bundled language server as the bench drives it: spawned cold, connected over stdio, initialized with
// no client capabilities; `stop` shuts it down and waits for the process to end.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { CLI } from '../helpers/paths';

export interface BenchServer {
  connection: ProtocolConnection;
  /** Spawn → the initialize response. */
  initializedMs: number;
  stop(): Promise<void>;
}

/** `onDiagnostics` is registered before anything is sent, so that no publish is missed. */
export async function startBenchServer(
  onDiagnostics: (params: PublishDiagnosticsParams) => void,
): Promise<BenchServer> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.onNotification(PublishDiagnosticsNotification.type, onDiagnostics);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    workspaceFolders: null,
  });
  const initializedMs = performance.now() - started;
  await connection.sendNotification(InitializedNotification.type, {});
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    connection,
    initializedMs,
    stop: async () => {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      connection.dispose();
      await exited;
    },
  };
}
