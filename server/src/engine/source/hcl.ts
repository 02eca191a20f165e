// Terraform's native syntax, read from a tree-sitter tree (the Terraform grammar of
// @tree-sitter-grammars/tree-sitter-hcl) into a small tree of blocks, attributes and expressions with exact
// UTF-16 offsets. tree-sitter keeps going through half-typed text: what it could not read becomes a
// problem with its position, and the blocks around it are still read. Only the shapes a Terraform reader
// needs to resolve values are kept apart (literals, templates, references, calls, objects, tuples,
// heredocs, conditionals); every other expression (operators, for-expressions, splats) is `other`, which
// readers treat as unresolved.
import type { Node } from 'web-tree-sitter';
import { splitHeaders, swallowedBlock } from './hcl-swallowed';
import { flushIndent, type Literal } from './hcl-heredoc';
import { collectComments, MAX_DEPTH, plainTree, type PNode, type SkipBody } from './hcl-walk';
import type { ParseProblem, Span } from './node';

export type { SkipBody } from './hcl-walk';

export interface HclFile {
  body: HclBody;
  /** `#`, `//` and `/* … *\/` comments, in source order (suppression directives live there). */
  comments: HclComment[];
  problems: ParseProblem[];
  /**
   * In a tree with errors, where the first block sits that an error above swallowed (hcl-swallowed.ts):
   * the reader reads the file on from there.
   */
  swallowed?: number;
}

export interface HclComment extends Span {
  text: string;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export interface HclAttribute extends Span {
  name: string;
  nameSpan: Span;
  value: HclExpr;
}

export interface HclBlock extends Span {
  type: string;
  typeSpan: Span;
  /** `resource "aws_cloudtrail" "main"` has the labels `aws_cloudtrail` and `main`. */
  labels: string[];
  /** Where each label is written, quotes included. */
  labelSpans: Span[];
  body: HclBody;
}

export type HclExpr =
  | (Span & { kind: 'literal'; value: string | number | boolean | null })
  /** A quoted string with interpolations: literal parts as strings, `${…}` parts as expressions. */
  | (Span & { kind: 'template'; parts: (string | HclExpr)[] })
  /** A heredoc; `parts` as for a template. */
  | (Span & { kind: 'heredoc'; parts: (string | HclExpr)[] })
  /**
   * `aws_s3_bucket.logs.arn`, `var.name`, `local.x`, `data.aws_iam_policy_document.p.json`. An index that is
   * not a literal (`aws_s3_bucket.logs[count.index].id`) is the step {@link COMPUTED_INDEX}.
   */
  | (Span & { kind: 'reference'; path: string[] })
  /** `condition ? then : otherwise`. */
  | (Span & { kind: 'conditional'; condition: HclExpr; then: HclExpr; otherwise: HclExpr })
  | (Span & { kind: 'call'; name: string; args: HclExpr[] })
  | (Span & { kind: 'object'; entries: HclObjectEntry[] })
  | (Span & { kind: 'tuple'; items: HclExpr[] })
  | (Span & { kind: 'other' });

/** `"${x}"`: a template that is one interpolation alone is `x` itself, of its own type, as Terraform reads it. */
export function loneInterpolation(e: HclExpr | undefined): HclExpr | undefined {
  const only = e?.kind === 'template' && e.parts.length === 1 ? e.parts[0] : undefined;
  return only !== undefined && typeof only !== 'string' ? only : undefined;
}

export interface HclObjectEntry {
  /** A bare or quoted key; undefined for a computed key (`(var.k) = …`). */
  key: string | undefined;
  keySpan: Span;
  value: HclExpr;
}

/**
 * The step of a reference for an index computed at plan time (`[count.index]`, `[each.key]`): which instance
 * it names is unknown, which resource it names is not.
 */
export const COMPUTED_INDEX = '[…]';

const span = (n: { startIndex: number; endIndex: number }): Span => ({
  start: n.startIndex,
  end: n.endIndex,
});

/** `from`: where the text tree-sitter parsed starts (a read on from a swallowed block). */
export function readHcl(root: Node, source: string, skipBody?: SkipBody, from = 0): HclFile {
  const file: HclFile = { body: { attributes: [], blocks: [] }, comments: [], problems: [] };
  // An error-free tree (nearly every saved file) is read by a leaner walk that also finds the comments.
  const clean = !root.hasError;
  if (clean) {
    // config_file → body → items: each item is read as soon as it is copied.
    plainTree(root, source, skipBody, file.comments, (item) => readBodyItem(file.body, item, 0));
    splitHeaders(source, file);
    return file;
  }
  collectTrivia(root, file);
  // Read whole, then skipped: see skipBodies.
  const body = plainTree(root, source, undefined, undefined).namedChildren.find((c) => c.type === 'body');
  if (body) file.body = readBody(body, 0);
  file.swallowed = swallowedBlock(source, file, from);
  splitHeaders(source, file);
  if (skipBody) skipBodies(file.body.blocks, skipBody, 0);
  return file;
}

/**
 * Skips bodies in a tree with errors, where a half-typed attribute (`ami =` before the `}`) makes
 * tree-sitter nest every later block of the file in the body it sits in, and the Terraform reader lifts
 * them back to the top. So a block is skipped by its header at any depth, and a skipped body keeps its
 * labelled blocks (each skipped in turn) and nothing else, as a clean tree's skipped body keeps nothing.
 * The blocks were made by this read: changing them changes nothing anyone else holds.
 */
function skipBodies(blocks: HclBlock[], skipBody: SkipBody, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const b of blocks) {
    if (skipBody([b.type, ...b.labels])) {
      const kept = b.body.blocks.filter((x) => x.labels.length > 0);
      skipBodies(kept, skipBody, depth + 1);
      b.body = { attributes: [], blocks: kept };
    } else skipBodies(b.body.blocks, skipBody, depth + 1);
  }
}

