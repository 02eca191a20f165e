// Terraform's native syntax, read from a tree-sitter tree (the Terraform grammar of
// @tree-sitter-grammars/tree-sitter-hcl) into a small tree of blocks, attributes and expressions with exact
// UTF-16 offsets. tree-sitter keeps going through half-typed text: what it could not read becomes a
// problem with its position, and the blocks around it are still read. Only the shapes a Terraform reader
// needs to resolve values are kept apart (literals, templates, references, calls, objects, tuples,
// heredocs); every other expression (conditionals, operators, for-expressions, splats) is `other`, which
// readers treat as unresolved.
import type { Language, Node, TreeCursor } from 'web-tree-sitter';
import { simpleExpr, simplePair, type SimplePair } from './hcl-text';
import type { ParseProblem, Span } from './node';

export interface HclFile {
  body: HclBody;
  /** `#`, `//` and `/* … *\/` comments, in source order (suppression directives live there). */
  comments: HclComment[];
  problems: ParseProblem[];
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
  /** `aws_s3_bucket.logs.arn`, `var.name`, `local.x`, `data.aws_iam_policy_document.p.json`. */
  | (Span & { kind: 'reference'; path: string[] })
  | (Span & { kind: 'call'; name: string; args: HclExpr[] })
  | (Span & { kind: 'object'; entries: HclObjectEntry[] })
  | (Span & { kind: 'tuple'; items: HclExpr[] })
  | (Span & { kind: 'other' });

export interface HclObjectEntry {
  /** A bare or quoted key; undefined for a computed key (`(var.k) = …`). */
  key: string | undefined;
  keySpan: Span;
  value: HclExpr;
}

const span = (n: { startIndex: number; endIndex: number }): Span => ({
  start: n.startIndex,
  end: n.endIndex,
});

/**
 * A named node of the tree as a plain object. Every property of a web-tree-sitter `Node` is a call into
 * WebAssembly and every `namedChildren` a fresh set of objects; reading the tree through those cost more than
 * parsing it. One cursor walk copies the named nodes into these instead, and the reader below works on them.
 */
const NO_CHILDREN: readonly PNode[] = Object.freeze([]);

class PNode {
  /** Shared by every node without children until its first (most nodes are leaves: no array each). */
  namedChildren: readonly PNode[] = NO_CHILDREN;

