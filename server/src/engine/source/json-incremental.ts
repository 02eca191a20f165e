// Incremental JSON for the editor (CDK output is JSON and often large). The new text is compared with the
// last one; when everything that changed lies strictly inside one resource's braces, only that resource is
// parsed again and the rest of the last tree is reused (moved by the length difference). JSON is context-
// free, so this equals a full parse; anything else (a change across resources, a syntax error, the first
// parse) takes the full route.
import { parseJson, type JsonParse } from './json-parse';
import { mapNode, shifted, type MapEntry, type MapNode } from './node';
import type { SourceLimits } from './limits';
import { commonEnds } from './text-diff';
import { detached } from './detached';

/** The last clean parse of one open document. */
export class JsonEditCache {
  text: string | undefined;
  root: MapNode | undefined;
  /** Full parses and single-resource parses since the cache was made: for tests and the benchmark. */
  readonly stats = { full: 0, partial: 0 };
}

export function parseJsonIncremental(text: string, limits: SourceLimits, cache?: JsonEditCache): JsonParse {
  const partial = cache && tryPartial(text, limits, cache);
  if (partial && cache) {
    cache.stats.partial++;
    cache.text = text;
    cache.root = partial;
    return { root: partial, problems: [] };
  }
  const full = parseJson(text, limits);
  if (cache) {
    cache.stats.full++;
    const clean = full.problems.length === 0 && full.root?.kind === 'map';
    cache.text = clean ? text : undefined;
    cache.root = clean ? (full.root as MapNode) : undefined;
  }
  return full;
}

function tryPartial(text: string, limits: SourceLimits, cache: JsonEditCache): MapNode | undefined {
  const before = cache.text;
  const root = cache.root;
  if (before === undefined || !root) return undefined;
  if (before === text) return root;
  // The changed region: what lies between the common prefix and the common suffix.
  const { prefix, suffix } = commonEnds(before, text);
  const oldEnd = before.length - suffix;
  const delta = text.length - before.length;

  const resourcesIndex = root.entries.findIndex((e) => e.key.value === 'Resources');
  const resources = root.entries[resourcesIndex]?.value;
  if (resources?.kind !== 'map') return undefined;
  const index = resources.entries.findIndex((e) => e.value && e.value.start < prefix && oldEnd < e.value.end);
  const target = resources.entries[index];
  if (!target?.value || target.value.kind !== 'map') return undefined;

  const start = target.value.start;
  // Parsed from a copy, as yaml-chunks.ts does: a slice keeps its whole parent string alive in V8, and the
  // new resource's strings would hold on to this version of the entire document for as long as the resource
  // is not edited again, one version per edited resource.
  const slice = detached(text.slice(start, target.value.end + delta));
  const parsed = parseJson(slice, limits);
  if (parsed.problems.length > 0 || parsed.root?.kind !== 'map' || parsed.root.end !== slice.length)
    return undefined;
  const value = shifted(parsed.root, start);

  const moveEntry = (e: MapEntry): MapEntry =>
    e.key.start >= oldEnd ? { key: shifted(e.key, delta), value: e.value && shifted(e.value, delta) } : e;
  const resourceEntries = resources.entries.map((e, i) =>
    i === index ? { key: e.key, value } : moveEntry(e),
  );
  const newResources = mapNode(resourceEntries, resources.start, resources.end + delta, resources.shortForm);
  const rootEntries = root.entries.map((e, i) =>
    i === resourcesIndex ? { key: e.key, value: newResources } : moveEntry(e),
  );
  return mapNode(rootEntries, root.start, root.end + delta, root.shortForm);
}
