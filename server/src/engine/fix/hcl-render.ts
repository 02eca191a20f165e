// FixValues as Terraform writes them. A value is first resolved (references and `${…}` placeholders become
// Terraform expressions, which may fail: a reference to nothing), then formatted either as HCL (an
// attribute's value, an object inside `jsonencode`) or as JSON text (inside a heredoc or a quoted JSON
// string, where references can only be interpolations).
import { isRef, isSub, type FixRef, type FixValue } from './intents';

/** Literal text, or a Terraform expression to interpolate. */
export type Piece = string | { expr: string };

/** A value with its references resolved; `str` is a string that may interpolate. */
export type Resolved =
  | { k: 'str'; pieces: Piece[] }
  | { k: 'lit'; text: string }
  | { k: 'list'; items: Resolved[] }
  | { k: 'map'; entries: [string, Resolved][] }
  /** A function applied to a value: `jsonencode({ … })` around a new policy document. */
  | { k: 'call'; name: string; arg: Resolved };

/** What resolving needs from the module: the expression a reference or a pseudo parameter stands for. */
export interface Resolver {
  refExpr(ref: FixRef): string | undefined;
  /** `AWS::Partition` → `data.aws_partition.current.partition`; undefined for what Terraform has no source of. */
  pseudo(name: string): string | undefined;
}

export function resolve(v: FixValue, r: Resolver): Resolved | undefined {
  if (typeof v === 'string') return { k: 'str', pieces: [v] };
  if (typeof v === 'number' || typeof v === 'boolean') return { k: 'lit', text: String(v) };
  if (isRef(v)) {
    const expr = r.refExpr(v);
    return expr === undefined ? undefined : { k: 'str', pieces: [{ expr }] };
  }
  if (isSub(v)) {
    const pieces = subPieces(v.$sub, r);
    return pieces && { k: 'str', pieces };
  }
  if (Array.isArray(v)) {
    const items: Resolved[] = [];
    for (const x of v as readonly FixValue[]) {
      const item = resolve(x, r);
      if (!item) return undefined;
      items.push(item);
    }
    return { k: 'list', items };
  }
  const entries: [string, Resolved][] = [];
  for (const [key, x] of Object.entries(v as { readonly [key: string]: FixValue })) {
    const item = resolve(x, r);
    if (!item) return undefined;
    entries.push([key, item]);
  }
  return { k: 'map', entries };
}

/** `Fn::Sub` placeholders as interpolations; `${!Literal}` is the literal text `${Literal}`. */
function subPieces(sub: string, r: Resolver): Piece[] | undefined {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of sub.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1] as string;
    pushText(pieces, sub.slice(last, m.index));
    last = m.index + m[0].length;
    if (name.startsWith('!')) {
      pushText(pieces, '${' + name.slice(1) + '}');
      continue;
    }
    const expr = name.includes('::')
      ? r.pseudo(name)
      : name.endsWith('.Arn')
        ? r.refExpr({ $ref: name.slice(0, -4), attribute: 'Arn' })
        : r.refExpr({ $ref: name });
    if (expr === undefined) return undefined;
    pieces.push({ expr });
  }
  pushText(pieces, sub.slice(last));
  return pieces;
}

function pushText(pieces: Piece[], text: string): void {
  if (text === '') return;
  const prev = pieces[pieces.length - 1];
  if (typeof prev === 'string') pieces[pieces.length - 1] = prev + text;
  else pieces.push(text);
}

/** A literal part of an HCL quoted string or heredoc: escapes, and `${` / `%{` kept literal. */
export function hclEscape(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\$\{/g, '$${')
    .replace(/%\{/g, '%%{');
}

export function hclString(pieces: readonly Piece[]): string {
  const only = pieces[0];
  if (pieces.length === 1 && only !== undefined && typeof only !== 'string') return only.expr;
  return '"' + pieces.map((p) => (typeof p === 'string' ? hclEscape(p) : '${' + p.expr + '}')).join('') + '"';
}

/** A key of an HCL object: bare when it is an identifier, quoted otherwise (`"aws:SourceArn"`). */
export function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString([key]);
}

/** Lines wider than this are broken: what reads as "short" in a Terraform file. */
const WIDTH = 80;

/**
 * HCL text at `indent` (the indentation of the line the value starts on; continuation lines are indented
 * from it). Lists of scalars and one-entry objects stay on one line when they fit; maps align their `=`
 * the way `terraform fmt` does.
 */
export function formatHcl(v: Resolved, indent: string): string {
  const inline = inlineHcl(v);
  if (inline !== undefined && indent.length + inline.length <= WIDTH) return inline;
  const inner = indent + '  ';
  if (v.k === 'call') return `${v.name}(${formatHcl(v.arg, indent)})`;
  if (v.k === 'list') {
    return '[\n' + v.items.map((x) => inner + formatHcl(x, inner) + ',\n').join('') + indent + ']';
  }
  if (v.k === 'map') {
    if (v.entries.length === 0) return '{}';
    return (
      '{\n' +
      alignedLines(
        v.entries.map(([k, x]) => [hclKey(k), formatHcl(x, inner)]),
        inner,
      ) +
      indent +
      '}'
    );
  }
  return inline ?? '';
}

