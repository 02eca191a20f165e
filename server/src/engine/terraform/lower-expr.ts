// Terraform expressions → the source tree the CloudFormation reader resolves. References to resources
// become `Ref` / `Fn::GetAtt` (so that links, ARNs and policies work as they do for templates), variables
// become `Ref`s to parameters carrying their defaults, locals are inlined, templates become `Fn::Join`,
// `jsonencode(...)` its argument, `file(...)` the JSON file it reads, a conditional `Fn::If` (both branches
// kept, as for a template's conditions: a variable is set at plan time). Whatever a module alone cannot
// tell (module outputs, most data sources, functions) becomes an explicit unknown with the reason, which
// rules never count as a violation. Offsets are moved into the module's combined text.
import { UNKNOWN_FN } from '../cfn/resolve';
import { parseJson } from '../source/json-parse';
import { DEFAULT_LIMITS } from '../source/limits';
import { COMPUTED_INDEX, loneInterpolation, type HclExpr } from '../source/hcl';
import { mapNode, scalarNode, seqNode, type SourceNode } from '../source/node';
import { BodyView } from './body';
import { jsonHeredoc } from './lower-heredoc';
import { joinedText } from './lower-join';
import type { TfLocal, TfResource } from './config';

/** What expression lowering needs to know about the module. */
export interface ModuleScope {
  /** Offset of a file's text in the module's combined text. */
  base(file: string): number;
  /**
   * The synthetic id of the resource a reference names, seen from a module and a file. `key`, the step
   * after the name (`aws_s3_bucket.logs["b"]`), picks among a plan's instances; a plan without that
   * instance has no answer.
   */
  resourceId(
    module: string,
    mode: 'resource' | 'data',
    type: string,
    name: string,
    file: string,
    key?: string,
  ): string | undefined;
  resource(id: string): TfResource | undefined;
  local(module: string, name: string): TfLocal | undefined;
  /** Whether `var.<name>` is declared (it is then a template parameter named `var.<name>`). */
  hasVariable(name: string): boolean;
  /** The declared default of `var.<name>`, and the file it is written in. */
  variableDefault(name: string): { value: HclExpr; file: string } | undefined;
  /** A policy document data source, lowered. */
  policyDocument(id: string): SourceNode | undefined;
  /** Text of a file of the module for `file()`, by the path as written; undefined when not readable. */
  readFile?: (path: string) => string | undefined;
  /** What is written from `start` to `end` (offsets in the file's own text). */
  written(file: string, start: number, end: number): string;
}

/** Attributes that name a resource the way CloudFormation's `Ref` does, per resource type. */
const REF_ATTRIBUTES = new Set(['id', 'bucket', 'name', 'key_id', 'unique_id', 'policy_id']);

/** Resources whose `Ref` (their name or id) the model links by: references to them stay references. */
const NAMED_TYPES = new Set([
  'aws_s3_bucket',
  'aws_kms_key',
  'aws_kms_alias',
  'aws_cloudwatch_log_group',
  'aws_cloudtrail',
  'aws_iam_role',
  'aws_iam_user',
  'aws_iam_group',
  'aws_iam_policy',
  'aws_sns_topic',
]);

/** The expression written at an attribute path of a resource: `name`, or `block[0].attr` through nested blocks. */
function writtenAt(r: TfResource, path: readonly string[]): HclExpr | undefined {
  let view = new BodyView(r.body);
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string;
    if (i === path.length - 1) return view.attr(step)?.value;
    const index = /^\d+$/.test(path[i + 1] ?? '') ? Number(path[++i]) : 0;
    const block = view.blocks(step)?.[index];
    if (!block || i === path.length - 1) return undefined;
    view = block.body;
  }
  return undefined;
}

/** The steps after `type.name` of a reference that has none. */
const NO_STEPS: readonly string[] = [];

/** Bound on local/variable indirection, so that cycles cannot loop. */
const MAX_DEPTH = 24;

/** How much of a condition's text names it in messages ("depends on condition var.encrypt"). */
const MAX_CONDITION_TEXT = 60;

