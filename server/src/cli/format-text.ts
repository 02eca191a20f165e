// `--format text`: grouped by file, one line per finding, a summary at the end. Plain ASCII for CI logs.
// Suppressed findings are listed only with --show-suppressed, marked at the end of their line; the summary
// counts them apart, since they never fail a run.
import type { LocatedFinding, RunReport } from './report';

export function formatText(report: RunReport, showSuppressed = false): string {
  const out: string[] = [];
  // What --fix changed comes first: the findings below are what is left.
  for (const f of report.fixed) out.push(`fixed ${f.file}: ${f.ruleId} ${f.title}`);
  if (report.fixed.length > 0) out.push('');
  const byFile = new Map<string, LocatedFinding[]>();
  for (const f of report.findings) {
    if (f.finding.suppressed && !showSuppressed) continue;
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
        `  ${where} ${f.finding.severity.padEnd(7)} ${f.finding.ruleId.padEnd(6)} ${f.finding.message}${resource}${marker(f)}`,
      );
    }
    out.push('');
  }
  for (const e of report.errors) {
    const where = e.line === undefined ? '' : `:${e.line}:${e.column ?? 1}`;
    out.push(`${e.file}${where}: error: ${e.message}`);
  }
  if (report.errors.length > 0) out.push('');
  const active = report.findings.filter((f) => !f.finding.suppressed);
  const count = (s: string): number => active.filter((f) => f.finding.severity === s).length;
  const total = active.length;
  const files = `${report.filesLinted} file${report.filesLinted === 1 ? '' : 's'} checked`;
  const suppressed = report.findings.length - total;
  const hidden =
    suppressed === 0
      ? ''
      : `; ${suppressed} suppressed${showSuppressed ? '' : ' (--show-suppressed lists them)'}`;
  out.push(
    total === 0
      ? `No findings; ${files}${hidden}.`
      : `${total} finding${total === 1 ? '' : 's'} (${count('error')} errors, ${count('warning')} warnings, ${count('info')} info); ${files}${hidden}.`,
  );
  return out.join('\n') + '\n';
}

function marker(f: LocatedFinding): string {
  const s = f.finding.suppressed;
  if (!s) return '';
  const where = f.suppressedAt ? ` at ${f.suppressedAt.line}:${f.suppressedAt.column}` : '';
  return `  (suppressed by ${s.kind}${where}: ${s.reason ?? 'no reason given'})`;
}
