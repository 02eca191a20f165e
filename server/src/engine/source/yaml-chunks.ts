// Incremental YAML for the editor. A full `yaml` parse runs at ~2 MB/s, too slow to re-run per keystroke
// on a large template, so a template is cut into its top-level sections and, inside `Resources`, into one
// slice per resource. Each slice is parsed alone and cached by its text: after an edit only the slice that
// changed is parsed again. The cut is only trusted when it is unambiguous (block mapping at the top, every
// slice parses cleanly into exactly one entry, no duplicate keys); anything else falls back to a full
// parse, so the result always equals what a full parse gives.
import { mapNode, shifted, type MapEntry, type MapNode, type SourceNode } from './node';
import { DEFAULT_LIMITS } from './limits';
import { parseYamlFull, parseYamlSlice, type YamlParse } from './yaml-parse';
import type { SourceLimits } from './limits';
import { detached } from './detached';

interface Slice {
  start: number;
  end: number;
}

interface Layout {
  /** Top-level entries other than Resources. */
  sections: Slice[];
  /** The `Resources:` header line, when the section is split into resources. */
  resourcesHeader?: Slice;
  resources: Slice[];
  /** Position of Resources among the top-level sections, to keep the original key order. */
  resourcesIndex: number;
}

interface CachedEntry {
  /**
   * The entry as the slice starting at `base` has it. One placed copy only: a slice that moves is shifted
   * from it (the offsets differ by the move), and an unmoved slice costs nothing. Keeping a second copy
   * relative to the slice as well doubled the cache, the largest thing the server holds for a big template.
   */
  base: number;
  entry: MapEntry;
}

/** Parse cache for one open document; entries not used by the latest parse are dropped. */
export class YamlSliceCache {
  private entries = new Map<string, CachedEntry | null>();
  private next = new Map<string, CachedEntry | null>();
  /** Slices parsed (misses) and reused (hits) since the cache was made: for tests and the benchmark. */
  readonly stats = { hits: 0, misses: 0 };

  lookup(text: string, parse: () => CachedEntry | null): CachedEntry | null {
    let hit = this.entries.get(text);
    if (hit === undefined) hit = this.next.get(text);
    if (hit === undefined) {
      this.stats.misses++;
      hit = parse();
    } else {
      this.stats.hits++;
    }
    this.next.set(text, hit);
    return hit;
  }

  /** Called after every parse: what the latest text did not use is forgotten. */
  commit(): void {
    this.entries = this.next;
    this.next = new Map();
  }

  /** Called when a parse could not use the slices (a syntax error mid-edit): keep what the last good text had. */
  abandon(): void {
    this.next = new Map();
  }

  /** Records a slice's entry taken from a full parse of the whole text. */
  seed(text: string, entry: CachedEntry): void {
    this.next.set(text, entry);
  }

  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Parses a YAML text, reusing `cache` where slices did not change. Without a cache (the CLI), or with an
 * empty one (a document just opened), one full parse is fastest; its result then seeds the cache, so the
 * first edit already costs only the slice it touches.
 */
export function parseYamlIncremental(
  text: string,
  cache?: YamlSliceCache,
  limits: SourceLimits = DEFAULT_LIMITS,
): YamlParse & { incremental: boolean } {
  if (!cache) return { ...parseYamlFull(text, limits), incremental: false };
  const layout = cutIntoSlices(text);
  if (layout && !cache.isEmpty) {
    const root = assemble(text, layout, cache, limits);
    if (root) {
      cache.commit();
      return { roots: [root], problems: [], incremental: true };
    }
    cache.abandon();
  }
  const full = parseYamlFull(text, limits);
  const root = full.roots[0];
  if (layout && root && full.roots.length === 1 && full.problems.length === 0 && !full.aliases) {
    if (seed(text, layout, root, cache)) cache.commit();
    else cache.abandon();
  }
  return { ...full, incremental: false };
}

/**
 * Files each entry of a fully parsed text under its slice, when entries and slices correspond one to one
 * (each entry lies inside its slice, in order): exactly what parsing each slice alone would give.
 */
function seed(text: string, layout: Layout, root: SourceNode, cache: YamlSliceCache): boolean {
  if (root.kind !== 'map') return false;
  const pairs: [Slice, MapEntry][] = [];
  let section = 0;
  for (const e of root.entries) {
    if (
      layout.resourcesHeader &&
      e.key.start >= layout.resourcesHeader.start &&
      e.key.end <= layout.resourcesHeader.end
    ) {
      const resources = e.value?.kind === 'map' ? e.value.entries : [];
      if (resources.length !== layout.resources.length) return false;
      resources.forEach((r, i) => pairs.push([layout.resources[i] as Slice, r]));
      continue;
    }
    const slice = layout.sections[section++];
    if (!slice) return false;
    pairs.push([slice, e]);
  }
  if (section !== layout.sections.length) return false;
  if (!pairs.every(([slice, e]) => e.key.start >= slice.start && (e.value ?? e.key).end <= slice.end))
    return false;
  for (const [slice, e] of pairs) {
    cache.seed(text.slice(slice.start, slice.end), { base: slice.start, entry: e });
  }
  return true;
}

const KEY_START = /^[A-Za-z0-9_"'$./-]/;
const RESOURCES_HEADER = /^(?:Resources|"Resources"|'Resources')[ \t]*:[ \t]*(?:#.*)?\r?$/;

/** Finds the slice boundaries from indentation alone, or gives up (undefined) when the text is unusual. */
export function cutIntoSlices(text: string): Layout | undefined {
  const layout: Layout = { sections: [], resources: [], resourcesIndex: -1 };
  let topIndent = -1;
  let inResources = false;
  let resourceIndent = -1;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let firstContent = true;
  const closeSlices = (at: number): void => {
    const lastSection = layout.sections.at(-1);
    if (lastSection && lastSection.end < 0) lastSection.end = at;
    const lastResource = layout.resources.at(-1);
    if (lastResource && lastResource.end < 0) lastResource.end = at;
  };
  while (pos < text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) lineEnd = text.length;
    let indent = 0;
    while (text.charCodeAt(pos + indent) === 32) indent++;
    const first = text.charCodeAt(pos + indent);
    const isBlank = pos + indent >= lineEnd || first === 13; // 13: '\r' of a CRLF line
    const isComment = first === 35; // '#'
    if (!isBlank && !isComment) {
      if (first === 9) return undefined; // tab indentation: let the full parser report it
      const line = text.slice(pos + indent, lineEnd);
      if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || first === 37) /* % */) {
        // A leading document marker is common; anything else means several documents or directives.
        if (!(firstContent && /^---[ \t]*\r?$/.test(line))) return undefined;
        pos = lineEnd + 1;
        firstContent = false;
        continue;
      }
      firstContent = false;
      if (topIndent < 0) {
        if (first === 123 || first === 91 || first === 45 || first === 63) return undefined; // { [ - ?
        topIndent = indent;
      }
      if (indent < topIndent) return undefined;
      // A boundary line must start a plain or quoted key; anything else (empty key, anchor, tag, flow or
      // block indicator) is positioned by the parser relative to what came before, so parse the whole file.
      if (indent === topIndent && !KEY_START.test(line)) return undefined;
      if (indent === topIndent) {
        closeSlices(pos);
        inResources = RESOURCES_HEADER.test(line);
        if (inResources) {
          if (layout.resourcesHeader) return undefined; // duplicate Resources: the full parse reports it
          layout.resourcesHeader = { start: pos, end: lineEnd };
          layout.resourcesIndex = layout.sections.length;
          resourceIndent = -1;
        } else {
          layout.sections.push({ start: pos, end: -1 });
        }
      } else if (inResources) {
        if (resourceIndent < 0) {
          if (first === 45 || first === 123 || first === 91 || first === 63) return undefined;
          resourceIndent = indent;
        }
        if (indent < resourceIndent) return undefined;
        if (indent === resourceIndent) {
          if (!KEY_START.test(line)) return undefined;
          closeSlices(pos);
          layout.resources.push({ start: pos, end: -1 });
        }
      }
    }
    pos = lineEnd + 1;
  }
  closeSlices(text.length);
  if (topIndent < 0) return undefined;
  return layout;
}

