// What a trail's S3 object data-event selectors name: every bucket, some buckets, or something the file does
// not tell. CT008 uses it to say which buckets of the file no trail logs, and which values CloudTrail rejects.
import type { Bucket, DataResource, Model, Trail } from '../model/types';

export const S3_OBJECT = 'AWS::S3::Object';

/** One S3 object data-resource value, read as CloudTrail reads it. */
export type S3DataValue =
  | { kind: 'all' }
  /** Objects of `bucket` under `prefix` (`arn:aws:s3:::bucket/prefix`). */
  | { kind: 'objects'; bucket: string; prefix: string }
  /** `arn:aws:s3:::bucket` without the `/`: CloudTrail rejects it (InvalidEventSelectorsException). */
  | { kind: 'bucket-only'; bucket: string }
  | { kind: 'unknown' };

// Canonical ARNs spell the partition `${AWS::Partition}`, whose colons a plain `[^:]+` would not pass.
const PARTITION = String.raw`(?:\$\{AWS::Partition\}|[\w-]+)`;
const ALL = new RegExp(`^arn:${PARTITION}:s3(?::::?)?$`);
const OBJECTS = new RegExp(`^arn:${PARTITION}:s3:::([^/]+)(?:/(.*))?$`, 's');
const BUCKET_ARN = new RegExp(`^arn:${PARTITION}:s3:::([^/]+)$`);

export function readS3Value(value: string | undefined): S3DataValue {
  if (value === undefined) return { kind: 'unknown' };
  if (ALL.test(value)) return { kind: 'all' };
  const m = OBJECTS.exec(value);
  if (!m) return { kind: 'unknown' };
  const bucket = m[1] as string;
  if (bucket.includes('*')) return { kind: 'unknown' };
  return m[2] === undefined ? { kind: 'bucket-only', bucket } : { kind: 'objects', bucket, prefix: m[2] };
}

/** The S3 object data resources of a trail's classic selectors, with where each is written. */
export function s3DataResources(trail: Trail): DataResource[] {
  if (trail.selectors.kind !== 'classic') return [];
  return trail.selectors.classic.flatMap((s) => s.dataResources.filter((d) => d.type === S3_OBJECT));
}

/**
 * Which buckets the file's trails log object events for: every bucket, a set of bucket names (canonical
 * ARN tails, as Bucket.arn ends), or undefined when some selector cannot be read.
 */
export function loggedBuckets(model: Model): 'all' | Set<string> | undefined {
  const names = new Set<string>();
  for (const trail of model.trails) {
    const selectors = trail.selectors;
    if (selectors.partial) return undefined;
    if (selectors.kind === 'advanced') {
      for (const s of selectors.advanced) {
        const data = s.fields.some((f) => f.field === 'eventCategory' && f.equals.includes('Data'));
        const s3 = s.fields.some((f) => f.field === 'resources.type' && f.equals.includes(S3_OBJECT));
        if (!data || !s3) continue;
        // A resources.ARN field narrows by prefix (StartsWith), which the model does not keep: unknown.
        if (s.partial || s.fields.some((f) => f.field === 'resources.ARN')) return undefined;
        return 'all';
      }
      continue;
    }
    for (const s of selectors.classic) {
      for (const d of s.dataResources) {
        if (d.type === undefined) return undefined;
        if (d.type !== S3_OBJECT) continue;
        for (const v of d.values) {
          const read = readS3Value(v);
          if (read.kind === 'unknown') return undefined;
          if (read.kind === 'all') return 'all';
          if (read.kind === 'objects') names.add(read.bucket);
        }
      }
    }
  }
  return names;
}

/** The bucket's name as its canonical ARN ends (a literal name, or `${LogicalId}` when generated). */
export function bucketArnName(bucket: Bucket): string | undefined {
  const m = BUCKET_ARN.exec(bucket.arn);
  return m?.[1];
}

/** Shows a canonical ARN as a user would write it in the commercial partition. */
export function showArn(arn: string): string {
  return arn.replace('${AWS::Partition}', 'aws');
}
