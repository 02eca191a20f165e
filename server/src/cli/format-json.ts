// `--format json`: the documented, stable shape, and nothing else. With --show-suppressed, suppressed
// findings are listed too and every finding carries `suppressed` (null, or the kind, reason and place of its
// suppression).
import type { LocatedFinding, RunReport } from './report';

export function formatJson(report: RunReport, showSuppressed = false): string {
  const findings = report.findings
    .filter((f) => showSuppressed || !f.finding.suppressed)
    .map((f) => ({
      file: f.file,
      ruleId: f.finding.ruleId,
      severity: f.finding.severity,
      message: f.finding.message,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      resource: f.finding.resource ?? null,
      ...(showSuppressed ? { suppressed: suppression(f) } : {}),
    }));
  const errors = report.errors.map((e) => ({
    file: e.file,
    message: e.line === undefined ? e.message : `line ${e.line}, column ${e.column ?? 1}: ${e.message}`,
  }));
  // `fixed` appears with --fix only, so the shape without it stays what it was.
  const fixed = report.fixed.length > 0 ? { fixed: report.fixed } : {};
  return JSON.stringify({ findings, errors, ...fixed }, null, 2) + '\n';
}

function suppression(f: LocatedFinding): object | null {
  const s = f.finding.suppressed;
  if (!s) return null;
  return { kind: s.kind, reason: s.reason ?? null, ...f.suppressedAt };
}
