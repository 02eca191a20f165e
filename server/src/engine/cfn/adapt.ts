// The CloudFormation adapter: a template (YAML, JSON or CDK output) → the format-neutral model. Defaults are
// CloudFormation's own (per the resource specification), and links follow the template's references.
import type {
  Bucket,
  BucketPolicy,
  Identity,
  IdentityKind,
  KmsKey,
  LogGroup,
  Model,
  PolicyDocument,
  ResourceBase,
  Trail,
  Value,
} from '../model/types';
import { asMap, child, property, type MapNode, type SourceNode } from '../source/node';
import { BUCKET, KEY, LOG_GROUP, Linker } from './links';
import { readPolicyDocument } from './policy';
import { Resolver } from './resolve';
import { isCdkFile, type CfnResource, type CfnTemplate } from './template';
import { ValueReader } from './values';

const TRAIL = 'AWS::CloudTrail::Trail';
const BUCKET_POLICY = 'AWS::S3::BucketPolicy';

const IDENTITY_TYPES: Record<string, IdentityKind> = {
  'AWS::IAM::Role': 'role',
  'AWS::IAM::User': 'user',
  'AWS::IAM::Group': 'group',
  'AWS::IAM::ManagedPolicy': 'managed-policy',
  'AWS::IAM::Policy': 'managed-policy',
  'AWS::SSO::PermissionSet': 'permission-set',
  'AWS::Serverless::Function': 'function',
  'AWS::Serverless::StateMachine': 'function',
};

export function adaptTemplate(template: CfnTemplate, file: string): Model {
  const resolver = new Resolver(template);
  const reader = new ValueReader(file, resolver);
  const linker = new Linker(template, resolver);
  const cdk = isCdkFile(file, template);
  const base = (r: CfnResource): ResourceBase => {
    const anchorNode = r.typeEntry
      ? { start: r.typeEntry.key.start, end: (r.typeEntry.value ?? r.typeEntry.key).end }
      : r.key;
    const construct = cdk ? template.cdkConstruct(r) : undefined;
    // Every model object gets all base fields (cdk possibly undefined): one shape per kind, no spreads,
    // because this runs for every resource on every keystroke.
    return {
      id: r.id,
      type: r.type,
      at: reader.loc({ start: r.key.start, end: r.body.end }),
      anchor: reader.loc(anchorNode),
      cdk: construct,
    };
  };

  const buckets = new Map<string, Bucket>();
  for (const r of template.resourcesOfType(BUCKET)) buckets.set(r.id, readBucket(r, base(r), reader));
  const keys = new Map<string, KmsKey>();
  for (const r of template.resourcesOfType(KEY)) keys.set(r.id, readKey(r, base(r), reader));
  const logGroups = new Map<string, LogGroup>();
  for (const r of template.resourcesOfType(LOG_GROUP)) logGroups.set(r.id, readLogGroup(r, base(r), reader));
  const pick = <T>(ids: string[], from: Map<string, T>): T[] =>
    ids.map((id) => from.get(id)).filter((x): x is T => !!x);

  const bucketPolicies: BucketPolicy[] = template.resourcesOfType(BUCKET_POLICY).map((r) => {
    const b = base(r);
    const policy: BucketPolicy = {
      id: b.id,
      type: b.type,
      at: b.at,
      anchor: b.anchor,
      cdk: b.cdk,
      kind: 'bucket-policy',
      buckets: pick(linker.targets(property(r.properties, 'Bucket')?.value, BUCKET), buckets),
      document: readPolicyDocument(property(r.properties, 'PolicyDocument')?.value, reader),
    };
    for (const b of policy.buckets) b.policies.push(policy);
    return policy;
  });

  const trails: Trail[] = template.resourcesOfType(TRAIL).map((r) => {
    const p = r.properties;
    const b = base(r);
    const trail: Trail = {
      id: b.id,
      type: b.type,
      at: b.at,
      anchor: b.anchor,
      cdk: b.cdk,
      kind: 'trail',
      name: reader.string(p, 'TrailName'),
      isMultiRegion: reader.bool(p, 'IsMultiRegionTrail', false),
      includeGlobalServiceEvents: reader.bool(p, 'IncludeGlobalServiceEvents', true),
      logFileValidation: reader.bool(p, 'EnableLogFileValidation', false),
      kmsKeyId: reader.string(p, 'KMSKeyId'),
      cloudWatchLogsLogGroupArn: reader.string(p, 'CloudWatchLogsLogGroupArn'),
      cloudWatchLogsRoleArn: reader.string(p, 'CloudWatchLogsRoleArn'),
      isLogging: reader.bool(p, 'IsLogging', undefined),
      s3BucketName: reader.string(p, 'S3BucketName'),
      isOrganizationTrail: reader.bool(p, 'IsOrganizationTrail', false),
      buckets: pick(linker.targets(property(p, 'S3BucketName')?.value, BUCKET), buckets),
      keys: pick(linker.targets(property(p, 'KMSKeyId')?.value, KEY), keys),
      logGroups: pick(linker.targets(property(p, 'CloudWatchLogsLogGroupArn')?.value, LOG_GROUP), logGroups),
    };
    for (const b of trail.buckets) b.trails.push(trail);
    return trail;
  });

  const identities: Identity[] = [];
  for (const r of template.resources.values()) {
    const kind = IDENTITY_TYPES[r.type];
    if (kind) identities.push(readIdentity(r, kind, base(r), reader));
  }

  return {
    file,
    format: cdk ? 'cdk' : 'cloudformation',
    trails,
    buckets: [...buckets.values()],
    bucketPolicies,
    keys: [...keys.values()],
    logGroups: [...logGroups.values()],
    identities,
  };
}

