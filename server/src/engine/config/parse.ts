// The project configuration file (`.trail-lint.yaml`, `.trail-lint.yml` or `.trail-lint.json`), read and
// validated strictly: a file with any mistake is reported once, at the first mistake, and none of it applies,
// since half a configuration (a rule left on that the team turned off, or the reverse) would gate CI on
// something nobody chose. Pure: the search on disk lives in server/src/node/.
import type { SeverityOverride } from '../findings';
import { ruleById } from '../rules';
import { parseJson } from '../source/json-parse';
import { DEFAULT_LIMITS, DEFAULT_MAX_FILE_BYTES, type SourceLimits } from '../source/limits';
import { entry, type MapEntry, type SourceNode, type Span } from '../source/node';
import { parseYamlFull } from '../source/yaml-parse';

export const CONFIG_FILE_NAMES = ['.trail-lint.yaml', '.trail-lint.yml', '.trail-lint.json'] as const;

export interface TrailLintConfig {
  /** Severity per rule id, or `off`. */
  rules: Readonly<Record<string, SeverityOverride>>;
  /** Globs, relative to the configuration file's folder, of files to leave alone. */
  exclude: readonly string[];
  /** Globs, relative to the configuration file's folder, of files that are templates whatever they look like. */
  templates: readonly string[];
  /** Limits set by the project (docs/limits.md); unset ones keep their defaults. */
  limits: ConfigLimits;
}

export interface ConfigLimits {
  /** Bytes; larger files are not linted. */
  maxFileSize?: number;
  /** Nodes a YAML document may expand to, counting every use of an alias. */
  maxAliasExpansion?: number;
  /** Levels of nesting in a YAML or JSON template. */
  maxNestingDepth?: number;
}

export const EMPTY_CONFIG: TrailLintConfig = { rules: {}, exclude: [], templates: [], limits: {} };

/** The engine's source limits for a configuration: its own, else the defaults. */
export function sourceLimits(limits: ConfigLimits | undefined): SourceLimits {
  return {
    maxExpandedNodes: limits?.maxAliasExpansion ?? DEFAULT_LIMITS.maxExpandedNodes,
    maxDepth: limits?.maxNestingDepth ?? DEFAULT_LIMITS.maxDepth,
  };
}

/** The maximum file size in bytes for a configuration. */
export function maxFileBytes(limits: ConfigLimits | undefined): number {
  return limits?.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
}

export interface ConfigProblem extends Span {
  message: string;
}

export interface ParsedConfig {
  /** The configuration, or EMPTY_CONFIG when the file has a problem. */
  config: TrailLintConfig;
  problem: ConfigProblem | undefined;
}

const KEYS = ['rules', 'exclude', 'templates', 'limits'];
const LIMIT_KEYS = ['maxFileSize', 'maxAliasExpansion', 'maxNestingDepth'] as const;
const LEVELS: Record<string, SeverityOverride> = {
  off: 'off',
  info: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
};

class Invalid extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

export function isConfigFileName(name: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(name);
}

/** `name` is the file's base name; it decides between JSON and YAML. */
export function parseConfig(text: string, name: string): ParsedConfig {
  const parsed = name.endsWith('.json') ? parseJsonRoot(text) : parseYamlRoot(text);
  if ('problem' in parsed) return invalid(`${parsed.problem.message}`, parsed.problem);
  try {
    return { config: validate(parsed.root), problem: undefined };
  } catch (error) {
    if (error instanceof Invalid) return invalid(error.message, error.span);
    throw error;
  }
}

function invalid(message: string, span: Span): ParsedConfig {
  return {
    config: EMPTY_CONFIG,
    problem: {
      message: `Invalid trail-lint configuration, so none of it applies: ${message}.`,
      start: span.start,
      end: span.end,
    },
  };
}

type Root = { root: SourceNode | undefined } | { problem: ConfigProblem };

function parseYamlRoot(text: string): Root {
  const { roots, problems } = parseYamlFull(text, DEFAULT_LIMITS);
  const first = problems[0];
  if (first) return { problem: { message: first.message, start: first.start, end: first.end } };
  if (roots.length > 1) {
    const second = roots[1] as SourceNode;
    return {
      problem: {
        message: 'the file holds more than one YAML document',
        start: second.start,
        end: second.start,
      },
    };
  }
  return { root: roots[0] };
}

