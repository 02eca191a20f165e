// A small LSP test client for the bundled trail-lint language server (`node dist/trail-lint.js lsp`).
// It speaks real LSP over the child's stdio through vscode-languageserver-protocol, records every
// textDocument/publishDiagnostics, answers workspace/configuration from per-test settings, and lets tests wait
// for a publish that matches a predicate (never a fixed sleep).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  ExecuteCommandRequest,
  ShowDocumentRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type FileEvent,
  type ShowDocumentParams,
  type ConfigurationItem,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type WorkspaceEdit,
  type RegistrationParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

function findRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trail-lint'
    ) {
      return dir;
    }
  }
  throw new Error(`trail-lint repository not found above ${from}`);
}

export const ROOT = findRoot(__dirname);
export const SERVER_JS = path.join(ROOT, 'dist', 'trail-lint.js');

/** The `trailLint` settings section, as VS Code would return it (all keys present). */
export interface TrailLintSettings {
  enable: boolean;
  rules: Record<string, string>;
  exclude: string[];
  reportUnverified: boolean;
}

export const DEFAULT_SETTINGS: TrailLintSettings = {
  enable: true,
  rules: {},
  exclude: [],
  reportUnverified: false,
};

export interface StartOptions {
  /** Declare `workspace.configuration: true` (the server then pulls settings per document). */
  configuration?: boolean;
  /** Declare `workspace.didChangeConfiguration.dynamicRegistration: true`. */
  dynamicConfigurationRegistration?: boolean;
  /** Declare `textDocument.publishDiagnostics.relatedInformation: true`. */
  relatedInformation?: boolean;
  /** Sent as `workspaceFolders` (the first also as rootUri) unless `rootUriOnly` is set. */
  workspaceFolders?: string[];
  /** Send only the first workspace folder, as `rootUri` (workspaceFolders: null). */
  rootUriOnly?: boolean;
  initializationOptions?: unknown;
  /** Answers to workspace/configuration for section 'trailLint', per scopeUri. */
  settings?: (scopeUri: string | undefined) => Partial<TrailLintSettings> | null;
  /** Answer with exactly what `settings` returns, instead of merging it into the defaults as VS Code does. */
  rawSettings?: boolean;
  /** Declare `workspace.didChangeWatchedFiles.dynamicRegistration: true`. */
  watchedFiles?: boolean;
  /** Declare `textDocument.codeAction` with literal support, and `disabledSupport` when this is true. */
  codeActionDisabledSupport?: boolean;
  /** Declare `window.showDocument.support: true`. */
  showDocument?: boolean;
  /** Extra environment for the server process (the live check's AWS endpoint and credentials). */
  env?: NodeJS.ProcessEnv;
  /** Node options before the server script (the load test's `--expose-gc` and memory probe). */
  nodeArgs?: string[];
}

interface Waiter {
  check(): boolean;
  fail(err: Error): void;
}

const SEVERITY_NAMES: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** A diagnostic's message as plain text (LSP 3.18 also allows MarkupContent). */
/** Stops every server a test started; after a failed test, shows what each wrote to stderr. */
export async function stopClients(running: LspTestClient[], failed: boolean): Promise<void> {
  for (const client of running.splice(0)) {
    if (failed && client.stderr) console.error(`server stderr:\n${client.stderr}`);
    await client.dispose();
  }
}

export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** One line per publish, for failure messages. */
export function describePublish(p: PublishDiagnosticsParams): string {
  const diags = p.diagnostics.map(
    (d) => `${String(d.code ?? '-')}/${SEVERITY_NAMES[d.severity ?? 0] ?? '?'}`,
  );
  return `${path.posix.basename(p.uri)} v${String(p.version)}: [${diags.join(', ')}]`;
}

