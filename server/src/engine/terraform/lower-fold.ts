// Folding what the provider writes in separate resources into the resource it configures (the split S3
// resources into their bucket, `aws_kms_key_policy` into its key), and what a module cannot see (a policy on
// an unresolvable bucket, what a child module is given) into unknowns that no rule counts as a violation.
import { PUBLIC_ACCESS_SETTINGS } from '../model/types';
import { mapNode, scalarNode, type MapEntry, type SourceNode } from '../source/node';
import type { HclExpr } from '../source/hcl';
import { BodyView } from './body';
import { addressOf, type TfConfig, type TfResource } from './config';
import type { ModuleScope } from './lower-expr';
import {
  aclValue,
  lifecycle,
  logging,
  objectLock,
  PropertyWriter,
  publicAccessBlock,
  versioningEntries,
  type LoweredResource,
} from './lower-resources';
import { SPLIT_S3 } from './lower-spec';
import { eachReference } from './references';

/** `Ref` to a bucket, placed on the resource that names it. */
export function bucketRef(w: PropertyWriter, id: string, r: TfResource): SourceNode {
  const b = w.base(r.file);
  const s = b + r.header.start;
  const e = b + r.header.end;
  return mapNode([{ key: scalarNode('Ref', s, s), value: scalarNode(id, s, e) }], s, e);
}

/** Folds each split S3 resource into its bucket; an unresolvable bucket makes that setting unknown on all. */
export function foldSplitResources(
  w: PropertyWriter,
  sources: Map<string, TfResource>,
  out: Map<string, LoweredResource>,
  scope: ModuleScope,
  broken: (r: TfResource) => boolean,
): void {
  const buckets = [...out.values()].filter((x) => x.type === 'AWS::S3::Bucket');
  const unresolved = new Map<string, TfResource>();
  for (const r of sources.values()) {
    if (r.mode !== 'resource' || !(SPLIT_S3 as readonly string[]).includes(r.type)) continue;
    const view = new BodyView(r.body);
    const target = targetBucket(w, view, r, buckets, out, scope);
    const entries = splitEntries(w, view, r);
    if (target !== undefined && target !== 'unresolved' && broken(r)) {
      // Being typed: what it will say is not there yet, so its settings are unknown, not false.
      const span = w.whole(r);
      for (const e of entries) {
        if (target.props.some((p) => p.key.value === e.key.value)) continue;
        target.props.push({
          key: e.key,
          value: w.ex.unknown(`${addressOf(r)}, which is being typed`, span.start, span.end),
        });
      }
      continue;
    }
    if (target === 'unresolved') {
      // A block that turns all four settings on leaves whichever bucket it is for as S3's default does.
      if (r.type === 'aws_s3_bucket_public_access_block' && entries.every(allSettingsOn)) continue;
      for (const e of entries) unresolved.set(String(e.key.value), r);
      continue;
    }
    if (!target) continue;
    for (const e of entries) {
      const existing = target.props.find((p) => p.key.value === e.key.value);
      if (!existing) target.props.push(e);
      else if (e.key.value === 'ObjectLockEnabled') continue;
    }
  }
  for (const [name, r] of unresolved) {
    const span = w.whole(r);
    for (const b of buckets) {
      if (b.props.some((p) => p.key.value === name)) continue;
      b.props.push({
        key: w.key(name, r.header, r),
        value: w.ex.unknown(
          `${addressOf(r)}, whose bucket trail-lint could not resolve`,
          span.start,
          span.end,
        ),
      });
    }
  }
}

/** A PublicAccessBlockConfiguration entry that sets all four settings to a literal true. */
function allSettingsOn(e: MapEntry): boolean {
  const settings = e.value?.kind === 'map' ? e.value.entries : [];
  return PUBLIC_ACCESS_SETTINGS.every((name) => {
    const v = settings.find((x) => x.key.value === name)?.value;
    return v?.kind === 'scalar' && (v.value === true || v.value === 'true');
  });
}

/** What a bucket's settings may be written by, outside what the module shows. */
const BUCKET_SETTINGS = [
  'PublicAccessBlockConfiguration',
  'VersioningConfiguration',
  'LoggingConfiguration',
  'ObjectLockConfiguration',
  'LifecycleConfiguration',
];

/**
 * Settings written where the module cannot see: a bucket policy whose bucket cannot be resolved may be any
 * bucket's; a bucket, log group or key passed to a child module may get its policy, settings or metric
 * filters there. Each becomes unknown (a possible policy, a possible filter), never absent.
 */
