// The flow of "Check live AWS account" and "Export live report": pick a profile and the regions, run the
// check on the server with progress and cancellation, show the result, write its report. VS Code and the
// language client sit behind the two small interfaces below (live-vscode.ts implements them), so that the
// flow is unit-tested with fakes.
import {
  LIVE_CHECK,
  LIVE_PROFILES,
  type LiveCheckParams,
  type LiveCheckResult,
  type LiveProfilesResult,
} from './live-protocol';
import { LIVE_REGIONS } from './live-regions';
import { summaryLine } from './live-summary';

export interface Disposable {
  dispose(): void;
}

/** The part of a cancellation token the flow uses (VS Code's and the language client's both fit). */
export interface LiveCancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): Disposable;
}

/** The language server, as the flow talks to it. */
export interface LiveServer {
  request<R>(method: string, params: unknown, token?: LiveCancellation): Promise<R>;
  /** Subscribes to the server's `trailLint/liveProgress` notifications. */
  onProgress(listener: (message: string) => void): Disposable;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  value: T;
}

export interface PickOptions {
  title: string;
  placeHolder: string;
}

/** Where a report goes: VS Code's Uri, opaque to the flow but for its path (which tells the format). */
export interface SaveTarget {
  readonly path: string;
}

/** The editor, as the flow uses it. Message functions do not wait for the message to be dismissed. */
export interface LiveUi<Target extends SaveTarget = SaveTarget> {
  /** Undefined when the pick is dismissed. */
  pick<T>(items: PickItem<T>[], options: PickOptions): Promise<PickItem<T> | undefined>;
  pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<readonly PickItem<T>[] | undefined>;
  /** A cancellable notification with progress; `token` is cancelled when the user presses Cancel. */
  withProgress<R>(
    title: string,
    task: (report: (message: string) => void, token: LiveCancellation) => Promise<R>,
  ): Promise<R>;
  /** Shows the result in the findings view, with the summary line as the view's message. */
  showResult(result: LiveCheckResult, summary: string): Promise<void>;
  info(message: string): void;
  error(message: string): void;
  saveLocation(options: {
    defaultName: string;
    filters: Record<string, string[]>;
  }): Promise<Target | undefined>;
  writeFile(target: Target, text: string): Promise<void>;
}

type Outcome =
  { kind: 'done'; result: LiveCheckResult } | { kind: 'failed'; error: unknown } | { kind: 'cancelled' };

const CHAIN_LABEL = '(default credential chain)';
const ALL_REGIONS = 'All default regions';
const CHOOSE_REGIONS = 'Choose regions…';

export class LiveCheck<Target extends SaveTarget = SaveTarget> {
  private last: LiveCheckResult | undefined;
  private running = false;
  /** The regions picked last time, picked again in the next multi-select: choosing 5 of 36 once is enough. */
  private lastRegions: readonly string[] = [];

  constructor(
    private readonly ui: LiveUi<Target>,
    private readonly server: LiveServer,
  ) {}

  /** The result of the last check that completed, for export. */
  get lastResult(): LiveCheckResult | undefined {
    return this.last;
  }

  /**
   * Runs a check, asking for the profile and the regions unless `preset` gives them (a keybinding's or
   * another extension's `executeCommand('trailLint.checkLiveAccount', { profile, regions })`).
   */
  async run(preset?: unknown): Promise<void> {
    // One check at a time: a second one would only race the first for the same account and the same view.
    if (this.running) {
      this.ui.info('trail-lint: a live account check is already running.');
      return;
    }
    this.running = true;
    try {
      await this.runOnce(livePreset(preset));
    } finally {
      this.running = false;
    }
  }

  async exportReport(): Promise<void> {
    const result = this.last;
    if (!result) {
      this.ui.info('trail-lint: there is no live report to export yet; run "Check live AWS account" first.');
      return;
    }
    const target = await this.ui.saveLocation({
      defaultName: `trail-lint-live-${result.summary.account}.json`,
      filters: { JSON: ['json'], SARIF: ['sarif'] },
    });
    if (!target) return;
    // The save dialog does not say which filter was chosen; the file name does.
    const sarif = /\.sarif(\.json)?$/i.test(target.path);
    const name = target.path.split('/').at(-1) ?? target.path;
    try {
      await this.ui.writeFile(target, sarif ? result.reports.sarif : result.reports.json);
    } catch (error) {
      this.ui.error(`trail-lint: could not write ${name}: ${errorMessage(error)}`);
      return;
    }
    this.ui.info(`trail-lint: wrote the live report (${sarif ? 'SARIF' : 'JSON'}) to ${name}.`);
  }

