// A `.tf.json` file → the Terraform configuration parts trail-lint needs, in the shapes read-hcl.ts gives for
// native files. JSON cannot tell a nested block from an object attribute without the provider's schema, so
// bodies hold attributes only (body.ts reads both). Strings are HCL templates, as Terraform reads them:
// `${…}` holding a plain traversal becomes a reference, any other interpolation `other`. Broken JSON is
// reported and what could be read is kept; nothing here throws.
import { createScanner, parseTree, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { HclAttribute, HclBody, HclExpr, HclFile, HclObjectEntry } from '../source/hcl';
import { jsonErrorWords } from '../source/json-parse';
import { DEFAULT_LIMITS } from '../source/limits';
import type { Span } from '../source/node';
import { emptyConfig, type TfConfig } from './config';
import { traversal } from './traversal';

/** Bound on nesting: jsonc-parser and the conversion below recurse, so deeper values are cut off first. */
const MAX_DEPTH = DEFAULT_LIMITS.maxDepth;

/**
 * `template`: strings are HCL templates (resource bodies, locals). `literal`: strings are taken as written,
 * as Terraform evaluates variable defaults without a scope, where `${` means nothing.
 */
type Mode = 'template' | 'literal';

interface Reader {
  text: string;
  /** Reads HCL, for interpolations that are more than a reference (`${jsonencode(local.doc)}`). */
  readHcl: ((text: string) => HclFile) | undefined;
  config: TfConfig;
  file: string;
  /** Values nested too deep, by start offset: their end. */
  cut: Map<number, number>;
}

interface Member {
  key: Node;
  name: string;
  value: Node | undefined;
  /** The whole `"key": value`. */
  span: Span;
}

export function configFromTfJson(file: string, text: string, readHcl?: (text: string) => HclFile): TfConfig {
  const config = emptyConfig();
  const { masked, cut } = cutDeepNesting(text);
  const r: Reader = { text, config, file, cut, readHcl };
  for (const start of cut.keys())
    problem(r, { start, end: start + 1 }, `this value nests deeper than ${MAX_DEPTH} levels; it is not read`);

  const errors: ParseError[] = [];
  // Terraform's JSON is strict (no comments, no trailing commas): jsonc-parser reports them and reads on.
  const root = parseTree(masked, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: true,
  });
  const seen = new Set<number>();
  for (const e of errors) {
    // A truncated file gets the same complaint once per open container: one is enough.
    if (seen.has(e.offset)) continue;
    seen.add(e.offset);
    config.problems.push({
      start: e.offset,
      end: e.offset + e.length,
      message: `Terraform JSON syntax error: ${jsonErrorWords(e.error)}`,
      file,
    });
  }
  if (!root) return config;
  collectComments(r, root);
  if (root.type !== 'object') {
    problem(r, spanOf(r, root), 'the file must hold one JSON object');
    return config;
  }
  for (const m of members(r, root)) {
    if (!m.value) continue;
    if (m.name === 'resource' || m.name === 'data') readResources(r, m.name, m.value);
    else if (m.name === 'variable') readVariables(r, m.value);
    else if (m.name === 'locals') readLocals(r, m.value);
    else if (m.name === 'module') readModuleCalls(r, m.value);
  }
  return config;
}

function readResources(r: Reader, mode: 'resource' | 'data', n: Node): void {
  eachBlock(r, mode, n, 2, ([typeKey, nameKey], body) => {
    if (!typeKey || !nameKey) return;
    r.config.resources.push({
      mode,
      type: keyName(typeKey),
      name: keyName(nameKey),
      module: '',
      file: r.file,
      at: spanOf(r, body),
      header: spanOf(r, nameKey),
      body: resourceBody(r, body),
    });
  });
}

function readVariables(r: Reader, n: Node): void {
  eachBlock(r, 'variable', n, 1, ([nameKey], body) => {
    if (!nameKey) return;
    const d = members(r, body).find((m) => m.name === 'default');
    r.config.variables.push({
      name: keyName(nameKey),
      file: r.file,
      at: spanOf(r, body),
      default: d && expr(r, d.value, 'literal', 0, d.span),
    });
  });
}

function readLocals(r: Reader, n: Node): void {
  eachBlock(r, 'locals', n, 0, (_, body) => {
    for (const m of members(r, body))
      r.config.locals.push({
        name: m.name,
        file: r.file,
        nameSpan: spanOf(r, m.key),
        value: expr(r, m.value, 'template', 0, m.span),
      });
  });
}

