import { logBuckets } from '../model/queries';
import type { Bucket, PolicyStatement } from '../model/types';
import { restricts } from '../policy/conditions';
import { covers } from '../policy/evaluate';
import { keyAt } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const MESSAGE =
  'The trail\'s log bucket does not deny requests over plain HTTP: add a Deny statement for Principal "*" and Action s3:* on the bucket and its objects with the condition Bool aws:SecureTransport false.';
const CDK = { l2: 'set `enforceSSL: true` on the Bucket' };

export const S3006: Rule = {
  meta: {
    id: 'S3006',
    slug: 'log-bucket-secure-transport',
    title: "Trail's log bucket denies insecure transport",
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      if (bucket.policies.length === 0) {
        context.report({
          resource: bucket,
          message: `${MESSAGE} The bucket has no bucket policy.`,
          cdk: CDK,
        });
        continue;
      }
      const answers = bucket.policies.map((p) => deniesPlainHttp(bucket, p.document?.statements ?? []));
      if (answers.includes('yes') || answers.includes('maybe')) continue;
      if (bucket.policies.some((p) => p.document?.partial)) continue;
      const policy = bucket.policies[0] as (typeof bucket.policies)[number];
      context.report({
        resource: policy,
        value: keyAt('PolicyDocument', policy.documentKeyAt),
        message: MESSAGE,
        cdk: CDK,
      });
    }
  },
};

function deniesPlainHttp(bucket: Bucket, statements: PolicyStatement[]): 'yes' | 'maybe' | 'no' {
  let maybe = false;
  for (const s of statements) {
    if (s.effect.value !== 'Deny' || !s.conditions.some((c) => restricts(c, 'secure-transport'))) continue;
    const everyone = s.principal?.anyone === true && !s.notPrincipal;
    const result = covers(s, { action: 's3:GetObject', resource: `${bucket.arn}/AWSLogs/x` });
    if (everyone && result === 'yes') return 'yes';
    if (result === 'maybe' || s.partial) maybe = true;
  }
  return maybe ? 'maybe' : 'no';
}
