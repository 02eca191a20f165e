// Questions several rules ask of a model, answered once here.
import type { Bucket, Model, PolicyStatement } from './types';

export const CLOUDTRAIL_PRINCIPAL = 'cloudtrail.amazonaws.com';

/** An Allow statement that names CloudTrail's service principal. */
export function grantsToCloudTrail(statement: PolicyStatement): boolean {
  return statement.effect.value === 'Allow' && statement.servicePrincipals.includes(CLOUDTRAIL_PRINCIPAL);
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