export class ExprLowering {
  /**
   * Each local lowered once per module: every resource of a module refers to the same few (`local.tags`,
   * `local.account_id`), and the lowering of one depends only on its expression, its module and how deep
   * it starts (through the bound on nesting). `reach` is how much deeper than its start the lowering went:
   * a result is kept and reused only where no node of it comes near the bound, so it is what lowering
   * again would give. Nodes are never changed once made, so sharing one is safe.
   */
  private readonly locals = new Map<HclExpr, { module: string; node: SourceNode; reach: number }>();
  /** The deepest `depth` a lowering reached, for `reach`. */
  private deepest = 0;

  constructor(private readonly scope: ModuleScope) {}

  /** An expression as written, on one line and cut short, for notes that name what decides a value. */
  spelledOut(e: HclExpr, file: string): string {
    const text =
      e.kind === 'reference'
        ? spelled(e.path)
        : this.scope.written(file, e.start, e.end).replace(/\s+/g, ' ');
    return text.length > MAX_CONDITION_TEXT ? `${text.slice(0, MAX_CONDITION_TEXT - 1)}…` : text;
  }

  unknown(why: string, start: number, end: number): SourceNode {
    return mapNode(
      [{ key: scalarNode(UNKNOWN_FN, start, start), value: scalarNode(why, start, end) }],
      start,
      end,
    );
  }

  /**
   * A `Ref` to a variable replaced by its default, where a value must be translated (canned ACLs, enabled
   * flags): the parameter itself would keep Terraform's spelling.
   */
  defaulted(node: SourceNode): SourceNode {
    const ref = intrinsic(node, 'Ref');
    const name = ref?.kind === 'scalar' ? String(ref.value) : '';
    if (!name.startsWith('var.')) return node;
    const declared = this.scope.variableDefault(name.slice(4));
    const value = declared && this.lower(declared.value, declared.file, '', 1);
    return value?.kind === 'scalar' ? scalarNode(value.value, node.start, node.end) : node;
  }

  lower(e: HclExpr, file: string, module: string, depth = 0): SourceNode {
    const base = this.scope.base(file);
    const start = base + e.start;
    const end = base + e.end;
    if (depth > this.deepest) this.deepest = depth;
    if (depth > MAX_DEPTH) return this.unknown('references that nest too deeply', start, end);
    switch (e.kind) {
      case 'literal':
        return scalarNode(e.value, start, end);
      case 'template':
      case 'heredoc': {
        if (e.kind === 'heredoc') {
          const json = jsonHeredoc(e, this.scope.written(file, e.start, e.end), base, (p) =>
            this.interpolated(p, file, module, depth + 1),
          );
          if (json) return json;
        }
        const only = loneInterpolation(e);
        if (only) return this.lower(only, file, module, depth + 1);
        const parts = e.parts.map((p) =>
          typeof p === 'string' ? scalarNode(p, start, end) : this.interpolated(p, file, module, depth + 1),
        );
        return joinedText(parts, start, end);
      }
      case 'object':
        return mapNode(
          e.entries.map((x) => ({
            key: scalarNode(x.key ?? '', base + x.keySpan.start, base + x.keySpan.end),
            value:
              x.key === undefined
                ? this.unknown('a computed key', start, end)
                : this.lower(x.value, file, module, depth + 1),
          })),
          start,
          end,
        );
      case 'tuple':
        return seqNode(
          e.items.map((i) => this.lower(i, file, module, depth + 1)),
          start,
          end,
        );
      case 'reference':
        return this.reference(e.path, file, module, start, end, depth);
      case 'call':
        return this.call(e, file, module, start, end, depth);
      case 'conditional':
        return this.conditional(e, file, module, start, end, depth);
      case 'other':
        return this.unknown(
          'an expression trail-lint does not evaluate (an operator, a for, a splat)',
          start,
          end,
        );
    }
  }

