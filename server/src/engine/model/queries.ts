// Questions several rules ask of a model, answered once here: which buckets, keys and log groups hold a
// trail's logs (the scope of the S3, KMS and CloudWatch rules), and which policies are identity policies.
import { covers } from '../policy/evaluate';
import type {
  Bucket,
  Identity,
  KmsKey,
  LogGroup,
  Model,
  PolicyDocument,
  PolicyStatement,
  Trail,
} from './types';

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

/**
 * A log file of a bucket to ask the policy evaluator about: pass `resource` and `resourceIsPattern` on in
 * the Request.
 */
export interface LogObjectProbe {
  /** Canonical ARN of a log file; a glob pattern when `resourceIsPattern`. */
  resource: string;
  /**
   * The trail's S3KeyPrefix is unresolved: `resource` stands for a log file under any prefix, and the
   * evaluator answers 'yes' or 'no' only where every prefix gives the same answer, else 'maybe'.
   */
  resourceIsPattern: boolean;
  /** The trail of the file that writes there; undefined for a bucket no trail of the file writes to. */
  trail: Trail | undefined;
  /** The key prefix as the trail gives it (`logs/`), '' for none; undefined when unresolved or no trail. */
  prefix: string | undefined;
}

/** A trail's S3KeyPrefix as the start of its log files' keys: trailing slashes dropped, one added ('' for none). */
export function keyPrefixPath(prefix: string | undefined): string {
  return prefix ? `${prefix.replace(/\/+$/, '')}/` : '';
}

/** Where in the key a log file's unknown parts (region, date, file name) are: any text matches them. */
const LOG_FILE = 'CloudTrail/\u0000/\u0000.json.gz';

/**
 * The log files to probe for a bucket: one per trail of the file that writes to it, under that trail's
 * S3KeyPrefix (`<bucket>/<prefix>/AWSLogs/<account>/CloudTrail/…`, as CloudTrail writes them); for a
 * bucket no trail of the file writes to (a central log archive), the plain `<bucket>/AWSLogs/<some
 * account>/…` location. A prefix the file does not give (a parameter without default, an import, a
 * reference to another resource) makes the probe a pattern that covers every prefix (see LogObjectProbe).
 */
export function logObjectProbes(bucket: Bucket): LogObjectProbe[] {
  if (bucket.trails.length === 0)
    return [
      {
        resource: `${bucket.arn}/AWSLogs/\u0000/${LOG_FILE}`,
        resourceIsPattern: false,
        trail: undefined,
        prefix: undefined,
      },
    ];
  const out: LogObjectProbe[] = [];
  const seen = new Set<string>();
  for (const trail of bucket.trails) {
    const value = trail.s3KeyPrefix.value;
    // A `${…}` token is a value CloudFormation computes: its text need not be what a policy spells.
    const known = trail.s3KeyPrefix.provenance !== 'unresolved' && !(value ?? '').includes('${');
    const path = known ? keyPrefixPath(value) : '*';
    const resource = `${bucket.arn}/${path}AWSLogs/\${AWS::AccountId}/${LOG_FILE}`;
    const key = `${known ? 'exact' : 'pattern'} ${resource}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ resource, resourceIsPattern: !known, trail, prefix: known ? path : undefined });
  }
  return out;
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
