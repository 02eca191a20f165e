import type { Rule } from './types';

export const LIVE003: Rule = {
  meta: {
    id: 'LIVE003',
    slug: 'out-of-account-resource',
    title: "The trail's bucket or key is in another account",
    severity: 'info',
    formats: ['live'],
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const o of model.live?.outOfAccount ?? []) {
      const trails = o.trails.map((t) => t.id).join(', ') || 'a trail';
      context.report({
        resource: o.resource,
        message: `The ${o.kind} ${o.arn} of ${trails} belongs to another account (an organization or central log-archive setup): its checks cannot be made from this account and are reported as not verified. Run the check in that account too.`,
      });
    }
  },
};
