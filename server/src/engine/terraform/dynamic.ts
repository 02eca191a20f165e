// `dynamic` blocks whose collection is known: `for_each` over a literal list, set, map or object, or a
// variable or local that is one (its default). Terraform writes one block per element, its `content` with
// `<iterator>.key` and `<iterator>.value` filled in, so the body reads as if those blocks were written out;
// over an empty collection it writes none, an absent setting with its default. A `dynamic` block over a
// collection known only at plan time stays as written, which readers take as unknown. The JSON syntax's
// `"dynamic"` attribute is pruned when empty and otherwise left unknown.
import {
  loneInterpolation,
  type HclAttribute,
  type HclBlock,
  type HclBody,
  type HclExpr,
  type HclObjectEntry,
} from '../source/hcl';
import type { TfLocal, TfResource, TfVariable } from './config';

/** Bound on nested blocks, so that hostile bodies cannot exhaust the stack. */
const MAX_DEPTH = 64;

/** What a `for_each` may name: the module's variables (by their defaults) and locals. */
export interface DynamicScope {
  variables: ReadonlyMap<string, TfVariable>;
  locals: ReadonlyMap<string, TfLocal>;
}

/**
 * The resource with its `dynamic` blocks over known collections written out (a copy: reads are shared and
 * never changed), or the resource itself when it has none.
 */
export function withDynamicsExpanded(r: TfResource, scope: DynamicScope): TfResource {
  const body = expand(r.body, scope, 0);
  return body === r.body ? r : { ...r, body };
}

function expand(body: HclBody, scope: DynamicScope, depth: number): HclBody {
  if (depth > MAX_DEPTH) return body;
  const attributes = pruneJson(body.attributes, scope);
  if (body.blocks.length === 0)
    return attributes === body.attributes ? body : { attributes, blocks: body.blocks };
  let changed = attributes !== body.attributes;
  const blocks: HclBlock[] = [];
  for (const b of body.blocks) {
    const generated = b.type === 'dynamic' ? generate(b, scope) : undefined;
    if (generated) {
      changed = true;
      for (const g of generated) blocks.push({ ...g, body: expand(g.body, scope, depth + 1) });
      continue;
    }
    const inner = expand(b.body, scope, depth + 1);
    if (inner !== b.body) changed = true;
    blocks.push(inner === b.body ? b : { ...b, body: inner });
  }
  return changed ? { attributes, blocks } : body;
}

/** The blocks a `dynamic` block writes, when its collection is known; undefined otherwise. */
function generate(b: HclBlock, scope: DynamicScope): HclBlock[] | undefined {
  const elements = collection(b.body.attributes.find((a) => a.name === 'for_each')?.value, scope);
  const name = b.labels[0];
  const content = b.body.blocks.find((x) => x.type === 'content');
  if (!elements || name === undefined) return undefined;
  if (elements.length === 0) return [];
  if (!content) return undefined;
  const iterator = b.body.attributes.find((a) => a.name === 'iterator')?.value;
  const as =
    iterator?.kind === 'reference' && iterator.path.length === 1 ? (iterator.path[0] as string) : name;
  return elements.map((element) => ({
    ...b,
    type: name,
    typeSpan: b.labelSpans[0] ?? b.typeSpan,
    labels: [],
    labelSpans: [],
    body: fill(content.body, as, element, 0),
  }));
}

interface Element {
  key: HclExpr;
  value: HclExpr;
}

/**
 * The elements of a known collection: a list or set (keys are indexes, or the values for a set), a map or
 * object (its keys), written so or as the default of a variable or the value of a local; undefined for
 * anything known only at plan time.
 */
