// `--format json`: the documented, stable shape, and nothing else.
import type { RunReport } from './report';

export function formatJson(report: RunReport): string {
  const findings = report.findings.map((f) => ({
    file: f.file,
    ruleId: f.finding.ruleId,
    severity: f.finding.severity,
    message: f.finding.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    resource: f.finding.resource ?? null,
  }));
  const errors = report.errors.map((e) => ({
    file: e.file,
    message: e.line === undefined ? e.message : `line ${e.line}, column ${e.column ?? 1}: ${e.message}`,
  }));
  return JSON.stringify({ findings, errors }, null, 2) + '\n';
}
