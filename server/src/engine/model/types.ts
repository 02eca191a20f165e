// The format-neutral model: what a template, a Terraform module or a live account says about trails and
// the resources that hold their logs. Rules read only this. Every value knows where it was written and how
// it came to be (explicit, a service default, a parameter's default, unresolved, or read from the account).

/** A half-open range of UTF-16 offsets in one file. */
export interface Loc {
  file: string;
  start: number;
  end: number;
}

export type Provenance = 'explicit' | 'default' | 'parameter-default' | 'unresolved' | 'live';

export interface Value<T> {
  /** The property as the source spells it (`IsMultiRegionTrail`, `is_multi_region_trail`). */
  name: string;
  /** Known value; for an absent property, the service default (when there is one). */
  value: T | undefined;
  provenance: Provenance;
  /**
   * Whether the property is written at all: false when absent (the default applies), undefined when that
   * depends on something unresolved (a condition whose branches differ).
   */
  isSet: boolean | undefined;
  /** The written value; the key of the property. Absent for defaults. */
  at?: Loc;
  keyAt?: Loc;
  /** For `parameter-default`: the parameter; for `unresolved`: what could not be resolved. */
  note?: string;
  /** Other places worth showing with a finding (the parameter's default, the condition). */
  related?: { at: Loc; message: string }[];
}

export type Format = 'cloudformation' | 'cdk' | 'terraform' | 'live';

export interface ResourceBase {
  /** Logical id (CloudFormation) or address (Terraform). */
  id: string;
  type: string;
  /** The whole resource. */
  at: Loc;
  /** Where findings about a missing property point: the `Type` line, or a block's header. */
  anchor: Loc;
  /** For CDK output: the construct path (`aws:cdk:path` without `/Resource`) and the construct level. */
  cdk: { path: string; level: 'L1' | 'L2' } | undefined;
}

export interface Trail extends ResourceBase {
  kind: 'trail';
  name: Value<string>;
  isMultiRegion: Value<boolean>;
  includeGlobalServiceEvents: Value<boolean>;
  logFileValidation: Value<boolean>;
  kmsKeyId: Value<string>;
  cloudWatchLogsLogGroupArn: Value<string>;
  cloudWatchLogsRoleArn: Value<string>;
  isLogging: Value<boolean>;
  s3BucketName: Value<string>;
  s3KeyPrefix: Value<string>;
  isOrganizationTrail: Value<boolean>;
  /** Canonical ARN (policy/arn.ts), for matching `aws:SourceArn` conditions. */
  arn: string;
  selectors: EventSelectors;
  /** Number of Insights selectors; a written empty list is 0. */
  insightSelectors: Value<number>;
  /**
   * Resources the trail explicitly waits for (CloudFormation `DependsOn`); undefined where the format orders
   * creation by itself.
   */
  dependsOn: { ids: string[]; keyAt: Loc | undefined } | undefined;
  /** Resources of the same file the trail uses, found by following references (all Fn::If branches). */
  buckets: Bucket[];
  keys: KmsKey[];
  logGroups: LogGroup[];
}

/** How a trail selects events: classic selectors, advanced selectors, or neither (all management events). */
export interface EventSelectors {
  kind: 'none' | 'classic' | 'advanced';
  /** The `EventSelectors` / `AdvancedEventSelectors` key. */
  keyAt: Loc | undefined;
  /** The selector list is computed, or some selector could not be read. */
  partial: boolean;
  classic: ClassicSelector[];
  advanced: AdvancedSelector[];
}

export interface ClassicSelector {
  at: Loc;
  /** Its position in `EventSelectors` as written. */
  index: number;
  /** `All` (default), `ReadOnly` or `WriteOnly`. */
  readWriteType: Value<string>;
  includeManagementEvents: Value<boolean>;
  /** Number of excluded event sources (`ExcludeManagementEventSources`). */
  excludedSources: Value<number>;
  dataResources: DataResource[];
}

export interface DataResource {
  /** The data resource as written (where findings about its values point). */
  at: Loc | undefined;
  type: string | undefined;
  /** ARN prefixes in canonical form (see policy/arn.ts); undefined where unresolved. */
  values: (string | undefined)[];
  /** Where each value is written. */
  valuesAt: (Loc | undefined)[];
}

export interface AdvancedSelector {
  at: Loc;
  fields: { field: string; equals: string[]; notEquals: string[]; other: boolean }[];
  partial: boolean;
}

