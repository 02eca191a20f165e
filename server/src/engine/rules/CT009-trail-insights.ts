import { TEMPLATE_AND_LIVE, type Rule } from './types';

export const CT009: Rule = {
  meta: {
    id: 'CT009',
    slug: 'trail-insights',
    title: 'Trail has CloudTrail Insights selectors',
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const value = trail.insightSelectors;
      if (value.provenance === 'unresolved') {
        context.unverified(trail, value, 'Insights selectors');
        continue;
      }
      if ((value.value ?? 0) > 0) continue;
      context.report({
        resource: trail,
        value,
        message: `${value.isSet ? 'InsightSelectors is empty' : 'InsightSelectors is not set'}: CloudTrail Insights would flag unusual API call or error rates (a burst of deletions, a spike of AccessDenied) that often mark an incident.`,
        cdk: {
          l2: 'set `insightTypes: [InsightType.API_CALL_RATE, InsightType.API_ERROR_RATE]` on the Trail',
          l1: "set `insightSelectors: [{ insightType: 'ApiCallRateInsight' }, { insightType: 'ApiErrorRateInsight' }]` on the CfnTrail",
        },
      });
    }
  },
};
