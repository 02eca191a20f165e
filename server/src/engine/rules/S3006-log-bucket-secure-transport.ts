import { logBuckets, logObjectProbes, type LogObjectProbe } from '../model/queries';
import type { PolicyStatement } from '../model/types';
import { restricts } from '../policy/conditions';
import { covers, type Tri } from '../policy/evaluate';
import { keyAt } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import {
  trailBucketPolicyFix,
  appendFix,
  denyInsecureTransportStatement,
  statementsPath,
} from './fix-recipes';

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
          fixes: [trailBucketPolicyFix(bucket, 'Add a bucket policy that denies requests without TLS')],
          message: `${MESSAGE} The bucket has no bucket policy.`,
          cdk: CDK,
        });
        continue;
      }
      // A statement that could not be read, or one that may be a Deny with the condition, may be the deny.
      // Statements that are known not to be do not matter however partial (a computed bucket name).
      if (
        bucket.policies.some(
          (p) => p.document?.unreadStatements === true || p.document?.statements.some(mayDenyPlainHttp),
        )
      )
        continue;
      // Every trail's log files must be covered, each under its own S3KeyPrefix. A probe under a prefix
      // the file does not give answers 'no' only when no Deny reaches the objects under any prefix.
      const uncovered = logObjectProbes(bucket).filter((probe) => {
        const answers = bucket.policies.map((p) => deniesPlainHttp(probe, p.document?.statements ?? []));
        return !answers.includes('yes') && !answers.includes('maybe');
      });
      const first = uncovered[0];
      if (!first) continue;
      const policy = bucket.policies[0] as (typeof bucket.policies)[number];
      const where =
        first.prefix && first.trail
          ? ` The trail ${first.trail.id} writes its log files under the prefix "${first.prefix}".`
          : '';
      context.report({
        resource: policy,
        value: keyAt('PolicyDocument', policy.documentKeyAt),
        fixes: [
          appendFix(
            policy,
            statementsPath(policy.document, 'PolicyDocument'),
            denyInsecureTransportStatement(bucket),
            'Add a statement that denies requests without TLS',
          ),
        ],
        message: MESSAGE + where,
        cdk: CDK,
      });
    }
  },
};

function deniesPlainHttp(probe: LogObjectProbe, statements: PolicyStatement[]): Tri {
  let maybe = false;
  for (const s of statements) {
    if (s.effect.value !== 'Deny' || !s.conditions.some((c) => restricts(c, 'secure-transport'))) continue;
    const everyone = s.principal?.anyone === true && !s.notPrincipal;
    const result = covers(s, {
      action: 's3:GetObject',
      resource: probe.resource,
      resourceIsPattern: probe.resourceIsPattern,
    });
    if (everyone && result === 'yes') return 'yes';
    if (result === 'maybe' || s.partial) maybe = true;
  }
  return maybe ? 'maybe' : 'no';
}

/** Whether what is unknown about a statement may make it a Deny on the SecureTransport condition. */
function mayDenyPlainHttp(s: PolicyStatement): boolean {
  return s.effect.value === undefined || (s.effect.value === 'Deny' && s.conditionsPartial);
}
