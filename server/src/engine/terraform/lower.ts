// A Terraform module (all its `.tf` / `.tf.json` files, or a plan) → one synthetic CloudFormation template
// over the module's combined text (the files joined by newlines, each at its own base offset). The
// CloudFormation adapter, resolver, linker and policy reader then build the same model they build for a
// template; finish.ts puts Terraform's names, defaults and files back. Lowering, not a second adapter:
// every rule judges both formats by one reading of the resources.
import { mapNode, scalarNode, seqNode, type MapEntry, type MapNode, type SourceNode } from '../source/node';
import type { HclExpr } from '../source/hcl';
import { BodyView } from './body';
import { addressOf, isBroken, type TfConfig, type TfResource } from './config';
import { ExprLowering, type ModuleScope } from './lower-expr';
import { withDynamicsExpanded } from './dynamic';
import { eachReference } from './references';
import { bucketRef, elsewhere, foldKeyPolicies, foldSplitResources } from './lower-fold';
import { lowerPolicyDocument } from './lower-policy-doc';
import {
  aclValue,
  lifecycle,
  logging,
  objectLock,
  PropertyWriter,
  versioningEntries,
  type LoweredResource,
} from './lower-resources';
import {
  ALARM_SPEC,
  ALIAS_SPEC,
  ATTACHMENTS,
  EVENT_DATA_STORE_SPEC,
  KEY_SPEC,
  LOG_GROUP_SPEC,
  METRIC_FILTER_SPEC,
  POLICY_HOLDERS,
  SPLIT_S3,
  TRAIL_SPEC,
  type Spec,
} from './lower-spec';

/** Suffix of the lowered bucket policy an `aws_s3_bucket`'s inline `policy` becomes. */
export const INLINE_POLICY = '#policy';

export interface ModuleFile {
  file: string;
  text: string;
}

export interface LoweredModule {
  root: MapNode;
  /** The module's files joined by newlines: offsets in the template are offsets in this text. */
  text: string;
  files: { file: string; base: number; length: number }[];
  /** Lowered resource id → the Terraform resource it came from. */
  sources: Map<string, TfResource>;
  /** Trails whose creation order cannot be known (they wait for a module, or for what is not read). */
  unordered: Set<string>;
}

const SIMPLE: Readonly<Record<string, { type: string; spec: Spec }>> = {
  aws_cloudtrail: { type: 'AWS::CloudTrail::Trail', spec: TRAIL_SPEC },
  aws_cloudtrail_event_data_store: { type: 'AWS::CloudTrail::EventDataStore', spec: EVENT_DATA_STORE_SPEC },
  aws_kms_key: { type: 'AWS::KMS::Key', spec: KEY_SPEC },
  aws_kms_alias: { type: 'AWS::KMS::Alias', spec: ALIAS_SPEC },
  aws_cloudwatch_log_metric_filter: { type: 'AWS::Logs::MetricFilter', spec: METRIC_FILTER_SPEC },
};

/** `resource.<type>` / `data.<type>` of everything the lowering reads a body of. */
export const LOWERED_TYPES: ReadonlySet<string> = new Set([
  ...[
    ...Object.keys(SIMPLE),
    ...SPLIT_S3,
    ...Object.keys(POLICY_HOLDERS),
    ...Object.keys(ATTACHMENTS),
    'aws_s3_bucket',
    'aws_s3_bucket_policy',
    'aws_cloudwatch_log_group',
    'aws_cloudwatch_metric_alarm',
    'aws_iam_role',
    'aws_kms_key_policy',
    'aws_ssoadmin_permission_set_inline_policy',
    'aws_ssoadmin_managed_policy_attachment',
  ].map((t) => `resource.${t}`),
  'data.aws_iam_policy_document',
]);

