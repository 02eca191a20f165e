// What the engine hands to its consumers (LSP, CLI formatters, live report): located, with severity.
import type { Loc } from './model/types';
import type { FixIntent } from './fix/intents';
import type { Severity } from './rules/types';
import type { SourceLimits } from './source/limits';

/** Where a suppression was written, and in which idiom: ours (a comment or resource Metadata) or a peer's. */
export type SuppressionKind = 'comment' | 'metadata' | 'checkov' | 'guard';

export interface Suppression {
  kind: SuppressionKind;
  /** Why, as the author wrote it; undefined when the suppression gives no reason. */
  reason?: string;
  /** The comment or Metadata entry that suppresses the finding. */
  at: Loc;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  at: Loc;
  /** Logical id or address of the resource the finding is about. */
  resource?: string;
  docs: string;
  related: { at: Loc; message: string }[];
  fixes: FixIntent[];
  /** For CDK output, which is generated: the change to make in the CDK app (construct path and property). */
  cdkFix?: string;
  /** A "could not verify" note rather than a violation. */
  unverified?: true;
  /** Set when an in-file suppression covers the finding: editors hide it, reports mark it, exit codes skip it. */
  suppressed?: Suppression;
  /**
   * A note about a suppression rather than about the template: one without a reason, or one naming an id that
   * is not a rule. Such notes are never suppressed themselves, so that audits always find them.
   */
  suppressionNote?: 'no-reason' | 'unknown-id';
}

/** Something that kept a file, or part of it, from being linted. */
export interface Problem {
  message: string;
  at: Loc;
}

export type SeverityOverride = Severity | 'off';

export interface LintOptions {
  /** Per rule id: another severity, or `off`. */
  severities?: Readonly<Record<string, SeverityOverride>>;
  /** Report checks that could not be verified, as info. */
  reportUnverified?: boolean;
  /**
   * Honour suppressions written in the file (comments, `Metadata` of ours, checkov's and cfn-guard's).
   * Default true; CI gates turn it off to see everything.
   */
  inlineSuppressions?: boolean;
  /**
   * The user declared this file a template (the configuration's `templates` globs): lint it even when its
   * content would not be recognised as one.
   */
  assumeTemplate?: boolean;
  /** Bounds on what a template may expand to (docs/limits.md); the defaults when unset. */
  limits?: SourceLimits;
}
