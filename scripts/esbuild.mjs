// Bundles the extension client and the trail-lint executable (CLI + language server) with esbuild.
// `--production` minifies and drops source maps (what ships in the .vsix); the default keeps maps.
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const require = createRequire(import.meta.url);

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
  // web-tree-sitter's ESM build calls createRequire(import.meta.url), and import.meta is empty in a CJS
  // bundle, so it would throw on first use; its CJS build (what require resolves to) bundles cleanly.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
};

// The live check's reader (server/src/live/reader.ts, with the AWS SDK) is a bundle of its own, loaded by
// the first live check: linting templates never parses it. Its dynamic imports resolve to dist/live.js.
const LIVE_READER = /^\.\.\/live\/reader\.js$/;
const liveReaderExternal = {
  name: 'live-reader-external',
  setup(build) {
    build.onResolve({ filter: LIVE_READER }, () => ({ path: './live.js', external: true }));
  },
};

// web-tree-sitter's Emscripten loader can `eval` JavaScript that a side module (a grammar .wasm) embeds as
// EM_ASM/EM_JS strings. The only grammar trail-lint loads is the one it ships, which embeds none, so those
// paths are dead code; replacing them keeps every eval out of the bundle (a security test checks the
// bundles), and a grammar that did embed code would fail loudly instead of running it.
const EMSCRIPTEN_EVAL = 'eval(func)';
const noEmbeddedJs = {
  name: 'no-embedded-js',
  setup(build) {
    build.onLoad({ filter: /web-tree-sitter[\\/]web-tree-sitter\.cjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const count = source.split(EMSCRIPTEN_EVAL).length - 1;
      // A new web-tree-sitter that changed these lines must be looked at again, not bundled blindly.
      if (count !== 2) throw new Error(`web-tree-sitter: expected 2 '${EMSCRIPTEN_EVAL}', found ${count}`);
      const refuse = `(() => { throw new Error('trail-lint does not run JavaScript embedded in a grammar'); })()`;
      return { contents: source.replaceAll(EMSCRIPTEN_EVAL, refuse), loader: 'js' };
    });
  },
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/trail-lint.js',
    plugins: [liveReaderExternal, noEmbeddedJs],
  }),
  esbuild.build({ ...common, entryPoints: ['server/src/live/reader.ts'], outfile: 'dist/live.js' }),
]);
chmodSync('dist/trail-lint.js', 0o755);

// The Terraform reader's WebAssembly (web-tree-sitter's runtime and the grammar) cannot be bundled as
// JavaScript; it ships next to the bundle, where server/src/node/hcl-reader.ts looks for it first.
for (const wasm of [
  'web-tree-sitter/web-tree-sitter.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
]) {
  copyFileSync(require.resolve(wasm), path.join('dist', path.basename(wasm)));
}