export function lowerModule(
  files: ModuleFile[],
  config: TfConfig,
  readFile?: (path: string) => string | undefined,
): LoweredModule {
  const layout: LoweredModule['files'] = [];
  let offset = 0;
  for (const f of files) {
    layout.push({ file: f.file, base: offset, length: f.text.length });
    offset += f.text.length + 1;
  }
  const bases = new Map(layout.map((l) => [l.file, l.base]));
  const texts = new Map(files.map((f) => [f.file, f.text]));
  const base = (file: string): number => bases.get(file) ?? 0;

  // Ids: the address, made unique when a (broken) module declares one twice.
  const sources = new Map<string, TfResource>();
  const byAddress = new Map<string, string[]>();
  // The same lists by module, mode and type, then name: every reference asks, and joining its address to
  // ask cost more than the answer.
  const byName = new Map<string, Map<string, string[]>>();
  // By name, the first declaration winning as `find` did: every `var.` and `local.` reference asks, and a
  // large module has hundreds of each. Built here, after overrides, from a config nothing changes later.
  const locals = firstByName(config.locals);
  const variables = firstByName(config.variables);
  for (const declared of config.resources) {
    if (neverCreated(declared)) continue;
    const r = withDynamicsExpanded(declared, { variables, locals });
    const address = addressOf(r);
    let same = byAddress.get(address);
    if (!same) byAddress.set(address, (same = []));
    const id = same.length === 0 ? address : `${address}#${same.length + 1}`;
    same.push(id);
    sources.set(id, r);
    const typeKey = `${r.module}\0${r.mode}\0${r.type}`;
    let names = byName.get(typeKey);
    if (!names) byName.set(typeKey, (names = new Map<string, string[]>()));
    // A plan's instances of one resource have addresses of their own and share its name.
    let named = names.get(r.name);
    if (!named) names.set(r.name, (named = []));
    named.push(id);
  }
  /** byName's keys for module '' (every reference but a child module's), each joined once. */
  const rootKeys = { resource: new Map<string, string>(), data: new Map<string, string>() };
  const typeKeyOf = (module: string, mode: 'resource' | 'data', type: string): string => {
    if (module !== '') return `${module}\0${mode}\0${type}`;
    let key = rootKeys[mode].get(type);
    if (key === undefined) rootKeys[mode].set(type, (key = `\0${mode}\0${type}`));
    return key;
  };
  const docs = new Map<string, SourceNode | undefined>();
  const scope: ModuleScope = {
    base,
    resourceId(module, mode, type, name, file, key) {
      // A miss asks by address after all: labels with dots can spell another resource's address.
      const ids =
        byName.get(typeKeyOf(module, mode, type))?.get(name) ??
        byAddress.get(addressOf({ mode, type, name, module }));
      if (key !== undefined && ids && sources.get(ids[0] as string)?.index !== undefined)
        return ids.find((id) => String(sources.get(id)?.index) === key);
      // One declaration (every valid module): it is the answer whichever file asks, without the search.
      if (ids?.length === 1) return ids[0];
      return ids?.find((id) => sources.get(id)?.file === file) ?? ids?.[0];
    },
    resource: (id) => sources.get(id),
    local: (_module, name) => locals.get(name),
    hasVariable: (name) => variables.has(name),
    variableDefault(name) {
      const v = variables.get(name);
      return v?.default && { value: v.default, file: v.file };
    },
    policyDocument(id) {
      if (docs.has(id)) return docs.get(id);
      docs.set(id, undefined); // a document that refers to itself reads as unknown
      const r = sources.get(id);
      const doc = r && lowerPolicyDocument(r, ex, base(r.file));
      docs.set(id, doc);
      return doc;
    },
    readFile,
    written: (file, start, end) => texts.get(file)?.slice(start, end) ?? '',
  };
  const ex = new ExprLowering(scope);
  const w = new PropertyWriter(ex, base);
  const out = new Map<string, LoweredResource>();
  const unordered = new Set<string>();
  const add = (id: string, type: string, source: TfResource, props: MapEntry[]): LoweredResource => {
    const lowered: LoweredResource = { id, type, source, props, dependsOn: [] };
    out.set(id, lowered);
    return lowered;
  };

  const isBoundary = boundaryTest(files);
  for (const [id, r] of sources) {
    if (r.mode !== 'resource') continue;
    const view = new BodyView(r.body);
    const simple = SIMPLE[r.type];
    if (simple) {
      const lowered = add(id, simple.type, r, w.bySpec(view, simple.spec, r));
      if (r.type === 'aws_cloudtrail') {
        const waits = dependencies(r, scope, id);
        if (waits) lowered.dependsOn = waits;
        else unordered.add(id);
      }
    } else if (r.type === 'aws_s3_bucket') {
      const bucket = lowerBucket(w, view, id, r);
      out.set(id, bucket);
      const policy = view.attr('policy');
      if (policy) {
        // The provider applies an inline policy as it creates the bucket: whoever waits for the bucket
        // waits for the policy. (`#policy` marks the lowered resource; findings name the bucket.)
        bucketPolicy(w, add, `${id}${INLINE_POLICY}`, r, bucketRef(w, id, r), policy.value, policy.nameSpan);
        bucket.dependsOn = [`${id}${INLINE_POLICY}`];
      }
    } else if (r.type === 'aws_s3_bucket_policy') {
      const bucket = view.attr('bucket');
      const policy = view.attr('policy');
      const b = base(r.file);
      const target = bucket
        ? w.value(bucket.value, r)
        : ex.unknown('no bucket', b + r.header.start, b + r.header.end);
      if (policy) bucketPolicy(w, add, id, r, target, policy.value, policy.nameSpan);
    } else if (r.type === 'aws_cloudwatch_log_group') {
      const props = w.bySpec(view, LOG_GROUP_SPEC, r);
      // `retention_in_days = 0` is Terraform's "never expire": CloudFormation's absent property.
      add(
        id,
        'AWS::Logs::LogGroup',
        r,
        props.filter(
          (p) =>
            !(p.key.value === 'RetentionInDays' && p.value?.kind === 'scalar' && Number(p.value.value) === 0),
        ),
      );
    } else if (r.type === 'aws_cloudwatch_metric_alarm') {
      add(id, 'AWS::CloudWatch::Alarm', r, [...w.bySpec(view, ALARM_SPEC, r), ...metricQueries(w, view, r)]);
    } else if (POLICY_HOLDERS[r.type] && isBoundary(r)) {
      // A permissions boundary limits what its roles may do; it grants nothing.
      continue;
    } else if (POLICY_HOLDERS[r.type]) {
      const policy = view.attr('policy');
      add(
        id,
        POLICY_HOLDERS[r.type] as string,
        r,
        policy ? [{ key: w.key('PolicyDocument', policy.nameSpan, r), value: w.value(policy.value, r) }] : [],
      );
    } else if (ATTACHMENTS[r.type]) {
      const arn = view.attr('policy_arn');
      add(
        id,
        ATTACHMENTS[r.type] as string,
        r,
        arn ? [managedList('ManagedPolicyArns', w, arn.value, arn.nameSpan, r)] : [],
      );
    } else if (r.type === 'aws_iam_role') {
      add(id, 'AWS::IAM::Role', r, lowerRole(w, view, r));
    } else if (r.type === 'aws_ssoadmin_permission_set_inline_policy') {
      const policy = view.attr('inline_policy');
      add(
        id,
        'AWS::SSO::PermissionSet',
        r,
        policy ? [{ key: w.key('InlinePolicy', policy.nameSpan, r), value: w.value(policy.value, r) }] : [],
      );
    } else if (r.type === 'aws_ssoadmin_managed_policy_attachment') {
      const arn = view.attr('managed_policy_arn');
      add(
        id,
        'AWS::SSO::PermissionSet',
        r,
        arn ? [managedList('ManagedPolicies', w, arn.value, arn.nameSpan, r)] : [],
      );
    }
  }
  foldSplitResources(w, sources, out, scope, (r) => isBroken(r, config.problems));
  foldKeyPolicies(w, sources, out, scope);
  // A policy out of sight is created in an order the module does not show.
  if (elsewhere(w, config, out, scope, add))
    for (const x of out.values()) if (x.type === 'AWS::CloudTrail::Trail') unordered.add(x.id);
  // A policy document no resource of the module uses is still a policy someone will attach (through an
  // output, another module): an identity policy unless it names principals (then it is a resource policy).
  let mentioned: Set<string> | undefined;
  for (const [id, r] of sources) {
    if (r.mode !== 'data' || r.type !== 'aws_iam_policy_document' || docs.has(id)) continue;
    // Used by something trail-lint reads by its header only (an SCP, a boundary, another document): not ours.
    // The module's texts are scanned once for every document they mention (a scan per document is quadratic).
    mentioned ??= policyDocumentMentions(files);
    if (mentioned.has(r.name)) continue;
    const statements = new BodyView(r.body).blocks('statement') ?? [];
    if (
      statements.some(
        (s) => s.body.blocks('principals')?.length !== 0 || s.body.blocks('not_principals')?.length !== 0,
      )
    )
      continue;
    const doc = scope.policyDocument(id);
    if (doc)
      add(id, 'AWS::IAM::ManagedPolicy', r, [{ key: w.key('PolicyDocument', r.header, r), value: doc }]);
  }

  return {
    root: template(out, config, ex, base, layout),
    // One file is its own text: no copy of it per lint.
    text: files.length === 1 ? (files[0] as ModuleFile).text : files.map((f) => f.text).join('\n'),
    files: layout,
    sources,
    unordered,
  };
}

