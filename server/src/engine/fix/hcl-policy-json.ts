// Policy documents written as JSON text: a heredoc (`<<EOF … EOF`) or a quoted string. The JSON is read
// with jsonc-parser from the text as written (a heredoc keeps its text; a quoted string is unescaped with a
// map back to its source offsets), and the statement or condition goes in as JSON, escaped for its host.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { codePoint, type HclExpr } from '../source/hcl';
import type { FixPath } from './intents';
import type { EditSet, EditTarget } from './hcl-edits';
import { appendItem, insertEntry } from './hcl-lists';
import { formatJson, hclEscape, type JsonStyle, type Piece, type Resolved } from './hcl-render';
import { sourceText } from './hcl-text';

/** The JSON of a heredoc or quoted string: its text, and how offsets and new text go back to the source. */
interface JsonHost {
  text: string;
  source: (offset: number) => number;
  encode: (pieces: readonly Piece[]) => string;
  style: JsonStyle;
}

export type DocEdit =
  | { kind: 'append'; value: Resolved }
  | { kind: 'set'; value: Resolved }
  /** The item (or the scalar) that is the string `from` gives way to `value`, a list's items spliced in. */
  | { kind: 'replace'; from: string; value: Resolved };

/** Edits a JSON policy document at `path` (`['Statement']` to append to, or a path to set or replace in). */
export function editJsonDocument(
  target: EditTarget,
  edits: EditSet,
  e: HclExpr,
  path: FixPath,
  op: DocEdit,
): boolean {
  const host = jsonHost(target.text, e);
  if (!host) return false;
  const errors: ParseError[] = [];
  const root = parseTree(host.text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!root || errors.length > 0) return false;
  const found = walk(root, path);
  if (!found) return false;
  const span = (n: JsonNode): { start: number; end: number } => ({
    start: host.source(n.offset),
    end: host.source(n.offset + n.length),
  });
  const render =
    (v: Resolved) =>
    (indent: string): string =>
      host.encode(formatJson(v, indent, host.style));
  if (op.kind === 'replace') return 'node' in found && replaceJson(target, edits, host, found.node, op);
  if ('missing' in found) {
    const nested = nest(found.rest, op.value, op.kind === 'append');
    if (!nested) return false;
    const entries = (found.missing.children ?? []).map((p) => ({
      start: host.source(p.offset),
      keyEnd: host.source((p.children?.[0]?.offset ?? p.offset) + (p.children?.[0]?.length ?? 0)),
      end: host.source(p.offset + p.length),
    }));
    const key = host.encode([JSON.stringify(found.key)]);
    return insertEntry(target, edits, span(found.missing), entries, key, render(nested), 'json');
  }
  const node = found.node;
  if (op.kind === 'set') {
    const s = span(node);
    edits.add(target, s.start, s.end, render(op.value)(sourceText(target).indent(s.start)));
    return true;
  }
  if (node.type === 'array') {
    appendItem(target, edits, span(node), (node.children ?? []).map(span), render(op.value));
    return true;
  }
  if (node.type !== 'object') return false;
  // A single statement written without its list: it becomes the first item of one.
  const s = span(node);
  edits.add(target, s.start, s.start, host.encode(['[']));
  edits.add(
    target,
    s.end,
    s.end,
    host.encode([', ']) + render(op.value)(sourceText(target).indent(s.start)) + host.encode([']']),
  );
  return true;
}

/** `from` replaced in a string or an array of them; list items are spliced in the array's layout. */
function replaceJson(
  target: EditTarget,
  edits: EditSet,
  host: JsonHost,
  node: JsonNode,
  op: Extract<DocEdit, { kind: 'replace' }>,
): boolean {
  const t = sourceText(target);
  const at = (n: JsonNode): number => host.source(n.offset);
  const end = (n: JsonNode): number => host.source(n.offset + n.length);
  const render = (v: Resolved, n: JsonNode): string =>
    host.encode(formatJson(v, t.indent(at(n)), host.style));
  const isFrom = (n: JsonNode): boolean => n.type === 'string' && n.value === op.from;
  if (isFrom(node)) {
    edits.add(target, at(node), end(node), render(op.value, node));
    return true;
  }
  const item = node.type === 'array' ? node.children?.find(isFrom) : undefined;
  const items = op.value.k === 'list' ? op.value.items : [op.value];
  if (!item || items.length === 0) return false;
  const multiLine = !host.style.compact && !t.sameLine(at(node), at(item)) && t.startsLine(at(item));
  const separator = host.encode([multiLine ? ',\n' + t.indent(at(item)) : ', ']);
  edits.add(target, at(item), end(item), items.map((v) => render(v, item)).join(separator));
  return true;
}

