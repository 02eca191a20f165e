// `dynamic` blocks that generate nothing: `for_each` over an empty collection, written as `[]` / `{}` or as a
// variable whose default is one. Terraform then writes no block at all, so the body reads as if the
// `dynamic` block were not there (an absent setting with its default), rather than as unknown.
import type { HclBlock, HclBody, HclExpr } from '../source/hcl';
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
  if (depth > MAX_DEPTH || body.blocks.length === 0) return body;
  let changed = false;
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
  return changed ? { attributes: body.attributes, blocks } : body;
}

function generatesNothing(b: HclBlock, variables: ReadonlyMap<string, TfVariable>): boolean {
  const written = b.body.attributes.find((a) => a.name === 'for_each')?.value;
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