const POLICY_DOCUMENT_MENTION = /\bdata\.aws_iam_policy_document\.([\w-]+)/g;

/** The names of the policy documents the module's files refer to (`data.aws_iam_policy_document.NAME`). */
function policyDocumentMentions(files: readonly { text: string }[]): Set<string> {
  const names = new Set<string>();
  for (const f of files) for (const m of f.text.matchAll(POLICY_DOCUMENT_MENTION)) names.add(m[1] as string);
  return names;
}

/** An `aws_iam_policy` some role or user of the module uses as its `permissions_boundary`. */
const BOUNDARY_USE = /permissions_boundary\s*=\s*aws_iam_policy\.([^\s.]+)\.arn\b/g;

/**
 * Whether an `aws_iam_policy` is some file's permissions boundary. The module is scanned once, on first
 * use, for every boundary it names: a scan per policy was quadratic in the module's size.
 */
function boundaryTest(files: ModuleFile[]): (r: TfResource) => boolean {
  let names: Set<string> | undefined;
  return (r) => {
    if (r.type !== 'aws_iam_policy') return false;
    if (!names) {
      names = new Set();
      for (const f of files) for (const m of f.text.matchAll(BOUNDARY_USE)) names.add(m[1] as string);
    }
    return names.has(r.name);
  };
}

