// The repairs rules offer, in model terms: which property to set, which statement to add, which resources
// a trail is missing. The statements follow the AWS CloudTrail documentation's policies, narrowed by a
// source condition; the writers (engine/fix/) spell them in each format.
import type { FixIntent, FixPath, FixValue, NewResource } from '../fix/intents';
import { CLOUDTRAIL_PRINCIPAL, keyPrefixPath } from '../model/queries';
import type { Bucket, Identity, PolicyDocument, ResourceBase, Trail } from '../model/types';

export interface FixOptions {
  /** The obvious repair (default true). */
  preferred?: boolean;
  /** Safe for fix-all and `--fix` (default true). */
  safe?: boolean;
}

export function setFix(
  resource: ResourceBase,
  path: FixPath,
  value: FixValue,
  title: string,
  options: FixOptions = {},
): FixIntent {
  return { kind: 'set', resource: resource.id, path, value, title, ...flags(options) };
}

export function appendFix(
  resource: ResourceBase,
  path: FixPath,
  value: FixValue,
  title: string,
  options: FixOptions = {},
): FixIntent {
  return { kind: 'append', resource: resource.id, path, value, title, ...flags(options) };
}

/** Several changes as one action: an `add-resources` that adds nothing first. */
export function batchFix(intents: FixIntent[], title: string, options: FixOptions = {}): FixIntent {
  return { kind: 'add-resources', resources: [], then: intents, title, ...flags(options) };
}

export function addResourcesFix(
  resources: NewResource[],
  then: FixIntent[],
  title: string,
  options: FixOptions = {},
): FixIntent {
  return { kind: 'add-resources', resources, then, title, ...flags(options) };
}

function flags(options: FixOptions): { preferred: boolean; safe: boolean } {
  return { preferred: options.preferred ?? true, safe: options.safe ?? true };
}

export const property = (name: string): FixPath => ['Properties', name];

/** Where a document's statements are appended; a resource without one gets `fallback` created. */
export function statementsPath(document: PolicyDocument | undefined, fallback: string): FixPath {
  return [...(document?.path ?? property(fallback)), 'Statement'];
}

const CLOUDTRAIL: FixValue = { Service: CLOUDTRAIL_PRINCIPAL };

/**
 * The condition that ties a CloudTrail grant to this account's trail: `aws:SourceArn` when the trail's name
 * is written (its ARN is then known before it exists, without a dependency cycle), else `aws:SourceAccount`.
 */
export function sourceCondition(trail: Trail | undefined): Record<string, FixValue> {
  const name = trail?.name;
  if (name?.provenance === 'explicit' && typeof name.value === 'string' && !name.value.startsWith('arn:')) {
    return {
      'aws:SourceArn': {
        $sub: `arn:\${AWS::Partition}:cloudtrail:\${AWS::Region}:\${AWS::AccountId}:trail/${name.value}`,
      },
    };
  }
  return { 'aws:SourceAccount': { $sub: '${AWS::AccountId}' } };
}

/** CloudTrail's `s3:GetBucketAcl` on the bucket. */
export function bucketAclStatement(bucket: Bucket, trail: Trail | undefined): FixValue {
  return {
    Sid: 'AWSCloudTrailAclCheck',
    Effect: 'Allow',
    Principal: CLOUDTRAIL,
    Action: 's3:GetBucketAcl',
    Resource: { $ref: bucket.id, attribute: 'Arn' },
    Condition: { StringEquals: sourceCondition(trail) },
  };
}

/** CloudTrail's `s3:PutObject` under the trail's prefix, owner-controlled. */
export function bucketWriteStatement(bucket: Bucket, trail: Trail | undefined): FixValue {
  const prefix = keyPrefixPath(trail?.s3KeyPrefix.value);
  return {
    Sid: 'AWSCloudTrailWrite',
    Effect: 'Allow',
    Principal: CLOUDTRAIL,
    Action: 's3:PutObject',
    Resource: { $sub: `\${${bucket.id}.Arn}/${prefix}AWSLogs/\${AWS::AccountId}/*` },
    Condition: {
      StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', ...sourceCondition(trail) },
    },
  };
}

