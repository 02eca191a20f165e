// Where the repository is, from compiled tests in out/test/… as well as from anywhere else.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'trail-lint')
      return dir;
  }
  throw new Error(`trail-lint repository not found above ${from}`);
}

export const ROOT = findRoot(__dirname);
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const CLI = path.join(ROOT, 'dist', 'trail-lint.js');
