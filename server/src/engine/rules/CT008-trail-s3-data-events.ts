import { logBuckets } from '../model/queries';
import type { Bucket, Model, Trail, Value } from '../model/types';
import { keyAt } from './helpers';
import {
  bucketArnName,
  loggedBuckets,
  readS3Value,
  S3_OBJECT,
  s3DataResources,
  showArn,
} from './s3-data-resources';
import { TEMPLATE_AND_LIVE, type Rule, type RuleContext } from './types';

export const CT008: Rule = {
  meta: {
    id: 'CT008',
    slug: 'trail-s3-data-events',
    title: 'Trail logs S3 object-level read and write events',
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const trail of model.trails) {
      if (trail.selectors.partial) continue;
      // A value CloudTrail rejects is the problem to fix first; what the trail would log follows from it.
      if (reportRejectedValues(trail, context)) continue;
      const logged = s3DataEvents(trail);
      if (logged === undefined) continue;
      if (logged.read && logged.write) continue;
      const missing = !logged.read && !logged.write ? 'read and write' : logged.read ? 'write' : 'read';
      const value =
        logged.readWriteType ??
        (trail.selectors.kind === 'none' ? undefined : keyAt(selectorKey(trail), trail.selectors.keyAt));
      context.report({
        resource: trail,
        value,
        message: `The trail does not log S3 object-level ${missing} events (data events): who read, wrote or deleted which object, including the trail's own log files, is not recorded. Add an S3 data event selector (DataResources Type ${S3_OBJECT}, ReadWriteType All).`,
        cdk: {
          l2: 'call `trail.addS3EventSelector([{ bucket }], { readWriteType: ReadWriteType.ALL })` (or `logAllS3DataEvents()`)',
          l1: "add an event selector with `dataResources: [{ type: 'AWS::S3::Object', values: [...] }]` to the CfnTrail",
        },
      });
    }
    reportUnloggedBuckets(model, context);
    reportBucketsWithoutTrail(model, context);
  },
};

/** `arn:aws:s3:::bucket` without the `/` fails the deployment; says so at each such value. */
function reportRejectedValues(trail: Trail, context: RuleContext): boolean {
  let reported = false;
  for (const d of s3DataResources(trail)) {
    for (const [i, v] of d.values.entries()) {
      const read = readS3Value(v);
      const at = d.valuesAt[i] ?? d.at;
      if (read.kind !== 'bucket-only' || !at) continue;
      reported = true;
      const written = showArn(v as string);
      context.report({
        resource: trail,
        value: { name: 'Values', value: v, provenance: 'explicit', isSet: true, at },
        message: `CloudTrail rejects the data resource value ${written} (InvalidEventSelectorsException: "for DataResources.Values is invalid"), so the deployment fails and no object-level events are logged: S3 object values are object ARN prefixes. Write ${written}/ to log every object of the bucket.`,
        cdk: {
          l2: 'pass the bucket itself: `trail.addS3EventSelector([{ bucket }])` writes the ARN with the `/`',
          l1: "append '/' to the bucket ARN in `dataResources[].values`",
        },
      });
    }
  }
  return reported;
}

/**
 * CIS 3.8/3.9 ask for object-level logging of every bucket. When the file's trails log S3 data events for
 * named buckets only, a bucket of the same file that none of them names is not logged (by this file: a trail
 * elsewhere may log it, hence info, and silence whenever a selector cannot be read).
 */
function reportUnloggedBuckets(model: Model, context: RuleContext): void {
  const logged = loggedBuckets(model);
  if (logged === undefined || logged === 'all' || logged.size === 0) return;
  const trail = model.trails.find((t) => s3DataResources(t).some((d) => d.values.length > 0));
  const resource = trail && s3DataResources(trail).find((d) => d.values.length > 0);
  if (!trail || !resource?.at) return;
  const named = [...logged].map((b) => `arn:aws:s3:::${b}/`).join(', ');
  // Log buckets are left out: object events of the trails' buckets would log CloudTrail's own writes, and
  // those of access-log buckets S3's log delivery.
  const logBuckets = new Set(model.buckets.map((b) => b.accessLogDestination));
  for (const bucket of model.buckets) {
    if (bucket.trails.length > 0 || bucket.bucketName.provenance === 'unresolved') continue;
    const name = bucketArnName(bucket);
    if (name === undefined || logged.has(name) || logBuckets.has(bucket.arn)) continue;
    const shown = name.startsWith('${') ? bucket.id : `${name} (${bucket.id})`;
    context.report({
      resource: trail,
      value: {
        name: 'Values',
        value: undefined,
        provenance: 'explicit',
        isSet: true,
        at: resource.at,
        related: [{ at: bucket.anchor, message: `bucket ${shown}, not logged` }],
      },
      message: `No trail defined here logs object-level events of bucket ${shown}: this trail's S3 data event selectors name only ${named}. Add the bucket's ARN followed by "/" to the data resource values (or arn:aws:s3 for every bucket), or log it from another trail.`,
      cdk: {
        l2: 'add the bucket: `trail.addS3EventSelector([{ bucket }])`',
        l1: "add the bucket's ARN followed by '/' to the event selector's `dataResources[].values`",
      },
    });
  }
}