/** Denies every request that does not use TLS, to the bucket and its objects. */
export function denyInsecureTransportStatement(bucket: Bucket): FixValue {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [{ $ref: bucket.id, attribute: 'Arn' }, { $sub: `\${${bucket.id}.Arn}/*` }],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * The bucket policy a log bucket without one needs, whichever rule asks: CloudTrail's two grants (for the
 * file's trails that write there) and the deny-without-TLS statement; the trails then wait for it.
 */
export function trailBucketPolicyFix(bucket: Bucket, title: string): FixIntent {
  const trail = bucket.trails.length === 1 ? bucket.trails[0] : undefined;
  const grants =
    bucket.trails.length > 0 ? [bucketAclStatement(bucket, trail), bucketWriteStatement(bucket, trail)] : [];
  const policy = newBucketPolicy(bucket, [...grants, denyInsecureTransportStatement(bucket)]);
  const waits = bucket.trails
    .filter((t) => t.dependsOn !== undefined)
    .map((t) => appendFix(t, ['DependsOn'], policy.id, `Make ${t.id} depend on ${policy.id}`));
  return addResourcesFix([policy], waits, title);
}

/** A new bucket policy holding `statements`, named after its bucket. */
export function newBucketPolicy(bucket: Bucket, statements: FixValue[]): NewResource {
  return {
    id: `${logicalName(bucket.id)}Policy`,
    type: 'AWS::S3::BucketPolicy',
    properties: {
      Bucket: { $ref: bucket.id },
      PolicyDocument: { Version: '2012-10-17', Statement: statements },
    },
  };
}

/** CloudTrail may generate data keys for this account's trails (tied to the trail where its name is known). */
export function keyEncryptStatement(trail: Trail | undefined): FixValue {
  return {
    Sid: 'AllowCloudTrailEncrypt',
    Effect: 'Allow',
    Principal: CLOUDTRAIL,
    Action: 'kms:GenerateDataKey*',
    Resource: '*',
    Condition: {
      StringEquals: sourceCondition(trail),
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': {
          $sub: 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*',
        },
      },
    },
  };
}

/** `kms:DescribeKey` carries no encryption context: its own statement, tied to the account. */
export function keyDescribeStatement(): FixValue {
  return {
    Sid: 'AllowCloudTrailDescribeKey',
    Effect: 'Allow',
    Principal: CLOUDTRAIL,
    Action: 'kms:DescribeKey',
    Resource: '*',
    Condition: { StringEquals: { 'aws:SourceAccount': { $sub: '${AWS::AccountId}' } } },
  };
}

/** The account administers the key through IAM, as the default key policy allows; without it, lockout. */
export function keyAdminStatement(): FixValue {
  return {
    Sid: 'EnableIamPolicies',
    Effect: 'Allow',
    Principal: { AWS: { $sub: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
    Action: 'kms:*',
    Resource: '*',
  };
}

/** A rotating key whose policy lets the account manage it and CloudTrail encrypt with it. */
export function newTrailKey(trail: Trail): NewResource {
  return {
    id: `${logicalName(trail.id)}Key`,
    type: 'AWS::KMS::Key',
    properties: {
      Description: 'Encrypts the CloudTrail log files',
      EnableKeyRotation: true,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [keyAdminStatement(), keyEncryptStatement(trail), keyDescribeStatement()],
      },
    },
  };
}

/** A log group for the trail and the role CloudTrail assumes to write to it. */
export function newTrailLogDelivery(trail: Trail): { group: NewResource; role: NewResource } {
  const name = logicalName(trail.id);
  const group: NewResource = {
    id: `${name}LogGroup`,
    type: 'AWS::Logs::LogGroup',
    properties: { RetentionInDays: 365 },
  };
  const role: NewResource = {
    id: `${name}LogsRole`,
    type: 'AWS::IAM::Role',
    properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: CLOUDTRAIL,
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { $sub: '${AWS::AccountId}' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'cloudtrail-to-cloudwatch-logs',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: { $sub: `\${${group.id}.Arn}` },
              },
            ],
          },
        },
      ],
    },
  };
  return { group, role };
}

/**
 * A logical-id-like name from a logical id or a Terraform address: `TrailBucket` stays, `aws_s3_bucket.logs`
 * becomes `Logs`, `aws_cloudtrail.main_trail` `MainTrail`.
 */
export function logicalName(id: string): string {
  const last = id.replace(/#.*$/, '').split('.').at(-1) ?? id;
  return last
    .split(/[_\W]+/)
    .filter((p) => p.length > 0)
    .map((p) => (p[0] as string).toUpperCase() + p.slice(1))
    .join('');
}

/** The actions that blind the audit trail (IAM003's list). */
export const TAMPER_ACTIONS = [
  'StopLogging',
  'DeleteTrail',
  'UpdateTrail',
  'PutEventSelectors',
  'PutInsightSelectors',
];

/** An unconditional Deny of the tamper actions in the same document: a guardrail whatever else it allows. */
export function tamperGuardrail(identity: Identity, document: PolicyDocument): FixIntent {
  return appendFix(
    identity,
    statementsPath(document, 'PolicyDocument'),
    {
      Sid: 'DenyCloudTrailTamper',
      Effect: 'Deny',
      Action: TAMPER_ACTIONS.map((a) => `cloudtrail:${a}`),
      Resource: '*',
    },
    'Add a statement that denies stopping, deleting and changing trails',
    { preferred: false, safe: false },
  );
}
