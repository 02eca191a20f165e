// The account as a template: what the live check read (snapshot.ts) becomes a synthetic CloudFormation
// template, so that the adapter, the policy reader and the links between resources are the ones templates
// use (the way Terraform is lowered). Links are written as `Ref`/`Fn::GetAtt`, so that a trail finds its
// bucket, key and log group whatever the API spelled them as. What could not be read becomes an explicit
// unknown naming the call and why, never an absent property that a rule would take for a default.
import { UNKNOWN_FN } from '../engine/cfn/resolve';
import type { Fetched, LiveBucket, LiveKey, LiveLogGroup, LiveSnapshot, LiveTrail } from './snapshot';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Props = Record<string, Json>;

export interface LoweredAccount {
  template: { Resources: Record<string, { Type: string; Properties: Props }> };
  /** Logical id → the ARN (or name) of the live resource, for reports and console links. */
  arns: Map<string, string>;
  /** Logical id of each trail → its snapshot entry. */
  trails: Map<string, LiveTrail>;
  /** Buckets, keys and log groups of other accounts, by logical id. */
  outOfAccount: Map<string, { kind: 'bucket' | 'key' | 'log group'; arn: string }>;
}

/** Why a value is unknown, as the "could not verify" note says it. */
export function why(f: Extract<Fetched<unknown>, { ok: false }>): string {
  if (/AccessDenied|UnauthorizedOperation|AuthorizationError|not authorized/i.test(`${f.code} ${f.message}`))
    return `${f.action}, which was denied (missing permission ${f.action})`;
  return `${f.action}, which failed (${f.code})`;
}

const unknown = (note: string): Json => ({ [UNKNOWN_FN]: note });

/** The value of a call, mapped; an unknown naming the call when it failed. */
function read<T>(f: Fetched<T>, map: (v: T) => Json): Json {
  return f.ok ? map(f.value) : unknown(why(f));
}

export function lowerAccount(s: LiveSnapshot): LoweredAccount {
  const out: LoweredAccount = {
    template: { Resources: {} },
    arns: new Map(),
    trails: new Map(),
    outOfAccount: new Map(),
  };
  const ids = new IdMaker();
  const add = (id: string, Type: string, Properties: Props, arn: string): void => {
    out.template.Resources[id] = { Type, Properties };
    out.arns.set(id, arn);
  };

  const bucketIds = new Map<string, string>();
  for (const [name, b] of Object.entries(s.buckets)) {
    const id = ids.make(name);
    bucketIds.set(name, id);
    const arn = `arn:${s.partition}:s3:::${name}`;
    if (b.inAccount === false) {
      out.outOfAccount.set(id, { kind: 'bucket', arn });
      add(id, 'AWS::S3::Bucket', outOfAccountBucket(name), arn);
      // Its policy, if any, is out of sight too: unknown, never absent.
      add(
        `${id}Policy`,
        'AWS::S3::BucketPolicy',
        { Bucket: { Ref: id }, PolicyDocument: unknown('a bucket in another account') },
        arn,
      );
      continue;
    }
    add(id, 'AWS::S3::Bucket', bucketProps(b, s), arn);
    if (!b.policy.ok || b.policy.value !== undefined) {
      const document = read(b.policy, (text) => parsePolicy(text ?? '{}'));
      add(`${id}Policy`, 'AWS::S3::BucketPolicy', { Bucket: { Ref: id }, PolicyDocument: document }, arn);
    }
  }

  const keyIds = new Map<string, string>();
  for (const [arn, k] of Object.entries(s.keys)) {
    const id = ids.make(`key/${arn.split('/').at(-1) ?? arn}`);
    keyIds.set(arn, id);
    if (k.inAccount === false) out.outOfAccount.set(id, { kind: 'key', arn });
    add(id, 'AWS::KMS::Key', keyProps(k), arn);
  }

  const groupIds = new Map<string, string>();
  for (const [arn, g] of Object.entries(s.logGroups)) {
    const id = ids.make(g.name);
    groupIds.set(arn, id);
    if (g.inAccount === false) out.outOfAccount.set(id, { kind: 'log group', arn });
    add(id, 'AWS::Logs::LogGroup', groupProps(g), arn);
    lowerFiltersAndAlarms(g, id, ids, add);
  }

  for (const t of s.trails) {
    const id = ids.make(t.name);
    out.trails.set(id, t);
    add(id, 'AWS::CloudTrail::Trail', trailProps(t, { bucketIds, keyIds, groupIds }), t.arn);
  }

  if (s.eventDataStores.ok) {
    for (const e of s.eventDataStores.value) {
      const props: Props = { Name: e.name };
      if (e.kmsKeyId) props['KmsKeyId'] = e.kmsKeyId;
      add(ids.make(e.name), 'AWS::CloudTrail::EventDataStore', props, e.arn);
    }
  }

  if (s.iam.fullAccessEntities.ok) {
    const fullAccess = `arn:${s.partition}:iam::aws:policy/AWSCloudTrail_FullAccess`;
    for (const e of s.iam.fullAccessEntities.value) {
      const type =
        e.kind === 'role' ? 'AWS::IAM::Role' : e.kind === 'user' ? 'AWS::IAM::User' : 'AWS::IAM::Group';
      add(ids.make(e.name), type, { ManagedPolicyArns: [fullAccess] }, e.arn);
    }
  }
  return out;
}

