import type { Rule } from './types';

/** Log files arrive every few minutes; a day without one means delivery has stopped. */
const QUIET_MS = 24 * 60 * 60 * 1000;

export const LIVE002: Rule = {
  meta: {
    id: 'LIVE002',
    slug: 'trail-delivery-health',
    title: 'The trail delivers its logs',
    severity: 'error',
    formats: ['live'],
    live: true,
    fixable: false,
  },
  check(model, context) {
    const live = model.live;
    if (!live) return;
    const readAt = Date.parse(live.readAt);
    for (const { trail, status, note } of live.delivery) {
      if (!status) {
        context.unverified(
          trail,
          { name: 'GetTrailStatus', value: undefined, provenance: 'unresolved', isSet: undefined, note },
          'log delivery',
        );
        continue;
      }
      // A trail that is switched off delivers nothing by design; CT006 reports that.
      if (trail.isLogging.value === false) continue;
      if (status.latestDeliveryError) {
        context.report({
          resource: trail,
          message: `The trail cannot deliver log files to its bucket (LatestDeliveryError: ${status.latestDeliveryError}): events are recorded nowhere until the bucket policy, key policy or bucket is fixed.`,
        });
      }
      if (status.latestCloudWatchLogsDeliveryError) {
        context.report({
          resource: trail,
          message: `The trail cannot deliver to CloudWatch Logs (LatestCloudWatchLogsDeliveryError: ${status.latestCloudWatchLogsDeliveryError}): metric filters and alarms on its log group see nothing.`,
        });
      }
      if (status.latestDeliveryError) continue;
      const last = status.latestDeliveryTime ? Date.parse(status.latestDeliveryTime) : undefined;
      if (last === undefined || readAt - last > QUIET_MS) {
        context.report({
          resource: trail,
          message:
            last === undefined
              ? 'The trail has never delivered a log file: check that it is logging and that its bucket accepts the files.'
              : `The trail last delivered a log file on ${status.latestDeliveryTime ?? ''}, more than 24 hours ago: delivery has stopped.`,
        });
      }
    }
  },
};
