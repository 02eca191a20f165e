// The Terraform (HCL `.tf`) fix writer: a fix intent, said in CloudFormation terms about a lowered resource
// (`aws_cloudtrail.main`, `aws_s3_bucket.logs#policy`), as the smallest edits of the module's files. Pure:
// the caller reads the files (hcl-reader.ts) and applies the edits. Whatever cannot be edited cleanly (a
// value held in a variable, a `file()`, a resource declared twice, a block being typed) gives undefined,
// never a guess. The mapping lives in hcl-targets.ts (attributes, bucket settings), hcl-policy*.ts
// (documents) and hcl-resources.ts (new resources); layout in hcl-block.ts, hcl-align.ts and hcl-lists.ts.
import type { HclBody, HclExpr } from '../source/hcl';
import { innerExpressions } from '../source/hcl-walk';
import { ATTACHMENTS } from '../terraform/lower-spec';
import type { FileEdit, FixIntent, FixPath, FixValue } from './intents';
import { isRef } from './intents';
import { setAttributes } from './hcl-block';
import { EditSet } from './hcl-edits';
import { appendItem } from './hcl-lists';
import { FixContext, type HclModuleFile, type Located } from './hcl-module';
import { editPolicy } from './hcl-policy';
import { expr, formatBlock, formatHcl, resolve, type BlockSpec, type Resolved } from './hcl-render';
import { nameResources, resourceBlocks } from './hcl-resources';
import { addResourceAfter, propertyItem, setBucketSetting, setProperty } from './hcl-targets';
import { sourceText } from './hcl-text';

export type { HclModuleFile } from './hcl-module';

/** `home`: the file of the finding (where new blocks go when nothing else decides). */
export function hclFixEdits(
  files: readonly HclModuleFile[],
  intent: FixIntent,
  home: string,
): FileEdit[] | undefined {
  const ctx = new FixContext(files, home);
  const edits = new EditSet(files.map((f) => f.file));
  if (!apply(ctx, edits, intent) || !ctx.addDataSources(edits)) return undefined;
  return edits.result();
}

function apply(ctx: FixContext, edits: EditSet, intent: FixIntent): boolean {
  switch (intent.kind) {
    case 'set':
      return set(ctx, edits, intent.resource, intent.path, intent.value);
    case 'remove': {
      const at = ctx.resource(intent.resource);
      return at !== undefined && setProperty(ctx, edits, at, intent.path, undefined) === true;
    }
    case 'append':
      if (intent.path.length === 1 && intent.path[0] === 'DependsOn')
        return dependsOn(ctx, edits, intent.resource, intent.value);
      return editPolicy(ctx, edits, intent.resource, intent.path, 'append', intent.value);
    case 'replace':
      // Two steps name a managed policy list; deeper paths reach into a policy document (IAM002's Action).
      if (intent.path.length === 2)
        return replaceArn(ctx, edits, intent.resource, intent.path, intent.from, intent.to);
      return editPolicy(ctx, edits, intent.resource, intent.path, 'replace', intent.to, intent.from);
    case 'add-resources':
      return addResources(ctx, edits, intent);
  }
}

function set(ctx: FixContext, edits: EditSet, resource: string, path: FixPath, value: FixValue): boolean {
  if (resource.includes('#')) return editPolicy(ctx, edits, resource, path, 'set', value);
  const at = ctx.resource(resource);
  if (!at) return false;
  return (
    setProperty(ctx, edits, at, path, value) ??
    setBucketSetting(ctx, edits, at, path, value) ??
    editPolicy(ctx, edits, resource, path, 'set', value)
  );
}

/**
 * `depends_on` gains the resource, unless the block refers to it already (Terraform then orders them
 * itself). A bucket's inline policy (`#policy`) is applied with its bucket: waiting for the bucket is enough.
 */
function dependsOn(ctx: FixContext, edits: EditSet, resource: string, value: FixValue): boolean {
  const at = ctx.resource(resource);
  const id = typeof value === 'string' ? value : isRef(value) ? value.$ref : undefined;
  const address = id === undefined ? undefined : ctx.address(id.split('#')[0] ?? '');
  if (!at || !address) return false;
  const [type, name] = address.split('.');
  if (references(at.block.body).some((p) => p[0] === type && p[1] === name)) return true;
  const existing = at.block.body.attributes.find((a) => a.name === 'depends_on');
  if (!existing) return setAttributes(edits, at, [['depends_on', { k: 'list', items: [expr(address)] }]]);
  if (existing.value.kind !== 'tuple') return false;
  appendItem(at.file, edits, existing.value, existing.value.items, () => address);
  return true;
}

