// What the .vsix would contain, asked of vsce itself, the paths the manifest points at, and the Terraform
// reader's WebAssembly shipped next to the bundle.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

describe('extension package', () => {
  it('contains only the bundles and their WebAssembly, the grammar, the icon, README and LICENSE', () => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const out = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.deepEqual(
      out
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .sort(),
      [
        'LICENSE',
        'README.md',
        'dist/extension.js',
        'dist/live.js',
        'dist/trail-lint.js',
        'dist/tree-sitter-terraform.wasm',
        'dist/web-tree-sitter.wasm',
        'images/icon.png',
        'package.json',
        'syntaxes/cloudformation.injection.tmLanguage.json',
      ],
    );
  });

  it('points only at files that exist, and declares the CLI', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      main: string;
      icon: string;
      bin: Record<string, string>;
      contributes: { grammars: { path: string }[]; commands: { command: string }[] };
    };
    for (const file of [
      pkg.main,
      pkg.icon,
      pkg.bin['trail-lint'],
      ...pkg.contributes.grammars.map((g) => g.path),
    ]) {
      assert.ok(file && existsSync(path.join(ROOT, file)), `${file} is missing`);
    }
    assert.deepEqual(
      pkg.contributes.commands.map((c) => c.command),
      [
        'trailLint.checkLiveAccount',
        'trailLint.exportLiveReport',
        'trailLint.openInConsole',
        'trail-lint.showDocumentation',
      ],
    );
  });

  it('activates on Terraform, and gives .tf files the terraform language without another extension', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      activationEvents: string[];
      contributes: { languages?: { id: string; extensions?: string[] }[] };
    };
    for (const event of ['onLanguage:terraform', 'workspaceContains:**/*.tf']) {
      assert.ok(pkg.activationEvents.includes(event), `activationEvents lacks ${event}`);
    }
    const terraform = pkg.contributes.languages?.find((l) => l.id === 'terraform');
    assert.deepEqual(terraform?.extensions, ['.tf']);
  });

  it('reads Terraform with the WebAssembly in dist/ alone', () => {
    // A fresh process: the reader is loaded once per process, so in this one an earlier test may already have
    // loaded it from node_modules, and the files in dist/ would go untested.
    const reader = require.resolve('../../server/src/node/hcl-reader');
    const script = `
      require(${JSON.stringify(reader)})
        .loadHclReader(${JSON.stringify(path.join(ROOT, 'dist'))})
        .then((r) => {
          const { body, problems } = r.read('resource "aws_cloudtrail" "t" { name = "x" }');
          console.log(JSON.stringify({ blocks: body.blocks.map((b) => [b.type, ...b.labels]), problems }));
        });`;
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { blocks: [['resource', 'aws_cloudtrail', 't']], problems: [] });
  });
});

describe('extension manifest: trust', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: boolean | string } };
    contributes: { configuration: { properties: Record<string, unknown> } };
  };

  it('lints in Restricted Mode, since it never runs anything from the workspace', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  });

  it('has no setting a workspace could use to pick credentials, an account or an endpoint', () => {
    // Such a setting would have to be a restrictedConfiguration (user settings only in an untrusted folder):
    // the live check takes its profile from a picker and its endpoint from the environment instead.
    const risky = Object.keys(pkg.contributes.configuration.properties).filter((k) =>
      /profile|credential|endpoint|region|account|role/i.test(k),
    );
    assert.deepEqual(risky, []);
  });
});
