// `terraform fmt` alignment, kept when lines are added: consecutive single-line `name = value` lines (of a
// block body, or of a multi-line object) form a group whose `=` signs share one column. A new line joins
// the group it is inserted into, padded to that column; a name wider than the group moves the column, and
// then only the whitespace before the other lines' `=` changes.
import type { HclAttribute, HclObjectEntry } from '../source/hcl';
import { alignedLines } from './hcl-render';
import type { EditSet, EditTarget } from './hcl-edits';
import { sourceText, type SourceText } from './hcl-text';

/** A `key = value` item: where it starts, where its key ends, where its value ends. */
export interface Entry {
  start: number;
  keyEnd: number;
  end: number;
}

export const attrEntry = (a: HclAttribute): Entry => ({ start: a.start, keyEnd: a.nameSpan.end, end: a.end });

export const objectEntry = (e: HclObjectEntry): Entry => ({
  start: e.keySpan.start,
  keyEnd: e.keySpan.end,
  end: e.value.end,
});

/** The offset of the `=` (or an object's `:`) after the key, when only spaces separate them. */
function assignAt(t: SourceText, e: Entry): number | undefined {
  let i = e.keyEnd;
  while (t.text[i] === ' ' || t.text[i] === '\t') i++;
  return t.text[i] === '=' || t.text[i] === ':' ? i : undefined;
}

function alignable(t: SourceText, e: Entry): boolean {
  return t.sameLine(e.start, e.end) && t.ownsLines(e) && assignAt(t, e) !== undefined;
}

/** The alignment group `target` belongs to, or undefined when it is not a single-line item. */
export function groupOf(t: SourceText, entries: readonly Entry[], target: Entry): Entry[] | undefined {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  const at = sorted.findIndex((e) => e.start === target.start);
  if (at < 0 || !alignable(t, target)) return undefined;
  let first = at;
  let last = at;
  const next = (a: Entry, b: Entry): boolean => alignable(t, b) && t.line(b.start) === t.line(a.start) + 1;
  while (first > 0 && next(sorted[first - 1] as Entry, sorted[first] as Entry)) first--;
  while (last < sorted.length - 1 && next(sorted[last] as Entry, sorted[last + 1] as Entry)) last++;
  return sorted.slice(first, last + 1);
}

/**
 * Inserts `key = value` lines at `at`, the start of the line after `anchor` (or anywhere without one).
 * Values are already rendered for `indent`; `prefix` goes before the lines (a blank line).
 */
export function insertLines(
  target: EditTarget,
  edits: EditSet,
  entries: readonly Entry[],
  anchor: Entry | undefined,
  at: number,
  items: readonly [string, string][],
  indent: string,
  prefix = '',
): void {
  const t = sourceText(target);
  const group = anchor && groupOf(t, entries, anchor);
  let joining = 0;
  while (joining < items.length && !(items[joining] as [string, string])[1].includes('\n')) joining++;
  if (!group || joining === 0) {
    edits.add(target, at, at, prefix + alignedLines(items, indent));
    return;
  }
  const columns = group.map((e) => t.column(assignAt(t, e) as number));
  const current = Math.max(...columns);
  const widest = Math.max(...items.slice(0, joining).map(([k]) => indent.length + k.length + 1));
  const column = Math.max(current, widest);
  if (column > current) {
    // The smallest edit: spaces added right before each `=` that stands left of the new column.
    for (const e of group) {
      const assign = assignAt(t, e) as number;
      if (t.column(assign) < column) edits.add(target, assign, assign, ' '.repeat(column - t.column(assign)));
    }
  }
  let text = prefix;
  for (const [k, v] of items.slice(0, joining))
    text += `${indent}${k}${' '.repeat(column - indent.length - k.length)}= ${v}\n`;
  text += alignedLines(items.slice(joining), indent);
  edits.add(target, at, at, text);
}
