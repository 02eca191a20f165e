// The CloudWatch Logs groups trails deliver to: each group's retention and key (DescribeLogGroups), its
// metric filters (paginated) and the alarms of its region (DescribeAlarms, paginated, read once per region
// and shared by the groups there), which is what CW001 needs to tell whether trail changes raise an alarm.
import { call, callPages, notInAccount, ownedBy, parseArn, type Context } from './collect-context';
import { iamAction } from './operations';
import type { Fetched, LiveLogGroup } from './snapshot';

type Alarms = Extract<LiveLogGroup['alarms'], { ok: true }>['value'];

/** Reads log groups by ARN (the `:*` suffix removed); alarms are read once per region. */
export async function readLogGroups(ctx: Context, arns: string[]): Promise<Record<string, LiveLogGroup>> {
  const alarmsByRegion = new Map<string, Promise<Fetched<Alarms>>>();
  const alarmsOf = (region: string): Promise<Fetched<Alarms>> => {
    let alarms = alarmsByRegion.get(region);
    if (!alarms) {
      alarms = readAlarms(ctx, region);
      alarmsByRegion.set(region, alarms);
    }
    return alarms;
  };
  const groups: Record<string, LiveLogGroup> = {};
  await Promise.all(
    [...new Set(arns.map(groupArn))].map(async (arn) => {
      groups[arn] = await readLogGroup(ctx, arn, alarmsOf);
    }),
  );
  return groups;
}

/** A trail's CloudWatchLogsLogGroupArn without the `:*` that CloudTrail requires at its end. */
export function groupArn(arn: string): string {
  return arn.replace(/:\*$/, '');
}

async function readLogGroup(
  ctx: Context,
  arn: string,
  alarmsOf: (region: string) => Promise<Fetched<Alarms>>,
): Promise<LiveLogGroup> {
  const parsed = parseArn(arn);
  const name = parsed?.resource.replace(/^log-group:/, '') ?? arn;
  const region = parsed?.region ?? '';
  const inAccount = ownedBy(ctx, arn);
  if (inAccount === false || !region) {
    // Another account's group (or an ARN without a region): asking this account would read nothing, or a
    // group of the same name that is not the trail's.
    const not = (service: 'logs' | 'cloudwatch', operation: string): Fetched<never> =>
      notInAccount(iamAction(service, operation), arn, parsed?.account);
    return {
      arn,
      name,
      region,
      inAccount,
      settings: not('logs', 'DescribeLogGroups'),
      metricFilters: not('logs', 'DescribeMetricFilters'),
      alarms: not('cloudwatch', 'DescribeAlarms'),
    };
  }
  const sdk = await import('@aws-sdk/client-cloudwatch-logs');
  const client = await ctx.clients.logs(region);
  const [settings, metricFilters, alarms] = await Promise.all([
    call(ctx, 'logs', 'DescribeLogGroups', async (options) => {
      // The prefix lists the group first (names sort before their extensions); the exact name is the one.
      const out = await client.send(new sdk.DescribeLogGroupsCommand({ logGroupNamePrefix: name }), options);
      const group = out.logGroups?.find((g) => g.logGroupName === name);
      if (!group)
        throw Object.assign(new Error(`log group ${name} does not exist`), {
          name: 'ResourceNotFoundException',
        });
      return { retentionInDays: group.retentionInDays, kmsKeyId: group.kmsKeyId || undefined };
    }),
    callPages(
      ctx,
      'logs',
      'DescribeMetricFilters',
      (options) => sdk.paginateDescribeMetricFilters({ client }, { logGroupName: name }, options),
      (page) =>
        (page.metricFilters ?? []).map((f) => ({
          name: f.filterName ?? '',
          pattern: f.filterPattern ?? '',
          metrics: (f.metricTransformations ?? []).map((m) => ({
            name: m.metricName ?? '',
            namespace: m.metricNamespace ?? '',
          })),
        })),
    ),
    alarmsOf(region),
  ]);
  return { arn, name, region, inAccount, settings, metricFilters, alarms };
}

/** The metric alarms of a region; an alarm on metric math names each metric it reads. */
async function readAlarms(ctx: Context, region: string): Promise<Fetched<Alarms>> {
  const sdk = await import('@aws-sdk/client-cloudwatch');
  const client = await ctx.clients.cloudwatch(region);
  return callPages(
    ctx,
    'cloudwatch',
    'DescribeAlarms',
    (options) => sdk.paginateDescribeAlarms({ client }, {}, options),
    (page) =>
      (page.MetricAlarms ?? []).flatMap((a) => {
        const name = a.AlarmName ?? '';
        if (a.MetricName || a.Namespace) return [{ name, metricName: a.MetricName, namespace: a.Namespace }];
        const metrics = (a.Metrics ?? []).flatMap((m) => (m.MetricStat?.Metric ? [m.MetricStat.Metric] : []));
        if (metrics.length === 0) return [{ name, metricName: undefined, namespace: undefined }];
        return metrics.map((m) => ({ name, metricName: m.MetricName, namespace: m.Namespace }));
      }),
  );
}