/**
 * The value for a path that is missing from `rest` on: maps for the keys; an appended item goes in a new
 * list. An index cannot be made up.
 */
export function nest(
  rest: readonly (string | number)[],
  value: Resolved,
  list: boolean,
): Resolved | undefined {
  let v: Resolved = list ? { k: 'list', items: [value] } : value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const key = rest[i];
    if (typeof key !== 'string') return undefined;
    v = { k: 'map', entries: [[key, v]] };
  }
  return v;
}

type Walked = { node: JsonNode } | { missing: JsonNode; key: string; rest: FixPath };

function walk(node: JsonNode, path: FixPath): Walked | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return { node };
  if (typeof head === 'string') {
    if (node.type !== 'object') return undefined;
    const prop = node.children?.find((p) => p.children?.[0]?.value === head);
    const value = prop?.children?.[1];
    if (!prop) return { missing: node, key: head, rest };
    return value && walk(value, rest);
  }
  if (node.type === 'array') {
    const item = node.children?.[head];
    return item && walk(item, rest);
  }
  // A statement written as one object is the list's item 0.
  return node.type === 'object' && head === 0 ? walk(node, rest) : undefined;
}

function jsonHost(source: string, e: HclExpr): JsonHost | undefined {
  const t = sourceText({ text: source });
  if (e.kind === 'heredoc') {
    const start = t.nextLine(e.start);
    const end = t.lineStart(e.end);
    if (start > end) return undefined;
    const text = source.slice(start, end);
    return {
      text,
      source: (o) => start + o,
      encode: (pieces) =>
        pieces
          .map((p) =>
            typeof p === 'string' ? p.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : '${' + p.expr + '}',
          )
          .join(''),
      style: { unit: indentUnit(text), compact: false },
    };
  }
  if ((e.kind === 'literal' || e.kind === 'template') && source[e.start] === '"') {
    const decoded = unescapeWithMap(source, e.start + 1, e.end - 1);
    return {
      text: decoded.text,
      source: (o) => decoded.map[o] ?? e.end - 1,
      encode: (pieces) =>
        pieces.map((p) => (typeof p === 'string' ? hclEscape(p) : '${' + p.expr + '}')).join(''),
      style: { unit: '', compact: true },
    };
  }
  return undefined;
}

/** The indentation one level of the JSON adds: the first indented line's, less the first line's. */
function indentUnit(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const base = /^\s*/.exec(lines[0] ?? '')?.[0].length ?? 0;
  for (const l of lines.slice(1)) {
    const n = /^[ \t]*/.exec(l)?.[0] ?? '';
    if (n.length > base) return n.slice(base);
  }
  return '  ';
}

const ESCAPED: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * The text of a quoted HCL string between `start` and `end` with its escapes decoded, and for each decoded
 * offset the source offset it came from (interpolations are kept as written: in JSON they sit in strings).
 */
function unescapeWithMap(source: string, start: number, end: number): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  let i = start;
  while (i < end) {
    const c = source[i] as string;
    const next = source[i + 1];
    let width = 1;
    let out = c;
    if (c === '\\' && next !== undefined && next in ESCAPED) {
      out = ESCAPED[next] as string;
      width = 2;
    } else if (c === '\\' && (next === 'u' || next === 'U')) {
      const digits = next === 'u' ? 4 : 8;
      out = codePoint(source.slice(i + 2, i + 2 + digits)) ?? source.slice(i, i + 2 + digits);
      width = 2 + digits;
    } else if ((c === '$' || c === '%') && next === c && source[i + 2] === '{') {
      width = 2;
    }
    for (let k = 0; k < out.length; k++) map.push(i);
    text += out;
    i += width;
  }
  map.push(end);
  return { text, map };
}
