import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { setFix, property } from './fix-recipes';

export const CT006: Rule = {
  meta: {
    id: 'CT006',
    slug: 'trail-logging-on',
    title: 'Trail is logging',
    severity: 'error',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const value = trail.isLogging;
      if (value.value !== false) {
        if (value.provenance === 'unresolved') context.unverified(trail, value, 'that the trail is logging');
        continue;
      }
      context.report({
        resource: trail,
        value,
        message: `${value.name} is false: the trail exists but records nothing, and the account is left without an audit trail.`,
        fixes: [setFix(trail, property('IsLogging'), true, `Set ${value.name} to true`)],
        cdk: {
          l2: 'remove the `IsLogging` property override (the L2 Trail always logs)',
          l1: 'set `isLogging: true` on the CfnTrail',
        },
      });
    }
  },
};
