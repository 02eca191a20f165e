// Security properties that can be read off the code and the shipped bundles: nothing runs code it did not
// ship (no eval, no new Function, no require or import of a computed path), and nothing of ours starts a
// process. What third-party code in the bundles can start is pinned here, with why it is acceptable.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/paths';

const BUNDLES = ['dist/trail-lint.js', 'dist/live.js', 'dist/extension.js'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const OUR_SOURCES = [
  ...sourceFiles(path.join(ROOT, 'server', 'src')),
  ...sourceFiles(path.join(ROOT, 'client', 'src')),
];

/** Lines of `text` that match, as `file:line: text` for a readable failure. */
function matches(file: string, text: string, pattern: RegExp): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      pattern.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
    );
}

describe('security: what the code can run', () => {
  it('ships bundles without eval or new Function', () => {
    for (const bundle of BUNDLES) {
      const text = readFileSync(path.join(ROOT, bundle), 'utf8');
      assert.deepEqual(matches(bundle, text, /\beval\s*\(|\bnew\s+Function\s*\(/), [], bundle);
    }
  });

  it('never evaluates code, starts a process or loads a module by a computed name in its own sources', () => {
    const found = OUR_SOURCES.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [
        ...matches(file, text, /\beval\s*\(|\bnew\s+Function\s*\(/),
        ...matches(file, text, /['"](?:node:)?(?:child_process|vm|worker_threads)['"]/),
        // require(x) / import(x) with anything but a string literal could load a file from the workspace.
        ...matches(file, text, /\brequire\s*\(\s*[^'"\s)]/),
        ...matches(file, text, /\bimport\s*\(\s*[^'"\s)]/),
      ];
    });
    assert.deepEqual(found, []);
  });

  it('starts processes only where third-party code must, each for a known reason', () => {
    // vscode-languageclient (extension.js) starts the bundled server; vscode-languageserver's `files` helper
    // (trail-lint.js) can ask npm/yarn for global module paths, which trail-lint never calls; the AWS SDK's
    // `credential_process` support (live.js) runs the command the user's own ~/.aws/config names for a
    // profile, as the AWS CLI does. Nothing else may require child_process.
    const expected: Record<string, number> = {
      'dist/extension.js': 2,
      'dist/trail-lint.js': 1,
      'dist/live.js': 1,
    };
    for (const bundle of BUNDLES) {
      const text = readFileSync(path.join(ROOT, bundle), 'utf8');
      const count = text.match(/require\("(?:node:)?child_process"\)/g)?.length ?? 0;
      assert.equal(count, expected[bundle], `${bundle}: child_process required ${count} times`);
    }
  });

  it('loads the AWS SDK only in the live reader bundle, so that linting never parses it', () => {
    const server = readFileSync(path.join(ROOT, 'dist', 'trail-lint.js'), 'utf8');
    assert.equal(/@aws-sdk\/client-/.test(server), false, 'dist/trail-lint.js bundles an AWS SDK client');
    assert.match(readFileSync(path.join(ROOT, 'dist', 'live.js'), 'utf8'), /@aws-sdk\/client-cloudtrail/);
  });
});
