// Where a trail's logs live, read from a template: buckets, KMS keys, log groups with their metric filters
// and alarms. Defaults are CloudFormation's (per the resource specification) or the service's where
// CloudFormation leaves it to the service.
import {
  PUBLIC_ACCESS_SETTINGS,
  type Alarm,
  type Bucket,
  type KmsKey,
  type LogGroup,
  type MetricFilter,
  type PublicAccessSetting,
  type ResourceBase,
  type Value,
} from '../model/types';
import { canonicalArn, type Symbols } from '../policy/arn';
import { property, type MapNode } from '../source/node';
import type { PolicyReader } from './policy';
import { UNKNOWN_PART } from './resolve';
import { arnOf } from './symbols';
import type { CfnResource } from './template';
import type { ValueReader } from './values';

export function readBucket(
  r: CfnResource,
  base: ResourceBase,
  reader: ValueReader,
  symbols: Symbols,
): Bucket {
  const p = r.properties;
  const block = reader.present(p, 'PublicAccessBlockConfiguration');
  const blockMap = nestedMap(reader, p, 'PublicAccessBlockConfiguration');
  const publicAccess = {} as Record<PublicAccessSetting, Value<boolean>>;
  for (const setting of PUBLIC_ACCESS_SETTINGS) {
    // Since April 2023 S3 turns all four settings on for a new bucket; inside a written configuration, an
    // omitted setting is false (the PutPublicAccessBlock API default).
    publicAccess[setting] =
      block.isSet === false
        ? { name: setting, value: true, provenance: 'default', isSet: false }
        : blockMap
          ? reader.bool(blockMap, setting, false)
          : // Computed: unresolved, saying why (an import, a condition, a call the live check could not make).
            {
              ...nested(reader, p, 'PublicAccessBlockConfiguration', setting, (m, n) =>
                reader.bool(m, n, false),
              ),
              name: setting,
            };
  }
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'bucket',
    arn: canonicalArn(arnOf(symbols, r.id), symbols),
    bucketName: reader.string(p, 'BucketName'),
    namePrefix: namePrefix(reader, p),
    versioning: nested(reader, p, 'VersioningConfiguration', 'Status', (m, name) => reader.string(m, name)),
    // CloudFormation has no property for MFA delete: it can only be turned on with the API, by the root user.
    mfaDelete: undefined,
    objectLockEnabled: reader.bool(p, 'ObjectLockEnabled', false),
    publicAccessBlock: block,
    publicAccess,
    acl: reader.string(p, 'AccessControl', 'Private'),
    accessLogging: reader.present(p, 'LoggingConfiguration'),
    accessLogDestination: destinationArn(
      nested(reader, p, 'LoggingConfiguration', 'DestinationBucketName', (m, n) => reader.string(m, n)),
      symbols,
    ),
    // Two levels down; an Fn::If or computed value at either level leaves it unresolved, never absent.
    objectLockDefaultRetention: {
      ...nested(reader, p, 'ObjectLockConfiguration', 'Rule', (config, rule) =>
        config
          ? nested(reader, config, rule, 'DefaultRetention', (m, name) => reader.present(m, name))
          : reader.present(undefined, rule),
      ),
      name: 'ObjectLockConfiguration.Rule.DefaultRetention',
    },
    retentionLifecycle: retentionLifecycle(reader, p),
    policies: [],
    trails: [],
  };
}

/** What a lifecycle rule writes to keep objects for a set time (or move them to archive storage). */
const RETENTION_ACTIONS = [
  'ExpirationInDays',
  'Transitions',
  'Transition',
  'NoncurrentVersionExpiration',
  'NoncurrentVersionExpirationInDays',
  'NoncurrentVersionTransitions',
  'NoncurrentVersionTransition',
];

/**
 * The shortest expiry that still counts as retention: a year, the period AWS Security Hub asks of log
 * retention (CloudWatch.16). A rule that deletes log files sooner (`ExpirationInDays: 1` is a known way to
 * make logs vanish) is not a retention lifecycle.
 */
