import { logBuckets } from '../model/queries';
import { PUBLIC_ACCESS_SETTINGS } from '../model/types';
import { keyAt, list } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import type { Bucket } from '../model/types';
import type { FixIntent } from '../fix/intents';
import { property, setFix } from './fix-recipes';

const CDK = {
  l2: 'set `blockPublicAccess: BlockPublicAccess.BLOCK_ALL` on the Bucket',
  l1: 'set all four flags of `publicAccessBlockConfiguration` to true on the CfnBucket',
};

export const S3001: Rule = {
  meta: {
    id: 'S3001',
    slug: 'log-bucket-public-access-block',
    title: "Trail's log bucket blocks all public access",
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      // No configuration written: S3 has turned all four settings on for new buckets since April 2023.
      if (bucket.publicAccessBlock.isSet === false) continue;
      const missing: string[] = [];
      for (const setting of PUBLIC_ACCESS_SETTINGS) {
        const value = bucket.publicAccess[setting];
        if (value.value === true) continue;
        if (value.provenance === 'unresolved') {
          context.unverified(bucket, value, `${setting} on the trail's log bucket`);
          continue;
        }
        if (value.isSet) {
          context.report({
            resource: bucket,
            value,
            message: `${setting} is false on the trail's log bucket: ${consequence(setting)} Set all four Block Public Access settings to true.`,
            cdk: CDK,
            fixes: [blockAll(bucket)],
          });
        } else missing.push(setting);
      }
      if (missing.length === 0) continue;
      context.report({
        resource: bucket,
        value: keyAt('PublicAccessBlockConfiguration', bucket.publicAccessBlock.keyAt),
        message: `PublicAccessBlockConfiguration leaves out ${list(missing)}, which are then false: the log bucket can be made public. Set all four settings to true.`,
        cdk: CDK,
        fixes: [blockAll(bucket)],
      });
    }
  },
};

/** All four settings true: what the finding asks for, whichever of them is off. */
function blockAll(bucket: Bucket): FixIntent {
  const all = Object.fromEntries(PUBLIC_ACCESS_SETTINGS.map((s) => [s, true]));
  return setFix(
    bucket,
    property('PublicAccessBlockConfiguration'),
    all,
    'Turn on all four Block Public Access settings',
  );
}

function consequence(setting: string): string {
  switch (setting) {
    case 'BlockPublicAcls':
      return 'a public ACL can be put on the bucket or its log files.';
    case 'IgnorePublicAcls':
      return 'public ACLs on the bucket or its log files take effect.';
    case 'BlockPublicPolicy':
      return 'a bucket policy that grants public access can be attached.';
    default:
      return 'a public bucket policy grants access to anyone.';
  }
}
