// The language server under load, through the real bundled server over stdio: a burst of didChange events on
// a generated ~1 MB CloudFormation template, with small files opened and closed in between, code actions sent
// and cancelled while the server is busy, and the project's `.trail-lint.yaml` changed on disk half-way
// (workspace/didChangeWatchedFiles, which is how the server learns of it). Shared by the mocha test, which
// asserts the outcome, and `npm run bench` (BENCH_ONLY=lsp-load), which prints the numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { templateJson, templateYaml } from '../bench/generate';
import { LspTestClient, stopClients } from '../integration/lsp-client';
import { editAt, editTargets } from './lsp-load-edits';
import { PROBE_NODE_ARGS, procMemory, resetPeak, settledMemory, type Memory } from './lsp-memory';

export interface LoadPlan {
  /** Resources of the big template (2,000: about 1 MB of YAML). */
  resources: number;
  edits: number;
  /** Small files opened during the burst; every fifth stays open, the others are closed again. */
  files: number;
  /** The edit at which `.trail-lint.yaml` changes on disk. */
  configAt: number;
}

export const LOAD_PLAN: LoadPlan = { resources: 2000, edits: 1000, files: 50, configAt: 600 };

/** Before the burst CT001 is off; after, it is back and CW001 is an error: stale settings would show. */
const CONFIG_BEFORE = 'rules:\n  CT001: off\n';
const CONFIG_AFTER = 'rules:\n  CW001: error\n';
const FIX_ALL = 'source.fixAll.trail-lint';

export interface LoadOutcome {
  bytes: number;
  /** From the first change sent to the last. */
  sendMs: number;
  /** From the last change sent to the diagnostics of the big template's final version. */
  finalDiagnosticsMs: number;
  memory: { before: Memory; peakRss: number; after: Memory };
  requests: { sent: number; answered: number; cancelled: number };
  /** Per open document: its last published diagnostics, and a cold lint's of its final text. */
  open: { uri: string; last: Diagnostic[] | undefined; cold: Diagnostic[] }[];
  /** Per closed document: its publishes from the one the close caused (the first without a version) on. */
  closed: { uri: string; after: PublishDiagnosticsParams[] }[];
  serverExit: number | null | undefined;
}

interface SmallFile {
  uri: string;
  text: string;
  languageId: string;
  openAt: number;
  closeAt: number | undefined;
}

/** Small files: templates in both syntaxes, some with findings, and now and then a file that is not one. */
function smallFiles(folder: string, plan: LoadPlan): SmallFile[] {
  return Array.from({ length: plan.files }, (_, j) => {
    const json = j % 3 === 2;
    const base = json ? templateJson(8 + (j % 8)) : templateYaml(8 + (j % 8));
    const text = j % 10 === 9 ? `name: not-a-template-${j}\n` : j % 2 ? base.replace(/true/, 'false') : base;
    const openAt = 10 + Math.floor((j * (plan.edits - 100)) / plan.files);
    return {
      uri: pathToFileURL(path.join(folder, `small-${j}.${json ? 'json' : 'yaml'}`)).href,
      text,
      languageId: json ? 'json' : 'yaml',
      openAt,
      closeAt: j % 5 === 0 ? undefined : openAt + 45,
    };
  });
}

/** Opens a small template in each syntax, asks for its quick fixes and its fix-all, and closes it again. */
async function warmUpSmallFiles(client: LspTestClient, folder: string): Promise<void> {
  for (const [name, text, languageId] of [
    ['warm-up.yaml', templateYaml(16).replace(/true/, 'false'), 'yaml'],
    ['warm-up.json', templateJson(16).replace(/true/, 'false'), 'json'],
  ] as const) {
    const uri = pathToFileURL(path.join(folder, name)).href;
    await client.open(uri, text, languageId);
    const { diagnostics } = await published(client, uri, 1);
    const range = diagnostics[0]?.range ?? {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    };
    await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics },
    });
    await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: [FIX_ALL] },
    });
    await client.close(uri);
  }
}

/** Waits for the diagnostics of `version` of a document: a 1 MB lint on a busy machine takes seconds. */
function published(client: LspTestClient, uri: string, version: number): Promise<PublishDiagnosticsParams> {
  return client.waitForPublish(
    `diagnostics of ${path.posix.basename(uri)} version ${version}`,
    (p) => p.uri === uri && p.version === version,
    0,
    600_000,
  );
}

