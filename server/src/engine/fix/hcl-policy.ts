// Policy documents of Terraform resources: where a lowered resource's document is written (a `policy`
// attribute, a bucket's inline policy, an `aws_kms_key_policy`), and the edit for each way of writing it:
// `jsonencode({ … })` (edited as HCL objects and tuples), JSON in a heredoc or a quoted string
// (hcl-policy-json.ts), or an `aws_iam_policy_document` data source (hcl-policy-doc.ts). An item of a list
// replaced in HCL is hcl-policy-replace.ts's.
import type { HclAttribute, HclExpr } from '../source/hcl';
import { POLICY_HOLDERS } from '../terraform/lower-spec';
import type { FixPath, FixValue } from './intents';
import { objectEntry } from './hcl-align';
import { editable } from './hcl-block';
import type { EditSet, EditTarget } from './hcl-edits';
import { appendItem, insertEntry } from './hcl-lists';
import type { FixContext, Located } from './hcl-module';
import { editDocumentSource } from './hcl-policy-doc';
import { editJsonDocument, nest, type DocEdit } from './hcl-policy-json';
import { replaceHclItem } from './hcl-policy-replace';
import { formatHcl, hclKey, resolve, type Resolved } from './hcl-render';
import { sourceText } from './hcl-text';

/** The CloudFormation property that holds the document, and the Terraform attribute, per resource type. */
const DOCUMENTS: Readonly<Record<string, [string, string]>> = {
  aws_s3_bucket_policy: ['PolicyDocument', 'policy'],
  aws_kms_key: ['KeyPolicy', 'policy'],
  aws_iam_role: ['AssumeRolePolicyDocument', 'assume_role_policy'],
  aws_ssoadmin_permission_set_inline_policy: ['InlinePolicy', 'inline_policy'],
  ...Object.fromEntries(Object.keys(POLICY_HOLDERS).map((t) => [t, ['PolicyDocument', 'policy']])),
};

interface PolicySite {
  at: Located;
  attr: HclAttribute;
  /** The path inside the document: `['Statement']`, `['Statement', 1, 'Condition', …]`. */
  rest: FixPath;
}

/** The document a lowered resource's path reaches into; undefined when it is not written in the module. */
function policySite(ctx: FixContext, resource: string, path: FixPath): PolicySite | undefined {
  const [id = '', suffix] = resource.split('#');
  let at = ctx.resource(id);
  const type = at?.block.labels[0] ?? '';
  if (at && suffix === undefined && type === 'aws_iam_role' && path[1] === 'Policies')
    return inlinePolicySite(at, path);
  const doc: [string, string] | undefined =
    suffix === undefined
      ? DOCUMENTS[type]
      : suffix === 'policy' && type === 'aws_s3_bucket'
        ? ['PolicyDocument', 'policy']
        : undefined;
  if (!at || !doc || path[0] !== 'Properties' || path[1] !== doc[0]) return undefined;
  let attr = at.block.body.attributes.find((a) => a.name === doc[1]);
  if (!attr && type === 'aws_kms_key') {
    // Provider v4+: the key's policy may be its own resource.
    const name = at.block.labels[1];
    const holders = ctx.blocks('resource', 'aws_kms_key_policy').filter((x) => {
      const key = x.block.body.attributes.find((a) => a.name === 'key_id')?.value;
      return key?.kind === 'reference' && key.path[0] === 'aws_kms_key' && key.path[1] === name;
    });
    const holder = holders.length === 1 ? holders[0] : undefined;
    at = holder && ctx.block('resource', 'aws_kms_key_policy', holder.block.labels[1] ?? '');
    attr = at?.block.body.attributes.find((a) => a.name === 'policy');
  }
  return at && attr && { at, attr, rest: path.slice(2) };
}

/**
 * The `policy` of a role's N-th `inline_policy` block: the role's `Policies` item N, as lowered. Blocks
 * written as an attribute or through `dynamic` are not counted here.
 */
function inlinePolicySite(at: Located, path: FixPath): PolicySite | undefined {
  const [, , index, key] = path;
  const body = at.block.body;
  if (path[0] !== 'Properties' || typeof index !== 'number' || key !== 'PolicyDocument') return undefined;
  const dynamic = body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'inline_policy');
  if (dynamic || body.attributes.some((a) => a.name === 'inline_policy' || a.name === 'dynamic'))
    return undefined;
  const block = body.blocks.filter((b) => b.type === 'inline_policy')[index];
  const attr = block?.body.attributes.find((a) => a.name === 'policy');
  return attr && { at, attr, rest: path.slice(4) };
}

