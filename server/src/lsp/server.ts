// The language server: wiring between an LSP connection and the engine. It lints open documents only
// (never the whole workspace), from the editor's buffer (never the file on disk), as the user types, under the
// nearest configuration file (read from disk, watched) and the settings the user set.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache, lintDocument } from '../engine/lint';
import { codeActions, SHOW_DOCUMENTATION, showDocumentation, type FixSupport } from './code-actions';
import { ConfigWatch } from './config-watch';
import { findingToDiagnostic, problemToDiagnostic, SOURCE } from './diagnostics';
import { LintScheduler, type SchedulerTiming } from './scheduler';
import { lintOptions, mergeSettings, normalizeExplicit, type ExplicitSettings } from './settings';
import { VERSION } from '../version';
import {
  documentsOfFolders,
  folderOf,
  isTerraformDocument,
  lintTerraformDocument,
  moduleDocuments,
  moduleSiblings,
  terraformReader,
} from './terraform';
import { FIX_ALL_KIND } from './fix-actions';
import { registerLive } from './live';
import type { LintOptions } from '../engine/findings';
import { fixModuleSteps, fixTemplateSteps } from '../engine/fix/fix-documents';
import { WriterMemo } from '../engine/fix/writer-memo';
import { CANCELLED, runSteps } from './fix-all-run';
import type { Format } from '../engine/model/types';
import { isModuleFile, moduleFileReader } from '../node/terraform-module';
import { maxFileBytes, sourceLimits } from '../engine/config/parse';
import { fileTooLarge } from '../engine/source/limits';

