import { identityDocuments, trailKeys } from '../model/queries';
import type { PolicyDocument, PolicyStatement, ResourceBase } from '../model/types';
import { coversAction, grants } from '../policy/evaluate';
import { keyAt, list } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const ACCOUNT_ROOT = /^arn:(?:\$\{[^}]+\}|[^:]+):iam::(?:\$\{[^}]+\}|\d{12}):root$/;
const TAMPER = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'];
/** A key no template names: only wildcard resources reach it. */
const ANY_KEY = 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/\u0000any';

export const IAM005: Rule = {
  meta: {
    id: 'IAM005',
    slug: 'trail-key-tamper',
    title: "No policy allows disabling or deleting the trail's KMS key",
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    const keys = trailKeys(model);
    const check = (
      resource: ResourceBase,
      owner: string,
      document: PolicyDocument,
      arns: (string | undefined)[],
      skip: (s: PolicyStatement) => boolean,
    ): void => {
      const granted = new Map<PolicyStatement, Set<string>>();
      const allowed = TAMPER.filter((action) =>
        document.statements.some((s) => s.effect.value === 'Allow' && coversAction(s, action) !== 'no'),
      );
      for (const action of allowed) {
        for (const arn of arns) {
          for (const grant of grants(document, arn === undefined ? { action } : { action, resource: arn })) {
            if (grant.covers !== 'yes' || skip(grant.statement)) continue;
            granted.set(grant.statement, (granted.get(grant.statement) ?? new Set()).add(action));
          }
        }
      }
      for (const [statement, actions] of granted) {
        context.report({
          resource,
          value: keyAt(statement.notActions ? 'NotAction' : 'Action', statement.actionAt),
          message: `A statement of ${owner} allows ${list([...actions])} on the trail's KMS key${keys.length ? '' : ' (any key)'}: disabling or deleting the key makes every encrypted log file unreadable. Keep these actions to a key-administrator role.`,
        });
      }
    };
    const arns = [ANY_KEY, ...keys.map((k) => k.arn)];
    for (const { identity, document } of identityDocuments(model))
      check(identity, identity.id, document, arns, () => false);
    for (const key of keys) {
      // In a key policy, Resource "*" means this key; the account root statement delegates to IAM.
      if (key.policy) check(key, `the key policy of ${key.id}`, key.policy, [undefined], delegatesToIam);
    }
  },
};

/** `Principal: { AWS: arn:…:iam::<account>:root }`: the default statement that hands the key to IAM policies. */
function delegatesToIam(statement: PolicyStatement): boolean {
  const p = statement.principal;
  return (
    !!p &&
    !p.anyone &&
    p.services.length === 0 &&
    p.aws.length > 0 &&
    p.aws.every((arn) => arn !== undefined && ACCOUNT_ROOT.test(arn))
  );
}
