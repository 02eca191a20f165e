import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { setFix, property } from './fix-recipes';

export const CT001: Rule = {
  meta: {
    id: 'CT001',
    slug: 'trail-multi-region',
    title: 'Trail records events in all regions',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const value = trail.isMultiRegion;
      if (value.value === true) continue;
      if (value.value === undefined) {
        context.unverified(trail, value, 'that the trail is multi-region');
        continue;
      }
      const state = value.isSet ? 'is false' : 'is not set and defaults to false';
      context.report({
        resource: trail,
        value,
        message: `${value.name} ${state}: the trail records API activity in its own region only, so activity in every other region goes unlogged.`,
        fixes: [setFix(trail, property('IsMultiRegionTrail'), true, `Set ${value.name} to true`)],
        cdk: {
          l2: 'set `isMultiRegionTrail: true` on the Trail (the L2 default)',
          l1: 'set `isMultiRegionTrail: true` on the CfnTrail',
        },
      });
    }
  },
};
