// Suppressions written in a resource's `Metadata`, in our idiom and in the two idioms teams already use:
//   trail-lint: { ignore: [{ id: CT004, reason: "…" }] }
//   checkov:    { skip: [{ id: CKV_AWS_35, comment: "…" }] }
//   guard:      { SuppressedRules: [CLOUD_TRAIL_ENCRYPTION_ENABLED] }
// They silence findings about that resource (`finding.resource` is its logical id). cfn-lint's
// `Metadata.cfn-lint.config.ignore_checks` names cfn-lint's own checks and is left alone.
import type { CfnTemplate } from '../cfn/template';
import type { SuppressionKind } from '../findings';
import type { Loc } from '../model/types';
import { asMap, child, scalarString, type SourceNode } from '../source/node';
import { CHECKOV_RULES, GUARD_RULES } from './peer-ids';

export interface MetadataSuppression {
  kind: Exclude<SuppressionKind, 'comment'>;
  resource: string;
  /** The id as written (ours, a checkov id or a guard rule name). */
  written: string;
  /** Our rules it silences: the written id itself for ours (known or not), the mapped ones for peers. */
  ruleIds: readonly string[];
  reason: string | undefined;
  /** The list entry. */
  at: Loc;
  /** The id's value. */
  idAt: Loc;
}

export function readMetadataSuppressions(template: CfnTemplate, file: string): MetadataSuppression[] {
  const out: MetadataSuppression[] = [];
  for (const resource of template.resources.values()) {
    const metadata = resource.metadata;
    if (!metadata) continue;
    const add = (
      kind: MetadataSuppression['kind'],
      entry: SourceNode,
      id: SourceNode | undefined,
      reason: SourceNode | undefined,
      ruleIds: (written: string) => readonly string[] | undefined,
    ): void => {
      const written = scalarString(id);
      if (!written || !id) return;
      const mapped = ruleIds(written);
      if (!mapped) return;
      out.push({
        kind,
        resource: resource.id,
        written,
        ruleIds: mapped,
        reason: scalarString(reason)?.trim() || undefined,
        at: loc(file, entry),
        idAt: loc(file, id),
      });
    };
    for (const item of items(child(child(metadata, 'trail-lint'), 'ignore'))) {
      // A bare id (`ignore: [CT004]`) is read too: it suppresses, and being reasonless it is noted.
      const map = asMap(item);
      const upper = (id: string): string[] => [id.toUpperCase()];
      add('metadata', item, map ? child(map, 'id') : item, child(map, 'reason'), upper);
    }
    for (const item of items(child(child(metadata, 'checkov'), 'skip'))) {
      add('checkov', item, child(item, 'id'), child(item, 'comment'), (id) => CHECKOV_RULES.get(id));
    }
    for (const item of items(child(child(metadata, 'guard'), 'SuppressedRules'))) {
      add('guard', item, item, undefined, (id) => GUARD_RULES.get(id));
    }
  }
  return out;
}

function items(node: SourceNode | undefined): SourceNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

function loc(file: string, node: SourceNode): Loc {
  return { file, start: node.start, end: node.end };
}