export class LspTestClient {
  readonly publishes: PublishDiagnosticsParams[] = [];
  /** Every workspace/configuration request's items, in arrival order. */
  readonly configurationRequests: ConfigurationItem[][] = [];
  readonly registrations: unknown[] = [];
  /** Every window/showDocument request, in arrival order (answered with success). */
  readonly showDocumentRequests: ShowDocumentParams[] = [];
  readonly protocolErrors: string[] = [];
  /** Local copies of the open documents, kept in sync with what was sent. */
  readonly documents = new Map<string, TextDocument>();
  settings: (scopeUri: string | undefined) => Partial<TrailLintSettings> | null;
  initializeResult: InitializeResult | undefined;
  stderr = '';
  /** The server's exit code, once it has exited. */
  exitCode: number | null | undefined;
  private exited: string | undefined;
  private readonly waiters = new Set<Waiter>();
  private configurationGate: Promise<void> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? (() => ({}));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
      // Waiters may watch stderr too (the load test's memory probe answers there).
      this.notifyWaiters();
    });
    child.on('exit', (code, signal) => {
      this.exitCode = code;
      this.exited = `server exited (code ${String(code)}, signal ${String(signal)})`;
      for (const w of this.waiters) w.fail(new Error(`${this.exited}\n${this.report()}`));
      this.waiters.clear();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publishes.push(params);
      this.notifyWaiters();
    });
    connection.onRequest(ConfigurationRequest.type, async (params) => {
      // The answer reflects the settings when the request arrives, even if it is held back (holdConfiguration).
      const answer = params.items.map((item) => {
        if (item.section !== 'trailLint') return null;
        const value = this.settings(item.scopeUri);
        return options.rawSettings === true ? value : { ...DEFAULT_SETTINGS, ...value };
      });
      this.configurationRequests.push(params.items);
      this.notifyWaiters();
      await this.configurationGate;
      return answer;
    });
    connection.onRequest(RegistrationRequest.method, (params: RegistrationParams) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.showDocumentRequests.push(params);
      this.notifyWaiters();
      return { success: true };
    });
    connection.onError(([err]) => {
      this.protocolErrors.push(err.message);
    });
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, 'lsp'], {
      stdio: 'pipe',
      env: { ...process.env, ...options.env },
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspTestClient(child, connection, options);
    connection.listen();

    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration === true,
        didChangeConfiguration: { dynamicRegistration: options.dynamicConfigurationRegistration === true },
        didChangeWatchedFiles: { dynamicRegistration: options.watchedFiles === true },
        workspaceFolders: options.workspaceFolders !== undefined && options.rootUriOnly !== true,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: {
          relatedInformation: options.relatedInformation === true,
          versionSupport: true,
          codeDescriptionSupport: true,
          dataSupport: true,
        },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
          dataSupport: true,
          disabledSupport: options.codeActionDisabledSupport === true,
        },
      },
      window: { showDocument: { support: options.showDocument === true } },
    };
    const folders: WorkspaceFolder[] | null =
      options.workspaceFolders !== undefined && options.rootUriOnly !== true
        ? options.workspaceFolders.map((uri) => ({ uri, name: decodeURIComponent(path.posix.basename(uri)) }))
        : null;
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'trail-lint-integration-tests' },
      rootUri: options.workspaceFolders?.[0] ?? null,
      workspaceFolders: folders,
      capabilities,
      initializationOptions: options.initializationOptions,
    };
    try {
      client.initializeResult = await client.withTimeout(
        connection.sendRequest(InitializeRequest.type, params),
        10_000,
        'initialize',
      );
      await connection.sendNotification(InitializedNotification.type, {});
    } catch (err) {
      await client.dispose();
      throw err;
    }
    return client;
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Sends incremental (or full) changes and applies them to the local copy. */
  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc === undefined) throw new Error(`change: ${uri} is not open`);
    this.documents.set(uri, TextDocument.update(doc, changes, version));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Replaces the `occurrence`-th match of `oldText` in the current text (an incremental change). */
  async replace(
    uri: string,
    version: number,
    oldText: string,
    newText: string,
    occurrence = 1,
  ): Promise<void> {
    const doc = this.documents.get(uri);
    if (doc === undefined) throw new Error(`replace: ${uri} is not open`);
    await this.change(uri, version, [{ range: rangeOf(doc.getText(), oldText, occurrence), text: newText }]);
  }

  /**
   * Applies a workspace edit's changes to an open document as the editor would: one didChange whose edits
   * come last-first, so that each range is still valid when it is applied.
   */
  async applyEdit(uri: string, version: number, edit: WorkspaceEdit | undefined): Promise<void> {
    const edits = [...(edit?.changes?.[uri] ?? [])].sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    );
    if (edits.length === 0) throw new Error(`applyEdit: no edits for ${uri}`);
    await this.change(
      uri,
      version,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
  }

  /** The server's process id (the load test reads its memory in /proc). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the server process has no pid');
    return this.child.pid;
  }

  text(uri: string): string {
    const doc = this.documents.get(uri);
    if (doc === undefined) throw new Error(`${uri} is not open`);
    return doc.getText();
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async didChangeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** textDocument/codeAction for `diagnostics` (their range, or `range` when given). */
  async codeActions(
    uri: string,
    diagnostics: Diagnostic[],
    range?: Range,
    only?: string[],
  ): Promise<(Command | CodeAction)[]> {
    const first = diagnostics[0];
    const at = range ?? first?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.withTimeout(
      this.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: at,
        context: only ? { diagnostics, only } : { diagnostics },
      }),
      10_000,
      'textDocument/codeAction',
    );
    return result ?? [];
  }

  /** Listens to a server notification by method name (trailLint/liveProgress). */
  onNotification(method: string, listener: (params: unknown) => void): { dispose(): void } {
    return this.connection.onNotification(method, listener);
  }

  /** Any request, by method name (trail-lint's own requests such as trailLint/checkLive). */
  async request(method: string, params: unknown, timeoutMs = 120_000): Promise<unknown> {
    return this.withTimeout(this.connection.sendRequest(method, params), timeoutMs, method);
  }

  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.withTimeout(
      this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }),
      10_000,
      `workspace/executeCommand ${command}`,
    );
  }

  async didChangeConfiguration(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Holds back the answers to workspace/configuration requests until the returned function is called. */
  holdConfiguration(): () => void {
    let release: () => void = () => undefined;
    this.configurationGate = new Promise<void>((resolve) => {
      release = () => {
        this.configurationGate = Promise.resolve();
        resolve();
      };
    });
    return release;
  }

  private notifyWaiters(): void {
    for (const w of [...this.waiters]) if (w.check()) this.waiters.delete(w);
  }

  /** Resolves with the first value `probe` returns other than undefined, checked now and after every message. */
  waitUntil<T>(description: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const state: { timer?: NodeJS.Timeout } = {};
      const waiter: Waiter = {
        check: () => {
          const found = probe();
          if (found === undefined) return false;
          clearTimeout(state.timer);
          resolve(found);
          return true;
        },
        fail: (err) => {
          clearTimeout(state.timer);
          reject(err);
        },
      };
      if (waiter.check()) return;
      if (this.exited !== undefined) {
        reject(new Error(`${this.exited} before ${description}\n${this.report()}`));
        return;
      }
      state.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}\n${this.report()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves with the first publish (at index >= `from`) that satisfies `predicate`. */
  waitForPublish(
    description: string,
    predicate: (p: PublishDiagnosticsParams) => boolean,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitUntil(description, () => this.publishes.slice(from).find(predicate), timeoutMs);
  }

  /** The first publish for `uri` computed for document version >= `version` (from index `from` on). */
  waitForDiagnostics(uri: string, version: number, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitForPublish(
      `diagnostics for ${path.posix.basename(uri)} with version >= ${version}`,
      (p) => p.uri === uri && typeof p.version === 'number' && p.version >= version,
      from,
    );
  }

  /** The first publish for `uri` that arrives at index >= `from`, whatever its version. */
  waitForNextPublish(uri: string, from: number): Promise<PublishDiagnosticsParams> {
    return this.waitForPublish(
      `a publish for ${path.posix.basename(uri)} after publish #${from}`,
      (p) => p.uri === uri,
      from,
    );
  }

  /** Opens `uri` with content that is not a template and waits for its (empty) publish: everything the
   *  server was sent before has been handled by then, since it handles messages in order. */
  async barrier(uri: string): Promise<PublishDiagnosticsParams> {
    await this.open(uri, 'name: barrier\nvalue: 1\n', 'yaml');
    return this.waitForDiagnostics(uri, 1);
  }

  publishesFor(uri: string): PublishDiagnosticsParams[] {
    return this.publishes.filter((p) => p.uri === uri);
  }

  report(): string {
    const lines = this.publishes.map((p, i) => `  #${i} ${describePublish(p)}`);
    return [
      `publishes received (${this.publishes.length}):`,
      ...(lines.length > 0 ? lines : ['  (none)']),
      `protocol errors: ${this.protocolErrors.join('; ') || '(none)'}`,
      `server stderr:${this.stderr ? `\n${this.stderr}` : ' (empty)'}`,
    ].join('\n');
  }

  private withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Timed out after ${ms} ms: ${what}\n${this.report()}`)),
        ms,
      );
      promise.then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** Shutdown + exit; kills the child if it does not end within 3 s. */
  async dispose(): Promise<void> {
    for (const w of this.waiters) w.fail(new Error('client disposed'));
    this.waiters.clear();
    if (this.exited === undefined && this.child.exitCode === null && this.child.signalCode === null) {
      const ended = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      try {
        await this.withTimeout(this.connection.sendRequest(ShutdownRequest.type), 3000, 'shutdown');
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // fall through to the kill below
      }
      // A watchdog, not a wait: we wait for the exit event; the kill fires only if the server hangs.
      const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_WATCHDOG_MS);
      await ended;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}

/** How long a server may take to exit after `exit` before it is killed. */
const EXIT_WATCHDOG_MS = 3000;

// ---------------------------------------------------------------------------------------------------------
// Expectations

/** The range of the `occurrence`-th (1-based) exact match of `snippet` in `text`. */
export function rangeOf(text: string, snippet: string, occurrence = 1): Range {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(snippet, index + 1);
    if (index < 0)
      throw new Error(`rangeOf: occurrence ${occurrence} of ${JSON.stringify(snippet)} not found`);
  }
  const doc = TextDocument.create('untitled:x', 'yaml', 0, text);
  return { start: doc.positionAt(index), end: doc.positionAt(index + snippet.length) };
}

/** Range of `snippet`, searching only after the first occurrence of `anchor` (e.g. a resource's logical id). */
export function rangeAfter(text: string, anchor: string, snippet: string): Range {
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`rangeAfter: anchor ${JSON.stringify(anchor)} not found`);
  const index = text.indexOf(snippet, at + anchor.length);
  if (index < 0) throw new Error(`rangeAfter: ${JSON.stringify(snippet)} not found after ${anchor}`);
  const doc = TextDocument.create('untitled:x', 'yaml', 0, text);
  return { start: doc.positionAt(index), end: doc.positionAt(index + snippet.length) };
}

export function fmtRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A diagnostic reduced to what the tests compare exactly: "CT001 warning Trail 8:6-8:31". */
export function summarize(d: Diagnostic): string {
  const data = d.data as { resource?: unknown } | undefined;
  const resource = typeof data?.resource === 'string' ? data.resource : JSON.stringify(data?.resource ?? '-');
  const severity = SEVERITY_NAMES[d.severity ?? 0] ?? `severity=${String(d.severity)}`;
  return `${String(d.code ?? '-')} ${severity} ${resource} ${fmtRange(d.range)}`;
}

export function expected(
  code: string,
  severity: 'error' | 'warning' | 'info',
  resource: string,
  range: Range,
) {
  return `${code} ${severity} ${resource} ${fmtRange(range)}`;
}

export function sortedSummaries(diags: Diagnostic[]): string[] {
  return diags.map(summarize).sort();
}

/** The catalog (docs/rules/README.md, RULES.md): every rule id and the slug of its docs page. */
export const RULE_SLUGS: Record<string, string> = {
  CT001: 'trail-multi-region',
  CT002: 'trail-global-service-events',
  CT003: 'trail-log-file-validation',
  CT004: 'trail-kms-encryption',
  CT005: 'trail-cloudwatch-logs',
  CT006: 'trail-logging-on',
  CT007: 'trail-management-events',
  CT008: 'trail-s3-data-events',
  CT009: 'trail-insights',
  CT010: 'trail-bucket-policy',
  CT011: 'event-data-store-kms',
  S3001: 'log-bucket-public-access-block',
  S3002: 'log-bucket-not-public',
  S3003: 'log-bucket-access-logging',
  S3004: 'log-bucket-mfa-delete',
  S3005: 'log-bucket-source-condition',
  S3006: 'log-bucket-secure-transport',
  S3007: 'log-bucket-object-lock',
  KMS001: 'trail-key-rotation',
  KMS002: 'trail-key-policy-cloudtrail',
  KMS003: 'trail-key-policy-public',
  IAM001: 'cloudtrail-full-access',
  IAM002: 'cloudtrail-wildcard',
  IAM003: 'cloudtrail-tamper',
  IAM004: 'log-bucket-tamper',
  IAM005: 'trail-key-tamper',
  CW001: 'trail-change-alarm',
  CW002: 'trail-log-group-retention',
};

/** Problems with the fixed shape every finding must have (source, code, codeDescription, data). */
export function shapeProblems(d: Diagnostic): string[] {
  const problems: string[] = [];
  const where = summarize(d);
  if (d.source !== 'trail-lint') problems.push(`${where}: source ${JSON.stringify(d.source)}`);
  if (typeof d.code !== 'string') {
    problems.push(`${where}: code ${JSON.stringify(d.code)}`);
    return problems;
  }
  const slug = RULE_SLUGS[d.code];
  const href = `https://github.com/trail-lint/trail-lint/blob/main/docs/rules/${d.code}-${slug ?? '?'}.md`;
  if (d.codeDescription?.href !== href) {
    problems.push(`${where}: codeDescription ${JSON.stringify(d.codeDescription)}, want ${href}`);
  }
  const data = d.data as { ruleId?: unknown; resource?: unknown } | undefined;
  if (data?.ruleId !== d.code) problems.push(`${where}: data.ruleId ${JSON.stringify(data?.ruleId)}`);
  if (typeof data?.resource !== 'string' || data.resource === '') {
    problems.push(`${where}: data.resource ${JSON.stringify(data?.resource)}`);
  }
  if (messageText(d).trim() === '') problems.push(`${where}: empty message`);
  return problems;
}