/**
 * Comments (one walk inside tree-sitter, not node by node from JS), and the places tree-sitter could not
 * read, found by descending only into subtrees that hold an error.
 */
function collectTrivia(root: Node, file: HclFile): void {
  collectComments(root, file.comments);
  collectProblems(root, file, 0);
}

function collectProblems(n: Node, file: HclFile, depth: number): void {
  if (n.isError)
    file.problems.push({
      start: n.startIndex,
      end: n.endIndex,
      message: 'Terraform syntax error: this text could not be read',
    });
  else if (n.isMissing)
    file.problems.push({
      start: n.startIndex,
      end: n.endIndex,
      message: `Terraform syntax error: missing ${n.type}`,
    });
  if (depth > MAX_DEPTH) return;
  for (const c of n.children) if (c && (c.hasError || c.isMissing)) collectProblems(c, file, depth + 1);
}

function readBody(n: PNode, depth: number): HclBody {
  const body: HclBody = { attributes: [], blocks: [] };
  for (const c of n.namedChildren) readBodyItem(body, c, depth);
  return body;
}

/** One child of a body: an attribute or a block joins `body`; anything else (comments) is passed over. */
function readBodyItem(body: HclBody, c: PNode, depth: number): void {
  const pair = c.type === 'attribute' ? c.pair : undefined;
  if (pair) {
    // What the walk reads of `name = value` copied as identifier and expression nodes.
    body.attributes.push({
      start: c.startIndex,
      end: c.endIndex,
      name: c.source.slice(c.startIndex, pair.keyEnd),
      nameSpan: { start: c.startIndex, end: pair.keyEnd },
      value: bounded(pair.value, depth + 1),
    });
  } else if (c.type === 'attribute') {
    const name = c.namedChildren.find((x) => x?.type === 'identifier');
    const value = c.namedChildren.find((x) => x?.type === 'expression');
    if (!name) return;
    body.attributes.push({
      start: c.startIndex,
      end: c.endIndex,
      name: name.text,
      nameSpan: span(name),
      value: value ? readExpr(value, depth + 1) : { start: c.startIndex, end: c.endIndex, kind: 'other' },
    });
  } else if (c.type === 'block') {
    const block = readBlock(c, depth + 1);
    if (block) body.blocks.push(block);
  }
}

function readBlock(n: PNode, depth: number): HclBlock | undefined {
  const type = n.namedChildren.find((x) => x?.type === 'identifier');
  if (!type) return undefined;
  const labels: string[] = [];
  const labelSpans: Span[] = [];
  for (const c of n.namedChildren) {
    if (c?.type === 'string_lit') labels.push(stringContent(c));
    else if (c?.type === 'identifier' && c !== type) labels.push(c.text);
    else continue;
    labelSpans.push(span(c));
  }
  const body = n.namedChildren.find((x) => x?.type === 'body');
  return {
    start: n.startIndex,
    end: n.endIndex,
    type: type.text,
    typeSpan: span(type),
    labels,
    labelSpans,
    body: body && depth < MAX_DEPTH ? readBody(body, depth + 1) : { attributes: [], blocks: [] },
  };
}