export interface EventDataStore extends ResourceBase {
  kind: 'event-data-store';
  kmsKeyId: Value<string>;
}

export const PUBLIC_ACCESS_SETTINGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
] as const;
export type PublicAccessSetting = (typeof PUBLIC_ACCESS_SETTINGS)[number];

export interface Bucket extends ResourceBase {
  kind: 'bucket';
  /** Canonical ARN: `arn:${AWS::Partition}:s3:::<name, or ${LogicalId}>`. */
  arn: string;
  bucketName: Value<string>;
  /**
   * The known start of a name the service generates (Terraform's `bucket_prefix`: `logs-` names the bucket
   * `logs-20261129…`). Undefined when the name is given, or nothing of it is known.
   */
  namePrefix?: string;
  /** Whether a Block Public Access configuration is written at all (absent: S3 turns all four on). */
  publicAccessBlock: Value<boolean>;
  /** Each setting, with the default that applies (all true when no block is written, false inside one). */
  publicAccess: Record<PublicAccessSetting, Value<boolean>>;
  /** Canned ACL (`AccessControl`), or the format's equivalent. */
  acl: Value<string>;
  /** Server access logging is configured. */
  accessLogging: Value<boolean>;
  /** The canonical ARN (see Bucket.arn) of the bucket its access logs go to; undefined if not known. */
  accessLogDestination: string | undefined;
  /** Object Lock has a default retention rule. */
  objectLockDefaultRetention: Value<boolean>;
  /** An enabled lifecycle rule keeps log files for a set time: S3007's alternative to Object Lock. */
  retentionLifecycle: Value<boolean>;
  /** `Enabled` or `Suspended`; absent means never enabled. */
  versioning: Value<string>;
  /** Undefined where the format cannot express MFA delete (CloudFormation). */
  mfaDelete: Value<boolean> | undefined;
  objectLockEnabled: Value<boolean>;
  policies: BucketPolicy[];
  /** Trails of this file that write to the bucket. */
  trails: Trail[];
}

export interface BucketPolicy extends ResourceBase {
  kind: 'bucket-policy';
  buckets: Bucket[];
  document: PolicyDocument | undefined;
  /** The `PolicyDocument` key. */
  documentKeyAt: Loc | undefined;
}

export interface KmsKey extends ResourceBase {
  kind: 'kms-key';
  /** Canonical ARN: `arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/<id>`. */
  arn: string;
  enableKeyRotation: Value<boolean>;
  keySpec: Value<string>;
  keyUsage: Value<string>;
  origin: Value<string>;
  policy: PolicyDocument | undefined;
  /** The `KeyPolicy` key. */
  policyKeyAt: Loc | undefined;
}

export interface LogGroup extends ResourceBase {
  kind: 'log-group';
  retentionInDays: Value<number>;
  kmsKeyId: Value<string>;
  metricFilters: MetricFilter[];
}

export interface MetricFilter extends ResourceBase {
  kind: 'metric-filter';
  filterPattern: Value<string>;
  /** The metrics the filter publishes (name and namespace; undefined where unresolved). */
  metrics: { name: string | undefined; namespace: string | undefined }[];
  alarms: Alarm[];
}

export interface Alarm extends ResourceBase {
  kind: 'alarm';
  /**
   * The metrics the alarm watches (its own MetricName/Namespace, or those of its metric queries); `note` says
   * why a metric name is unknown.
   */
  metrics: { name: string | undefined; namespace: string | undefined; note?: string }[];
}

export type IdentityKind = 'role' | 'user' | 'group' | 'managed-policy' | 'permission-set' | 'function';

/** Anything that attaches policies to principals: roles, users, groups, permission sets, SAM functions. */
export interface Identity extends ResourceBase {
  kind: 'identity';
  identityKind: IdentityKind;
  /** Managed policies attached by ARN or (SAM) by name; each entry keeps its own location. */
  managedPolicies: Value<string>[];
  inlinePolicies: PolicyDocument[];
}

/** Who a resource policy statement names. Identity policies have none. */
export interface Principals {
  /** `"*"` or `{ AWS: "*" }`. */
  anyone: boolean;
  /** Service principals (`cloudtrail.amazonaws.com`). */
  services: string[];
  /**
   * AWS principals (ARNs, account ids) in canonical form; undefined where unresolved, or the ARN with its
   * unresolved parts as `${?}` when it is certainly a role or user (`arn:aws:iam::${?}:role/${?}-admin`).
   */
  aws: (string | undefined)[];
  federated: string[];
  /**
   * Something in the principal could not be read and may name anything, `*` included (a service, a whole
   * variable, the whole Principal). An ARN with unresolved parts is no such thing: only an item of `aws`.
   */
  partial: boolean;
}

