// The CloudFormation adapter: a template (YAML, JSON or CDK output) → the format-neutral model. Defaults are
// CloudFormation's own (per the resource specification), and links follow the template's references.
import type {
  Alarm,
  Bucket,
  BucketPolicy,
  EventDataStore,
  Identity,
  IdentityKind,
  KmsKey,
  LogGroup,
  MetricFilter,
  Model,
  PolicyDocument,
  ResourceBase,
  Trail,
  Value,
} from '../model/types';
import { canonicalArn } from '../policy/arn';
import { asMap, child, entry, property, type SourceNode } from '../source/node';
import { readSelectors } from './adapt-selectors';
import { readAlarm, readBucket, readKey, readLogGroup, readMetricFilter } from './adapt-storage';
import { BUCKET, KEY, LOG_GROUP, Linker } from './links';
import { PolicyReader } from './policy';
import { Resolver } from './resolve';
import { arnOf, buildSymbols } from './symbols';
import { isCdkFile, type CfnResource, type CfnTemplate } from './template';
import { ValueReader } from './values';

const TRAIL = 'AWS::CloudTrail::Trail';
const EVENT_DATA_STORE = 'AWS::CloudTrail::EventDataStore';
const BUCKET_POLICY = 'AWS::S3::BucketPolicy';
const METRIC_FILTER = 'AWS::Logs::MetricFilter';
const ALARM = 'AWS::CloudWatch::Alarm';
/** Stacks a template creates whose resources it does not show. */
const CHILD_STACKS = [
  'AWS::CloudFormation::Stack',
  'AWS::CloudFormation::StackSet',
  'AWS::Serverless::Application',
  'AWS::ServiceCatalog::CloudFormationProvisionedProduct',
];

const IDENTITY_TYPES: Record<string, IdentityKind> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::IAM::ManagedPolicy': 'managed-policy',
  'AWS::IAM::Policy': 'managed-policy',
  'AWS::SSO::PermissionSet': 'permission-set',
  'AWS::Serverless::Function': 'function',
  'AWS::Serverless::StateMachine': 'function',
};