export function elsewhere(
  w: PropertyWriter,
  config: TfConfig,
  out: Map<string, LoweredResource>,
  scope: ModuleScope,
  add: (id: string, type: string, source: TfResource, props: MapEntry[]) => LoweredResource,
): boolean {
  const buckets = [...out.values()].filter((x) => x.type === 'AWS::S3::Bucket');
  let anyPolicy = false;
  const possiblePolicy = (bucket: LoweredResource, why: string): void => {
    const id = `${bucket.id}#possible-policy`;
    anyPolicy = true;
    if (out.has(id)) return;
    const span = w.whole(bucket.source);
    add(id, 'AWS::S3::BucketPolicy', bucket.source, [
      { key: scalarNode('Bucket', span.start, span.start), value: bucketRef(w, bucket.id, bucket.source) },
      {
        key: w.key('PolicyDocument', bucket.source.header, bucket.source),
        value: w.ex.unknown(why, span.start, span.end),
      },
    ]);
  };
  for (const policy of [...out.values()].filter((x) => x.type === 'AWS::S3::BucketPolicy')) {
    const target = policy.props.find((p) => p.key.value === 'Bucket')?.value;
    if (!target || linksBucket(target, out)) continue;
    for (const b of buckets)
      possiblePolicy(b, `${addressOf(policy.source)}, whose bucket trail-lint could not resolve`);
  }
  for (const call of config.moduleCalls) {
    for (const id of referencedIds(
      call.attributes.map((a) => a.value),
      scope,
      call.file,
    )) {
      const target = out.get(id);
      if (!target) continue;
      const why = `module "${call.name}", which may set it`;
      const span = w.whole(target.source);
      if (target.type === 'AWS::S3::Bucket') {
        possiblePolicy(target, why);
        for (const name of BUCKET_SETTINGS) {
          if (target.props.some((p) => p.key.value === name)) continue;
          target.props.push({
            key: w.key(name, target.source.header, target.source),
            value: w.ex.unknown(why, span.start, span.end),
          });
        }
      } else if (target.type === 'AWS::KMS::Key' && !target.props.some((p) => p.key.value === 'KeyPolicy')) {
        target.props.push({
          key: w.key('KeyPolicy', target.source.header, target.source),
          value: w.ex.unknown(why, span.start, span.end),
        });
      } else if (target.type === 'AWS::Logs::LogGroup' && !out.has(`${id}#possible-filter`)) {
        const group = mapNode(
          [{ key: scalarNode('Ref', span.start, span.start), value: scalarNode(id, span.start, span.end) }],
          span.start,
          span.end,
        );
        add(`${id}#possible-filter`, 'AWS::Logs::MetricFilter', target.source, [
          { key: scalarNode('LogGroupName', span.start, span.start), value: group },
          {
            key: w.key('FilterPattern', target.source.header, target.source),
            value: w.ex.unknown(why, span.start, span.end),
          },
        ]);
      }
    }
  }
  return anyPolicy;
}

/** Whether a bucket policy's `Bucket` names a bucket of the module, or a literal name (a bucket elsewhere). */
function linksBucket(node: SourceNode, out: ReadonlyMap<string, LoweredResource>): boolean {
  if (node.kind === 'scalar') return true;
  const only = node.kind === 'map' && node.entries.length === 1 ? node.entries[0] : undefined;
  const ref =
    only?.key.value === 'Ref' && only.value?.kind === 'scalar' ? String(only.value.value) : undefined;
  return ref !== undefined && out.get(ref)?.type === 'AWS::S3::Bucket';
}

/** Resources of the module that expressions refer to. */
function referencedIds(exprs: HclExpr[], scope: ModuleScope, file: string): Set<string> {
  const found = new Set<string>();
  for (const e of exprs) {
    eachReference(e, scope, '', ([head, second]) => {
      const id =
        head && second !== undefined ? scope.resourceId('', 'resource', head, second, file) : undefined;
      if (id) found.add(id);
    });
  }
  return found;
}

