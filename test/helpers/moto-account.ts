// Accounts built in moto through the SDK itself (the test's own clients, which may write; the live check's
// clients cannot): one set up the way a security team wants it, one with every mistake the live rules look
// for, and many trails for the timing run. Region us-east-1 unless said otherwise.
import {
  CloudTrailClient,
  CreateTrailCommand,
  PutEventSelectorsCommand,
  PutInsightSelectorsCommand,
  StartLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutMetricFilterCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketLoggingCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutObjectLockConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/** moto's account id. */
export const MOTO_ACCOUNT = '123456789012';

/** What a setup made: the trail's ARN and its key's (key ARNs do not carry the trail's name). */
export interface Created {
  trailArn: string;
  keyArn: string;
}

export interface Env {
  endpoint: string;
}

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const config = (env: Env, region: string) => ({ region, endpoint: env.endpoint, credentials });

export const TRAIL_CHANGES =
  '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }';

function bucketPolicy(bucket: string, trailArn: string, withDeny: boolean, withSource: boolean): string {
  const source = withSource ? { 'aws:SourceArn': trailArn } : {};
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: `arn:aws:s3:::${bucket}`,
        ...(withSource ? { Condition: { StringEquals: source } } : {}),
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:aws:s3:::${bucket}/AWSLogs/${MOTO_ACCOUNT}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...source } },
      },
      ...(withDeny
        ? [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ]
        : []),
    ],
  });
}

/** The account administers the key through IAM (the default key policy's statement). */
const KEY_ADMIN = {
  Sid: 'Admin',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};

function keyPolicy(trailArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      KEY_ADMIN,
      {
        Sid: 'CloudTrailEncrypt',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'CloudTrailDescribe',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
      },
    ],
  });
}

/** A trail with everything a security team asks for, in `region`, named `name`. */
export async function createGoodTrail(env: Env, name: string, region = 'us-east-1'): Promise<Created> {
  const s3 = new S3Client({ ...config(env, region), forcePathStyle: true });
  const trailArn = `arn:aws:cloudtrail:${region}:${MOTO_ACCOUNT}:trail/${name}`;
  const bucket = `${name}-logs-${MOTO_ACCOUNT}`;
  const accessLogs = `${name}-access-logs-${MOTO_ACCOUNT}`;
  const location =
    region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
  await s3.send(new CreateBucketCommand({ Bucket: accessLogs, ...location }));
  // S3 (and moto) accept a logging target only when the log delivery group may write to it.
  const logDelivery = 'uri="http://acs.amazonaws.com/groups/s3/LogDelivery"';
  await s3.send(
    new PutBucketAclCommand({ Bucket: accessLogs, GrantWrite: logDelivery, GrantReadACP: logDelivery }),
  );
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true, ...location }));
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: bucket,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy(bucket, trailArn, true, true) }),
  );
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: bucket,
      VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Enabled' },
      MFA: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device 123456',
    }),
  );
  await s3.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
      },
    }),
  );
  await s3.send(
    new PutBucketLoggingCommand({
      Bucket: bucket,
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: accessLogs, TargetPrefix: 'logs/' } },
    }),
  );

  const kms = new KMSClient(config(env, region));
  const key = await kms.send(new CreateKeyCommand({ Policy: keyPolicy(trailArn), Description: 'trail key' }));
  const keyArn = key.KeyMetadata?.Arn ?? '';
  await kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));

  const logs = new CloudWatchLogsClient(config(env, region));
  const group = `cloudtrail/${name}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: group, kmsKeyId: keyArn }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 365 }));
  await logs.send(
    new PutMetricFilterCommand({
      logGroupName: group,
      filterName: 'trail-changes',
      filterPattern: TRAIL_CHANGES,
      metricTransformations: [
        { metricName: `${name}-TrailChanges`, metricNamespace: 'CISBenchmark', metricValue: '1' },
      ],
    }),
  );
  await new CloudWatchClient(config(env, region)).send(
    new PutMetricAlarmCommand({
      AlarmName: `${name}-trail-changes`,
      MetricName: `${name}-TrailChanges`,
      Namespace: 'CISBenchmark',
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    }),
  );
  const iam = new IAMClient(config(env, 'us-east-1'));
  const role = await iam.send(
    new CreateRoleCommand({
      RoleName: `${name}-to-logs`,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );

  const cloudtrail = new CloudTrailClient(config(env, region));
  await cloudtrail.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: bucket,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KmsKeyId: keyArn,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${MOTO_ACCOUNT}:log-group:${group}:*`,
      CloudWatchLogsRoleArn: role.Role?.Arn,
    }),
  );
  // moto answers 500 to a trail ARN here, where AWS takes a name or an ARN: the setup uses the name.
  await cloudtrail.send(new StartLoggingCommand({ Name: name }));
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: trailArn,
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
        },
      ],
    }),
  );
  await cloudtrail.send(
    new PutInsightSelectorsCommand({
      TrailName: trailArn,
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }],
    }),
  );
  return { trailArn, keyArn };
}