/** `resolver`: one the caller keeps using on this template (its results are the same, already resolved). */
export function adaptTemplate(
  template: CfnTemplate,
  file: string,
  resolver: Resolver = new Resolver(template),
): Model {
  const reader = new ValueReader(file, resolver);
  const linker = new Linker(template, resolver);
  const symbols = buildSymbols(template, resolver);
  const policies = new PolicyReader(reader, symbols);
  const cdk = isCdkFile(file, template);
  const base = (r: CfnResource): ResourceBase => {
    const anchorNode = r.typeEntry
      ? { start: r.typeEntry.key.start, end: (r.typeEntry.value ?? r.typeEntry.key).end }
      : r.key;
    const construct = cdk ? template.cdkConstruct(r) : undefined;
    // Every model object gets all base fields (cdk possibly undefined): one shape per kind, no spreads,
    // because this runs for every resource on every keystroke.
    return {
      id: r.id,
      type: r.type,
      at: reader.loc({ start: r.key.start, end: r.body.end }),
      anchor: reader.loc(anchorNode),
      cdk: construct,
    };
  };

  const buckets = new Map<string, Bucket>();
  for (const r of template.resourcesOfType(BUCKET))
    buckets.set(r.id, readBucket(r, base(r), reader, symbols));
  const keys = new Map<string, KmsKey>();
  for (const r of template.resourcesOfType(KEY))
    keys.set(r.id, readKey(r, base(r), reader, policies, symbols));
  const logGroups = new Map<string, LogGroup>();
  for (const r of template.resourcesOfType(LOG_GROUP)) logGroups.set(r.id, readLogGroup(r, base(r), reader));
  const metricFilters: MetricFilter[] = template.resourcesOfType(METRIC_FILTER).map((r) => {
    const filter = readMetricFilter(r, base(r), reader);
    for (const id of linker.targets(property(r.properties, 'LogGroupName')?.value, LOG_GROUP))
      logGroups.get(id)?.metricFilters.push(filter);
    return filter;
  });
  const alarms: Alarm[] = template.resourcesOfType(ALARM).map((r) => readAlarm(r, base(r), reader));
  linkAlarms(metricFilters, alarms);
  const pick = <T>(ids: string[], from: Map<string, T>): T[] =>
    ids.map((id) => from.get(id)).filter((x): x is T => !!x);

  const bucketPolicies: BucketPolicy[] = template.resourcesOfType(BUCKET_POLICY).map((r) => {
    const b = base(r);
    const policy: BucketPolicy = {
      id: b.id,
      type: b.type,
      at: b.at,
      anchor: b.anchor,
      cdk: b.cdk,
      kind: 'bucket-policy',
      buckets: pick(linker.targets(property(r.properties, 'Bucket')?.value, BUCKET), buckets),
      document: policies.read(property(r.properties, 'PolicyDocument')?.value, [
        'Properties',
        'PolicyDocument',
      ]),
      documentKeyAt: ((e) => e && reader.loc(e.key))(property(r.properties, 'PolicyDocument')),
    };
    for (const b of policy.buckets) b.policies.push(policy);
    return policy;
  });

  const trails: Trail[] = template.resourcesOfType(TRAIL).map((r) => {
    const p = r.properties;
    const b = base(r);
    const trail: Trail = {
      id: b.id,
      type: b.type,
      at: b.at,
      anchor: b.anchor,
      cdk: b.cdk,
      kind: 'trail',
      name: reader.string(p, 'TrailName'),
      isMultiRegion: reader.bool(p, 'IsMultiRegionTrail', false),
      includeGlobalServiceEvents: reader.bool(p, 'IncludeGlobalServiceEvents', true),
      logFileValidation: reader.bool(p, 'EnableLogFileValidation', false),
      kmsKeyId: reader.identifier(p, 'KMSKeyId'),
      cloudWatchLogsLogGroupArn: reader.identifier(p, 'CloudWatchLogsLogGroupArn'),
      cloudWatchLogsRoleArn: reader.identifier(p, 'CloudWatchLogsRoleArn'),
      isLogging: reader.bool(p, 'IsLogging', undefined),
      s3BucketName: reader.string(p, 'S3BucketName'),
      s3KeyPrefix: reader.string(p, 'S3KeyPrefix'),
      isOrganizationTrail: reader.bool(p, 'IsOrganizationTrail', false),
      arn: canonicalArn(arnOf(symbols, r.id), symbols),
      selectors: readSelectors(p, reader, symbols),
      insightSelectors: reader.count(p, 'InsightSelectors'),
      dependsOn: {
        ids: waitsFor(template, r),
        keyAt: ((e) => (e ? reader.loc(e.key) : undefined))(entry(r.body, 'DependsOn')),
      },
      buckets: pick(linker.targets(property(p, 'S3BucketName')?.value, BUCKET), buckets),
      keys: pick(linker.targets(property(p, 'KMSKeyId')?.value, KEY), keys),
      logGroups: pick(linker.targets(property(p, 'CloudWatchLogsLogGroupArn')?.value, LOG_GROUP), logGroups),
    };
    for (const b of trail.buckets) b.trails.push(trail);
    return trail;
  });

  const eventDataStores: EventDataStore[] = template.resourcesOfType(EVENT_DATA_STORE).map((r) => {
    const b = base(r);
    return {
      id: b.id,
      type: b.type,
      at: b.at,
      anchor: b.anchor,
      cdk: b.cdk,
      kind: 'event-data-store',
      kmsKeyId: reader.identifier(r.properties, 'KmsKeyId'),
    };
  });

  const identities: Identity[] = [];
  for (const r of template.resources.values()) {
    const kind = IDENTITY_TYPES[r.type];
    if (kind) identities.push(readIdentity(r, kind, base(r), reader, policies));
  }

  return {
    file,
    format: cdk ? 'cdk' : 'cloudformation',
    ...(template.resourcesOfType(...CHILD_STACKS).length > 0 ? { childStacks: true } : {}),
    trails,
    eventDataStores,
    buckets: [...buckets.values()],
    bucketPolicies,
    keys: [...keys.values()],
    logGroups: [...logGroups.values()],
    identities,
  };
}

