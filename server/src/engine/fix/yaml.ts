// The CloudFormation YAML fix writer: turns a fix intent into the smallest text edits of a YAML template, in
// the file's own style (indentation, list style, short or long intrinsics, line ends). It answers undefined
// whenever it cannot apply a fix cleanly (a parse problem, a missing resource, a path through an intrinsic
// or a scalar), so that no fix ever leaves a template broken or half-changed.
import { CfnTemplate, type CfnResource } from '../cfn/template';
import { DEFAULT_LIMITS } from '../source/limits';
import {
  asMap,
  child,
  entry,
  scalarString,
  type MapEntry,
  type MapNode,
  type SeqNode,
  type SourceNode,
} from '../source/node';
import { parseYamlFull } from '../source/yaml-parse';
import { isRef, isSub, type FileEdit, type FixIntent, type FixValue, type NewResource } from './intents';
import {
  appendItem,
  fillEntry,
  growIntoList,
  insertEntries,
  removeEntry,
  replaceValue,
  spliceItem,
  type YamlDoc,
} from './yaml-edit';
import { habits, holds, isPlainMap, locate, type Located } from './yaml-locate';
import { listOf, nested, toYNode, type YNode } from './yaml-render';
import { column, isFlow, isNullScalar, lineEnding, sequenceIndent, type TextChange } from './yaml-style';
import type { WriterMemo } from './writer-memo';

interface Template {
  doc: YamlDoc;
  template: CfnTemplate;
  resources: MapNode;
}

export function yamlFixEdits(
  file: string,
  text: string,
  intent: FixIntent,
  memo?: WriterMemo,
): FileEdit[] | undefined {
  const t = memo ? memo.get('yaml', text, readTemplate) : readTemplate(text);
  if (!t) return undefined;
  const edits = intentEdits(t, intent);
  // Setting a value that is already there (one key of a merge) is no change at all.
  return edits?.filter((e) => text.slice(e.start, e.end) !== e.newText).map((e) => ({ file, ...e }));
}

/**
 * Everything a fix needs from the whole text, read once: the parse, the resources and the file's style and
 * habits. The edit functions only read it, so one reading serves every fix against the same text.
 */
function readTemplate(text: string): Template | undefined {
  const parsed = parseYamlFull(text, DEFAULT_LIMITS);
  // CloudFormation rejects aliases, and an alias would tie the edited node to text elsewhere.
  if (parsed.problems.length > 0 || parsed.aliases) return undefined;
  const root = parsed.roots.find((r) => asMap(child(r, 'Resources')) !== undefined);
  const resources = asMap(child(root, 'Resources'));
  if (!root || root.kind !== 'map' || !resources || !isPlainMap(resources)) return undefined;
  const template = new CfnTemplate(root);
  const doc: YamlDoc = {
    text,
    style: {
      eol: lineEnding(text),
      step: indentStep(text, template, resources),
      seqIndent: sequenceIndent(text),
    },
    habits: habits(text, root),
  };
  return { doc, template, resources };
}

function intentEdits(t: Template, intent: FixIntent): TextChange[] | undefined {
  if (intent.kind === 'add-resources') return addResources(t, intent.resources, intent.then);
  const resource = t.template.resources.get(intent.resource);
  if (!resource) return undefined;
  const located = locate(resource.body, intent.path);
  if (!located) return undefined;
  switch (intent.kind) {
    case 'set':
      return set(t, resource, located, intent.value);
    case 'remove':
      return remove(t, located);
    case 'append':
      return append(t, resource, located, intent.value);
    case 'replace':
      return replace(t, located, intent.from, intent.to);
  }
}

function set(t: Template, resource: CfnResource, at: Located, value: FixValue): TextChange[] | undefined {
  const y = toYNode(value, t.doc.habits.form);
  if (at.kind === 'absent') return addUnder(t, resource, at.map, at.rest, y);
  if (at.kind === 'empty') return fillEntry(t.doc, at.entry, at.parent, nested(at.rest, y));
  return setValue(t, at.node, at.entry, at.parent, value);
}

/** Sets a value; an object set on a map merges into it key by key, leaving other keys alone. */
function setValue(
  t: Template,
  node: SourceNode,
  at: MapEntry | undefined,
  parent: MapNode | SeqNode,
  value: FixValue,
): TextChange[] | undefined {
  const object = isObject(value);
  if ((object || Array.isArray(value)) && node.kind === 'map' && !isPlainMap(node)) return undefined;
  if (!object || !isPlainMap(node))
    return replaceValue(t.doc, node, at, parent, toYNode(value, t.doc.habits.form));
  const edits: TextChange[] = [];
  const missing: [string, YNode][] = [];
  for (const [key, v] of Object.entries(value)) {
    const e = entry(node, key);
    if (!e) {
      missing.push([key, toYNode(v, t.doc.habits.form)]);
      continue;
    }
    const inner =
      !e.value || isNullScalar(e.value)
        ? fillEntry(t.doc, e, node, toYNode(v, t.doc.habits.form))
        : setValue(t, e.value, e, node, v);
    if (!inner) return undefined;
    edits.push(...inner);
  }
  return [...edits, ...insertEntries(t.doc, node, missing)];
}

function remove(t: Template, at: Located): TextChange[] | undefined {
  // A key under a missing or empty one is not there to remove.
  if (at.kind === 'absent') return [];
  if (at.kind === 'empty') return at.rest.length > 0 ? [] : removeEntry(t.doc, at.parent, at.entry);
  if (!at.entry || at.parent.kind !== 'map') return undefined;
  return removeEntry(t.doc, at.parent, at.entry);
}

