import { TEMPLATE_AND_LIVE, type Rule } from './types';

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
        message: `${value.name} is not set: log files are encrypted with SSE-S3 only, so anyone who can read the bucket can read the logs; a customer managed KMS key adds a second, audited permission.`,
        cdk: {
          l2: 'pass a KMS key as `encryptionKey` to the Trail',
          l1: 'set `kmsKeyId` on the CfnTrail to a KMS key ARN',
        },
      });
    }
  },
};