/** `"module": { "audit": { "source": …, "bucket": … } }`: what the module is given, as for HCL. */
function readModuleCalls(r: Reader, n: Node): void {
  eachBlock(r, 'module', n, 1, ([nameKey], body) => {
    if (!nameKey) return;
    r.config.moduleCalls.push({
      name: keyName(nameKey),
      file: r.file,
      attributes: members(r, body).map((m) => ({
        ...m.span,
        name: m.name,
        nameSpan: spanOf(r, m.key),
        value: expr(r, m.value, 'template', 0, m.span),
      })),
    });
  });
}

/**
 * Calls `found` for each block body under a block-type property: one object level per label, the label
 * keys given in order. At any level an array of such objects stands for several (HCL's JSON spec allows it
 * after the last label; Terraform's docs show it for whole block types too, so both are read).
 */
function eachBlock(
  r: Reader,
  blockType: string,
  n: Node,
  labels: number,
  found: (keys: Node[], body: Node) => void,
): void {
  const visit = (v: Node, keys: Node[], arrayAllowed: boolean): void => {
    if (v.type === 'array' && arrayAllowed) {
      for (const item of v.children ?? []) visit(item, keys, false);
    } else if (v.type !== 'object') {
      problem(
        r,
        spanOf(r, v),
        `"${blockType}" expects an object${arrayAllowed ? ' or an array of objects' : ''} here`,
      );
    } else if (keys.length === labels) {
      found(keys, v);
    } else {
      for (const m of members(r, v)) if (m.value) visit(m.value, [...keys, m.key], true);
    }
  };
  visit(n, [], true);
}

function resourceBody(r: Reader, n: Node): HclBody {
  const attributes = members(r, n).map((m): HclAttribute => {
    const value = expr(r, m.value, 'template', 0, m.span);
    return {
      ...m.span,
      name: m.name,
      nameSpan: spanOf(r, m.key),
      value: m.name === 'depends_on' ? dependsOn(value) : value,
    };
  });
  return { attributes, blocks: [] };
}

/**
 * `"depends_on": ["aws_s3_bucket.logs"]`: Terraform reads these strings as traversals (JSON has no other
 * way to write them), so they become the references the native syntax gives.
 */
function dependsOn(e: HclExpr): HclExpr {
  if (e.kind !== 'tuple') return e;
  const items = e.items.map((item): HclExpr => {
    if (item.kind !== 'literal' || typeof item.value !== 'string') return item;
    const path = traversal(item.value)?.map((step) => step.name);
    return path ? { start: item.start, end: item.end, kind: 'reference', path } : item;
  });
  return { ...e, items };
}

function expr(r: Reader, n: Node | undefined, mode: Mode, depth: number, missing: Span): HclExpr {
  if (!n) return { ...missing, kind: 'other' };
  const span = spanOf(r, n);
  const cutEnd = r.cut.get(n.offset);
  if (cutEnd !== undefined) return { start: n.offset, end: cutEnd, kind: 'other' };
  // Unreachable after cutDeepNesting; kept so that this recursion is bounded on its own.
  if (depth > MAX_DEPTH) return { ...span, kind: 'other' };
  const value: unknown = n.value;
  switch (n.type) {
    case 'string': {
      const s = typeof value === 'string' ? value : '';
      return mode === 'template' ? stringExpr(r, n, s, span) : { ...span, kind: 'literal', value: s };
    }
    case 'number':
    case 'boolean':
      return typeof value === 'number' || typeof value === 'boolean'
        ? { ...span, kind: 'literal', value }
        : { ...span, kind: 'other' };
    case 'null':
      return { ...span, kind: 'literal', value: null };
    case 'array':
      return {
        ...span,
        kind: 'tuple',
        items: (n.children ?? []).map((c) => expr(r, c, mode, depth + 1, span)),
      };
    case 'object':
      return {
        ...span,
        kind: 'object',
        entries: members(r, n).map((m): HclObjectEntry => ({
          key: m.name,
          keySpan: spanOf(r, m.key),
          value: expr(r, m.value, mode, depth + 1, m.span),
        })),
      };
    default:
      return { ...span, kind: 'other' };
  }
}

