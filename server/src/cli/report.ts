// What a CLI run found, with 1-based positions computed once for every formatter.
import type { Finding } from '../engine/findings';
import type { Severity } from '../engine/rules/types';

export interface LocatedFinding {
  file: string;
  finding: Finding;
  /** 1-based; the end column points just past the last character (as in SARIF). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For a suppressed finding: where its suppression is written (same conventions). */
  suppressedAt?: { line: number; column: number; endLine: number; endColumn: number };
}

export interface RunReport {
  findings: LocatedFinding[];
  errors: { file: string; message: string; line?: number; column?: number }[];
  filesLinted: number;
  /** What `--fix` changed, fix by fix. */
  fixed: { file: string; ruleId: string; title: string }[];
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