function collection(written: HclExpr | undefined, scope: DynamicScope, depth = 0): Element[] | undefined {
  // `"${var.x}"` is `var.x` (the older spelling, and every `.tf.json`).
  const e = loneInterpolation(written) ?? written;
  if (!e || depth > 8) return undefined;
  if (e.kind === 'tuple')
    return e.items.map((value, i) => ({ key: { ...value, kind: 'literal', value: i }, value }));
  if (e.kind === 'object') {
    const out: Element[] = [];
    for (const x of e.entries) {
      if (x.key === undefined) return undefined;
      out.push({ key: { ...x.keySpan, kind: 'literal', value: x.key }, value: x.value });
    }
    return out;
  }
  if (e.kind === 'call' && e.args.length === 1 && ['toset', 'tolist', 'tomap'].includes(e.name)) {
    const inner = collection(e.args[0], scope, depth + 1);
    // A set's key is its value.
    return e.name === 'toset' ? inner?.map((x) => ({ key: x.value, value: x.value })) : inner;
  }
  if (e.kind !== 'reference' || e.path.length !== 2) return undefined;
  const [head, name] = e.path as [string, string];
  if (head === 'var') return collection(scope.variables.get(name)?.default, scope, depth + 1);
  if (head === 'local') return collection(scope.locals.get(name)?.value, scope, depth + 1);
  return undefined;
}

/** A `content` body with `<as>.key` and `<as>.value` (and steps into the value) filled in. */
function fill(body: HclBody, as: string, element: Element, depth: number): HclBody {
  if (depth > MAX_DEPTH) return body;
  return {
    attributes: body.attributes.map((a) => ({ ...a, value: filled(a.value, as, element, 0) })),
    blocks: body.blocks.map((b) => ({ ...b, body: fill(b.body, as, element, depth + 1) })),
  };
}

function filled(e: HclExpr, as: string, element: Element, depth: number): HclExpr {
  if (depth > MAX_DEPTH) return { ...span(e), kind: 'other' };
  const again = (x: HclExpr): HclExpr => filled(x, as, element, depth + 1);
  switch (e.kind) {
    case 'reference': {
      if (e.path[0] !== as) return e;
      const [, which, ...rest] = e.path;
      const found =
        which === 'key' ? element.key : which === 'value' ? member(element.value, rest) : undefined;
      return found ?? { ...span(e), kind: 'other' };
    }
    case 'template':
    case 'heredoc':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : again(p))) };
    case 'conditional':
      return { ...e, condition: again(e.condition), then: again(e.then), otherwise: again(e.otherwise) };
    case 'call':
      return { ...e, args: e.args.map(again) };
    case 'object':
      return { ...e, entries: e.entries.map((x) => ({ ...x, value: again(x.value) })) };
    case 'tuple':
      return { ...e, items: e.items.map(again) };
    default:
      return e;
  }
}

/** `value.a.b` / `value[0]` of a known value; undefined when it is not there (or not known). */
function member(value: HclExpr, steps: readonly string[]): HclExpr | undefined {
  let at: HclExpr | undefined = value;
  for (const step of steps) {
    if (at?.kind === 'object') at = at.entries.find((x) => x.key === step)?.value;
    else if (at?.kind === 'tuple' && /^\d+$/.test(step)) at = at.items[Number(step)];
    else return undefined;
  }
  return at;
}

const span = (e: HclExpr): { start: number; end: number } => ({ start: e.start, end: e.end });

/**
 * The JSON syntax's `"dynamic": { "<name>": { "for_each": …, "content": … } }` (one block of a name, or a
 * list of them) without the blocks that generate nothing; the attributes themselves when there are none.
 */
function pruneJson(attributes: HclAttribute[], scope: DynamicScope): HclAttribute[] {
  const at = attributes.findIndex((a) => a.name === 'dynamic' && a.value.kind === 'object');
  const dynamic = attributes[at];
  if (!dynamic || dynamic.value.kind !== 'object') return attributes;
  const entries: HclObjectEntry[] = [];
  for (const e of dynamic.value.entries) {
    const items = e.value.kind === 'tuple' ? e.value.items : [e.value];
    const kept = items.filter(
      (i) => i.kind !== 'object' || collection(forEachOf(i.entries), scope)?.length !== 0,
    );
    if (kept.length === items.length) entries.push(e);
    else if (kept.length > 0) entries.push({ ...e, value: { ...e.value, kind: 'tuple', items: kept } });
  }
  if (entries.length === dynamic.value.entries.length) return attributes;
  const out = [...attributes];
  if (entries.length === 0) out.splice(at, 1);
  else out[at] = { ...dynamic, value: { ...dynamic.value, entries } };
  return out;
}

function forEachOf(entries: HclObjectEntry[]): HclExpr | undefined {
  return entries.find((e) => e.key === 'for_each')?.value;
}
