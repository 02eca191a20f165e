// The trails' buckets and the account's S3 Block Public Access. Every bucket call carries
// ExpectedBucketOwner (the account checked), so a call that succeeds proves the bucket is in the account;
// a bucket of another account is then refused like a denied call, never read as if it were ours. A bucket
// that only trails of other accounts use (an organization trail seen from a member) is not read at all
// once GetBucketLocation is refused: it is reported as out of the account.
import type { S3Client } from '@aws-sdk/client-s3';
import { call, notInAccount, type Context } from './collect-context';
import { iamAction } from './operations';
import type { Fetched, LifecycleRule, LiveBucket, PublicAccessBlock } from './snapshot';

export interface BucketUse {
  /** The home region of a trail that writes to it: where to ask first. */
  region: string;
  /** Whether every trail writing to it belongs to another account. */
  foreignOnly: boolean;
}

export async function readBucket(ctx: Context, name: string, use: BucketUse): Promise<LiveBucket> {
  const sdk = await import('@aws-sdk/client-s3');
  const input = { Bucket: name, ExpectedBucketOwner: ctx.account };
  const location = await call(ctx, 's3', 'GetBucketLocation', async (options) => {
    const client = await ctx.clients.s3(use.region);
    const out = await client.send(new sdk.GetBucketLocationCommand(input), options);
    return bucketRegion(out.LocationConstraint);
  });
  if (!location.ok && use.foreignOnly) return outOfAccountBucket(ctx, name);
  const client: S3Client = await ctx.clients.s3(location.ok ? location.value : use.region);
  const noPolicy = ['NoSuchBucketPolicy'];

  const [publicAccessBlock, acl, policy, policyIsPublic, logging, versioning, objectLock, lifecycle] =
    await Promise.all([
      call(
        ctx,
        's3',
        'GetPublicAccessBlock',
        async (o) =>
          publicAccessBlockOf(
            (await client.send(new sdk.GetPublicAccessBlockCommand(input), o)).PublicAccessBlockConfiguration,
          ),
        { codes: ['NoSuchPublicAccessBlockConfiguration'], value: undefined },
      ),
      call(ctx, 's3', 'GetBucketAcl', async (o) =>
        ((await client.send(new sdk.GetBucketAclCommand(input), o)).Grants ?? []).map((g) => ({
          grantee: g.Grantee?.URI ?? g.Grantee?.ID ?? g.Grantee?.EmailAddress ?? '',
          permission: g.Permission ?? '',
        })),
      ),
      call(
        ctx,
        's3',
        'GetBucketPolicy',
        async (o): Promise<string | undefined> =>
          (await client.send(new sdk.GetBucketPolicyCommand(input), o)).Policy,
        { codes: noPolicy, value: undefined },
      ),
      call(
        ctx,
        's3',
        'GetBucketPolicyStatus',
        async (o) =>
          (await client.send(new sdk.GetBucketPolicyStatusCommand(input), o)).PolicyStatus?.IsPublic ?? false,
        // No policy: nothing in a policy makes it public.
        { codes: noPolicy, value: false },
      ),
      call(
        ctx,
        's3',
        'GetBucketLogging',
        async (o) =>
          (await client.send(new sdk.GetBucketLoggingCommand(input), o)).LoggingEnabled?.TargetBucket,
      ),
      call(ctx, 's3', 'GetBucketVersioning', async (o) => {
        const out = await client.send(new sdk.GetBucketVersioningCommand(input), o);
        return { status: out.Status, mfaDelete: out.MFADelete };
      }),
      call(
        ctx,
        's3',
        'GetObjectLockConfiguration',
        async (o) => {
          const c = (await client.send(new sdk.GetObjectLockConfigurationCommand(input), o))
            .ObjectLockConfiguration;
          return c
            ? { enabled: c.ObjectLockEnabled === 'Enabled', defaultRetention: !!c.Rule?.DefaultRetention }
            : undefined;
        },
        { codes: ['ObjectLockConfigurationNotFoundError'], value: undefined },
      ),
      call(
        ctx,
        's3',
        'GetBucketLifecycleConfiguration',
        async (o): Promise<LifecycleRule[]> =>
          ((await client.send(new sdk.GetBucketLifecycleConfigurationCommand(input), o)).Rules ?? []).map(
            (r) => ({
              status: r.Status ?? 'Enabled',
              expirationDays: r.Expiration?.Days,
              expirationDate: r.Expiration?.Date?.toISOString(),
              noncurrentExpirationDays: r.NoncurrentVersionExpiration?.NoncurrentDays,
              transitions: (r.Transitions?.length ?? 0) > 0,
              noncurrentTransitions: (r.NoncurrentVersionTransitions?.length ?? 0) > 0,
            }),
          ),
        { codes: ['NoSuchLifecycleConfiguration'], value: [] },
      ),
    ]);
  const reads: Fetched<unknown>[] = [location, publicAccessBlock, acl, policy, policyIsPublic, logging];
  reads.push(versioning, objectLock, lifecycle);
  return {
    name,
    // Any call that went through proves the owner (ExpectedBucketOwner); otherwise it cannot be told.
    inAccount: reads.some((r) => r.ok) ? true : undefined,
    publicAccessBlock,
    acl,
    policy,
    policyIsPublic,
    logging,
    versioning,
    objectLock,
    lifecycle,
  };
}

