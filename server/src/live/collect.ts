// The live check's collection: everything the rules need, read from the account with read-only calls
// (operations.ts) and returned as a `LiveSnapshot` (snapshot.ts). The account first (STS), then the trails
// of every region, then, in parallel, what the trails point at (buckets, keys, log groups), the event data
// stores, IAM and the account's S3 Block Public Access. A denied call is recorded, never fatal; expired or
// missing credentials, cancellation and a check that could read no region at all end it.
import type { Clients } from './clients';
import { call, checkpoint, createContext, parseArn, type Context } from './collect-context';
import { LiveCheckError } from './collect-errors';
import { readEventDataStores } from './collect-event-data-stores';
import { readIam } from './collect-iam';
import { readKeys, type KeyUse } from './collect-kms';
import { groupArn, readLogGroups } from './collect-logs';
import { defaultRegions, globalRegion, partitionOfRegion } from './collect-regions';
import { readAccountPublicAccessBlock, readBucket, type BucketUse } from './collect-s3';
import { describeTrails, homeRegion, readTrail } from './collect-trails';
import type { LiveBucket, LiveSnapshot } from './snapshot';

export { LiveCheckError } from './collect-errors';
export { DEFAULT_REGIONS } from './collect-regions';

export interface CollectOptions {
  clients: Clients;
  /** The regions to look at; the partition's default-enabled regions when absent or empty. */
  regions?: string[] | undefined;
  onProgress?: ((message: string) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export async function collectSnapshot(options: CollectOptions): Promise<LiveSnapshot> {
  const started = Date.now();
  const ctx = createContext(options);
  const asked = [...new Set(options.regions ?? [])];
  await identify(ctx, globalRegion(partitionOfRegion(asked[0] ?? 'us-east-1')));
  const regions = asked.length > 0 ? asked : defaultRegions(ctx.partition);
  const global = globalRegion(ctx.partition);

  ctx.progress(`account ${ctx.account}: reading trails in ${regions.length} region(s)`);
  const found = await describeTrails(ctx, regions);
  for (const s of found.skippedRegions) ctx.progress(`skipped ${s.region}: ${s.reason}`);
  const fallback = found.regions[0] ?? global;
  ctx.progress(`${found.trails.length} trail(s) found; reading their settings and resources`);

  const bucketUses = new Map<string, BucketUse>();
  const keyUses: KeyUse[] = [];
  const groupArns: string[] = [];
  for (const t of found.trails) {
    const region = homeRegion(t, fallback);
    const foreign = parseArn(t.TrailARN ?? '')?.account !== ctx.account;
    if (t.S3BucketName) {
      const use = bucketUses.get(t.S3BucketName);
      bucketUses.set(t.S3BucketName, {
        region: use?.region ?? region,
        foreignOnly: (use?.foreignOnly ?? true) && foreign,
      });
    }
    if (t.KmsKeyId) keyUses.push({ id: t.KmsKeyId, region });
    if (t.CloudWatchLogsLogGroupArn) groupArns.push(groupArn(t.CloudWatchLogsLogGroupArn));
  }

  const [trails, dataStoresAndKeys, buckets, logGroups, iam, accountPublicAccessBlock] = await Promise.all([
    Promise.all(found.trails.map((t) => readTrail(ctx, t, fallback))),
    // The stores' keys join the trails' keys, so the stores come first.
    readEventDataStores(ctx, found.regions).then(async (eventDataStores) => {
      const storeKeys = eventDataStores.ok
        ? eventDataStores.value.flatMap((e) =>
            e.kmsKeyId ? [{ id: e.kmsKeyId, region: parseArn(e.arn)?.region || fallback }] : [],
          )
        : [];
      return { eventDataStores, keys: await readKeys(ctx, [...keyUses, ...storeKeys]) };
    }),
    readBuckets(ctx, bucketUses),
    readLogGroups(ctx, groupArns),
    readIam(ctx, global),
    readAccountPublicAccessBlock(ctx, global),
  ]);
  checkpoint(ctx);

  // A trail or store that named its key by alias or id points at the key's ARN, under which it is kept.
  const { keys, resolved } = dataStoresAndKeys.keys;
  for (const t of trails) if (t.kmsKeyId) t.kmsKeyId = resolved.get(t.kmsKeyId) ?? t.kmsKeyId;
  const eventDataStores = dataStoresAndKeys.eventDataStores;
  if (eventDataStores.ok)
    for (const e of eventDataStores.value)
      if (e.kmsKeyId) e.kmsKeyId = resolved.get(e.kmsKeyId) ?? e.kmsKeyId;

  const elapsedMs = Date.now() - started;
  ctx.progress(`done in ${(elapsedMs / 1000).toFixed(1)} s`);
  return {
    account: ctx.account,
    partition: ctx.partition,
    regions: found.regions,
    skippedRegions: found.skippedRegions,
    trails,
    eventDataStores,
    buckets,
    keys,
    logGroups,
    accountPublicAccessBlock,
    iam,
    elapsedMs,
  };
}

/** sts:GetCallerIdentity: the account and partition. Nothing else can be read without them. */
async function identify(ctx: Context, region: string): Promise<void> {
  const { GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const identity = await call(ctx, 'sts', 'GetCallerIdentity', async (options) => {
    const client = await ctx.clients.sts(region);
    return client.send(new GetCallerIdentityCommand({}), options);
  });
  if (!identity.ok)
    throw new LiveCheckError(
      `cannot tell which account the credentials reach (${identity.action}: ${identity.code}: ${identity.message})`,
    );
  const arn = parseArn(identity.value.Arn ?? '');
  const account = identity.value.Account ?? arn?.account;
  if (!account) throw new LiveCheckError('sts:GetCallerIdentity named no account');
  ctx.account = account;
  ctx.partition = arn?.partition || 'aws';
}

async function readBuckets(ctx: Context, uses: Map<string, BucketUse>): Promise<Record<string, LiveBucket>> {
  const buckets: Record<string, LiveBucket> = {};
  await Promise.all(
    [...uses].map(async ([name, use]) => {
      buckets[name] = await readBucket(ctx, name, use);
    }),
  );
  return buckets;
}
