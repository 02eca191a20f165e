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
  // Plain loops, no closure per call: this runs for every attribute of everything a trail waits for.
  const next = depth + 1;
  switch (e.kind) {
    case 'reference': {
      const head = e.path[0];
      const second = e.path[1];
      const local = head === 'local' && second !== undefined ? scope.local(module, second) : undefined;
      if (local) eachReference(local.value, scope, module, visit, next);
      else if (head !== 'local') visit(e.path);
      return;
    }
    case 'template':
    case 'heredoc':
      for (const p of e.parts) if (typeof p !== 'string') eachReference(p, scope, module, visit, next);
      return;
    case 'tuple':
      for (const x of e.items) eachReference(x, scope, module, visit, next);
      return;
    case 'object':
      for (const x of e.entries) eachReference(x.value, scope, module, visit, next);
      return;
    case 'call':
      for (const x of e.args) eachReference(x, scope, module, visit, next);
      return;
    case 'conditional':
      for (const x of [e.condition, e.then, e.otherwise]) eachReference(x, scope, module, visit, next);
      return;
    default:
      return;
  }
}
