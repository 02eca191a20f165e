// Parsing YAML with the `yaml` package: options, CloudFormation's short-form tags, and the conversion of
// each document into the source tree. The chunked, cached route for editors lives in yaml-chunks.ts.
import {
  Schema,
  parseAllDocuments,
  parseDocument,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
  type Tags,
} from 'yaml';
import { yamlTooDeepAt } from './depth-scan';
import type { ParseProblem, SourceNode } from './node';
import { DEFAULT_LIMITS, nestsTooDeep, SourceRejected, type SourceLimits } from './limits';
import { SHORT_FORM_KEYS, convertYamlDocument } from './yaml-convert';

/** Every short-form tag accepts any node kind here; the resolver judges whether the form makes sense. */
const CLOUDFORMATION_TAGS: Tags = [...SHORT_FORM_KEYS.keys()].flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const },
  { tag, collection: 'map' as const },
]);

// Building a schema with these tags costs ~0.1 ms, more than parsing a small resource: build it once.
const SCHEMA = new Schema({ customTags: CLOUDFORMATION_TAGS, resolveKnownTags: true, schema: 'core' });

export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions & { schema: Schema } = {
  schema: SCHEMA,
  prettyErrors: false,
  keepSourceTokens: false,
  uniqueKeys: true,
  strict: true,
};

export interface YamlParse {
  /** One root per YAML document in the file (most templates have exactly one). */
  roots: SourceNode[];
  problems: ParseProblem[];
  /** Whether the text uses aliases (which tie one part of the file to another). */
  aliases?: boolean;
}

/** Parses a (possibly multi-document) YAML text, or a slice of one when `base` is its offset. */
export function parseYamlFull(text: string, limits: SourceLimits = DEFAULT_LIMITS): YamlParse {
  const tooDeep = tooDeepProblem(text, limits);
  if (tooDeep) return { roots: [], problems: [tooDeep] };
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  const problems: ParseProblem[] = [];
  const roots: SourceNode[] = [];
  const stats = { aliases: 0 };
  for (const doc of list) {
    // `yaml` places an error at the end of a cut-off text one past it (`[length, length + 1]`): clamp.
    for (const error of doc.errors) {
      const [start, end] = error.pos.map((p) => Math.min(p, text.length)) as [number, number];
      problems.push({ start, end, message: firstLine(error.message) });
    }
    if (doc.errors.length > 0) continue;
    const root = safeConvert(() => convertYamlDocument(doc, text, 0, limits, stats), problems, doc.range[0]);
    if (root) roots.push(root);
  }
  return { roots, problems, aliases: stats.aliases > 0 };
}

/** Parses one slice of a larger YAML text as a document on its own; offsets are relative to the slice. */
export function parseYamlSlice(
  slice: string,
  limits: SourceLimits,
): { root: SourceNode | undefined; clean: boolean } {
  if (tooDeepProblem(slice, limits)) return { root: undefined, clean: false };
  const doc = parseDocument(slice, YAML_OPTIONS);
  if (doc.errors.length > 0) return { root: undefined, clean: false };
  const problems: ParseProblem[] = [];
  const root = safeConvert(() => convertYamlDocument(doc, slice, 0, limits), problems, 0);
  return { root, clean: problems.length === 0 };
}

/**
 * The `yaml` package recurses per level and, thousands deep, overflows its stack (slowly, and reports only
 * "Maximum call stack size exceeded"): a linear scan refuses such text before it parses.
 */
function tooDeepProblem(text: string, limits: SourceLimits): ParseProblem | undefined {
  const at = yamlTooDeepAt(text, limits.maxDepth);
  if (at === undefined) return undefined;
  const end = Math.min(at + 1, text.length);
  return {
    start: at,
    end,
    message: nestsTooDeep(limits.maxDepth),
  };
}

function safeConvert(
  run: () => SourceNode | undefined,
  problems: ParseProblem[],
  at: number,
): SourceNode | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof SourceRejected) {
      problems.push({ start: at, end: at, message: error.message });
      return undefined;
    }
    if (error instanceof RangeError) {
      problems.push({
        start: at,
        end: at,
        message: 'the document nests too deeply to be read; it is not linted',
      });
      return undefined;
    }
    throw error;
  }
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