/**
 * A string read as a standalone HCL template. Only `$${` / `%%{` escapes apply (JSON has already decoded
 * backslashes). A template that is one interpolation and nothing else is that expression's value, as HCL
 * unwraps it; it then spans the whole string.
 */
function stringExpr(r: Reader, n: Node, value: string, whole: Span): HclExpr {
  if (!value.includes('${') && !value.includes('%{')) return { ...whole, kind: 'literal', value };
  const at = offsetsIn(r.text, n, value);
  const parts: (string | HclExpr)[] = [];
  let literal = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i) || value.startsWith('%%{', i)) {
      literal += value.slice(i + 1, i + 3);
      i += 3;
    } else if (value.startsWith('%{', i)) {
      // `%{ if … }` / `%{ for … }`: the text depends on values, so the whole string does (as in hcl.ts).
      return { ...whole, kind: 'other' };
    } else if (value.startsWith('${', i)) {
      if (literal) parts.push(literal);
      literal = '';
      const close = interpolationEnd(value, i + 2);
      const end = close < 0 ? value.length : close + 1;
      parts.push(interpolation(r, value, i, end, close >= 0, at));
      i = end;
    } else {
      literal += value[i];
      i++;
    }
  }
  if (literal) parts.push(literal);
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') return { ...only, ...whole };
  if (parts.every((p) => typeof p === 'string')) return { ...whole, kind: 'literal', value: parts.join('') };
  return { ...whole, kind: 'template', parts };
}

/** `${ … }` from `start` to `end` (after its `}`): a reference when it holds a plain traversal. */
function interpolation(
  r: Reader,
  s: string,
  start: number,
  end: number,
  closed: boolean,
  at: (i: number) => number,
): HclExpr {
  const whole = { start: at(start), end: at(end) };
  if (!closed) return { ...whole, kind: 'other' };
  let a = start + 2;
  let b = end - 1;
  // `${~ x ~}` strip markers only trim the text around; they do not change the expression.
  if (s[a] === '~') a++;
  if (b > a && s[b - 1] === '~') b--;
  while (a < b && /\s/.test(s.charAt(a))) a++;
  while (b > a && /\s/.test(s.charAt(b - 1))) b--;
  const path = traversal(s.slice(a, b))?.map((step) => step.name);
  if (path) return { start: at(a), end: at(b), kind: 'reference', path };
  return r.readHcl ? hclExpression(r.readHcl, s.slice(a, b), whole) : { ...whole, kind: 'other' };
}

/**
 * An interpolation that is more than a reference, read as the HCL expression it is (the same functions
 * and objects the native syntax has). Its parts point at the whole interpolation: JSON escapes make finer
 * positions unreliable.
 */
function hclExpression(readHcl: (text: string) => HclFile, source: string, whole: Span): HclExpr {
  const prefix = '_ = ';
  const hcl = readHcl(`${prefix}${source}\n`);
  const value = hcl.body.attributes[0]?.value;
  if (!value || hcl.problems.length > 0 || hcl.body.attributes.length !== 1)
    return { ...whole, kind: 'other' };
  return pinned(value, whole, 0);
}

function pinned(e: HclExpr, at: Span, depth: number): HclExpr {
  if (depth > MAX_DEPTH) return { ...at, kind: 'other' };
  const inner = (x: HclExpr): HclExpr => pinned(x, at, depth + 1);
  switch (e.kind) {
    case 'template':
    case 'heredoc':
      return { ...at, kind: e.kind, parts: e.parts.map((p) => (typeof p === 'string' ? p : inner(p))) };
    case 'call':
      return { ...at, kind: 'call', name: e.name, args: e.args.map(inner) };
    case 'object':
      return {
        ...at,
        kind: 'object',
        entries: e.entries.map((x) => ({ key: x.key, keySpan: at, value: inner(x.value) })),
      };
    case 'tuple':
      return { ...at, kind: 'tuple', items: e.items.map(inner) };
    case 'conditional':
      return {
        ...at,
        kind: 'conditional',
        condition: inner(e.condition),
        then: inner(e.then),
        otherwise: inner(e.otherwise),
      };
    default:
      return { ...e, ...at };
  }
}

/**
 * Index of the `}` that closes an interpolation whose content starts at `from`, or -1. Braces of objects and
 * quoted strings inside the expression (with their own interpolations) are stepped over.
 */