function readIdentity(
  r: CfnResource,
  identityKind: IdentityKind,
  base: ResourceBase,
  reader: ValueReader,
  policies: PolicyReader,
): Identity {
  const p = r.properties;
  const managedPolicies: Value<string>[] = [];
  const inlinePolicies: PolicyDocument[] = [];
  const listProperty = r.type === 'AWS::SSO::PermissionSet' ? 'ManagedPolicies' : 'ManagedPolicyArns';
  for (const item of listItems(reader, property(p, listProperty)?.value))
    managedPolicies.push(reader.stringItem(listProperty, item));
  for (const [index, policy] of listItems(reader, property(p, 'Policies')?.value).entries()) {
    if (r.type.startsWith('AWS::Serverless::')) {
      // SAM: a policy is a managed policy name or ARN, a policy template, or an inline document.
      const resolved = reader.resolver.resolve(policy);
      if (resolved?.k === 'map' && child(resolved.node, 'Statement'))
        inlinePolicies.push(policies.read(policy, ['Properties', 'Policies', index]) as PolicyDocument);
      else if (resolved?.k !== 'map') managedPolicies.push(reader.stringItem('Policies', policy));
      continue;
    }
    const path = ['Properties', 'Policies', index, 'PolicyDocument'];
    const doc = policies.read(property(asMap(policy), 'PolicyDocument')?.value, path);
    if (doc) inlinePolicies.push(doc);
  }
  // AWS::IAM::ManagedPolicy / AWS::IAM::Policy carry one document; a permission set its InlinePolicy.
  for (const name of ['PolicyDocument', 'InlinePolicy']) {
    const doc = policies.read(property(p, name)?.value, ['Properties', name]);
    if (doc) inlinePolicies.push(doc);
  }
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'identity',
    identityKind,
    managedPolicies,
    inlinePolicies,
  };
}

/** The items of a list property, or nothing when the list itself is computed. A single value counts as one item. */
function listItems(reader: ValueReader, node: SourceNode | undefined): SourceNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  const resolved = reader.resolver.resolve(node);
  if (resolved?.k === 'list') return resolved.items.map((i) => i.node);
  if (resolved?.k === 'scalar') return [node];
  return [];
}

/** Every resource a resource waits for through DependsOn, directly or through the resources it waits for. */
function waitsFor(template: CfnTemplate, r: CfnResource): string[] {
  const seen = new Set<string>();
  const queue = [...r.dependsOn];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(template.resources.get(id)?.dependsOn ?? []));
  }
  return [...seen];
}

/**
 * Each metric filter gets the alarms that watch one of its metrics. An alarm whose metric cannot be
 * resolved may be watching any filter: counted, so no rule claims that nothing alarms. Alarms are indexed
 * by metric (a filter × alarm scan is quadratic in large modules); each filter keeps them in file order.
 */
function linkAlarms(filters: readonly MetricFilter[], alarms: readonly Alarm[]): void {
  const byMetric = new Map<string, number[]>();
  const vague: number[] = [];
  const key = (namespace: string, name: string): string => `${namespace}\0${name}`;
  alarms.forEach((a, i) => {
    if (a.metrics.some((m) => m.name === undefined || m.namespace === undefined)) vague.push(i);
    else
      for (const m of a.metrics) {
        const k = key(m.namespace as string, m.name as string);
        const list = byMetric.get(k);
        if (list) list.push(i);
        else byMetric.set(k, [i]);
      }
  });
  for (const filter of filters) {
    const picked = new Set(vague);
    for (const f of filter.metrics) {
      if (f.name === undefined || f.namespace === undefined) continue;
      for (const i of byMetric.get(key(f.namespace, f.name)) ?? []) picked.add(i);
    }
    filter.alarms.push(...[...picked].sort((a, b) => a - b).map((i) => alarms[i] as Alarm));
  }
}
