// Runs fix-all's steps (engine/fix/fix-all.ts) inside the server without holding the event loop: on a 1 MB
// template fix-all lints and fixes for seconds, and while it runs the server must still read the client's
// messages, among them the cancellation of this very request. So the steps run in slices of a few
// milliseconds, with one turn of the event loop between slices, and the run stops at the first slice
// boundary after the request is cancelled. A client that sent a work-done token sees it as progress.
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver/node';

/** How long a slice may run before the event loop gets a turn: short enough to notice a cancel at once. */
const SLICE_MS = 25;

export const CANCELLED = Symbol('cancelled');

export async function runSteps<T>(
  steps: Generator<void, T, void>,
  token: CancellationToken,
  progress?: WorkDoneProgressReporter,
): Promise<T | typeof CANCELLED> {
  // Not cancellable through the progress: for a token the client sent with the request, the library ignores
  // window/workDoneProgress/cancel; cancelling the request itself (the token above) stops the work.
  progress?.begin('trail-lint: fixing all safe problems', undefined, undefined, false);
  let sliceStart = performance.now();
  for (;;) {
    if (token.isCancellationRequested) {
      steps.return(undefined as never);
      progress?.done();
      return CANCELLED;
    }
    const step = steps.next();
    if (step.done) {
      progress?.done();
      return step.value;
    }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
