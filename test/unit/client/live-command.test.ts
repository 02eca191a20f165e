// The live check's flow with a fake editor and a fake language server: what is asked, what is sent, what is
// shown. The real VS Code side (live-vscode.ts) only forwards to the editor's API.
import { strict as assert } from 'node:assert';
import {
  errorMessage,
  LiveCheck,
  type Disposable,
  type LiveCancellation,
  type LiveServer,
  type LiveUi,
  type PickItem,
  type SaveTarget,
} from '../../../client/src/live-command';
import { LIVE_CHECK, LIVE_PROFILES, type LiveCheckResult } from '../../../client/src/live-protocol';

const RESULT: LiveCheckResult = {
  summary: {
    account: '111122223333',
    trails: 1,
    regions: ['us-east-1'],
    skippedRegions: [],
    findings: { error: 1, warning: 0, info: 0 },
    notVerified: [],
    elapsedMs: 10,
  },
  findings: [],
  trails: [],
  reports: { json: '{"json":true}', sarif: '{"version":"2.1.0"}' },
};

class FakeToken implements LiveCancellation {
  isCancellationRequested = false;
  private listeners: (() => void)[] = [];
  onCancellationRequested(listener: () => void): Disposable {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  cancel(): void {
    this.isCancellationRequested = true;
    for (const l of this.listeners) l();
  }
}

/** Answers picks by label, in order; records everything shown. */
class FakeUi implements LiveUi {
  readonly shown: string[] = [];
  readonly pickedFrom: string[][] = [];
  readonly progress: string[] = [];
  readonly written: { path: string; text: string }[] = [];
  readonly token = new FakeToken();
  results: LiveCheckResult[] = [];
  savePath: string | undefined = '/tmp/report.json';
  writeError: Error | undefined;

  constructor(private readonly answers: (string | string[] | undefined)[]) {}

  pick<T>(items: PickItem<T>[]): Promise<PickItem<T> | undefined> {
    this.pickedFrom.push(items.map((i) => i.label));
    const answer = this.answers.shift();
    return Promise.resolve(items.find((i) => i.label === answer));
  }
  pickMany<T>(items: PickItem<T>[]): Promise<readonly PickItem<T>[] | undefined> {
    this.pickedFrom.push(items.map((i) => i.label));
    const answer = this.answers.shift();
    return Promise.resolve(Array.isArray(answer) ? items.filter((i) => answer.includes(i.label)) : undefined);
  }
  withProgress<R>(
    _title: string,
    task: (report: (message: string) => void, token: LiveCancellation) => Promise<R>,
  ): Promise<R> {
    return task((m) => this.progress.push(m), this.token);
  }
  showResult(result: LiveCheckResult, summary: string): Promise<void> {
    this.results.push(result);
    this.shown.push(`view: ${summary}`);
    return Promise.resolve();
  }
  info(message: string): void {
    this.shown.push(`info: ${message}`);
  }
  error(message: string): void {
    this.shown.push(`error: ${message}`);
  }
  saveLocation(options: {
    defaultName: string;
    filters: Record<string, string[]>;
  }): Promise<SaveTarget | undefined> {
    this.shown.push(`save: ${options.defaultName} ${Object.keys(options.filters).join('/')}`);
    return Promise.resolve(this.savePath === undefined ? undefined : { path: this.savePath });
  }
  writeFile(target: SaveTarget, text: string): Promise<void> {
    if (this.writeError) return Promise.reject(this.writeError);
    this.written.push({ path: target.path, text });
    return Promise.resolve();
  }
}

/** A server whose check answers with `answer(params, token, progress)`. */
class FakeServer implements LiveServer {
  readonly requests: { method: string; params: unknown; token: LiveCancellation | undefined }[] = [];
  private progressListeners: ((message: string) => void)[] = [];
  profiles: string[] | Error = ['default', 'audit'];

  constructor(
    private readonly answer: (
      token: LiveCancellation | undefined,
      progress: (message: string) => void,
    ) => Promise<LiveCheckResult> = () => Promise.resolve(RESULT),
  ) {}

