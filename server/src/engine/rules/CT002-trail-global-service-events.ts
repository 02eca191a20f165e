import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { setFix, property } from './fix-recipes';

export const CT002: Rule = {
  meta: {
    id: 'CT002',
    slug: 'trail-global-service-events',
    title: 'Trail includes global service events',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const value = trail.includeGlobalServiceEvents;
      if (value.value === true) continue;
      if (value.value === undefined) {
        context.unverified(trail, value, 'that the trail includes global service events');
        continue;
      }
      const cdk = {
        l2: 'set `includeGlobalServiceEvents: true` on the Trail (the L2 default)',
        l1: 'set `includeGlobalServiceEvents: true` on the CfnTrail',
      };
      const fixes = [
        setFix(trail, property('IncludeGlobalServiceEvents'), true, `Set ${value.name} to true`),
      ];
      if (value.isSet) {
        // Without the property, CloudTrail's default (true) applies.
        fixes.push({
          kind: 'remove',
          resource: trail.id,
          path: property('IncludeGlobalServiceEvents'),
          title: `Remove ${value.name} (defaults to true)`,
          preferred: false,
          safe: false,
        });
      }
      if (trail.isMultiRegion.value === true) {
        context.report({
          resource: trail,
          value,
          fixes,
          severity: 'error',
          message: `${value.name} is false on a multi-region trail: CloudTrail rejects this combination (InvalidParameterCombinationException), so the deployment fails.`,
          cdk,
        });
        continue;
      }
      context.report({
        resource: trail,
        value,
        message: `${value.name} is false: events of global services such as IAM, STS and CloudFront are not recorded by this trail.`,
        fixes,
        cdk,
      });
    }
  },
};
