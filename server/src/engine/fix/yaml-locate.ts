// Reading a YAML template for the fix writer: where a fix path leads (an existing value, a key with no
// value, or the first missing key), what a node means as plain data (to spot an item already in a list),
// and which habits the document has (short or long intrinsics, flow or block lists).
import { isDeepStrictEqual } from 'node:util';
import { entry, type MapEntry, type MapNode, type SeqNode, type SourceNode } from '../source/node';
import { isRef, isSub, type FixPath, type FixValue } from './intents';
import type { Form } from './yaml-render';
import { isFlow, isNullScalar } from './yaml-style';

export type Located =
  /** The path leads to a value; `entry` is set when its last step is a key. */
  | { kind: 'value'; node: SourceNode; entry: MapEntry | undefined; parent: MapNode | SeqNode }
  /** The path leads through a key written without a value (`Key:` or `Key: ~`); `rest` keys lie below it. */
  | { kind: 'empty'; entry: MapEntry; parent: MapNode; rest: readonly string[] }
  /** `map` lacks `rest[0]`; the keys after it are missing too. */
  | { kind: 'absent'; map: MapNode; rest: readonly string[] };

/**
 * `!If`, `Fn::If`, `!Sub`, `Ref: X`: a value computed by CloudFormation. A writer can replace one but never
 * look inside it, since what it means depends on the branch, the parameter, the substitution.
 */
export function isIntrinsic(node: SourceNode): boolean {
  if (node.kind !== 'map') return false;
  if (node.shortForm !== undefined) return true;
  const only = node.entries.length === 1 ? String(node.entries[0]?.key.value) : '';
  return only === 'Ref' || only.startsWith('Fn::');
}

export function isPlainMap(node: SourceNode | undefined): node is MapNode {
  return node?.kind === 'map' && !isIntrinsic(node);
}

/**
 * Follows a path from the resource body. Undefined when it runs through something a writer cannot step
 * into: a scalar, an intrinsic, a list item that does not exist, an index under a missing key.
 */
export function locate(body: MapNode, path: FixPath): Located | undefined {
  let node: SourceNode = body;
  let parent: MapNode | SeqNode = body;
  let at: MapEntry | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string | number;
    if (typeof step === 'number') {
      // A list written as its single item (a `Statement` that is one map) has that item at index 0.
      if (node.kind === 'seq') {
        const item: SourceNode | undefined = node.items[step];
        if (!item) return undefined;
        parent = node;
        at = undefined;
        node = item;
      } else if (!(step === 0 && isPlainMap(node))) return undefined;
      continue;
    }
    if (!isPlainMap(node)) return undefined;
    const found = entry(node, step);
    if (!found) {
      const rest = path.slice(i);
      return allKeys(rest) ? { kind: 'absent', map: node, rest } : undefined;
    }
    if (!found.value || isNullScalar(found.value)) {
      const rest = path.slice(i + 1);
      return allKeys(rest) ? { kind: 'empty', entry: found, parent: node, rest } : undefined;
    }
    parent = node;
    at = found;
    node = found.value;
  }
  return { kind: 'value', node, entry: at, parent };
}

function allKeys(path: FixPath): path is readonly string[] {
  return path.every((step) => typeof step === 'string');
}

/** A node as plain data, with `!GetAtt X.Arn` read as `Fn::GetAtt: [X, Arn]` so both spellings compare equal. */
export function plainOf(node: SourceNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainOf);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[String(e.key.value)] = e.value ? plainOf(e.value) : null;
      const getAtt = out['Fn::GetAtt'];
      if (typeof getAtt === 'string' && node.entries.length === 1) {
        const dot = getAtt.indexOf('.');
        out['Fn::GetAtt'] = dot < 0 ? [getAtt] : [getAtt.slice(0, dot), getAtt.slice(dot + 1)];
      }
      return out;
    }
  }
}

function plainOfFix(value: FixValue): unknown {
  if (typeof value !== 'object') return value;
  if (isRef(value))
    return value.attribute ? { 'Fn::GetAtt': [value.$ref, value.attribute] } : { Ref: value.$ref };
  if (isSub(value)) return { 'Fn::Sub': value.$sub };
  if (Array.isArray(value)) return value.map((v: FixValue) => plainOfFix(v));
  const map = value as { readonly [key: string]: FixValue };
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, plainOfFix(v)]));
}

/** Whether a node already holds this value (key order aside). */
export function holds(node: SourceNode, value: FixValue): boolean {
  return isDeepStrictEqual(plainOf(node), plainOfFix(value));
}

export interface Habits {
  form: Form;
  /** The file writes its lists in flow style only (`[a, b]`), never as block sequences. */
  flowLists: boolean;
}

/**
 * Short intrinsics when the document uses any (or no intrinsics at all); long ones when it only uses those.
 * Lists inside intrinsics (`!GetAtt [X, Arn]`, `Fn::Join`) say nothing about how the file writes its lists.
 */
export function habits(text: string, root: SourceNode): Habits {
  const seen = { short: false, long: false, blockSeq: false, flowSeq: false };
  const visit = (node: SourceNode): void => {
    if (node.kind === 'map') {
      if (node.shortForm !== undefined) seen.short = true;
      else if (isIntrinsic(node)) seen.long = true;
      if (isIntrinsic(node)) return;
      for (const e of node.entries) if (e.value) visit(e.value);
    } else if (node.kind === 'seq') {
      if (isFlow(text, node)) seen.flowSeq = true;
      else seen.blockSeq = true;
      node.items.forEach(visit);
    }
  };
  visit(root);
  return { form: seen.short || !seen.long ? 'short' : 'long', flowLists: seen.flowSeq && !seen.blockSeq };
}