export const MIN_RETENTION_DAYS = 365;

/**
 * Whether enabled lifecycle rules keep the log files for at least a year: one rule sets a retention, and
 * none expires objects sooner (or on a fixed date). Anything computed that could change the answer leaves
 * it unresolved.
 */
function retentionLifecycle(reader: ValueReader, p: MapNode | undefined): Value<boolean> {
  const name = 'LifecycleConfiguration.Rules';
  const config = property(p, 'LifecycleConfiguration');
  if (!config) return { name, value: false, provenance: 'default', isSet: false };
  const keyAt = reader.loc(config.key);
  const unresolved: Value<boolean> = {
    name,
    value: undefined,
    provenance: 'unresolved',
    isSet: undefined,
    keyAt,
    note: 'a computed lifecycle configuration',
  };
  const configMap = reader.resolver.resolve(config.value);
  if (configMap?.k !== 'map') return unresolved;
  const rules = reader.resolver.resolve(property(configMap.node, 'Rules')?.value);
  if (rules?.k !== 'list') return unresolved;
  let unknown = false;
  let retains = false;
  let shortest: string | undefined;
  for (const rule of rules.items) {
    if (rule.k !== 'map') {
      unknown = true;
      continue;
    }
    const status = reader.string(rule.node, 'Status');
    if (status.provenance === 'unresolved') unknown = true;
    if (status.value !== 'Enabled') continue;
    if (RETENTION_ACTIONS.some((action) => property(rule.node, action))) retains = true;
    if (property(rule.node, 'ExpirationDate')) shortest ??= 'ExpirationDate';
    const noncurrent = nestedMap(reader, rule.node, 'NoncurrentVersionExpiration');
    const expiries = [
      reader.number(rule.node, 'ExpirationInDays'),
      reader.number(rule.node, 'NoncurrentVersionExpirationInDays'),
      reader.number(noncurrent, 'NoncurrentDays'),
    ];
    for (const days of expiries) {
      if (days.provenance === 'unresolved') unknown = true;
      else if (days.value !== undefined && days.value < MIN_RETENTION_DAYS)
        shortest ??= `${days.name}: ${days.value}`;
    }
  }
  if (shortest) return { name, value: false, provenance: 'explicit', isSet: true, keyAt, note: shortest };
  if (retains && !unknown) return { name, value: true, provenance: 'explicit', isSet: true, keyAt };
  return unknown ? unresolved : { name, value: false, provenance: 'explicit', isSet: true, keyAt };
}

export function readKey(
  r: CfnResource,
  base: ResourceBase,
  reader: ValueReader,
  policies: PolicyReader,
  symbols: Symbols,
): KmsKey {
  const p = r.properties;
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'kms-key',
    arn: canonicalArn(arnOf(symbols, r.id), symbols),
    enableKeyRotation: reader.bool(p, 'EnableKeyRotation', false),
    keySpec: reader.string(p, 'KeySpec', 'SYMMETRIC_DEFAULT'),
    keyUsage: reader.string(p, 'KeyUsage', 'ENCRYPT_DECRYPT'),
    origin: reader.string(p, 'Origin', 'AWS_KMS'),
    policy: policies.read(property(p, 'KeyPolicy')?.value, ['Properties', 'KeyPolicy']),
    policyKeyAt: ((e) => e && reader.loc(e.key))(property(p, 'KeyPolicy')),
  };
}

export function readLogGroup(r: CfnResource, base: ResourceBase, reader: ValueReader): LogGroup {
  const p = r.properties;
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'log-group',
    retentionInDays: reader.number(p, 'RetentionInDays'),
    kmsKeyId: reader.identifier(p, 'KmsKeyId'),
    metricFilters: [],
  };
}

