// What the live check read from the account, as plain data: the contract between the collection (which
// alone talks to AWS, collect*.ts) and the model builder (live-model.ts), so that each can be tested
// without the other. Every value read by one API call is a `Fetched`: the value, or why it could not be
// read (a denied call is a fact to report, never a reason to stop).

/** The result of one read-only call: its value, or the error that kept it from being read. */
export type Fetched<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      /** `s3:GetBucketVersioning`: the IAM action the call needs (service prefix and operation name). */
      action: string;
      /** `AccessDenied`, `NoSuchBucket`, `ThrottlingException`…: the error's name. */
      code: string;
      /** The error's message, with nothing secret in it (no credentials, no signatures). */
      message: string;
    };

export interface LiveSnapshot {
  /** `sts:GetCallerIdentity`. */
  account: string;
  partition: string;
  /** The regions the check looked at, and those it skipped (not enabled for the account), with why. */
  regions: string[];
  skippedRegions: { region: string; reason: string }[];
  /** One entry per trail ARN (shadow trails of multi-region trails de-duplicated). */
  trails: LiveTrail[];
  eventDataStores: Fetched<LiveEventDataStore[]>;
  /** By bucket name: every bucket a trail writes to. */
  buckets: Record<string, LiveBucket>;
  /** By key ARN: every key a trail or event data store encrypts with. */
  keys: Record<string, LiveKey>;
  /** By log group ARN (without the `:*` suffix): every log group a trail delivers to. */
  logGroups: Record<string, LiveLogGroup>;
  /** S3 Control `GetPublicAccessBlock` for the account (IAM action `s3:GetAccountPublicAccessBlock`). */
  accountPublicAccessBlock: Fetched<PublicAccessBlock | undefined>;
  iam: LiveIam;
  /** How long the collection took, in milliseconds. */
  elapsedMs: number;
}

export interface LiveTrail {
  arn: string;
  name: string;
  homeRegion: string;
  /** The account that owns the trail (an organization trail seen from a member account belongs to another). */
  ownerAccount: string;
  isMultiRegion: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidation: boolean;
  isOrganizationTrail: boolean;
  s3BucketName: string | undefined;
  s3KeyPrefix: string | undefined;
  kmsKeyId: string | undefined;
  cloudWatchLogsLogGroupArn: string | undefined;
  cloudWatchLogsRoleArn: string | undefined;
  /** `cloudtrail:GetTrailStatus`. */
  status: Fetched<TrailStatus>;
  /** `cloudtrail:GetEventSelectors`. */
  selectors: Fetched<LiveSelectors>;
  /** `cloudtrail:GetInsightSelectors`: the insight types; an empty list when Insights is not enabled. */
  insights: Fetched<string[]>;
}

export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryError: string | undefined;
  latestCloudWatchLogsDeliveryError: string | undefined;
  /** ISO 8601. */
  latestDeliveryTime: string | undefined;
}

export interface LiveSelectors {
  classic: {
    readWriteType: string;
    includeManagementEvents: boolean;
    excludeManagementEventSources: string[];
    dataResources: { type: string; values: string[] }[];
  }[];
  advanced: {
    name: string | undefined;
    fieldSelectors: {
      field: string;
      equals: string[];
      notEquals: string[];
      startsWith: string[];
      notStartsWith: string[];
      endsWith: string[];
      notEndsWith: string[];
    }[];
  }[];
}

export interface LiveEventDataStore {
  arn: string;
  name: string;
  kmsKeyId: string | undefined;
}

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicPolicy: boolean;
}

export interface LiveBucket {
  name: string;
  /**
   * The bucket is not in the account checked (an organization trail's central bucket): its settings are
   * not read, and LIVE003 says so. Undefined when that could not be told.
   */
  inAccount: boolean | undefined;
  /** `s3:GetBucketPublicAccessBlock`; undefined when the bucket has none. */
  publicAccessBlock: Fetched<PublicAccessBlock | undefined>;
  /** `s3:GetBucketAcl`: grants as `{ grantee: URI or id, permission }`. */
  acl: Fetched<{ grantee: string; permission: string }[]>;
  /** `s3:GetBucketPolicy`: the policy JSON; undefined when the bucket has none. */
  policy: Fetched<string | undefined>;
  /** `s3:GetBucketPolicyStatus`. */
  policyIsPublic: Fetched<boolean>;
  /** `s3:GetBucketLogging`: the target bucket, undefined when logging is off. */
  logging: Fetched<string | undefined>;
  /** `s3:GetBucketVersioning`. */
  versioning: Fetched<{ status: string | undefined; mfaDelete: string | undefined }>;
  /** `s3:GetObjectLockConfiguration`: undefined when Object Lock is not enabled. */
  objectLock: Fetched<{ enabled: boolean; defaultRetention: boolean } | undefined>;
  /**
   * `s3:GetLifecycleConfiguration` (action of GetBucketLifecycleConfiguration): the rules, as far as S3007
   * judges them (an empty list when the bucket has none: NoSuchLifecycleConfiguration).
   */
  lifecycle: Fetched<LifecycleRule[]>;
}

/** One lifecycle rule, reduced to what decides how long log files are kept. */
export interface LifecycleRule {
  /** `Enabled` or `Disabled`. */
  status: string;
  /** `Expiration.Days`. */
  expirationDays: number | undefined;
  /** `Expiration.Date`, ISO 8601. */
  expirationDate: string | undefined;
  /** `NoncurrentVersionExpiration.NoncurrentDays`. */
  noncurrentExpirationDays: number | undefined;
  /** Whether the rule has `Transitions` / `NoncurrentVersionTransitions` (it keeps objects, elsewhere). */
  transitions: boolean;
  noncurrentTransitions: boolean;
}

export interface LiveKey {
  arn: string;
  inAccount: boolean | undefined;
  /** `kms:DescribeKey`. */
  description: Fetched<{
    keyManager: string;
    keySpec: string;
    keyUsage: string;
    origin: string;
    keyState: string;
  }>;
  /** `kms:GetKeyRotationStatus`. */
  rotation: Fetched<boolean>;
  /** `kms:GetKeyPolicy` (policy name `default`): the policy JSON. */
  policy: Fetched<string>;
}

export interface LiveLogGroup {
  arn: string;
  name: string;
  region: string;
  inAccount: boolean | undefined;
  /** `logs:DescribeLogGroups`: undefined fields when not set. */
  settings: Fetched<{ retentionInDays: number | undefined; kmsKeyId: string | undefined }>;
  /** `logs:DescribeMetricFilters` on the group. */
  metricFilters: Fetched<{ name: string; pattern: string; metrics: { name: string; namespace: string }[] }[]>;
  /** `cloudwatch:DescribeAlarms` in the group's region: the metrics alarms watch. */
  alarms: Fetched<{ name: string; metricName: string | undefined; namespace: string | undefined }[]>;
}

export interface LiveIam {
  /** `iam:ListEntitiesForPolicy` on AWSCloudTrail_FullAccess. */
  fullAccessEntities: Fetched<{ kind: 'role' | 'user' | 'group'; name: string; arn: string }[]>;
  /**
   * Customer managed and inline policies whose documents mention `cloudtrail:` (or `*`) actions
   * (`iam:GetAccountAuthorizationDetails`): the holder, and the document JSON.
   */
  policies: Fetched<
    {
      kind: 'role' | 'user' | 'group' | 'managed-policy';
      name: string;
      arn: string;
      /** For an inline policy, its name; undefined for a managed policy's default version. */
      policyName: string | undefined;
      document: string;
    }[]
  >;
}
