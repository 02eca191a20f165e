// Hostile files given to the bundled CLI and language server: each yields one clear error for that file,
// within bounded time and memory, and the other files of the run are still linted.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI, fixtureText, makeTempDir, removeTempDir, writeFile } from './cli-helpers';
import { LspTestClient, messageText } from './lsp-client';

interface JsonReport {
  findings: { file: string; ruleId: string }[];
  errors: { file: string; message: string }[];
}

/** A sparse file: 100 MB long without writing 100 MB. */
function sparse(dir: string, rel: string, bytes: number): void {
  const fd = openSync(path.join(dir, rel), 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

const BOMB = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
  .concat(
    Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`),
  )
  .concat(['Resources: {}', ''])
  .join('\n');

describe('hostile files on the command line and in the editor', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => removeTempDir(dir));

  it('gives one error per hostile file, lints the others, and stops on a symlink loop', () => {
    writeFile(dir, 'bad.yaml', fixtureText('bad.yaml'));
    sparse(dir, 'huge.yaml', 100 * 1024 * 1024);
    writeFile(dir, 'bomb.yaml', BOMB);
    writeFile(
      dir,
      'deep.json',
      `{\n"AWSTemplateFormatVersion": "2010-09-09",\n"Resources": ${'['.repeat(10_000)}\n}\n`,
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('AWSTemplateFormatVersion: x\n', 'utf16le'),
    ]);
    writeFileSync(path.join(dir, 'utf16.yaml'), utf16);
    writeFile(dir, 'mod/main.tf', 'resource "aws_cloudtrail" "t" {\n  name = "t"\n}\n');
    sparse(dir, 'mod/huge.tf', 100 * 1024 * 1024);
    // A folder that contains itself, and two links that point at each other.
    symlinkSync('.', path.join(dir, 'loop'));
    symlinkSync('b', path.join(dir, 'a'));
    symlinkSync('a', path.join(dir, 'b'));
    const start = Date.now();
    // A heap of 96 MB: reading the 100 MB files whole would not fit.
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', CLI, '--format', 'json', '.'], {
      cwd: dir,
      encoding: 'latin1',
      timeout: 30_000,
    });
    assert.equal(r.error, undefined);
    console.log(`      CLI run: ${Date.now() - start} ms`);
    assert.equal(r.status, 2, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    const errors = report.errors.map((e) => `${e.file}: ${e.message}`).sort();
    assert.equal(errors.length, 5, errors.join('\n'));
    assert.match(errors[0] ?? '', /^bomb\.yaml: .*expands to more than 2000000 nodes/);
    assert.match(errors[1] ?? '', /^deep\.json: .*nests deeper than 500 levels/);
    assert.match(
      errors[2] ?? '',
      /^huge\.yaml: not linted: the file is 100\.0 MB, over the maximum file size of 10\.0 MB/,
    );
    assert.match(errors[3] ?? '', /^mod[\\/]huge\.tf: not linted: the file is 100\.0 MB/);
    assert.match(errors[4] ?? '', /^utf16\.yaml: not linted: the file is UTF-16/);
    assert.ok(report.findings.some((f) => f.file === 'bad.yaml'));
    assert.ok(report.findings.some((f) => f.file === path.join('mod', 'main.tf')));
  });

  it('takes the maximum file size from the configuration file', () => {
    writeFile(dir, '.trail-lint.yaml', 'limits:\n  maxFileSize: 1KB\n');
    writeFile(dir, 'bad.yaml', fixtureText('bad.yaml') + `# ${'x'.repeat(2000)}\n`);
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.errors.map((e) => e.message.replace(/ is [\d.]+ MB/, ' is … MB')),
      [
        'not linted: the file is … MB, over the maximum file size of 0.001 MB (limits.maxFileSize in .trail-lint.yaml)',
      ],
    );
  });

  it('the language server publishes one diagnostic for a document over the maximum file size', async () => {
    writeFile(dir, '.trail-lint.yaml', 'limits:\n  maxFileSize: 1KB\n');
    const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
    try {
      const uri = pathToFileURL(path.join(dir, 'big.yaml')).href;
      await client.open(uri, fixtureText('bad.yaml') + `# ${'x'.repeat(2000)}\n`);
      const published = await client.waitForDiagnostics(uri, 1);
      assert.equal(published.diagnostics.length, 1);
      assert.match(
        messageText(published.diagnostics[0]!),
        /not linted: the file is .* over the maximum file size/,
      );
    } finally {
      await client.dispose();
    }
  });

  it('the language server leaves a Terraform sibling over the configured maximum out of the module', async () => {
    // main.tf takes is_multi_region_trail from a variable whose default (false) is in big.tf: read, CT001;
    // left out, the variable has no default and nothing is claimed.
    const main =
      'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "logs"\n' +
      '  is_multi_region_trail = var.multi\n}\n';
    writeFile(dir, 'mod/main.tf', main);
    writeFile(dir, 'mod/big.tf', `# ${'x'.repeat(2000)}\nvariable "multi" {\n  default = false\n}\n`);
    const ct001 = async (): Promise<number> => {
      const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
      try {
        const uri = pathToFileURL(path.join(dir, 'mod', 'main.tf')).href;
        await client.open(uri, main, 'terraform');
        const published = await client.waitForDiagnostics(uri, 1);
        return published.diagnostics.filter((d) => d.code === 'CT001').length;
      } finally {
        await client.dispose();
      }
    };
    assert.equal(await ct001(), 1);
    writeFile(dir, '.trail-lint.yaml', 'limits:\n  maxFileSize: 1KB\n');
    assert.equal(await ct001(), 0);
  });
});
