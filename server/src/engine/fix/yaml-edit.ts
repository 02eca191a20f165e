// The text edits behind YAML fixes: add entries to a map, fill a key that has no value, replace a value,
// remove an entry, add items to a list or turn a single value into a list. Each touches only the bytes it
// must: new lines go after the last line of what they follow, replaced values lose only their own span,
// and comments on the lines around stay where they are.
import type { MapEntry, MapNode, SeqNode, SourceNode } from '../source/node';
import { isIntrinsic, isPlainMap, type Habits } from './yaml-locate';
import {
  blockText,
  entriesText,
  entryText,
  inlineText,
  isBlock,
  itemText,
  scalarText,
  type Quote,
  type YNode,
} from './yaml-render';
import {
  afterColon,
  column,
  flowInsert,
  isFlow,
  lineEnd,
  lineStart,
  pastLineBreak,
  startsLine,
  type Style,
  type TextChange,
} from './yaml-style';

export interface YamlDoc {
  text: string;
  style: Style;
  habits: Habits;
}

/**
 * Adds entries at the end of a map (or after the line holding `after`): new lines at the siblings' column
 * in a block map, `, Key: value` in a flow map. `gap` puts a blank line before each entry.
 */
export function insertEntries(
  doc: YamlDoc,
  map: MapNode,
  entries: readonly (readonly [string, YNode])[],
  options: { after?: number; gap?: boolean } = {},
): TextChange[] {
  const { text, style } = doc;
  if (entries.length === 0) return [];
  if (isFlow(text, map)) {
    const added = entries.map(([k, v]) => `${scalarText(k, true)}: ${inlineText(v, true)}`);
    return [flowInsert(map, added.join(', '))];
  }
  const col = map.entries[0] ? column(text, map.entries[0].key.start) : column(text, map.start);
  const at = lineEnd(text, options.after ?? map.end);
  const before = options.gap ? style.eol + style.eol : style.eol;
  return [
    { start: at, end: at, newText: entries.map(([k, v]) => before + entryText(k, v, col, style)).join('') },
  ];
}

/** Gives a value to a key written without one (`Key:`, `Key: ~`, `Key: null`). */
export function fillEntry(doc: YamlDoc, e: MapEntry, parent: MapNode, y: YNode): TextChange[] {
  const { text, style } = doc;
  const flow = isFlow(text, parent);
  const colon = afterColon(text, e.key);
  const end = Math.max(colon, e.value?.end ?? colon);
  if (flow || !isBlock(y)) return [{ start: colon, end, newText: ` ${inlineText(y, flow)}` }];
  return replaceThenInsert(text, colon, end, '', style.eol + blockText(y, column(text, e.key.start), style));
}

/**
 * Replaces a value: in its own span when it stays on one line, or as lines below its key. A string written
 * with quotes keeps its quote character.
 */
export function replaceValue(
  doc: YamlDoc,
  node: SourceNode,
  e: MapEntry | undefined,
  parent: MapNode | SeqNode,
  value: YNode,
): TextChange[] {
  const { text, style } = doc;
  const flow = isFlow(text, parent);
  const y = node.kind === 'scalar' ? withQuote(value, quoteOf(text, node)) : value;
  const belowKey = e !== undefined && /[\r\n]/.test(text.slice(e.key.end, node.start));
  if (flow || !isBlock(y)) {
    const start = belowKey && e ? afterColon(text, e.key) : node.start;
    return [{ start, end: node.end, newText: (belowKey ? ' ' : '') + inlineText(y, flow) }];
  }
  if (!e) {
    // A list item: its content starts after `- `, so its keys go at that column.
    const col = column(text, node.start);
    const content = y.kind === 'map' ? entriesText(y.entries, col, style).slice(col) : inlineText(y, false);
    return [{ start: node.start, end: node.end, newText: content }];
  }
  const lines = blockText(y, column(text, e.key.start), style);
  if (belowKey && startsLine(text, node.start))
    return [{ start: lineStart(text, node.start), end: node.end, newText: lines }];
  return replaceThenInsert(text, afterColon(text, e.key), node.end, '', style.eol + lines);
}

/** Deletes an entry with its line(s); a flow entry with its comma. Undefined when that cannot be clean. */
export function removeEntry(doc: YamlDoc, map: MapNode, e: MapEntry): TextChange[] | undefined {
  const { text } = doc;
  const index = map.entries.indexOf(e);
  const end = (e.value ?? e.key).end;
  const next = map.entries[index + 1];
  const prev = map.entries[index - 1];
  if (isFlow(text, map)) {
    if (next) return [{ start: e.key.start, end: next.key.start, newText: '' }];
    return [{ start: prev ? (prev.value ?? prev.key).end : e.key.start, end, newText: '' }];
  }
  // A block map cannot be empty: its last entry leaves `{}` behind.
  if (!next && !prev) return [{ start: map.start, end: map.end, newText: '{}' }];
  // The first key of a list item shares its line with `- `: the next key moves up in its place.
  if (!startsLine(text, e.key.start))
    return next ? [{ start: e.key.start, end: next.key.start, newText: '' }] : undefined;
  const from = lineStart(text, e.key.start);
  const to = lineEnd(text, end);
  const past = pastLineBreak(text, to);
  if (past > to) return [{ start: from, end: past, newText: '' }];
  // The last line of a file without a final line break takes the break before it.
  const before = text.slice(0, from).endsWith('\r\n') ? 2 : from > 0 ? 1 : 0;
  return [{ start: from - before, end: to, newText: '' }];
}

