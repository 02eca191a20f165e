// Questions several rules ask of a model, answered once here: which buckets, keys and log groups hold a
// trail's logs (the scope of the S3, KMS and CloudWatch rules), and which policies are identity policies.
import { covers } from '../policy/evaluate';
import type { Bucket, Identity, KmsKey, LogGroup, Model, PolicyDocument, PolicyStatement } from './types';

export const CLOUDTRAIL_PRINCIPAL = 'cloudtrail.amazonaws.com';
const TO_CLOUDTRAIL = { service: CLOUDTRAIL_PRINCIPAL } as const;

/** An Allow statement that names CloudTrail's service principal. */
export function grantsToCloudTrail(statement: PolicyStatement): boolean {
  return (
    statement.effect.value === 'Allow' &&
    !statement.notPrincipal &&
    (statement.principal?.services.includes(CLOUDTRAIL_PRINCIPAL) ?? false)
  );
}

/**
 * The buckets that hold trail logs: those a trail of this file writes to, and those whose policy grants
 * CloudTrail anything (the central log-archive bucket, whose trail lives in another stack or account).
 */
export function logBuckets(model: Model): Bucket[] {
  return model.buckets.filter(
    (b) => b.trails.length > 0 || b.policies.some((p) => p.document?.statements.some(grantsToCloudTrail)),
  );
}

/** Keys a trail of this file uses, and keys whose policy lets CloudTrail generate data keys. */
export function trailKeys(model: Model): KmsKey[] {
  const used = new Set(model.trails.flatMap((t) => t.keys));
  return model.keys.filter(
    (k) =>
      used.has(k) ||
      (k.policy?.statements.some(
        (s) =>
          grantsToCloudTrail(s) &&
          covers(s, { action: 'kms:GenerateDataKey', principal: TO_CLOUDTRAIL }) === 'yes',
      ) ??
        false),
  );
}

export function trailLogGroups(model: Model): LogGroup[] {
  const used = new Set(model.trails.flatMap((t) => t.logGroups));
  return model.logGroups.filter((g) => used.has(g));
}

/** Every identity-based policy document of the file, with the identity that carries it. */
export function identityDocuments(model: Model): { identity: Identity; document: PolicyDocument }[] {
  return model.identities.flatMap((identity) =>
    identity.inlinePolicies.map((document) => ({ identity, document })),
  );
}