function trailProps(
  t: LiveTrail,
  links: { bucketIds: Map<string, string>; keyIds: Map<string, string>; groupIds: Map<string, string> },
): Props {
  const p: Props = {
    TrailName: t.name,
    IsMultiRegionTrail: t.isMultiRegion,
    IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
    EnableLogFileValidation: t.logFileValidation,
    IsOrganizationTrail: t.isOrganizationTrail,
    IsLogging: read(t.status, (v) => v.isLogging),
  };
  const bucket = t.s3BucketName && links.bucketIds.get(t.s3BucketName);
  if (t.s3BucketName) p['S3BucketName'] = bucket ? { Ref: bucket } : t.s3BucketName;
  if (t.s3KeyPrefix) p['S3KeyPrefix'] = t.s3KeyPrefix;
  if (t.kmsKeyId) {
    const key = links.keyIds.get(t.kmsKeyId);
    p['KMSKeyId'] = key ? { 'Fn::GetAtt': [key, 'Arn'] } : t.kmsKeyId;
  }
  if (t.cloudWatchLogsLogGroupArn) {
    const group = links.groupIds.get(t.cloudWatchLogsLogGroupArn.replace(/:\*$/, ''));
    p['CloudWatchLogsLogGroupArn'] = group ? { 'Fn::GetAtt': [group, 'Arn'] } : t.cloudWatchLogsLogGroupArn;
  }
  if (t.cloudWatchLogsRoleArn) p['CloudWatchLogsRoleArn'] = t.cloudWatchLogsRoleArn;
  if (!t.selectors.ok) p['EventSelectors'] = unknown(why(t.selectors));
  else if (t.selectors.value.advanced.length > 0)
    p['AdvancedEventSelectors'] = t.selectors.value.advanced.map((a) => ({
      ...(a.name ? { Name: a.name } : {}),
      FieldSelectors: a.fieldSelectors.map((f) => ({
        Field: f.field,
        ...nonEmpty({
          Equals: f.equals,
          NotEquals: f.notEquals,
          StartsWith: f.startsWith,
          NotStartsWith: f.notStartsWith,
          EndsWith: f.endsWith,
          NotEndsWith: f.notEndsWith,
        }),
      })),
    }));
  else
    p['EventSelectors'] = t.selectors.value.classic.map((c) => ({
      ReadWriteType: c.readWriteType,
      IncludeManagementEvents: c.includeManagementEvents,
      ...nonEmpty({ ExcludeManagementEventSources: c.excludeManagementEventSources }),
      DataResources: c.dataResources.map((d) => ({ Type: d.type, Values: d.values })),
    }));
  p['InsightSelectors'] = read(t.insights, (types) => types.map((InsightType) => ({ InsightType })));
  return p;
}

