import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { setFix, property } from './fix-recipes';

export const CT003: Rule = {
  meta: {
    id: 'CT003',
    slug: 'trail-log-file-validation',
    title: 'Trail validates its log files',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const value = trail.logFileValidation;
      if (value.value === true) continue;
      if (value.value === undefined) {
        context.unverified(trail, value, 'that log file validation is on');
        continue;
      }
      const state = value.isSet ? 'is false' : 'is not set and defaults to false';
      context.report({
        resource: trail,
        value,
        message: `${value.name} ${state}: without digest files nobody can prove that log files were not modified or deleted after delivery.`,
        fixes: [setFix(trail, property('EnableLogFileValidation'), true, `Set ${value.name} to true`)],
        cdk: {
          l2: 'set `enableFileValidation: true` on the Trail (the L2 default)',
          l1: 'set `enableLogFileValidation: true` on the CfnTrail',
        },
      });
    }
  },
};