/** The paths of every reference written in a body, nested blocks included. */
function references(body: HclBody): string[][] {
  const out: string[][] = [];
  const walk = (e: HclExpr): void => {
    if (e.kind === 'reference') out.push(e.path);
    else innerExpressions(e).forEach(walk);
  };
  const visit = (b: HclBody): void => {
    b.attributes.forEach((a) => walk(a.value));
    b.blocks.forEach((x) => visit(x.body));
  };
  visit(body);
  return out;
}

/** The managed policy ARN of an attachment, or an item of a role's `managed_policy_arns`, replaced. */
function replaceArn(
  ctx: FixContext,
  edits: EditSet,
  resource: string,
  path: FixPath,
  from: string,
  to: FixValue,
): boolean {
  const at = ctx.resource(resource);
  const value = resolve(to, ctx);
  const list = path[1];
  if (!at || !value || path.length !== 2 || path[0] !== 'Properties') return false;
  if (list !== 'ManagedPolicyArns' && list !== 'ManagedPolicies') return false;
  const type = at.block.labels[0] ?? '';
  const attrs = at.block.body.attributes;
  const t = sourceText(at.file);
  let target: HclExpr | undefined;
  if (ATTACHMENTS[type] || type === 'aws_ssoadmin_managed_policy_attachment') {
    const name = ATTACHMENTS[type] ? 'policy_arn' : 'managed_policy_arn';
    const arn = attrs.find((a) => a.name === name)?.value;
    target = arn && sameArn(arn, from) ? arn : undefined;
  } else if (type === 'aws_iam_role') {
    const list = attrs.find((a) => a.name === 'managed_policy_arns')?.value;
    target = list?.kind === 'tuple' ? list.items.find((x) => sameArn(x, from)) : undefined;
  }
  if (!target) return false;
  edits.add(at.file, target.start, target.end, formatHcl(value, t.indent(target.start)));
  return true;
}

/** Whether an ARN as written is `arn`, whatever partition it names (literally or through `aws_partition`). */
function sameArn(e: HclExpr, arn: string): boolean {
  const anyPartition = (s: string): string =>
    s.replace(/^arn:aws[a-z-]*:/, 'arn:aws:').replace(/^arn:\$\{AWS::Partition\}:/, 'arn:aws:');
  if (e.kind === 'literal') return typeof e.value === 'string' && anyPartition(e.value) === anyPartition(arn);
  if (e.kind !== 'template') return false;
  let text = '';
  for (const p of e.parts) {
    if (typeof p === 'string') text += p;
    else if (
      p.kind === 'reference' &&
      p.path[0] === 'data' &&
      p.path[1] === 'aws_partition' &&
      p.path[3] === 'partition'
    )
      text += 'aws';
    else return false;
  }
  return anyPartition(text) === anyPartition(arn);
}

/**
 * New resources go after the block of the resource the follow-up intents are about (the trail that will
 * use the key), else at the end of the home file; then the follow-ups apply, naming them by address.
 */
function addResources(
  ctx: FixContext,
  edits: EditSet,
  intent: Extract<FixIntent, { kind: 'add-resources' }>,
): boolean {
  if (!nameResources(ctx, intent.resources)) return false;
  const blocks = resourceBlocks(ctx, intent.resources);
  if (!blocks) return false;
  const about = intent.then
    .map((t) => ('resource' in t ? t.resource.split('#')[0] : undefined))
    .find((r) => r !== undefined);
  const anchor: Located | undefined = about === undefined ? undefined : ctx.resource(about);
  if (anchor ? !addResourceAfter(edits, anchor, blocks) : !addAtEnd(ctx, edits, blocks)) return false;
  return thenIntents(ctx, edits, intent.then);
}

/**
 * The follow-ups of new resources. Attributes set on one block are set together: each alone would align
 * its line against the block as it was, and two new lines in one group would disagree.
 */
function thenIntents(ctx: FixContext, edits: EditSet, intents: readonly FixIntent[]): boolean {
  const batches = new Map<string, { at: Located; items: [string, Resolved][] }>();
  const others: FixIntent[] = [];
  for (const t of intents) {
    const at = t.kind === 'set' ? ctx.resource(t.resource) : undefined;
    const item = at && t.kind === 'set' ? propertyItem(ctx, at, t.path, t.value) : undefined;
    if (item === false) return false;
    if (!at || !item || t.kind !== 'set') {
      others.push(t);
      continue;
    }
    const batch = batches.get(t.resource) ?? { at, items: [] };
    batch.items.push(item);
    batches.set(t.resource, batch);
  }
  for (const { at, items } of batches.values()) if (!setAttributes(edits, at, items)) return false;
  return others.every((t) => apply(ctx, edits, t));
}

function addAtEnd(ctx: FixContext, edits: EditSet, blocks: readonly BlockSpec[]): boolean {
  const file = ctx.files.find((f) => f.file === ctx.home);
  if (!file) return false;
  const text = file.text;
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  edits.add(file, text.length, text.length, lead + blocks.map((b) => formatBlock(b, '') + '\n').join('\n'));
  return true;
}
