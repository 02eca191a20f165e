// Edits inside one block: set attributes (replace a value, or insert `name = value` lines into the
// attributes at the block's top, aligned), remove one, add a nested block at the end. Every edit is a whole
// line or a value's own span, so the text around it stays byte for byte.
import type { HclBlock, HclExpr } from '../source/hcl';
import { attrEntry, insertLines } from './hcl-align';
import type { EditSet } from './hcl-edits';
import type { Located } from './hcl-module';
import { alignedLines, formatHcl, type Resolved } from './hcl-render';
import { sourceText, type SourceText } from './hcl-text';

/** Roots of references whose value the module does not fix here: replacing them would lose intent. */
const INDIRECT = new Set(['var', 'local', 'module', 'data', 'each', 'count', 'self', 'path', 'terraform']);

/**
 * Whether an existing value may be replaced: literals, resource references and what is built of them.
 * A variable, a call (`file()`), a conditional or a for-expression says something a fix cannot see through.
 */
export function editable(e: HclExpr): boolean {
  switch (e.kind) {
    case 'literal':
      return true;
    case 'reference':
      return !INDIRECT.has(e.path[0] ?? '');
    case 'template':
      return e.parts.every((p) => typeof p === 'string' || editable(p));
    case 'tuple':
      return e.items.every(editable);
    case 'object':
      return e.entries.every((x) => x.key !== undefined && editable(x.value));
    default:
      return false;
  }
}

/** The indentation of a block's contents: what its attributes or nested blocks use, else two more. */
export function bodyIndent(t: SourceText, block: HclBlock): string {
  const first = [...block.body.attributes, ...block.body.blocks].sort((a, b) => a.start - b.start)[0];
  if (first && t.startsLine(first.start)) return t.indent(first.start);
  return t.indent(block.start) + '  ';
}

/** The `}` of a block, when it stands on a line of its own (the only layout lines can be added before). */
function closingLine(t: SourceText, block: HclBlock): number | undefined {
  const close = block.end - 1;
  if (t.text[close] !== '}' || t.sameLine(block.start, close)) return undefined;
  return t.text.slice(t.lineStart(close), close).trim() === '' ? t.lineStart(close) : undefined;
}

/** `x {}` written on one line, with nothing inside: the body can be opened. */
function emptyOneLine(t: SourceText, block: HclBlock): number | undefined {
  const close = block.end - 1;
  if (t.text[close] !== '}' || !t.sameLine(block.start, close)) return undefined;
  const open = t.text.lastIndexOf('{', close);
  return open > block.start && t.text.slice(open + 1, close).trim() === '' ? open + 1 : undefined;
}

/** Sets attributes: values replaced where written (when they can be), the rest inserted together. */
export function setAttributes(edits: EditSet, at: Located, items: readonly [string, Resolved][]): boolean {
  const t = sourceText(at.file);
  const missing: [string, Resolved][] = [];
  for (const [name, value] of items) {
    const a = at.block.body.attributes.find((x) => x.name === name);
    if (!a) {
      missing.push([name, value]);
      continue;
    }
    if (!editable(a.value)) return false;
    const text = formatHcl(value, t.indent(a.start));
    if (t.text.slice(a.value.start, a.value.end) !== text)
      edits.add(at.file, a.value.start, a.value.end, text);
  }
  return missing.length === 0 || insertAttributes(edits, at, missing);
}

/**
 * Inserts attributes after the last attribute of those at the block's top (before its nested blocks), or
 * at the end of a block that has none.
 */
export function insertAttributes(edits: EditSet, at: Located, items: readonly [string, Resolved][]): boolean {
  const t = sourceText(at.file);
  const { block } = at;
  const indent = bodyIndent(t, block);
  const lines = items.map(([k, v]): [string, string] => [k, formatHcl(v, indent)]);
  const firstNested = Math.min(...block.body.blocks.map((b) => b.start));
  const attrs = block.body.attributes;
  const top = attrs.filter((a) => a.start < firstNested);
  const anchor = top[top.length - 1] ?? attrs[attrs.length - 1];
  const entries = attrs.map(attrEntry);
  if (anchor) {
    if (!t.ownsLines(anchor) || t.sameLine(anchor.end, block.end - 1)) return false;
    insertLines(at.file, edits, entries, attrEntry(anchor), t.nextLine(anchor.end), lines, indent);
    return true;
  }
  const open = emptyOneLine(t, block);
  if (open !== undefined) {
    edits.add(at.file, open, block.end - 1, '\n' + alignedLines(lines, indent) + t.indent(block.start));
    return true;
  }
  const close = closingLine(t, block);
  if (close === undefined) return false;
  insertLines(
    at.file,
    edits,
    entries,
    undefined,
    close,
    lines,
    indent,
    blankBefore(t, block, close, 'attribute') ? '\n' : '',
  );
  return true;
}

/**
 * Whether what is added at the end of a block follows a blank line: an attribute after a nested block
 * always does; a nested block does when the block's nested blocks are set apart that way, or when it
 * follows attributes only. Never twice, never right after the header.
 */
function blankBefore(t: SourceText, block: HclBlock, close: number, adding: 'attribute' | 'block'): boolean {
  const previous = t.previousLine(close);
  if (previous === undefined || t.isBlank(previous) || t.sameLine(previous, block.start)) return false;
  const nested = block.body.blocks[block.body.blocks.length - 1];
  if (!nested) return block.body.attributes.length > 0;
  if (adding === 'attribute') return true;
  const beforeNested = t.previousLine(nested.start);
  return beforeNested !== undefined && t.isBlank(beforeNested);
}

/** Removes an attribute's lines; an absent attribute is already removed. */
export function removeAttribute(edits: EditSet, at: Located, name: string): boolean {
  const t = sourceText(at.file);
  const a = at.block.body.attributes.find((x) => x.name === name);
  if (!a) return true;
  if (!t.ownsLines(a) || t.sameLine(a.end, at.block.end - 1)) return false;
  edits.add(at.file, t.lineStart(a.start), t.nextLine(a.end), '');
  return true;
}

/** Adds a nested block (rendered by `render` at the body's indentation) at the end of a block. */
export function addNestedBlock(edits: EditSet, at: Located, render: (indent: string) => string): boolean {
  const t = sourceText(at.file);
  const indent = bodyIndent(t, at.block);
  const open = emptyOneLine(t, at.block);
  if (open !== undefined) {
    edits.add(
      at.file,
      open,
      at.block.end - 1,
      '\n' + indent + render(indent) + '\n' + t.indent(at.block.start),
    );
    return true;
  }
  const close = closingLine(t, at.block);
  if (close === undefined) return false;
  const blank = blankBefore(t, at.block, close, 'block') ? '\n' : '';
  edits.add(at.file, close, close, blank + indent + render(indent) + '\n');
  return true;
}
