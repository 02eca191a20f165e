// Bounds that keep hostile input from costing unbounded time or memory: past them, a file is reported as
// unreadable instead of being linted.

export interface SourceLimits {
  /** Upper bound on nodes, counting every expansion of a YAML alias. */
  maxExpandedNodes: number;
  /** Upper bound on nesting, so that hostile files cannot exhaust the stack. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: SourceLimits = { maxExpandedNodes: 2_000_000, maxDepth: 500 };

/**
 * Thrown while converting a document that cannot be read safely: past a limit (alias "billion laughs",
 * absurd nesting) or with an alias that points nowhere. The document is not linted.
 */
export class SourceRejected extends Error {}
