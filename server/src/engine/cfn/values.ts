// Turning resolved CloudFormation properties into model values with provenance. A property whose Fn::If
// branches agree has one value; one whose branches differ is unresolved ("depends on condition X"), and a
// property that is absent takes the service default.
import type { Loc, Value } from '../model/types';
import { property, type MapNode, type ScalarNode, type SourceNode } from '../source/node';
import { renderParts, type Resolved, type Resolver, type ViaParameter } from './resolve';

type Leaf<T> =
  | { s: 'value'; v: T; via?: ViaParameter }
  /** Not set; `via` when a parameter's default unsets it (an empty key ARN, say). */
  | { s: 'absent'; via?: ViaParameter }
  | { s: 'unknown'; why: string; written: boolean };

type Convert<T> = (r: Resolved) => Leaf<T>;

export class ValueReader {
  constructor(
    readonly file: string,
    readonly resolver: Resolver,
  ) {}

  loc(node: { start: number; end: number }): Loc {
    return { file: this.file, start: node.start, end: node.end };
  }

  bool(props: MapNode | undefined, name: string, fallback: boolean | undefined): Value<boolean> {
    return this.read(props, name, fallback, toBool);
  }

  string(props: MapNode | undefined, name: string, fallback?: string): Value<string> {
    return this.read(props, name, fallback, toStr);
  }

  /**
   * A string that names another resource (a key, a log group, a role): empty names none. Terraform's AWS
   * provider leaves an empty optional argument out of the API call, as if unset, and an empty ARN
   * given to CloudFormation names no key or role either.
   */
  identifier(props: MapNode | undefined, name: string): Value<string> {
    return this.read(props, name, undefined, toIdentifier);
  }

  number(props: MapNode | undefined, name: string, fallback?: number): Value<number> {
    return this.read(props, name, fallback, toNumber);
  }

  /** Whether a property is written (with anything but `!Ref AWS::NoValue`). */
  present(props: MapNode | undefined, name: string): Value<boolean> {
    return this.read(props, name, false, toPresent);
  }

  /** The number of items of a list property. */
  count(props: MapNode | undefined, name: string): Value<number> {
    return this.read(props, name, 0, toCount);
  }

  /** A string read from a node that is not a named property, such as a list item. */
  stringItem(name: string, node: SourceNode): Value<string> {
    // No key: an item has none, and a stand-in one would be two objects per policy string, thrown away.
    return this.build(name, undefined, node, undefined, toStr);
  }

  private read<T>(
    props: MapNode | undefined,
    name: string,
    fallback: T | undefined,
    convert: Convert<T>,
  ): Value<T> {
    const e = property(props, name);
    if (!e) return { name, value: fallback, provenance: 'default', isSet: false };
    return this.build(String(e.key.value), e.key, e.value, fallback, convert);
  }

  private build<T>(
    name: string,
    key: ScalarNode | undefined,
    node: SourceNode | undefined,
    fallback: T | undefined,
    convert: Convert<T>,
  ): Value<T> {
    const keyAt = key ? this.loc(key) : undefined;
    const at = node ? this.loc(node) : keyAt;
    // Most properties are plain scalars: skip the branch bookkeeping for them (this runs per property).
    if (node?.kind === 'scalar')
      return this.fromLeaf(name, convert({ k: 'scalar', value: node.value, node }), fallback, at, keyAt);
    const resolved = this.resolver.resolve(node);
    if (!resolved) return located({ name, value: fallback, provenance: 'default', isSet: false }, at, keyAt);
    if (resolved.k !== 'if') return this.fromLeaf(name, convert(resolved), fallback, at, keyAt);
    const leaves: Leaf<T>[] = [];
    const conditions: string[] = [];
    collectLeaves(resolved, convert, leaves, conditions);
    const first = leaves[0] as Leaf<T>;
    if (leaves.every((l) => sameLeaf(l, first))) return this.fromLeaf(name, first, fallback, at, keyAt);
    // Branches that disagree: the value depends on a condition the template alone cannot decide.
    const written = leaves.every((l) => l.s !== 'absent')
      ? true
      : leaves.every((l) => l.s === 'absent')
        ? false
        : undefined;
    const unknown = leaves.find((l): l is Extract<Leaf<T>, { s: 'unknown' }> => l.s === 'unknown');
    const note = conditions.length
      ? `condition ${[...new Set(conditions)].join(', ')}`
      : (unknown?.why ?? 'an unresolved value');
    return located<T>({ name, value: undefined, provenance: 'unresolved', isSet: written, note }, at, keyAt);
  }