/**
 * Appends a statement (`path` ends at `Statement`), sets a value inside the document, or replaces the item
 * `from` of a list in it (`to` spliced in). A resource without a written document gets none: an added
 * document would replace the default one (a key's).
 */
export function editPolicy(
  ctx: FixContext,
  edits: EditSet,
  resource: string,
  path: FixPath,
  kind: DocEdit['kind'],
  value: FixValue,
  from?: string,
): boolean {
  const site = policySite(ctx, resource, path);
  const resolved = resolve(value, ctx);
  if (!site || !resolved || (kind === 'replace' && from === undefined)) return false;
  const op: DocEdit =
    kind === 'replace' ? { kind, from: from ?? '', value: resolved } : { kind, value: resolved };
  const e = site.attr.value;
  if (e.kind === 'call' && e.name === 'jsonencode' && e.args.length === 1 && e.args[0]?.kind === 'object') {
    return editHclDocument(site.at.file, edits, e.args[0], site.rest, op);
  }
  if (
    e.kind === 'reference' &&
    e.path[0] === 'data' &&
    e.path[1] === 'aws_iam_policy_document' &&
    e.path[3] === 'json'
  ) {
    const data = ctx.block('data', 'aws_iam_policy_document', e.path[2] ?? '');
    return data !== undefined && editDocumentSource(ctx, edits, data, site.rest, kind, value, from);
  }
  return editJsonDocument(site.at.file, edits, e, site.rest, op);
}

type Walked =
  { expr: HclExpr } | { missing: Extract<HclExpr, { kind: 'object' }>; key: string; rest: FixPath };

function walk(e: HclExpr, path: FixPath): Walked | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return { expr: e };
  if (typeof head === 'string') {
    if (e.kind !== 'object') return undefined;
    const entry = e.entries.find((x) => x.key === head);
    return entry ? walk(entry.value, rest) : { missing: e, key: head, rest };
  }
  if (e.kind === 'tuple') {
    const item = e.items[head];
    return item && walk(item, rest);
  }
  return e.kind === 'object' && head === 0 ? walk(e, rest) : undefined;
}

/** The document inside `jsonencode(…)`, edited as HCL: objects get `Key = value` lines, tuples items. */
function editHclDocument(
  target: EditTarget,
  edits: EditSet,
  doc: HclExpr,
  path: FixPath,
  op: DocEdit,
): boolean {
  if (op.kind === 'replace') {
    const key = path[path.length - 1];
    const holder = walk(doc, path.slice(0, -1));
    const object = holder && 'expr' in holder && holder.expr.kind === 'object' ? holder.expr : undefined;
    const entry = typeof key === 'string' ? object?.entries.find((x) => x.key === key) : undefined;
    if (!object || !entry) return false;
    const entries = object.entries.map(objectEntry);
    return replaceHclItem(target, edits, entry.value, op.from, op.value, entries, objectEntry(entry));
  }
  const found = walk(doc, path);
  if (!found) return false;
  const t = sourceText(target);
  const render =
    (v: Resolved) =>
    (indent: string): string =>
      formatHcl(v, indent);
  if ('missing' in found) {
    const nested = nest(found.rest, op.value, op.kind === 'append');
    if (!nested) return false;
    const entries = found.missing.entries.map(objectEntry);
    return insertEntry(target, edits, found.missing, entries, hclKey(found.key), render(nested), 'hcl');
  }
  const e = found.expr;
  if (op.kind === 'set') {
    if (!editable(e)) return false;
    edits.add(target, e.start, e.end, formatHcl(op.value, t.indent(e.start)));
    return true;
  }
  if (e.kind === 'tuple') {
    appendItem(target, edits, e, e.items, render(op.value));
    return true;
  }
  if (e.kind !== 'object') return false;
  // A single statement written without its list: it becomes the first item of one.
  edits.add(target, e.start, e.start, '[');
  edits.add(target, e.end, e.end, ', ' + formatHcl(op.value, t.indent(e.start)) + ']');
  return true;
}
