// `--format text`: grouped by file, one line per finding, a summary at the end. Plain ASCII for CI logs.
import type { RunReport } from './report';

export function formatText(report: RunReport): string {
  const out: string[] = [];
  const byFile = new Map<string, RunReport['findings']>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, list] of byFile) {
    out.push(file);
    for (const f of list) {
      const where = `${f.line}:${f.column}`.padEnd(8);
      const resource = f.finding.resource ? `  [${f.finding.resource}]` : '';
      out.push(
        `  ${where} ${f.finding.severity.padEnd(7)} ${f.finding.ruleId.padEnd(6)} ${f.finding.message}${resource}`,
      );
    }
    out.push('');
  }
  for (const e of report.errors) {
    const where = e.line === undefined ? '' : `:${e.line}:${e.column ?? 1}`;
    out.push(`${e.file}${where}: error: ${e.message}`);
  }
  if (report.errors.length > 0) out.push('');
  const count = (s: string): number => report.findings.filter((f) => f.finding.severity === s).length;
  const total = report.findings.length;
  const files = `${report.filesLinted} template${report.filesLinted === 1 ? '' : 's'} checked`;
  out.push(
    total === 0
      ? `No findings; ${files}.`
      : `${total} finding${total === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info); ${files}.`,
  );
  return out.join('\n') + '\n';
}
