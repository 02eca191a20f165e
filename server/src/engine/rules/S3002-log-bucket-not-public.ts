import { logBuckets, logObjectProbes } from '../model/queries';
import type { Bucket } from '../model/types';
import { hasRestriction } from '../policy/conditions';
import { grants, type Request } from '../policy/evaluate';
import { keyAt } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);
/** Who a public statement lets in. */
const ANYONE = { anyone: true } as const;
/** What "read, list or write" means for a bucket of log files. */
const ACTIONS = ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject'];

export const S3002: Rule = {
  meta: {
    id: 'S3002',
    slug: 'log-bucket-not-public',
    title: "Trail's log bucket is not public",
    severity: 'error',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      const acl = bucket.acl;
      if (acl.provenance === 'unresolved') context.unverified(bucket, acl, "the log bucket's ACL");
      else if (acl.value && PUBLIC_ACLS.has(acl.value)) {
        context.report({
          resource: bucket,
          value: acl,
          message: `${acl.name} ${acl.value} opens the trail's log bucket to ${acl.value === 'AuthenticatedRead' ? 'every AWS account' : 'everyone'}: the log files reveal every API call of the account. Remove ${acl.name} (or set Private).`,
          cdk: { l2: 'remove `accessControl` (or use BucketAccessControl.PRIVATE) on the Bucket' },
        });
      }
      checkPolicies(bucket, context.report.bind(context));
    }
  },
};

function checkPolicies(bucket: Bucket, report: Parameters<Rule['check']>[1]['report']): void {
  const probes = logObjectProbes(bucket).map(({ resource, resourceIsPattern }) => ({
    resource,
    resourceIsPattern,
  }));
  for (const policy of bucket.policies) {
    const document = policy.document;
    for (const statement of document?.statements ?? []) {
      if (statement.effect.value !== 'Allow' || statement.notPrincipal) continue;
      if (!statement.principal?.anyone) continue;
      // Conditions that pin the caller (organization, account, VPC endpoint, source) keep it private.
      if (hasRestriction(statement, 'principal', 'source')) continue;
      // The log files of each trail that writes here, under its S3KeyPrefix; a prefix the file does not
      // give only counts when the statement covers the objects under every prefix. An unconditional Deny
      // of the same policy takes the grant back where it covers it.
      const granted = (request: Omit<Request, 'action' | 'principal'> & { action: string }): boolean =>
        grants(document, { ...request, principal: ANYONE }).some(
          (g) => g.statement === statement && g.covers === 'yes',
        );
      const opened = ACTIONS.filter((action) =>
        action === 's3:ListBucket'
          ? granted({ action, resource: bucket.arn })
          : probes.some((p) => granted({ action, ...p })),
      );
      if (opened.length === 0) continue;
      report({
        resource: policy,
        value: keyAt('Principal', statement.principalAt),
        message: `A statement of the bucket policy allows ${opened.join(', ')} to any principal ("*") without a condition that restricts the caller: the trail's log bucket is public. Name the principals, or add an aws:PrincipalOrgID / aws:SourceVpce condition.`,
        cdk: {
          l2: 'remove the `grantPublicAccess()` call or the `addToResourcePolicy()` statement with `AnyPrincipal` (or give it an `aws:PrincipalOrgID` condition)',
        },
      });
    }
  }
}
