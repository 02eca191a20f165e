import { trailLogGroups } from '../model/queries';
import type { MetricFilter } from '../model/types';
import { list } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const EVENTS = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'];

// Compiled once, not per filter and call: missingEvents runs several times for every metric filter of every
// trail's log group. No `g` flag, so `test` keeps no state between patterns.
const JSON_EVENT = EVENTS.map((e) => new RegExp(`\\$\\.eventName\\s*=\\s*"?${e}"?(?![\\w*])`));
const WORD_EVENT = EVENTS.map((e) => new RegExp(`\\b${e}\\b`));

export const CW001: Rule = {
  meta: {
    id: 'CW001',
    slug: 'trail-change-alarm',
    title: 'A metric filter and alarm watch CloudTrail configuration changes',
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const group of trailLogGroups(model)) {
      const answers = group.metricFilters.map(watches);
      if (answers.includes('yes')) continue;
      if (answers.includes('maybe')) {
        // A filter or an alarm that could not be read may be the one: say so, never claim.
        const unknown = group.metricFilters.find((f) => f.filterPattern.provenance === 'unresolved');
        const note = group.metricFilters
          .flatMap((f) => f.alarms.flatMap((a) => a.metrics))
          .find((m) => m.name === undefined)?.note;
        context.unverified(
          group,
          unknown?.filterPattern ?? {
            name: 'MetricName',
            value: undefined,
            provenance: 'unresolved',
            isSet: undefined,
            note: note ?? 'an alarm whose metric could not be read',
          },
          'an alarm on CloudTrail configuration changes',
        );
        continue;
      }
      const partial = group.metricFilters.find((f) => missingEvents(f).length < EVENTS.length);
      const detail = partial
        ? `the filter ${partial.id} ${missingEvents(partial).length ? `misses ${list(missingEvents(partial))}` : 'has no alarm on its metric'}`
        : 'no metric filter on this log group matches them';
      context.report({
        resource: group,
        message: `Nothing alarms on CloudTrail configuration changes (${list(EVENTS)}): ${detail}. Add an AWS::Logs::MetricFilter on the trail's log group and an AWS::CloudWatch::Alarm on its metric (CIS 4.5).`,
        cdk: {
          l2: "call `addMetricFilter()` on the trail's LogGroup with a FilterPattern matching those events, and create an Alarm on `metricFilter.metric()`",
          l1: 'add a CfnMetricFilter on the log group and a CfnAlarm on its metric',
        },
      });
    }
  },
};

/**
 * The events a filter pattern does not match. In a JSON pattern (`{ ($.eventName = CreateTrail) || … }`) an
 * event counts only where it is compared with `=`: `$.eventName != StopLogging` watches everything else.
 * Other pattern forms count the event name as a word.
 */
function missingEvents(filter: MetricFilter): string[] {
  const pattern = filter.filterPattern.value ?? '';
  const json = pattern.includes('$.');
  const patterns = json ? JSON_EVENT : WORD_EVENT;
  return EVENTS.filter((_e, i) => !patterns[i]?.test(pattern));
}

function watches(filter: MetricFilter): 'yes' | 'maybe' | 'no' {
  if (filter.filterPattern.value === undefined)
    return filter.filterPattern.provenance === 'unresolved' ? 'maybe' : 'no';
  if (missingEvents(filter).length > 0) return 'no';
  // An alarm whose metric could not be read may watch this filter, or not.
  const known = (a: MetricFilter['alarms'][number]): boolean => a.metrics.some((m) => m.name !== undefined);
  if (filter.alarms.some(known)) return 'yes';
  if (filter.alarms.length > 0) return 'maybe';
  return filter.metrics.some((m) => m.name === undefined || m.namespace === undefined) ? 'maybe' : 'no';
}
