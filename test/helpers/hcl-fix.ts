// Running the Terraform fix writer over a module given as text, for the fix tests: the edits, the files
// after them, and a check that every edited file still reads without syntax problems.
import { strict as assert } from 'node:assert';
import type { HclAttribute, HclBlock, HclFile } from '../../server/src/engine/source/hcl';
import { hclFixEdits } from '../../server/src/engine/fix/hcl';
import { applyEdits, type FileEdit, type FixIntent } from '../../server/src/engine/fix/intents';
import type { HclReader } from '../../server/src/node/hcl-reader';

export interface Fixed {
  edits: FileEdit[];
  /** Every file after the edits (unchanged files too). */
  files: Record<string, string>;
}

/** The fix of `intent` over `module` (file name → text); the first file is home unless said. */
export function runFix(
  reader: HclReader,
  module: Record<string, string>,
  intent: FixIntent,
  home = Object.keys(module)[0] ?? 'main.tf',
): Fixed | undefined {
  const files = Object.entries(module).map(([file, text]) => ({ file, text, hcl: reader.read(text) }));
  const edits = hclFixEdits(files, intent, home);
  if (!edits) return undefined;
  const out: Record<string, string> = {};
  for (const [file, text] of Object.entries(module)) {
    out[file] = applyEdits(
      text,
      edits.filter((e) => e.file === file),
    );
    assert.deepEqual(reader.read(out[file]).problems, [], `${file} reads after the fix:\n${out[file]}`);
  }
  return { edits, files: out };
}

/** The text of a single-file fix; fails when the writer declines. */
export function fixed(reader: HclReader, text: string, intent: FixIntent): string {
  const result = runFix(reader, { 'main.tf': text }, intent);
  assert.ok(result, 'the writer gives edits');
  return result.files['main.tf'] as string;
}

/** A top-level block by its labels. */
export function blockOf(file: HclFile, ...labels: string[]): HclBlock {
  const found = file.body.blocks.find((b) => labels.every((l, i) => b.labels[i] === l));
  assert.ok(found, `block ${labels.join('.')}`);
  return found;
}

export function attrOf(block: HclBlock, name: string): HclAttribute {
  const found = block.body.attributes.find((a) => a.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

export const common = { title: 'Fix', preferred: true, safe: true };