/** `count = 0`: the resource is declared but never created. */
function neverCreated(r: TfResource): boolean {
  const count = r.body.attributes.find((a) => a.name === 'count')?.value;
  return count?.kind === 'literal' && Number(count.value) === 0;
}

function lowerBucket(w: PropertyWriter, view: BodyView, id: string, r: TfResource): LoweredResource {
  const props: MapEntry[] = [];
  const name = view.attr('bucket');
  if (name) props.push({ key: w.key('BucketName', name.nameSpan, r), value: w.value(name.value, r) });
  // Not a CloudFormation property: the known start of a name the provider generates (see Bucket.namePrefix).
  const prefix = name ? undefined : view.attr('bucket_prefix');
  if (prefix)
    props.push({ key: w.key('BucketNamePrefix', prefix.nameSpan, r), value: w.value(prefix.value, r) });
  const acl = view.attr('acl');
  if (acl) props.push({ key: w.key('AccessControl', acl.nameSpan, r), value: aclValue(w, acl.value, r) });
  const lock = view.attr('object_lock_enabled');
  if (lock) props.push({ key: w.key('ObjectLockEnabled', lock.nameSpan, r), value: w.value(lock.value, r) });
  const versioning = w.block(view, 'versioning', 'VersioningConfiguration', r, (v) =>
    versioningEntries(w, v, r, false),
  );
  if (versioning) props.push(versioning);
  const logs = view.blocks('logging');
  const log = logs?.[0];
  if (log) props.push(logging(w, log.body, log.keySpan, log.span, r));
  else if (!logs) props.push(w.computedBlock(view, 'logging', 'LoggingConfiguration', r));
  const lockConfigs = view.blocks('object_lock_configuration');
  const lockConfig = lockConfigs?.[0];
  if (!lockConfigs)
    props.push(w.computedBlock(view, 'object_lock_configuration', 'ObjectLockConfiguration', r));
  if (lockConfig) {
    props.push(objectLock(w, lockConfig.body, lockConfig.keySpan, lockConfig.span, r));
    const enabled = lockConfig.body.attr('object_lock_enabled');
    if (enabled && !lock)
      props.push({
        key: w.key('ObjectLockEnabled', enabled.nameSpan, r),
        value: w.mapped(enabled.value, r, (x) => x === 'Enabled'),
      });
  }
  const rules = lifecycle(w, view, 'lifecycle_rule', r.header, r.at, r);
  if (rules) props.push(rules);
  return { id, type: 'AWS::S3::Bucket', source: r, props, dependsOn: [] };
}

