// What the engine hands to its consumers (LSP, CLI formatters, live report): located, with severity.
import type { Loc } from './model/types';
import type { FixIntent, Severity } from './rules/types';

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
  /** A "could not verify" note rather than a violation. */
  unverified?: true;
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
}