function interpolationEnd(s: string, from: number): number {
  // One frame per open expression (its count of open braces) or quoted string inside one.
  const frames: (number | 'string')[] = [0];
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    const top = frames[frames.length - 1] ?? 0;
    if (top === 'string') {
      if (c === '\\') i++;
      else if (c === '"') frames.pop();
      else if (s.startsWith('$${', i) || s.startsWith('%%{', i)) i += 2;
      else if (s.startsWith('${', i) || s.startsWith('%{', i)) {
        frames.push(0);
        i++;
      }
    } else if (c === '"') {
      frames.push('string');
    } else if (c === '{') {
      frames[frames.length - 1] = top + 1;
    } else if (c === '}') {
      if (top > 0) frames[frames.length - 1] = top - 1;
      else {
        frames.pop();
        if (frames.length === 0) return i;
      }
    }
  }
  return -1;
}

/**
 * Where each UTF-16 unit of a decoded JSON string was written in the file (one more entry: the end of its
 * content), so that interpolations get spans. JSON escapes (`\n`, `\u00e9`) each give one unit. When the
 * raw text does not decode to the same length (a broken escape), offsets are only approximated.
 */
function offsetsIn(text: string, n: Node, value: string): (i: number) => number {
  const start = n.offset + 1;
  const last = n.offset + n.length - 1;
  const end = n.length >= 2 && text[last] === '"' ? last : n.offset + n.length;
  const at: number[] = [];
  for (let p = start; p < end;) {
    at.push(p);
    if (text[p] !== '\\') p++;
    else p += text[p + 1] === 'u' ? 6 : 2;
  }
  at.push(end);
  if (at.length !== value.length + 1) return (i) => Math.min(start + i, end);
  return (i) => at[i] ?? end;
}

/** `"//"` members are comments in Terraform's JSON syntax, wherever they are. */
function collectComments(r: Reader, root: Node): void {
  // A stack, not recursion: comments are collected from the whole tree before anything else reads it.
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'property') {
      const [key, value] = n.children ?? [];
      if (key?.value === '//' && value) {
        const text: unknown = value.value;
        r.config.comments.push({
          ...spanOf(r, n),
          text: typeof text === 'string' ? text : r.text.slice(value.offset, value.offset + value.length),
          file: r.file,
        });
        continue;
      }
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  r.config.comments.sort((a, b) => a.start - b.start);
}

/** An object's members, `"//"` comments left out. */
function members(r: Reader, n: Node): Member[] {
  const out: Member[] = [];
  for (const p of n.children ?? []) {
    const [key, value] = p.children ?? [];
    if (p.type !== 'property' || key?.type !== 'string') continue;
    const name = keyName(key);
    if (name === '//') continue;
    out.push({ key, name, value, span: { start: key.offset, end: spanOf(r, value ?? key).end } });
  }
  return out;
}

function keyName(key: Node): string {
  const value: unknown = key.value;
  return typeof value === 'string' ? value : '';
}

function spanOf(r: Reader, n: Node): Span {
  // A container a truncated file left open ends where the text ends.
  return { start: n.offset, end: n.length >= 0 ? n.offset + n.length : r.text.length };
}

function problem(r: Reader, at: Span, message: string): void {
  r.config.problems.push({ ...at, message: `Terraform JSON: ${message}`, file: r.file });
}

/**
 * The text with every value nested deeper than MAX_DEPTH replaced by `0` and spaces (same length, so every
 * offset stays exact), and where those values were. jsonc-parser's scanner is iterative, so this pass is
 * safe at any depth; the parser after it is not. A leading byte-order mark becomes a space.
 */
function cutDeepNesting(text: string): { masked: string; cut: Map<number, number> } {
  const cut = new Map<number, number>();
  const scanner = createScanner(text, true);
  let depth = 0;
  let from = 0;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth === MAX_DEPTH + 1) from = scanner.getTokenOffset();
    } else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) {
      if (depth === MAX_DEPTH + 1) cut.set(from, scanner.getTokenOffset() + scanner.getTokenLength());
      if (depth > 0) depth--;
    }
  }
  if (depth > MAX_DEPTH) cut.set(from, text.length);
  let masked = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  if (cut.size > 0) {
    const pieces: string[] = [];
    let last = 0;
    for (const [start, end] of cut) {
      pieces.push(masked.slice(last, start), '0', ' '.repeat(end - start - 1));
      last = end;
    }
    pieces.push(masked.slice(last));
    masked = pieces.join('');
  }
  return { masked, cut };
}