function readExpr(n: PNode, depth: number): HclExpr {
  if (depth > MAX_DEPTH) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  switch (n.type) {
    case 'expression':
      return readExpression(n, depth);
    case 'literal_value':
      return readLiteral(n);
    case 'template_expr':
      return readTemplate(n, depth);
    case 'collection_value': {
      const inner = n.namedChildren[0];
      return inner ? readExpr(inner, depth + 1) : { start: n.startIndex, end: n.endIndex, kind: 'other' };
    }
    case 'tuple':
      return {
        start: n.startIndex,
        end: n.endIndex,
        kind: 'tuple',
        items: n.namedChildren.filter((c) => c?.type === 'expression').map((c) => readExpr(c, depth + 1)),
      };
    case 'object':
      return { start: n.startIndex, end: n.endIndex, kind: 'object', entries: objectEntries(n, depth) };
    case 'function_call':
      return readCall(n, depth);
    case 'conditional':
      return readConditional(n, depth);
    default:
      return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  }
}

/**
 * `a ? x : b ? y : z`. The grammar nests a chain on the left, `((a ? x : b) ? y : z)`, where Terraform reads
 * `a ? x : (b ? y : z)`: the chain's pieces are taken in order (a conditional written in the condition
 * without parentheses continues the chain) and nested on the right again.
 */
function readConditional(n: PNode, depth: number): HclExpr {
  const pieces: PNode[] = [];
  if (!chainPieces(n, pieces, depth)) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  const build = (i: number): HclExpr => {
    const condition = pieces[i] as PNode;
    if (i + 1 >= pieces.length) return readExpr(condition, depth + 1);
    return {
      start: condition.startIndex,
      end: n.endIndex,
      kind: 'conditional',
      condition: readExpr(condition, depth + 1),
      then: readExpr(pieces[i + 1] as PNode, depth + 1),
      otherwise: build(i + 2),
    };
  };
  const chain = build(0);
  return chain.kind === 'conditional' ? { ...chain, start: n.startIndex } : chain;
}

/** The condition, branch, condition, branch… and last branch of a conditional chain, in source order. */
function chainPieces(n: PNode, out: PNode[], depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const [condition, then, otherwise, extra] = n.namedChildren.filter((c) => c.type === 'expression');
  if (!condition || !then || !otherwise || extra) return false;
  const inner = condition.namedChildren.filter((c) => c.type !== 'comment');
  const chained = inner.length === 1 && inner[0]?.type === 'conditional' ? inner[0] : undefined;
  if (chained) {
    if (!chainPieces(chained, out, depth + 1)) return false;
  } else out.push(condition);
  out.push(then, otherwise);
  return true;
}

/**
 * An `expression` node holds either one child (a literal, a collection, a call, a template…) or a
 * traversal: `variable_expr` followed by `get_attr` / `index` steps. `.name` steps and literal indexes are
 * kept, a computed index as {@link COMPUTED_INDEX}; a splat or a legacy `.0` index makes the traversal `other`.
 */
function readExpression(n: PNode, depth: number): HclExpr {
  if (n.value) return n.value;
  const children = n.namedChildren.filter((c): c is PNode => c !== null && c.type !== 'comment');
  const first = children[0];
  if (!first) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  if (first.type !== 'variable_expr') {
    return children.length === 1
      ? readExpr(first, depth + 1)
      : { start: n.startIndex, end: n.endIndex, kind: 'other' };
  }
  const path = [first.text];
  for (const step of children.slice(1)) {
    if (step.type === 'get_attr') {
      const name = step.namedChildren.find((x) => x?.type === 'identifier');
      if (!name) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
      path.push(name.text);
    } else if (step.type === 'index') {
      const index = step.namedChildren[0]?.namedChildren[0];
      const literal = index?.type === 'expression' ? index.namedChildren[0] : index;
      // An index read from its text by the walk is a literal (or a traversal, which is no key).
      const value = index?.value ?? (literal?.type === 'literal_value' ? readLiteral(literal) : undefined);
      if (value?.kind === 'literal' && (typeof value.value === 'string' || typeof value.value === 'number'))
        path.push(String(value.value));
      else if (value?.kind === 'literal' || index?.type !== 'expression')
        return { start: n.startIndex, end: n.endIndex, kind: 'other' };
      else path.push(COMPUTED_INDEX);
    } else {
      return { start: n.startIndex, end: n.endIndex, kind: 'other' };
    }
  }
  return { start: n.startIndex, end: n.endIndex, kind: 'reference', path };
}

