import { logBuckets } from '../model/queries';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import type { Bucket } from '../model/types';
import type { FixIntent } from '../fix/intents';
import { batchFix, property, setFix } from './fix-recipes';

export const S3004: Rule = {
  meta: {
    id: 'S3004',
    slug: 'log-bucket-mfa-delete',
    title: "Trail's log bucket has versioning with MFA delete",
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      const versioning = bucket.versioning;
      const mfa = bucket.mfaDelete;
      const lock = bucket.objectLockEnabled;
      // Object Lock turns versioning on by itself.
      const versioned = versioning.value === 'Enabled' || lock.value === true;
      if (!versioned) {
        if (versioning.provenance === 'unresolved' || lock.provenance === 'unresolved') {
          context.unverified(
            bucket,
            versioning.provenance === 'unresolved' ? versioning : lock,
            'versioning on the log bucket',
          );
          continue;
        }
        const state = versioning.isSet ? `is "${String(versioning.value)}"` : 'is not set';
        context.report({
          resource: bucket,
          value: versioning,
          message: `The trail's log bucket is not versioned (${versioning.name} ${state}): a deleted or overwritten log file cannot be recovered. Enable versioning with MFA delete, or Object Lock.`,
          fixes: mfa ? [mfaDeleteFix(bucket)] : [versioningFix(bucket), objectLockFix(bucket, true)],
          cdk: {
            l2: 'set `versioned: true` and `objectLockEnabled: true` on the Bucket',
            l1: "set `versioningConfiguration: { status: 'Enabled' }` and `objectLockEnabled: true` on the CfnBucket",
          },
        });
        continue;
      }
      if (mfa) {
        if (mfa.value === true) continue;
        if (mfa.provenance === 'unresolved') {
          context.unverified(bucket, mfa, 'MFA delete on the log bucket');
          continue;
        }
        context.report({
          resource: bucket,
          value: mfa,
          message: `The trail's log bucket is versioned without MFA delete (${mfa.name}): whoever holds the bucket's credentials can delete log versions.`,
          fixes: [mfaDeleteFix(bucket)],
        });
        continue;
      }
      // The format cannot express MFA delete (CloudFormation): Object Lock is the template-side protection.
      if (lock.value === true) continue;
      if (lock.provenance === 'unresolved') {
        context.unverified(bucket, lock, 'Object Lock on the log bucket');
        continue;
      }
      context.report({
        resource: bucket,
        // What is missing is Object Lock (or MFA delete): point where it would be written.
        value: lock,
        message:
          'The trail\'s log bucket is versioned but MFA delete is off, and CloudFormation cannot turn it on. After deploying, the root user turns it on with `aws s3api put-bucket-versioning --bucket <name> --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<mfa-serial> <code>"`; or protect log files in the template with `ObjectLockEnabled: true`.',
        fixes: [objectLockFix(bucket, false)],
        cdk: {
          l2: 'set `objectLockEnabled: true` on the Bucket, or turn MFA delete on after deploying',
          l1: 'set `objectLockEnabled: true` on the CfnBucket, or turn MFA delete on after deploying',
        },
      });
    }
  },
};

/** Terraform: versioning with MFA delete. Applying it needs the root user's MFA (`mfa`), so never fix-all. */
function mfaDeleteFix(bucket: Bucket): FixIntent {
  return setFix(
    bucket,
    property('VersioningConfiguration'),
    { Status: 'Enabled', MfaDelete: 'Enabled' },
    "Enable versioning with MFA delete (apply with the root user's MFA device)",
    { safe: false },
  );
}

/** CloudFormation: versioning; MFA delete stays a manual step after deploying. */
function versioningFix(bucket: Bucket): FixIntent {
  return setFix(bucket, property('VersioningConfiguration'), { Status: 'Enabled' }, 'Enable versioning');
}

/** Object Lock, the template-side protection CloudFormation can express; it changes how objects are kept. */
function objectLockFix(bucket: Bucket, withVersioning: boolean): FixIntent {
  const lock = setFix(bucket, property('ObjectLockEnabled'), true, 'Enable Object Lock');
  if (!withVersioning) return { ...lock, preferred: false, safe: false };
  return batchFix([versioningFix(bucket), lock], 'Enable versioning and Object Lock', {
    preferred: false,
    safe: false,
  });
}
