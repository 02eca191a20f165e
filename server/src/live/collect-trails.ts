// The trails: DescribeTrails in every region (shadow trails included, so that a member account sees its
// organization's trail and a region sees multi-region trails homed elsewhere), de-duplicated by ARN; then,
// per trail and in its home region, its status, event selectors and Insights selectors.
import type { AdvancedEventSelector, EventSelector, Trail } from '@aws-sdk/client-cloudtrail';
import { call, checkpoint, parseArn, type Context } from './collect-context';
import { LiveCheckError } from './collect-errors';
import { regionNotEnabled } from './collect-regions';
import type { LiveSelectors, LiveTrail, TrailStatus } from './snapshot';

export interface TrailsFound {
  /** The regions that answered. */
  regions: string[];
  skippedRegions: { region: string; reason: string }[];
  trails: Trail[];
}

/**
 * DescribeTrails in each region, in parallel. A region that is not enabled is skipped; so is one whose
 * DescribeTrails fails otherwise (an SCP denying the region), with why, since the snapshot has no other
 * place for it. When no region answers at all the check stops: "no trail" would be a false finding.
 */
export async function describeTrails(ctx: Context, regions: string[]): Promise<TrailsFound> {
  const { DescribeTrailsCommand } = await import('@aws-sdk/client-cloudtrail');
  const results = await Promise.all(
    regions.map(async (region) => {
      const client = await ctx.clients.cloudtrail(region);
      const list = await call(ctx, 'cloudtrail', 'DescribeTrails', async (options) => {
        const out = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }), options);
        return out.trailList ?? [];
      });
      return { region, list };
    }),
  );
  const found: TrailsFound = { regions: [], skippedRegions: [], trails: [] };
  const seen = new Set<string>();
  for (const { region, list } of results) {
    if (!list.ok) {
      const reason = regionNotEnabled(list.code, list.message)
        ? `not enabled for this account (${list.code})`
        : `${list.action} failed (${list.code}: ${list.message})`;
      found.skippedRegions.push({ region, reason });
      continue;
    }
    found.regions.push(region);
    for (const trail of list.value) {
      // A trail without an ARN cannot be told apart from its shadows, nor read further.
      if (!trail.TrailARN || seen.has(trail.TrailARN)) continue;
      seen.add(trail.TrailARN);
      found.trails.push(trail);
    }
  }
  if (found.regions.length === 0 && regions.length > 0) {
    const reasons = found.skippedRegions.map((s) => `${s.region}: ${s.reason}`).join('; ');
    throw new LiveCheckError(`cloudtrail:DescribeTrails answered in no region (${reasons})`);
  }
  return found;
}

/** The trail's own region: where its status and selectors are read. */
export function homeRegion(trail: Trail, fallback: string): string {
  return trail.HomeRegion ?? parseArn(trail.TrailARN ?? '')?.region ?? fallback;
}

/** Status, event selectors and Insights selectors of one trail, read in its home region by ARN. */
export async function readTrail(ctx: Context, trail: Trail, fallbackRegion: string): Promise<LiveTrail> {
  const sdk = await import('@aws-sdk/client-cloudtrail');
  checkpoint(ctx);
  const arn = trail.TrailARN ?? '';
  const region = homeRegion(trail, fallbackRegion);
  const client = await ctx.clients.cloudtrail(region);
  const [status, selectors, insights] = await Promise.all([
    call(ctx, 'cloudtrail', 'GetTrailStatus', async (options): Promise<TrailStatus> => {
      const s = await client.send(new sdk.GetTrailStatusCommand({ Name: arn }), options);
      return {
        isLogging: s.IsLogging ?? false,
        latestDeliveryError: s.LatestDeliveryError || undefined,
        latestCloudWatchLogsDeliveryError: s.LatestCloudWatchLogsDeliveryError || undefined,
        latestDeliveryTime: s.LatestDeliveryTime?.toISOString(),
      };
    }),
    call(ctx, 'cloudtrail', 'GetEventSelectors', async (options): Promise<LiveSelectors> => {
      const s = await client.send(new sdk.GetEventSelectorsCommand({ TrailName: arn }), options);
      return selectorsOf(s);
    }),
    call(
      ctx,
      'cloudtrail',
      'GetInsightSelectors',
      async (options) => {
        const s = await client.send(new sdk.GetInsightSelectorsCommand({ TrailName: arn }), options);
        return (s.InsightSelectors ?? []).flatMap((i) => (i.InsightType ? [i.InsightType] : []));
      },
      // Insights never turned on: no insight types, which is what the rules judge.
      { codes: ['InsightNotEnabledException'], value: [] },
    ),
  ]);
  return {
    arn,
    name: trail.Name ?? arn.split('/').at(-1) ?? arn,
    homeRegion: region,
    ownerAccount: parseArn(arn)?.account ?? ctx.account,
    isMultiRegion: trail.IsMultiRegionTrail ?? false,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents ?? false,
    logFileValidation: trail.LogFileValidationEnabled ?? false,
    isOrganizationTrail: trail.IsOrganizationTrail ?? false,
    s3BucketName: trail.S3BucketName || undefined,
    s3KeyPrefix: trail.S3KeyPrefix || undefined,
    kmsKeyId: trail.KmsKeyId || undefined,
    cloudWatchLogsLogGroupArn: trail.CloudWatchLogsLogGroupArn || undefined,
    cloudWatchLogsRoleArn: trail.CloudWatchLogsRoleArn || undefined,
    status,
    selectors,
    insights,
  };
}

/** The API's selectors with its defaults written out (a classic selector without them reads all events). */
function selectorsOf(s: {
  EventSelectors?: EventSelector[] | undefined;
  AdvancedEventSelectors?: AdvancedEventSelector[] | undefined;
}): LiveSelectors {
  return {
    classic: (s.EventSelectors ?? []).map((e) => ({
      readWriteType: e.ReadWriteType ?? 'All',
      includeManagementEvents: e.IncludeManagementEvents ?? true,
      excludeManagementEventSources: e.ExcludeManagementEventSources ?? [],
      dataResources: (e.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: d.Values ?? [] })),
    })),
    advanced: (s.AdvancedEventSelectors ?? []).map((a) => ({
      name: a.Name || undefined,
      fieldSelectors: (a.FieldSelectors ?? []).map((f) => ({
        field: f.Field ?? '',
        equals: f.Equals ?? [],
        notEquals: f.NotEquals ?? [],
        startsWith: f.StartsWith ?? [],
        notStartsWith: f.NotStartsWith ?? [],
        endsWith: f.EndsWith ?? [],
        notEndsWith: f.NotEndsWith ?? [],
      })),
    })),
  };
}
