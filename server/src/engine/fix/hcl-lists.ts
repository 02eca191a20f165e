// Adding to a list or an object expression, in HCL (`[a, b]`, `{ K = v }`) or in JSON text (a policy in a
// heredoc): the item goes after the last one, in the layout the list already has: one item per line (with
// or without a trailing comma), or all on one line.
import type { Span } from '../source/node';
import { insertLines, type Entry } from './hcl-align';
import type { EditSet, EditTarget } from './hcl-edits';
import { sourceText } from './hcl-text';

export type Syntax = 'hcl' | 'json';

/** Appends an item to the list at `list` (its brackets included), rendered for an indentation. */
export function appendItem(
  target: EditTarget,
  edits: EditSet,
  list: Span,
  items: readonly Span[],
  render: (indent: string) => string,
): void {
  const t = sourceText(target);
  const last = items[items.length - 1];
  if (!last) {
    edits.add(target, list.start + 1, list.start + 1, render(t.indent(list.start)));
    return;
  }
  const indent = t.indent(last.start);
  if (t.sameLine(list.start, last.start) || !t.startsLine(last.start)) {
    edits.add(target, last.end, last.end, ', ' + render(indent));
    return;
  }
  const after = t.nextNonSpace(last.end);
  if (t.text[after] === ',') edits.add(target, after + 1, after + 1, '\n' + indent + render(indent) + ',');
  else edits.add(target, last.end, last.end, ',\n' + indent + render(indent));
}

/**
 * Adds `key = value` (HCL) or `"key": value` (JSON, `key` already quoted) to the object at `object`. In a
 * multi-line HCL object the new line is aligned with its neighbours.
 */
export function insertEntry(
  target: EditTarget,
  edits: EditSet,
  object: Span,
  entries: readonly Entry[],
  key: string,
  render: (indent: string) => string,
  syntax: Syntax,
): boolean {
  const t = sourceText(target);
  const assign = syntax === 'hcl' ? ' = ' : ': ';
  const last = entries[entries.length - 1];
  if (!last) {
    const inner = render(t.indent(object.start));
    const text = syntax === 'hcl' ? ` ${key}${assign}${inner} ` : `${key}${assign}${inner}`;
    if (t.text.slice(object.start + 1, object.end - 1).trim() !== '') return false;
    edits.add(target, object.start + 1, object.end - 1, text);
    return true;
  }
  const indent = t.indent(last.start);
  const multiLine = !t.sameLine(object.start, last.start) && t.startsLine(last.start);
  if (!multiLine) {
    edits.add(target, last.end, last.end, ', ' + key + assign + render(indent));
    return true;
  }
  if (t.sameLine(last.end, object.end - 1)) return false;
  const after = t.nextNonSpace(last.end);
  if (syntax === 'json') {
    edits.add(target, last.end, last.end, ',\n' + indent + key + assign + render(indent));
  } else if (t.text[after] === ',') {
    edits.add(target, after + 1, after + 1, '\n' + indent + key + assign + render(indent) + ',');
  } else {
    insertLines(target, edits, entries, last, t.nextLine(last.end), [[key, render(indent)]], indent);
  }
  return true;
}
