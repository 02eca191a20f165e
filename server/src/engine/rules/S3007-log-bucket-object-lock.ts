import { logBuckets } from '../model/queries';
import { TEMPLATES_ONLY, type Rule } from './types';

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
    formats: TEMPLATES_ONLY,
    live: false,
    fixable: false,
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
        const expires =
          versioning.value === 'Enabled' && lifecycle.note
            ? ` A lifecycle rule with ${lifecycle.note} deletes log files within a year, so it is no retention.`
            : '';
        context.report({
          resource: bucket,
          value: lock,
          message: `Object Lock is not enabled on the trail's log bucket (${lock.name} ${lock.isSet ? 'is false' : 'is not set'}): whoever can delete objects can delete log files.${expires} Enable Object Lock with a default retention, or at least keep versioning on with lifecycle rules that keep log files for a year or more.`,
          cdk: CDK,
        });
        continue;
      }
      if (retention.value === true) continue;
      context.report({
        resource: bucket,
        value: lock,
        message: `Object Lock is enabled on the log bucket but has no default retention (${retention.name}): CloudTrail puts no retention on the files it writes, so nothing is locked. Add a default retention.`,
        cdk: CDK,
      });
    }
  },
};
