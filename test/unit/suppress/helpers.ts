// Shared by the suppression tests: lint with the three trail rules that every test template is built around
// (so that other rules, present or to come, never change an outcome), and describe findings by the text
// they point at.
import { lintDocument, type LintResult } from '../../../server/src/engine/lint';
import type { LintOptions } from '../../../server/src/engine/findings';
import { ruleById } from '../../../server/src/engine/rules';
import type { Rule } from '../../../server/src/engine/rules/types';

export const TRAIL_RULES: readonly Rule[] = ['CT001', 'CT003', 'CT004'].map((id) => {
  const rule = ruleById(id);
  if (!rule) throw new Error(`rule ${id} is not registered`);
  return rule;
});

export function lint(text: string, options: LintOptions = {}, file = 't.yaml'): LintResult {
  return lintDocument({ file, text }, options, undefined, TRAIL_RULES);
}

/** `CT004 warning Trail @"Type: AWS::CloudTrail::Trail" suppressed=comment:"why"@"# trail-lint-…"`. */
export function describeFindings(text: string, result: LintResult): string[] {
  return result.findings.map((f) => {
    const at = JSON.stringify(text.slice(f.at.start, f.at.end));
    const s = f.suppressed;
    const suppressed = s
      ? ` suppressed=${s.kind}:${s.reason === undefined ? '-' : JSON.stringify(s.reason)}@${JSON.stringify(text.slice(s.at.start, s.at.end))}`
      : '';
    const note = f.suppressionNote ? ` note=${f.suppressionNote}` : '';
    return `${f.ruleId} ${f.severity} ${f.resource ?? '-'} @${at}${suppressed}${note}`;
  });
}
