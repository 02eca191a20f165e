// Adds `{ id: <rule>, reason: TODO }` to a resource's `Metadata.trail-lint.ignore` in a YAML template, by
// inserting text only: every existing byte (comments, quoting, key order) stays as it is. New blocks follow the
// file's own indentation step and its way of indenting sequences; a flow collection (`{…}`, `[…]`) on the way
// gets a flow entry instead.
import type { CfnResource } from '../cfn/template';
import { entry, type MapEntry, type MapNode, type SeqNode } from '../source/node';
import {
  column,
  flowInsert,
  isFlow,
  isNullScalar,
  lineEnd,
  lineEnding,
  sequenceIndent,
  type Style,
} from '../fix/yaml-style';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

const PATH = ['Metadata', 'trail-lint', 'ignore'] as const;

export function addIgnoreYaml(text: string, resource: CfnResource, ruleId: string): TextEdit[] | undefined {
  const body = resource.body;
  const firstKey = body.entries[0]?.key;
  if (!firstKey) return undefined;
  const bodyCol = column(text, firstKey.start);
  const style: Style = {
    eol: lineEnding(text),
    step: bodyCol > column(text, resource.key.start) ? bodyCol - column(text, resource.key.start) : 2,
    seqIndent: sequenceIndent(text),
  };
  const item = { flow: `{ id: ${ruleId}, reason: TODO }`, id: ruleId };
  let container: MapNode = body;
  for (let level = 0; level < PATH.length; level++) {
    const rest = PATH.slice(level);
    const flow = isFlow(text, container);
    const found = entry(container, PATH[level] as string);
    if (!found) {
      if (flow) return [flowInsert(container, flowText(rest, item.flow))];
      // Metadata goes right under the resource's Type; deeper keys after the map's last entry.
      const anchor = level === 0 && resource.typeEntry ? endOf(resource.typeEntry) : container.end;
      const col = column(text, (container.entries[0] as MapEntry).key.start);
      return [insertLines(text, anchor, blockLines(rest, col, item.id, style), style)];
    }
    const value = found.value;
    if (!value || isNullScalar(value)) {
      // `{ trail-lint: }` in a flow map is too odd to edit safely.
      return flow ? undefined : afterKey(text, found, PATH.slice(level + 1), item.id, style);
    }
    if (level < PATH.length - 1) {
      if (value.kind !== 'map') return undefined;
      container = value;
      continue;
    }
    if (value.kind !== 'seq') return undefined;
    return [appendItem(text, value, item, style)];
  }
  return undefined;
}

function afterKey(
  text: string,
  found: MapEntry,
  keys: readonly string[],
  id: string,
  style: Style,
): TextEdit[] {
  const edits: TextEdit[] = [];
  // `key: ~` or `key: null` must lose its null before a block can follow.
  const value = found.value;
  if (value && value.end > value.start) edits.push({ start: value.start, end: value.end, newText: '' });
  const keyCol = column(text, found.key.start);
  const lines =
    keys.length > 0
      ? blockLines(keys, keyCol + style.step, id, style)
      : itemLines(keyCol + style.seqIndent, id);
  edits.push(insertLines(text, value?.end ?? found.key.end, lines, style));
  return edits;
}

function appendItem(text: string, seq: SeqNode, item: { flow: string; id: string }, style: Style): TextEdit {
  if (isFlow(text, seq)) return flowInsert(seq, item.flow);
  const first = seq.items[0];
  const dashCol = column(text, seq.start);
  // Items written as flow maps (`- { id: X, reason: … }`) get a flow map too.
  if (first && isFlow(text, first))
    return insertLines(text, seq.end, [`${' '.repeat(dashCol)}- ${item.flow}`], style);
  const innerCol =
    first?.kind === 'map' && first.entries[0] ? column(text, first.entries[0].key.start) : dashCol + 2;
  return insertLines(text, seq.end, itemLines(dashCol, item.id, innerCol), style);
}

/** Keys nested one per level from `col`, then the list item under the last of them. */
function blockLines(keys: readonly string[], col: number, id: string, style: Style): string[] {
  const lines = keys.map((key, i) => `${' '.repeat(col + i * style.step)}${key}:`);
  const lastKeyCol = col + (keys.length - 1) * style.step;
  return [...lines, ...itemLines(lastKeyCol + style.seqIndent, id)];
}

/** `- id: X` / `  reason: TODO`, with the item's keys where the list's first item has them (`-   id:`). */
function itemLines(dashCol: number, id: string, innerCol = dashCol + 2): string[] {
  const gap = ' '.repeat(Math.max(1, innerCol - dashCol - 1));
  return [`${' '.repeat(dashCol)}-${gap}id: ${id}`, `${' '.repeat(dashCol + 1 + gap.length)}reason: TODO`];
}

/** `Metadata: { trail-lint: { ignore: [item] } }`, from whichever level is missing. */
function flowText(keys: readonly string[], item: string): string {
  const [head, ...tail] = keys;
  return tail.length === 0 ? `${head}: [${item}]` : `${head}: { ${flowText(tail, item)} }`;
}

function insertLines(text: string, after: number, lines: string[], style: Style): TextEdit {
  const at = lineEnd(text, after);
  return { start: at, end: at, newText: lines.map((l) => style.eol + l).join('') };
}

function endOf(e: MapEntry): number {
  return (e.value ?? e.key).end;
}
