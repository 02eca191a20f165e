// Removes compiled files in out/ whose TypeScript source no longer exists, so a deleted test can never
// keep running as a phantom (tsc -b leaves old outputs behind).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'out');

function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      walk(full);
      continue;
    }
    const match = /^(.*)\.(js|js\.map|d\.ts|d\.ts\.map)$/.exec(name);
    if (!match) continue;
    const source = path.join(root, path.relative(out, dir), `${match[1]}.ts`);
    if (!existsSync(source)) rmSync(full);
  }
}

walk(out);
