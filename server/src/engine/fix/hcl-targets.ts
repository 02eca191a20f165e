// CloudFormation properties → where Terraform writes them: an attribute of the resource's own block
// (a trail's `is_multi_region_trail`), or, for a bucket's settings, the provider v4+ split resource that
// configures the bucket (found by its `bucket` attribute in any file of the module), an old-style inline
// block of the bucket, or a new split resource after the bucket.
import type { HclBlock } from '../source/hcl';
import {
  KEY_SPEC,
  LOG_GROUP_SPEC,
  LOGGING_SPEC,
  PUBLIC_ACCESS_BLOCK_SPEC,
  TRAIL_SPEC,
} from '../terraform/lower-spec';
import { isRef, isSub, type FixPath, type FixValue } from './intents';
import { addNestedBlock, removeAttribute, setAttributes } from './hcl-block';
import type { EditSet } from './hcl-edits';
import type { FixContext, Located } from './hcl-module';
import { expr, formatBlock, resolve, type BlockSpec, type BodyItem, type Resolved } from './hcl-render';
import { sourceText } from './hcl-text';

const invert = (attrs: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(attrs).map(([tf, cfn]) => [cfn, tf]));

/** Properties written as one attribute of the resource's block, per resource type. */
const ATTRIBUTES: Readonly<Record<string, Record<string, string>>> = {
  aws_cloudtrail: invert(TRAIL_SPEC.attrs),
  aws_kms_key: invert(Object.fromEntries(Object.entries(KEY_SPEC.attrs).filter(([tf]) => tf !== 'policy'))),
  aws_cloudwatch_log_group: invert(LOG_GROUP_SPEC.attrs),
};

/** The attribute `['Properties', P]` is written as in the resource's own block, if it is one. */
function propertyAttribute(at: Located, path: FixPath): string | undefined {
  return ownAttribute(at.block.labels[0] ?? '', path);
}

/** The attribute of a resource type's own block that `['Properties', P]` stands for, if it is one. */
export function ownAttribute(type: string, path: FixPath): string | undefined {
  const [props, name, ...rest] = path;
  if (props !== 'Properties' || typeof name !== 'string' || rest.length > 0) return undefined;
  return ATTRIBUTES[type]?.[name];
}

/**
 * `set` of a resource's own attribute as the attribute and its value: undefined when the path is not one,
 * false when the value cannot be written.
 */
export function propertyItem(
  ctx: FixContext,
  at: Located,
  path: FixPath,
  value: FixValue,
): [string, Resolved] | false | undefined {
  const attr = propertyAttribute(at, path);
  if (!attr) return undefined;
  const resolved = resolve(trailValue(ctx, at, path[1] as string, value), ctx);
  return resolved ? [attr, resolved] : false;
}

/** A classic event selector's settings, in the trail's n-th `event_selector` block. */
const SELECTOR = invert(TRAIL_SPEC.blocks?.['event_selector']?.spec.attrs ?? {});

/** `set` or `remove` of `['Properties', 'EventSelectors', n, P]` on a trail. */
function setSelector(
  ctx: FixContext,
  edits: EditSet,
  at: Located,
  path: FixPath,
  value: FixValue | undefined,
): boolean | undefined {
  const [props, selectors, index, name, ...rest] = path;
  if (props !== 'Properties' || selectors !== 'EventSelectors' || typeof index !== 'number') return undefined;
  if (at.block.labels[0] !== 'aws_cloudtrail' || typeof name !== 'string' || rest.length > 0)
    return undefined;
  const attr = SELECTOR[name];
  // A `dynamic "event_selector"` block makes the written blocks' positions meaningless.
  if (!attr || at.block.body.blocks.some((b) => b.type === 'dynamic')) return false;
  const block = at.block.body.blocks.filter((b) => b.type === 'event_selector')[index];
  if (!block) return false;
  const selector = { file: at.file, block };
  if (value === undefined) return removeAttribute(edits, selector, attr);
  const resolved = resolve(value, ctx);
  return resolved !== undefined && setAttributes(edits, selector, [[attr, resolved]]);
}

/** `set` or `remove` (no value) of `['Properties', P]` on a resource's own attribute. */
export function setProperty(
  ctx: FixContext,
  edits: EditSet,
  at: Located,
  path: FixPath,
  value: FixValue | undefined,
): boolean | undefined {
  const selector = setSelector(ctx, edits, at, path, value);
  if (selector !== undefined) return selector;
  if (value === undefined) {
    const attr = propertyAttribute(at, path);
    return attr === undefined ? undefined : removeAttribute(edits, at, attr);
  }
  const item = propertyItem(ctx, at, path, value);
  return item === undefined ? undefined : item !== false && setAttributes(edits, at, [item]);
}

/** CloudTrail wants a log group's ARN with its `:*` suffix, which the provider's `arn` lacks. */
function trailValue(ctx: FixContext, at: Located, name: string, value: FixValue): FixValue {
  if (at.block.labels[0] !== 'aws_cloudtrail' || name !== 'CloudWatchLogsLogGroupArn') return value;
  if (!isRef(value) || value.attribute !== 'Arn') return value;
  const address = ctx.address(value.$ref);
  if (!address?.startsWith('aws_cloudwatch_log_group.')) return value;
  return { $sub: '${' + value.$ref + '.Arn}:*' };
}

/** The split resources of a bucket's settings, with their settings' Terraform names. */
const SETTINGS: Readonly<Record<string, { split: string; names: Record<string, string> }>> = {
  PublicAccessBlockConfiguration: {
    split: 'aws_s3_bucket_public_access_block',
    names: invert(PUBLIC_ACCESS_BLOCK_SPEC.attrs),
  },
  VersioningConfiguration: {
    split: 'aws_s3_bucket_versioning',
    names: { Status: 'status', MfaDelete: 'mfa_delete' },
  },
  LoggingConfiguration: { split: 'aws_s3_bucket_logging', names: invert(LOGGING_SPEC.attrs) },
};

