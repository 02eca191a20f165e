// Terraform resources of the AWS provider → CloudFormation resources with the same meaning, so that the one
// adapter (cfn/adapt.ts) builds the model for both. Each lowered property keeps the Terraform source
// location of what it came from: findings land on the `.tf` text. The provider v4+ split S3 resources
// (versioning, public access block, logging, ACL, object lock, lifecycle, policy) are folded into their
// bucket; when a split resource's bucket cannot be resolved, the buckets it could belong to get that
// setting as unknown rather than absent.
import type { HclExpr } from '../source/hcl';
import {
  mapNode,
  scalarNode,
  scalarString,
  seqNode,
  type MapEntry,
  type SourceNode,
  type Span,
} from '../source/node';
import { BodyView } from './body';
import type { TfResource } from './config';
import { intrinsic, type ExprLowering } from './lower-expr';
import {
  CANNED_ACL,
  DEFAULT_RETENTION_SPEC,
  LOGGING_SPEC,
  PUBLIC_ACCESS_BLOCK_SPEC,
  type Spec,
} from './lower-spec';

/** A lowered resource: its template type and properties; `extra` for what CloudFormation has no property for. */
export interface LoweredResource {
  id: string;
  type: string;
  source: TfResource;
  props: MapEntry[];
  dependsOn: string[];
}

type SpecEntries = {
  attrs: [string, string][];
  blocks: [string, NonNullable<Spec['blocks']>[string]][];
};

const entriesOf = new WeakMap<Spec, SpecEntries>();

/** A spec's attributes and blocks as lists, made once per spec: bySpec runs for every resource. */
function specEntries(spec: Spec): SpecEntries {
  let found = entriesOf.get(spec);
  if (!found) {
    found = { attrs: Object.entries(spec.attrs), blocks: Object.entries(spec.blocks ?? {}) };
    entriesOf.set(spec, found);
  }
  return found;
}

export class PropertyWriter {
  constructor(
    readonly ex: ExprLowering,
    readonly base: (file: string) => number,
  ) {}

  key(name: string, span: Span, r: TfResource): SourceNode & { kind: 'scalar' } {
    const b = this.base(r.file);
    return scalarNode(name, b + span.start, b + span.end);
  }

  value(e: HclExpr, r: TfResource): SourceNode {
    return this.ex.lower(e, r.file, r.module);
  }

  /** Properties per a spec: attributes one to one, nested blocks as lists of objects. */
  bySpec(view: BodyView, spec: Spec, r: TfResource): MapEntry[] {
    const out: MapEntry[] = [];
    const { attrs, blocks: nestedBlocks } = specEntries(spec);
    for (const [tf, cfn] of attrs) {
      const a = view.attr(tf);
      if (a) out.push({ key: this.key(cfn, a.nameSpan, r), value: this.value(a.value, r) });
    }
    for (const [tf, nested] of nestedBlocks) {
      const blocks = view.blocks(tf);
      const b = this.base(r.file);
      if (blocks === undefined) {
        const a = view.attr(tf);
        const span = a ?? r.header;
        out.push({
          key: this.key(nested.to, a?.nameSpan ?? r.header, r),
          value: this.ex.unknown(this.computedWhy(view, tf, r), b + span.start, b + span.end),
        });
        continue;
      }
      const first = blocks[0];
      if (!first) continue;
      const last = blocks[blocks.length - 1] ?? first;
      const items = blocks.map((x) =>
        mapNode(this.bySpec(x.body, nested.spec, r), b + x.span.start, b + x.span.end),
      );
      out.push({
        key: this.key(nested.to, first.keySpan, r),
        value: seqNode(items, b + first.span.start, b + last.span.end),
      });
    }
    return out;
  }

  /** One nested block as an object property (the first, as Terraform allows only one). */
  block(
    view: BodyView,
    tf: string,
    cfn: string,
    r: TfResource,
    inner: (v: BodyView, span: Span) => MapEntry[],
  ): MapEntry | undefined {
    const blocks = view.blocks(tf);
    const b = this.base(r.file);
    if (blocks === undefined) return this.computedBlock(view, tf, cfn, r);
    const first = blocks[0];
    if (!first) return undefined;
    return {
      key: this.key(cfn, first.keySpan, r),
      value: mapNode(inner(first.body, first.span), b + first.span.start, b + first.span.end),
    };
  }

