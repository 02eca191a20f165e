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
  isOrganizationTrail: Value<boolean>;
  /** Resources of the same file the trail uses, found by following references (all Fn::If branches). */
  buckets: Bucket[];
  keys: KmsKey[];
  logGroups: LogGroup[];
}

export interface Bucket extends ResourceBase {
  kind: 'bucket';
  bucketName: Value<string>;
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
}

export interface KmsKey extends ResourceBase {
  kind: 'kms-key';
  enableKeyRotation: Value<boolean>;
  keySpec: Value<string>;
  policy: PolicyDocument | undefined;
}

export interface LogGroup extends ResourceBase {
  kind: 'log-group';
  retentionInDays: Value<number>;
  kmsKeyId: Value<string>;
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

/** A policy statement, read as far as the source allows; the policy evaluator interprets it. */
export interface PolicyStatement {
  at: Loc;
  effect: Value<string>;
  /** Service principals (`cloudtrail.amazonaws.com`) named by the statement. */
  servicePrincipals: string[];
  /** `*` or `{ AWS: '*' }`. */
  anyPrincipal: boolean;
  actions: Value<string>[];
  notActions: Value<string>[];
  resources: Value<string>[];
  notResources: Value<string>[];
  /** Condition keys present (`aws:SourceArn`, `aws:SecureTransport`, …), by operator. */
  conditionKeys: { operator: string; key: string }[];
}

export interface PolicyDocument {
  at: Loc;
  statements: PolicyStatement[];
  /** True when part of the document could not be read (a Sub string, an unresolved reference). */
  partial: boolean;
}

export type Resource = Trail | Bucket | BucketPolicy | KmsKey | LogGroup | Identity;

export interface Model {
  file: string;
  format: Format;
  trails: Trail[];
  buckets: Bucket[];
  bucketPolicies: BucketPolicy[];
  keys: KmsKey[];
  logGroups: LogGroup[];
  identities: Identity[];
}
