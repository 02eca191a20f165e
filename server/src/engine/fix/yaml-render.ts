// Renders fix values as YAML text for the fix writer: references and Sub strings in the document's own form
// (short `!Ref X` or long `Ref: X`), scalars quoted only when the `yaml` package says a plain scalar would be
// misread, and collections in block style under block parents (at the file's indentation) or in flow style
// inside flow collections.
import { stringify } from 'yaml';
import { isRef, isSub, type FixValue } from './intents';
import type { Style } from './yaml-style';

/** A value about to be written: the fix value with intrinsics resolved to the document's form. */
export type YNode =
  | { kind: 'scalar'; value: string | number | boolean; quote?: Quote }
  | { kind: 'tag'; tag: string; value: YNode }
  | { kind: 'map'; entries: readonly (readonly [string, YNode])[] }
  | { kind: 'seq'; items: readonly YNode[]; flow?: boolean };

export type Quote = 'single' | 'double';

/** `short` writes `!Ref X`, `!GetAtt X.Arn`, `!Sub '…'`; `long` writes `Ref: X`, `Fn::GetAtt: [X, Arn]`. */
export type Form = 'short' | 'long';

export function toYNode(value: FixValue, form: Form): YNode {
  if (typeof value !== 'object') return { kind: 'scalar', value };
  if (isRef(value)) {
    if (value.attribute === undefined) return intrinsic(form, 'Ref', { kind: 'scalar', value: value.$ref });
    if (form === 'short')
      return { kind: 'tag', tag: '!GetAtt', value: scalar(`${value.$ref}.${value.attribute}`) };
    return intrinsic(form, 'GetAtt', {
      kind: 'seq',
      items: [scalar(value.$ref), scalar(value.attribute)],
      flow: true,
    });
  }
  // Sub strings are full of `${…}` and `:`; quoting them always reads better and never needs thought.
  if (isSub(value)) return intrinsic(form, 'Sub', { kind: 'scalar', value: value.$sub, quote: 'single' });
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v: FixValue) => toYNode(v, form)) };
  const map = value as { readonly [key: string]: FixValue };
  return { kind: 'map', entries: Object.entries(map).map(([k, v]) => [k, toYNode(v, form)] as const) };
}

function scalar(value: string): YNode {
  return { kind: 'scalar', value };
}

function intrinsic(form: Form, name: string, value: YNode): YNode {
  if (form === 'short') return { kind: 'tag', tag: `!${name}`, value };
  return { kind: 'map', entries: [[name === 'Ref' ? 'Ref' : `Fn::${name}`, value]] };
}

/** A list of one or more items, in flow style when the file writes its lists that way. */
export function listOf(items: readonly YNode[], flow: boolean): YNode {
  return { kind: 'seq', items, flow };
}

/** `{ a: { b: value } }` for the keys still missing on the way to a value. */
export function nested(keys: readonly string[], value: YNode): YNode {
  return keys.reduceRight<YNode>((inner, key) => ({ kind: 'map', entries: [[key, inner]] }), value);
}

/** Whether the value needs lines of its own below its key (a non-empty collection not meant as flow). */
export function isBlock(y: YNode): boolean {
  if (y.kind === 'map') return y.entries.length > 0;
  return y.kind === 'seq' && y.items.length > 0 && !y.flow;
}

/** The value on one line: plain/quoted scalars, tags, flow collections. */
export function inlineText(y: YNode, flow: boolean): string {
  switch (y.kind) {
    case 'scalar':
      return scalarText(y.value, flow, y.quote);
    case 'tag':
      return `${y.tag} ${inlineText(y.value, flow)}`;
    case 'map':
      if (y.entries.length === 0) return '{}';
      return `{ ${y.entries.map(([k, v]) => `${scalarText(k, true)}: ${inlineText(v, true)}`).join(', ')} }`;
    case 'seq':
      return `[${y.items.map((i) => inlineText(i, true)).join(', ')}]`;
  }
}

/**
 * A scalar as YAML text. The `yaml` package decides whether a plain scalar would be misread (`'true'`,
 * `'*'`, `'a: b'`), under YAML 1.2 and under 1.1 too, since CloudFormation and older tools read
 * `2012-10-17`, `yes` or `on` as something else than a string. Inside a flow collection it is asked about a
 * one-item flow list, since `,[]{}` matter there. Multi-line strings are double-quoted so that a value
 * never spills onto lines of its own.
 */
export function scalarText(value: string | number | boolean, flow: boolean, quote?: Quote): string {
  if (typeof value !== 'string') return String(value);
  if (value.includes('\n') || quote === 'double')
    return stringify(value, { ...OPTIONS, defaultStringType: 'QUOTE_DOUBLE' }).slice(0, -1);
  if (quote === 'single')
    return stringify(value, { ...OPTIONS, defaultStringType: 'QUOTE_SINGLE' }).slice(0, -1);
  const modern = plainOrQuoted(value, flow, '1.2');
  return isQuoted(modern) ? modern : plainOrQuoted(value, flow, '1.1');
}

const OPTIONS = { lineWidth: 0, singleQuote: true } as const;

function plainOrQuoted(value: string, flow: boolean, version: '1.1' | '1.2'): string {
  if (!flow) return stringify(value, { ...OPTIONS, version }).slice(0, -1);
  // `[ item ]\n` → `item`.
  return stringify([value], { ...OPTIONS, version, collectionStyle: 'flow' }).slice(2, -3);
}

function isQuoted(text: string): boolean {
  return text.startsWith("'") || text.startsWith('"');
}

/** What follows `Key:` for a key at `keyCol`: ` value` on the same line, or the value's lines below. */
export function afterKey(y: YNode, keyCol: number, style: Style): string {
  if (!isBlock(y)) return ` ${inlineText(y, false)}`;
  return style.eol + blockText(y, keyCol, style);
}

/** The lines of a block collection under a key at `keyCol`, joined by the file's line end. */
export function blockText(y: YNode, keyCol: number, style: Style): string {
  if (y.kind === 'map') return entriesText(y.entries, keyCol + style.step, style);
  if (y.kind === 'seq') {
    const dashCol = keyCol + style.seqIndent;
    return y.items.map((item) => itemText(item, dashCol, dashCol + 2, style)).join(style.eol);
  }
  return ' '.repeat(keyCol + style.step) + inlineText(y, false);
}

/** `Key: value` lines at `col`, one entry after another. */
export function entriesText(
  entries: readonly (readonly [string, YNode])[],
  col: number,
  style: Style,
): string {
  return entries.map(([key, value]) => entryText(key, value, col, style)).join(style.eol);
}

export function entryText(key: string, value: YNode, col: number, style: Style): string {
  return `${' '.repeat(col)}${scalarText(key, false)}:${afterKey(value, col, style)}`;
}

/**
 * A block sequence item with its dash at `dashCol`: `- value`, or `- Key: v` with the item's further keys
 * at `innerCol` (where the list's existing items have them). Nested lists inside an item are written flow.
 */
export function itemText(y: YNode, dashCol: number, innerCol: number, style: Style): string {
  const col = Math.max(innerCol, dashCol + 2);
  const head = `${' '.repeat(dashCol)}-${' '.repeat(col - dashCol - 1)}`;
  const [first, ...rest] = y.kind === 'map' ? y.entries : [];
  if (!first) return head + inlineText(y, false);
  const lines = [
    head + entryText(first[0], first[1], col, style).slice(col),
    ...rest.map(([k, v]) => entryText(k, v, col, style)),
  ];
  return lines.join(style.eol);
}