  constructor(
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly field: string | null,
    readonly source: string,
    /** Children not copied: a literal or label of an error-free tree, read from its text instead. */
    readonly closed = false,
    /** An `expression` of an error-free tree read from its text (see hcl-text.ts). */
    readonly value: HclExpr | undefined = undefined,
    /**
     * An `attribute` or `object_elem` of an error-free tree read from its text: its key and value, so that
     * it needs no child nodes (readBodyItem and objectEntries read this instead).
     */
    readonly pair: SimplePair | undefined = undefined,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  add(child: PNode): void {
    if (this.namedChildren === NO_CHILDREN) this.namedChildren = [child];
    else (this.namedChildren as PNode[]).push(child);
  }

  childForFieldName(name: string): PNode | null {
    return this.namedChildren.find((c) => c.field === name) ?? null;
  }
}

/**
 * Whether the body of a top-level block need not be read, given its type and labels
 * (`['resource', 'aws_instance', 'web']`): what a reader will never look at costs nothing.
 */
export type SkipBody = (header: string[]) => boolean;

/** The type and labels of a block whose header has been copied. */
function header(block: PNode): string[] {
  return block.namedChildren
    .filter((c) => c.type === 'identifier' || c.type === 'string_lit')
    .map((c) => (c.type === 'string_lit' ? c.text.slice(1, -1) : c.text));
}

// What the walk does at a node, by its type id: each cursor call is a trip into WebAssembly, so the walk
// asks one question per node (its type id) and reads positions only of the nodes it keeps.
const SKIP = 0;
const COPY = 1;
/** Copied without its children. */
const LEAF = 2;
/** Copied with its children, without its span, which no reader of an error-free tree asks for. */
const PASS = 3;

/**
 * Named nodes that are single tokens or delimiters: no reader looks at them. Left out only of error-free
 * trees, where they sit where the grammar puts them; a tree with errors is copied whole, as always.
 */
const DELIMITERS = new Set([
  'quoted_template_start',
  'quoted_template_end',
  'block_start',
  'block_end',
  'object_start',
  'object_end',
  'tuple_start',
  'tuple_end',
  'template_interpolation_start',
  'template_interpolation_end',
  'heredoc_start',
  'strip_marker',
]);

/**
 * Nodes of an error-free tree that only hold what the reader looks at (a block's body, the object or tuple
 * of a collection, a call's arguments, a template's parts): their positions are two calls into
 * WebAssembly each that nothing uses.
 */
const PASS_THROUGH = new Set([
  'body',
  'collection_value',
  'function_arguments',
  'quoted_template',
  'heredoc_template',
]);

/**
 * Nodes of an error-free tree whose children are not copied: tokens, and literals whose value their text
 * says (a `string_lit` is a quote, at most one `template_literal`, a quote; extras cannot sit inside).
 */
const TEXT_ONLY = new Set([
  'identifier',
  'comment',
  'numeric_lit',
  'bool_lit',
  'null_lit',
  'template_literal',
  'string_lit',
  'literal_value',
]);

const tables = new WeakMap<Language, { clean: Uint8Array; full: Uint8Array }>();

/** Per type id: what the walk does there in an error-free tree (`clean`) and in one with errors (`full`). */
function visitTables(language: Language): { clean: Uint8Array; full: Uint8Array } {
  let found = tables.get(language);
  if (!found) {
    const count = language.types.length;
    found = { clean: new Uint8Array(count), full: new Uint8Array(count) };
    for (let id = 0; id < count; id++) {
      const type = language.types[id];
      if (!type || !language.nodeTypeIsNamed(id)) continue;
      found.full[id] = COPY;
      found.clean[id] = DELIMITERS.has(type)
        ? SKIP
        : TEXT_ONLY.has(type)
          ? LEAF
          : PASS_THROUGH.has(type)
            ? PASS
            : COPY;
    }
    tables.set(language, found);
  }
  return found;
}

/**
 * Copies the named nodes below `root`, down to a bounded depth (deeper text is never read). In an error-free
 * tree (`comments` given) the walk also collects the comments, including those of bodies it skips.
 */
function plainTree(
  root: Node,
  source: string,
  skipBody: SkipBody | undefined,
  comments: HclComment[] | undefined,
  /**
   * Given, each top-level item (a child of the file's body) is handed over as soon as it is copied and
   * left out of the copy: its nodes then die young instead of surviving every scavenge of the walk.
   */
  topItem?: (item: PNode) => void,
): PNode {
  const clean = comments !== undefined;
  const { types } = root.tree.language;
  const tables = visitTables(root.tree.language);
  const table = clean ? tables.clean : tables.full;
  const cursor = root.walk();
  const top = new PNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, null, source);
  try {
    if (!cursor.gotoFirstChild()) return top;
    const stack = [top];
    for (;;) {
      const parent = stack[stack.length - 1] as PNode;
      const id = cursor.nodeTypeId;
      // Ids past the table are ERROR (and MISSING-like) nodes, which only trees with errors hold.
      const visit = id < table.length ? table[id] : COPY;
      if (visit !== SKIP) {
        const type = types[id] ?? 'ERROR';
        const start = visit === PASS ? -1 : cursor.startIndex;
        const end = visit === PASS ? -1 : cursor.endIndex;
        // Field names are read only where the reader asks for them (an object element's key and value).
        const field = parent.type === 'object_elem' ? fieldOf(cursor, parent, type, clean) : null;
        const node =
          (clean && fromText(type, start, end, field, source)) ||
          new PNode(type, start, end, field, source, visit === LEAF);
        if (topItem && stack.length === 2) flush(parent, topItem);
        parent.add(node);
        if (clean && type === 'comment') comments.push({ start, end, text: source.slice(start, end) });
        // stack: config_file, body, block — this is a top-level block's body.
        const skipped =
          skipBody !== undefined && type === 'body' && stack.length === 3 && skipBody(header(parent));
        const copied = visit === COPY || visit === PASS;
        const enter = copied && !skipped && !node.closed && stack.length < MAX_DEPTH * 2;
        if (enter && cursor.gotoFirstChild()) {
          stack.push(node);
          continue;
        }
        if (clean && copied && !enter && !node.closed) collectComments(cursor.currentNode, comments);
      }
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        stack.pop();
        if (stack.length === 0) {
          if (topItem) for (const body of top.namedChildren) flush(body, topItem);
          return top;
        }
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Hands over the children copied so far (a finished top-level item) and forgets them. */
function flush(body: PNode, topItem: (item: PNode) => void): void {
  for (const item of body.namedChildren) topItem(item);
  body.namedChildren = NO_CHILDREN;
}

/**
 * An expression, attribute or object element of an error-free tree copied from its text, children
 * included, when it is simple enough (see hcl-text.ts); undefined otherwise.
 */
function fromText(
  type: string,
  start: number,
  end: number,
  field: string | null,
  source: string,
): PNode | undefined {
  if (type === 'expression') {
    const value = simpleExpr(source, start, end);
    return value && new PNode(type, start, end, field, source, true, value);
  }
  if (type !== 'attribute' && type !== 'object_elem') return undefined;
  const attribute = type === 'attribute';
  const pair = simplePair(source, start, end, attribute);
  return pair && new PNode(type, start, end, field, source, true, undefined, pair);
}

/**
 * The field of a child of an object element. An error-free element is `key =|: val` (comments aside), so
 * there the named children say it by their order, without asking WebAssembly.
 */
function fieldOf(cursor: TreeCursor, parent: PNode, type: string, clean: boolean): string | null {
  if (!clean) return cursor.currentFieldName;
  if (type === 'comment') return null;
  const before = parent.namedChildren.filter((c) => c.type !== 'comment').length;
  return before === 0 ? 'key' : before === 1 ? 'val' : null;
}

/** Comments below a node the walk does not enter (a skipped body, or one past the depth bound). */
function collectComments(n: Node, comments: HclComment[]): void {
  for (const c of n.descendantsOfType('comment'))
    if (c) comments.push({ start: c.startIndex, end: c.endIndex, text: c.text });
}

/** Bound on nesting, so that hostile files cannot exhaust the stack while converting. */
const MAX_DEPTH = 200;

export function readHcl(root: Node, source: string, skipBody?: SkipBody): HclFile {
  const file: HclFile = { body: { attributes: [], blocks: [] }, comments: [], problems: [] };
  // An error-free tree (nearly every saved file) is read by a leaner walk that also finds the comments.
  const clean = !root.hasError;
  if (clean) {
    // config_file → body → items: each item is read as soon as it is copied.
    plainTree(root, source, skipBody, file.comments, (item) => readBodyItem(file.body, item, 0));
    return file;
  }
  collectTrivia(root, file);
  const body = plainTree(root, source, skipBody, undefined).namedChildren.find((c) => c.type === 'body');
  if (body) file.body = readBody(body, 0);
  return file;
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
    default:
      return { start: n.startIndex, end: n.endIndex, kind: 'other' };
  }
}

/**
 * An `expression` node holds either one child (a literal, a collection, a call, a template…) or a
 * traversal: `variable_expr` followed by `get_attr` / `index` steps. Only `.name` steps and literal
 * indexes are kept; a splat or computed index makes the traversal `other`.
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
      if (value === undefined) return { start: n.startIndex, end: n.endIndex, kind: 'other' };
      if (value.kind !== 'literal' || value.value === null || typeof value.value === 'boolean')
        return { start: n.startIndex, end: n.endIndex, kind: 'other' };
      path.push(String(value.value));
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
  const parts: (string | HclExpr)[] = [];
  for (const c of inner.namedChildren) {
    if (!c) continue;
    if (c.type === 'template_literal') pushText(parts, unescape(c.text));
    else if (c.type === 'template_interpolation') {
      const e = c.namedChildren.find((x) => x?.type === 'expression');
      parts.push(e ? readExpr(e, depth + 1) : { start: c.startIndex, end: c.endIndex, kind: 'other' });
    } else if (c.type === 'template_directive') {
      // %{ if … } / %{ for … }: the text depends on values, so the whole template does.
      return { start: n.startIndex, end: n.endIndex, kind: 'other' };
    }
  }
  if (inner.type === 'heredoc_template') {
    // The value ends with the newline before the closing marker, which the grammar leaves out. (An
    // indented `<<-` heredoc keeps its indentation here: JSON, what heredocs hold in policies, ignores it.)
    if (parts.length > 0) pushText(parts, '\n');
    return { start: n.startIndex, end: n.endIndex, kind: 'heredoc', parts };
  }
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
  return key.kind === 'reference' && key.path.length === 1
    ? key.path[0]
    : key.kind === 'literal' && typeof key.value === 'string'
      ? key.value
      : undefined;
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
  if (n.closed) return unescape(n.text.slice(1, -1));
  return unescape(
    n.namedChildren
      .filter((c) => c?.type === 'template_literal')
      .map((c) => c.text)
      .join(''),
  );
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** HCL string escapes (`\n`, `\"`, `\uNNNN`, `$${`, `%%{`). */
function unescape(text: string): string {
  // Most strings hold no escape: they need no scan by three expressions.
  if (!/[\\$%]/.test(text)) return text;
  return text
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])/g, (_, e: string) =>
      e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? e),
    )
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}