  /** The property a nested block stands for, when a `dynamic` block or a variable computes it: unknown. */
  computedBlock(view: BodyView, tf: string, cfn: string, r: TfResource): MapEntry {
    const b = this.base(r.file);
    const a = view.attr(tf);
    const dynamic = r.body.blocks.find((x) => x.type === 'dynamic' && x.labels[0] === tf);
    const span = a ?? dynamic ?? r.header;
    return {
      key: this.key(cfn, a?.nameSpan ?? dynamic?.typeSpan ?? r.header, r),
      value: this.ex.unknown(this.computedWhy(view, tf, r), b + span.start, b + span.end),
    };
  }

  /** What makes a resource's nested blocks of a type unknown, in words. */
  computedWhy(view: BodyView, tf: string, r: TfResource): string {
    return view.computedWhy(tf, (e) => this.ex.spelledOut(e, r.file));
  }

  /** A literal mapped through a table (ACLs), or the value as written when it is not a literal. */
  mapped(e: HclExpr, r: TfResource, table: (v: unknown) => unknown): SourceNode {
    return this.translated(this.value(e, r), table, 0);
  }

  /** A lowered value through the table; a conditional's branches each (an unset branch stays unset). */
  private translated(lowered: SourceNode, table: (v: unknown) => unknown, depth: number): SourceNode {
    const args = intrinsic(lowered, 'Fn::If');
    if (
      lowered.kind === 'map' &&
      args?.kind === 'seq' &&
      args.items.length === 3 &&
      depth < MAX_BRANCH_DEPTH
    ) {
      const [condition, then, otherwise] = args.items as [SourceNode, SourceNode, SourceNode];
      // An unset branch (`Ref AWS::NoValue`) stays unset.
      const branch = (b: SourceNode): SourceNode =>
        scalarString(intrinsic(b, 'Ref')) === 'AWS::NoValue' ? b : this.translated(b, table, depth + 1);
      const items = [condition, branch(then), branch(otherwise)];
      const key = (lowered.entries[0] as MapEntry).key;
      return mapNode([{ key, value: seqNode(items, args.start, args.end) }], lowered.start, lowered.end);
    }
    const node = this.ex.defaulted(lowered);
    if (node.kind !== 'scalar') return node;
    const v = table(node.value);
    return v === undefined
      ? this.ex.unknown(`"${String(node.value)}", a value trail-lint does not know`, node.start, node.end)
      : scalarNode(v as string, node.start, node.end);
  }

  whole(r: TfResource): Span {
    const b = this.base(r.file);
    return { start: b + r.at.start, end: b + r.at.end };
  }
}

/** `versioning { enabled, mfa_delete }` (inline, provider < 4) or `versioning_configuration { status, mfa_delete }`. */
export function versioningEntries(w: PropertyWriter, v: BodyView, r: TfResource, split: boolean): MapEntry[] {
  const out: MapEntry[] = [];
  const status = v.attr(split ? 'status' : 'enabled');
  if (status) {
    const value = split
      ? w.value(status.value, r)
      : w.mapped(status.value, r, (x) =>
          x === true || x === 'true' ? 'Enabled' : x === false || x === 'false' ? 'Suspended' : undefined,
        );
    out.push({ key: w.key('Status', status.nameSpan, r), value });
  }
  const mfa = v.attr('mfa_delete');
  if (mfa) {
    const value = w.mapped(mfa.value, r, (x) =>
      x === true || x === 'true' || x === 'Enabled'
        ? true
        : x === false || x === 'false' || x === 'Disabled'
          ? false
          : undefined,
    );
    out.push({ key: w.key('MfaDelete', mfa.nameSpan, r), value });
  }
  return out;
}

export function aclValue(w: PropertyWriter, e: HclExpr, r: TfResource): SourceNode {
  return w.mapped(e, r, (x) => (typeof x === 'string' ? CANNED_ACL[x] : undefined));
}

export function publicAccessBlock(w: PropertyWriter, r: TfResource): MapEntry {
  const span = w.whole(r);
  return {
    key: w.key('PublicAccessBlockConfiguration', r.header, r),
    value: mapNode(w.bySpec(new BodyView(r.body), PUBLIC_ACCESS_BLOCK_SPEC, r), span.start, span.end),
  };
}

