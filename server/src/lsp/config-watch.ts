// The server's side of configuration files: which one applies to an open document, a problem in one shown as
// a diagnostic on that file (from the buffer while it is open, from disk otherwise), and the watch that
// re-lints open documents when one changes on disk (saved, created, deleted).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isConfigFileName, parseConfig, type ConfigProblem } from '../engine/config/parse';
import { ConfigFiles, type ConfigScope, type LoadedConfig } from '../node/config-files';
import { problemToDiagnostic } from './diagnostics';

export const CONFIG_GLOB = '**/.trail-lint.{yaml,yml,json}';

const NO_SCOPE: ConfigScope = { loaded: undefined, excluded: false, template: false };

export class ConfigWatch {
  private readonly files = new ConfigFiles((loaded) => this.publishFromDisk(loaded));
  /** Configuration files whose last published diagnostics were not empty. */
  private readonly flagged = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    /** Called when a configuration changed on disk: every open document must be linted again. */
    private readonly changed: () => void,
  ) {}

  /**
   * Asks the client to watch configuration files (and `others`, for the server's other watchers), when it
   * can register watchers dynamically: one registration, which clients handle best.
   */
  register(others: string[] = []): void {
    void this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [CONFIG_GLOB, ...others].map((globPattern) => ({ globPattern })),
    });
  }

  scopeOf(uri: string): Promise<ConfigScope> {
    return uri.startsWith('file:') ? this.files.scopeOf(fileURLToPath(uri)) : Promise.resolve(NO_SCOPE);
  }

  isConfigDocument(uri: string): boolean {
    return uri.startsWith('file:') && isConfigFileName(path.basename(fileURLToPath(uri)));
  }

  /** The diagnostics of an open configuration file, from its buffer. */
  diagnosticsOf(doc: TextDocument): Diagnostic[] {
    const { problem } = parseConfig(doc.getText(), path.basename(fileURLToPath(doc.uri)));
    this.note(doc.uri, problem !== undefined);
    return problem ? [toDiagnostic(doc, problem)] : [];
  }

  /** A configuration file was closed: its diagnostics come from disk again. */
  closed(uri: string): void {
    if (!this.isConfigDocument(uri)) return;
    this.files.invalidate();
    void this.files.load(fileURLToPath(uri));
  }

  onDidChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    const configs = params.changes.filter((c) => this.isConfigDocument(c.uri));
    if (configs.length === 0) return;
    this.files.invalidate();
    for (const change of configs) {
      if (change.type === FileChangeType.Deleted) this.publish(change.uri, []);
      else void this.files.load(fileURLToPath(change.uri));
    }
    this.changed();
  }

  private publishFromDisk(loaded: LoadedConfig): void {
    const uri = pathToFileURL(loaded.file).href;
    // An open configuration file shows its buffer, which may differ from the disk.
    if (this.documents.get(uri)) return;
    const doc = TextDocument.create(uri, 'yaml', 0, loaded.text);
    this.publish(uri, loaded.problem ? [toDiagnostic(doc, loaded.problem)] : []);
  }

  private publish(uri: string, diagnostics: Diagnostic[]): void {
    // A valid configuration never flagged before needs no (empty) publish.
    if (diagnostics.length === 0 && !this.flagged.has(uri)) return;
    this.note(uri, diagnostics.length > 0);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private note(uri: string, flagged: boolean): void {
    if (flagged) this.flagged.add(uri);
    else this.flagged.delete(uri);
  }
}

function toDiagnostic(doc: TextDocument, { message, start, end }: ConfigProblem): Diagnostic {
  return problemToDiagnostic({ message, at: { file: doc.uri, start, end } }, doc);
}