function nonEmpty(lists: Record<string, string[]>): Props {
  return Object.fromEntries(Object.entries(lists).filter(([, v]) => v.length > 0));
}

/** An S3 bucket as it is: Block Public Access is the bucket's setting or the account's, whichever is on. */
function bucketProps(b: LiveBucket, s: LiveSnapshot): Props {
  const p: Props = { BucketName: b.name };
  const account = s.accountPublicAccessBlock;
  if (!b.publicAccessBlock.ok) p['PublicAccessBlockConfiguration'] = unknown(why(b.publicAccessBlock));
  else if (!account.ok && b.publicAccessBlock.value === undefined)
    p['PublicAccessBlockConfiguration'] = unknown(why(account));
  else {
    // An existing bucket without a configuration has all four off (the "on by default" is for new buckets).
    // Only the settings in effect are written, so that the ones that are off read as left out (one finding).
    const own = b.publicAccessBlock.value;
    const acct = account.ok ? account.value : undefined;
    const effective: Props = {};
    if (own?.blockPublicAcls || acct?.blockPublicAcls) effective['BlockPublicAcls'] = true;
    if (own?.ignorePublicAcls || acct?.ignorePublicAcls) effective['IgnorePublicAcls'] = true;
    if (own?.blockPublicPolicy || acct?.blockPublicPolicy) effective['BlockPublicPolicy'] = true;
    if (own?.restrictPublicPolicy || acct?.restrictPublicPolicy) effective['RestrictPublicBuckets'] = true;
    p['PublicAccessBlockConfiguration'] = effective;
  }
  p['AccessControl'] = read(b.acl, cannedAcl);
  if (!b.logging.ok) p['LoggingConfiguration'] = unknown(why(b.logging));
  else if (b.logging.value) p['LoggingConfiguration'] = { DestinationBucketName: b.logging.value };
  if (!b.versioning.ok) p['VersioningConfiguration'] = unknown(why(b.versioning));
  else if (b.versioning.value.status) p['VersioningConfiguration'] = { Status: b.versioning.value.status };
  if (!b.objectLock.ok) p['ObjectLockEnabled'] = unknown(why(b.objectLock));
  else if (b.objectLock.value?.enabled) {
    p['ObjectLockEnabled'] = true;
    if (b.objectLock.value.defaultRetention)
      p['ObjectLockConfiguration'] = {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE' } },
      };
  }
  if (!b.lifecycle.ok) p['LifecycleConfiguration'] = unknown(why(b.lifecycle));
  else if (b.lifecycle.value.length > 0)
    p['LifecycleConfiguration'] = {
      Rules: b.lifecycle.value.map((r) => {
        const rule: Props = { Status: r.status };
        if (r.expirationDays !== undefined) rule['ExpirationInDays'] = r.expirationDays;
        if (r.expirationDate !== undefined) rule['ExpirationDate'] = r.expirationDate;
        if (r.noncurrentExpirationDays !== undefined)
          rule['NoncurrentVersionExpiration'] = { NoncurrentDays: r.noncurrentExpirationDays };
        if (r.transitions) rule['Transitions'] = [{ StorageClass: 'GLACIER' }];
        if (r.noncurrentTransitions) rule['NoncurrentVersionTransitions'] = [{ StorageClass: 'GLACIER' }];
        return rule;
      }),
    };
  return p;
}

/** Another account's bucket: none of its settings can be read from here. */
function outOfAccountBucket(name: string): Props {
  const note = unknown('a bucket in another account');
  return {
    BucketName: name,
    PublicAccessBlockConfiguration: note,
    AccessControl: note,
    LoggingConfiguration: note,
    VersioningConfiguration: note,
    ObjectLockEnabled: note,
    LifecycleConfiguration: note,
  };
}

