import { TEMPLATE_AND_LIVE, type Rule } from './types';

export const CT011: Rule = {
  meta: {
    id: 'CT011',
    slug: 'event-data-store-kms',
    title: 'CloudTrail Lake event data store uses a customer managed KMS key',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const store of model.eventDataStores) {
      const value = store.kmsKeyId;
      if (value.isSet === true) continue;
      if (value.isSet === undefined) {
        context.unverified(store, value, 'the event data store key');
        continue;
      }
      context.report({
        resource: store,
        value,
        message: `${value.name} is not set: the event data store is encrypted with a key CloudTrail manages, whose use you cannot audit, whose policy you cannot set, and which you cannot revoke. Set a customer managed KMS key (once set, it cannot be removed or changed).`,
        cdk: { l2: 'set `kmsKeyId` on the CfnEventDataStore' },
      });
    }
  },
};
