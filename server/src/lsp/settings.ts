// Settings as the server uses them, normalized from whatever the client sends: a bad value falls back to
// the default instead of breaking linting. The client may pull per-resource settings (VS Code) or only push
// global ones (older Neovim, Emacs), so both routes end here.
import type { LintOptions, SeverityOverride } from '../engine/findings';

export interface Settings {
  enable: boolean;
  rules: Record<string, SeverityOverride>;
  exclude: string[];
  reportUnverified: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, exclude: [], reportUnverified: false };

const OVERRIDES = new Set<SeverityOverride>(['off', 'info', 'warning', 'error']);
const RULE_ID = /^(CT|S3|KMS|IAM|CW|LIVE)\d{3}$/;

export function normalizeSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const input = raw as Record<string, unknown>;
  const rules: Record<string, SeverityOverride> = {};
  if (typeof input.rules === 'object' && input.rules !== null) {
    for (const [id, level] of Object.entries(input.rules as Record<string, unknown>)) {
      const normalized = level === 'warn' ? 'warning' : level;
      if (RULE_ID.test(id) && OVERRIDES.has(normalized as SeverityOverride))
        rules[id] = normalized as SeverityOverride;
    }
  }
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules,
    exclude: Array.isArray(input.exclude)
      ? input.exclude.filter((g): g is string => typeof g === 'string')
      : [],
    reportUnverified: input.reportUnverified === true,
  };
}

export function lintOptions(settings: Settings): LintOptions {
  return { severities: settings.rules, reportUnverified: settings.reportUnverified };
}