/** Adds an item at the end of a list: a new `- ` line at the dash column, or `, item` in a flow list. */
export function appendItem(doc: YamlDoc, seq: SeqNode, y: YNode): TextChange {
  const { text, style } = doc;
  if (isFlow(text, seq)) return flowInsert(seq, inlineText(y, true));
  const dashCol = column(text, seq.start);
  const first = seq.items[0];
  const at = lineEnd(text, seq.end);
  // Items written as flow maps (`- { Effect: Allow, … }`) get a flow map too.
  if (first && isFlow(text, first) && y.kind === 'map')
    return { start: at, end: at, newText: `${style.eol}${' '.repeat(dashCol)}- ${inlineText(y, true)}` };
  const firstKey = isPlainMap(first) ? first.entries[0]?.key : undefined;
  const innerCol = firstKey ? column(text, firstKey.start) : dashCol + 2;
  return { start: at, end: at, newText: style.eol + itemText(y, dashCol, innerCol, style) };
}

/** Replaces one list item by several: one per line in a block list, comma separated in a flow list. */
export function spliceItem(doc: YamlDoc, seq: SeqNode, item: SourceNode, ys: readonly YNode[]): TextChange[] {
  const { text, style } = doc;
  const quote = quoteOf(text, item);
  const items = ys.map((y) => withQuote(y, quote));
  if (isFlow(text, seq)) {
    return [{ start: item.start, end: item.end, newText: items.map((y) => inlineText(y, true)).join(', ') }];
  }
  const [head, ...tail] = items;
  if (!head) return [];
  const dashCol = column(text, seq.start);
  const innerCol = column(text, item.start);
  const first = itemText(head, dashCol, innerCol, style).slice(innerCol);
  const rest = tail.map((y) => style.eol + itemText(y, dashCol, innerCol, style)).join('');
  return replaceThenInsert(text, item.start, item.end, first, rest);
}

/**
 * Turns a single value into a list of it and `y` (`DependsOn: A` → `[A, B]` or a block list), without
 * re-printing the old value. Undefined for intrinsics, and where the old value cannot move cleanly.
 */
export function growIntoList(
  doc: YamlDoc,
  node: SourceNode,
  e: MapEntry,
  parent: MapNode,
  y: YNode,
): TextChange[] | undefined {
  const { text, style } = doc;
  if (isIntrinsic(node) || node.kind === 'seq') return undefined;
  const written = text.slice(node.start, node.end);
  // Brackets around a plain scalar would change its meaning if it holds flow indicators.
  const wrappable = isFlow(text, node) || (node.kind === 'scalar' && !/[,[\]{}#\r\n]/.test(written));
  const flowWanted = isFlow(text, parent) || isFlow(text, node) || doc.habits.flowLists;
  if (wrappable && flowWanted) {
    return [
      { start: node.start, end: node.start, newText: '[' },
      { start: node.end, end: node.end, newText: `, ${inlineText(y, true)}]` },
    ];
  }
  if (isFlow(text, parent)) return undefined;
  const keyCol = column(text, e.key.start);
  if (node.kind === 'scalar') {
    if (/[\r\n]/.test(text.slice(e.key.end, node.end))) return undefined;
    const dashCol = keyCol + style.seqIndent;
    const at = lineEnd(text, node.end);
    return [
      { start: afterColon(text, e.key), end: node.start, newText: `${style.eol}${' '.repeat(dashCol)}- ` },
      { start: at, end: at, newText: style.eol + itemText(y, dashCol, dashCol + 2, style) },
    ];
  }
  // A block map becomes the first item by turning the two spaces before its first key into `- `.
  const col = column(text, node.start);
  if (!startsLine(text, node.start) || col - 2 < keyCol) return undefined;
  const at = lineEnd(text, node.end);
  return [
    { start: node.start - 2, end: node.start, newText: '- ' },
    { start: at, end: at, newText: style.eol + itemText(y, col - 2, col, style) },
  ];
}

/** Replaces [start, end) and inserts more at the end of that line, as one edit when they meet. */
function replaceThenInsert(
  text: string,
  start: number,
  end: number,
  replacement: string,
  insertion: string,
): TextChange[] {
  const at = lineEnd(text, end);
  if (at === end) return [{ start, end, newText: replacement + insertion }];
  const edits: TextChange[] = [];
  if (start !== end || replacement !== '') edits.push({ start, end, newText: replacement });
  if (insertion !== '') edits.push({ start: at, end: at, newText: insertion });
  return edits;
}

function quoteOf(text: string, node: SourceNode): Quote | undefined {
  if (node.kind !== 'scalar') return undefined;
  return text[node.start] === "'" ? 'single' : text[node.start] === '"' ? 'double' : undefined;
}

function withQuote(y: YNode, quote: Quote | undefined): YNode {
  return quote && y.kind === 'scalar' && typeof y.value === 'string' ? { ...y, quote } : y;
}
