// The walk behind hcl.ts: one TreeCursor pass over a tree-sitter tree that copies the named nodes a reader
// needs into plain objects (every property of a web-tree-sitter node is a call into WebAssembly). In an
// error-free tree it skips delimiters, reads no positions nobody asks for, reads simple shapes from their
// text (hcl-text.ts) and collects the comments; a tree with errors is copied whole.
import type { Language, Node, TreeCursor } from 'web-tree-sitter';
import type { HclBlock, HclComment, HclExpr } from './hcl';
import { attributeHead, blockHeader, simpleExpr, simplePair, type SimplePair } from './hcl-text';

/**
 * A named node of the tree as a plain object. Every property of a web-tree-sitter `Node` is a call into
 * WebAssembly and every `namedChildren` a fresh set of objects; reading the tree through those cost more than
 * parsing it. One cursor walk copies the named nodes into these instead, and hcl.ts reads them.
 */
const NO_CHILDREN: readonly PNode[] = Object.freeze([]);

export class PNode {
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
  // One loop, one slice per label: this runs for every top-level block of a file read with skipBody.
  const out: string[] = [];
  for (const c of block.namedChildren) {
    if (c.type === 'identifier') out.push(c.text);
    else if (c.type === 'string_lit') out.push(c.source.slice(c.startIndex + 1, c.endIndex - 1));
  }
  return out;
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
export function plainTree(
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
      /** Where the node the walk now leaves ends, when known (-1 otherwise). */
      let leftEnd = -1;
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
        if (enter && (clean ? firstChild(cursor, node, source) : cursor.gotoFirstChild())) {
          stack.push(node);
          continue;
        }
        if (clean && copied && !enter && !node.closed) collectComments(cursor.currentNode, comments);
        leftEnd = end;
      }
      for (;;) {
        const up = stack[stack.length - 1] as PNode;
        if (clean && leftEnd >= 0 && closes(up, leftEnd, source)) {
          // Nothing a reader needs follows in `up` (its closing delimiter at most): up to it directly.
          cursor.gotoParent();
          stack.pop();
          // A collection_value ends where its one child does.
          if (up.endIndex >= 0) leftEnd = up.endIndex;
          continue;
        }
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        stack.pop();
        if (stack.length === 0) {
          if (topItem) for (const body of top.namedChildren) flush(body, topItem);
          return top;
        }
        leftEnd = endOf(up);
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Into the first child of `node` in an error-free tree. A block's header and an attribute's name, when
 * simple (see hcl-text.ts), are copied from the text as the walk would copy them, and the cursor jumps past
 * them (and the `{` or `=` after them) in one step: that is two to four trips into WebAssembly per token
 * saved. A comment after the `{` or `=` is the child the cursor lands on, read as any other.
 */
function firstChild(cursor: TreeCursor, node: PNode, source: string): boolean {
  if (node.type === 'block') {
    const head = blockHeader(source, node.startIndex);
    if (head) {
      for (let i = 0; i + 1 < head.length; i += 2) {
        const start = head[i] as number;
        const type = source.charCodeAt(start) === 0x22 ? 'string_lit' : 'identifier';
        node.add(new PNode(type, start, head[i + 1] as number, null, source, true));
      }
      return cursor.gotoFirstChildForIndex(head[head.length - 1] as number);
    }
  } else if (node.type === 'attribute') {
    const head = attributeHead(source, node.startIndex);
    if (head) {
      node.add(new PNode('identifier', node.startIndex, head[0], null, source, true));
      return cursor.gotoFirstChildForIndex(head[1]);
    }
  }
  return cursor.gotoFirstChild();
}

/**
 * Whether, in an error-free tree, nothing a reader needs follows a child of `parent` that ends at `end`:
 * the child closes an attribute, object element or expression (their grammar ends with an expression, and a
 * node never ends with extras), it is the one child of a collection_value, or only spaces (and commas, in
 * a collection) sit between it and the `}` or `]` closing a block, object or tuple. A comment there is no
 * space, so it is still walked to.
 */
function closes(parent: PNode, end: number, source: string): boolean {
  switch (parent.type) {
    case 'attribute':
    case 'object_elem':
    case 'expression':
      return end === parent.endIndex;
    case 'collection_value':
      return true;
    case 'block':
      return spacesUpTo(source, end, parent.endIndex - 1, false);
    case 'object':
    case 'tuple':
      return spacesUpTo(source, end, parent.endIndex - 1, true);
    default:
      return false;
  }
}

/** Whether only spaces, tabs and line breaks (and commas, with `commas`) sit from `at` up to `end`. */
function spacesUpTo(source: string, at: number, end: number, commas: boolean): boolean {
  for (; at < end; at++) {
    const c = source.charCodeAt(at);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && (!commas || c !== 0x2c)) return false;
  }
  return true;
}

/**
 * Where a node the walk has finished ends: its span, or for a body or collection_value (whose span is not
 * read) that of its last child, which ends it; -1 when not known.
 */
function endOf(node: PNode): number {
  if (node.endIndex >= 0) return node.endIndex;
  if (node.type !== 'body' && node.type !== 'collection_value') return -1;
  const last = node.namedChildren[node.namedChildren.length - 1];
  return last ? last.endIndex : -1;
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
  let before = 0;
  for (const c of parent.namedChildren) if (c.type !== 'comment') before++;
  return before === 0 ? 'key' : before === 1 ? 'val' : null;
}

/** Comments below a node the walk does not enter (a skipped body, or one past the depth bound). */
export function collectComments(n: Node, comments: HclComment[]): void {
  for (const c of n.descendantsOfType('comment'))
    if (c) comments.push({ start: c.startIndex, end: c.endIndex, text: c.text });
}

/**
 * The expressions written directly inside `e`: a template's interpolations, a call's arguments, a tuple's
 * items, an object's values, a conditional's three parts. For walkers off the keystroke's hot path.
 */
export function innerExpressions(e: HclExpr): HclExpr[] {
  switch (e.kind) {
    case 'template':
    case 'heredoc':
      return e.parts.filter((p): p is HclExpr => typeof p !== 'string');
    case 'call':
      return e.args;
    case 'tuple':
      return e.items;
    case 'object':
      return e.entries.map((x) => x.value);
    case 'conditional':
      return [e.condition, e.then, e.otherwise];
    default:
      return [];
  }
}

/** Where a read block's header ends: after its last label, or its type. */
export function headerEnd(b: HclBlock): number {
  return b.labelSpans.at(-1)?.end ?? b.typeSpan.end;
}

/** Bound on nesting, so that hostile files cannot exhaust the stack while converting. */
export const MAX_DEPTH = 200;
