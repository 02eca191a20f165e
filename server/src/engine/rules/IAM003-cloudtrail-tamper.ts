import { identityDocuments } from '../model/queries';
import { hasRestriction } from '../policy/conditions';
import { grants } from '../policy/evaluate';
import { keyAt, list } from './helpers';
import { grantsAllOfCloudTrail } from './IAM002-cloudtrail-wildcard';
import { TEMPLATES_ONLY, type Rule } from './types';
import { setFix, TAMPER_ACTIONS, tamperGuardrail } from './fix-recipes';

const TAMPER = TAMPER_ACTIONS;
/**
 * The trails these actions act on: every trail of the account, in any region (an identity policy reaches no
 * other account's trails). A Deny takes a grant back only where it covers all of it: a Deny on one trail
 * leaves an Allow on `*` standing for the others.
 */
const EVERY_TRAIL = 'arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*';

export const IAM003: Rule = {
  meta: {
    id: 'IAM003',
    slug: 'cloudtrail-tamper',
    title: 'Actions that stop or weaken a trail require MFA or a named principal',
    severity: 'warning',
    formats: TEMPLATES_ONLY,
    live: false,
    fixable: true,
  },
  check(model, context) {
    for (const { identity, document } of identityDocuments(model)) {
      const granted = new Map<(typeof document.statements)[number], string[]>();
      for (const action of TAMPER) {
        for (const grant of grants(document, { action: `cloudtrail:${action}`, within: EVERY_TRAIL })) {
          if (grant.covers !== 'yes') continue;
          granted.set(grant.statement, [...(granted.get(grant.statement) ?? []), action]);
        }
      }
      for (const [statement, actions] of granted) {
        if (hasRestriction(statement, 'mfa', 'principal', 'holder')) continue;
        // IAM002 already reports a statement that grants all of CloudTrail.
        if (grantsAllOfCloudTrail(statement, document)) continue;
        context.report({
          resource: identity,
          value: keyAt(statement.notActions ? 'NotAction' : 'Action', statement.actionAt),
          fixes: [
            setFix(
              identity,
              [...document.path, 'Statement', statement.index, 'Condition'],
              { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
              'Require MFA for this statement',
              { preferred: false, safe: false },
            ),
            tamperGuardrail(identity, document),
          ],
          message: `A statement of ${identity.id} allows cloudtrail:${list(actions)} without an MFA (Bool aws:MultiFactorAuthPresent true) or principal-restricting condition: stolen credentials are enough to blind the audit trail. Add such a condition, or move these actions to a break-glass role.`,
        });
      }
    }
  },
};
