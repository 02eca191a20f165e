// The VS Code command's handler end to end, minus VS Code's drawing: the flow of client/src/live-command.ts
// with a scripted UI (picks, progress, the view, the save dialog) talks to the real bundled server over
// LSP, which checks an account in moto. What the view is given and what "Export report" writes are checked.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LiveCheck, type LiveServer, type LiveUi, type PickItem } from '../../client/src/live-command';
import type { LiveCheckResult } from '../../client/src/live-protocol';
import { createBrokenTrail } from '../helpers/moto-account';
import { motoMissing, startMoto, type Moto } from '../helpers/moto';
import { LspTestClient, stopClients } from './lsp-client';

describe('the live-check command against moto', function () {
  this.timeout(180_000);
  const missing = motoMissing();
  let moto: Moto;
  let client: LspTestClient;
  let folder: string;

  before(async function () {
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    moto = await startMoto();
    await createBrokenTrail({ endpoint: moto.endpoint }, 'broken');
    folder = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-live-'));
    client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(folder).href], env: moto.env });
  });

  after(async () => {
    if (client) await stopClients([client], false);
    await moto?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('picks, runs with progress, shows the findings and exports both reports', async () => {
    const progress: string[] = [];
    const shown: { result: LiveCheckResult; summary: string }[] = [];
    const errors: string[] = [];
    let saveAs = path.join(folder, 'report.json');
    const ui: LiveUi = {
      pick: <T>(items: PickItem<T>[]) =>
        // The default credential chain (the test's environment), then "Choose regions…".
        Promise.resolve(
          items.find((i) => i.label === '(default credential chain)' || i.label === 'Choose regions…'),
        ),
      pickMany: <T>(items: PickItem<T>[]) => Promise.resolve(items.filter((i) => i.label === 'us-east-1')),
      withProgress: (_title, task) =>
        task((m) => progress.push(m), {
          isCancellationRequested: false,
          onCancellationRequested: () => ({ dispose() {} }),
        }),
      showResult: (result, summary) => {
        shown.push({ result, summary });
        return Promise.resolve();
      },
      info: () => undefined,
      error: (m) => errors.push(m),
      saveLocation: () => Promise.resolve({ path: saveAs }),
      writeFile: async (target, text) => {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(target.path, text);
      },
    };
    const server: LiveServer = {
      request: <R>(method: string, params: unknown) => client.request(method, params) as Promise<R>,
      onProgress: (listener) =>
        client.onNotification('trailLint/liveProgress', (p) => listener((p as { message: string }).message)),
    };
    const check = new LiveCheck(ui, server);
    await check.run();
    assert.deepEqual(errors, []);
    assert.ok(progress.length > 0, 'progress was reported');
    assert.equal(shown.length, 1);
    const { result, summary } = shown[0]!;
    assert.deepEqual(result.summary.regions, ['us-east-1']);
    assert.deepEqual(
      result.trails.map((t) => t.name),
      ['broken'],
    );
    assert.ok(result.findings.some((f) => f.ruleId === 'CT001' && f.arn.endsWith(':trail/broken')));
    assert.match(summary, /123456789012/);

    await check.exportReport();
    const json = JSON.parse(readFileSync(saveAs, 'utf8')) as { findings: { ruleId: string }[] };
    assert.ok(json.findings.some((f) => f.ruleId === 'CT001'));
    saveAs = path.join(folder, 'report.sarif');
    await check.exportReport();
    const sarif = JSON.parse(readFileSync(saveAs, 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0]?.results.length, json.findings.length);
  });
});