function append(t: Template, resource: CfnResource, at: Located, value: FixValue): TextChange[] | undefined {
  const flow = t.doc.habits.flowLists;
  const list = listOf([toYNode(value, t.doc.habits.form)], flow);
  if (at.kind === 'absent') return addUnder(t, resource, at.map, at.rest, list);
  if (at.kind === 'empty') return fillEntry(t.doc, at.entry, at.parent, nested(at.rest, list));
  const { node } = at;
  if (node.kind === 'seq') {
    if (node.items.some((item) => holds(item, value))) return [];
    return [appendItem(t.doc, node, toYNode(value, t.doc.habits.form))];
  }
  if (holds(node, value)) return [];
  if (!at.entry || at.parent.kind !== 'map') return undefined;
  return growIntoList(t.doc, node, at.entry, at.parent, toYNode(value, t.doc.habits.form));
}

function replace(t: Template, at: Located, from: string, to: FixValue): TextChange[] | undefined {
  if (at.kind !== 'value') return undefined;
  const { node } = at;
  const form = t.doc.habits.form;
  if (node.kind === 'seq') {
    const item = node.items.find((i) => scalarString(i) === from || subString(i) === from);
    if (!item) return undefined;
    const ys = Array.isArray(to)
      ? (to as readonly FixValue[]).map((v) => toYNode(v, form))
      : [toYNode(to, form)];
    return ys.length > 0 ? spliceItem(t.doc, node, item, ys) : undefined;
  }
  if (scalarString(node) !== from && subString(node) !== from) return undefined;
  const y = Array.isArray(to)
    ? listOf(
        (to as readonly FixValue[]).map((v) => toYNode(v, form)),
        t.doc.habits.flowLists,
      )
    : toYNode(to, form);
  return replaceValue(t.doc, node, at.entry, at.parent, y);
}

/** The string of a `!Sub` / `Fn::Sub` written as one string: what the model reads an ARN item as. */
function subString(node: SourceNode): string | undefined {
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const e = node.entries[0];
  return e?.key.value === 'Fn::Sub' && e.value ? scalarString(e.value) : undefined;
}

/**
 * Adds the resources after the last one, then applies `then` to the original text. Edits of `then` come
 * first, so that a property added at the very end of the last resource lands before the new resources.
 */
function addResources(
  t: Template,
  resources: readonly NewResource[],
  then: readonly FixIntent[],
): TextChange[] | undefined {
  const form = t.doc.habits.form;
  const added: [string, YNode][] = [];
  for (const r of resources) {
    if (entry(t.resources, r.id) || added.some(([id]) => id === r.id)) return undefined;
    const body: [string, YNode][] = [['Type', { kind: 'scalar', value: r.type }]];
    if (r.dependsOn?.length)
      body.push([
        'DependsOn',
        listOf(
          r.dependsOn.map((d) => ({ kind: 'scalar', value: d })),
          t.doc.habits.flowLists,
        ),
      ]);
    if (Object.keys(r.properties).length > 0) body.push(['Properties', toYNode(r.properties, form)]);
    added.push([r.id, { kind: 'map', entries: body }]);
  }
  const edits: TextChange[] = [];
  for (const intent of then) {
    const more = intentEdits(t, intent);
    if (!more) return undefined;
    edits.push(...more);
  }
  edits.push(...insertEntries(t.doc, t.resources, added, { gap: blankBetween(t.doc.text, t.resources) }));
  return overlapping(edits) ? undefined : edits;
}

/** Adds the missing keys under a map; right under `Type` when the map is the resource body. */
function addUnder(
  t: Template,
  resource: CfnResource,
  map: MapNode,
  rest: readonly string[],
  y: YNode,
): TextChange[] {
  const [key, ...below] = rest;
  if (key === undefined) return [];
  const afterType = map === resource.body && resource.typeEntry ? resource.typeEntry : undefined;
  const after = afterType && (afterType.value ?? afterType.key).end;
  return insertEntries(t.doc, map, [[key, nested(below, y)]], after === undefined ? {} : { after });
}

/** Whether resources are separated by blank lines (the first pair decides). */
function blankBetween(text: string, resources: MapNode): boolean {
  const [first, second] = resources.entries;
  if (!first || !second || isFlow(text, resources)) return false;
  return /\n[ \t]*\r?\n/.test(text.slice((first.value ?? first.key).end, second.key.start));
}

/**
 * Overlapping edits cannot be applied in one go. Insertions at one offset are fine (they keep their order);
 * an insertion where a replacement starts is not (which goes first is a guess).
 */
function overlapping(edits: readonly TextChange[]): boolean {
  for (let i = 0; i < edits.length; i++) {
    for (let j = i + 1; j < edits.length; j++) {
      const a = edits[i] as TextChange;
      const b = edits[j] as TextChange;
      if (a.start < b.end && b.start < a.end) return true;
      if (a.start === b.start && (a.start !== a.end || b.start !== b.end)) return true;
    }
  }
  return false;
}

/** Spaces per nesting level: a block resource body against its key, else the resources against `Resources`. */
function indentStep(text: string, template: CfnTemplate, resources: MapNode): number {
  for (const r of template.resources.values()) {
    const first = r.body.entries[0];
    if (!first || isFlow(text, r.body)) continue;
    const step = column(text, first.key.start) - column(text, r.key.start);
    if (step > 0) return step;
  }
  const first = resources.entries[0];
  return first && !isFlow(text, resources) && column(text, first.key.start) > 0
    ? column(text, first.key.start)
    : 2;
}

function isObject(value: FixValue): value is { readonly [key: string]: FixValue } {
  return typeof value === 'object' && !Array.isArray(value) && !isRef(value) && !isSub(value);
}
