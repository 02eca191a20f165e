// `dynamic` blocks that generate nothing: `for_each` over an empty collection, written as `[]` / `{}` or as a
// variable whose default is one; in native syntax and in the JSON syntax's `"dynamic"` attribute. Terraform then writes no block at all, so the body reads as if the
// `dynamic` block were not there (an absent setting with its default), rather than as unknown.
import type { HclAttribute, HclBlock, HclBody, HclExpr, HclObjectEntry } from '../source/hcl';
import type { TfResource, TfVariable } from './config';

/** Bound on nested blocks, so that hostile bodies cannot exhaust the stack. */
const MAX_DEPTH = 64;

/**
 * The resource with its empty `dynamic` blocks left out (a copy: reads are shared and never changed), or the
 * resource itself when it has none.
 */
export function withoutEmptyDynamics(r: TfResource, variables: ReadonlyMap<string, TfVariable>): TfResource {
  const body = prune(r.body, variables, 0);
  return body === r.body ? r : { ...r, body };
}

function prune(body: HclBody, variables: ReadonlyMap<string, TfVariable>, depth: number): HclBody {
  if (depth > MAX_DEPTH) return body;
  const attributes = pruneJson(body.attributes, variables);
  if (body.blocks.length === 0)
    return attributes === body.attributes ? body : { attributes, blocks: body.blocks };
  let changed = attributes !== body.attributes;
  const blocks: HclBlock[] = [];
  for (const b of body.blocks) {
    if (b.type === 'dynamic' && generatesNothing(b, variables)) {
      changed = true;
      continue;
    }
    const inner = prune(b.body, variables, depth + 1);
    if (inner !== b.body) changed = true;
    blocks.push(inner === b.body ? b : { ...b, body: inner });
  }
  return changed ? { attributes, blocks } : body;
}

/**
 * The JSON syntax's `"dynamic": { "<name>": { "for_each": …, "content": … } }` (one block of a name, or a
 * list of them) without the blocks that generate nothing; the attributes themselves when there are none.
 */
function pruneJson(attributes: HclAttribute[], variables: ReadonlyMap<string, TfVariable>): HclAttribute[] {
  const at = attributes.findIndex((a) => a.name === 'dynamic' && a.value.kind === 'object');
  const dynamic = attributes[at];
  if (!dynamic || dynamic.value.kind !== 'object') return attributes;
  const entries: HclObjectEntry[] = [];
  for (const e of dynamic.value.entries) {
    const items = e.value.kind === 'tuple' ? e.value.items : [e.value];
    const kept = items.filter((i) => i.kind !== 'object' || !emptyForEach(forEachOf(i.entries), variables));
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

function generatesNothing(b: HclBlock, variables: ReadonlyMap<string, TfVariable>): boolean {
  return emptyForEach(b.body.attributes.find((a) => a.name === 'for_each')?.value, variables);
}

/** Whether a `for_each` is an empty collection: written so, or a variable whose default is one. */
function emptyForEach(written: HclExpr | undefined, variables: ReadonlyMap<string, TfVariable>): boolean {
  // `"${var.x}"` is `var.x` (the older spelling, and every `.tf.json`).
  const only = written?.kind === 'template' && written.parts.length === 1 ? written.parts[0] : undefined;
  const forEach = only !== undefined && typeof only !== 'string' ? only : written;
  if (!forEach) return false;
  if (isEmpty(forEach)) return true;
  if (forEach.kind !== 'reference' || forEach.path.length !== 2 || forEach.path[0] !== 'var') return false;
  const declared = variables.get(forEach.path[1] as string)?.default;
  return declared !== undefined && isEmpty(declared);
}

function isEmpty(e: HclExpr): boolean {
  return (e.kind === 'tuple' && e.items.length === 0) || (e.kind === 'object' && e.entries.length === 0);
}
