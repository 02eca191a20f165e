// After the CloudFormation adapter has read a lowered module: Terraform's names, types and defaults go back
// into the model, so that messages speak the language of the file (`is_multi_region_trail`, `var.x`), and
// what CloudFormation cannot express but Terraform can (MFA delete) is read.
import { nested } from '../cfn/adapt-storage';
import type { CfnTemplate } from '../cfn/template';
import type { ValueReader } from '../cfn/values';
import type { Model, PolicyDocument, Value } from '../model/types';
import type { TfResource } from './config';
import { INLINE_POLICY } from './lower';
import {
  ALIAS_SPEC,
  CANNED_ACL,
  EVENT_DATA_STORE_SPEC,
  KEY_SPEC,
  LOG_GROUP_SPEC,
  METRIC_FILTER_SPEC,
  PUBLIC_ACCESS_BLOCK_SPEC,
  TRAIL_SPEC,
  type Spec,
} from './lower-spec';

/** CloudFormation property name → the Terraform attribute (or resource) that says the same. */
const NAMES = new Map<string, string>([
  ['BucketName', 'bucket'],
  ['BucketNamePrefix', 'bucket_prefix'],
  ['AccessControl', 'acl'],
  ['ObjectLockEnabled', 'object_lock_enabled'],
  ['VersioningConfiguration.Status', 'versioning_configuration.status'],
  ['VersioningConfiguration.MfaDelete', 'versioning_configuration.mfa_delete'],
  ['PublicAccessBlockConfiguration', 'aws_s3_bucket_public_access_block'],
  ['LoggingConfiguration', 'aws_s3_bucket_logging'],
  [
    'ObjectLockConfiguration.Rule.DefaultRetention',
    'aws_s3_bucket_object_lock_configuration rule.default_retention',
  ],
  ['LifecycleConfiguration.Rules', 'aws_s3_bucket_lifecycle_configuration rule'],
  ['ExpirationInDays', 'expiration.days'],
  ['NoncurrentVersionExpirationInDays', 'noncurrent_version_expiration.noncurrent_days'],
  ['ManagedPolicyArns', 'policy_arn'],
  ['PolicyDocument', 'policy'],
  ['InlinePolicy', 'inline_policy'],
  ['EventSelectors', 'event_selector'],
  ['AdvancedEventSelectors', 'advanced_event_selector'],
  ['InsightSelectors', 'insight_selector'],
]);
for (const spec of [
  TRAIL_SPEC,
  EVENT_DATA_STORE_SPEC,
  KEY_SPEC,
  ALIAS_SPEC,
  LOG_GROUP_SPEC,
  METRIC_FILTER_SPEC,
  PUBLIC_ACCESS_BLOCK_SPEC,
])
  addNames(spec);

function addNames(spec: Spec): void {
  for (const [tf, cfn] of Object.entries(spec.attrs)) if (!NAMES.has(cfn)) NAMES.set(cfn, tf);
  for (const [tf, nested] of Object.entries(spec.blocks ?? {})) {
    if (!NAMES.has(nested.to)) NAMES.set(nested.to, tf);
    addNames(nested.spec);
  }
}

export function terraformName(cfn: string): string {
  return NAMES.get(cfn) ?? cfn;
}

/** `parameter var.x` (what the resolver says of a lowered variable) → `variable "x"`. */
function variableWording(text: string): string {
  // Most notes name no variable: no scan by the expression.
  if (!text.includes('parameter var.')) return text;
  return text.replace(/parameter var\.([\w-]+)/g, 'variable "$1"');
}

function rename(v: Value<unknown>): void {
  v.name = terraformName(v.name);
  if (v.note) v.note = variableWording(v.note);
  for (const r of v.related ?? []) r.message = variableWording(r.message);
}

function renameDocument(doc: PolicyDocument | undefined): void {
  for (const s of doc?.statements ?? []) {
    // List by list, not spread into one array per statement.
    renameNote(s.effect);
    s.actions.forEach(renameNote);
    s.notActions?.forEach(renameNote);
    s.resources.forEach(renameNote);
    s.notResources?.forEach(renameNote);
  }
}

function renameNote(v: Value<unknown>): void {
  if (v.note) v.note = variableWording(v.note);
}

