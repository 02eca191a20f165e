// The language server: wiring between an LSP connection and the engine. It lints open documents only
// (never the whole workspace), from the editor's buffer (never the file on disk), as the user types.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, lintDocument } from '../engine/lint';
import { findingToDiagnostic, problemToDiagnostic, SOURCE } from './diagnostics';
import { LintScheduler, type SchedulerTiming } from './scheduler';
import { DEFAULT_SETTINGS, lintOptions, normalizeSettings, type Settings } from './settings';
import { VERSION } from '../version';

export interface ServerOptions {
  timing?: SchedulerTiming;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const caches = new Map<string, DocumentCache>();
  const settingsByUri = new Map<string, Promise<Settings>>();
  let globalSettings: Settings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  let canRegisterConfiguration = false;
  let withRelated = false;
  let folders: string[] = [];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    withRelated = caps.textDocument?.publishDiagnostics?.relatedInformation === true;
    folders = workspaceFolderPaths(params);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) globalSettings = normalizeSettings(init.settings);
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'trail-lint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'trailLint' });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { trailLint?: unknown } | null)?.trailLint;
    if (pushed !== undefined) globalSettings = normalizeSettings(pushed);
    settingsByUri.clear();
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
  });

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!canPullConfiguration) return Promise.resolve(globalSettings);
    let pending = settingsByUri.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'trailLint' })
        .then((raw: unknown) => (raw === null || raw === undefined ? globalSettings : normalizeSettings(raw)))
        .catch(() => globalSettings);
      settingsByUri.set(uri, pending);
    }
    return pending;
  };

  const publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]): void => {
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const lint = async (uri: string): Promise<void> => {
    const settings = await settingsFor(uri);
    // Read the document after the await: an edit that arrived meanwhile is included, a close is honoured.
    const doc = documents.get(uri);
    if (!doc) return;
    if (!settings.enable || isExcluded(uri, folders, settings.exclude)) {
      publish(uri, doc.version, []);
      return;
    }
    let cache = caches.get(uri);
    if (!cache) caches.set(uri, (cache = new DocumentCache()));
    try {
      const result = lintDocument({ file: uri, text: doc.getText() }, lintOptions(settings), cache);
      const diagnostics = [
        ...result.problems.map((p) => problemToDiagnostic(p, doc)),
        ...result.findings.map((f) => findingToDiagnostic(f, doc, withRelated)),
      ];
      publish(uri, doc.version, diagnostics);
    } catch (error) {
      // A bug must cost one file its diagnostics, never the server.
      connection.console.error(
        `trail-lint failed on ${uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      publish(uri, doc.version, [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 1,
          source: SOURCE,
          message: `trail-lint failed on this file (${error instanceof Error ? error.message : String(error)}); please report it.`,
        },
      ]);
    }
  };

  const scheduler = new LintScheduler(lint, options.timing);

  documents.onDidChangeContent((event) => scheduler.schedule(event.document.uri));
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduler.cancel(uri);
    caches.delete(uri);
    settingsByUri.delete(uri);
    publish(uri, undefined, []);
  });

  documents.listen(connection);
  connection.listen();
}

function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
}

/** Exclude globs are relative to the workspace folder that holds the file. */
export function isExcluded(uri: string, folders: string[], globs: string[]): boolean {
  if (globs.length === 0 || !uri.startsWith('file:')) return false;
  const file = fileURLToPath(uri);
  const folder = folders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  const relative = (folder ? path.relative(folder, file) : file).split(path.sep).join('/');
  return picomatch.isMatch(relative, globs, { dot: true });
}
