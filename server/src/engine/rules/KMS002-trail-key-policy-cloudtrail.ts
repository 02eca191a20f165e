import { CLOUDTRAIL_PRINCIPAL } from '../model/queries';
import type { KmsKey, Trail } from '../model/types';
import { covers, grants, type Tri } from '../policy/evaluate';
import { keyAt, unreadablePolicy } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import type { FixIntent, FixValue } from '../fix/intents';
import {
  appendFix,
  batchFix,
  keyAdminStatement,
  keyDescribeStatement,
  keyEncryptStatement,
  property,
  setFix,
  statementsPath,
} from './fix-recipes';

const FROM_CLOUDTRAIL = { service: CLOUDTRAIL_PRINCIPAL } as const;

export const KMS002: Rule = {
  meta: {
    id: 'KMS002',
    slug: 'trail-key-policy-cloudtrail',
    title: "Trail's KMS key policy lets CloudTrail encrypt",
    severity: 'error',
    // The live check cannot fail a deployment: a trail that exists already encrypts with its key.
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    const keys = new Set(model.trails.flatMap((t) => t.keys));
    for (const key of keys) {
      const generate = allowed(key, 'kms:GenerateDataKey');
      if (generate === 'maybe') {
        const unreadable = unreadablePolicy(key);
        if (unreadable) context.unverified(key, unreadable, 'that the key policy lets CloudTrail encrypt');
        continue;
      }
      const value = keyAt(key.policy ? 'KeyPolicy' : 'Type', key.policyKeyAt);
      const trail = trailOf(model.trails, key);
      // An explicit Deny for CloudTrail in the policy is a decision; an added Allow would not undo it.
      const denied = key.policy?.statements.some(
        (st) =>
          st.effect.value === 'Deny' &&
          covers(st, { action: 'kms:GenerateDataKey', principal: FROM_CLOUDTRAIL }) !== 'no',
      );
      if (generate === 'no') {
        const statements = [keyEncryptStatement(trail)];
        if (allowed(key, 'kms:DescribeKey') === 'no') statements.push(keyDescribeStatement());
        context.report({
          resource: key,
          value,
          fixes: denied ? [] : [keyPolicyFix(key, statements)],
          message: `The key policy does not let ${CLOUDTRAIL_PRINCIPAL} call kms:GenerateDataKey*${key.policy ? '' : ' (no KeyPolicy is written, and the default key policy lets only the account in)'}: creating the trail fails with InsufficientEncryptionPolicyException. Add a statement that allows it, with an aws:SourceArn or kms:EncryptionContext:aws:cloudtrail:arn condition.`,
          cdk: {
            l2: "the Trail construct does not add this grant: call `key.addToResourcePolicy()` twice for `new ServicePrincipal('cloudtrail.amazonaws.com')`: `kms:GenerateDataKey*` with an `aws:SourceArn` (or `kms:EncryptionContext:aws:cloudtrail:arn`) condition, and `kms:DescribeKey` (its requests carry no encryption context)",
          },
        });
        continue;
      }
      if (allowed(key, 'kms:DescribeKey') !== 'no') continue;
      context.report({
        resource: key,
        value,
        severity: 'warning',
        fixes: [keyPolicyFix(key, [keyDescribeStatement()])],
        message: `The key policy lets CloudTrail generate data keys but not call kms:DescribeKey, which CloudTrail uses to check the key when the trail is created or updated. Add kms:DescribeKey for ${CLOUDTRAIL_PRINCIPAL}.`,
      });
    }
  },
};

/** The one trail of the file that uses the key, if there is exactly one: its ARN can then be named. */
function trailOf(trails: readonly Trail[], key: KmsKey): Trail | undefined {
  const users = trails.filter((t) => t.keys.includes(key));
  return users.length === 1 ? users[0] : undefined;
}

/**
 * Adds CloudTrail's statements to the key policy; a key without a written policy gets one that also keeps
 * the account's administration (the default key policy's statement), so the fix never locks anyone out.
 */
function keyPolicyFix(key: KmsKey, statements: FixValue[]): FixIntent {
  const title = 'Let CloudTrail use the key in its key policy';
  if (!key.policy) {
    const policy = { Version: '2012-10-17', Statement: [keyAdminStatement(), ...statements] };
    return setFix(key, property('KeyPolicy'), policy, title);
  }
  return batchFix(
    statements.map((s) => appendFix(key, statementsPath(key.policy, 'KeyPolicy'), s, title)),
    title,
  );
}

/** Whether the key policy allows CloudTrail an action; 'maybe' when the policy cannot be read fully. */
export function allowed(key: KmsKey, action: string): Tri {
  const policy = key.policy;
  if (!policy) return 'no';
  const found = grants(policy, { action, principal: FROM_CLOUDTRAIL });
  if (found.some((g) => g.covers === 'yes')) return 'yes';
  return found.length > 0 || policy.partial ? 'maybe' : 'no';
}