export interface ServerOptions {
  timing?: SchedulerTiming;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const caches = new Map<string, DocumentCache>();
  const settingsByUri = new Map<string, Promise<ExplicitSettings>>();
  let globalSettings: ExplicitSettings = {};
  let canPullConfiguration = false;
  let canRegisterConfiguration = false;
  let canWatchFiles = false;
  let withRelated = false;
  let disabledActions = false;
  let folders: string[] = [];
  /** How each open document was last linted: fixes run under the same options. */
  const linted = new Map<string, { format: Format | undefined; options: LintOptions; maxBytes: number }>();
  /** Drops what was linted of a document: its parse cache, and what code actions would act on. */
  const forget = (uri: string): void => {
    caches.delete(uri);
    linted.delete(uri);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    canPullConfiguration = caps.workspace?.configuration === true;
    canRegisterConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    withRelated = caps.textDocument?.publishDiagnostics?.relatedInformation === true;
    disabledActions = caps.textDocument?.codeAction?.disabledSupport === true;
    folders = workspaceFolderPaths(params);
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) globalSettings = normalizeExplicit(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION] },
      },
      serverInfo: { name: 'trail-lint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'trailLint' });
    }
    // Another file of a Terraform module changes the module: its open files are linted again.
    if (canWatchFiles) configs.register(['**/*.tf', '**/*.tf.json']);
  });

  const relintAll = (): void => {
    for (const doc of documents.all()) scheduler.schedule(doc.uri);
  };

  connection.onDidChangeConfiguration((change) => {
    // Clients that push settings push what their user set; they override the configuration file.
    const pushed = (change.settings as { trailLint?: unknown } | null)?.trailLint;
    if (pushed !== undefined) globalSettings = normalizeExplicit(pushed);
    settingsByUri.clear();
    relintAll();
  });

  // Clients that declare `synchronize.fileEvents` send these without a registration: handled the same way.
  connection.onDidChangeWatchedFiles((params) => {
    configs.onDidChangeWatchedFiles(params);
    const changed = params.changes
      .filter((c) => c.uri.startsWith('file:') && !documents.get(c.uri))
      .map((c) => c.uri);
    for (const uri of documentsOfFolders(changed, documents)) scheduler.schedule(uri);
  });

  connection.onCodeAction(async (params, token, workDone) => {
    // Editors ask for code actions as the cursor moves and cancel them at the next keystroke; on a large
    // template one costs seconds of parsing, and computing every cancelled one starved the diagnostics (the
    // load test waited minutes). One turn of the event loop first reads a cancellation already sent.
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const fix = await fixSupport(doc);
    return codeActions(doc, params, { disabled: disabledActions }, fix, token, workDone);
  });

  /**
   * The files a fix of this document may edit, under the options its last lint used. Fix-all runs in slices
   * (fix-all-run.ts) and reads the texts as they were when it was asked: if the document changes meanwhile,
   * its edits would land on text they were not made for, so it answers nothing and the editor asks again.
   */
  const fixSupport = async (doc: TextDocument): Promise<FixSupport | undefined> => {
    const last = linted.get(doc.uri);
    if (!last) return undefined;
    const folder = folderOf(doc.uri);
    if (last.format === 'terraform' && isModuleFile(doc.uri) && folder) {
      const reader = await terraformReader();
      const { files } = moduleDocuments(doc, folder, documents, last.maxBytes);
      const texts = new Map(files.map((f) => [f.file, f.text]));
      const versions = versionsOf(files.map((f) => f.file));
      return {
        target: { file: doc.uri, format: 'terraform', texts, readHcl: (t) => reader.read(t) },
        fixAll: async (token, progress) => {
          const input = { files, readHcl: reader.read, readFile: moduleFileReader(folder) };
          const fixed = await runSteps(fixModuleSteps(input, last.options), token, progress);
          if (fixed === CANCELLED) return CANCELLED;
          return unchangedSince(versions) ? { before: texts, after: fixed.texts } : undefined;
        },
      };
    }
    const text = doc.getText();
    const texts = new Map([[doc.uri, text]]);
    const versions = versionsOf([doc.uri]);
    return {
      // One memo per request: the quick fixes of every diagnostic asked for read the text once.
      target: { file: doc.uri, format: last.format, texts, memo: new WriterMemo() },
      fixAll: async (token, progress) => {
        const fixed = await runSteps(fixTemplateSteps(doc.uri, text, last.options), token, progress);
        if (fixed === CANCELLED) return CANCELLED;
        return unchangedSince(versions) ? { before: texts, after: fixed.texts } : undefined;
      },
    };
  };

  /** The versions of the open documents among `uris` (files read from disk have none). */
  const versionsOf = (uris: readonly string[]): Map<string, number> => {
    const versions = new Map<string, number>();
    for (const uri of uris) {
      const open = documents.get(uri);
      if (open) versions.set(uri, open.version);
    }
    return versions;
  };
  const unchangedSince = (versions: ReadonlyMap<string, number>): boolean =>
    [...versions].every(([u, v]) => documents.get(u)?.version === v);

  connection.onExecuteCommand(async (params) => {
    if (params.command === SHOW_DOCUMENTATION) await showDocumentation(connection, params.arguments);
  });

  const settingsFor = (uri: string): Promise<ExplicitSettings> => {
    if (!canPullConfiguration) return Promise.resolve(globalSettings);
    let pending = settingsByUri.get(uri);
    if (!pending) {
      pending = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'trailLint' })
        .then((raw: unknown) => (raw === null || raw === undefined ? globalSettings : normalizeExplicit(raw)))
        .catch(() => globalSettings);
      settingsByUri.set(uri, pending);
    }
    return pending;
  };

  const publish = (uri: string, version: number | undefined, diagnostics: Diagnostic[]): void => {
    void connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const lint = async (uri: string): Promise<void> => {
    const [explicit, scope] = await Promise.all([settingsFor(uri), configs.scopeOf(uri)]);
    // Read the document after the await: an edit that arrived meanwhile is included, a close is honoured.
    const doc = documents.get(uri);
    if (!doc) return;
    if (configs.isConfigDocument(uri)) {
      publish(uri, doc.version, configs.diagnosticsOf(doc));
      return;
    }
    const settings = mergeSettings(scope.loaded?.config, explicit);
    if (!settings.enable || scope.excluded || isExcluded(uri, folders, settings.exclude)) {
      forget(uri);
      publish(uri, doc.version, []);
      return;
    }
    const limits = scope.loaded?.config.limits;
    const large = tooLarge(doc.getText(), maxFileBytes(limits));
    if (large) {
      // Refused before any parse: one word on the file instead of seconds of work per keystroke, and no
      // fix-all either (code actions only act on what was linted).
      forget(uri);
      publish(uri, doc.version, [
        { range: START, severity: 2, source: SOURCE, message: `trail-lint: ${large}` },
      ]);
      return;
    }
    let cache = caches.get(uri);
    if (!cache) caches.set(uri, (cache = new DocumentCache()));
    try {
      const terraform = isTerraformDocument(doc) ? await terraformReader() : undefined;
      if (terraform && !documents.get(uri)) return;
      const maxBytes = maxFileBytes(limits);
      const tf =
        terraform && lintTerraformDocument(doc, documents, lintOptions(settings), terraform, maxBytes);
      const templateOptions = {
        ...lintOptions(settings),
        assumeTemplate: scope.template,
        limits: sourceLimits(limits),
      };
      const result = tf || lintDocument({ file: uri, text: doc.getText() }, templateOptions, cache);
      const generated = result.format === 'cdk';
      linted.set(uri, {
        format: result.format,
        options: tf ? lintOptions(settings) : templateOptions,
        maxBytes,
      });
      const others = tf ? tf.texts : undefined;
      const diagnostics = [
        ...result.problems.map((p) => problemToDiagnostic(p, doc)),
        // Suppressed findings are the author's decision: the editor does not show them.
        ...result.findings
          .filter((f) => !f.suppressed)
          .map((f) => findingToDiagnostic(f, doc, withRelated, generated, others)),
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
  const configs = new ConfigWatch(connection, documents, relintAll);

  documents.onDidChangeContent((event) => {
    scheduler.schedule(event.document.uri);
    for (const sibling of moduleSiblings(event.document.uri, documents)) scheduler.schedule(sibling);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduler.cancel(uri);
    forget(uri);
    settingsByUri.delete(uri);
    publish(uri, undefined, []);
    configs.closed(uri);
    // A closed module file is read from disk again by the files still open beside it.
    for (const sibling of moduleSiblings(uri, documents)) scheduler.schedule(sibling);
  });

  registerLive(connection);
  documents.listen(connection);
  connection.listen();
}

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Why a document's text is too large to lint; its UTF-8 size is only counted when it could be. */
function tooLarge(text: string, max: number): string | undefined {
  if (text.length * 3 <= max) return undefined;
  return fileTooLarge(Buffer.byteLength(text, 'utf8'), max);
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
