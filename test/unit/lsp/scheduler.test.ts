import { strict as assert } from 'node:assert';
import { LintScheduler } from '../../../server/src/lsp/scheduler';

/** A lint function that records calls and lets the test decide when each one finishes. */
function recorder() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const waiters: (() => void)[] = [];
  const lint = (uri: string): Promise<void> => {
    calls.push(uri);
    waiters.splice(0).forEach((w) => w());
    return new Promise((resolve) => pending.push(resolve));
  };
  const nextCall = (): Promise<void> => new Promise((resolve) => waiters.push(resolve));
  return { calls, pending, lint, nextCall };
}

describe('lint scheduler', () => {
  it('coalesces a burst of changes into one lint', async () => {
    const r = recorder();
    const scheduler = new LintScheduler(r.lint, { quietMs: 5, maxWaitMs: 10_000 });
    const called = r.nextCall();
    for (let i = 0; i < 20; i++) scheduler.schedule('a');
    await called;
    assert.deepEqual(r.calls, ['a']);
  });

  it('runs one more lint when changes arrive during a lint, never two at once', async () => {
    const r = recorder();
    const scheduler = new LintScheduler(r.lint, { quietMs: 1, maxWaitMs: 10_000 });
    let called = r.nextCall();
    scheduler.schedule('a');
    await called;
    scheduler.schedule('a');
    scheduler.schedule('a');
    assert.deepEqual(r.calls, ['a'], 'no second lint while the first runs');
    called = r.nextCall();
    r.pending.shift()?.();
    await called;
    assert.deepEqual(r.calls, ['a', 'a']);
  });

  it('drops pending work for a closed document and keeps documents apart', async () => {
    const r = recorder();
    const scheduler = new LintScheduler(r.lint, { quietMs: 1, maxWaitMs: 10_000 });
    scheduler.schedule('closed');
    scheduler.cancel('closed');
    const called = r.nextCall();
    scheduler.schedule('open');
    await called;
    assert.deepEqual(r.calls, ['open']);
  });
});