/** A trail with every mistake the live rules look for. */
export async function createBrokenTrail(env: Env, name: string, region = 'us-east-1'): Promise<Created> {
  const s3 = new S3Client({ ...config(env, region), forcePathStyle: true });
  const trailArn = `arn:aws:cloudtrail:${region}:${MOTO_ACCOUNT}:trail/${name}`;
  const bucket = `${name}-logs-${MOTO_ACCOUNT}`;
  // Outside us-east-1, S3 wants the region named (moto does not insist; AWS does).
  const location =
    region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } };
  await s3.send(new CreateBucketCommand({ Bucket: bucket, ...location }));
  // No Block Public Access, a public-read ACL, a policy without source condition or TLS deny, no logging,
  // no versioning, no Object Lock.
  await s3.send(new PutBucketAclCommand({ Bucket: bucket, ACL: 'public-read' }));
  await s3.send(
    new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy(bucket, trailArn, false, false) }),
  );
  const logs = new CloudWatchLogsClient(config(env, region));
  const group = `cloudtrail/${name}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  const kms = new KMSClient(config(env, region));
  const key = await kms.send(new CreateKeyCommand({ Policy: keyPolicy(trailArn) }));
  const iam = new IAMClient(config(env, 'us-east-1'));
  await iam.send(
    new CreateRoleCommand({
      RoleName: `${name}-admin`,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      }),
    }),
  );
  await iam.send(
    new AttachRolePolicyCommand({
      RoleName: `${name}-admin`,
      PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
    }),
  );
  const cloudtrail = new CloudTrailClient(config(env, region));
  await cloudtrail.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: bucket,
      IsMultiRegionTrail: false,
      IncludeGlobalServiceEvents: false,
      EnableLogFileValidation: false,
      KmsKeyId: key.KeyMetadata?.Arn,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${MOTO_ACCOUNT}:log-group:${group}:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/${name}-admin`,
    }),
  );
  await cloudtrail.send(
    new PutEventSelectorsCommand({
      TrailName: name,
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [] }],
    }),
  );
  return { trailArn, keyArn: key.KeyMetadata?.Arn ?? '' };
}

/** A bucket whose policy lets the trail `name` deliver (with source condition and TLS deny). */
async function bucketForTrail(
  env: Env,
  name: string,
  region: string,
): Promise<{ trailArn: string; bucket: string }> {
  const s3 = new S3Client({ ...config(env, region), forcePathStyle: true });
  const trailArn = `arn:aws:cloudtrail:${region}:${MOTO_ACCOUNT}:trail/${name}`;
  const bucket = `${name}-logs-${MOTO_ACCOUNT}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketPolicyCommand({ Bucket: bucket, Policy: bucketPolicy(bucket, trailArn, true, true) }),
  );
  return { trailArn, bucket };
}

/**
 * A logging single-region trail without a KMS key or CloudWatch Logs (CT004, CT005), writing to a bucket
 * whose policy is right.
 */
export async function createUnencryptedTrail(env: Env, name: string, region = 'us-east-1'): Promise<Created> {
  const { trailArn, bucket } = await bucketForTrail(env, name, region);
  const cloudtrail = new CloudTrailClient(config(env, region));
  await cloudtrail.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: bucket,
      IsMultiRegionTrail: false,
      EnableLogFileValidation: true,
    }),
  );
  await cloudtrail.send(new StartLoggingCommand({ Name: name }));
  return { trailArn, keyArn: '' };
}

/**
 * A single-region trail whose key policy lets everyone use the key and does not let CloudTrail encrypt
 * (KMS002, KMS003).
 */
export async function createBadKeyTrail(env: Env, name: string, region = 'us-east-1'): Promise<Created> {
  const { trailArn, bucket } = await bucketForTrail(env, name, region);
  const kms = new KMSClient(config(env, region));
  const key = await kms.send(
    new CreateKeyCommand({
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          KEY_ADMIN,
          {
            Sid: 'Everyone',
            Effect: 'Allow',
            Principal: '*',
            Action: ['kms:Decrypt', 'kms:Encrypt'],
            Resource: '*',
          },
        ],
      }),
    }),
  );
  const keyArn = key.KeyMetadata?.Arn ?? '';
  await kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
  const cloudtrail = new CloudTrailClient(config(env, region));
  await cloudtrail.send(
    new CreateTrailCommand({
      Name: name,
      S3BucketName: bucket,
      IsMultiRegionTrail: false,
      EnableLogFileValidation: true,
      KmsKeyId: keyArn,
    }),
  );
  await cloudtrail.send(new StartLoggingCommand({ Name: name }));
  return { trailArn, keyArn };
}