export function finishTerraformModel(
  model: Model,
  template: CfnTemplate,
  reader: ValueReader,
  sources: ReadonlyMap<string, TfResource>,
  unordered: ReadonlySet<string> = new Set(),
): void {
  model.format = 'terraform';
  const typeOf = (id: string, fallback: string): string =>
    sources.get(id.replace(INLINE_POLICY, ''))?.type ?? fallback;
  for (const t of model.trails) {
    t.type = typeOf(t.id, t.type);
    // What the trail waits for cannot be known: no rule judges its creation order.
    if (unordered.has(t.id)) t.dependsOn = undefined;
    // enable_logging defaults to true in the provider; CloudFormation requires IsLogging.
    if (t.isLogging.isSet === false) t.isLogging = { ...t.isLogging, value: true, provenance: 'default' };
    for (const v of [
      t.name,
      t.isMultiRegion,
      t.includeGlobalServiceEvents,
      t.logFileValidation,
      t.kmsKeyId,
      t.cloudWatchLogsLogGroupArn,
      t.cloudWatchLogsRoleArn,
      t.isLogging,
      t.s3BucketName,
      t.s3KeyPrefix,
      t.isOrganizationTrail,
      t.insightSelectors,
    ])
      rename(v);
    for (const s of t.selectors.classic)
      [s.readWriteType, s.includeManagementEvents, s.excludedSources].forEach(rename);
  }
  for (const s of model.eventDataStores) {
    s.type = typeOf(s.id, s.type);
    rename(s.kmsKeyId);
  }
  for (const b of model.buckets) {
    b.type = typeOf(b.id, b.type);
    const props = template.resources.get(b.id)?.properties;
    // Terraform can turn MFA delete on (versioning_configuration.mfa_delete, or versioning.mfa_delete).
    b.mfaDelete = nested(reader, props, 'VersioningConfiguration', 'MfaDelete', (m, n) =>
      reader.bool(m, n, false),
    );
    for (const v of [
      b.bucketName,
      b.publicAccessBlock,
      ...Object.values(b.publicAccess),
      b.acl,
      b.accessLogging,
      b.objectLockDefaultRetention,
      b.retentionLifecycle,
      b.versioning,
      b.mfaDelete,
      b.objectLockEnabled,
    ])
      rename(v);
    // The provider's older inline block says the same as the split resource, under other names.
    const body = sources.get(b.id)?.body;
    const inline = (name: string): boolean =>
      body?.blocks.some((x) => x.type === name || (x.type === 'dynamic' && x.labels[0] === name)) === true ||
      body?.attributes.some((a) => a.name === name) === true;
    if (inline('versioning')) {
      b.versioning.name = b.versioning.name.replace('versioning_configuration.status', 'versioning.enabled');
      b.mfaDelete.name = b.mfaDelete.name.replace('versioning_configuration.', 'versioning.');
    }
    if (inline('logging'))
      b.accessLogging.name = b.accessLogging.name.replace('aws_s3_bucket_logging', 'logging');
    if (body?.blocks.some((x) => x.type === 'object_lock_configuration'))
      b.objectLockDefaultRetention.name = 'object_lock_configuration.rule.default_retention';
  }
  for (const p of model.bucketPolicies) {
    p.type = typeOf(p.id, p.type);
    renameDocument(p.document);
  }
  for (const k of model.keys) {
    k.type = typeOf(k.id, k.type);
    [k.enableKeyRotation, k.keySpec, k.keyUsage, k.origin].forEach(rename);
    renameDocument(k.policy);
  }
  for (const g of model.logGroups) {
    g.type = typeOf(g.id, g.type);
    // retention_in_days = 0 (also through a variable's default) is Terraform's "never expire".
    if (g.retentionInDays.value === 0)
      g.retentionInDays = { ...g.retentionInDays, value: undefined, isSet: false };
    [g.retentionInDays, g.kmsKeyId].forEach(rename);
    for (const f of g.metricFilters) {
      f.type = typeOf(f.id, f.type);
      rename(f.filterPattern);
      for (const a of f.alarms) a.type = typeOf(a.id, a.type);
    }
  }
  for (const i of model.identities) {
    i.type = typeOf(i.id, i.type);
    i.managedPolicies.forEach(rename);
    i.inlinePolicies.forEach(renameDocument);
  }
}