/** The ACL's grants as the canned ACL that says the same about everyone. */
function cannedAcl(grants: { grantee: string; permission: string }[]): Json {
  const to = (group: string, ...perms: string[]): boolean =>
    grants.some((g) => g.grantee.endsWith(`/groups/global/${group}`) && perms.includes(g.permission));
  if (to('AllUsers', 'WRITE', 'FULL_CONTROL')) return 'PublicReadWrite';
  if (to('AllUsers', 'READ', 'READ_ACP')) return 'PublicRead';
  if (to('AuthenticatedUsers', 'READ', 'WRITE', 'FULL_CONTROL', 'READ_ACP')) return 'AuthenticatedRead';
  return 'Private';
}

function keyProps(k: LiveKey): Props {
  if (k.inAccount === false) {
    const note = unknown('a key in another account');
    return { EnableKeyRotation: note, KeySpec: note, KeyUsage: note, Origin: note, KeyPolicy: note };
  }
  const p: Props = { EnableKeyRotation: read(k.rotation, (v) => v), KeyPolicy: read(k.policy, parsePolicy) };
  // A field the API leaves empty takes the template's default (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT, AWS_KMS),
  // which is what KMS means by it.
  for (const [name, field] of [
    ['KeySpec', 'keySpec'],
    ['KeyUsage', 'keyUsage'],
    ['Origin', 'origin'],
  ] as const) {
    const value = read(k.description, (d) => d[field]);
    if (value !== '') p[name] = value;
  }
  return p;
}

function groupProps(g: LiveLogGroup): Props {
  if (g.inAccount === false) {
    const note = unknown('a log group in another account');
    return { LogGroupName: g.name, RetentionInDays: note, KmsKeyId: note };
  }
  const p: Props = { LogGroupName: g.name };
  if (!g.settings.ok) {
    p['RetentionInDays'] = unknown(why(g.settings));
    p['KmsKeyId'] = unknown(why(g.settings));
    return p;
  }
  if (g.settings.value.retentionInDays !== undefined) p['RetentionInDays'] = g.settings.value.retentionInDays;
  if (g.settings.value.kmsKeyId !== undefined) p['KmsKeyId'] = g.settings.value.kmsKeyId;
  return p;
}

function lowerFiltersAndAlarms(
  g: LiveLogGroup,
  groupId: string,
  ids: IdMaker,
  add: (id: string, type: string, props: Props, arn: string) => void,
): void {
  if (!g.metricFilters.ok) {
    // A filter that could not be read may be the one CW001 looks for: an unknown filter on the group.
    add(
      ids.make(`${g.name}/filters`),
      'AWS::Logs::MetricFilter',
      {
        LogGroupName: { Ref: groupId },
        FilterPattern: unknown(why(g.metricFilters)),
        MetricTransformations: [],
      },
      g.arn,
    );
    return;
  }
  for (const f of g.metricFilters.value) {
    add(
      ids.make(`${g.name}/${f.name}`),
      'AWS::Logs::MetricFilter',
      {
        LogGroupName: { Ref: groupId },
        FilterPattern: f.pattern,
        MetricTransformations: f.metrics.map((m) => ({
          MetricName: m.name,
          MetricNamespace: m.namespace,
          MetricValue: '1',
        })),
      },
      g.arn,
    );
  }
  if (!g.alarms.ok) {
    add(
      ids.make(`${g.name}/alarms`),
      'AWS::CloudWatch::Alarm',
      { MetricName: unknown(why(g.alarms)) },
      g.arn,
    );
    return;
  }
  for (const a of g.alarms.value) {
    const props: Props = {};
    if (a.metricName) props['MetricName'] = a.metricName;
    if (a.namespace) props['Namespace'] = a.namespace;
    add(ids.make(`alarm/${a.name}`), 'AWS::CloudWatch::Alarm', props, a.name);
  }
}

/** A policy document as the template would hold it; an unreadable one is unknown, never empty. */
function parsePolicy(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return unknown('a policy document that is not JSON');
  }
}

/** Logical ids from names: readable in messages, unique in the template. */
class IdMaker {
  private readonly used = new Set<string>();

  make(name: string): string {
    let id = name;
    for (let n = 2; this.used.has(id); n++) id = `${name} (${n})`;
    this.used.add(id);
    return id;
  }
}