function readLiteral(n: PNode): HclExpr {
  if (n.closed) return literalFromText(n);
  const c = n.namedChildren[0];
  if (!c) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  switch (c.type) {
    case 'numeric_lit':
      return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: Number(c.text) };
    case 'bool_lit':
      return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: c.text === 'true' };
    case 'null_lit':
      return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: null };
    case 'string_lit':
      return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: stringContent(c) };
    default:
      return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  }
}

function readTemplate(n: PNode, depth: number): HclExpr {
  const inner = n.namedChildren[0];
  if (!inner) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  const heredoc = inner.type === 'heredoc_template';
  const source = n.source;
  // The literal text is what lies between the interpolations, read from the source: the grammar's
  // template_literal tokens leave out spaces next to `${` and `}` (`"S3 objects of ${x}"` would lose one).
  // A heredoc's text runs from the line after `<<ID` to the start of the closing marker's line, its last
  // line break included (an indented `<<-` heredoc keeps its indentation here: JSON, what heredocs hold in
  // policies, ignores it). A half-typed template without its closing quote ends where the node does.
  const opened = heredoc ? source.indexOf('\n', n.startIndex) : n.startIndex;
  if (opened < 0 || opened >= n.endIndex) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  let from = opened + 1;
  const to = heredoc
    ? Math.max(from, source.lastIndexOf('\n', n.endIndex - 1) + 1)
    : source.charCodeAt(n.endIndex - 1) === 0x22 && n.endIndex - 1 >= from
      ? n.endIndex - 1
      : n.endIndex;
  // The literal text as written, between the interpolations, with the strip markers around it: `${~ … ~}`
  // strips the spaces (line breaks included) before and after it.
  const pieces: (Literal | HclExpr)[] = [];
  let stripNext = false;
  for (const c of inner.namedChildren) {
    const directive = c.type === 'template_directive';
    if (!directive && c.type !== 'template_interpolation') continue;
    const stripEnd = source.startsWith(directive ? '%{~' : '${~', c.startIndex);
    pieces.push({ text: source.slice(from, c.startIndex), stripStart: stripNext, stripEnd });
    // %{ if … } / %{ for … } … %{ endfor }: what it writes depends on values, so it is a part of its own
    // that is not known (the text around it still is: a heredoc policy stays readable around a loop).
    const e = directive ? undefined : c.namedChildren.find((x) => x?.type === 'expression');
    pieces.push(e ? readExpr(e, depth + 1) : { start: c.startIndex, end: c.endIndex, kind: 'other' });
    stripNext = source.startsWith('~}', c.endIndex - 2);
    from = c.endIndex;
  }
  pieces.push({ text: source.slice(from, to), stripStart: stripNext, stripEnd: false });
  if (heredoc && source.startsWith('<<-', n.startIndex)) flushIndent(pieces);
  const parts: (string | HclExpr)[] = [];
  for (const p of pieces) {
    if (!('text' in p)) {
      parts.push(p);
      continue;
    }
    let text = p.stripStart ? p.text.trimStart() : p.text;
    if (p.stripEnd) text = text.trimEnd();
    // A heredoc takes backslashes as written: only `$${` and `%%{` are escapes there.
    if (text !== '') pushText(parts, heredoc ? unescapeMarkers(text) : unescape(text));
  }
  if (heredoc) return { start: n.startIndex, end: n.endIndex, kind: 'heredoc', parts };
  if (parts.every((p) => typeof p === 'string'))
    return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: parts.join('') };
  return { start: n.startIndex, end: n.endIndex, kind: 'template', parts };
}

/** Adds literal text to template parts, joining it to literal text before it. */
function pushText(parts: (string | HclExpr)[], text: string): void {
  const last = parts[parts.length - 1];
  if (typeof last === 'string') parts[parts.length - 1] = last + text;
  else parts.push(text);
}