  private async runOnce(preset: LivePreset | undefined): Promise<void> {
    const profile = preset ? { value: preset.profile } : await this.pickProfile();
    if (!profile) return;
    const regions = preset ? (preset.regions ?? []) : await this.pickRegions();
    if (!regions) return;
    const params: LiveCheckParams = {};
    if (profile.value !== undefined) params.profile = profile.value;
    if (regions.length > 0) params.regions = regions;

    const outcome = await this.ui.withProgress('trail-lint: checking the live AWS account', (report, token) =>
      this.check(params, report, token),
    );
    if (outcome.kind === 'cancelled') return;
    if (outcome.kind === 'failed') {
      // The server's message says what to do (`aws sso login --profile X`…): shown as it is.
      this.ui.error(errorMessage(outcome.error));
      return;
    }
    this.last = outcome.result;
    const line = summaryLine(outcome.result.summary);
    await this.ui.showResult(outcome.result, line);
    this.ui.info(`trail-lint: ${line}`);
  }

  private async pickProfile(): Promise<PickItem<string | undefined> | undefined> {
    let profiles: string[] = [];
    try {
      profiles = (await this.server.request<LiveProfilesResult>(LIVE_PROFILES, {})).profiles;
    } catch {
      // The list only saves typing: without it the credential chain still applies.
    }
    const items: PickItem<string | undefined>[] = profiles.map((name) => ({ label: name, value: name }));
    // Always offered: environment variables, AWS_PROFILE or an instance role are not profiles of the files.
    items.push({
      label: CHAIN_LABEL,
      description: 'environment variables, AWS_PROFILE, SSO, instance or container role',
      value: undefined,
    });
    return this.ui.pick(items, {
      title: 'trail-lint: Check live AWS account',
      placeHolder: 'The AWS profile whose account to check (read-only calls)',
    });
  }

  /** The regions to check; empty for the default ones; undefined when the user gave up. */
  private async pickRegions(): Promise<string[] | undefined> {
    const scope = await this.ui.pick<'all' | 'choose'>(
      [
        { label: ALL_REGIONS, description: 'the regions enabled by default for the account', value: 'all' },
        { label: CHOOSE_REGIONS, value: 'choose' },
      ],
      { title: 'trail-lint: Check live AWS account', placeHolder: 'Which regions to check' },
    );
    if (!scope) return undefined;
    if (scope.value === 'all') return [];
    const chosen = await this.ui.pickMany(
      LIVE_REGIONS.map((r) => ({
        label: r.id,
        description: r.name,
        picked: this.lastRegions.includes(r.id),
        value: r.id,
      })),
      { title: 'trail-lint: Check live AWS account', placeHolder: 'The regions to check' },
    );
    // Accepting an empty selection checks nothing: the same as giving up.
    if (!chosen || chosen.length === 0) return undefined;
    this.lastRegions = chosen.map((c) => c.value);
    return [...this.lastRegions];
  }

  private async check(
    params: LiveCheckParams,
    report: (message: string) => void,
    token: LiveCancellation,
  ): Promise<Outcome> {
    const progress = this.server.onProgress(report);
    const cancelled = whenCancelled(token);
    try {
      const answer = this.server.request<LiveCheckResult>(LIVE_CHECK, params, token).then(
        (result): Outcome => ({ kind: 'done', result }),
        (error: unknown): Outcome =>
          token.isCancellationRequested ? { kind: 'cancelled' } : { kind: 'failed', error },
      );
      // Cancelling the token tells the server to abort, but its answer may take a while (a call in flight):
      // the notification closes at once instead.
      return await Promise.race([answer, cancelled.promise]);
    } finally {
      progress.dispose();
      cancelled.dispose();
    }
  }
}

/** The command's argument: `profile` absent for the default credential chain, `regions` absent for the default ones. */
export interface LivePreset {
  profile?: string;
  regions?: string[];
}

/** A command argument, if it is a preset; anything else (a tree item VS Code passes, say) is ignored. */
function livePreset(arg: unknown): LivePreset | undefined {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return undefined;
  const { profile, regions } = arg as Record<string, unknown>;
  const isRegions = Array.isArray(regions) && regions.every((r) => typeof r === 'string');
  if (profile !== undefined && typeof profile !== 'string') return undefined;
  if (regions !== undefined && !isRegions) return undefined;
  if (profile === undefined && regions === undefined) return undefined;
  return {
    ...(profile !== undefined ? { profile } : {}),
    ...(regions !== undefined ? { regions } : {}),
  };
}

function whenCancelled(token: LiveCancellation): { promise: Promise<Outcome>; dispose: () => void } {
  let subscription: Disposable | undefined;
  const promise = new Promise<Outcome>((resolve) => {
    if (token.isCancellationRequested) resolve({ kind: 'cancelled' });
    else subscription = token.onCancellationRequested(() => resolve({ kind: 'cancelled' }));
  });
  return { promise, dispose: () => subscription?.dispose() };
}

/**
 * An error's message as the server wrote it. The JSON-RPC layer wraps what a request handler throws as
 * "Request trailLint/checkLive failed with message: …"; the user needs the part after it.
 */
export function errorMessage(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string'
        ? error.message
        : String(error);
  return message.replace(/^Request \S+ failed with message: /, '');
}
