// When to lint an open document. A change schedules a lint after a short quiet period; further changes
// push it back, but never past `maxWaitMs`, so a long burst of edits still gets diagnostics. A change that
// arrives while a lint runs marks the document dirty, and one more lint follows with the latest text.

export interface SchedulerTiming {
  quietMs: number;
  maxWaitMs: number;
}

interface State {
  timer: NodeJS.Timeout | undefined;
  firstRequestAt: number;
  running: boolean;
  dirty: boolean;
}

export class LintScheduler {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly lint: (uri: string) => Promise<void>,
    private readonly timing: SchedulerTiming = { quietMs: 10, maxWaitMs: 200 },
  ) {}

  schedule(uri: string): void {
    let state = this.states.get(uri);
    if (!state) {
      state = { timer: undefined, firstRequestAt: 0, running: false, dirty: false };
      this.states.set(uri, state);
    }
    if (state.running) {
      state.dirty = true;
      return;
    }
    const now = Date.now();
    if (state.timer) {
      if (now - state.firstRequestAt >= this.timing.maxWaitMs) return; // let the pending lint fire
      clearTimeout(state.timer);
    } else {
      state.firstRequestAt = now;
    }
    const current = state;
    current.timer = setTimeout(() => {
      current.timer = undefined;
      void this.run(uri, current);
    }, this.timing.quietMs);
  }

  /** Forget a document (closed): pending work is dropped. */
  cancel(uri: string): void {
    const state = this.states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(uri);
  }

  private async run(uri: string, state: State): Promise<void> {
    state.running = true;
    try {
      await this.lint(uri);
    } finally {
      state.running = false;
      if (state.dirty && this.states.get(uri) === state) {
        state.dirty = false;
        this.schedule(uri);
      }
    }
  }
}
