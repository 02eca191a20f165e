// The live account through the same engine: the snapshot is lowered to a template (lower.ts), read by the
// CloudFormation adapter into the same model, marked `live`, completed with what only the API tells (MFA
// delete, delivery health, resources of other accounts) and judged by every rule whose formats include
// `live` (the catalog's live list, and LIVE001–LIVE003). Findings point at the resource's ARN.
import { adaptTemplate } from '../engine/cfn/adapt';
import { CfnTemplate } from '../engine/cfn/template';
import type { Finding, LintOptions } from '../engine/findings';
import type { LiveFacts, Model, ResourceBase, Value } from '../engine/model/types';
import { runRules } from '../engine/run-rules';
import { RULES } from '../engine/rules';
import { parseJson } from '../engine/source/json-parse';
import { DEFAULT_LIMITS } from '../engine/source/limits';
import type { MapNode } from '../engine/source/node';
import { lowerAccount, why } from './lower';
import type { LiveSnapshot } from './snapshot';

export interface LiveFinding extends Finding {
  /** The ARN of the resource the finding is about (the account id for account-wide findings). */
  arn: string;
}

export interface LiveEvaluation {
  findings: LiveFinding[];
  /** Rules that threw: named, so a report never silently drops a check. */
  failures: { ruleId: string; message: string }[];
}

/** The file name findings of the live check carry before they are placed at their ARN. */
const LIVE_FILE = 'live-account';

export function evaluateSnapshot(snapshot: LiveSnapshot, options: LintOptions = {}): LiveEvaluation {
  const lowered = lowerAccount(snapshot);
  const text = JSON.stringify(lowered.template);
  const root = parseJson(text, DEFAULT_LIMITS).root as MapNode;
  const model = adaptTemplate(new CfnTemplate(root), LIVE_FILE);
  model.format = 'live';
  markLive(model);
  for (const bucket of model.buckets) {
    const live = snapshot.buckets[bucket.bucketName.value ?? ''];
    if (!live || live.inAccount === false) continue;
    bucket.mfaDelete = live.versioning.ok
      ? {
          name: 'MFADelete',
          value: live.versioning.value.mfaDelete === 'Enabled',
          provenance: 'live',
          isSet: true,
          at: bucket.anchor,
        }
      : {
          name: 'MFADelete',
          value: undefined,
          provenance: 'unresolved',
          isSet: undefined,
          note: why(live.versioning),
        };
  }
  model.live = facts(snapshot, model, lowered.trails, lowered.outOfAccount);
  // A check the account could not answer is reported as such: an auditor needs to see the gaps.
  const run = runRules(model, RULES, { ...options, reportUnverified: true }, () => text);
  const arnOf = (id: string | undefined): string =>
    (id !== undefined ? lowered.arns.get(id) : undefined) ?? id ?? snapshot.account;
  return {
    findings: run.findings.map((f) => {
      const arn = arnOf(f.resource);
      return { ...f, arn, at: { file: arn, start: 0, end: 0 }, related: [] };
    }),
    failures: run.failures,
  };
}

/**
 * Every value read from the account is `live`; defaults too, since the API reported the actual state. What
 * the API left out stays not set (`isSet` false), as the rules' wording expects.
 */
function markLive(model: Model): void {
  const seen = new Set<object>();
  const visit = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) {
      for (const item of x) visit(item);
      return;
    }
    const v = x as Partial<Value<unknown>>;
    if (typeof v.provenance === 'string' && v.provenance !== 'unresolved' && 'isSet' in v)
      (v as Value<unknown>).provenance = 'live';
    for (const child of Object.values(x)) visit(child);
  };
  visit(model);
}

function facts(
  s: LiveSnapshot,
  model: Model,
  trails: ReturnType<typeof lowerAccount>['trails'],
  outOfAccount: ReturnType<typeof lowerAccount>['outOfAccount'],
): LiveFacts {
  const at = { file: s.account, start: 0, end: 0 };
  const account: ResourceBase = { id: s.account, type: 'AWS::Account', at, anchor: at, cdk: undefined };
  const resources: ResourceBase[] = [...model.buckets, ...model.keys, ...model.logGroups];
  return {
    account: s.account,
    readAt: new Date(Date.now() - s.elapsedMs).toISOString(),
    resource: account,
    delivery: model.trails.map((trail) => {
      const live = trails.get(trail.id);
      const status = live?.status;
      return {
        trail,
        status: status?.ok
          ? {
              latestDeliveryError: status.value.latestDeliveryError,
              latestCloudWatchLogsDeliveryError: status.value.latestCloudWatchLogsDeliveryError,
              latestDeliveryTime: status.value.latestDeliveryTime,
            }
          : undefined,
        note: status && !status.ok ? why(status) : undefined,
      };
    }),
    fullAccessUnreadable: s.iam.fullAccessEntities.ok ? undefined : why(s.iam.fullAccessEntities),
    outOfAccount: [...outOfAccount].flatMap(([id, o]) => {
      const resource = resources.find((r) => r.id === id);
      if (!resource) return [];
      const users = model.trails.filter((t) =>
        [...t.buckets, ...t.keys, ...t.logGroups].some((r) => r.id === id),
      );
      return [{ resource, kind: o.kind, arn: o.arn, trails: users }];
    }),
  };
}
