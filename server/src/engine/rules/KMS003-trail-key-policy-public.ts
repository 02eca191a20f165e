import { trailKeys } from '../model/queries';
import { hasRestriction } from '../policy/conditions';
import { keyAt, unreadablePolicy } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

export const KMS003: Rule = {
  meta: {
    id: 'KMS003',
    slug: 'trail-key-policy-public',
    title: "Trail's KMS key policy does not allow everyone",
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const key of trailKeys(model)) {
      const unreadable = unreadablePolicy(key);
      if (unreadable) context.unverified(key, unreadable, 'that the key policy does not allow everyone');
      for (const statement of key.policy?.statements ?? []) {
        if (statement.effect.value !== 'Allow' || statement.notPrincipal || !statement.principal?.anyone)
          continue;
        if (hasRestriction(statement, 'principal', 'source') || statement.partial) continue;
        context.report({
          resource: key,
          value: keyAt('Principal', statement.principalAt),
          message: `A statement of the trail key's policy allows ${statement.actions.map((a) => a.value ?? '?').join(', ') || 'actions'} to any principal ("*") without a condition that restricts the caller (kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID…): any AWS account could use or manage the key. Name the principals or add such a condition.`,
        });
      }
    }
  },
};
