// Applies the suppressions a file declares to the findings the rules produced, and adds the notes that keep
// suppressions auditable: one without a reason still suppresses but is reported (info, under the rule it
// silences), and an id of ours that names no rule is reported because it silences nothing.
import type { Finding, Suppression } from '../findings';
import type { Loc } from '../model/types';
import { LineIndex } from '../source/line-index';
import type { CommentDirective } from './comments';
import type { MetadataSuppression } from './metadata';

/** Where the notes about suppressions (not about one rule) send the reader. */
export const SUPPRESSIONS_DOCS_URL =
  'https://github.com/trail-lint/trail-lint/blob/main/README.md#suppressions';

export interface SuppressionContext {
  text: string;
  comments: readonly CommentDirective[];
  metadata: readonly MetadataSuppression[];
  /** Whether a rule runs on this file (registered, for its format, not turned off): notes only for those. */
  active: (ruleId: string) => boolean;
  /** The rule's docs page, or undefined when the id is not a rule. */
  docsOf: (ruleId: string) => string | undefined;
}

export function applySuppressions(findings: readonly Finding[], context: SuppressionContext): Finding[] {
  const { comments, metadata } = context;
  if (comments.length === 0 && metadata.length === 0) return [...findings];
  const lines = new LineIndex(context.text);
  const byLine = new Map<number, CommentDirective[]>();
  for (const c of comments) {
    // A range (a Terraform directive above a block) is filed under each of its lines.
    for (let line = c.targetLine; line <= (c.endLine ?? c.targetLine); line++) {
      byLine.set(line, [...(byLine.get(line) ?? []), c]);
    }
  }

  // Which rules each peer entry actually silenced: only those are worth a note.
  const used = new Map<MetadataSuppression, Set<string>>();
  const result = findings.map((finding): Finding => {
    const candidates: (Suppression & { source?: MetadataSuppression })[] = [];
    for (const c of byLine.get(lines.position(finding.at.start).line) ?? []) {
      if (c.ids.some((i) => i.id === finding.ruleId))
        candidates.push({ kind: 'comment', reason: c.reason, at: c.at });
    }
    for (const m of metadata) {
      if (m.resource === finding.resource && m.ruleIds.includes(finding.ruleId)) {
        candidates.push({ kind: m.kind, reason: m.reason, at: m.at, source: m });
      }
    }
    // A reasoned suppression is the one worth showing when several cover the same finding.
    const chosen = candidates.find((s) => s.reason !== undefined) ?? candidates[0];
    if (chosen?.source) used.set(chosen.source, (used.get(chosen.source) ?? new Set()).add(finding.ruleId));
    return chosen ? { ...finding, suppressed: plain(chosen) } : finding;
  });
  result.push(...notes(context, used));
  result.sort((a, b) => a.at.start - b.at.start || a.ruleId.localeCompare(b.ruleId));
  return result;
}

function plain(s: Suppression): Suppression {
  return s.reason === undefined ? { kind: s.kind, at: s.at } : { kind: s.kind, reason: s.reason, at: s.at };
}

function notes(context: SuppressionContext, used: ReadonlyMap<MetadataSuppression, Set<string>>): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const push = (
    ruleId: string,
    kind: Finding['suppressionNote'],
    at: Loc,
    message: string,
    resource?: string,
  ): void => {
    const key = `${ruleId} ${at.start} ${at.end}`;
    if (seen.has(key) || (kind === 'no-reason' && !context.active(ruleId))) return;
    seen.add(key);
    out.push({
      ruleId,
      severity: 'info',
      message,
      at,
      ...(resource !== undefined ? { resource } : {}),
      docs: context.docsOf(ruleId) ?? SUPPRESSIONS_DOCS_URL,
      related: [],
      fixes: [],
      suppressionNote: kind,
    });
  };
  for (const c of context.comments) {
    for (const { id, at } of c.ids) {
      if (!context.docsOf(id)) {
        push(id, 'unknown-id', at, unknownId(id, c.form));
      } else if (c.reason === undefined) {
        push(
          id,
          'no-reason',
          c.at,
          `${id} is suppressed here without a reason. Say why after "--" (${c.form} ${id} -- why), so that reviews and audits can follow it.`,
        );
      }
    }
  }
  for (const m of context.metadata) {
    if (m.kind === 'metadata' && !context.docsOf(m.ruleIds[0] ?? '')) {
      push(
        m.ruleIds[0] ?? m.written,
        'unknown-id',
        m.idAt,
        unknownId(m.written, 'Metadata trail-lint.ignore'),
        m.resource,
      );
      continue;
    }
    if (m.reason !== undefined) continue;
    // Ours are noted always; a peer's entry (cfn-guard's never carry a reason) only for the findings it
    // silenced. Where one of ours with a reason covers the same finding, that one was chosen instead: adding
    // it is how a team answers the note.
    const ruleIds = m.kind === 'metadata' ? m.ruleIds : [...(used.get(m) ?? [])];
    for (const ruleId of ruleIds) push(ruleId, 'no-reason', m.at, noReason(ruleId, m), m.resource);
  }
  return out;
}

function unknownId(id: string, where: string): string {
  return `${id} is not a trail-lint rule id, so this ${where} suppresses nothing. The rule ids are listed in the catalog (docs/rules).`;
}

function noReason(ruleId: string, m: MetadataSuppression): string {
  switch (m.kind) {
    case 'metadata':
      return `${ruleId} is suppressed for ${m.resource} without a reason. Add "reason:" to the trail-lint ignore entry, so that reviews and audits can follow it.`;
    case 'checkov':
      return `${ruleId} is suppressed for ${m.resource} by checkov's skip of ${m.written}, without a reason. Add a "comment:" to that skip entry, so that reviews and audits can follow it.`;
    case 'guard':
      return `${ruleId} is suppressed for ${m.resource} by cfn-guard's SuppressedRules ${m.written}, which carries no reason. Add a trail-lint ignore entry for ${ruleId} with a reason to say why.`;
  }
}
