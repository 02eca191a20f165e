// The live check's findings as a tree, the way someone fixing them walks the account: by trail, then by the
// resource the finding is about (the trail itself, its bucket, key, log group), then the findings. What
// belongs to no trail (the account id of LIVE001, IAM roles…) goes under "Account". Pure (no `vscode`
// import): live-view.ts turns these nodes into tree items.
import { normalizeArn, parseArn } from './live-arn';
import { consoleUrl } from './live-console';
import type { LiveCheckResult, LiveFindingData, LiveTrailData } from './live-protocol';

interface NodeBase {
  /** Unique in the tree (a bucket shared by two trails appears twice), stable across runs. */
  id: string;
  label: string;
  description: string;
  tooltip: string;
  /** A codicon id. */
  icon: string;
  /** The resource the node is about, and its console page when it has one ("Open in AWS console"). */
  arn: string | undefined;
  console: string | undefined;
  children: LiveNode[];
}

export interface GroupNode extends NodeBase {
  kind: 'trail' | 'account';
  children: ResourceNode[];
}

export interface ResourceNode extends NodeBase {
  kind: 'resource';
  arn: string;
  children: FindingNode[];
}

export interface FindingNode extends NodeBase {
  kind: 'finding';
  arn: string;
  ruleId: string;
  severity: string;
  notVerified: boolean;
  docs: string;
  children: [];
}

export type LiveNode = GroupNode | ResourceNode | FindingNode;

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

export function buildLiveTree(result: LiveCheckResult): LiveNode[] {
  const byArn = new Map<string, LiveFindingData[]>();
  for (const f of result.findings) {
    const arn = normalizeArn(f.arn);
    byArn.set(arn, [...(byArn.get(arn) ?? []), f]);
  }
  const claimed = new Set<string>();
  const trails = result.trails.map((trail) => {
    const arns = [trail.arn, ...trail.resources].map(normalizeArn);
    for (const arn of arns) claimed.add(arn);
    return trailNode(trail, arns, byArn);
  });
  const accountArns = [...byArn.keys()].filter((arn) => !claimed.has(arn));
  if (accountArns.length === 0) return trails;
  // The account's findings first: "no multi-region trail" is about the whole account, and the trails read
  // better below it.
  return [accountNode(result.summary.account, accountArns, byArn), ...trails];
}

function trailNode(trail: LiveTrailData, arns: string[], byArn: Map<string, LiveFindingData[]>): GroupNode {
  const id = `trail:${trail.arn}`;
  const children = [...new Set(arns)]
    .filter((arn) => byArn.has(arn))
    .map((arn) => resourceNode(id, arn, byArn.get(arn) ?? []));
  const findings = children.flatMap((c) => c.children);
  return {
    kind: 'trail',
    id,
    label: trail.name,
    description: `${trail.homeRegion} · ${countFindings(findings)}`,
    tooltip: trail.arn,
    icon: 'cloud',
    arn: trail.arn,
    console: consoleUrl(trail.arn),
    children,
  };
}

function accountNode(account: string, arns: string[], byArn: Map<string, LiveFindingData[]>): GroupNode {
  const id = `account:${account}`;
  const children = arns.map((arn) => resourceNode(id, arn, byArn.get(arn) ?? []));
  return {
    kind: 'account',
    id,
    label: 'Account',
    description: `${account} · ${countFindings(children.flatMap((c) => c.children))}`,
    tooltip: `Findings about the account ${account} and resources outside its trails`,
    icon: 'organization',
    arn: undefined,
    console: undefined,
    children,
  };
}

function resourceNode(parentId: string, arn: string, findings: LiveFindingData[]): ResourceNode {
  const id = `${parentId}/${arn}`;
  const parsed = parseArn(arn);
  const kind = parsed?.kind ?? 'resource';
  const children = [...findings].sort(bySeverity).map((f, i) => findingNode(`${id}#${i}`, f));
  return {
    kind: 'resource',
    id,
    label: parsed?.name ?? arn,
    description: `${kind} · ${countFindings(children)}`,
    tooltip: arn,
    icon: RESOURCE_ICONS[kind] ?? 'symbol-misc',
    arn,
    console: consoleUrl(arn),
    children,
  };
}

function findingNode(id: string, f: LiveFindingData): FindingNode {
  return {
    kind: 'finding',
    id,
    label: `${f.ruleId} ${f.message}`,
    description: f.notVerified ? 'not verified' : f.severity,
    tooltip: f.message,
    // A check that could not run is neither passed nor failed: a question mark, not a severity.
    icon: f.notVerified ? 'question' : (SEVERITY_ICONS[f.severity] ?? 'info'),
    arn: f.arn,
    console: consoleUrl(f.arn),
    ruleId: f.ruleId,
    severity: f.severity,
    notVerified: f.notVerified,
    docs: f.docs,
    children: [],
  };
}

const SEVERITY_ICONS: Record<string, string> = { error: 'error', warning: 'warning', info: 'info' };

const RESOURCE_ICONS: Record<string, string> = {
  trail: 'cloud',
  'event data store': 'database',
  'S3 bucket': 'archive',
  'KMS key': 'key',
  'KMS alias': 'key',
  'log group': 'output',
  'IAM role': 'person',
  'IAM user': 'person',
  'IAM group': 'organization',
  'IAM policy': 'shield',
  account: 'organization',
};

/** Worst first; checks that could not be verified after those that failed. */
function bySeverity(a: LiveFindingData, b: LiveFindingData): number {
  const rank = (f: LiveFindingData): number => (f.notVerified ? 10 : 0) + (SEVERITY_ORDER[f.severity] ?? 3);
  return rank(a) - rank(b) || a.ruleId.localeCompare(b.ruleId);
}

/** `1 error, 2 warnings, 1 not verified`, or `no findings`. */
export function countFindings(findings: readonly { severity: string; notVerified: boolean }[]): string {
  const verified = findings.filter((f) => !f.notVerified);
  const parts = [
    plural(verified.filter((f) => f.severity === 'error').length, 'error', 'errors'),
    plural(verified.filter((f) => f.severity === 'warning').length, 'warning', 'warnings'),
    plural(verified.filter((f) => f.severity === 'info').length, 'info', 'info'),
    plural(findings.length - verified.length, 'not verified', 'not verified'),
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

function plural(n: number, one: string, many: string): string | undefined {
  if (n === 0) return undefined;
  return `${n} ${n === 1 ? one : many}`;
}
