// Reading IAM policy documents written in a template: as YAML/JSON objects (with exact locations), or as a
// JSON string (locations collapse onto the string). Documents built with Fn::Sub/Fn::Join text are marked
// partial: what cannot be read is never taken as absent.
import type { Loc, PolicyDocument, PolicyStatement, Value } from '../model/types';
import { parseJson } from '../source/json-parse';
import { entry, mapNode, scalarNode, scalarString, seqNode, type SourceNode } from '../source/node';
import { DEFAULT_LIMITS } from '../source/limits';
import type { ValueReader } from './values';

export function readPolicyDocument(
  node: SourceNode | undefined,
  reader: ValueReader,
): PolicyDocument | undefined {
  if (!node) return undefined;
  const resolved = reader.resolver.resolve(node);
  if (resolved?.k === 'scalar' && typeof resolved.value === 'string') {
    // A policy given as a JSON string: read it, pinning every location to the string itself.
    const parsed = parseJson(resolved.value, DEFAULT_LIMITS);
    if (!parsed.root || parsed.problems.length > 0)
      return { at: reader.loc(node), statements: [], partial: true };
    const pinned = pin(parsed.root, node);
    return readDocument(pinned, reader, reader.loc(node));
  }
  if (resolved?.k !== 'map') return { at: reader.loc(node), statements: [], partial: true };
  return readDocument(resolved.node, reader, reader.loc(node));
}

function readDocument(node: SourceNode, reader: ValueReader, at: Loc): PolicyDocument {
  const statementNode = node.kind === 'map' ? entry(node, 'Statement')?.value : undefined;
  const items = statementNode?.kind === 'seq' ? statementNode.items : statementNode ? [statementNode] : [];
  let partial = false;
  const statements: PolicyStatement[] = [];
  for (const item of items) {
    const resolved = reader.resolver.resolve(item);
    if (resolved?.k !== 'map') {
      partial = true;
      continue;
    }
    statements.push(readStatement(resolved.node, reader));
  }
  return { at, statements, partial };
}

function readStatement(node: SourceNode & { kind: 'map' }, reader: ValueReader): PolicyStatement {
  const principal = entry(node, 'Principal')?.value;
  const servicePrincipals: string[] = [];
  let anyPrincipal = false;
  if (scalarString(principal) === '*') anyPrincipal = true;
  if (principal?.kind === 'map') {
    for (const e of principal.entries) {
      const values = listOf(e.value).map((v) => reader.stringItem(String(e.key.value), v).value);
      if (e.key.value === 'Service')
        servicePrincipals.push(...values.filter((v): v is string => v !== undefined));
      if (e.key.value === 'AWS' && values.includes('*')) anyPrincipal = true;
    }
  }
  const conditionKeys: { operator: string; key: string }[] = [];
  const condition = entry(node, 'Condition')?.value;
  if (condition?.kind === 'map') {
    for (const op of condition.entries) {
      if (op.value?.kind !== 'map') continue;
      for (const k of op.value.entries)
        conditionKeys.push({ operator: String(op.key.value), key: String(k.key.value) });
    }
  }
  const strings = (name: string): Value<string>[] =>
    listOf(entry(node, name)?.value).map((v) => reader.stringItem(name, v));
  return {
    at: reader.loc(node),
    effect: reader.string(node, 'Effect'),
    servicePrincipals,
    anyPrincipal,
    actions: strings('Action'),
    notActions: strings('NotAction'),
    resources: strings('Resource'),
    notResources: strings('NotResource'),
    conditionKeys,
  };
}

function listOf(node: SourceNode | undefined): SourceNode[] {
  if (!node) return [];
  return node.kind === 'seq' ? node.items : [node];
}

/** Moves every node of a tree parsed from a string onto the string's own location. */
function pin(node: SourceNode, at: SourceNode): SourceNode {
  switch (node.kind) {
    case 'scalar':
      return scalarNode(node.value, at.start, at.end);
    case 'seq':
      return seqNode(
        node.items.map((i) => pin(i, at)),
        at.start,
        at.end,
      );
    case 'map':
      return mapNode(
        node.entries.map((e) => ({
          key: scalarNode(e.key.value, at.start, at.end),
          value: e.value && pin(e.value, at),
        })),
        at.start,
        at.end,
      );
  }
}