/** `aws_kms_key_policy` (provider v4+) writes its key's policy; an unresolvable key makes every key's unknown. */
export function foldKeyPolicies(
  w: PropertyWriter,
  sources: Map<string, TfResource>,
  out: Map<string, LoweredResource>,
  scope: ModuleScope,
): void {
  const keys = [...out.values()].filter((x) => x.type === 'AWS::KMS::Key');
  for (const r of sources.values()) {
    if (r.mode !== 'resource' || r.type !== 'aws_kms_key_policy') continue;
    const view = new BodyView(r.body);
    const policy = view.attr('policy');
    const keyRef = view.attr('key_id')?.value;
    const name =
      keyRef?.kind === 'reference' && keyRef.path[0] === 'aws_kms_key' ? keyRef.path[1] : undefined;
    const id =
      name === undefined ? undefined : scope.resourceId(r.module, 'resource', 'aws_kms_key', name, r.file);
    const found = id === undefined ? undefined : out.get(id);
    const target = found?.type === 'AWS::KMS::Key' ? found : undefined;
    const span = w.whole(r);
    const value = policy
      ? w.value(policy.value, r)
      : w.ex.unknown('a policy that is not written', span.start, span.end);
    const entry = { key: w.key('KeyPolicy', policy?.nameSpan ?? r.header, r), value };
    if (target) {
      if (!target.props.some((p) => p.key.value === 'KeyPolicy')) target.props.push(entry);
      continue;
    }
    for (const k of keys) {
      if (k.props.some((p) => p.key.value === 'KeyPolicy')) continue;
      k.props.push({
        key: entry.key,
        value: w.ex.unknown(`${addressOf(r)}, whose key trail-lint could not resolve`, span.start, span.end),
      });
    }
  }
}

function targetBucket(
  w: PropertyWriter,
  view: BodyView,
  r: TfResource,
  buckets: LoweredResource[],
  out: ReadonlyMap<string, LoweredResource>,
  scope: ModuleScope,
): LoweredResource | 'unresolved' | undefined {
  const bucket = view.attr('bucket');
  if (!bucket) return 'unresolved';
  const e = bucket.value;
  if (e.kind === 'reference' && e.path[0] === 'aws_s3_bucket' && e.path[1] !== undefined) {
    const id = scope.resourceId(r.module, 'resource', 'aws_s3_bucket', e.path[1], r.file);
    // By id, not by a scan of the buckets: a scan per split resource was quadratic in the module's size.
    const found = id === undefined ? undefined : out.get(id);
    return found?.type === 'AWS::S3::Bucket' ? found : 'unresolved';
  }
  const node = w.value(e, r);
  if (node.kind !== 'scalar') return 'unresolved';
  // A literal name: the bucket of this module with that name, else a bucket elsewhere (not ours to judge).
  return buckets.find((b) => {
    const name = b.props.find((p) => p.key.value === 'BucketName')?.value;
    return name?.kind === 'scalar' && name.value === node.value;
  });
}

function splitEntries(w: PropertyWriter, view: BodyView, r: TfResource): MapEntry[] {
  switch (r.type) {
    case 'aws_s3_bucket_versioning': {
      const v = w.block(view, 'versioning_configuration', 'VersioningConfiguration', r, (b) =>
        versioningEntries(w, b, r, true),
      );
      return v ? [v] : [];
    }
    case 'aws_s3_bucket_public_access_block':
      return [publicAccessBlock(w, r)];
    case 'aws_s3_bucket_logging':
      return [logging(w, view, r.header, r.at, r)];
    case 'aws_s3_bucket_acl': {
      const acl = view.attr('acl');
      if (acl) return [{ key: w.key('AccessControl', acl.nameSpan, r), value: aclValue(w, acl.value, r) }];
      const span = w.whole(r);
      return [
        {
          key: w.key('AccessControl', r.header, r),
          value: w.ex.unknown('grants in access_control_policy', span.start, span.end),
        },
      ];
    }
    case 'aws_s3_bucket_object_lock_configuration': {
      const enabled = view.attr('object_lock_enabled');
      const lock = objectLock(w, view, r.header, r.at, r);
      const key = w.key('ObjectLockEnabled', enabled?.nameSpan ?? r.header, r);
      return [
        lock,
        {
          key,
          value: enabled
            ? w.mapped(enabled.value, r, (x) => x === 'Enabled')
            : scalarNode(true, key.start, key.end),
        },
      ];
    }
    case 'aws_s3_bucket_lifecycle_configuration': {
      const rules = lifecycle(w, view, 'rule', r.header, r.at, r);
      return rules ? [rules] : [];
    }
    default:
      return [];
  }
}