function assemble(
  text: string,
  layout: Layout,
  cache: YamlSliceCache,
  limits: SourceLimits,
): MapNode | undefined {
  const parseEntry = (slice: Slice): MapEntry | undefined => {
    const sliceText = text.slice(slice.start, slice.end);
    const cached = cache.lookup(sliceText, () => {
      // Parsed from a copy: V8 keeps a slice's whole parent string alive, and the cached nodes' strings would
      // hold on to the entire document as it was at this edit, one version per edited slice, for as long as
      // the entry stays cached (the load test saw the heap grow by half over 1,000 edits of a 1 MB template).
      const { root, clean } = parseYamlSlice(detached(sliceText), limits);
      if (!clean || root?.kind !== 'map' || root.entries.length !== 1 || root.shortForm) return null;
      return { base: 0, entry: root.entries[0] as MapEntry };
    });
    if (!cached) return undefined;
    if (cached.base !== slice.start) {
      cached.entry = shiftEntry(cached.entry, slice.start - cached.base);
      cached.base = slice.start;
    }
    return cached.entry;
  };

  const top: MapEntry[] = [];
  const seen = new Set<unknown>();
  const addUnique = (list: MapEntry[], e: MapEntry, keys: Set<unknown>): boolean => {
    if (keys.has(e.key.value)) return false;
    keys.add(e.key.value);
    list.push(e);
    return true;
  };
  for (let i = 0; i <= layout.sections.length; i++) {
    if (i === layout.resourcesIndex && layout.resourcesHeader) {
      const resources = assembleResources(text, layout, parseEntry);
      if (!resources || !addUnique(top, resources, seen)) return undefined;
    }
    const section = layout.sections[i];
    if (!section) continue;
    const e = parseEntry(section);
    if (!e || !addUnique(top, e, seen)) return undefined;
  }
  const first = top[0];
  const last = top.at(-1);
  if (!first || !last) return undefined;
  return mapNode(top, first.key.start, (last.value ?? last.key).end);
}

function assembleResources(
  text: string,
  layout: Layout,
  parseEntry: (slice: Slice) => MapEntry | undefined,
): MapEntry | undefined {
  const header = layout.resourcesHeader as Slice;
  const { root, clean } = parseYamlSlice(text.slice(header.start, header.end), DEFAULT_LIMITS);
  if (!clean || root?.kind !== 'map' || root.entries.length !== 1) return undefined;
  const headerEntry = shiftEntry(root.entries[0] as MapEntry, header.start);
  const entries: MapEntry[] = [];
  const names = new Set<unknown>();
  for (const slice of layout.resources) {
    const e = parseEntry(slice);
    if (!e || names.has(e.key.value)) return undefined;
    names.add(e.key.value);
    entries.push(e);
  }
  const first = entries[0];
  const last = entries.at(-1);
  const value: SourceNode | undefined =
    first && last ? mapNode(entries, first.key.start, (last.value ?? last.key).end) : undefined;
  return { key: headerEntry.key, value };
}

function shiftEntry(e: MapEntry, delta: number): MapEntry {
  return { key: shifted(e.key, delta), value: e.value && shifted(e.value, delta) };
}
