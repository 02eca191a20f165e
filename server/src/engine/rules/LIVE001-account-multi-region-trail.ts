import { recordsAllManagementEvents } from './CT007-trail-management-events';
import type { Rule } from './types';

export const LIVE001: Rule = {
  meta: {
    id: 'LIVE001',
    slug: 'account-multi-region-trail',
    title: 'The account has a multi-region trail logging all management events',
    severity: 'error',
    formats: ['live'],
    live: true,
    fixable: false,
  },
  check(model, context) {
    const live = model.live;
    if (!live) return;
    let unknown: string | undefined;
    for (const trail of model.trails) {
      const logging = trail.isLogging;
      const all = recordsAllManagementEvents(trail);
      if (trail.isMultiRegion.value === true && logging.value === true && all === true) return;
      // A trail that might be the one (its status or selectors could not be read) leaves it open.
      if (trail.isMultiRegion.value === true && logging.value !== false && all !== false)
        unknown ??= logging.value === undefined ? logging.note : 'its event selectors';
    }
    if (unknown !== undefined) {
      context.unverified(
        live.resource,
        { name: 'trails', value: undefined, provenance: 'unresolved', isSet: undefined, note: unknown },
        'that a multi-region trail logs all management events',
      );
      return;
    }
    const seen = model.trails.length;
    context.report({
      resource: live.resource,
      message: `No trail of account ${live.account} is multi-region, logging and recording both read and write management events (${seen} trail${seen === 1 ? '' : 's'} found): API activity in some regions, or some kinds of it, leaves no audit trail. Create or fix one trail so that it covers all regions and all management events.`,
    });
  },
};
