// Lints the files a walk found, each under the configuration that applies to it, and turns the results into
// a report with 1-based positions (for the findings and for the suppressions that cover them).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../engine/findings';
import { lintDocument } from '../engine/lint';
import { LineIndex } from '../engine/source/line-index';
import type { CliConfig } from './config';
import type { LocatedFinding, RunReport } from './report';
import { describe, type Target } from './walk';

export interface LintFlags {
  reportUnverified: boolean;
  inlineSuppressions: boolean;
}

export async function lintFiles(
  targets: Target[],
  config: CliConfig,
  flags: LintFlags,
  cwd: string,
  report: RunReport,
): Promise<void> {
  for (const target of targets) {
    const absolute = path.resolve(cwd, target.file);
    let text: string;
    try {
      text = await fs.readFile(absolute, 'utf8');
    } catch (error) {
      report.errors.push({ file: target.file, message: `cannot read: ${describe(error)}` });
      continue;
    }
    const scope = await config.scopeOf(absolute);
    const result = lintDocument(
      { file: target.file, text },
      {
        severities: scope.loaded?.config.rules,
        reportUnverified: flags.reportUnverified,
        inlineSuppressions: flags.inlineSuppressions,
        assumeTemplate: scope.template,
      },
    );
    if (result.format === undefined) continue;
    report.filesLinted++;
    const lines = new LineIndex(text);
    for (const problem of result.problems) {
      const at = lines.position(problem.at.start);
      report.errors.push({
        file: target.file,
        message: problem.message,
        line: at.line + 1,
        column: at.character + 1,
      });
    }
    for (const finding of result.findings) report.findings.push(locate(target.file, finding, lines));
  }
}

function locate(file: string, finding: Finding, lines: LineIndex): LocatedFinding {
  const span = (at: { start: number; end: number }) => {
    const start = lines.position(at.start);
    const end = lines.position(at.end);
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  };
  const located: LocatedFinding = { file, finding, ...span(finding.at) };
  if (finding.suppressed) located.suppressedAt = span(finding.suppressed.at);
  return located;
}
