import { CLOUDTRAIL_PRINCIPAL, keyPrefixPath } from '../model/queries';
import type { Bucket, BucketPolicy, Trail } from '../model/types';
import { grants, type Tri } from '../policy/evaluate';
import { keyAt, list } from './helpers';
import { TEMPLATES_ONLY, type Rule, type RuleContext } from './types';
import type { FixValue } from '../fix/intents';
import {
  trailBucketPolicyFix,
  appendFix,
  batchFix,
  bucketAclStatement,
  bucketWriteStatement,
  statementsPath,
} from './fix-recipes';

const FROM_CLOUDTRAIL = { service: CLOUDTRAIL_PRINCIPAL } as const;

export const CT010: Rule = {
  meta: {
    id: 'CT010',
    slug: 'trail-bucket-policy',
    title: "Trail's bucket policy lets CloudTrail write, and the trail waits for it",
    severity: 'error',
    // Terraform orders creation by references and the live API has no such failure mode.
    formats: TEMPLATES_ONLY,
    live: false,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      for (const bucket of trail.buckets) checkBucket(trail, bucket, context);
    }
  },
};

function checkBucket(trail: Trail, bucket: Bucket, context: RuleContext): void {
  if (bucket.policies.length === 0) {
    context.report({
      resource: trail,
      value: trail.s3BucketName,
      fixes: [trailBucketPolicyFix(bucket, 'Add a bucket policy that lets CloudTrail deliver log files')],
      message: `The trail's bucket ${bucket.id} has no bucket policy: CloudTrail cannot check the bucket ACL or write log files, so creating the trail fails with InsufficientS3BucketPolicyException. Add an AWS::S3::BucketPolicy that lets ${CLOUDTRAIL_PRINCIPAL} call s3:GetBucketAcl on the bucket and s3:PutObject on its AWSLogs/ prefix, and make the trail DependsOn it.`,
      cdk: {
        l2: 'let the Trail create its bucket, or grant CloudTrail access with `bucket.addToResourcePolicy`',
      },
    });
    return;
  }
  for (const policy of bucket.policies) checkGrants(trail, bucket, policy, context);
  const dependsOn = trail.dependsOn;
  if (!dependsOn || bucket.policies.some((p) => dependsOn.ids.includes(p.id))) return;
  const names = bucket.policies.map((p) => p.id).join(' or ');
  context.report({
    resource: trail,
    value: keyAt('DependsOn', dependsOn.keyAt),
    fixes: bucket.policies.map((p) =>
      appendFix(trail, ['DependsOn'], p.id, `Add ${p.id} to the trail's DependsOn`, {
        preferred: bucket.policies.length === 1,
      }),
    ),
    message: `The trail does not DependsOn ${names}: CloudFormation may create the trail before the bucket policy exists, and the creation then fails with InsufficientS3BucketPolicyException. Add ${names} to the trail's DependsOn.`,
    cdk: { l2: 'add `trail.node.addDependency(bucket.policy!)`' },
  });
}

function checkGrants(trail: Trail, bucket: Bucket, policy: BucketPolicy, context: RuleContext): void {
  const document = policy.document;
  if (!document) return;
  const prefix = trail.s3KeyPrefix;
  if (prefix.provenance === 'unresolved') return;
  const path = keyPrefixPath(prefix.value);
  const owners = ['${AWS::AccountId}'];
  const checks: { action: string; resource: string; what: string }[] = [
    { action: 's3:GetBucketAcl', resource: bucket.arn, what: `s3:GetBucketAcl on ${bucket.arn}` },
    ...owners.map((owner) => ({
      action: 's3:PutObject',
      resource: `${bucket.arn}/${path}AWSLogs/${owner}/CloudTrail/log-file.json.gz`,
      what: `s3:PutObject on ${bucket.arn}/${path}AWSLogs/${owner}/*`,
    })),
  ];
  const missing: string[] = [];
  const statements: FixValue[] = [];
  for (const check of checks) {
    const found = grants(document, {
      action: check.action,
      resource: check.resource,
      principal: FROM_CLOUDTRAIL,
    });
    const best: Tri = found.some((g) => g.covers === 'yes') ? 'yes' : found.length > 0 ? 'maybe' : 'no';
    if (best === 'maybe' || (best === 'no' && document.partial)) return;
    if (best === 'no') {
      missing.push(check.what);
      statements.push(
        check.action === 's3:GetBucketAcl'
          ? bucketAclStatement(bucket, trail)
          : bucketWriteStatement(bucket, trail),
      );
    }
  }
  if (missing.length === 0) return;
  context.report({
    resource: policy,
    value: keyAt('PolicyDocument', policy.documentKeyAt),
    fixes: [
      batchFix(
        statements.map((s) =>
          appendFix(policy, statementsPath(document, 'PolicyDocument'), s, 'Add the statement'),
        ),
        `Add the statement${statements.length > 1 ? 's' : ''} CloudTrail needs to deliver log files`,
      ),
    ],
    message: `The bucket policy does not allow ${CLOUDTRAIL_PRINCIPAL} ${list(missing)}: creating the trail ${trail.id} fails with InsufficientS3BucketPolicyException${trail.s3KeyPrefix.value ? ` (the trail writes under the prefix "${trail.s3KeyPrefix.value}")` : ''}.`,
  });
}
