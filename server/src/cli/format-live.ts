// The live check's report, in the three formats of the CLI. Findings are about resources, not lines: they
// are grouped by the resource's ARN (text), carry it (JSON), and name it as a SARIF logical location. The
// summary says what was covered and what could not be verified, and why, since an audit is only as good as
// its gaps are visible.
import type * as Sarif from 'sarif';
import type { LiveEvaluation, LiveFinding } from '../live/evaluate';
import type { LiveSnapshot } from '../live/snapshot';
import { ruleById } from '../engine/rules';
import { docsUrl, type Severity } from '../engine/rules/types';
import { VERSION } from '../version';

export type LiveFormat = 'text' | 'json' | 'sarif';

export interface LiveSummary {
  account: string;
  trails: number;
  regions: string[];
  skippedRegions: { region: string; reason: string }[];
  findings: Record<Severity, number>;
  /** Checks that could not be verified, by reason (the call that was denied or failed). */
  notVerified: { reason: string; count: number }[];
  elapsedMs: number;
}

export function liveSummary(snapshot: LiveSnapshot, evaluation: LiveEvaluation): LiveSummary {
  const active = evaluation.findings.filter((f) => !f.unverified);
  const count = (s: Severity): number => active.filter((f) => f.severity === s).length;
  const reasons = new Map<string, number>();
  for (const f of evaluation.findings.filter((x) => x.unverified)) {
    const reason = / depends on (.*)\.$/.exec(f.message)?.[1] ?? f.message;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  return {
    account: snapshot.account,
    trails: snapshot.trails.length,
    regions: snapshot.regions,
    skippedRegions: snapshot.skippedRegions,
    findings: { error: count('error'), warning: count('warning'), info: count('info') },
    notVerified: [...reasons].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count),
    elapsedMs: snapshot.elapsedMs,
  };
}

export function formatLive(format: LiveFormat, snapshot: LiveSnapshot, evaluation: LiveEvaluation): string {
  const summary = liveSummary(snapshot, evaluation);
  if (format === 'json') return JSON.stringify(liveJson(summary, evaluation), null, 2) + '\n';
  if (format === 'sarif') return JSON.stringify(liveSarif(snapshot, evaluation), null, 2) + '\n';
  return liveText(summary, evaluation);
}

function liveJson(summary: LiveSummary, evaluation: LiveEvaluation): object {
  return {
    summary,
    findings: evaluation.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      arn: f.arn,
      resource: f.resource ?? null,
      notVerified: f.unverified === true,
      docs: f.docs,
    })),
    errors: evaluation.failures.map((e) => ({ ruleId: e.ruleId, message: e.message })),
  };
}

function liveText(summary: LiveSummary, evaluation: LiveEvaluation): string {
  const out: string[] = [];
  const byArn = new Map<string, LiveFinding[]>();
  for (const f of evaluation.findings) byArn.set(f.arn, [...(byArn.get(f.arn) ?? []), f]);
  for (const [arn, list] of byArn) {
    out.push(arn);
    for (const f of list) {
      const severity = f.unverified ? 'note' : f.severity;
      out.push(`  ${severity.padEnd(7)} ${f.ruleId.padEnd(7)} ${f.message}`);
    }
    out.push('');
  }
  for (const e of evaluation.failures) out.push(`error: rule ${e.ruleId} failed: ${e.message}`);
  const { error, warning, info } = summary.findings;
  const skipped = summary.skippedRegions.length
    ? `; skipped ${summary.skippedRegions.map((s) => `${s.region} (${s.reason})`).join(', ')}`
    : '';
  out.push(
    `Account ${summary.account}: ${summary.trails} trail${summary.trails === 1 ? '' : 's'} in ${summary.regions.length} region${summary.regions.length === 1 ? '' : 's'}${skipped}; ` +
      `${error} errors, ${warning} warnings, ${info} info; read in ${(summary.elapsedMs / 1000).toFixed(1)} s.`,
  );
  if (summary.notVerified.length > 0) {
    out.push('Not verified:');
    for (const n of summary.notVerified)
      out.push(`  ${n.count} check${n.count === 1 ? '' : 's'}: ${n.reason}`);
  }
  return out.join('\n') + '\n';
}

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

function liveSarif(snapshot: LiveSnapshot, evaluation: LiveEvaluation): Sarif.Log {
  const ids = [...new Set(evaluation.findings.map((f) => f.ruleId))].sort();
  const rules: Sarif.ReportingDescriptor[] = ids.map((id) => {
    const meta = ruleById(id)?.meta;
    return {
      id,
      ...(meta
        ? {
            name: meta.slug,
            shortDescription: { text: `${meta.title}.` },
            helpUri: docsUrl(meta),
            defaultConfiguration: { level: LEVEL[meta.severity] },
          }
        : {}),
    };
  });
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'trail-lint',
            version: VERSION,
            informationUri: 'https://github.com/trail-lint/trail-lint',
            rules,
          },
        },
        properties: { account: snapshot.account, regions: snapshot.regions },
        results: evaluation.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ids.indexOf(f.ruleId),
          level: f.unverified ? 'note' : LEVEL[f.severity],
          message: { text: f.message },
          locations: [{ logicalLocations: [{ fullyQualifiedName: f.arn, kind: 'resource' }] }],
          ...(f.unverified ? { kind: 'review' as const } : {}),
        })),
      },
    ],
  };
}
