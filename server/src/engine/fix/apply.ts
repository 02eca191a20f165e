// From a fix intent to the edits of the file it belongs to: the writer of that file's syntax is chosen here,
// and nowhere else. CDK output is generated and plans are Terraform's own output: neither is edited.
import type { Format } from '../model/types';
import type { HclFile } from '../source/hcl';
import { isJsonText } from '../source/json-parse';
import { hclFixEdits } from './hcl';
import { difference } from './diff';
import { applyEdits, type FileEdit, type FixIntent } from './intents';
import { jsonFixEdits } from './json';
import { excerptFixEdits } from './json-excerpt';
import { tfJsonFixEdits } from './tf-json';
import type { WriterMemo } from './writer-memo';
import { yamlFixEdits } from './yaml';

export interface FixTarget {
  /** The file of the finding. */
  file: string;
  format: Format | undefined;
  /** Every file a fix may edit: the template alone, or each file of a Terraform module. */
  texts: ReadonlyMap<string, string>;
  /** Terraform: reads HCL (the grammar is loaded node-side). */
  readHcl?: (text: string) => HclFile;
  /** Shares the writers' reading of a text between the fixes asked of it (fix-all, one code-action request). */
  memo?: WriterMemo;
  /**
   * Fix-all: a CloudFormation JSON fix is worked out on an excerpt of the resources it touches
   * (fix/json-excerpt.ts), not on the whole text, so that a pass of a thousand fixes parses a large
   * template once. The edits are the same; quick fixes keep to the whole text.
   */
  excerpts?: boolean;
}

export function intentEdits(intent: FixIntent, target: FixTarget): FileEdit[] | undefined {
  const excerpt = target.excerpts ? excerptEdits(intent, target) : undefined;
  if (excerpt) return excerpt.edits;
  if (intent.kind === 'add-resources' && intent.resources.length === 0)
    return batchEdits(intent.then, target);
  return writerEdits(intent, target);
}

/**
 * A batch applies its changes one after the other, each against the text the previous one left (two
 * changes may need the same new map), and hands out one edit per changed file.
 */
function batchEdits(intents: readonly FixIntent[], target: FixTarget): FileEdit[] | undefined {
  const texts = new Map(target.texts);
  let changed = false;
  for (const intent of intents) {
    // The memo keeps one text per writer: the batch's passing texts would push out the one the other fixes
    // of the request read.
    const edits = intentEdits(intent, { ...target, texts, memo: changed ? undefined : target.memo });
    if (!edits) return undefined;
    for (const [file, text] of texts) {
      const own = edits.filter((e) => e.file === file);
      if (own.length > 0) texts.set(file, applyEdits(text, own));
    }
    changed ||= edits.length > 0;
  }
  return [...texts]
    .filter(([file, text]) => target.texts.get(file) !== text)
    .map(([file, text]) => difference(file, target.texts.get(file) ?? '', text));
}

function excerptEdits(intent: FixIntent, target: FixTarget): { edits: FileEdit[] | undefined } | undefined {
  const text = target.texts.get(target.file);
  if (text === undefined || target.format !== 'cloudformation' || !isJsonText(text)) return undefined;
  return excerptFixEdits(target.file, text, intent, target.memo);
}

function writerEdits(intent: FixIntent, target: FixTarget): FileEdit[] | undefined {
  const text = target.texts.get(target.file);
  if (text === undefined) return undefined;
  if (target.format === 'terraform') {
    if (/\.tf\.json$/i.test(target.file)) return tfJsonFixEdits(target.texts, intent);
    const read = target.readHcl;
    if (!read || !isHclFile(target.file)) return undefined;
    const files = [...target.texts]
      .filter(([file]) => isHclFile(file))
      .map(([file, t]) => ({ file, text: t, hcl: read(t) }));
    return hclFixEdits(files, intent, target.file);
  }
  if (target.format !== 'cloudformation') return undefined;
  return isJsonText(text)
    ? jsonFixEdits(target.file, text, intent, undefined, undefined, target.memo)
    : yamlFixEdits(target.file, text, intent, target.memo);
}

/** `.tf` files, and buffers the editor calls Terraform under another name (read as `<uri>#.tf`). */
function isHclFile(file: string): boolean {
  return /\.tf$/i.test(file);
}
