import { TEMPLATE_AND_LIVE, type Rule } from './types';
import type { KmsKey, Trail } from '../model/types';
import type { FixIntent } from '../fix/intents';
import { allowed } from './KMS002-trail-key-policy-cloudtrail';
import { addResourcesFix, newTrailKey, property, setFix } from './fix-recipes';

export const CT004: Rule = {
  meta: {
    id: 'CT004',
    slug: 'trail-kms-encryption',
    title: 'Trail encrypts logs with a customer managed KMS key',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const value = trail.kmsKeyId;
      if (value.isSet === true) continue;
      if (value.isSet === undefined) {
        context.unverified(trail, value, 'that the trail uses a KMS key');
        continue;
      }
      context.report({
        resource: trail,
        value,
        fixes: [encryptFix(trail, model.keys)],
        message: `${value.name} is not set: log files are encrypted with SSE-S3 only, so anyone who can read the bucket can read the logs; a customer managed KMS key adds a second, audited permission.`,
        cdk: {
          l2: 'pass a KMS key as `encryptionKey` to the Trail',
          l1: 'set `kmsKeyId` on the CfnTrail to a KMS key ARN',
        },
      });
    }
  },
};

/**
 * A key of the file whose policy already lets CloudTrail encrypt, or a new rotating key with a policy that
 * does. Encrypting changes who can read the logs (readers need kms:Decrypt), so fix-all leaves it alone.
 */
function encryptFix(trail: Trail, keys: readonly KmsKey[]): FixIntent {
  const ready = keys.find(
    (k) => k.keySpec.value === 'SYMMETRIC_DEFAULT' && allowed(k, 'kms:GenerateDataKey') === 'yes',
  );
  const use = (id: string): FixIntent =>
    setFix(trail, property('KMSKeyId'), { $ref: id, attribute: 'Arn' }, `Encrypt log files with ${id}`, {
      safe: false,
    });
  if (ready) return use(ready.id);
  const key = newTrailKey(trail);
  return addResourcesFix([key], [use(key.id)], `Add a KMS key (${key.id}) and encrypt log files with it`, {
    safe: false,
  });
}
