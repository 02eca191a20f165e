import { identityDocuments, logBuckets, logObjectProbes } from '../model/queries';
import type { Bucket, PolicyDocument, ResourceBase } from '../model/types';
import { hasRestriction } from '../policy/conditions';
import { coversAction, grants, type Request } from '../policy/evaluate';
import { keyAt, list } from './helpers';
import { TEMPLATES_ONLY, type Rule } from './types';

/** Actions that destroy log files or loosen the bucket's protection, and what they act on. */
const TAMPER: { action: string; on: 'object' | 'bucket' }[] = [
  { action: 's3:DeleteObject', on: 'object' },
  { action: 's3:DeleteObjectVersion', on: 'object' },
  { action: 's3:PutBucketPolicy', on: 'bucket' },
  { action: 's3:DeleteBucketPolicy', on: 'bucket' },
  { action: 's3:PutLifecycleConfiguration', on: 'bucket' },
  { action: 's3:PutBucketVersioning', on: 'bucket' },
  { action: 's3:DeleteBucket', on: 'bucket' },
];
const S3_ARN = 'arn:${AWS::Partition}:s3:::';
/** A bucket no template names: only wildcard resources reach it. */
const ANY_BUCKET = `${S3_ARN}\u0000any-bucket`;

/** A bucket to ask about: its ARN, and its log files (each trail's, under its S3KeyPrefix). */
interface Target {
  bucket: string;
  objects: Omit<Request, 'action'>[];
}

export const IAM004: Rule = {
  meta: {
    id: 'IAM004',
    slug: 'log-bucket-tamper',
    title: "No policy allows deleting or loosening the trail's log bucket",
    severity: 'warning',
    formats: TEMPLATES_ONLY,
    live: false,
    fixable: false,
  },
  check(model, context) {
    const buckets = logBuckets(model);
    const targetOf = (bucket: Bucket): Target => ({
      bucket: bucket.arn,
      objects: logObjectProbes(bucket).map(({ resource, resourceIsPattern }) => ({
        resource,
        resourceIsPattern,
      })),
    });
    // A bucket whose name is generated from a prefix is also asked about by that name: `logs-` then a
    // character no policy spells, which a wildcard (`logs-*`) reaches and a literal name never does.
    const targetsOf = (bucket: Bucket): Target[] =>
      bucket.namePrefix === undefined
        ? [targetOf(bucket)]
        : [targetOf(bucket), targetOf({ ...bucket, arn: `${S3_ARN}${bucket.namePrefix}\u0000` })];
    const targets: Target[] = [
      { bucket: ANY_BUCKET, objects: [{ resource: `${ANY_BUCKET}/AWSLogs/\u0000/CloudTrail/\u0000` }] },
      ...buckets.flatMap(targetsOf),
    ];
    const check = (
      resource: ResourceBase,
      owner: string,
      document: PolicyDocument,
      asked: Target[],
    ): void => {
      const granted = new Map<(typeof document.statements)[number], Set<string>>();
      // Most documents grant none of these actions: ask about resources only when one of them is allowed.
      const allowed = TAMPER.filter(({ action }) =>
        document.statements.some((s) => s.effect.value === 'Allow' && coversAction(s, action) !== 'no'),
      );
      for (const { action, on } of allowed) {
        const requests = asked.flatMap((t) =>
          on === 'object' ? t.objects.map((o) => ({ action, ...o })) : [{ action, resource: t.bucket }],
        );
        for (const request of requests) {
          for (const grant of grants(document, request)) {
            if (grant.covers !== 'yes' || hasRestriction(grant.statement, 'mfa')) continue;
            // The CloudTrail service grants of a log bucket's policy are PutObject only; skip service principals.
            if (
              grant.statement.principal &&
              !grant.statement.principal.anyone &&
              grant.statement.principal.aws.length === 0
            )
              continue;
            granted.set(grant.statement, (granted.get(grant.statement) ?? new Set()).add(action));
          }
        }
      }
      for (const [statement, actions] of granted) {
        context.report({
          resource,
          value: keyAt(statement.notActions ? 'NotAction' : 'Action', statement.actionAt),
          message: `A statement of ${owner} allows ${list([...actions])} on the trail's log bucket${buckets.length ? '' : ' (any bucket)'} without an MFA condition: its holder can destroy log files or loosen the bucket's protection. Deny these actions, or require MFA.`,
        });
      }
    };
    for (const { identity, document } of identityDocuments(model))
      check(identity, identity.id, document, targets);
    for (const bucket of buckets) {
      for (const policy of bucket.policies) {
        if (policy.document)
          check(policy, `the bucket policy ${policy.id}`, policy.document, targetsOf(bucket));
      }
    }
  },
};