export function readMetricFilter(r: CfnResource, base: ResourceBase, reader: ValueReader): MetricFilter {
  const p = r.properties;
  const metrics: MetricFilter['metrics'] = [];
  const list = reader.resolver.resolve(property(p, 'MetricTransformations')?.value);
  for (const item of list?.k === 'list' ? list.items : []) {
    if (item.k !== 'map') continue;
    metrics.push(metric(reader, item.node, 'MetricName', 'MetricNamespace'));
  }
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'metric-filter',
    filterPattern: reader.string(p, 'FilterPattern'),
    metrics,
    alarms: [],
  };
}

export function readAlarm(r: CfnResource, base: ResourceBase, reader: ValueReader): Alarm {
  const p = r.properties;
  const metrics: Alarm['metrics'] = [];
  if (property(p, 'MetricName')) metrics.push(metric(reader, p as MapNode, 'MetricName', 'Namespace'));
  // Metric math: each query may name a metric through MetricStat.Metric.
  const queries = reader.resolver.resolve(property(p, 'Metrics')?.value);
  for (const q of queries?.k === 'list' ? queries.items : []) {
    const stat = q.k === 'map' ? nestedMap(reader, q.node, 'MetricStat') : undefined;
    const m = stat && nestedMap(reader, stat, 'Metric');
    if (m) metrics.push(metric(reader, m, 'MetricName', 'Namespace'));
  }
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'alarm',
    metrics,
  };
}

function metric(
  reader: ValueReader,
  map: MapNode,
  name: string,
  namespace: string,
): Alarm['metrics'][number] {
  const metricName = reader.string(map, name);
  const out: Alarm['metrics'][number] = {
    name: metricName.value,
    namespace: reader.string(map, namespace).value,
  };
  if (metricName.provenance === 'unresolved' && metricName.note) out.note = metricName.note;
  return out;
}

/** A nested object property, when it is a plain object (not computed). */
function nestedMap(reader: ValueReader, props: MapNode | undefined, name: string): MapNode | undefined {
  const resolved = reader.resolver.resolve(property(props, name)?.value);
  return resolved?.k === 'map' ? resolved.node : undefined;
}

/** The canonical ARN of the bucket a name (a literal, or a `Ref` to the bucket) stands for. */
function destinationArn(name: Value<string>, symbols: Symbols): string | undefined {
  if (name.value === undefined || name.value.includes(UNKNOWN_PART)) return undefined;
  return canonicalArn(`arn:\${AWS::Partition}:s3:::${name.value}`, symbols);
}

/** A property one level down (`VersioningConfiguration.Status`); an intermediate that is computed is unresolved. */
export function nested<T>(
  reader: ValueReader,
  props: MapNode | undefined,
  outer: string,
  inner: string,
  read: (m: MapNode | undefined, name: string) => Value<T>,
): Value<T> {
  const name = `${outer}.${inner}`;
  const e = property(props, outer);
  if (!e) return { ...read(undefined, inner), name };
  const resolved = reader.resolver.resolve(e.value);
  if (resolved?.k === 'map') {
    const value = read(resolved.node, inner);
    // An absent inner property is reported on the outer key that is there.
    return value.isSet === false && !value.keyAt
      ? { ...value, name, keyAt: reader.loc(e.key) }
      : { ...value, name };
  }
  if (!resolved || resolved.k === 'novalue')
    return { ...read(undefined, inner), name, keyAt: reader.loc(e.key) };
  return {
    name,
    value: undefined,
    provenance: 'unresolved',
    isSet: undefined,
    keyAt: reader.loc(e.key),
    at: reader.loc(e.value ?? e.key),
    note:
      resolved.k === 'unknown'
        ? resolved.why
        : resolved.k === 'if'
          ? `condition ${resolved.cond}`
          : 'a computed value',
  };
}

/**
 * The name prefix the lowering of Terraform's `bucket_prefix` wrote, when it is text: written, or a
 * variable's default (which the rules judge, as they judge every default).
 */
function namePrefix(reader: ValueReader, p: MapNode | undefined): string | undefined {
  const prefix = reader.string(p, 'BucketNamePrefix');
  const value =
    prefix.provenance === 'explicit' || prefix.provenance === 'parameter-default' ? prefix.value : undefined;
  return value && !value.includes('${') ? value : undefined;
}
