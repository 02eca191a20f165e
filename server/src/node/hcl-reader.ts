// Loading the Terraform grammar: web-tree-sitter's runtime and the grammar are WebAssembly files, read once
// per process (asynchronously, as WebAssembly must be compiled). After that, reading a file is synchronous,
// so the engine's lint stays one synchronous call. The files sit next to the bundle in dist/ (copied there
// by scripts/esbuild.mjs) or, when running from source, in node_modules.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { readHcl, type HclFile, type SkipBody } from '../engine/source/hcl';

export interface HclReader {
  read: (text: string, skipBody?: SkipBody) => HclFile;
}

const RUNTIME = 'web-tree-sitter.wasm';
const GRAMMAR = 'tree-sitter-terraform.wasm';

let loading: Promise<HclReader> | undefined;

/**
 * Where the .wasm files are by default: next to this code when it runs as the bundle (dist/trail-lint.js,
 * which ships without node_modules); undefined when it runs compiled from source (out/…), which resolves
 * them from node_modules instead.
 */
export function defaultWasmDir(): string | undefined {
  return existsSync(path.join(__dirname, RUNTIME)) ? __dirname : undefined;
}

/** The reader, loaded on first use; `wasmDir` holds both .wasm files (default: {@link defaultWasmDir}). */
export function loadHclReader(wasmDir?: string): Promise<HclReader> {
  loading ??= load(wasmDir ?? defaultWasmDir());
  return loading;
}

async function load(wasmDir: string | undefined): Promise<HclReader> {
  const runtime = wasmDir ? path.join(wasmDir, RUNTIME) : require.resolve(`web-tree-sitter/${RUNTIME}`);
  const grammar = wasmDir
    ? path.join(wasmDir, GRAMMAR)
    : require.resolve(`@tree-sitter-grammars/tree-sitter-hcl/${GRAMMAR}`);
  await Parser.init({ locateFile: () => runtime });
  const language = await Language.load(grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    read(text: string, skipBody?: SkipBody): HclFile {
      const tree = parser.parse(text);
      if (!tree) return { body: { attributes: [], blocks: [] }, comments: [], problems: [] };
      // The tree lives in WebAssembly memory: read it into plain objects, then free it.
      try {
        return readHcl(tree.rootNode, text, skipBody);
      } finally {
        tree.delete();
      }
    },
  };
}