  /**
   * An interpolation among other text. Terraform refuses null there ("Cannot include a null value in a
   * string template"), so a variable whose default is null is unknown here, where on its own it is unset.
   */
  private interpolated(p: HclExpr, file: string, module: string, depth: number): SourceNode {
    if (p.kind === 'other' && this.scope.written(file, p.start, p.start + 2) === '%{') {
      const base = this.scope.base(file);
      const why = 'a template directive (%{ for } or %{ if }), whose text depends on values';
      return this.unknown(why, base + p.start, base + p.end);
    }
    const name = p.kind === 'reference' && p.path.length === 2 && p.path[0] === 'var' ? p.path[1] : undefined;
    const declared = name === undefined ? undefined : this.scope.variableDefault(name)?.value;
    if (declared?.kind === 'literal' && declared.value === null) {
      const base = this.scope.base(file);
      const why = `var.${name}, whose default is null, which Terraform cannot put in a string`;
      return this.unknown(why, base + p.start, base + p.end);
    }
    return this.lower(p, file, module, depth);
  }

  private reference(
    path: string[],
    file: string,
    module: string,
    start: number,
    end: number,
    depth: number,
  ): SourceNode {
    // No destructuring and no joined text up front: this runs for every reference of the module, and the
    // text is only needed for the message of an unknown.
    const head = path[0] ?? '';
    const second = path[1];
    const rest = path.length > 2 ? path.slice(2) : NO_STEPS;
    if (head === 'var' && second !== undefined) {
      if (!this.scope.hasVariable(second))
        return this.unknown(`var.${second}, which this module does not declare`, start, end);
      if (rest.length === 0) return fn('Ref', scalarNode(`var.${second}`, start, end), start, end);
      // A member of an object or list variable: taken from its default.
      const declared = this.scope.variableDefault(second);
      if (!declared) return this.unknown(`variable "${second}", which has no default`, start, end);
      return this.member(
        this.lower(declared.value, declared.file, module, depth + 1),
        rest,
        path,
        start,
        end,
      );
    }
    if (head === 'local' && second !== undefined) {
      const local = this.scope.local(module, second);
      if (!local) return this.unknown(`local.${second}, which this module does not define`, start, end);
      return this.member(this.lowerLocal(local, module, depth + 1), rest, path, start, end);
    }
    if (head === 'path' && second === 'module') return scalarNode('.', start, end);
    if (head === 'data' && second !== undefined && rest[0] !== undefined)
      return this.dataReference(second, rest[0], rest.slice(1), file, module, start, end, path);
    if (head === 'module') return this.unknown(`${spelled(path)}, an output of another module`, start, end);
    if (second === undefined || !head.includes('_'))
      return this.unknown(`${spelled(path)}, which trail-lint does not evaluate`, start, end);
    const id = this.scope.resourceId(module, 'resource', head, second, file, rest[0]);
    if (!id) return this.unknown(`${head}.${second}, which this module does not define`, start, end);
    const attrs = this.attributePath(id, rest);
    const attr = attrs[0];
    if (attr === undefined) return this.unknown(`${spelled(path)}, a whole resource`, start, end);
    const target = this.scope.resource(id);
    const named = target !== undefined && NAMED_TYPES.has(target.type);
    if (attrs.length === 1 && attr === 'arn')
      return fn(
        'Fn::GetAtt',
        seqNode([scalarNode(id, start, end), scalarNode('Arn', start, end)], start, end),
        start,
        end,
      );
    if (attrs.length === 1 && named && REF_ATTRIBUTES.has(attr))
      return fn('Ref', scalarNode(id, start, end), start, end);
    // Another attribute (or one of a resource that does not name itself, such as a bucket policy's
    // `bucket`): what is written on the resource, nested blocks included (`metric_transformation[0].name`).
    // The split S3 resources and bucket policies are identified by their bucket's name.
    const at =
      !named && attrs.length === 1 && attr === 'id' && target?.type.startsWith('aws_s3_bucket_')
        ? ['bucket']
        : attrs;
    const written = target && depth < MAX_DEPTH ? writtenAt(target, at) : undefined;
    if (target && written)
      return this.member(this.lower(written, target.file, target.module, depth + 1), [], path, start, end);
    if (attrs.length === 1 && REF_ATTRIBUTES.has(attr))
      return fn('Ref', scalarNode(id, start, end), start, end);
    return this.unknown(`${spelled(path)}, which is known only after apply`, start, end);
  }

