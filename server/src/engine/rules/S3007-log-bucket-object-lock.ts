import { logBuckets } from '../model/queries';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const CDK = {
  l2: 'set `objectLockEnabled: true` and `objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(365))` on the Bucket',
  l1: 'set `objectLockEnabled: true` and `objectLockConfiguration.rule.defaultRetention` on the CfnBucket',
};

export const S3007: Rule = {
  meta: {
    id: 'S3007',
    slug: 'log-bucket-object-lock',
    title: "Trail's log bucket keeps log files immutable with Object Lock",
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      const lock = bucket.objectLockEnabled;
      const retention = bucket.objectLockDefaultRetention;
      const open = [lock, retention].find((v) => v.provenance === 'unresolved');
      if (open) {
        context.unverified(bucket, open, 'Object Lock with a default retention on the log bucket');
        continue;
      }
      // The catalog's alternative: versioning keeps every overwritten or deleted log file as a noncurrent
      // version, and an enabled lifecycle rule keeps it for a set time.
      // Either part unresolved (and the other possible) leaves it open: no claim.
      const { versioning, retentionLifecycle: lifecycle } = bucket;
      const versioned = versioning.value === 'Enabled' || versioning.provenance === 'unresolved';
      const retained = lifecycle.value === true || lifecycle.provenance === 'unresolved';
      if (lock.value !== true && versioned && retained) {
        const unknown = [versioning, lifecycle].find((v) => v.provenance === 'unresolved');
        if (unknown) context.unverified(bucket, unknown, 'a retention lifecycle on the versioned log bucket');
        continue;
      }
      if (lock.value !== true) {
        context.report({
          resource: bucket,
          value: lock,
          message: `Object Lock is not enabled on the trail's log bucket (${lock.name} ${lock.isSet ? 'is false' : 'is not set'}): whoever can delete objects can delete log files. Enable Object Lock with a default retention (it can only be turned on when the bucket is created), or at least enable versioning with a lifecycle rule that keeps log files for a set time.`,
          cdk: CDK,
        });
        continue;
      }
      if (retention.value === true) continue;
      context.report({
        resource: bucket,
        value: lock,
        message:
          'Object Lock is enabled on the log bucket but has no default retention (ObjectLockConfiguration.Rule.DefaultRetention): CloudTrail puts no retention on the files it writes, so nothing is locked. Add a default retention.',
        cdk: CDK,
      });
    }
  },
};