function readBucket(r: CfnResource, base: ResourceBase, reader: ValueReader): Bucket {
  const p = r.properties;
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'bucket',
    bucketName: reader.string(p, 'BucketName'),
    versioning: nested(reader, p, 'VersioningConfiguration', 'Status', (m, name) => reader.string(m, name)),
    // CloudFormation has no property for MFA delete: it can only be turned on with the API, by the root user.
    mfaDelete: undefined,
    objectLockEnabled: reader.bool(p, 'ObjectLockEnabled', false),
    policies: [],
    trails: [],
  };
}

function readKey(r: CfnResource, base: ResourceBase, reader: ValueReader): KmsKey {
  const p = r.properties;
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'kms-key',
    enableKeyRotation: reader.bool(p, 'EnableKeyRotation', false),
    keySpec: reader.string(p, 'KeySpec', 'SYMMETRIC_DEFAULT'),
    policy: readPolicyDocument(property(p, 'KeyPolicy')?.value, reader),
  };
}

function readLogGroup(r: CfnResource, base: ResourceBase, reader: ValueReader): LogGroup {
  const p = r.properties;
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'log-group',
    retentionInDays: reader.number(p, 'RetentionInDays'),
    kmsKeyId: reader.string(p, 'KmsKeyId'),
  };
}

function readIdentity(
  r: CfnResource,
  identityKind: IdentityKind,
  base: ResourceBase,
  reader: ValueReader,
): Identity {
  const p = r.properties;
  const managedPolicies: Value<string>[] = [];
  const inlinePolicies: PolicyDocument[] = [];
  const listProperty = r.type === 'AWS::SSO::PermissionSet' ? 'ManagedPolicies' : 'ManagedPolicyArns';
  for (const item of listItems(reader, property(p, listProperty)?.value))
    managedPolicies.push(reader.stringItem(listProperty, item));
  for (const policy of listItems(reader, property(p, 'Policies')?.value)) {
    if (r.type.startsWith('AWS::Serverless::')) {
      // SAM: a policy is a managed policy name or ARN, a policy template, or an inline document.
      const resolved = reader.resolver.resolve(policy);
      if (resolved?.k === 'map' && child(resolved.node, 'Statement'))
        inlinePolicies.push(readPolicyDocument(policy, reader) as PolicyDocument);
      else if (resolved?.k !== 'map') managedPolicies.push(reader.stringItem('Policies', policy));
      continue;
    }
    const doc = readPolicyDocument(property(asMap(policy), 'PolicyDocument')?.value, reader);
    if (doc) inlinePolicies.push(doc);
  }
  // AWS::IAM::ManagedPolicy / AWS::IAM::Policy carry one document; a permission set its InlinePolicy.
  for (const name of ['PolicyDocument', 'InlinePolicy']) {
    const doc = readPolicyDocument(property(p, name)?.value, reader);
    if (doc) inlinePolicies.push(doc);
  }
  return {
    id: base.id,
    type: base.type,
    at: base.at,
    anchor: base.anchor,
    cdk: base.cdk,
    kind: 'identity',
    identityKind,
    managedPolicies,
    inlinePolicies,
  };
}

/** The items of a list property, or nothing when the list itself is computed. A single value counts as one item. */
function listItems(reader: ValueReader, node: SourceNode | undefined): SourceNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  const resolved = reader.resolver.resolve(node);
  if (resolved?.k === 'list') return resolved.items.map((i) => i.node);
  if (resolved?.k === 'scalar') return [node];
  return [];
}

/** A property one level down (`VersioningConfiguration.Status`); an intermediate that is computed is unresolved. */
function nested<T>(
  reader: ValueReader,
  props: MapNode | undefined,
  outer: string,
  inner: string,
  read: (m: MapNode | undefined, name: string) => Value<T>,
): Value<T> {
  const name = `${outer}.${inner}`;
  const e = property(props, outer);
  if (!e) return { ...read(undefined, inner), name };
  const resolved = reader.resolver.resolve(e.value);
  if (resolved?.k === 'map') {
    const value = read(resolved.node, inner);
    // An absent inner property is reported on the outer key that is there.
    return value.isSet === false && !value.keyAt
      ? { ...value, name, keyAt: reader.loc(e.key) }
      : { ...value, name };
  }
  if (!resolved || resolved.k === 'novalue')
    return { ...read(undefined, inner), name, keyAt: reader.loc(e.key) };
  return {
    name,
    value: undefined,
    provenance: 'unresolved',
    isSet: undefined,
    keyAt: reader.loc(e.key),
    at: reader.loc(e.value ?? e.key),
    note:
      resolved.k === 'unknown'
        ? resolved.why
        : resolved.k === 'if'
          ? `condition ${resolved.cond}`
          : 'a computed value',
  };
}