/** Template vocabulary in rule messages → Terraform's. */
const TYPES: Readonly<Record<string, string>> = {
  'AWS::S3::BucketPolicy': 'aws_s3_bucket_policy',
  'AWS::S3::Bucket': 'aws_s3_bucket',
  'AWS::KMS::Key': 'aws_kms_key',
  'AWS::KMS::Alias': 'aws_kms_alias',
  'AWS::Logs::LogGroup': 'aws_cloudwatch_log_group',
  'AWS::Logs::MetricFilter': 'aws_cloudwatch_log_metric_filter',
  'AWS::CloudWatch::Alarm': 'aws_cloudwatch_metric_alarm',
  'AWS::IAM::Role': 'aws_iam_role',
  'AWS::CloudTrail::Trail': 'aws_cloudtrail',
};
const WORDS = new Map<string, string>([
  ...[...NAMES].filter(([cfn]) => /^[A-Z][a-z]+[A-Z]\w*$/.test(cfn)),
  // Canned ACLs as Terraform (and the S3 API) spell them.
  ...Object.entries(CANNED_ACL).map(([tf, cfn]): [string, string] => [cfn, tf]),
  ['CloudFormation', 'Terraform'],
  ['DependsOn', 'depends_on'],
  ['DataResources', 'data_resource'],
  ['KeyPolicy', 'policy'],
]);
const WORD = new RegExp(`\\b(${[...WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
const TYPE = /AWS::(?:S3|KMS|Logs|CloudWatch|IAM|CloudTrail)::\w+/g;
/** Pseudo parameters in ARNs a message shows → what a Terraform module writes there. */
export type PseudoWords = Readonly<Record<string, string>>;

/**
 * How a module spells the pseudo parameters in ARNs: through its own `data "aws_partition"`,
 * `"aws_caller_identity"` and `"aws_region"` sources when it declares them; otherwise the usual partition and
 * placeholders, never a data source the module does not have.
 */
export function pseudoWords(dataSources: readonly { type: string; name: string }[]): PseudoWords {
  const named = (type: string): string | undefined => dataSources.find((d) => d.type === type)?.name;
  const partition = named('aws_partition');
  const account = named('aws_caller_identity');
  const region = named('aws_region');
  return {
    '${AWS::Partition}': partition ? `\${data.aws_partition.${partition}.partition}` : 'aws',
    '${AWS::Region}': region ? `\${data.aws_region.${region}.name}` : '<region>',
    '${AWS::AccountId}': account ? `\${data.aws_caller_identity.${account}.account_id}` : '<account-id>',
  };
}

export function terraformWording(message: string, pseudo: PseudoWords = pseudoWords([])): string {
  // Each rewording only where its words occur: most messages hold none of the first three.
  let out = message;
  if (out.includes('parameter var.'))
    out = out.replace(
      /\(The value is the default of parameter var\.([\w-]+); a deployment may override it\.\)/g,
      '(The value is the default of variable "$1"; -var or a .tfvars file may override it.)',
    );
  if (out.includes('${AWS::')) {
    // A bucket the module names by reference only (a generated name): its ARN as Terraform spells it.
    out = out.replace(/arn:\$\{AWS::Partition\}:s3:::\$\{(aws_s3_bucket\.[\w-]+)\}/g, '$${$1.arn}');
    out = out.replace(/\$\{AWS::(?:Partition|Region|AccountId)\}/g, (p) => pseudo[p] ?? p);
  }
  // An attachment resource is not the identity it attaches to.
  if (out.includes('attached to '))
    out = out.replace(
      /attached to (?:role|user|group) (aws_iam_\w*policy_attachment\.\S+?):/g,
      'attached by $1:',
    );
  if (out.includes('AWS::')) out = out.replace(TYPE, (t) => TYPES[t] ?? t);
  // The older inline block says on or off where the split resource and the model say "Enabled"/"Suspended".
  if (out.includes('versioning.enabled is "'))
    out = out.replace(/versioning\.enabled is "(Enabled|Suspended)"/g, (_, status: string) =>
      status === 'Enabled' ? 'versioning.enabled is true' : 'versioning.enabled is false',
    );
  return out.replace(WORD, (w) => WORDS.get(w) ?? w);
}
