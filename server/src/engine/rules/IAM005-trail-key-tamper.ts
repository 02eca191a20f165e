import { identityDocuments, trailKeys } from '../model/queries';
import type { PolicyDocument, PolicyStatement, ResourceBase } from '../model/types';
import { coversAction, grants } from '../policy/evaluate';
import { keyAt, list } from './helpers';
import { TEMPLATES_ONLY, type Rule } from './types';

/** An account root principal in canonical form (policy/arn.ts canonicalPrincipal); group 1 is the account. */
const ACCOUNT_ROOT = /^arn:(?:\$\{AWS::Partition\}|[^:*?]+):iam::(\$\{[^}]+\}|\d{12}):root$/;
const TAMPER = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'];
/** A key no template names: only wildcard resources reach it. */
const ANY_KEY = 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/\u0000any';

export const IAM005: Rule = {
  meta: {
    id: 'IAM005',
    slug: 'trail-key-tamper',
    title: "No policy allows disabling or deleting the trail's KMS key",
    severity: 'info',
    formats: TEMPLATES_ONLY,
    live: false,
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

/**
 * Whether a key-policy statement may be the default one that hands the key to IAM policies of the key's own
 * account (`Principal: { AWS: arn:…:iam::<account>:root }`), and so is not reported.
 *
 * The spec exempts only the key's own account root. A template names its own account as
 * `${AWS::AccountId}` (`!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root`, `!Ref AWS::AccountId`),
 * but also as a literal 12-digit id (hand-written templates, and CDK output for a stack with an explicit
 * `env.account`), and the template does not say which account it deploys to. A literal root is therefore
 * taken as possibly this account, and not reported: a rule claims only what it can show. What it can show:
 * a statement naming the roots of two different literal accounts hands the key to at least one other
 * account, and is reported. A root whose account the file does not give (a parameter without default, an
 * import, another resource's attribute) may be this account too, and is not reported.
 */
function delegatesToIam(statement: PolicyStatement): boolean {
  const p = statement.principal;
  if (!p || p.anyone || statement.notPrincipal || p.services.length > 0 || p.federated.length > 0)
    return false;
  if (p.aws.length === 0) return p.partial;
  const literal = new Set<string>();
  for (const arn of p.aws) {
    // An AWS principal the file does not give may be the account root.
    if (arn === undefined) continue;
    const account = ACCOUNT_ROOT.exec(arn)?.[1];
    if (account === undefined) return false;
    if (/^\d{12}$/.test(account)) literal.add(account);
  }
  // At most one account is this one.
  return literal.size <= 1;
}