function readCall(n: PNode, depth: number): HclExpr {
  const name = n.namedChildren.find((x) => x?.type === 'identifier');
  const args = n.namedChildren.find((x) => x?.type === 'function_arguments');
  if (!name) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  return {
    start: n.startIndex,
    end: n.endIndex,
    kind: 'call',
    name: name.text,
    args: (args?.namedChildren ?? [])
      .filter((c): c is PNode => c?.type === 'expression')
      .map((c) => readExpr(c, depth + 1)),
  };
}

function objectEntries(n: PNode, depth: number): HclObjectEntry[] {
  const out: HclObjectEntry[] = [];
  for (const c of n.namedChildren) {
    if (c?.type !== 'object_elem') continue;
    const pair = c.pair;
    if (pair) {
      // What the walk reads of `key = value` copied as two expression nodes.
      const key = bounded(pair.key as HclExpr, depth + 1);
      out.push({
        key: entryKey(key),
        keySpan: { start: c.startIndex, end: pair.keyEnd },
        value: bounded(pair.value, depth + 1),
      });
      continue;
    }
    const keyNode = c.childForFieldName('key');
    const valueNode = c.childForFieldName('val');
    if (!keyNode || !valueNode) continue;
    const key = readExpr(keyNode, depth + 1);
    out.push({ key: entryKey(key), keySpan: span(keyNode), value: readExpr(valueNode, depth + 1) });
  }
  return out;
}

/** A bare key (`Version = …`) parses as a one-step reference; a quoted key as a literal. */
function entryKey(key: HclExpr): string | undefined {
  if (key.kind === 'reference') return key.path.length === 1 ? key.path[0] : undefined;
  // Terraform turns every key into a string: `1 = …` is "1", a bare `true` or `null` is that word.
  if (key.kind === 'literal') return String(key.value);
  // A quoted key with interpolations of literals only (`"${"k"}"`) is their text.
  if (key.kind === 'template' && key.parts.every((p) => typeof p === 'string' || p.kind === 'literal'))
    return key.parts
      .map((p) => (typeof p === 'string' ? p : String((p as { value: unknown }).value)))
      .join('');
  return undefined;
}

/** An expression read from its text, as readExpr gives it at `depth` (past the bound: `other`). */
function bounded(e: HclExpr, depth: number): HclExpr {
  return depth > MAX_DEPTH ? { start: e.start, end: e.end, kind: 'other' } : e;
}

/** A `literal_value` of an error-free tree, by its text: its one child spans all of it. */
function literalFromText(n: PNode): HclExpr {
  const text = n.text;
  if (text.startsWith('"'))
    return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: unescape(text.slice(1, -1)) };
  if (text === 'true' || text === 'false')
    return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: text === 'true' };
  if (text === 'null') return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: null };
  return { start: n.startIndex, end: n.endIndex, kind: 'literal', value: Number(text) };
}

/** The text of a `string_lit` without its quotes, escapes decoded. */
function stringContent(n: PNode): string {
  // Read from between the quotes: the grammar's template_literal leaves out spaces at the ends.
  const text = n.text;
  if (n.closed || (text.length >= 2 && text.startsWith('"') && text.endsWith('"')))
    return unescape(text.slice(1, -1));
  return unescape(
    n.namedChildren
      .filter((c) => c?.type === 'template_literal')
      .map((c) => c.text)
      .join(''),
  );
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * The character of a `\\u` / `\\U` escape's hex digits; undefined past Unicode's last code point
 * (`\\U00110000`), which Terraform refuses: that escape is then kept as written.
 */
export function codePoint(hex: string): string | undefined {
  const code = parseInt(hex, 16);
  return /^[0-9a-fA-F]+$/.test(hex) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** A heredoc's only escapes: `$${` and `%%{`, for a literal `${` and `%{`. */
function unescapeMarkers(text: string): string {
  return text.includes('$${') || text.includes('%%{')
    ? text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')
    : text;
}

/** HCL string escapes (`\n`, `\"`, `\uNNNN`, `$${`, `%%{`). */
function unescape(text: string): string {
  // Most strings hold no escape: they need no scan by three expressions.
  if (!/[\\$%]/.test(text)) return text;
  return text
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])/g, (whole: string, e: string) =>
      e.length > 1 ? (codePoint(e.slice(1)) ?? whole) : (ESCAPES[e] ?? e),
    )
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}
