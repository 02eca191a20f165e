// Loading the Terraform grammar: web-tree-sitter's runtime and the grammar are WebAssembly files, read once
// per process (asynchronously, as WebAssembly must be compiled). After that, reading a file is synchronous,
// so the engine's lint stays one synchronous call. The files sit next to the bundle in dist/ (copied there
// by scripts/esbuild.mjs) or, when running from source, in node_modules.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { readHcl, type HclFile, type SkipBody } from '../engine/source/hcl';
import { joinRest, unreadBlock, withCommentsAbove } from '../engine/source/hcl-swallowed';

export interface HclReader {
  read: (text: string, skipBody?: SkipBody) => HclFile;
}

const RUNTIME = 'web-tree-sitter.wasm';
const GRAMMAR = 'tree-sitter-terraform.wasm';

let loading: Promise<HclReader> | undefined;

/** How many times one read parses the rest of a file again after a swallowed block. */
const MAX_REREADS = 4;

/** `text` from `from` on, parsed and read (tree-sitter's included range keeps every offset as in `text`). */
function readFrom(parser: Parser, text: string, from: number, skipBody: SkipBody | undefined): HclFile {
  const parse = (source: string): Tree | null =>
    from === 0
      ? parser.parse(source)
      : parser.parse(source, null, {
          includedRanges: [
            {
              startIndex: from,
              endIndex: source.length,
              // Rows and columns are not read back; the indexes say where.
              startPosition: { row: 0, column: 0 },
              endPosition: { row: 0, column: 0 },
            },
          ],
        });
  let tree = parse(text);
  // The grammar reads `1e3` (an exponent without a decimal point, valid HCL) as `1` and then junk. Parsed
  // again with such numbers masked as digits of the same length, the tree has the file's real shape; the
  // reader takes every value from the text itself, where the number is whole.
  const masked = tree?.rootNode.hasError && EXPONENT.test(text) ? maskExponents(tree.rootNode, text) : text;
  if (masked !== text) {
    tree?.delete();
    tree = parse(masked);
  }
  if (!tree) return { body: { attributes: [], blocks: [] }, comments: [], problems: [] };
  // The tree lives in WebAssembly memory: read it into plain objects, then free it.
  try {
    return readHcl(tree.rootNode, text, skipBody, from);
  } finally {
    tree.delete();
  }
}

const EXPONENT = /[0-9][eE][-+]?[0-9]/;

/** `text` with each number the grammar cut before its exponent (`1e3`, `2E-7`) turned into zeros. */
function maskExponents(root: Node, text: string): string {
  let out = text;
  for (const n of root.descendantsOfType('numeric_lit')) {
    const rest = n ? /^[eE][-+]?[0-9]+/.exec(text.slice(n.endIndex, n.endIndex + 40)) : null;
    if (!n || !rest) continue;
    const end = n.endIndex + rest[0].length;
    out = out.slice(0, n.startIndex) + '1'.padEnd(end - n.startIndex, '0') + out.slice(end);
  }
  return out;
}

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
      const file = readFrom(parser, text, 0, skipBody);
      // An error above swallowed the blocks below it: the rest of the file is read on its own (a few
      // times at most: each one is a parse of what is left).
      for (let round = 0; file.swallowed !== undefined && round < MAX_REREADS; round++) {
        const at = withCommentsAbove(text, file.swallowed);
        joinRest(file, readFrom(parser, text, at, skipBody), at);
      }
      if (file.swallowed !== undefined) file.problems.push(unreadBlock(text, file.swallowed));
      return file;
    },
  };
}