export async function runLoad(plan: LoadPlan = LOAD_PLAN): Promise<LoadOutcome> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-load-'));
  const config = path.join(folder, '.trail-lint.yaml');
  writeFileSync(config, CONFIG_BEFORE);
  const running: LspTestClient[] = [];
  try {
    const start = (nodeArgs: string[] = []): Promise<LspTestClient> =>
      LspTestClient.start({
        workspaceFolders: [pathToFileURL(folder).href],
        watchedFiles: true,
        nodeArgs,
      }).then((c) => (running.push(c), c));
    const client = await start(PROBE_NODE_ARGS);
    const big = pathToFileURL(path.join(folder, 'big.yaml')).href;
    const text = templateYaml(plan.resources);
    const targets = editTargets(text);
    await client.open(big, text);
    await published(client, big, 1);
    // Warm up the paths the burst takes (incremental parse, small files in both syntaxes, code actions), so
    // that "before" is the server's working level rather than its start-up level: V8 compiles and keeps
    // code for each path the first time it runs, about a megabyte in all, which is not something the burst
    // leaves behind.
    let version = 1;
    for (let k = 0; k < 20; k++)
      await client.change(big, ++version, [editAt(k, client.documents.get(big)!, targets)]);
    await published(client, big, version);
    await warmUpSmallFiles(client, folder);
    const before = await settledMemory(client);
    resetPeak(client.pid);

    const files = smallFiles(folder, plan);
    const settled: Promise<'answered' | 'cancelled'>[] = [];
    const closedAt = new Map<string, number>();
    let cancelNext: CancellationTokenSource | undefined;
    const ask = (uri: string, diagnostics: Diagnostic[], only?: string[]): CancellationTokenSource => {
      const source = new CancellationTokenSource();
      const range = diagnostics[0]?.range ?? {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      };
      const params = {
        textDocument: { uri },
        range,
        context: only ? { diagnostics, only } : { diagnostics },
      };
      settled.push(
        client.connection.sendRequest(CodeActionRequest.type, params, source.token).then(
          () => 'answered' as const,
          (error: unknown) => {
            if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)
              return 'cancelled' as const;
            throw error;
          },
        ),
      );
      return source;
    };
    const lastDiagnostics = (uri: string): Diagnostic[] => client.publishesFor(uri).at(-1)?.diagnostics ?? [];

    const sendStarted = performance.now();
    for (let k = 0; k < plan.edits; k++) {
      await client.change(big, ++version, [editAt(k, client.documents.get(big)!, targets)]);
      cancelNext?.cancel();
      cancelNext = undefined;
      for (const f of files) {
        if (f.openAt === k) await client.open(f.uri, f.text, f.languageId);
        if (f.closeAt === k) {
          await client.close(f.uri);
          closedAt.set(f.uri, client.publishes.length);
        }
        // An open file's author types too.
        if (f.openAt + 30 === k && f.text.includes('IsLogging: true'))
          await client.replace(f.uri, 2, 'IsLogging: true', 'IsLogging: false');
      }
      if (k === plan.configAt) {
        writeFileSync(config, CONFIG_AFTER);
        await client.didChangeWatchedFiles([
          { uri: pathToFileURL(config).href, type: FileChangeType.Changed },
        ]);
      }
      if (k % 40 === 39) {
        // What an editor does as the cursor moves: ask for the big file's quick fixes and cancel at once,
        // ask for a small file's fix-all and cancel it with the next keystroke, and ask one small file to the end.
        ask(big, lastDiagnostics(big).slice(0, 2)).cancel();
        const open = files.filter((f) => client.documents.has(f.uri));
        const latest = open.at(-1);
        if (latest) cancelNext = ask(latest.uri, [], [FIX_ALL]);
        const first = open[0];
        if (first) ask(first.uri, lastDiagnostics(first.uri));
      }
    }
    cancelNext?.cancel();
    const lastSent = performance.now();
    await published(client, big, version);
    const finalDiagnosticsMs = performance.now() - lastSent;
    const outcomes = await Promise.all(settled);
    const peakRss = procMemory(client.pid).peak;

    // A cold lint of every final text: a fresh server, which has seen nothing but the final configuration.
    const openUris = [...client.documents.keys()];
    const cold = await start();
    for (const uri of openUris) await cold.open(uri, client.text(uri), client.documents.get(uri)!.languageId);
    const coldDiagnostics = new Map<string, Diagnostic[]>();
    for (const uri of openUris)
      coldDiagnostics.set(
        uri,
        (await cold.waitForPublish(`cold ${uri}`, (p) => p.uri === uri, 0, 300_000)).diagnostics,
      );
    running.splice(running.indexOf(cold), 1);
    await stopClients([cold], false);

    // Wait (for events) until the loaded server's last publishes agree with the cold ones, or give up and let
    // the caller show the difference; then a barrier: nothing sent earlier can publish after it.
    const agrees = (): boolean =>
      openUris.every(
        (uri) => JSON.stringify(lastDiagnostics(uri)) === JSON.stringify(coldDiagnostics.get(uri)),
      );
    await client
      .waitUntil('publishes equal to a cold lint', () => (agrees() ? true : undefined), 120_000)
      .catch(() => undefined);
    const open = openUris.map((uri) => ({
      uri,
      last: client.publishesFor(uri).at(-1)?.diagnostics,
      cold: coldDiagnostics.get(uri) ?? [],
    }));
    // Memory is compared with the same documents open as before the burst (the big template alone): the
    // small files still open are the user's, not something the burst left behind, and their parse caches
    // would count against the server.
    for (const uri of openUris) if (uri !== big) await client.close(uri);
    // The barrier: a document opened last, whose publish comes after everything sent before it was handled.
    const barrier = pathToFileURL(path.join(folder, 'barrier.yaml')).href;
    await client.open(barrier, 'name: barrier\n');
    await published(client, barrier, 1);
    const after = await settledMemory(client);
    return {
      bytes: Buffer.byteLength(text),
      sendMs: lastSent - sendStarted,
      finalDiagnosticsMs,
      memory: { before, peakRss, after },
      requests: {
        sent: settled.length,
        answered: outcomes.filter((o) => o === 'answered').length,
        cancelled: outcomes.filter((o) => o === 'cancelled').length,
      },
      open,
      closed: [...closedAt].map(([uri, from]) => {
        // A lint the server published before it read the close may still arrive after the close was sent.
        const mine = client.publishes.slice(from).filter((p) => p.uri === uri);
        return {
          uri,
          after: mine.slice(
            Math.max(
              0,
              mine.findIndex((p) => p.version === undefined),
            ),
          ),
        };
      }),
      serverExit: client.exitCode,
    };
  } finally {
    await stopClients(running, false);
    rmSync(folder, { recursive: true, force: true });
  }
}