function inlineHcl(v: Resolved): string | undefined {
  switch (v.k) {
    case 'str':
      return hclString(v.pieces);
    case 'lit':
      return v.text;
    case 'call': {
      const arg = inlineHcl(v.arg);
      return arg === undefined ? undefined : `${v.name}(${arg})`;
    }
    case 'list': {
      if (v.items.some((x) => x.k === 'list' || x.k === 'map')) return undefined;
      return '[' + v.items.map((x) => inlineHcl(x)).join(', ') + ']';
    }
    case 'map': {
      if (v.entries.length === 0) return '{}';
      const [only] = v.entries;
      if (v.entries.length > 1 || !only) return undefined;
      const inner = inlineHcl(only[1]);
      return inner === undefined ? undefined : `{ ${hclKey(only[0])} = ${inner} }`;
    }
  }
}

/**
 * `name = value` lines at `indent`, each ending in a line break: consecutive single-line values form a group
 * whose `=` line up; a multi-line value stands alone, as `terraform fmt` leaves it.
 */
export function alignedLines(items: readonly [string, string][], indent: string): string {
  let out = '';
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j < items.length && !(items[j] as [string, string])[1].includes('\n')) j++;
    const group = items.slice(i, j);
    const width = Math.max(0, ...group.map(([k]) => k.length));
    for (const [k, v] of group) out += `${indent}${k.padEnd(width)} = ${v}\n`;
    const multi = items[j];
    if (multi) out += `${indent}${multi[0]} = ${multi[1]}\n`;
    i = j + 1;
  }
  return out;
}

/** How JSON is written where it is inserted: its indentation unit, or all on one line. */
export interface JsonStyle {
  unit: string;
  compact: boolean;
}

/**
 * JSON text at `indent`, as pieces: interpolations stay expressions, so that the host (a heredoc, a quoted
 * string) escapes only the literal text. Arrays of scalars that fit stay on one line.
 */
export function formatJson(v: Resolved, indent: string, style: JsonStyle): Piece[] {
  const out: Piece[] = [];
  const emit = (p: Piece): void => {
    if (typeof p === 'string') pushText(out, p);
    else out.push(p);
  };
  const inlineList = (x: Resolved): boolean =>
    x.k === 'list' && x.items.every((i) => i.k === 'str' || i.k === 'lit');
  // `{"Service": "cloudtrail.amazonaws.com"}`: a principal reads best on one line.
  const oneScalar = (x: Resolved): boolean =>
    x.k === 'map' &&
    x.entries.length === 1 &&
    (x.entries[0]?.[1].k === 'str' || x.entries[0]?.[1].k === 'lit');
  const walk = (x: Resolved, ind: string): void => {
    switch (x.k) {
      case 'str':
        emit('"');
        for (const p of x.pieces) emit(typeof p === 'string' ? JSON.stringify(p).slice(1, -1) : p);
        emit('"');
        return;
      case 'lit':
        emit(x.text);
        return;
      case 'call':
        // JSON has no calls; a document already in JSON needs no `jsonencode`.
        walk(x.arg, ind);
        return;
      case 'list':
      case 'map': {
        const [open, close] = x.k === 'list' ? ['[', ']'] : ['{', '}'];
        const n = x.k === 'list' ? x.items.length : x.entries.length;
        if (n === 0) return emit(open + close);
        const flat = style.compact || inlineList(x) || oneScalar(x);
        const inner = ind + style.unit;
        emit(open);
        for (let i = 0; i < n; i++) {
          emit(i > 0 ? (flat ? ', ' : ',\n' + inner) : flat ? '' : '\n' + inner);
          if (x.k === 'list') walk(x.items[i] as Resolved, inner);
          else {
            const [k, val] = x.entries[i] as [string, Resolved];
            emit(JSON.stringify(k) + ': ');
            walk(val, inner);
          }
        }
        emit(flat ? close : '\n' + ind + close);
        return;
      }
    }
  };
  walk(v, indent);
  return out;
}

/** A block to write: `header` (`resource "aws_kms_key" "trail_key"`, `statement`) and its body in order. */
export interface BlockSpec {
  header: string;
  body: BodyItem[];
}

/** An attribute, a blank line (which also ends an alignment group) or a nested block. */
export type BodyItem = { attr: string; value: Resolved } | { blank: true } | { block: BlockSpec };

/** A block at `indent` (where its header line starts), without a line break after its `}`. */
export function formatBlock(b: BlockSpec, indent: string): string {
  if (b.body.length === 0) return `${b.header} {}`;
  const inner = indent + '  ';
  let out = `${b.header} {\n`;
  let run: [string, string][] = [];
  const flush = (): void => {
    out += alignedLines(run, inner);
    run = [];
  };
  for (const item of b.body) {
    if ('attr' in item) {
      run.push([item.attr, formatHcl(item.value, inner)]);
      continue;
    }
    flush();
    out += 'blank' in item ? '\n' : inner + formatBlock(item.block, inner) + '\n';
  }
  flush();
  return out + indent + '}';
}

export const str = (s: string): Resolved => ({ k: 'str', pieces: [s] });
export const expr = (e: string): Resolved => ({ k: 'str', pieces: [{ expr: e }] });