/** The account's Block Public Access (S3 Control), which applies on top of each bucket's own. */
export async function readAccountPublicAccessBlock(
  ctx: Context,
  region: string,
): Promise<Fetched<PublicAccessBlock | undefined>> {
  const { GetPublicAccessBlockCommand } = await import('@aws-sdk/client-s3-control');
  return call(
    ctx,
    's3control',
    'GetPublicAccessBlock',
    async (o) => {
      const client = await ctx.clients.s3control(region);
      const out = await client.send(new GetPublicAccessBlockCommand({ AccountId: ctx.account }), o);
      return publicAccessBlockOf(out.PublicAccessBlockConfiguration);
    },
    { codes: ['NoSuchPublicAccessBlockConfiguration'], value: undefined },
  );
}

function publicAccessBlockOf(
  c:
    | {
        BlockPublicAcls?: boolean | undefined;
        IgnorePublicAcls?: boolean | undefined;
        BlockPublicPolicy?: boolean | undefined;
        RestrictPublicBuckets?: boolean | undefined;
      }
    | undefined,
): PublicAccessBlock | undefined {
  if (!c) return undefined;
  return {
    blockPublicAcls: c.BlockPublicAcls ?? false,
    ignorePublicAcls: c.IgnorePublicAcls ?? false,
    blockPublicPolicy: c.BlockPublicPolicy ?? false,
    restrictPublicPolicy: c.RestrictPublicBuckets ?? false,
  };
}

/** GetBucketLocation's answer as a region: none means us-east-1, and `EU` is the old name of eu-west-1. */
function bucketRegion(constraint: string | undefined): string {
  if (!constraint) return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

function outOfAccountBucket(ctx: Context, name: string): LiveBucket {
  const arn = `arn:${ctx.partition}:s3:::${name}`;
  const not = (operation: string): Fetched<never> => notInAccount(iamAction('s3', operation), arn, undefined);
  return {
    name,
    inAccount: false,
    publicAccessBlock: not('GetPublicAccessBlock'),
    acl: not('GetBucketAcl'),
    policy: not('GetBucketPolicy'),
    policyIsPublic: not('GetBucketPolicyStatus'),
    logging: not('GetBucketLogging'),
    versioning: not('GetBucketVersioning'),
    objectLock: not('GetObjectLockConfiguration'),
    lifecycle: not('GetBucketLifecycleConfiguration'),
  };
}
