// The bundled server from an independent LSP client: Neovim's built-in one (Debian's neovim 0.7), headless.
// test/fixtures/neovim/check.lua opens a CloudFormation YAML, a JSON and a Terraform file, collects what
// `vim.diagnostic.get()` holds, requests the code actions of the CT001 finding, applies the preferred one
// and waits for the finding to go; this test asserts on what Neovim saw. Skipped, saying why, without nvim.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES } from '../helpers/paths';
import { SERVER_JS } from './lsp-client';

interface Seen {
  files: {
    file: string;
    arrived: boolean;
    diagnostics: { code: string; line: number; source: string }[];
    actions?: string[];
    applied?: string;
    gone?: boolean;
    after?: { code: string }[];
    text?: string;
  }[];
  error?: string;
}

const YAML = [
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive-111122223333',
  '      IsMultiRegionTrail: false',
  '      IsLogging: true',
  '',
].join('\n');

const JSON_TEMPLATE = JSON.stringify(
  {
    Resources: {
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Properties: { S3BucketName: 'b', IsLogging: true, IsMultiRegionTrail: false },
      },
    },
  },
  null,
  2,
);

const TF = [
  'resource "aws_cloudtrail" "main" {',
  '  name                       = "main"',
  '  s3_bucket_name             = "central-log-archive-111122223333"',
  '  is_multi_region_trail      = false',
  '  enable_log_file_validation = true',
  '}',
  '',
].join('\n');

function nvimMissing(): string | undefined {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'nvim is not installed (apt-get install neovim)';
  const version = /NVIM v0\.(\d+)/.exec(r.stdout)?.[1];
  return version !== undefined && Number(version) < 7
    ? `nvim ${r.stdout.split('\n')[0]} has no built-in LSP client`
    : undefined;
}

function runNvim(cwd: string, out: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('nvim', ['--headless', '--clean', '-u', path.join(FIXTURES, 'neovim', 'check.lua')], {
      cwd,
      env: {
        ...process.env,
        TRAIL_LINT_SERVER: SERVER_JS,
        TRAIL_LINT_OUT: out,
        TRAIL_LINT_FILES: 'trail.yaml,trail.json,main.tf',
        TRAIL_LINT_FIX: 'CT001',
      },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('Neovim as the LSP client', function () {
  this.timeout(150_000);
  const missing = nvimMissing();
  let dir: string;

  before(function () {
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    dir = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-nvim-'));
    writeFileSync(path.join(dir, 'trail.yaml'), YAML);
    writeFileSync(path.join(dir, 'trail.json'), JSON_TEMPLATE);
    writeFileSync(path.join(dir, 'main.tf'), TF);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sees the findings of YAML, JSON and Terraform, and applies the preferred quick-fix', async () => {
    const out = path.join(dir, 'seen.json');
    assert.equal(await runNvim(dir, out), 0);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as Seen;
    assert.equal(seen.error, undefined);
    const byFile = new Map(seen.files.map((f) => [f.file, f]));
    const expected: [string, string, number][] = [
      ['trail.yaml', 'Set IsMultiRegionTrail to true', 5],
      ['trail.json', 'Set IsMultiRegionTrail to true', 7],
      ['main.tf', 'Set is_multi_region_trail to true', 3],
    ];
    for (const [file, title, line] of expected) {
      const f = byFile.get(file);
      assert.ok(f?.arrived, `${file}: no diagnostics arrived`);
      const ct001 = f.diagnostics.find((d) => d.code === 'CT001');
      assert.deepEqual(ct001, { code: 'CT001', line, source: 'trail-lint' }, file);
      assert.equal(f.actions?.[0], title, file);
      assert.equal(f.applied, title, file);
      assert.equal(f.gone, true, `${file}: CT001 is still there after the fix`);
      assert.ok(!f.after?.some((d) => d.code === 'CT001'), file);
    }
    assert.equal(
      byFile.get('trail.yaml')?.text,
      YAML.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true').trimEnd(),
    );
    assert.equal(
      byFile.get('main.tf')?.text,
      TF.replace('is_multi_region_trail      = false', 'is_multi_region_trail      = true').trimEnd(),
    );
  });
});
