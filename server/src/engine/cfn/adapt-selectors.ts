// A trail's event selectors, classic (`EventSelectors`) or advanced (`AdvancedEventSelectors`), read as far
// as the template allows. CloudTrail accepts one kind or the other, never both.
import type { AdvancedSelector, ClassicSelector, EventSelectors } from '../model/types';
import { canonicalArn, type Symbols } from '../policy/arn';
import { property, type MapNode, type SourceNode } from '../source/node';
import { UNKNOWN_PART } from './resolve';
import type { ValueReader } from './values';

export function readSelectors(
  props: MapNode | undefined,
  reader: ValueReader,
  symbols: Symbols,
): EventSelectors {
  const out: EventSelectors = { kind: 'none', keyAt: undefined, partial: false, classic: [], advanced: [] };
  const advanced = property(props, 'AdvancedEventSelectors');
  const classic = property(props, 'EventSelectors');
  const chosen = advanced ?? classic;
  if (!chosen) return out;
  const items = listItems(reader, chosen.value);
  if (items === undefined) {
    // `!If [Cond, [...], !Ref AWS::NoValue]` and the like: which selectors apply is unknown.
    return { ...out, kind: advanced ? 'advanced' : 'classic', keyAt: reader.loc(chosen.key), partial: true };
  }
  // An empty list (CDK writes `EventSelectors: []`) selects nothing special: the trail keeps its default,
  // all management events.
  if (items.length === 0) return out;
  out.kind = advanced ? 'advanced' : 'classic';
  out.keyAt = reader.loc(chosen.key);
  for (const [index, item] of items.entries()) {
    const map = resolvedMap(reader, item);
    if (!map) {
      out.partial = true;
      continue;
    }
    if (advanced) out.advanced.push(readAdvanced(map, reader));
    else out.classic.push(readClassic(map, reader, symbols, index));
  }
  out.partial ||= out.advanced.some((a) => a.partial);
  return out;
}

function readClassic(map: MapNode, reader: ValueReader, symbols: Symbols, index: number): ClassicSelector {
  const dataResources: ClassicSelector['dataResources'] = [];
  for (const item of listItems(reader, property(map, 'DataResources')?.value) ?? []) {
    const resource = resolvedMap(reader, item);
    if (!resource) {
      dataResources.push({ at: reader.loc(item), type: undefined, values: [], valuesAt: [] });
      continue;
    }
    const values = listItems(reader, property(resource, 'Values')?.value);
    dataResources.push({
      at: reader.loc(item),
      type: reader.string(resource, 'Type').value,
      // A computed list (`!Split`, a variable) is one unknown value: which resources it names is not known.
      values: values === undefined ? [undefined] : values.map((v) => dataResourceValue(reader, symbols, v)),
      valuesAt: values === undefined ? [undefined] : values.map((v) => reader.loc(v)),
    });
  }
  return {
    at: reader.loc(map),
    index,
    readWriteType: reader.string(map, 'ReadWriteType', 'All'),
    includeManagementEvents: reader.bool(map, 'IncludeManagementEvents', true),
    excludedSources: reader.count(map, 'ExcludeManagementEventSources'),
    dataResources,
  };
}

function readAdvanced(map: MapNode, reader: ValueReader): AdvancedSelector {
  const fields: AdvancedSelector['fields'] = [];
  let partial = false;
  const list = listItems(reader, property(map, 'FieldSelectors')?.value);
  if (list === undefined) partial = true;
  for (const item of list ?? []) {
    const field = resolvedMap(reader, item);
    const name = field && reader.string(field, 'Field').value;
    if (!field || name === undefined) {
      partial = true;
      continue;
    }
    const strings = (key: string): string[] => {
      const items = listItems(reader, property(field, key)?.value);
      // A computed list (a variable, a conditional) may hold anything: the selector is not known whole.
      if (items === undefined) partial = true;
      const values = (items ?? []).map((v) => reader.stringItem(key, v).value);
      if (values.some((v) => v === undefined)) partial = true;
      return values.filter((v): v is string => v !== undefined);
    };
    const other = ['StartsWith', 'NotStartsWith', 'EndsWith', 'NotEndsWith'].some((k) => property(field, k));
    fields.push({ field: name, equals: strings('Equals'), notEquals: strings('NotEquals'), other });
  }
  return { at: reader.loc(map), fields, partial };
}

function resolvedMap(reader: ValueReader, node: SourceNode): MapNode | undefined {
  const resolved = reader.resolver.resolve(node);
  return resolved?.k === 'map' ? resolved.node : undefined;
}

/** The items of a list property; undefined when the list itself is computed (or conditional). */
function listItems(reader: ValueReader, node: SourceNode | undefined): SourceNode[] | undefined {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  const resolved = reader.resolver.resolve(node);
  if (resolved?.k === 'list') return resolved.items.map((i) => i.node);
  if (resolved?.k === 'novalue') return [];
  return undefined;
}

/** The ARN prefix in canonical form, so that it compares with a bucket's ARN; undefined when unresolved. */
function dataResourceValue(reader: ValueReader, symbols: Symbols, node: SourceNode): string | undefined {
  const text = reader.stringItem('Values', node).value;
  if (text === undefined || text.includes(UNKNOWN_PART)) return undefined;
  return canonicalArn(text, symbols);
}
