// Bundles the extension client and the trail-lint executable (CLI + language server) with esbuild.
// `--production` minifies and drops source maps (what ships in the .vsix); the default keeps maps.
import { chmodSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  define: { TRAIL_LINT_VERSION: JSON.stringify(version) },
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/trail-lint.js' }),
]);
chmodSync('dist/trail-lint.js', 0o755);