/**
 * A template or module that defines buckets but no trail (nor event data store, nor child stack or module
 * that could hold one): nothing it deploys logs those buckets' object events. CIS 3.8/3.9 and peers (trivy
 * AWS-0171/0172) ask it of every bucket; a trail elsewhere may log them, which the message says and the
 * severity (info) allows for. Buckets that receive logs are left out, as above: their object events would
 * log the log deliveries.
 */
function reportBucketsWithoutTrail(model: Model, context: RuleContext): void {
  if (model.live || model.childStacks || model.trails.length > 0 || model.eventDataStores.length > 0) return;
  const receivesLogs = new Set(model.buckets.map((b) => b.accessLogDestination));
  for (const b of logBuckets(model)) receivesLogs.add(b.arn);
  const where = model.format === 'terraform' ? 'module' : model.format === 'cdk' ? 'stack' : 'template';
  for (const bucket of model.buckets) {
    if (receivesLogs.has(bucket.arn) || receivesAccessLogs(bucket)) continue;
    // A statement that could not be read may let CloudTrail or S3's log delivery write: it may hold logs.
    if (bucket.policies.some((p) => p.document?.unreadStatements)) continue;
    const name = bucketArnName(bucket);
    const value = name === undefined || name.startsWith('${') ? 'the bucket ARN' : `arn:aws:s3:::${name}`;
    context.report({
      resource: bucket,
      message: `No trail in this ${where} logs S3 object-level read and write events (data events) of this bucket: who read, wrote or deleted which object is not recorded, unless a trail defined elsewhere (an organization trail, another ${where}) logs them. Log them from the account's trail (a DataResources value ${value}/, or arn:aws:s3 for every bucket); if a trail elsewhere already does, suppress CT008 here.`,
      cdk: {
        l2: "add the bucket to the account's trail: `trail.addS3EventSelector([{ bucket }])`",
        l1: "add the bucket's ARN followed by '/' to the trail's `dataResources[].values`",
      },
    });
  }
}

/** A bucket that receives server access logs: its canned ACL or policy lets S3's log delivery write to it. */
function receivesAccessLogs(bucket: Bucket): boolean {
  if (bucket.acl.value === 'LogDeliveryWrite') return true;
  return bucket.policies.some((p) =>
    p.document?.statements.some(
      (s) => s.effect.value === 'Allow' && (s.principal?.services.includes(S3_LOG_DELIVERY) ?? false),
    ),
  );
}

const S3_LOG_DELIVERY = 'logging.s3.amazonaws.com';

function selectorKey(trail: Trail): string {
  return trail.selectors.kind === 'advanced' ? 'AdvancedEventSelectors' : 'EventSelectors';
}

/** Which S3 object events the trail logs; undefined when a selector value could not be resolved. */
interface Logged {
  read: boolean;
  write: boolean;
  /** The classic selector's ReadWriteType that limits S3 data events to one direction. */
  readWriteType?: Value<string>;
}

function s3DataEvents(trail: Trail): Logged | undefined {
  const out: Logged = { read: false, write: false };
  if (trail.selectors.kind === 'classic') {
    for (const s of trail.selectors.classic) {
      const s3 = s.dataResources.some((d) => d.type === S3_OBJECT);
      if (s.dataResources.some((d) => d.type === undefined)) return undefined;
      if (!s3) continue;
      const type = s.readWriteType.value;
      if (type === undefined) return undefined;
      if (type === 'All' || type === 'ReadOnly') out.read = true;
      if (type === 'All' || type === 'WriteOnly') out.write = true;
      if (type !== 'All') out.readWriteType ??= s.readWriteType;
    }
    if (out.read && out.write) delete out.readWriteType;
    if (!out.read && !out.write) delete out.readWriteType;
    return out;
  }
  for (const s of trail.selectors.advanced) {
    const has = (field: string, value: string): boolean =>
      s.fields.some((f) => f.field === field && f.equals.includes(value));
    if (!has('eventCategory', 'Data') || !has('resources.type', S3_OBJECT)) continue;
    if (s.partial) return undefined;
    // An eventName field selector keeps only some calls (PutObject but not DeleteObject, say).
    if (s.fields.some((f) => f.field === 'eventName')) continue;
    const readOnly = s.fields.find((f) => f.field === 'readOnly')?.equals[0]?.toLowerCase();
    if (readOnly !== 'false') out.read = true;
    if (readOnly !== 'true') out.write = true;
  }
  return out;
}