/** `set` of a bucket setting (the whole object, or one key of it). */
export function setBucketSetting(
  ctx: FixContext,
  edits: EditSet,
  bucket: Located,
  path: FixPath,
  value: FixValue,
): boolean | undefined {
  const [props, setting, ...rest] = path;
  const spec = typeof setting === 'string' ? SETTINGS[setting] : undefined;
  if (props !== 'Properties' || !spec || bucket.block.labels[0] !== 'aws_s3_bucket') return undefined;
  // The settings as key → value, whichever depth the path stops at.
  const pairs: [string, FixValue][] = [];
  if (rest.length === 1 && typeof rest[0] === 'string') pairs.push([rest[0], value]);
  else if (
    rest.length === 0 &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !isRef(value) &&
    !isSub(value)
  )
    pairs.push(...Object.entries(value as { readonly [key: string]: FixValue }));
  else return false;
  const versioning = setting === 'VersioningConfiguration';
  const inlineName = versioning ? 'versioning' : setting === 'LoggingConfiguration' ? 'logging' : undefined;
  const inline = inlineName && bucket.block.body.blocks.filter((b) => b.type === inlineName);
  if (inline && inline.length > 1) return false;
  const inlineBlock = inline?.[0];
  if (inlineBlock) {
    // Provider < 4: `versioning { enabled = true, mfa_delete = true }` says it with booleans.
    const items = attributes(
      ctx,
      pairs,
      versioning ? { Status: 'enabled', MfaDelete: 'mfa_delete' } : spec.names,
      versioning,
    );
    return items !== undefined && setAttributes(edits, { file: bucket.file, block: inlineBlock }, items);
  }
  const items = attributes(ctx, pairs, spec.names, false);
  if (!items) return false;
  const splits = splitResources(ctx, bucket, spec.split);
  if (splits === undefined || splits.length > 1) return false;
  const split = splits[0];
  if (split) {
    if (!versioning) return setAttributes(edits, split, items);
    const nested = split.block.body.blocks.filter((b) => b.type === 'versioning_configuration');
    if (nested.length > 1) return false;
    const block = nested[0];
    if (block) return setAttributes(edits, { file: split.file, block }, items);
    return addNestedBlock(edits, split, (indent) => formatBlock(configuration(items), indent));
  }
  const name = ctx.newAddress(spec.split, bucket.block.labels[1] ?? '').split('.')[1] ?? '';
  const body: BodyItem[] = [
    { attr: 'bucket', value: expr(`aws_s3_bucket.${bucket.block.labels[1] ?? ''}.id`) },
    { blank: true },
  ];
  if (versioning) body.push({ block: configuration(items) });
  else body.push(...items.map(([attr, v]): BodyItem => ({ attr, value: v })));
  return addResourceAfter(edits, bucket, [{ header: `resource "${spec.split}" "${name}"`, body }]);
}

function configuration(items: [string, Resolved][]): BlockSpec {
  return { header: 'versioning_configuration', body: items.map(([attr, value]) => ({ attr, value })) };
}

function attributes(
  ctx: FixContext,
  pairs: [string, FixValue][],
  names: Record<string, string>,
  booleans: boolean,
): [string, Resolved][] | undefined {
  const out: [string, Resolved][] = [];
  for (const [key, v] of pairs) {
    const name = names[key];
    const boolean = booleans && typeof v === 'string' ? v === 'Enabled' : v;
    const r = resolve(boolean, ctx);
    if (!name || !r) return undefined;
    out.push([name, r]);
  }
  return out;
}

/** Split resources of a type whose `bucket` names the bucket (by reference or by its literal name). */
function splitResources(ctx: FixContext, bucket: Located, type: string): Located[] | undefined {
  const name = bucket.block.labels[1];
  const bucketName = literalAttr(bucket.block, 'bucket');
  const out: Located[] = [];
  for (const x of ctx.blocks('resource', type)) {
    // `count = 0` declares a resource that is never created: the bucket does not have it.
    const count = x.block.body.attributes.find((a) => a.name === 'count')?.value;
    if (count?.kind === 'literal' && Number(count.value) === 0) continue;
    const b = x.block.body.attributes.find((a) => a.name === 'bucket')?.value;
    const byRef =
      b?.kind === 'reference' &&
      b.path[0] === 'aws_s3_bucket' &&
      b.path[1] === name &&
      ['id', 'bucket'].includes(b.path[2] ?? '');
    const byName = b?.kind === 'literal' && bucketName !== undefined && b.value === bucketName;
    if (!byRef && !byName) continue;
    const one = ctx.block('resource', type, x.block.labels[1] ?? '');
    if (!one) return undefined;
    out.push(one);
  }
  return out;
}

function literalAttr(block: HclBlock, name: string): unknown {
  const v = block.body.attributes.find((a) => a.name === name)?.value;
  return v?.kind === 'literal' ? v.value : undefined;
}

/** New resource blocks after a block, one blank line apart, in the block's file. */
export function addResourceAfter(edits: EditSet, after: Located, blocks: readonly BlockSpec[]): boolean {
  const t = sourceText(after.file);
  if (!t.ownsLines({ start: after.block.start, end: after.block.end })) return false;
  const text = blocks.map((b) => '\n\n' + formatBlock(b, t.indent(after.block.start))).join('');
  edits.add(after.file, after.block.end, after.block.end, text);
  return true;
}
