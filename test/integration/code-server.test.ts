// The packaged extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3's workbench and extension
// host) served on 127.0.0.1 to Debian's chromium, driven by playwright-core. Installs dist/trail-lint.vsix
// with `code-server --install-extension`, opens a copy of examples/cloudformation/insecure-trail.yaml, waits
// for the findings in the Problems panel, goes to where the panel puts CT001, applies its quick fix from the
// light bulb, saves, and checks the finding is gone and the file says what the fix wrote. Waits only for
// conditions of the page, never for a fixed time. Prints the timings; saves screenshots to
// out/test-artifacts/ (and docs/images/code-server.png, the README's, with TRAIL_LINT_UPDATE_IMAGES=1).
// scripts/install-code-server.sh installs both; without them the suite says it is skipped and why.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  staleVsix,
  findEditors,
  installExtension,
  makeCodeServerDirs,
  startCodeServer,
  VSIX,
  type CodeServer,
} from '../helpers/code-server';
import { ROOT } from '../helpers/paths';

const TEMPLATE = path.join(ROOT, 'examples', 'cloudformation', 'insecure-trail.yaml');
const FILE = 'insecure-trail.yaml';
const ARTIFACTS = path.join(ROOT, 'out', 'test-artifacts');
const README_IMAGE = path.join(ROOT, 'docs', 'images', 'code-server.png');
// A selection of what the template's comments promise: an error, warnings on the trail, bucket, policy, role.
const EXPECTED = ['CT001', 'CT002', 'CT003', 'CT004', 'CT005', 'S3004', 'S3005', 'IAM001'];
const FIX = 'Set IsMultiRegionTrail to true';

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  // VS Code for the web saves after a delay by default; the test saves itself, to know when it is written.
  'files.autoSave': 'off',
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'editor.fontSize': 13,
  'editor.cursorBlinking': 'solid',
  // Sticky headers would cover the line the light bulb is on when it is the first one shown.
  'editor.stickyScroll.enabled': false,
  'editor.scrollbar.horizontal': 'hidden',
};

const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

describe('code-server: the packaged extension in a real VS Code workbench', function () {
  this.timeout(300_000);
  const editors = findEditors();
  let dir: string;
  let server: CodeServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const timings: [string, number][] = [];

  before(async function () {
    const why = typeof editors === 'string' ? editors : staleVsix();
    if (why !== undefined || typeof editors === 'string') {
      console.log(`      skipped: ${why}`);
      this.skip();
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-cs-'));

    const dirs = makeCodeServerDirs(path.join(dir, 'code-server'), SETTINGS);
    let start = performance.now();
    const installed = installExtension(editors.codeServer, dirs, VSIX);
    timings.push(['install extension', performance.now() - start]);
    assert.match(installed, /successfully installed/);

    mkdirSync(path.join(dir, 'workspace'));
    copyFileSync(TEMPLATE, path.join(dir, 'workspace', FILE));
    server = await startCodeServer(editors.codeServer, dirs);
    context = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
      executablePath: editors.chromium,
      headless: true,
      args: BROWSER_ARGS,
      // The README's screenshot, pixel for pixel: a downscaled larger one blurs, and takes more bytes.
      viewport: { width: 1000, height: 600 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // Every wait is for a condition of the page; a cold start on two busy cores can take a while.
    page.setDefaultTimeout(90_000);
    start = performance.now();
    try {
      await page.goto(`${server.url}?folder=${encodeURIComponent(path.join(dir, 'workspace'))}`);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).waitFor();
    } catch (error) {
      await saveFailure();
      throw error;
    }
    timings.push(['workbench ready', performance.now() - start]);
  });

  /** What the page showed and code-server printed, when something failed. */
  async function saveFailure(): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'code-server-failure.png');
    await page.screenshot({ path: file }).catch(() => undefined);
    console.log(`      screenshot: ${file}\n      code-server said:\n${server?.log() ?? ''}`);
  }

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && context) await saveFailure();
  });

  after(async () => {
    if (timings.length) {
      console.log(`      timings: ${timings.map(([what, ms]) => `${what} ${seconds(ms)}`).join(', ')}`);
    }
    await context?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the findings in the Problems panel and applies a quick fix from the light bulb', async () => {
    const original = readFileSync(TEMPLATE, 'utf8');
    const start = performance.now();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).click();
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor();
    timings.push(['first diagnostics', performance.now() - start]);
    // The side bar has done its part; the editor gets its width for the screenshots.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });

    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    const row = (code: string) => problems.filter({ hasText: new RegExp(`trail-lint\\W*${code}\\b`) });
    // The list draws only the rows that fit: maximized, the panel shows them all.
    await page.locator('.part.panel .action-label[aria-label="Maximize Panel Size"]').click();
    for (const code of EXPECTED) await row(code).first().waitFor();
    const texts = await problems.allInnerTexts();
    const codes = new Set(texts.flatMap((t) => /trail-lint\W*([A-Z][A-Z0-9]*\d{3})\b/.exec(t)?.[1] ?? []));
    assert.deepEqual(
      EXPECTED.filter((code) => !codes.has(code)),
      [],
      `Problems panel: ${[...codes].join(', ')}`,
    );
    // Where the panel says the CT001 finding is, and what the template says.
    const at = /\[Ln (\d+), Col (\d+)\]/.exec((await row('CT001').innerText()).replace(/\s+/g, ' '));
    const line = original.split('\n').findIndex((l) => l.includes('IsMultiRegionTrail: false')) + 1;
    assert.equal(at?.[1], String(line), `CT001 in the Problems panel: ${at?.[0]}`);
    await page.locator('.part.panel .action-label[aria-label="Restore Panel Size"]').click();
    await page.locator('.part.panel .action-label[aria-label="Maximize Panel Size"]').waitFor();

    // Go to Line puts the cursor on the finding; the light bulb appears there.
    const fixing = performance.now();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor();
    await input.fill(`:${at[1]}:${at[2]}`);
    // Clicked rather than Enter, which can race the list.
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: `Go to line ${at[1]}` }).click();
    await page.locator('.statusbar-item', { hasText: `Ln ${at[1]}, Col ${at[2]}` }).waitFor();
    const bulb = page.locator('.monaco-editor .lightBulbWidget');
    await bulb.waitFor({ state: 'visible' });
    await bulb.click();
    const menu = page.locator('.action-widget');
    const fix = menu.locator(`.monaco-list-row[aria-label="${FIX}"]`);
    await fix.waitFor({ state: 'visible' });
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'code-server.png');
    await page.screenshot({ path: shot });
    assert.ok(
      statSync(shot).size < 150_000,
      `${shot} has ${statSync(shot).size} bytes, too many for the README`,
    );
    if (process.env.TRAIL_LINT_UPDATE_IMAGES === '1') copyFileSync(shot, README_IMAGE);
    // The menu lays a block over the page until the pointer moves; hovering the item lifts it.
    await fix.hover({ force: true });
    await fix.click();
    await menu.waitFor({ state: 'hidden' });
    await row('CT001').waitFor({ state: 'detached' });
    timings.push(['fix applied', performance.now() - fixing]);

    await page.locator('.tabs-container .tab.active.dirty').waitFor();
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached' });
    assert.equal(
      readFileSync(path.join(dir, 'workspace', FILE), 'utf8'),
      original.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true'),
    );
    for (const code of ['CT003', 'CT005']) await row(code).first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'code-server-fixed.png') });
  });
});
