// A heredoc that holds a JSON policy document (`policy = <<EOF { "Statement": [ … ] } EOF`, the oldest way
// modules write policies) lowered as the JSON it is, every node at the place it is written: a finding on a
// statement then points at that statement, not at the `policy = <<EOF` line. Interpolations keep their own
// lowering: inside a JSON string they are parts of an `Fn::Join`, in place of a value
// (`"Resource": ${jsonencode(local.arns)}`) they are that value. Anything else (a heredoc that is not JSON,
// `~` strip markers, an interpolation in a key) gives undefined, and the caller lowers the heredoc as text.
import type { HclExpr } from '../source/hcl';
import { isJsonText, parseJson } from '../source/json-parse';
import { DEFAULT_LIMITS } from '../source/limits';
import { mapNode, scalarNode, seqNode, type SourceNode } from '../source/node';
import { joinedText } from './lower-join';

type Heredoc = Extract<HclExpr, { kind: 'heredoc' }>;

/** An interpolation `${ … }` of the heredoc: where it is written in the body text, and its expression. */
interface Hole {
  /** Offsets in the body text, from `${` to after `}`. */
  start: number;
  end: number;
  expr: HclExpr;
  used: boolean;
  /** A template directive, which writes any number of list items (each with its comma), not one value. */
  items: boolean;
}

/**
 * The heredoc `e` (offsets in its file, whose text from e.start to e.end is `written`) as a JSON document,
 * or undefined. `at` is the offset of the file in the module text; `lowerPart` lowers an interpolation.
 */
export function jsonHeredoc(
  e: Heredoc,
  written: string,
  at: number,
  lowerPart: (p: HclExpr) => SourceNode,
): SourceNode | undefined {
  // Only a heredoc as written in a .tf file (one read from a .tf.json interpolation has no text of its own).
  if (!written.startsWith('<<')) return undefined;
  // The body runs from the line after `<<ID` to the start of the closing marker's line (as hcl.ts reads it).
  const from = written.indexOf('\n') + 1;
  const to = written.lastIndexOf('\n', written.length - 1) + 1;
  if (from <= 0 || to <= from) return undefined;
  const body = written.slice(from, to);
  if (!isJsonText(body) || !body.includes('"Statement"')) return undefined;
  const holes = findHoles(e, body, e.start + from);
  if (!holes) return undefined;
  // Each interpolation becomes `0` and spaces, same length: a number where it stands for a value, plain
  // characters inside a string. Line breaks inside one become spaces, so a string stays on its line. A
  // directive becomes `0,`: one unknown item of the list it writes into (a trailing comma is tolerated).
  let masked = '';
  let last = 0;
  for (const h of holes) {
    const mark = h.items ? '0,' : '0';
    masked += body.slice(last, h.start) + mark + ' '.repeat(h.end - h.start - mark.length);
    last = h.end;
  }
  masked += body.slice(last);
  const parsed = parseJson(masked, DEFAULT_LIMITS);
  if (!parsed.root || parsed.problems.length > 0 || parsed.root.kind !== 'map') return undefined;
  const shift = at + e.start + from;
  const out = rebuild(parsed.root, body, holes, shift, lowerPart);
  // Every interpolation must have landed in a string or in place of a value (never in a key, never split).
  return out && holes.every((h) => h.used) ? out : undefined;
}

/** The interpolations of the heredoc in its body text, in order; undefined when one cannot be placed. */
function findHoles(e: Heredoc, body: string, bodyAt: number): Hole[] | undefined {
  const holes: Hole[] = [];
  let searchFrom = 0;
  for (const p of e.parts) {
    if (typeof p === 'string') continue;
    const exprStart = p.start - bodyAt;
    const exprEnd = p.end - bodyAt;
    if (body.startsWith('%{', exprStart)) {
      // A directive (`%{ for … }…%{ endfor }`) is its own span: it writes items of a list, unknown ones.
      if (exprStart < searchFrom) return undefined;
      holes.push({ start: exprStart, end: exprEnd, expr: p, used: false, items: true });
      searchFrom = exprEnd;
      continue;
    }
    const open = body.lastIndexOf('${', exprStart);
    if (open < searchFrom || /[^ \t\r\n]/.test(body.slice(open + 2, exprStart))) return undefined;
    let close = exprEnd;
    while (close < body.length && /[ \t\r\n]/.test(body.charAt(close))) close++;
    if (body.charAt(close) !== '}') return undefined;
    holes.push({ start: open, end: close + 1, expr: p, used: false, items: false });
    searchFrom = close + 1;
  }
  return holes;
}

