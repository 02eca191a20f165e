// The format-neutral source tree: what YAML and JSON parsers produce and what the CloudFormation reader
// consumes. Positions are half-open offsets into the document text in UTF-16 code units (the unit of JS
// strings and of LSP positions); they become line/column only at the edges (LSP, CLI).

export interface Span {
  start: number;
  end: number;
}

// Nodes are made only by the factories below, so that every node of a kind has the same shape: property
// access on the hot paths (model building per keystroke) stays monomorphic and fast.

export interface ScalarNode extends Span {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface SeqNode extends Span {
  kind: 'seq';
  items: SourceNode[];
}

export interface MapEntry {
  key: ScalarNode;
  /** Undefined for a key written without a value (`Key:` in YAML). */
  value: SourceNode | undefined;
}

export interface MapNode extends Span {
  kind: 'map';
  entries: MapEntry[];
  /**
   * Set on the map that stands for a YAML short-form intrinsic (`!Ref x` becomes `{ Ref: x }`), so that
   * readers see one form and writers know how the source spelled it.
   */
  shortForm: string | undefined;
}

export function scalarNode(value: ScalarNode['value'], start: number, end: number): ScalarNode {
  return { kind: 'scalar', start, end, value };
}

export function seqNode(items: SourceNode[], start: number, end: number): SeqNode {
  return { kind: 'seq', start, end, items };
}

export function mapNode(entries: MapEntry[], start: number, end: number, shortForm?: string): MapNode {
  return { kind: 'map', start, end, entries, shortForm };
}

export type SourceNode = ScalarNode | SeqNode | MapNode;

/** A problem that kept a file (or part of it) from being read. */
export interface ParseProblem extends Span {
  message: string;
  /** The message says all there is to say: no "the blocks around it are still checked" is added. */
  complete?: boolean;
}

/** The first entry with this key; maps in templates are small, so a scan beats building an index. */
export function entry(map: MapNode, key: string): MapEntry | undefined {
  for (const e of map.entries) if (e.key.value === key) return e;
  return undefined;
}

/**
 * The entry with this key, or else the only one that differs just in letter case. CloudFormation rejects
 * a misspelled property at deploy time, so reading `KmsKeyId` as `KMSKeyId` judges what the author meant
 * and can never pass a resource that actually deploys.
 */
export function property(map: MapNode | undefined, key: string): MapEntry | undefined {
  if (!map) return undefined;
  const exact = entry(map, key);
  if (exact) return exact;
  // A miss is the common case (every absent property read for its default): count the loose matches
  // without building an array of them.
  const lower = key.toLowerCase();
  let loose: MapEntry | undefined;
  for (const e of map.entries) {
    if (typeof e.key.value !== 'string' || e.key.value.toLowerCase() !== lower) continue;
    if (loose) return undefined;
    loose = e;
  }
  return loose;
}

export function child(node: SourceNode | undefined, key: string): SourceNode | undefined {
  return node?.kind === 'map' ? entry(node, key)?.value : undefined;
}

export function asMap(node: SourceNode | undefined): MapNode | undefined {
  return node?.kind === 'map' ? node : undefined;
}

export function scalarString(node: SourceNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** Copies a tree with every offset moved by `delta` (used when a cached chunk moves inside the file). */
export function shifted<T extends SourceNode>(node: T, delta: number): T {
  if (delta === 0) return node;
  switch (node.kind) {
    case 'scalar':
      return scalarNode(node.value, node.start + delta, node.end + delta) as T;
    case 'seq':
      return seqNode(
        node.items.map((i) => shifted(i, delta)),
        node.start + delta,
        node.end + delta,
      ) as T;
    case 'map':
      return mapNode(
        node.entries.map((e) => ({ key: shifted(e.key, delta), value: e.value && shifted(e.value, delta) })),
        node.start + delta,
        node.end + delta,
        node.shortForm,
      ) as T;
  }
}