  /**
   * `c ? a : b` as `Fn::If` named by the condition's text, so that a value both branches agree on is known
   * and one they disagree on "depends on condition var.x", as a template's do. A `null` branch leaves the
   * attribute unset (`Ref AWS::NoValue`). A literal condition picks its branch.
   */
  private conditional(
    e: Extract<HclExpr, { kind: 'conditional' }>,
    file: string,
    module: string,
    start: number,
    end: number,
    depth: number,
  ): SourceNode {
    const branch = (b: HclExpr): SourceNode => {
      if (b.kind !== 'literal' || b.value !== null) return this.lower(b, file, module, depth + 1);
      const base = this.scope.base(file);
      return fn(
        'Ref',
        scalarNode('AWS::NoValue', base + b.start, base + b.end),
        base + b.start,
        base + b.end,
      );
    };
    const c = e.condition;
    if (c.kind === 'literal' && typeof c.value === 'boolean') return branch(c.value ? e.then : e.otherwise);
    // A reference by its path: in `.tf.json` every piece of an expression spans its whole string.
    const name = this.spelledOut(c, file);
    return fn(
      'Fn::If',
      seqNode([scalarNode(name, start, start), branch(e.then), branch(e.otherwise)], start, end),
      start,
      end,
    );
  }

  private lowerLocal(local: TfLocal, module: string, depth: number): SourceNode {
    const kept = this.locals.get(local.value);
    if (kept && kept.module === module && depth + kept.reach < MAX_DEPTH) return kept.node;
    const outer = this.deepest;
    this.deepest = depth;
    const node = this.lower(local.value, local.file, module, depth);
    const reach = this.deepest - depth;
    if (this.deepest < MAX_DEPTH && !kept) this.locals.set(local.value, { module, node, reach });
    this.deepest = Math.max(outer, this.deepest);
    return node;
  }

  /**
   * `path` steps into a lowered structure (`local.x.enabled`, `var.list[0]`). A scalar reads as written
   * where it is used; structures keep their own locations.
   */
  private member(
    value: SourceNode,
    path: readonly string[],
    written: readonly string[],
    start: number,
    end: number,
  ): SourceNode {
    let node = value;
    for (const step of path) {
      const next =
        node.kind === 'map'
          ? node.entries.find((e) => e.key.value === step)?.value
          : node.kind === 'seq' && /^\d+$/.test(step)
            ? node.items[Number(step)]
            : undefined;
      if (!next)
        return this.unknown(
          step === COMPUTED_INDEX
            ? `${spelled(written)}, an element chosen at plan time`
            : `${spelled(written)}, which trail-lint could not find`,
          start,
          end,
        );
      node = next;
    }
    return node.kind === 'scalar' ? scalarNode(node.value, start, end) : node;
  }

  /** The attribute steps after `type.name`, without the instance key of a `count`/`for_each` resource. */
  private attributePath(id: string, rest: readonly string[]): readonly string[] {
    const target = this.scope.resource(id);
    const multi = target?.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
    const first = rest[0];
    if (first !== undefined && (multi || first === COMPUTED_INDEX || /^\d+$/.test(first)))
      return rest.slice(1);
    return rest;
  }

  private dataReference(
    type: string,
    name: string,
    attrs: string[],
    file: string,
    module: string,
    start: number,
    end: number,
    path: readonly string[],
  ): SourceNode {
    const attr = attrs[attrs.length - 1];
    // The account, region and partition a configuration runs in are the template's pseudo parameters.
    if (type === 'aws_caller_identity' && attr === 'account_id')
      return fn('Ref', scalarNode('AWS::AccountId', start, end), start, end);
    if (type === 'aws_region' && (attr === 'name' || attr === 'id' || attr === 'region'))
      return fn('Ref', scalarNode('AWS::Region', start, end), start, end);
    if (type === 'aws_partition' && attr === 'partition')
      return fn('Ref', scalarNode('AWS::Partition', start, end), start, end);
    if (type === 'aws_iam_policy_document' && (attr === 'json' || attr === 'minified_json')) {
      const id = this.scope.resourceId(module, 'data', type, name, file);
      const doc = id ? this.scope.policyDocument(id) : undefined;
      if (doc) return doc;
    }
    return this.unknown(`${spelled(path)}, a data source read at plan time`, start, end);
  }