function parseJsonRoot(text: string): Root {
  if (text.trim() === '') return { root: undefined };
  const { root, problems } = parseJson(text, DEFAULT_LIMITS);
  const first = problems[0];
  if (first) return { problem: { message: first.message, start: first.start, end: first.end } };
  return { root };
}

function validate(root: SourceNode | undefined): TrailLintConfig {
  // An empty file (or `{}`) is a valid configuration that changes nothing.
  if (!root || (root.kind === 'scalar' && root.value === null)) return EMPTY_CONFIG;
  if (root.kind !== 'map')
    throw new Invalid('the file must hold a map with the keys rules, exclude, templates and limits', root);
  for (const e of root.entries) {
    if (!KEYS.includes(String(e.key.value))) {
      throw new Invalid(
        `unknown key "${String(e.key.value)}"; the keys are rules, exclude, templates and limits`,
        e.key,
      );
    }
  }
  return {
    rules: rules(entry(root, 'rules')),
    exclude: globs(entry(root, 'exclude'), 'exclude'),
    templates: globs(entry(root, 'templates'), 'templates'),
    limits: limits(entry(root, 'limits')),
  };
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB)?$/i;
const UNIT: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

function limits(found: MapEntry | undefined): ConfigLimits {
  const out: ConfigLimits = {};
  if (!found || isNull(found.value)) return out;
  const map = found.value;
  if (map?.kind !== 'map')
    throw new Invalid(`"limits" must map ${LIMIT_KEYS.join(', ')} to numbers`, map ?? found.key);
  for (const e of map.entries) {
    const name = String(e.key.value);
    const key = LIMIT_KEYS.find((k) => k === name);
    if (!key) throw new Invalid(`unknown limit "${name}"; the limits are ${LIMIT_KEYS.join(', ')}`, e.key);
    const raw = e.value?.kind === 'scalar' ? e.value.value : undefined;
    // A size may carry a unit (`10MB`); counts are plain numbers.
    const size = key === 'maxFileSize' && typeof raw === 'string' ? SIZE.exec(raw.trim()) : null;
    const value = size ? Number(size[1]) * (UNIT[(size[2] ?? 'B').toUpperCase()] ?? 1) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
      const what =
        key === 'maxFileSize' ? 'a positive number of bytes, or a size such as 10MB' : 'a positive integer';
      throw new Invalid(`limits.${key} must be ${what}`, e.value ?? e.key);
    }
    out[key] = Math.floor(value);
  }
  return out;
}

function rules(found: MapEntry | undefined): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  if (!found || isNull(found.value)) return out;
  const map = found.value;
  if (map?.kind !== 'map') {
    throw new Invalid('"rules" must map rule ids to off, info, warning or error', map ?? found.key);
  }
  for (const e of map.entries) {
    const id = String(e.key.value);
    if (!ruleById(id)) throw new Invalid(`"${id}" under rules is not a trail-lint rule id`, e.key);
    const level = e.value?.kind === 'scalar' ? e.value.value : undefined;
    const override = typeof level === 'string' ? LEVELS[level] : undefined;
    if (!override) {
      const shown =
        e.value?.kind === 'scalar' ? JSON.stringify(e.value.value) : `a ${e.value?.kind ?? 'missing'} value`;
      throw new Invalid(
        `${shown} is not a level for ${id}; use off, info, warning or error`,
        e.value ?? e.key,
      );
    }
    out[id] = override;
  }
  return out;
}

function globs(found: MapEntry | undefined, name: string): string[] {
  if (!found || isNull(found.value)) return [];
  const seq = found.value;
  if (seq?.kind !== 'seq') throw new Invalid(`"${name}" must be a list of globs`, seq ?? found.key);
  return seq.items.map((item) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
      throw new Invalid(`every entry of "${name}" must be a glob (a non-empty string)`, item);
    }
    return item.value;
  });
}

function isNull(node: SourceNode | undefined): boolean {
  return node === undefined || (node.kind === 'scalar' && node.value === null);
}
