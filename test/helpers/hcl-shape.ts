// An HCL expression without its spans, for deepEqual in the reader tests.
import type { HclExpr } from '../../server/src/engine/source/hcl';

/** `ref` says how a reference's path is shown (joined by dots unless a test wants the steps). */
export function hclShape(
  e: HclExpr | string | undefined,
  ref: (path: string[]) => unknown = (path) => path.join('.'),
): unknown {
  if (e === undefined || typeof e === 'string') return e;
  const inner = (x: HclExpr | string): unknown => hclShape(x, ref);
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'reference':
      return { ref: ref(e.path) };
    case 'template':
    case 'heredoc':
      return { [e.kind]: e.parts.map(inner) };
    case 'call':
      return { call: e.name, args: e.args.map(inner) };
    case 'object':
      return Object.fromEntries(e.entries.map((x) => [x.key ?? '?', inner(x.value)]));
    case 'tuple':
      return e.items.map(inner);
    case 'conditional':
      return { if: inner(e.condition), then: inner(e.then), else: inner(e.otherwise) };
    case 'other':
      return 'other';
  }
}
