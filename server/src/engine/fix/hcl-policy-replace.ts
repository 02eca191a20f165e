// An item of a policy document's list replaced in HCL (inside `jsonencode({ … })`, or a data source's
// `actions`): IAM002's `cloudtrail:*` narrowed to the read-only actions. The items of a list replacement
// take the place of the one item, in the layout the list already has; a scalar (or a one-line list of just
// that item) becomes the new value, on one line when it shares its line with other entries. When that value
// needs several lines the `=` of its neighbours are aligned the way `terraform fmt` leaves them: a line that
// opens a bracket is in no alignment group.
import type { HclExpr } from '../source/hcl';
import { groupOf, type Entry } from './hcl-align';
import type { EditSet, EditTarget } from './hcl-edits';
import { formatHcl, type Resolved } from './hcl-render';
import { sourceText, type SourceText } from './hcl-text';

/** Whether an expression is the string `from` as written (case included). */
function isString(e: HclExpr, from: string): boolean {
  if (e.kind === 'literal') return e.value === from;
  return e.kind === 'template' && e.parts.every((p) => typeof p === 'string') && e.parts.join('') === from;
}

/**
 * Replaces `from` in `e`, the value of `entry` (one of `entries`, the items of the object or block that
 * holds it); false when `e` neither is nor lists it.
 */
export function replaceHclItem(
  target: EditTarget,
  edits: EditSet,
  e: HclExpr,
  from: string,
  value: Resolved,
  entries: readonly Entry[],
  entry: Entry,
): boolean {
  const t = sourceText(target);
  const items = value.k === 'list' ? value.items : [value];
  if (items.length === 0) return false;
  if (e.kind === 'tuple' && !(e.items.length === 1 && t.sameLine(e.start, e.end))) {
    const item = e.items.find((x) => isString(x, from));
    if (!item) return false;
    const indent = t.indent(item.start);
    const multiLine = !t.sameLine(e.start, item.start) && t.startsLine(item.start);
    const text = items.map((x) => formatHcl(x, indent)).join(multiLine ? ',\n' + indent : ', ');
    edits.add(target, item.start, item.end, text);
    return true;
  }
  const only = e.kind === 'tuple' ? e.items[0] : e;
  if (!only || !isString(only, from)) return false;
  const list: Resolved = e.kind === 'tuple' ? { k: 'list', items } : value;
  const indent = t.indent(e.start);
  const text =
    list.k === 'list' && !t.ownsLines(entry)
      ? '[' + list.items.map((x) => formatHcl(x, indent)).join(', ') + ']'
      : formatHcl(list, indent);
  if (text.includes('\n')) realign(t, target, edits, entries, entry);
  edits.add(target, e.start, e.end, text);
  return true;
}

/** `entry`'s line leaves its alignment group: the lines before and after it align on their own. */
function realign(
  t: SourceText,
  target: EditTarget,
  edits: EditSet,
  entries: readonly Entry[],
  entry: Entry,
): void {
  const group = groupOf(t, entries, entry);
  if (!group) return;
  const align = (lines: readonly Entry[]): void => {
    const column = Math.max(...lines.map((x) => t.column(x.keyEnd) + 1));
    for (const x of lines) {
      let assign = x.keyEnd;
      while (t.text[assign] === ' ' || t.text[assign] === '\t') assign++;
      const spaces = ' '.repeat(column - t.column(x.keyEnd));
      if (t.text.slice(x.keyEnd, assign) !== spaces) edits.add(target, x.keyEnd, assign, spaces);
    }
  };
  const before = group.filter((x) => x.start < entry.start);
  const after = group.filter((x) => x.start > entry.start);
  for (const lines of [before, after, [entry]]) if (lines.length > 0) align(lines);
}