  private call(
    e: Extract<HclExpr, { kind: 'call' }>,
    file: string,
    module: string,
    start: number,
    end: number,
    depth: number,
  ): SourceNode {
    const [arg] = e.args;
    switch (e.name) {
      case 'jsonencode': {
        // An object or list is what a policy says. A string (a heredoc of JSON too) becomes its JSON text,
        // quotes and all: a policy written so is refused, and no reader may take it for a document.
        // (`"${local.policy}"`, one interpolation alone, is that value, whatever its type.)
        if ((arg?.kind === 'template' && !loneInterpolation(arg)) || arg?.kind === 'heredoc')
          return this.unknown('jsonencode() of a string, which is JSON text, not a document', start, end);
        const value = arg
          ? this.lower(arg, file, module, depth + 1)
          : this.unknown('jsonencode()', start, end);
        return value.kind === 'scalar' ? scalarNode(JSON.stringify(value.value), start, end) : value;
      }
      case 'tostring':
      case 'tolist':
      case 'toset':
      case 'tomap':
      case 'tobool':
      case 'tonumber':
        // Converting functions leave what a policy or flag says unchanged.
        return arg ? this.lower(arg, file, module, depth + 1) : this.unknown(`${e.name}()`, start, end);
      case 'file': {
        const path = arg ? this.lower(arg, file, module, depth + 1) : undefined;
        const name =
          path?.kind === 'scalar' && typeof path.value === 'string' ? path.value : joinedPath(path);
        const text = name === undefined ? undefined : this.scope.readFile?.(name);
        if (text === undefined)
          return this.unknown(`file(${name ?? '…'}), which trail-lint could not read`, start, end);
        return jsonPinned(text, start, end) ?? scalarNode(text, start, end);
      }
      default:
        return this.unknown(`the result of ${e.name}()`, start, end);
    }
  }
}

/** A reference as written: `var.list[0]`, `aws_s3_bucket.logs[…].id`. */
function spelled(path: readonly string[]): string {
  let out = path[0] ?? '';
  for (const step of path.slice(1))
    out += step === COMPUTED_INDEX ? step : /^\d+$/.test(step) ? `[${step}]` : `.${step}`;
  return out;
}

/** The argument of a lowered intrinsic (`{ Ref: … }`, `{ 'Fn::If': […] }`) when `node` is that one. */
export function intrinsic(node: SourceNode | undefined, name: string): SourceNode | undefined {
  const only = node?.kind === 'map' && node.entries.length === 1 ? node.entries[0] : undefined;
  return only?.key.value === name ? only.value : undefined;
}

function fn(name: string, arg: SourceNode, start: number, end: number): SourceNode {
  return mapNode([{ key: scalarNode(name, start, start), value: arg }], start, end);
}

/** `file("${path.module}/policy.json")`: the path when every piece of it is a literal. */
function joinedPath(node: SourceNode | undefined): string | undefined {
  const join = intrinsic(node, 'Fn::Join');
  const parts = join?.kind === 'seq' ? join.items[1] : undefined;
  if (parts?.kind !== 'seq' || !parts.items.every((p) => p.kind === 'scalar')) return undefined;
  return parts.items.map((p) => (p.kind === 'scalar' ? String(p.value) : '')).join('');
}

/** A JSON file's content as a tree whose every node points at the `file(...)` call that reads it. */
function jsonPinned(text: string, start: number, end: number): SourceNode | undefined {
  const parsed = parseJson(text, DEFAULT_LIMITS);
  if (!parsed.root || parsed.problems.length > 0) return undefined;
  const pin = (n: SourceNode): SourceNode => {
    switch (n.kind) {
      case 'scalar':
        return scalarNode(n.value, start, end);
      case 'seq':
        return seqNode(n.items.map(pin), start, end);
      case 'map':
        return mapNode(
          n.entries.map((x) => ({
            key: scalarNode(x.key.value, start, end),
            value: x.value && pin(x.value),
          })),
          start,
          end,
        );
    }
  };
  return pin(parsed.root);
}
