// Turns a document of the `yaml` package into the format-neutral source tree, keeping exact offsets and
// rewriting CloudFormation short-form tags into their long form (`!GetAtt A.B` → `{ "Fn::GetAtt": "A.B" }`),
// the way cfn-lint's decoder does, so that everything downstream sees one form.
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import { nestsTooDeep, SourceRejected, type SourceLimits } from './limits';
import { mapNode, scalarNode, seqNode, type MapEntry, type ScalarNode, type SourceNode } from './node';

/** Short-form tag → long-form key. */
export const SHORT_FORM_KEYS: ReadonlyMap<string, string> = new Map(
  [
    'And',
    'Base64',
    'Cidr',
    'Equals',
    'FindInMap',
    'ForEach',
    'GetAtt',
    'GetAZs',
    'If',
    'ImportValue',
    'Join',
    'Length',
    'Not',
    'Or',
    'Select',
    'Split',
    'Sub',
    'ToJsonString',
    'Transform',
  ]
    .map((name): [string, string] => [`!${name}`, `Fn::${name}`])
    .concat([
      ['!Ref', 'Ref'],
      ['!Condition', 'Condition'],
    ]),
);

// Block collections end where their last child ends (the `yaml` range runs on over trailing newlines and
// comments), so that a resource parsed alone and the same resource inside its file get the same spans.

interface Converted {
  node: SourceNode;
  size: number;
}

export function convertYamlDocument(
  doc: Document.Parsed,
  text: string,
  base: number,
  limits: SourceLimits,
  stats?: { aliases: number },
): SourceNode | undefined {
  const memo = new Map<YamlNode, Converted>();
  let expanded = 0;

  const count = (n: number): void => {
    expanded += n;
    if (expanded > limits.maxExpandedNodes) {
      throw new SourceRejected(
        `the document expands to more than ${limits.maxExpandedNodes} nodes (YAML aliases?); it is not linted`,
      );
    }
  };
  let depth = 0;
  const convert = (node: YamlNode | null | undefined, fallbackAt: number): Converted => {
    if (node === null || node === undefined) {
      return { node: scalarNode(null, base + fallbackAt, base + fallbackAt), size: 1 };
    }
    if (isAlias(node)) {
      if (stats) stats.aliases++;
      // Aliases share the converted target: no copy, but the expanded size still counts against the budget.
      const target = node.resolve(doc);
      // The `yaml` package leaves an alias without anchor as null; CloudFormation rejects the file.
      if (!target) throw new SourceRejected(`the alias *${node.source} has no matching anchor`);
      const done = target && memo.get(target);
      if (done) {
        count(done.size);
        return done;
      }
      return convert(target, fallbackAt);
    }
    const cached = memo.get(node);
    if (cached) return cached;
    if (++depth > limits.maxDepth) {
      throw new SourceRejected(nestsTooDeep(limits.maxDepth));
    }
    count(1);
    const [start, valueEnd] = node.range ?? [fallbackAt, fallbackAt];
    let result: Converted;
    if (isScalar(node)) {
      const value = node.value;
      result = { node: scalarNode(plainScalar(value), base + start, base + valueEnd), size: 1 };
    } else if (isSeq(node)) {
      let size = 1;
      const items: SourceNode[] = [];
      for (const item of node.items as (YamlNode | null)[]) {
        const c = convert(item, valueEnd);
        size += c.size;
        items.push(c.node);
      }
      const end = node.flow ? base + valueEnd : (items.at(-1)?.end ?? base + valueEnd);
      result = { node: seqNode(items, base + start, end), size };
    } else if (isMap(node)) {
      let size = 1;
      const entries: MapEntry[] = [];
      for (const pair of node.items as Pair<YamlNode | null, YamlNode | null>[]) {
        if (!isPair(pair)) continue;
        const key = convertKey(pair.key, base, valueEnd);
        const value = pair.value === null ? undefined : convert(pair.value, key.end - base);
        size += 1 + (value?.size ?? 0);
        entries.push({ key, value: value?.node });
      }
      const last = entries.at(-1);
      const end = node.flow ? base + valueEnd : last ? (last.value ?? last.key).end : base + valueEnd;
      result = { node: mapNode(entries, base + start, end), size };
    } else {
      result = { node: scalarNode(null, base + start, base + valueEnd), size: 1 };
    }
    depth--;
    result = { node: wrapShortForm(node.tag, result.node, text, base), size: result.size };
    memo.set(node, result);
    return result;
  };

  if (doc.contents === null) return undefined;
  return convert(doc.contents, 0).node;
}

function convertKey(key: unknown, base: number, fallbackAt: number): ScalarNode {
  if (isScalar(key)) {
    const [start, end] = key.range ?? [fallbackAt, fallbackAt];
    const value = plainScalar(key.value);
    return scalarNode(value === null ? '' : String(value), base + start, base + end);
  }
  // Complex keys (`? [a, b]`) never name anything in a template; keep them as unmatched text.
  const range = (key as YamlNode | null)?.range;
  const start = base + (range?.[0] ?? fallbackAt);
  return scalarNode('\u0000complex-key', start, base + (range?.[1] ?? fallbackAt));
}

/** `!Ref X` becomes `{ Ref: X }` whose key spans the tag and whose map spans tag and value. */
function wrapShortForm(tag: string | undefined, node: SourceNode, text: string, base: number): SourceNode {
  if (!tag) return node;
  const longKey = SHORT_FORM_KEYS.get(tag);
  if (!longKey) return node;
  const tagStart = findTagStart(text, tag, node.start - base);
  const keyStart = tagStart === undefined ? node.start : base + tagStart;
  const key = scalarNode(longKey, keyStart, keyStart + (tagStart === undefined ? 0 : tag.length));
  return mapNode([{ key, value: node }], keyStart, node.end, tag);
}

/** The `yaml` AST keeps the tag but not where it was written: it sits just before the node. */
function findTagStart(text: string, tag: string, nodeStart: number): number | undefined {
  let i = nodeStart;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  const at = i - tag.length;
  return at >= 0 && text.startsWith(tag, at) ? at : undefined;
}

/** Scalars of the core schema are strings, numbers, booleans or null; anything else (a bigint) as text. */
function plainScalar(value: unknown): ScalarNode['value'] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null)
    return value;
  if (typeof value === 'bigint') return value.toString();
  return null;
}
