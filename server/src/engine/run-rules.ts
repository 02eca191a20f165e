// Runs the catalog over a model and turns rule reports into located findings: where a finding points, the
// CDK hint, the parameter-default note, user severity overrides and "could not verify" notes.
import type { FixIntent } from './fix/intents';
import type { Finding, LintOptions, SeverityOverride } from './findings';
import type { Loc, Model, ResourceBase, Value } from './model/types';
import { docsUrl, type Report, type Rule, type RuleContext } from './rules/types';

/** Text of a file, so that findings on multi-line values can be narrowed to their key. */
export type TextOf = (file: string) => string | undefined;

export interface RuleRun {
  findings: Finding[];
  /** Rules that threw: reported, never allowed to take the other rules down with them. */
  failures: { ruleId: string; message: string }[];
}

export function runRules(
  model: Model,
  rules: readonly Rule[],
  options: LintOptions,
  textOf: TextOf,
): RuleRun {
  const findings: Finding[] = [];
  const failures: RuleRun['failures'] = [];
  // One context for the whole run, reporting for the rule that runs now: a context and two closures per
  // rule per lint were most of what running the rules allocated besides the findings.
  let rule: Rule | undefined;
  let override: Exclude<SeverityOverride, 'off'> | undefined;
  let docs = '';
  const context: RuleContext = {
    report(report: Report) {
      const meta = (rule as Rule).meta;
      findings.push({
        ruleId: meta.id,
        severity: override ?? report.severity ?? meta.severity,
        message: compose(report, model),
        at: locate(report.resource, report.value, textOf),
        resource: report.resource.id,
        docs,
        related: report.value?.related ?? [],
        // CDK output is generated: the repair belongs in the app, and the finding says where.
        fixes: model.format === 'cdk' ? [] : fixesOf(report),
        ...(model.format === 'cdk' && report.fixes?.length ? { cdkFix: cdkFix(report) } : {}),
      });
    },
    unverified(resource: ResourceBase, value: Value<unknown>, what: string) {
      if (!options.reportUnverified) return;
      findings.push({
        ruleId: (rule as Rule).meta.id,
        severity: 'info',
        message: `Could not verify ${what}: ${value.name} depends on ${value.note ?? 'a value this file does not give'}.`,
        at: locate(resource, value, textOf),
        resource: resource.id,
        docs,
        related: value.related ?? [],
        fixes: [],
        unverified: true,
      });
    },
  };
  for (const r of rules) {
    if (!r.meta.formats.includes(model.format)) continue;
    const severity = options.severities?.[r.meta.id];
    if (severity === 'off') continue;
    rule = r;
    override = severity;
    docs = docsUrl(r.meta);
    try {
      r.check(model, context);
    } catch (error) {
      failures.push({
        ruleId: r.meta.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  findings.sort((a, b) => a.at.start - b.at.start || a.ruleId.localeCompare(b.ruleId));
  return { findings, failures };
}

/**
 * A value that comes from a parameter's default is the author's switch: a fix that writes over the
 * reference is offered, never applied by fix-all.
 */
function fixesOf(report: Report): FixIntent[] {
  const fixes = report.fixes ?? [];
  if (report.value?.provenance !== 'parameter-default') return fixes;
  return fixes.map((f) => ({ ...f, safe: false, preferred: false }));
}

/** What to change in the CDK app instead of the generated template: the construct and the property. */
function cdkFix(report: Report): string | undefined {
  if (!report.cdk) return undefined;
  const construct = report.resource.cdk;
  const hint = construct?.level === 'L1' ? (report.cdk.l1 ?? report.cdk.l2) : report.cdk.l2;
  return construct ? `${construct.path}: ${hint}` : hint;
}

function compose(report: Report, model: Model): string {
  let message = report.message;
  const value = report.value;
  if (value?.provenance === 'parameter-default') {
    message += ` (The value is the default of parameter ${value.note}; a deployment may override it.)`;
  }
  if (model.format === 'cdk' && report.cdk) {
    const construct = report.resource.cdk;
    const hint = construct?.level === 'L1' ? (report.cdk.l1 ?? report.cdk.l2) : report.cdk.l2;
    message += ` This template is CDK output: ${construct ? `in the construct \`${construct.path}\`, ` : ''}${hint}.`;
  }
  return message;
}

/**
 * A written value points at `Key: value` when that fits on one line, else at its key; a value that is not
 * written points at the resource's anchor (the `Type` line).
 */
function locate(resource: ResourceBase, value: Value<unknown> | undefined, textOf: TextOf): Loc {
  if (!value || (!value.at && !value.keyAt)) return resource.anchor;
  const { at, keyAt } = value;
  if (keyAt && at && at.file === keyAt.file && at.end >= keyAt.start) {
    const text = textOf(keyAt.file);
    const between = text?.slice(keyAt.start, at.end) ?? '';
    return between.includes('\n') ? keyAt : { file: keyAt.file, start: keyAt.start, end: at.end };
  }
  return (keyAt ?? at) as Loc;
}