export interface PolicyCondition {
  /** As written, e.g. `StringEquals`, `BoolIfExists`, `ForAnyValue:StringLike`. */
  operator: string;
  /** As written; compare case-insensitively (condition keys are case-insensitive). */
  key: string;
  /** Values in canonical form; undefined where unresolved. */
  values: (string | undefined)[];
}

/**
 * A policy statement, read as far as the source allows; the evaluator (engine/policy) interprets it.
 * Resource values are canonical ARN patterns (see policy/arn.ts), so they compare with model ARNs.
 */
export interface PolicyStatement {
  at: Loc;
  /** Its position in the document's `Statement` list as written (0 for a single statement object). */
  index: number;
  sid: string | undefined;
  effect: Value<string>;
  principal: Principals | undefined;
  /** The `Principal` (or `NotPrincipal`) key, where findings about who is granted point. */
  principalAt: Loc | undefined;
  /** `NotPrincipal` was used: the statement applies to everyone except the named principals. */
  notPrincipal: boolean;
  actions: Value<string>[];
  /** The `Action` (or `NotAction`) key, where findings about what is granted point. */
  actionAt: Loc | undefined;
  /** Set when the statement uses `NotAction`. */
  notActions: Value<string>[] | undefined;
  resources: Value<string>[];
  /** Set when the statement uses `NotResource`. */
  notResources: Value<string>[] | undefined;
  conditions: PolicyCondition[];
  /** The condition block, or part of it, is computed: a restricting condition may be hidden there. */
  conditionsPartial: boolean;
  /** Part of the statement could not be read (a computed list, a condition built by an intrinsic). */
  partial: boolean;
}

export interface PolicyDocument {
  at: Loc;
  /**
   * Where the document sits in its resource, for fixes: `['Properties', 'PolicyDocument']`,
   * `['Properties', 'Policies', 0, 'PolicyDocument']`.
   */
  path: readonly (string | number)[];
  statements: PolicyStatement[];
  /** True when part of the document could not be read (a Sub string, an unresolved reference). */
  partial: boolean;
  /**
   * True when a statement may be missing from `statements`: the Statement list, an item of it or the whole
   * document could not be read. False when every statement is there, though some may be `partial`.
   */
  unreadStatements: boolean;
  /** Why none of it could be read (an import, a call the live check could not make); undefined otherwise. */
  unreadable?: string;
}

export type Resource =
  Trail | EventDataStore | Bucket | BucketPolicy | KmsKey | LogGroup | MetricFilter | Alarm | Identity;

/** What only the live account tells (delivery health, resources of other accounts): the LIVE rules read it. */
export interface LiveFacts {
  account: string;
  /** When the account was read, ISO 8601: "the last 24 hours" counts from it. */
  readAt: string;
  /** The account itself, where account-wide findings (LIVE001) point. */
  resource: ResourceBase;
  delivery: {
    trail: Trail;
    /** Unknown (undefined) when GetTrailStatus could not be read; `note` says why. */
    status:
      | {
          latestDeliveryError: string | undefined;
          latestCloudWatchLogsDeliveryError: string | undefined;
          latestDeliveryTime: string | undefined;
        }
      | undefined;
    note: string | undefined;
  }[];
  /** Why the identities holding AWSCloudTrail_FullAccess could not be listed; undefined when they were. */
  fullAccessUnreadable: string | undefined;
  /** Buckets, keys and log groups of trails that live in another account (organization trails). */
  outOfAccount: {
    resource: ResourceBase;
    kind: 'bucket' | 'key' | 'log group';
    arn: string;
    trails: Trail[];
  }[];
}

export interface Model {
  file: string;
  format: Format;
  /** Set by the live check only. */
  live?: LiveFacts;
  /**
   * The file hands resources to stacks or modules it does not show (nested stacks, SAM applications,
   * Terraform module calls): a trail may be defined there.
   */
  childStacks?: boolean;
  trails: Trail[];
  eventDataStores: EventDataStore[];
  buckets: Bucket[];
  bucketPolicies: BucketPolicy[];
  keys: KmsKey[];
  logGroups: LogGroup[];
  identities: Identity[];
}
