// Every reference an expression makes, with locals followed to what they hold: how the lowering finds what a
// trail waits for and what a module call is given.
import type { HclExpr } from '../source/hcl';
import type { ModuleScope } from './lower-expr';

/** Bound on nesting and local indirection, so that hostile or cyclic configurations cannot loop. */
const MAX_DEPTH = 64;

export function eachReference(
  e: HclExpr,
  scope: Pick<ModuleScope, 'local'>,
  module: string,
  visit: (path: string[]) => void,
  depth = 0,
): void {
  if (depth > MAX_DEPTH) return;
  const inner = (x: HclExpr): void => eachReference(x, scope, module, visit, depth + 1);
  switch (e.kind) {
    case 'reference': {
      const [head, second] = e.path;
      const local = head === 'local' && second !== undefined ? scope.local(module, second) : undefined;
      if (local) inner(local.value);
      else if (head !== 'local') visit(e.path);
      return;
    }
    case 'template':
    case 'heredoc':
      for (const p of e.parts) if (typeof p !== 'string') inner(p);
      return;
    case 'tuple':
      return e.items.forEach(inner);
    case 'object':
      return e.entries.forEach((x) => inner(x.value));
    case 'call':
      return e.args.forEach(inner);
    default:
      return;
  }
}
