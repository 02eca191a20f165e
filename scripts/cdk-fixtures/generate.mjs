#!/usr/bin/env node
// Regenerates trail-lint's real CDK-synthesized fixtures.
//
// What it does:
//   1. Installs this folder's pinned dependencies (aws-cdk-lib, constructs) into
//      scripts/cdk-fixtures/node_modules with `npm ci`, if they are missing or not the locked version.
//      Only the npm registry is needed; no cdk CLI, no GitHub, no AWS credentials.
//   2. Runs app.mjs (the CDK app) into a temporary cloud-assembly directory.
//   3. Copies every <Stack>.template.json, byte for byte as CDK wrote it, to
//        test/fixtures/cdk/cdk.out/   (test fixtures)
//        examples/cdk/cdk.out/        (the example a user opens in the editor)
//      and removes stale *.template.json files there that the app no longer produces.
//
// Run on demand only, after changing app.mjs or bumping aws-cdk-lib:
//   npm run fixtures:cdk          (root package.json script: `node scripts/cdk-fixtures/generate.mjs`)
// then review and commit the changed JSON. Never run in CI: CI lints the committed templates.
// The output is deterministic: running it twice gives byte-identical files.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const destinations = [
  join(repoRoot, 'test', 'fixtures', 'cdk', 'cdk.out'),
  join(repoRoot, 'examples', 'cdk', 'cdk.out'),
];
const isWindows = process.platform === 'win32';

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  }
}

/** True when node_modules holds exactly the versions package-lock.json pins. */
function dependenciesInstalled() {
  const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));
  return ['aws-cdk-lib', 'constructs'].every((name) => {
    const manifest = join(here, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return false;
    return (
      JSON.parse(readFileSync(manifest, 'utf8')).version === lock.packages[`node_modules/${name}`]?.version
    );
  });
}

if (!dependenciesInstalled()) {
  console.log('cdk-fixtures: installing pinned dependencies (npm ci) ...');
  run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here });
}

const outdir = mkdtempSync(join(tmpdir(), 'trail-lint-cdk-'));
try {
  // A clean environment for the app: CDK reads CDK_CONTEXT_JSON, CDK_OUTDIR, CDK_DEFAULT_ACCOUNT/REGION
  // and JSII_* from the environment, any of which would make the output depend on the machine.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(CDK_|JSII_)/.test(key)));
  env.JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION = '1';
  run(process.execPath, [join(here, 'app.mjs'), outdir], { cwd: here, env, shell: false });

  const templates = readdirSync(outdir)
    .filter((name) => name.endsWith('.template.json'))
    .sort();
  if (templates.length === 0) throw new Error(`no *.template.json in ${outdir}`);

  for (const dest of destinations) {
    mkdirSync(dest, { recursive: true });
    for (const stale of readdirSync(dest)) {
      if (stale.endsWith('.template.json') && !templates.includes(stale)) rmSync(join(dest, stale));
    }
    for (const name of templates) copyFileSync(join(outdir, name), join(dest, name));
  }
  for (const name of templates) console.log(`cdk-fixtures: ${name}`);
  console.log(`cdk-fixtures: wrote ${templates.length} templates to\n  ${destinations.join('\n  ')}`);
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
