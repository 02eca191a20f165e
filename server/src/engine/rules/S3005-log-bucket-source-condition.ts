import { grantsToCloudTrail, logBuckets } from '../model/queries';
import type { PolicyStatement } from '../model/types';
import { hasRestriction } from '../policy/conditions';
import { keyAt } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { setFix, sourceCondition } from './fix-recipes';

export const S3005: Rule = {
  meta: {
    id: 'S3005',
    slug: 'log-bucket-source-condition',
    title: 'Bucket policy grants to CloudTrail carry a SourceArn or SourceAccount condition',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      // The condition names this file's trail; a bucket that only other accounts' trails use (a central
      // archive) is left for the author, since the right accounts are not in sight.
      const trail = bucket.trails.length === 1 ? bucket.trails[0] : undefined;
      for (const policy of bucket.policies) {
        const document = policy.document;
        for (const statement of document?.statements ?? []) {
          if (!grantsToCloudTrail(statement)) continue;
          if (hasRestriction(statement, 'source')) continue;
          // A condition block Terraform or a template computes may well hold the condition. What else is
          // unresolved does not matter: a bucket policy grants on its own bucket only, so a Resource whose
          // name is computed (`arn:aws:s3:::${random_id.x.hex}/*`) is still this bucket.
          if (statement.conditionsPartial) continue;
          context.report({
            resource: policy,
            value: keyAt('Principal', statement.principalAt),
            fixes:
              document && bucket.trails.length > 0
                ? [
                    setFix(
                      policy,
                      [...document.path, 'Statement', statement.index, 'Condition'],
                      { StringEquals: sourceCondition(trail) },
                      `Add an ${Object.keys(sourceCondition(trail))[0] ?? ''} condition`,
                    ),
                  ]
                : [],
            message: `A statement of the bucket policy grants ${granted(statement)} to cloudtrail.amazonaws.com without an aws:SourceArn or aws:SourceAccount condition: any trail, in any account, can write to this bucket (the confused deputy problem). Add a condition naming your trail ARN or account.`,
            cdk: {
              // The L2 Trail writes these grants itself, with no way to pass a condition (aws/aws-cdk#15515).
              l2: "add `conditions: { StringEquals: { 'aws:SourceArn': trailArn } }` to your PolicyStatement; for the grants the L2 Trail writes itself, add the condition with an escape hatch (`addPropertyOverride` on the bucket's CfnBucketPolicy)",
            },
          });
        }
      }
    }
  },
};

/** The actions a statement grants, as written; "access" when they are not all known. */
function granted(statement: PolicyStatement): string {
  const actions = statement.actions.map((a) => a.value);
  return actions.length > 0 && actions.every((a) => a !== undefined) ? actions.join(', ') : 'access';
}