function firstByName<T extends { name: string }>(list: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const x of list) if (!out.has(x.name)) out.set(x.name, x);
  return out;
}

function bucketPolicy(
  w: PropertyWriter,
  add: (id: string, type: string, source: TfResource, props: MapEntry[]) => LoweredResource,
  id: string,
  r: TfResource,
  bucket: SourceNode,
  policy: HclExpr,
  keySpan: { start: number; end: number },
): void {
  add(id, 'AWS::S3::BucketPolicy', r, [
    { key: scalarNode('Bucket', bucket.start, bucket.start), value: bucket },
    { key: w.key('PolicyDocument', keySpan, r), value: w.value(policy, r) },
  ]);
}

function managedList(
  name: string,
  w: PropertyWriter,
  e: HclExpr,
  keySpan: { start: number; end: number },
  r: TfResource,
): MapEntry {
  const value = w.value(e, r);
  return { key: w.key(name, keySpan, r), value: seqNode([value], value.start, value.end) };
}

function lowerRole(w: PropertyWriter, view: BodyView, r: TfResource): MapEntry[] {
  const props: MapEntry[] = [];
  const managed = view.attr('managed_policy_arns');
  if (managed)
    props.push({ key: w.key('ManagedPolicyArns', managed.nameSpan, r), value: w.value(managed.value, r) });
  const inline = view.blocks('inline_policy');
  const b = w.base(r.file);
  if (inline && inline.length > 0) {
    const items = inline.map((p) => {
      const policy = p.body.attr('policy');
      const entries: MapEntry[] = policy
        ? [{ key: w.key('PolicyDocument', policy.nameSpan, r), value: w.value(policy.value, r) }]
        : [];
      return mapNode(entries, b + p.span.start, b + p.span.end);
    });
    props.push({
      key: w.key('Policies', (inline[0] as (typeof inline)[number]).keySpan, r),
      value: seqNode(items, b + r.at.start, b + r.at.end),
    });
  }
  return props;
}

function metricQueries(w: PropertyWriter, view: BodyView, r: TfResource): MapEntry[] {
  const queries = view.blocks('metric_query');
  if (!queries || queries.length === 0) return [];
  const b = w.base(r.file);
  const items = queries.map((q) => {
    const metric = q.body.blocks('metric')?.[0];
    const inner = metric ? w.bySpec(metric.body, ALARM_SPEC, r) : [];
    const m = mapNode(inner, b + q.span.start, b + q.span.end);
    const stat = mapNode([{ key: scalarNode('Metric', m.start, m.start), value: m }], m.start, m.end);
    return mapNode([{ key: scalarNode('MetricStat', m.start, m.start), value: stat }], m.start, m.end);
  });
  return [
    {
      key: w.key('Metrics', (queries[0] as (typeof queries)[number]).keySpan, r),
      value: seqNode(items, b + r.at.start, b + r.at.end),
    },
  ];
}

