import { trailKeys } from '../model/queries';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { setFix, property } from './fix-recipes';

export const KMS001: Rule = {
  meta: {
    id: 'KMS001',
    slug: 'trail-key-rotation',
    title: "Trail's KMS key rotates automatically",
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const key of trailKeys(model)) {
      // Only symmetric encryption keys with KMS-made material can rotate automatically.
      const rotatable = [key.keySpec, key.keyUsage, key.origin];
      const open = rotatable.find((v) => v.provenance === 'unresolved');
      if (open) {
        // Whether the key can rotate at all is unknown (a computed KeySpec, a DescribeKey that failed).
        context.unverified(key, open, 'key rotation');
        continue;
      }
      if (key.keySpec.value !== 'SYMMETRIC_DEFAULT' || key.keyUsage.value !== 'ENCRYPT_DECRYPT') continue;
      if (key.origin.value !== 'AWS_KMS') continue;
      const value = key.enableKeyRotation;
      if (value.value === true) continue;
      if (value.provenance === 'unresolved') {
        context.unverified(key, value, 'key rotation');
        continue;
      }
      context.report({
        resource: key,
        value,
        message: `${value.name} is ${value.isSet ? 'false' : 'not set (default false)'} on the trail's KMS key: the same key material encrypts every log file for the whole life of the key. Turn on automatic rotation (yearly by default), as CIS and AWS Security Hub KMS.4 ask.`,
        fixes: [setFix(key, property('EnableKeyRotation'), true, `Set ${value.name} to true`)],
        cdk: {
          l2: 'set `enableKeyRotation: true` on the Key',
          l1: 'set `enableKeyRotation: true` on the CfnKey',
        },
      });
    }
  },
};
