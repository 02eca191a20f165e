// A real AWS API emulator for the live check's tests: `moto_server` (installed on the CI image) on 127.0.0.1
// at a free port, a fresh process per suite so that accounts never leak between tests. Ready means it
// says it is listening and answers HTTP: the wait is for that line, never a fixed sleep.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { CLI } from './paths';
import http from 'node:http';
import net from 'node:net';

export interface Moto {
  endpoint: string;
  /** Environment for an SDK client or the CLI pointed at this emulator with throwaway credentials. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Why moto cannot be used here, or undefined when it can. */
export function motoMissing(): string | undefined {
  const found = spawnSync('moto_server', ['--help'], { encoding: 'utf8' });
  return found.error || found.status !== 0
    ? 'moto_server is not installed (pip install "moto[server]")'
    : undefined;
}

export async function startMoto(extraEnv: NodeJS.ProcessEnv = {}): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(endpoint, child, () => stderr);
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Nothing of the developer's own AWS setup may leak into a test.
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when moto prints that it is listening (werkzeug's "Running on"), then checks it answers. */
async function waitUntilAnswering(endpoint: string, child: ChildProcess, log: () => string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`moto_server did not start within 30 s: ${log()}`)),
      30_000,
    );
    const onData = (): void => {
      if (!log().includes('Running on')) return;
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      resolve();
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto_server exited (${String(code)}): ${log()}`));
    });
  });
  if (!(await answers(`${endpoint}/moto-api/`))) throw new Error(`moto_server does not answer: ${log()}`);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(5000, () => req.destroy());
  });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the bundled CLI next to a moto_server without blocking: moto logs every request to a pipe this process
 * reads, and a spawnSync would stop that reading until the pipe fills and moto stalls (seen: the third run of
 * a suite hung until its timeout). A run that does not end within `timeoutMs` is killed and rejected.
 */
export function runCliBeside(env: NodeJS.ProcessEnv, args: string[], timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`trail-lint ${args.join(' ')} did not end within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