export function logging(
  w: PropertyWriter,
  view: BodyView,
  keySpan: Span,
  span: Span,
  r: TfResource,
): MapEntry {
  const b = w.base(r.file);
  return {
    key: w.key('LoggingConfiguration', keySpan, r),
    value: mapNode(w.bySpec(view, LOGGING_SPEC, r), b + span.start, b + span.end),
  };
}

/** `object_lock_configuration { rule { default_retention { … } } }`, inline or split. */
export function objectLock(
  w: PropertyWriter,
  view: BodyView,
  keySpan: Span,
  span: Span,
  r: TfResource,
): MapEntry {
  const b = w.base(r.file);
  const entries: MapEntry[] = [];
  const rule = w.block(view, 'rule', 'Rule', r, (rv) => {
    const retention = w.block(rv, 'default_retention', 'DefaultRetention', r, (dv) =>
      w.bySpec(dv, DEFAULT_RETENTION_SPEC, r),
    );
    return retention ? [retention] : [];
  });
  if (rule) entries.push(rule);
  return {
    key: w.key('ObjectLockConfiguration', keySpan, r),
    value: mapNode(entries, b + span.start, b + span.end),
  };
}

/** Lifecycle rules: `lifecycle_rule` (inline, `enabled`) or `rule` of the split resource (`status`). */
export function lifecycle(
  w: PropertyWriter,
  view: BodyView,
  tf: string,
  keySpan: Span,
  span: Span,
  r: TfResource,
): MapEntry | undefined {
  const b = w.base(r.file);
  const rules = view.blocks(tf);
  if (rules !== undefined && rules.length === 0) return undefined;
  const items =
    rules === undefined
      ? w.ex.unknown(w.computedWhy(view, tf, r), b + span.start, b + span.end)
      : seqNode(
          rules.map((x) => mapNode(lifecycleRule(w, x.body, r), b + x.span.start, b + x.span.end)),
          b + span.start,
          b + span.end,
        );
  return {
    key: w.key('LifecycleConfiguration', keySpan, r),
    value: mapNode([{ key: w.key('Rules', keySpan, r), value: items }], b + span.start, b + span.end),
  };
}

function lifecycleRule(w: PropertyWriter, v: BodyView, r: TfResource): MapEntry[] {
  const out: MapEntry[] = [];
  const status = v.attr('status') ?? v.attr('enabled');
  if (status) {
    const value =
      status.name === 'status'
        ? w.value(status.value, r)
        : w.mapped(status.value, r, (x) =>
            x === true || x === 'true' ? 'Enabled' : x === false || x === 'false' ? 'Disabled' : undefined,
          );
    out.push({ key: w.key('Status', status.nameSpan, r), value });
  } else {
    // The split resource requires `status`; inline rules default to enabled only when written so.
    const key = w.key('Status', r.header, r);
    out.push({ key, value: scalarNode('Enabled', key.start, key.end) });
  }
  const expiration = v.blocks('expiration')?.[0];
  if (expiration) {
    const days = expiration.body.attr('days');
    const date = expiration.body.attr('date');
    if (days) out.push({ key: w.key('ExpirationInDays', days.nameSpan, r), value: w.value(days.value, r) });
    if (date) out.push({ key: w.key('ExpirationDate', date.nameSpan, r), value: w.value(date.value, r) });
  }
  for (const [tf, cfn] of [
    ['transition', 'Transitions'],
    ['noncurrent_version_transition', 'NoncurrentVersionTransitions'],
  ] as const) {
    const t = v.blocks(tf);
    if (!t?.[0]) continue;
    const key = w.key(cfn, t[0].keySpan, r);
    out.push({ key, value: seqNode([], key.start, key.end) });
  }
  const noncurrent = v.blocks('noncurrent_version_expiration')?.[0];
  if (noncurrent) {
    const days = noncurrent.body.attr('noncurrent_days') ?? noncurrent.body.attr('days');
    if (days)
      out.push({
        key: w.key('NoncurrentVersionExpirationInDays', days.nameSpan, r),
        value: w.value(days.value, r),
      });
  }
  return out;
}

/** Bound on conditionals nested in the branches of one translated value. */
const MAX_BRANCH_DEPTH = 16;
