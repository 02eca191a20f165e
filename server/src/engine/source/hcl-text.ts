// Small, common HCL shapes read straight from the source text, for nodes of an error-free tree-sitter tree
// whose span the walk already has: what copying their children would give, without the trips into
// WebAssembly (each cursor step is one, and they cost more than the parse itself). Only shapes whose text
// alone settles the tree are read here (a plain string, a string whose interpolations are dotted
// traversals, a decimal number, true/false/null, a dotted traversal, a tuple of those, `name = value`), and
// only when the match covers the node's whole span; anything else (undefined) is walked node by node as
// before.
import type { HclExpr } from './hcl';

// Sticky, so that they match at a node's start in the whole source and nothing is sliced to test them.
/**
 * A quoted string without escapes or `%{`, whose interpolations (if any) are each one dotted traversal
 * written without spaces, `"${var.prefix}-logs"`. A `$` before `$` is left to the walk (`$${` is an escape).
 */
const STRING =
  /"(?:[^"\\$%\r\n]|\$(?![{$])|%(?!\{)|\$\{[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*\})*"/y;
const NUMBER = /[0-9]+(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?)?/y;
/** ASCII identifiers only (no `-`, `::` or other letters): those few are walked. */
const TRAVERSAL = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** A block label without escapes, interpolations or directives: one `template_literal` at most. */
const LABEL = /"[^"\\$%\r\n]*"/y;
const KEYWORDS = new Set(['true', 'false', 'null']);

/** Past the spaces and tabs (and line breaks, with `lines`) at `at`: a loop, cheaper than a regex here. */
function skipSpace(source: string, at: number, lines: boolean): number {
  for (;;) {
    const c = source.charCodeAt(at);
    if (c === 0x20 || c === 0x09 || (lines && (c === 0x0a || c === 0x0d))) at++;
    else return at;
  }
}

function matchEnd(re: RegExp, source: string, at: number): number {
  re.lastIndex = at;
  return re.test(source) ? re.lastIndex : -1;
}

/** Where the one string, number or traversal that starts at `start` ends; -1 when none does. */
function scalarEnd(source: string, start: number): number {
  const first = source.charCodeAt(start);
  return matchEnd(
    first === 0x22 ? STRING : first >= 0x30 && first <= 0x39 ? NUMBER : TRAVERSAL,
    source,
    start,
  );
}

/** The value of text that {@link scalarEnd} matched whole. */
function scalar(source: string, start: number, end: number): HclExpr | undefined {
  const text = source.slice(start, end);
  const first = text.charCodeAt(0);
  if (first === 0x22)
    return text.includes('${')
      ? template(source, start, text)
      : { start, end, kind: 'literal', value: text.slice(1, -1) };
  if (first >= 0x30 && first <= 0x39) return { start, end, kind: 'literal', value: Number(text) };
  if (text === 'true' || text === 'false') return { start, end, kind: 'literal', value: text === 'true' };
  if (text === 'null') return { start, end, kind: 'literal', value: null };
  const path = text.split('.');
  // `true.x` is a literal with a step, which the walk reads (as `other`).
  return KEYWORDS.has(path[0] as string) ? undefined : { start, end, kind: 'reference', path };
}

/**
 * A string with interpolations that {@link STRING} matched whole (`text`, from `start`): literal parts as
 * text (it holds no escape), each interpolation as its traversal, as the walk reads a `template_expr` (a
 * keyword there, `${true}`, is the literal the walk reads too; `${true.x}` is left to the walk).
 */
function template(source: string, start: number, text: string): HclExpr | undefined {
  const parts: (string | HclExpr)[] = [];
  let at = 1;
  // STRING lets `${` in only as an interpolation, and a traversal holds no `}`.
  for (let open = text.indexOf('${', at); open >= 0; open = text.indexOf('${', at)) {
    if (open > at) parts.push(text.slice(at, open));
    const close = text.indexOf('}', open);
    const value = scalar(source, start + open + 2, start + close);
    if (!value) return undefined;
    parts.push(value);
    at = close + 1;
  }
  if (text.length - 1 > at) parts.push(text.slice(at, -1));
  return { start, end: start + text.length, kind: 'template', parts };
}

/** An `expression` spanning `start`–`end`, when it is a scalar or a tuple of scalars. */
export function simpleExpr(source: string, start: number, end: number): HclExpr | undefined {
  if (source.charCodeAt(start) === 0x5b) return tuple(source, start, end);
  return scalarEnd(source, start) === end ? scalar(source, start, end) : undefined;
}

/** `[a, "b", 1]`, with an optional trailing comma, as the grammar has it. */
function tuple(source: string, start: number, end: number): HclExpr | undefined {
  const items: HclExpr[] = [];
  let at = skipSpace(source, start + 1, true);
  while (source.charCodeAt(at) !== 0x5d) {
    const itemEnd = scalarEnd(source, at);
    const item = itemEnd < 0 || itemEnd >= end ? undefined : scalar(source, at, itemEnd);
    if (!item) return undefined;
    items.push(item);
    at = skipSpace(source, itemEnd, true);
    if (source.charCodeAt(at) === 0x2c) at = skipSpace(source, at + 1, true);
    else if (source.charCodeAt(at) !== 0x5d) return undefined;
  }
  return at + 1 === end ? { start, end, kind: 'tuple', items } : undefined;
}

export interface SimplePair {
  keyEnd: number;
  /** The key's value, for an object element (an attribute's name is the text up to keyEnd). */
  key: HclExpr | undefined;
  valueStart: number;
  value: HclExpr;
}

/**
 * An `attribute` (`name = value`) or an `object_elem` (`key = value`, `key: value`) spanning `start`–`end`
 * whose key and value are simple, on one line.
 */
export function simplePair(
  source: string,
  start: number,
  end: number,
  attribute: boolean,
): SimplePair | undefined {
  const keyEnd = attribute ? matchEnd(NAME, source, start) : scalarEnd(source, start);
  if (keyEnd < 0) return undefined;
  const key = attribute ? undefined : scalar(source, start, keyEnd);
  if (!attribute && !key) return undefined;
  const at = skipSpace(source, keyEnd, false);
  const separator = source.charCodeAt(at);
  if (separator !== 0x3d && (attribute || separator !== 0x3a)) return undefined;
  const valueStart = skipSpace(source, at + 1, false);
  const value = simpleExpr(source, valueStart, end);
  return value && { keyEnd, key, valueStart, value };
}

/**
 * The header of a `block` starting at `start`, `type "label" label {` on one line: the spans of its type and
 * labels as offset pairs, flat, then the offset just past its `{`. Undefined when anything else sits there
 * (a comment, a line break, a name with `-`, `::` or other letters): that header is walked node by node.
 */
export function blockHeader(source: string, start: number): number[] | undefined {
  const spans: number[] = [];
  let at = start;
  for (;;) {
    const first = source.charCodeAt(at);
    // The type comes first, and it is a name.
    const label = first === 0x22 && spans.length > 0;
    if (first === 0x7b && spans.length > 0) {
      spans.push(at + 1);
      return spans;
    }
    const end = matchEnd(label ? LABEL : NAME, source, at);
    if (end < 0) return undefined;
    // A name must end where the token does (`a-b` is one identifier); a quote closes its label itself.
    const next = source.charCodeAt(end);
    if (!label && next !== 0x20 && next !== 0x09 && next !== 0x22 && next !== 0x7b) return undefined;
    spans.push(at, end);
    at = skipSpace(source, end, false);
  }
}

/**
 * The name of an `attribute` starting at `start` (`name = …`, on one line up to the expression): the offset
 * where its name ends, then the offset just past its `=`; undefined for any other shape.
 */
export function attributeHead(source: string, start: number): [number, number] | undefined {
  const end = matchEnd(NAME, source, start);
  if (end < 0) return undefined;
  const at = skipSpace(source, end, false);
  return source.charCodeAt(at) === 0x3d ? [end, at + 1] : undefined;
}