  private fromLeaf<T>(name: string, leaf: Leaf<T>, fallback: T | undefined, at?: Loc, keyAt?: Loc): Value<T> {
    if (leaf.s === 'absent' && leaf.via) {
      const related = [{ at: this.loc(leaf.via.node), message: `default of parameter ${leaf.via.param}` }];
      const note = leaf.via.param;
      return located(
        { name, value: fallback, provenance: 'parameter-default', isSet: false, note, related },
        at,
        keyAt,
      );
    }
    if (leaf.s === 'absent')
      return located({ name, value: fallback, provenance: 'default', isSet: false }, at, keyAt);
    if (leaf.s === 'unknown') {
      return located<T>(
        { name, value: undefined, provenance: 'unresolved', isSet: leaf.written, note: leaf.why },
        at,
        keyAt,
      );
    }
    if (!leaf.via) return located({ name, value: leaf.v, provenance: 'explicit', isSet: true }, at, keyAt);
    const related = [{ at: this.loc(leaf.via.node), message: `default of parameter ${leaf.via.param}` }];
    return located(
      { name, value: leaf.v, provenance: 'parameter-default', isSet: true, note: leaf.via.param, related },
      at,
      keyAt,
    );
  }
}

function located<T>(value: Value<T>, at: Loc | undefined, keyAt: Loc | undefined): Value<T> {
  if (at) value.at = at;
  if (keyAt) value.keyAt = keyAt;
  return value;
}

function collectLeaves<T>(r: Resolved, convert: Convert<T>, out: Leaf<T>[], conditions: string[]): void {
  if (r.k === 'if') {
    conditions.push(r.cond);
    collectLeaves(r.then, convert, out, conditions);
    collectLeaves(r.else, convert, out, conditions);
    return;
  }
  out.push(convert(r));
}

function sameLeaf<T>(a: Leaf<T>, b: Leaf<T>): boolean {
  if (a.s !== b.s) return false;
  if (a.s === 'value' && b.s === 'value') return a.v === b.v;
  if (a.s === 'unknown' && b.s === 'unknown') return a.why === b.why && a.written === b.written;
  return true;
}

function common<T>(r: Resolved): Leaf<T> | undefined {
  if (r.k === 'novalue') return { s: 'absent' };
  // A Terraform variable whose default is null: unset, and the finding says whose default that is.
  if (r.k === 'scalar' && r.value === null) return r.via ? { s: 'absent', via: r.via } : { s: 'absent' };
  if (r.k === 'unknown') return { s: 'unknown', why: r.why, written: true };
  return undefined;
}

/** CloudFormation accepts booleans and the strings "true"/"false" in any case. */
export const toBool: Convert<boolean> = (r) => {
  const c = common<boolean>(r);
  if (c) return c;
  if (r.k === 'scalar') {
    const via = r.via ? { via: r.via } : {};
    if (typeof r.value === 'boolean') return { s: 'value', v: r.value, ...via };
    const text = String(r.value).toLowerCase();
    if (text === 'true' || text === 'false') return { s: 'value', v: text === 'true', ...via };
    return { s: 'unknown', why: `"${String(r.value)}", which is not a boolean`, written: true };
  }
  return { s: 'unknown', why: 'a computed value', written: true };
};

export const toStr: Convert<string> = (r) => {
  const c = common<string>(r);
  if (c) return c;
  const via = 'via' in r && r.via ? { via: r.via } : {};
  if (r.k === 'scalar')
    return r.value === null ? { s: 'absent' } : { s: 'value', v: String(r.value), ...via };
  if (r.k === 'str') {
    const unknown = r.parts.find((p): p is { unknown: string } => 'unknown' in p);
    if (unknown) return { s: 'unknown', why: unknown.unknown, written: true };
    return { s: 'value', v: renderParts(r.parts), ...via };
  }
  return { s: 'unknown', why: 'a list or object', written: true };
};

const toIdentifier: Convert<string> = (r) => {
  const leaf = toStr(r);
  return leaf.s === 'value' && leaf.v === ''
    ? leaf.via
      ? { s: 'absent', via: leaf.via }
      : { s: 'absent' }
    : leaf;
};

export const toNumber: Convert<number> = (r) => {
  const c = common<number>(r);
  if (c) return c;
  if (r.k === 'scalar') {
    const n = typeof r.value === 'number' ? r.value : Number(r.value);
    if (Number.isFinite(n)) return { s: 'value', v: n, ...(r.via ? { via: r.via } : {}) };
  }
  return { s: 'unknown', why: 'a value that is not a number', written: true };
};

const toPresent: Convert<boolean> = (r) => {
  if (r.k === 'novalue' || (r.k === 'scalar' && r.value === null)) return { s: 'absent' };
  // What an unknown stands for may be nothing at all (a Terraform dynamic block, a setting the live check
  // could not read): that it is written says nothing about what it configures.
  if (r.k === 'unknown') return { s: 'unknown', why: r.why, written: true };
  return { s: 'value', v: true };
};

const toCount: Convert<number> = (r) => {
  if (r.k === 'novalue' || (r.k === 'scalar' && r.value === null)) return { s: 'absent' };
  if (r.k === 'list') return { s: 'value', v: r.items.length };
  return { s: 'unknown', why: 'a computed list', written: true };
};
