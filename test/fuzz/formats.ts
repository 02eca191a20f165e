// The inputs the fuzzer mutates and how the engine is run on each, format by format, the way the edges run
// it: the CLI's choice between a plan and a template for `.json`, one Terraform module per `.tf` file, and,
// for templates, sometimes the editor's incremental route (a DocumentCache primed with the unmutated seed).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentCache, lintDocument, type LintResult } from '../../server/src/engine/lint';
import { lintTerraform } from '../../server/src/engine/lint-terraform';
import { isPlanJson } from '../../server/src/engine/terraform/read-plan';
import type { HclReader } from '../../server/src/node/hcl-reader';
import { ROOT } from '../helpers/paths';

export const FORMATS = ['yaml', 'json', 'cdk', 'hcl', 'tfjson', 'plan'] as const;
export type FuzzFormat = (typeof FORMATS)[number];

/** The name the engine sees: the extension decides the reader, as in the CLI. */
export const FILE_NAME: Record<FuzzFormat, string> = {
  yaml: 'template.yaml',
  json: 'template.json',
  cdk: 'Stack.template.json',
  hcl: 'main.tf',
  tfjson: 'main.tf.json',
  plan: 'tfplan.json',
};

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function formatOf(file: string, text: string): FuzzFormat | undefined {
  const base = path.basename(file);
  if (base.startsWith('.trail-lint.') || file.includes(`${path.sep}fuzz${path.sep}`)) return undefined;
  if (/\.tf$/.test(base)) return 'hcl';
  if (/\.tf\.json$/.test(base)) return 'tfjson';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (!/\.json$/.test(base)) return undefined;
  if (isPlanJson(text)) return 'plan';
  return /\.template\.json$/.test(base) ? 'cdk' : 'json';
}

let cached: Map<FuzzFormat, string[]> | undefined;

/** Every valid input of the repository's fixtures and examples, by format, deduplicated, in a stable order. */
export function seeds(): Map<FuzzFormat, string[]> {
  if (cached) return cached;
  const byFormat = new Map<FuzzFormat, Set<string>>(FORMATS.map((f) => [f, new Set()]));
  const files = [...walk(path.join(ROOT, 'test', 'fixtures')), ...walk(path.join(ROOT, 'examples'))].sort();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const format = formatOf(file, text);
    if (format) byFormat.get(format)?.add(text);
  }
  cached = new Map([...byFormat].map(([f, texts]) => [f, [...texts]]));
  return cached;
}

export interface EngineRun {
  results: LintResult[];
  /** Time of the lint of `text` alone (not of priming the cache). */
  ms: number;
}

/** Runs the engine on one text as the CLI (or, with `primeWith`, the language server) would. */
export function runEngine(
  format: FuzzFormat,
  text: string,
  reader: HclReader,
  primeWith?: string,
): EngineRun {
  const file = FILE_NAME[format];
  if (format === 'hcl' || format === 'tfjson' || (format === 'plan' && isPlanJson(text))) {
    const start = performance.now();
    const results = lintTerraform({
      files: [{ file, text }],
      readHcl: reader.read,
      readFile: () => undefined,
    });
    return { results: [...results.values()], ms: performance.now() - start };
  }
  let cache: DocumentCache | undefined;
  if (primeWith !== undefined) {
    cache = new DocumentCache();
    lintDocument({ file, text: primeWith }, {}, cache);
  }
  const start = performance.now();
  const result = lintDocument({ file, text }, {}, cache);
  return { results: [result], ms: performance.now() - start };
}