/** Unescapes what an HCL template escapes (`$${`, `%%{`); JSON escapes the parser has already decoded. */
const hclUnescape = (s: string): string =>
  s.includes('$${') || s.includes('%%{') ? s.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : s;

function rebuild(
  n: SourceNode,
  body: string,
  holes: Hole[],
  shift: number,
  lowerPart: (p: HclExpr) => SourceNode,
): SourceNode | undefined {
  const start = n.start + shift;
  const end = n.end + shift;
  switch (n.kind) {
    case 'map': {
      const entries = [];
      for (const x of n.entries) {
        const value = x.value && rebuild(x.value, body, holes, shift, lowerPart);
        if (x.value && !value) return undefined;
        const key = scalarNode(
          typeof x.key.value === 'string' ? hclUnescape(x.key.value) : x.key.value,
          x.key.start + shift,
          x.key.end + shift,
        );
        entries.push({ key, value });
      }
      return mapNode(entries, start, end);
    }
    case 'seq': {
      const items: SourceNode[] = [];
      for (const i of n.items) {
        const item = rebuild(i, body, holes, shift, lowerPart);
        if (!item) return undefined;
        items.push(item);
      }
      return seqNode(items, start, end);
    }
    case 'scalar': {
      const touching = overlapping(holes, n.start, n.end);
      if (typeof n.value !== 'string') {
        // An interpolation in place of a value is the masked `0` at its start.
        const [hole] = touching;
        if (!hole) return scalarNode(n.value, start, end);
        if (hole.start !== n.start) return undefined;
        hole.used = true;
        return lowerPart(hole.expr);
      }
      // Inside a string: between its quotes, each whole.
      if (touching.some((h) => h.start <= n.start || h.end >= n.end)) return undefined;
      if (touching.length === 0) return scalarNode(hclUnescape(n.value), start, end);
      for (const h of touching) h.used = true;
      return stringWithHoles(n, body, touching, shift, lowerPart);
    }
  }
}

/**
 * The holes that overlap `start`–`end`, in order. Holes are sorted and disjoint: a binary search finds the
 * first, so that a heredoc with thousands of interpolations is not read in quadratic time.
 */
function overlapping(holes: readonly Hole[], start: number, end: number): Hole[] {
  let lo = 0;
  let hi = holes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((holes[mid] as Hole).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: Hole[] = [];
  for (let i = lo; i < holes.length && (holes[i] as Hole).start < end; i++) out.push(holes[i] as Hole);
  return out;
}

/** A JSON string with interpolations: its text pieces and the interpolations' values, joined. */
function stringWithHoles(
  n: SourceNode,
  body: string,
  inside: Hole[],
  shift: number,
  lowerPart: (p: HclExpr) => SourceNode,
): SourceNode | undefined {
  const parts: SourceNode[] = [];
  let from = n.start + 1;
  const text = (to: number): boolean => {
    if (to <= from) return true;
    let decoded: unknown;
    try {
      decoded = JSON.parse(`"${body.slice(from, to)}"`);
    } catch {
      return false;
    }
    if (typeof decoded !== 'string') return false;
    parts.push(scalarNode(hclUnescape(decoded), from + shift, to + shift));
    return true;
  };
  for (const h of inside) {
    if (!text(h.start)) return undefined;
    parts.push(lowerPart(h.expr));
    from = h.end;
  }
  if (!text(n.end - 1)) return undefined;
  return joinedText(parts, n.start + shift, n.end + shift);
}
