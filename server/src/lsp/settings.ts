// Settings as the server uses them, normalized from whatever the client sends: a bad value falls back to
// the default instead of breaking linting. The client may pull per-resource settings (VS Code) or only push
// global ones (older Neovim, Emacs), so both routes end here.
//
// Precedence: defaults < the project's configuration file < settings the user set. VS Code's middleware
// answers a pull with only the values the user set (see client/src/explicit-settings.ts); clients that push
// settings push what their user wrote. So what arrives is "explicit", and it overrides the file key by key
// (rule by rule for `rules`).
import type { TrailLintConfig } from '../engine/config/parse';
import type { LintOptions, SeverityOverride } from '../engine/findings';

export interface Settings {
  enable: boolean;
  rules: Record<string, SeverityOverride>;
  /** Globs relative to the workspace folder (the configuration file's own `exclude` is separate). */
  exclude: string[];
  reportUnverified: boolean;
}

/** What the client sent: only keys that were present and valid. */
export type ExplicitSettings = Partial<Settings>;

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, exclude: [], reportUnverified: false };

const OVERRIDES = new Set<SeverityOverride>(['off', 'info', 'warning', 'error']);
const RULE_ID = /^(CT|S3|KMS|IAM|CW|LIVE)\d{3}$/;

export function normalizeExplicit(raw: unknown): ExplicitSettings {
  if (typeof raw !== 'object' || raw === null) return {};
  const input = raw as Record<string, unknown>;
  const out: ExplicitSettings = {};
  if (typeof input.enable === 'boolean') out.enable = input.enable;
  if (typeof input.rules === 'object' && input.rules !== null) {
    const rules: Record<string, SeverityOverride> = {};
    for (const [id, level] of Object.entries(input.rules as Record<string, unknown>)) {
      const normalized = level === 'warn' ? 'warning' : level;
      if (RULE_ID.test(id) && OVERRIDES.has(normalized as SeverityOverride))
        rules[id] = normalized as SeverityOverride;
    }
    out.rules = rules;
  }
  if (Array.isArray(input.exclude))
    out.exclude = input.exclude.filter((g): g is string => typeof g === 'string');
  if (typeof input.reportUnverified === 'boolean') out.reportUnverified = input.reportUnverified;
  return out;
}

/** Settings with every key, defaults filled in. */
export function normalizeSettings(raw: unknown): Settings {
  return mergeSettings(undefined, normalizeExplicit(raw));
}

/** defaults < configuration file < explicit settings; `rules` merge per rule id. */
export function mergeSettings(config: TrailLintConfig | undefined, explicit: ExplicitSettings): Settings {
  return {
    enable: explicit.enable ?? DEFAULT_SETTINGS.enable,
    rules: { ...config?.rules, ...explicit.rules },
    exclude: explicit.exclude ?? DEFAULT_SETTINGS.exclude,
    reportUnverified: explicit.reportUnverified ?? DEFAULT_SETTINGS.reportUnverified,
  };
}

export function lintOptions(settings: Settings): LintOptions {
  return { severities: settings.rules, reportUnverified: settings.reportUnverified };
}
