// CloudTrail Lake event data stores: listed in every region (paginated), de-duplicated by ARN, and each
// read with GetEventDataStore in its own region, since only that call tells the KMS key. The snapshot has a
// single `Fetched` for them all, so any failure makes the whole list unknown: a partial list would read
// as "these are all the stores", and a store whose key could not be read as one without a key.
import { call, callPages, parseArn, type Context } from './collect-context';
import type { Fetched, LiveEventDataStore } from './snapshot';

export async function readEventDataStores(
  ctx: Context,
  regions: string[],
): Promise<Fetched<LiveEventDataStore[]>> {
  const sdk = await import('@aws-sdk/client-cloudtrail');
  const listed = await Promise.all(
    regions.map(async (region) => {
      const client = await ctx.clients.cloudtrail(region);
      return callPages(
        ctx,
        'cloudtrail',
        'ListEventDataStores',
        (options) => sdk.paginateListEventDataStores({ client }, {}, options),
        (page) => page.EventDataStores ?? [],
      );
    }),
  );
  const stores = new Map<string, { name: string; region: string }>();
  for (const [i, list] of listed.entries()) {
    if (!list.ok) return list;
    for (const s of list.value) {
      if (!s.EventDataStoreArn || stores.has(s.EventDataStoreArn)) continue;
      const region = parseArn(s.EventDataStoreArn)?.region || regions[i]!;
      stores.set(s.EventDataStoreArn, { name: s.Name ?? s.EventDataStoreArn, region });
    }
  }
  const read = await Promise.all(
    [...stores].map(async ([arn, { name, region }]) => {
      const client = await ctx.clients.cloudtrail(region);
      return call(ctx, 'cloudtrail', 'GetEventDataStore', async (options): Promise<LiveEventDataStore> => {
        const out = await client.send(new sdk.GetEventDataStoreCommand({ EventDataStore: arn }), options);
        return { arn, name: out.Name ?? name, kmsKeyId: out.KmsKeyId || undefined };
      });
    }),
  );
  const value: LiveEventDataStore[] = [];
  for (const r of read) {
    if (!r.ok) return r;
    value.push(r.value);
  }
  return { ok: true, value };
}
