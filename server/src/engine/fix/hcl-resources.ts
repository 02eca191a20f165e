// New resources of an `add-resources` fix, written as the AWS provider's resources: a KMS key, a log group,
// a role (its inline policies as `aws_iam_role_policy` resources of their own) and a bucket policy.
// Policy documents become `jsonencode({ … })`. Each gets an address derived from its logical id; a
// property the provider spells some other way makes the whole fix inapplicable rather than half-written.
import type { FixValue, NewResource } from './intents';
import type { FixContext } from './hcl-module';
import { expr, resolve, str, type BlockSpec, type BodyItem, type Resolved } from './hcl-render';

interface Kind {
  type: string;
  /** Property → attribute; documents are written through `jsonencode`. */
  attrs: Readonly<Record<string, string>>;
  documents?: Readonly<Record<string, string>>;
}

const KINDS: Readonly<Record<string, Kind>> = {
  'AWS::KMS::Key': {
    type: 'aws_kms_key',
    attrs: { Description: 'description', EnableKeyRotation: 'enable_key_rotation' },
    documents: { KeyPolicy: 'policy' },
  },
  'AWS::Logs::LogGroup': {
    type: 'aws_cloudwatch_log_group',
    attrs: { LogGroupName: 'name', RetentionInDays: 'retention_in_days', KmsKeyId: 'kms_key_id' },
  },
  'AWS::IAM::Role': {
    type: 'aws_iam_role',
    attrs: { RoleName: 'name', Description: 'description' },
    documents: { AssumeRolePolicyDocument: 'assume_role_policy' },
  },
  'AWS::S3::BucketPolicy': {
    type: 'aws_s3_bucket_policy',
    attrs: { Bucket: 'bucket' },
    documents: { PolicyDocument: 'policy' },
  },
};

/** Names the new resources (before rendering any: they may refer to each other). */
export function nameResources(ctx: FixContext, resources: readonly NewResource[]): boolean {
  for (const r of resources) {
    const kind = KINDS[r.type];
    if (!kind) return false;
    ctx.created.set(r.id, ctx.newAddress(kind.type, r.id));
  }
  return true;
}

/** The blocks of the new resources, in order; undefined when one cannot be written. */
export function resourceBlocks(ctx: FixContext, resources: readonly NewResource[]): BlockSpec[] | undefined {
  const out: BlockSpec[] = [];
  for (const r of resources) {
    const kind = KINDS[r.type];
    const address = ctx.created.get(r.id);
    if (!kind || !address) return undefined;
    const [type, name] = address.split('.') as [string, string];
    const body: BodyItem[] = [];
    const policies: BlockSpec[] = [];
    for (const [key, v] of Object.entries(r.properties)) {
      const attr = kind.attrs[key];
      const doc = kind.documents?.[key];
      if (attr || doc) {
        const value = resolve(v, ctx);
        if (!value) return undefined;
        body.push({ attr: (attr ?? doc) as string, value: doc ? jsonencode(value) : value });
      } else if (r.type === 'AWS::IAM::Role' && key === 'Policies' && Array.isArray(v)) {
        for (const p of v as readonly FixValue[]) {
          const policy = rolePolicy(ctx, address, name, p);
          if (!policy) return undefined;
          policies.push(policy);
        }
      } else {
        return undefined;
      }
    }
    const waits = (r.dependsOn ?? []).map((d) => ctx.address(d));
    if (waits.some((d) => d === undefined)) return undefined;
    if (waits.length > 0)
      body.push({ attr: 'depends_on', value: { k: 'list', items: waits.map((d) => expr(d as string)) } });
    out.push({ header: `resource "${type}" "${name}"`, body }, ...policies);
  }
  return out;
}

/** `{ PolicyName, PolicyDocument }` of a role as an `aws_iam_role_policy` of its own. */
function rolePolicy(ctx: FixContext, role: string, roleName: string, p: FixValue): BlockSpec | undefined {
  if (typeof p !== 'object' || Array.isArray(p) || p === null) return undefined;
  const {
    PolicyName: policyName,
    PolicyDocument: document,
    ...other
  } = p as { readonly [key: string]: FixValue };
  if (typeof policyName !== 'string' || document === undefined || Object.keys(other).length > 0)
    return undefined;
  const doc = resolve(document, ctx);
  if (!doc) return undefined;
  const address = ctx.newAddress('aws_iam_role_policy', `${roleName}_${policyName}`);
  ctx.created.set(`${role}#${policyName}`, address);
  return {
    header: `resource "aws_iam_role_policy" "${address.split('.')[1] ?? ''}"`,
    body: [
      { attr: 'name', value: str(policyName) },
      { attr: 'role', value: expr(`${role}.id`) },
      { attr: 'policy', value: jsonencode(doc) },
    ],
  };
}

/** `jsonencode(<value>)`: written as a call whose argument is the HCL object. */
function jsonencode(v: Resolved): Resolved {
  return { k: 'call', name: 'jsonencode', arg: v };
}
