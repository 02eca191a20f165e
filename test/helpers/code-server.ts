// code-server (a real VS Code workbench and extension host, served to a browser) and Debian's chromium for
// test/integration/code-server.test.ts: where scripts/install-code-server.sh put them, what is missing, the
// packaged .vsix, and one code-server process on 127.0.0.1 with throwaway directories.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './paths';

/** The last code-server line for Node 20 (VS Code 1.100.3); scripts/install-code-server.sh installs it. */
export const CODE_SERVER_VERSION = '4.100.3';
export const VSIX = path.join(ROOT, 'dist', 'trail-lint.vsix');

/** Where scripts/install-code-server.sh installs code-server: the same environment variables, the same order. */
function installedCodeServer(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const editors = process.env.TRAIL_LINT_EDITORS || path.join(cache, 'trail-lint-editors');
  return path.join(editors, 'code-server', 'node_modules', '.bin', 'code-server');
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

export interface Editors {
  codeServer: string;
  chromium: string;
}

/** code-server and chromium, or a sentence saying which is missing and how to get it. */
export function findEditors(): Editors | string {
  const codeServer =
    process.env.TRAIL_LINT_CODE_SERVER ||
    (executable(installedCodeServer()) ? installedCodeServer() : onPath('code-server'));
  if (!codeServer) {
    return `code-server is not installed (scripts/install-code-server.sh puts ${CODE_SERVER_VERSION} in ${path.dirname(
      path.dirname(path.dirname(installedCodeServer())),
    )})`;
  }
  const version = spawnSync(codeServer, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (version.error || version.status !== 0) {
    return `${codeServer} --version fails: ${version.error?.message ?? version.stderr.trim()}`;
  }
  const chromium = process.env.TRAIL_LINT_CHROMIUM || onPath('chromium') || onPath('chromium-browser');
  if (!chromium) return 'chromium is not installed (apt-get install chromium)';
  return { codeServer, chromium };
}

function newestIn(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((entry) => newestIn(path.join(file, entry))));
}

/**
 * Why dist/trail-lint.vsix cannot be tested as it is (missing, or older than what goes into it), or
 * undefined when it is current. The suite does not package it itself: `npm run package` rebuilds dist/ for
 * production, under the feet of the other suites of the same run (.ci/run packages before `npm test`).
 */
export function staleVsix(): string | undefined {
  const inputs = [
    'client/src',
    'server/src',
    'syntaxes',
    'images',
    'package.json',
    'README.md',
    '.vscodeignore',
  ];
  const newest = Math.max(...inputs.map((input) => newestIn(path.join(ROOT, input))));
  if (!existsSync(VSIX)) return 'dist/trail-lint.vsix is missing: run `npm run package` first';
  if (statSync(VSIX).mtimeMs < newest)
    return 'dist/trail-lint.vsix is older than its sources: run `npm run package` first';
  return undefined;
}

/** The throwaway directories one code-server uses: user data (settings, logs), extensions, configuration. */
export interface CodeServerDirs {
  userData: string;
  extensions: string;
  config: string;
}

export function makeCodeServerDirs(root: string, settings: Record<string, unknown>): CodeServerDirs {
  const dirs = {
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    config: path.join(root, 'config.yaml'),
  };
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  writeFileSync(dirs.config, '{}\n'); // every option is given on the command line
  return dirs;
}

function dirArgs(dirs: CodeServerDirs): string[] {
  return ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', dirs.config];
}

/** `code-server --install-extension`; what it printed. */
export function installExtension(bin: string, dirs: CodeServerDirs, vsix: string): string {
  return execFileSync(bin, [...dirArgs(dirs), '--install-extension', vsix], {
    encoding: 'utf8',
    timeout: 120_000,
  });
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** What code-server printed so far, for a failure message. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on 127.0.0.1 at a port the system picks (it prints the one it got), without
 * authentication, workspace trust, telemetry or update checks, in its own process group so that stopping it
 * stops its extension hosts as well.
 */
export function startCodeServer(bin: string, dirs: CodeServerDirs): Promise<CodeServer> {
  const child = spawn(
    bin,
    [
      ...dirArgs(dirs),
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-workspace-trust',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server = {
    log: () => output,
    stop: () => stopGroup(child, exited),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void server.stop();
      reject(new Error(`code-server did not start listening within 60 s:\n${output}`));
    }, 60_000);
    const onData = (data: Buffer): void => {
      output += data.toString();
      const url = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ ...server, url });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    signal('SIGKILL');
    await exited;
  }
}