  request<R>(method: string, params: unknown, token?: LiveCancellation): Promise<R> {
    this.requests.push({ method, params, token });
    if (method === LIVE_PROFILES)
      return this.profiles instanceof Error
        ? Promise.reject(this.profiles)
        : (Promise.resolve({ profiles: this.profiles }) as Promise<R>);
    const notify = (message: string): void => this.progressListeners.forEach((l) => l(message));
    return this.answer(token, notify) as Promise<R>;
  }
  onProgress(listener: (message: string) => void): Disposable {
    this.progressListeners.push(listener);
    return { dispose: () => (this.progressListeners = this.progressListeners.filter((l) => l !== listener)) };
  }
  get listening(): number {
    return this.progressListeners.length;
  }
  checks(): unknown[] {
    return this.requests.filter((r) => r.method === LIVE_CHECK).map((r) => r.params);
  }
}

const SUMMARY = 'Account 111122223333: 1 trail in 1 region; 1 error, 0 warnings, 0 info';

describe('live account check flow (VS Code client)', () => {
  it('offers the server’s profiles, default first, then the credential chain; forwards the picks', async () => {
    const ui = new FakeUi(['audit', 'Choose regions…', ['eu-west-1', 'us-east-1']]);
    const server = new FakeServer();
    await new LiveCheck(ui, server).run();
    assert.deepEqual(ui.pickedFrom[0], ['default', 'audit', '(default credential chain)']);
    assert.deepEqual(ui.pickedFrom[1], ['All default regions', 'Choose regions…']);
    assert.ok(ui.pickedFrom[2]?.includes('ap-southeast-2'));
    assert.deepEqual(server.checks(), [{ profile: 'audit', regions: ['us-east-1', 'eu-west-1'] }]);
    assert.deepEqual(ui.shown, [`view: ${SUMMARY}`, `info: trail-lint: ${SUMMARY}`]);
    assert.deepEqual(ui.results, [RESULT]);
  });

  it('sends neither profile nor regions for the credential chain and all default regions', async () => {
    const ui = new FakeUi(['(default credential chain)', 'All default regions']);
    const server = new FakeServer();
    server.profiles = [];
    await new LiveCheck(ui, server).run();
    assert.deepEqual(ui.pickedFrom[0], ['(default credential chain)']);
    assert.deepEqual(server.checks(), [{}]);
  });

  it('asks nothing when the command is given a profile or regions, and ignores any other argument', async () => {
    const ui = new FakeUi([]);
    const server = new FakeServer();
    const check = new LiveCheck(ui, server);
    await check.run({ profile: 'audit', regions: ['eu-west-1'] });
    await check.run({ regions: ['us-east-1'] });
    await check.run({ profile: 'audit' });
    assert.deepEqual(ui.pickedFrom, []);
    assert.deepEqual(server.checks(), [
      { profile: 'audit', regions: ['eu-west-1'] },
      { regions: ['us-east-1'] },
      { profile: 'audit' },
    ]);
    // A tree item VS Code passes when the command runs from the view's title, or a malformed preset: asks.
    for (const arg of [{ label: 'x' }, { profile: 7 }, { regions: 'us-east-1' }, ['audit']]) {
      const asking = new FakeUi([undefined]);
      await new LiveCheck(asking, new FakeServer()).run(arg);
      assert.equal(asking.pickedFrom.length, 1, JSON.stringify(arg));
    }
  });

  it('still offers the credential chain when the profiles cannot be listed', async () => {
    const ui = new FakeUi([undefined]);
    const server = new FakeServer();
    server.profiles = new Error('cannot read ~/.aws/config');
    await new LiveCheck(ui, server).run();
    assert.deepEqual(ui.pickedFrom, [['(default credential chain)']]);
  });

  it('stops when a pick is dismissed, or no region is chosen', async () => {
    for (const answers of [[undefined], ['default', undefined], ['default', 'Choose regions…', []]]) {
      const ui = new FakeUi(answers);
      const server = new FakeServer();
      await new LiveCheck(ui, server).run();
      assert.deepEqual(server.checks(), [], JSON.stringify(answers));
      assert.deepEqual(ui.shown, []);
    }
  });

  it('remembers the regions chosen last time', async () => {
    const ui = new FakeUi(['default', 'Choose regions…', ['eu-west-1'], 'default', 'Choose regions…']);
    const check = new LiveCheck(ui, new FakeServer());
    let offered: PickItem<unknown>[] = [];
    const pickMany = ui.pickMany.bind(ui);
    ui.pickMany = <T>(items: PickItem<T>[]) => {
      offered = items;
      return pickMany(items);
    };
    await check.run();
    await check.run();
    assert.deepEqual(
      offered.filter((i) => i.picked).map((i) => i.label),
      ['eu-west-1'],
    );
  });

  it('forwards the server’s progress messages, and stops listening when done', async () => {
    const ui = new FakeUi(['default', 'All default regions']);
    const server = new FakeServer(async (_token, progress) => {
      progress('Reading trails in us-east-1');
      await new Promise((resolve) => setImmediate(resolve));
      progress('Reading bucket audit-logs');
      return RESULT;
    });
    await new LiveCheck(ui, server).run();
    assert.deepEqual(ui.progress, ['Reading trails in us-east-1', 'Reading bucket audit-logs']);
    assert.equal(server.listening, 0);
  });

  it('passes the progress’s cancellation to the request, and shows nothing once cancelled', async () => {
    const ui = new FakeUi(['default', 'All default regions']);
    let sawCancel = false;
    // A server that never answers by itself: only cancelling ends the check.
    const server = new FakeServer(
      (token) =>
        new Promise((_resolve, reject) => {
          token?.onCancellationRequested(() => {
            sawCancel = true;
            reject(new Error('Request cancelled'));
          });
        }),
    );
    const run = new LiveCheck(ui, server).run();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(server.requests.at(-1)?.token, ui.token);
    ui.token.cancel();
    await run;
    assert.ok(sawCancel);
    assert.deepEqual(ui.shown, []);
    assert.equal(server.listening, 0);
  });

  it('closes the progress at once on cancel, even while the server is still answering', async () => {
    const ui = new FakeUi(['default', 'All default regions']);
    const server = new FakeServer(() => new Promise(() => undefined));
    const run = new LiveCheck(ui, server).run();
    await new Promise((resolve) => setImmediate(resolve));
    ui.token.cancel();
    await run;
    assert.deepEqual(ui.shown, []);
  });

  it('shows the server’s error message as it is', async () => {
    const message =
      'The SSO session of profile "audit" has expired or is missing: run `aws sso login --profile audit`.';
    const ui = new FakeUi(['audit', 'All default regions']);
    // What vscode-jsonrpc makes of an Error thrown by the server's request handler.
    const server = new FakeServer(() =>
      Promise.reject(new Error(`Request trailLint/checkLive failed with message: ${message}`)),
    );
    const check = new LiveCheck(ui, server);
    await check.run();
    assert.deepEqual(ui.shown, [`error: ${message}`]);
    assert.equal(check.lastResult, undefined);
  });

  it('runs one check at a time', async () => {
    const ui = new FakeUi(['default', 'All default regions']);
    let finish: (r: LiveCheckResult) => void = () => undefined;
    const check = new LiveCheck(ui, new FakeServer(() => new Promise((resolve) => (finish = resolve))));
    const first = check.run();
    await new Promise((resolve) => setImmediate(resolve));
    await check.run();
    finish(RESULT);
    await first;
    assert.equal(ui.shown[0], 'info: trail-lint: a live account check is already running.');
    assert.equal(ui.results.length, 1);
  });

  describe('export', () => {
    async function checked(ui: FakeUi): Promise<LiveCheck> {
      const check = new LiveCheck(ui, new FakeServer());
      await check.run();
      ui.shown.length = 0;
      return check;
    }

    it('writes the JSON report, or the SARIF report, as the chosen file name says', async () => {
      const ui = new FakeUi(['default', 'All default regions']);
      const check = await checked(ui);
      await check.exportReport();
      ui.savePath = '/tmp/live.sarif';
      await check.exportReport();
      assert.deepEqual(ui.written, [
        { path: '/tmp/report.json', text: RESULT.reports.json },
        { path: '/tmp/live.sarif', text: RESULT.reports.sarif },
      ]);
      assert.deepEqual(ui.shown, [
        'save: trail-lint-live-111122223333.json JSON/SARIF',
        'info: trail-lint: wrote the live report (JSON) to report.json.',
        'save: trail-lint-live-111122223333.json JSON/SARIF',
        'info: trail-lint: wrote the live report (SARIF) to live.sarif.',
      ]);
    });

    it('writes nothing when the dialog is dismissed, and says why a write failed', async () => {
      const ui = new FakeUi(['default', 'All default regions']);
      const check = await checked(ui);
      ui.savePath = undefined;
      await check.exportReport();
      ui.savePath = '/tmp/report.json';
      ui.writeError = new Error('EACCES: permission denied');
      await check.exportReport();
      assert.deepEqual(ui.written, []);
      assert.equal(
        ui.shown.at(-1),
        'error: trail-lint: could not write report.json: EACCES: permission denied',
      );
    });

    it('says there is nothing to export before a check', async () => {
      const ui = new FakeUi([]);
      await new LiveCheck(ui, new FakeServer()).exportReport();
      assert.deepEqual(ui.shown, [
        'info: trail-lint: there is no live report to export yet; run "Check live AWS account" first.',
      ]);
    });
  });

  it('takes the message out of JSON-RPC’s wrapping, and from anything thrown', () => {
    assert.equal(errorMessage(new Error('Request trailLint/checkLive failed with message: boom')), 'boom');
    assert.equal(errorMessage({ message: 'Client is not running' }), 'Client is not running');
    assert.equal(errorMessage('plain'), 'plain');
  });
});
