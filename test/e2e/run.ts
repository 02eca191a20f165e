// `npm run test:vscode`: the extension inside a real VS Code, through @vscode/test-electron. It needs a
// VS Code: VSCODE_EXECUTABLE (an installed one), a cached download in .vscode-test/, or a network that
// reaches update.code.visualstudio.com. Where none is available it says so and exits with code 3:
// a skipped run is reported as skipped, never as a pass.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { createBrokenTrail } from '../helpers/moto-account';
import { motoMissing, startMoto, type Moto } from '../helpers/moto';
import { ROOT } from '../helpers/paths';

const SKIPPED = 3;
const VERSION = process.env.VSCODE_VERSION ?? '1.100.3';

async function findVsCode(): Promise<string | { skipped: string }> {
  const given = process.env.VSCODE_EXECUTABLE;
  if (given) return existsSync(given) ? given : { skipped: `VSCODE_EXECUTABLE=${given} does not exist` };
  try {
    // Uses .vscode-test/ when the version is cached there; downloads otherwise.
    return await downloadAndUnzipVSCode({
      version: VERSION,
      cachePath: path.join(ROOT, '.vscode-test'),
      timeout: 30_000,
    });
  } catch (error) {
    const cached = existsSync(path.join(ROOT, '.vscode-test'))
      ? readdirSync(path.join(ROOT, '.vscode-test')).join(', ')
      : 'nothing';
    return {
      skipped: `VS Code ${VERSION} could not be downloaded (${error instanceof Error ? error.message : String(error)}); cached: ${cached}`,
    };
  }
}

async function main(): Promise<void> {
  const vscodeExecutablePath = await findVsCode();
  if (typeof vscodeExecutablePath !== 'string') {
    console.log(`test:vscode SKIPPED — not a pass: ${vscodeExecutablePath.skipped}.`);
    console.log(
      'Set VSCODE_EXECUTABLE to an installed VS Code, or run where update.code.visualstudio.com is reachable.',
    );
    process.exitCode = SKIPPED;
    return;
  }
  // The live-check test runs against moto (an AWS emulator) where it is installed, and says it is skipped
  // where it is not; every other test runs either way.
  const missing = motoMissing();
  let moto: Moto | undefined;
  if (missing) console.log(`test:vscode: the live-check test will be skipped: ${missing}.`);
  else {
    moto = await startMoto();
    await createBrokenTrail({ endpoint: moto.endpoint }, 'broken');
  }
  // The tests edit, create and delete files (a quick-fix saved, .trail-lint.yaml): they get a copy.
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-e2e-'));
  cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    process.exitCode = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: moto ? { ...moto.env, TRAIL_LINT_E2E_MOTO: '1' } : {},
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    await moto?.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