/**
 * What a trail waits for: everything it refers to (through locals too) or names in `depends_on`, and what
 * those wait for in turn (Terraform orders creation by references as CloudFormation does by DependsOn).
 * Undefined when the order cannot be known: `depends_on` names a module or a resource trail-lint reads by
 * its header only (a `time_sleep` waiting for the policy, say).
 */
function dependencies(r: TfResource, scope: ModuleScope, self: string): string[] | undefined {
  const found = new Set<string>();
  let unknown = false;
  const queue: TfResource[] = [r];
  const seen = new Set<TfResource>();
  while (queue.length > 0 && !unknown) {
    const current = queue.shift() as TfResource;
    if (seen.has(current)) continue;
    seen.add(current);
    const onReference = (path: string[], explicit: boolean): void => {
      const [head, second] = path;
      if (head === 'module') {
        if (explicit) unknown = true;
        return;
      }
      if (!head || second === undefined || head === 'var' || head === 'data' || head === 'path') return;
      const id = scope.resourceId(current.module, 'resource', head, second, current.file);
      const target = id === undefined ? undefined : scope.resource(id);
      if (!id || !target || id === self) return;
      found.add(id);
      if (LOWERED_TYPES.has(`resource.${target.type}`)) queue.push(target);
      else if (explicit) unknown = true;
    };
    const body = (b: TfResource['body'], depth: number): void => {
      for (const a of b.attributes)
        eachReference(a.value, scope, current.module, (path) => onReference(path, a.name === 'depends_on'));
      if (depth < 8) for (const nested of b.blocks) body(nested.body, depth + 1);
    };
    body(current.body, 0);
  }
  return unknown ? undefined : [...found];
}

function template(
  out: Map<string, LoweredResource>,
  config: TfConfig,
  ex: ExprLowering,
  base: (file: string) => number,
  layout: LoweredModule['files'],
): MapNode {
  const end = layout.reduce((n, l) => Math.max(n, l.base + l.length), 0);
  const resources: MapEntry[] = [];
  for (const x of out.values()) {
    const b = base(x.source.file);
    const header = { start: b + x.source.header.start, end: b + x.source.header.end };
    const at = { start: b + x.source.at.start, end: b + x.source.at.end };
    const body: MapEntry[] = [
      {
        key: scalarNode('Type', header.start, header.start),
        value: scalarNode(x.type, header.start, header.end),
      },
      { key: scalarNode('Properties', at.start, at.start), value: mapNode(x.props, at.start, at.end) },
    ];
    if (x.dependsOn.length > 0) {
      const dependsAttr = x.source.body.attributes.find((a) => a.name === 'depends_on');
      const span = dependsAttr
        ? { start: b + dependsAttr.nameSpan.start, end: b + dependsAttr.nameSpan.end }
        : header;
      body.push({
        key: scalarNode('DependsOn', span.start, span.end),
        value: seqNode(
          x.dependsOn.map((d) => scalarNode(d, span.start, span.end)),
          span.start,
          span.end,
        ),
      });
    }
    resources.push({
      key: scalarNode(x.id, header.start, header.end),
      value: mapNode(body, at.start, at.end),
    });
  }
  const parameters: MapEntry[] = config.variables.map((v) => {
    const b = base(v.file);
    const entries: MapEntry[] = [
      {
        key: scalarNode('Type', b + v.at.start, b + v.at.start),
        value: scalarNode('String', b + v.at.start, b + v.at.start),
      },
    ];
    // A default of null is judged like any default (as a CloudFormation parameter's is): unset.
    if (v.default)
      entries.push({
        key: scalarNode('Default', b + v.default.start, b + v.default.start),
        value: ex.lower(v.default, v.file, ''),
      });
    return {
      key: scalarNode(`var.${v.name}`, b + v.at.start, b + v.at.end),
      value: mapNode(entries, b + v.at.start, b + v.at.end),
    };
  });
  return mapNode(
    [
      { key: scalarNode('Parameters', 0, 0), value: mapNode(parameters, 0, end) },
      { key: scalarNode('Resources', 0, 0), value: mapNode(resources, 0, end) },
    ],
    0,
    end,
  );
}
