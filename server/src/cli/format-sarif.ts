// `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps). Artifact URIs are
// relative to the working folder (%SRCROOT%), which is how GitHub maps results onto the repository.
// Suppressed findings are always listed, with an in-source suppression (SARIF §3.27.23, §3.35), so that the
// dashboard shows them as suppressed, with their justification, instead of losing them.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { RULES } from '../engine/rules';
import { docsUrl, type Severity } from '../engine/rules/types';
import { VERSION } from '../version';
import type { RunReport } from './report';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: RunReport, cwd: string): string {
  // The rules that judge files: the live account's own (LIVE001–LIVE003) belong to `trail-lint live`'s report.
  const catalog = RULES.filter((r) => r.meta.formats.some((f) => f !== 'live'));
  const ruleIndex = new Map(catalog.map((r, i) => [r.meta.id, i]));
  const rules: Sarif.ReportingDescriptor[] = catalog.map((r) => ({
    id: r.meta.id,
    name: pascalCase(r.meta.slug),
    shortDescription: { text: `${r.meta.title}.` },
    helpUri: docsUrl(r.meta),
    help: {
      text: `See ${docsUrl(r.meta)}`,
      markdown: `See [${r.meta.id} ${r.meta.slug}](${docsUrl(r.meta)}).`,
    },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: { tags: ['security', 'cloudtrail'] },
  }));
  const artifact = (file: string): Sarif.ArtifactLocation => {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(cwd, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  };
  const results: Sarif.Result[] = report.findings.map((f) => {
    const result: Sarif.Result = {
      ruleId: f.finding.ruleId,
      level: LEVEL[f.finding.severity],
      message: { text: f.finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(f.file),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
          ...(f.finding.resource
            ? { logicalLocations: [{ name: f.finding.resource, kind: 'resource' }] }
            : {}),
        },
      ],
    };
    const index = ruleIndex.get(f.finding.ruleId);
    if (index !== undefined) result.ruleIndex = index;
    if (f.finding.unverified) result.kind = 'review';
    const suppressed = f.finding.suppressed;
    if (suppressed) {
      const suppression: Sarif.Suppression = { kind: 'inSource' };
      if (suppressed.reason !== undefined) suppression.justification = suppressed.reason;
      if (f.suppressedAt) {
        suppression.location = {
          physicalLocation: {
            artifactLocation: artifact(f.file),
            region: {
              startLine: f.suppressedAt.line,
              startColumn: f.suppressedAt.column,
              endLine: f.suppressedAt.endLine,
              endColumn: f.suppressedAt.endColumn,
            },
          },
        };
      }
      result.suppressions = [suppression];
    }
    return result;
  });
  const notifications: Sarif.Notification[] = report.errors.map((e) => ({
    level: 'error',
    message: { text: e.message.endsWith('.') ? e.message : `${e.message}.` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(e.file),
          ...(e.line !== undefined ? { region: { startLine: e.line, startColumn: e.column ?? 1 } } : {}),
        },
      },
    ],
  }));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trail-lint',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/trail-lint/trail-lint',
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd + path.sep).href } },
        invocations: [
          { executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function pascalCase(slug: string): string {
  return slug
    .split('-')
    .map((w) => (w.length ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');
}
