// Fix-all in the editor on a ~1 MB template (2,000 resources, about 1,100 safe fixes): the server answers
// with one edit that leaves nothing safe to fix, and a fix-all cancelled while it runs answers "cancelled"
// instead of running to the end (it used to run for minutes and could not be stopped). Timings are the
// bench's (BENCH_ONLY=lsp-load); here only what comes back is asserted, and every wait is for an event.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgress,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { SAFE_FIXABLE_RULES } from '../bench/generate';
import { FIX_ALL_KIND, fixAllParams, openFixable, requestFixAll } from '../helpers/lsp-fix-all';
import { LspTestClient, stopClients } from './lsp-client';

describe('language server: fix-all on a 1 MB template', function () {
  // Several 1 MB lints on a shared 2-core machine.
  this.timeout(600_000);
  let folder: string;
  let client: LspTestClient;
  let uri: string;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-fix-all-'));
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
    uri = await openFixable(client, folder);
  });

  after(async function () {
    await stopClients([client], this.currentTest?.state === 'failed');
    rmSync(folder, { recursive: true, force: true });
  });

  it('stops a cancelled fix-all while it runs and answers "cancelled"', async () => {
    const source = new CancellationTokenSource();
    // The work-done progress the server begins once fix-all runs: the event to cancel on.
    const workDoneToken = 'fix-all-progress';
    const begun = new Promise<void>((resolve) => {
      const listener = client.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'begin') return;
        listener.dispose();
        resolve();
      });
    });
    const fixAll = client.connection
      .sendRequest(CodeActionRequest.type, { ...fixAllParams(uri), workDoneToken }, source.token)
      .then(
        () => 'answered' as const,
        (error: unknown) => {
          if (error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled)
            return 'cancelled' as const;
          throw error;
        },
      );
    await begun;
    const cancelledAt = performance.now();
    source.cancel();
    assert.equal(await fixAll, 'cancelled');
    console.log(
      `      cancelled fix-all answered ${(performance.now() - cancelledAt).toFixed(0)} ms after the cancel`,
    );
  });

  it('answers with one edit after which nothing safe is left to fix', async () => {
    const actions: CodeAction[] = await requestFixAll(client, uri);
    const [action] = actions;
    assert.equal(action?.kind, FIX_ALL_KIND);
    assert.equal(actions.length, 1);
    await client.applyEdit(uri, 2, action?.edit);
    const next = await client.waitUntil(
      'diagnostics of the fixed template',
      () => client.publishesFor(uri).find((p) => p.version === 2),
      300_000,
    );
    const left = next.diagnostics.filter((d) => SAFE_FIXABLE_RULES.includes(String(d.code)));
    assert.deepEqual(left, [], `${left.length} safe-fixable diagnostics left`);
    assert.ok(next.diagnostics.length > 0, 'CW001 has no safe fix and stays');
  });
});
