import { trailLogGroups } from '../model/queries';
import type { MetricFilter } from '../model/types';
import { list } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const EVENTS = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'];

export const CW001: Rule = {
  meta: {
    id: 'CW001',
    slug: 'trail-change-alarm',
    title: 'A metric filter and alarm watch CloudTrail configuration changes',
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const group of trailLogGroups(model)) {
      const answers = group.metricFilters.map(watches);
      if (answers.includes('yes') || answers.includes('maybe')) continue;
      const partial = group.metricFilters.find((f) => missingEvents(f).length < EVENTS.length);
      const detail = partial
        ? `the filter ${partial.id} ${missingEvents(partial).length ? `misses ${list(missingEvents(partial))}` : 'has no alarm on its metric'}`
        : 'no metric filter on this log group matches them';
      context.report({
        resource: group,
        message: `Nothing alarms on CloudTrail configuration changes (${list(EVENTS)}): ${detail}. Add an AWS::Logs::MetricFilter on the trail's log group and an AWS::CloudWatch::Alarm on its metric (CIS 4.5).`,
      });
    }
  },
};

function missingEvents(filter: MetricFilter): string[] {
  const pattern = filter.filterPattern.value ?? '';
  return EVENTS.filter((e) => !new RegExp(`\\b${e}\\b`).test(pattern));
}

function watches(filter: MetricFilter): 'yes' | 'maybe' | 'no' {
  if (filter.filterPattern.value === undefined)
    return filter.filterPattern.provenance === 'unresolved' ? 'maybe' : 'no';
  if (missingEvents(filter).length > 0) return 'no';
  if (filter.alarms.length > 0) return 'yes';
  return filter.metrics.some((m) => m.name === undefined || m.namespace === undefined) ? 'maybe' : 'no';
}
