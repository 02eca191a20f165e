// What the .vsix would contain, asked of vsce itself, and the paths the manifest points at.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

describe('extension package', () => {
  it('contains only the bundles, the grammar, the icon, README and LICENSE', () => {
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
        'dist/trail-lint.js',
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
      ['trailLint.checkLiveAccount', 'trail-lint.showDocumentation'],
    );
  });
});
