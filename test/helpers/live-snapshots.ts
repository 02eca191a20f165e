// Live snapshots built by hand: an account set up the way a security team wants it (no findings), and
// changes that break one thing each. The evaluation tests and the CLI's live tests share them.
import type {
  Fetched,
  LiveBucket,
  LiveKey,
  LiveLogGroup,
  LiveSnapshot,
  LiveTrail,
} from '../../server/src/live/snapshot';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-audit`;
export const BUCKET = `audit-logs-${ACCOUNT}`;
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:cloudtrail/audit`;

export const ok = <T>(value: T): Fetched<T> => ({ ok: true, value });
export const denied = (action: string): Fetched<never> => ({
  ok: false,
  action,
  code: 'AccessDenied',
  message: `User is not authorized to perform: ${action}`,
});

const BUCKET_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: `arn:aws:s3:::${BUCKET}`,
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*`,
      Condition: {
        StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN },
      },
    },
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EnableIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'AllowCloudTrailEncrypt',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceArn': TRAIL_ARN },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
      },
    },
    {
      Sid: 'AllowCloudTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
    },
  ],
};

export const TRAIL_CHANGES =
  '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }';

export function goodTrail(): LiveTrail {
  return {
    arn: TRAIL_ARN,
    name: 'org-audit',
    homeRegion: REGION,
    ownerAccount: ACCOUNT,
    isMultiRegion: true,
    includeGlobalServiceEvents: true,
    logFileValidation: true,
    isOrganizationTrail: false,
    s3BucketName: BUCKET,
    s3KeyPrefix: undefined,
    kmsKeyId: KEY_ARN,
    cloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
    cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-to-logs`,
    status: ok({
      isLogging: true,
      latestDeliveryError: undefined,
      latestCloudWatchLogsDeliveryError: undefined,
      latestDeliveryTime: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
    }),
    selectors: ok({
      classic: [
        {
          readWriteType: 'All',
          includeManagementEvents: true,
          excludeManagementEventSources: [],
          dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }],
        },
      ],
      advanced: [],
    }),
    insights: ok(['ApiCallRateInsight', 'ApiErrorRateInsight']),
  };
}

export function goodBucket(): LiveBucket {
  return {
    name: BUCKET,
    inAccount: true,
    publicAccessBlock: ok({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicPolicy: true,
    }),
    acl: ok([{ grantee: `id/${ACCOUNT}`, permission: 'FULL_CONTROL' }]),
    policy: ok(JSON.stringify(BUCKET_POLICY)),
    policyIsPublic: ok(false),
    logging: ok(`access-logs-${ACCOUNT}`),
    versioning: ok({ status: 'Enabled', mfaDelete: 'Enabled' }),
    objectLock: ok({ enabled: true, defaultRetention: true }),
    lifecycle: ok([]),
  };
}

export function goodKey(): LiveKey {
  return {
    arn: KEY_ARN,
    inAccount: true,
    description: ok({
      keyManager: 'CUSTOMER',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'AWS_KMS',
      keyState: 'Enabled',
    }),
    rotation: ok(true),
    policy: ok(JSON.stringify(KEY_POLICY)),
  };
}

export function goodLogGroup(): LiveLogGroup {
  return {
    arn: GROUP_ARN,
    name: 'cloudtrail/audit',
    region: REGION,
    inAccount: true,
    settings: ok({ retentionInDays: 365, kmsKeyId: KEY_ARN }),
    metricFilters: ok([
      {
        name: 'trail-changes',
        pattern: TRAIL_CHANGES,
        metrics: [{ name: 'TrailChanges', namespace: 'CISBenchmark' }],
      },
    ]),
    alarms: ok([{ name: 'trail-changes', metricName: 'TrailChanges', namespace: 'CISBenchmark' }]),
  };
}

/** An account set up as a security team wants it: every live rule passes. */
export function goodAccount(): LiveSnapshot {
  return {
    account: ACCOUNT,
    partition: 'aws',
    regions: [REGION, 'eu-west-1'],
    skippedRegions: [],
    trails: [goodTrail()],
    eventDataStores: ok([]),
    buckets: { [BUCKET]: goodBucket() },
    keys: { [KEY_ARN]: goodKey() },
    logGroups: { [GROUP_ARN]: goodLogGroup() },
    accountPublicAccessBlock: ok(undefined),
    iam: { fullAccessEntities: ok([]), policies: ok([]) },
    elapsedMs: 1200,
  };
}
