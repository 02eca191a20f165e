// How a YAML file is laid out, read from its text: line ends, the indentation step, how far block sequences
// sit right of their key, and the small position helpers (columns, line starts and ends) that let writers
// insert text in the file's own style without re-printing anything around it. Shared by the fix writer
// (fix/yaml.ts) and the suppression editor (suppress/edit-yaml.ts).
import type { MapNode, ScalarNode, SeqNode, SourceNode } from '../source/node';

export interface Style {
  eol: string;
  /** Spaces per nesting level, as the file is written. */
  step: number;
  /** How far a block sequence's dash sits right of its key (0 when the file writes `key:\n- item`). */
  seqIndent: number;
}

/** A text edit in offsets of the text as read (FileEdit without its file). */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export function lineStart(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
}

/** The end of the line holding the character just before `offset` (a node's end is exclusive). */
export function lineEnd(text: string, offset: number): number {
  let i = Math.max(0, offset);
  if (i > 0 && text[i - 1] === '\n') return i - (text[i - 2] === '\r' ? 2 : 1);
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** The offset just past the line break at `offset` (a line's end), or `offset` itself at the end of text. */
export function pastLineBreak(text: string, offset: number): number {
  if (text.startsWith('\r\n', offset)) return offset + 2;
  return text[offset] === '\n' || text[offset] === '\r' ? offset + 1 : offset;
}

/** Whether only spaces precede `offset` on its line (a block key, not one that follows `- ` or `key: `). */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The offset just past the `:` that follows a block or flow key. */
export function afterColon(text: string, key: ScalarNode): number {
  const colon = text.indexOf(':', key.end);
  return colon < 0 ? key.end : colon + 1;
}

export function isFlow(text: string, node: SourceNode): boolean {
  return (
    (node.kind === 'map' || node.kind === 'seq') && (text[node.start] === '{' || text[node.start] === '[')
  );
}

export function isNullScalar(node: SourceNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

/** The file's habit for block sequences under a key: the first `key:` line followed by a `- ` line decides. */
export function sequenceIndent(text: string): number {
  const match = /^( *)[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- /m.exec(text);
  if (!match) return 2;
  return Math.max(0, (match[2] as string).length - (match[1] as string).length);
}

/** Inserts `add` as the last entry of a flow collection: after its last child, or inside an empty one. */
export function flowInsert(node: MapNode | SeqNode, add: string): TextChange {
  const last = node.kind === 'map' ? node.entries.at(-1) : undefined;
  const lastEnd = node.kind === 'map' ? last && (last.value ?? last.key).end : node.items.at(-1)?.end;
  if (lastEnd !== undefined) return { start: lastEnd, end: lastEnd, newText: `, ${add}` };
  return { start: node.start + 1, end: node.start + 1, newText: ` ${add} ` };
}
