// A `terraform show -json` plan → the Terraform configuration parts trail-lint needs, in the shapes the
// `.tf` readers give. A plan holds values, not expressions: every planned resource instance (root and child
// modules) becomes a resource whose attributes are its planned values. Values Terraform knows only after
// apply are missing from a plan; for those the unevaluated configuration still says what they refer to
// (`aws_s3_bucket.logs.id`), and that reference is what the lowering needs to link resources. Format:
// https://developer.hashicorp.com/terraform/internals/json-format. Nothing here throws.
import { createScanner, parseTree, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { HclAttribute, HclExpr, HclObjectEntry } from '../source/hcl';
import { jsonErrorWords } from '../source/json-parse';
import { DEFAULT_LIMITS } from '../source/limits';
import type { Span } from '../source/node';
import { emptyConfig, type TfConfig } from './config';
import { traversal, type Step } from './traversal';

/** Bound on nesting: jsonc-parser and the conversion below recurse, so deeper files are refused first. */
const MAX_DEPTH = DEFAULT_LIMITS.maxDepth;
const MAX_TOKENS = DEFAULT_LIMITS.maxExpandedNodes;

/** Whether a JSON text is a plan: an object with `format_version` and `planned_values` at its top level. */
export function isPlanJson(text: string): boolean {
  if (!/^\uFEFF?\s*\{/.test(text)) return false;
  // A native substring search settles most JSON files (CloudFormation templates) before any scanning.
  if (!text.includes('"planned_values"') || !text.includes('"format_version"')) return false;
  return hasTopLevelKeys(text, ['format_version', 'planned_values']);
}

/** One member of an object read by `fill`, before it becomes an attribute or an object entry. */
interface Filled {
  name: string;
  keySpan: Span;
  span: Span;
  value: HclExpr;
}

interface Plan {
  file: string;
  config: TfConfig;
  /** `change.after_unknown` of each resource instance, by address. */
  unknown: Map<string, Node>;
  /** `configuration.root_module`. */
  configRoot: Node | undefined;
  /** Configuration modules by module address (`module.a[0].module.b`), found once. */
  configModules: Map<string, Node | undefined>;
}

export function configFromPlan(file: string, text: string): TfConfig {
  const config = emptyConfig();
  const fail = (at: Span, why: string): TfConfig => {
    config.problems.push({ ...at, message: `Terraform plan JSON could not be read: ${why}`, file });
    return config;
  };
  const size = measure(text);
  if (size.tooDeepAt !== undefined)
    return fail(
      { start: size.tooDeepAt, end: size.tooDeepAt + 1 },
      `it nests deeper than ${MAX_DEPTH} levels`,
    );
  if (size.tokens > MAX_TOKENS) return fail({ start: 0, end: 0 }, `it holds more than ${MAX_TOKENS} values`);

  const errors: ParseError[] = [];
  // A byte-order mark becomes a space: same length, so every offset stays exact.
  const source = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const root = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0) {
    // Nothing of a broken plan is read: a plan cut short would show attributes it lost as unset, and
    // unset attributes get provider defaults, which rules would judge. A truncated file gets the same
    // complaint once per open container: one per place is enough.
    const seen = new Set<number>();
    for (const e of errors) {
      if (seen.has(e.offset)) continue;
      seen.add(e.offset);
      fail({ start: e.offset, end: e.offset + e.length }, jsonErrorWords(e.error));
    }
    return config;
  }
  if (root?.type !== 'object') return fail({ start: 0, end: text.length }, 'it is not a JSON object');
  const version = member(root, 'format_version');
  const v = str(version?.value);
  // The documented contract: minor versions only add, a new major version may change anything.
  if (!v?.startsWith('1.'))
    return fail(version?.span ?? { start: 0, end: 0 }, `format_version ${v ?? '(missing)'} is not 1.x`);
  const planned = get(root, 'planned_values');
  if (!planned) return fail({ start: 0, end: 0 }, 'it has no planned_values (a state file is not a plan)');

  const p: Plan = {
    file,
    config,
    unknown: new Map(),
    configRoot: get(get(root, 'configuration'), 'root_module'),
    configModules: new Map(),
  };
  for (const change of items(get(root, 'resource_changes'))) {
    const address = str(get(change, 'address'));
    const unknown = get(get(change, 'change'), 'after_unknown');
    if (address !== undefined && unknown?.type === 'object') p.unknown.set(address, unknown);
  }
  const rootModule = get(planned, 'root_module');
  if (rootModule) readModule(p, rootModule, '', 0);
  return config;
}

function readModule(p: Plan, n: Node, address: string, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const r of items(get(n, 'resources'))) readResource(p, r, address);
  for (const child of items(get(n, 'child_modules'))) {
    const childAddress = str(get(child, 'address')) ?? moduleFromResource(child);
    if (childAddress !== undefined) readModule(p, child, childAddress, depth + 1);
  }
}

function readResource(p: Plan, n: Node, module: string): void {
  const mode = str(get(n, 'mode'));
  const type = str(get(n, 'type'));
  const name = str(get(n, 'name'));
  if (type === undefined || name === undefined || (mode !== 'managed' && mode !== 'data')) return;
  // An instance Terraform is about to forget (`removed` with `destroy = false`) stays in planned_values,
  // without `values`: it is no longer the module's, and reading it would judge an empty resource.
  if (!member(n, 'values')) return;
  const at = spanOf(n);
  const address = member(n, 'address');
  const header = address?.span ?? at;
  const cfg = configResource(p, module, mode, type, name);
  const unknown = p.unknown.get(str(address?.value) ?? '');
  const filled = fill(get(n, 'values'), unknown, get(cfg, 'expressions'), { key: header, span: at }, 0, type);
  const attributes: HclAttribute[] = filled.map(toAttribute);
  if (cfg) {
    const has = (key: string): boolean => attributes.some((a) => a.name === key);
    // An instance of a `count` / `for_each` resource: the lowering strips instance keys from references
    // to resources that have these (`aws_s3_bucket.logs["a"].id`).
    if (get(n, 'index') !== undefined) {
      for (const [key, from] of [
        ['count', 'count_expression'],
        ['for_each', 'for_each_expression'],
      ] as const) {
        const m = member(cfg, from);
        if (m?.value && !has(key)) attributes.push(toAttribute(fromConfig(key, m, configExpr(m.value))));
      }
    }
    const deps = member(cfg, 'depends_on');
    if (deps?.value && !has('depends_on'))
      attributes.push(toAttribute(fromConfig('depends_on', deps, dependsOn(deps.value))));
    // Values known at plan time lose the references they were written with, and with them the order
    // Terraform creates resources in (a trail naming `aws_s3_bucket_policy.x.bucket` waits for it): every
    // reference of the configuration is kept under a name no provider attribute has.
    const refs = allReferences(get(cfg, 'expressions'), 0);
    if (refs.length > 0)
      attributes.push({
        name: CONFIGURATION_REFERENCES,
        nameSpan: header,
        start: header.start,
        end: header.end,
        value: { ...header, kind: 'tuple', items: refs },
      });
  }
  const index = get(n, 'index')?.value as unknown;
  p.config.resources.push({
    mode: mode === 'data' ? 'data' : 'resource',
    type,
    name,
    module,
    ...(typeof index === 'number' || typeof index === 'string' ? { index } : {}),
    file: p.file,
    at,
    header,
    body: { attributes, blocks: [] },
  });
}

/**
 * The members of a planned object (`values` or an object inside it) as attributes: the planned value
 * where there is one; else, when the value is null, missing or unknown, what the configuration refers to.
 * An unknown value that refers to nothing this reader can name is `other` (unresolved), never left out:
 * a missing attribute reads as unset, and unset gets the provider's default.
 */
function fill(
  values: Node | undefined,
  unknown: Node | undefined,
  exprs: Node | undefined,
  fallback: { key: Span; span: Span },
  depth: number,
  /** The resource type, for its top-level members. */
  type?: string,
): Filled[] {
  const out: Filled[] = [];
  const done = new Set<string>();
  // Indexed once: planned maps can be large, and each member looks up its mark and its expression.
  const marks = byName(unknown);
  const written = byName(isBlockExpressions(exprs) ? exprs : undefined);
  const unset = (name: string): void => {
    if (done.has(name)) return;
    done.add(name);
    // A nested block the provider never computes, unknown and not in the configuration, is a `dynamic`
    // block's (the configuration leaves those out): unknown, not unset.
    const configured = exprs !== undefined && !WRITTEN_ONLY.has(`${type}.${name}`);
    const found = notPlanned(name, marks.get(name)?.value, written.get(name), fallback, configured);
    if (found) out.push(found);
  };
  for (const m of members(values)) {
    if (!m.value || m.value.type === 'null') {
      // A printed null that `after_unknown` does not mark is known: the attribute is unset. (Terraform
      // leaves unknown values out of `values`; a reference in the configuration may still have been null.)
      const mark = marks.get(m.name)?.value;
      if (m.value && !(mark?.type === 'boolean' && mark.value === true)) {
        done.add(m.name);
        continue;
      }
      unset(m.name);
    } else if (!done.has(m.name)) {
      done.add(m.name);
      const value = valueExpr(m.value, marks.get(m.name)?.value, written.get(m.name)?.value, depth + 1);
      out.push({ name: m.name, keySpan: spanOf(m.key), span: m.span, value });
    }
  }
  for (const name of marks.keys()) unset(name);
  for (const name of written.keys()) unset(name);
  return out;
}

/**
 * Nested blocks that only the author sets (Optional, not Computed, in the AWS provider's schema): when the
 * plan has one unknown, a `dynamic` block wrote it.
 */
const WRITTEN_ONLY = new Set([
  'aws_cloudtrail.event_selector',
  'aws_cloudtrail.advanced_event_selector',
  'aws_cloudtrail.insight_selector',
]);

/**
 * An attribute without a planned value: its configuration reference (`m`, the member of the block's
 * expressions), `other` when unknown, else nothing.
 */
function notPlanned(
  name: string,
  unknown: Node | undefined,
  m: Member | undefined,
  fallback: { key: Span; span: Span },
  configured: boolean,
): Filled | undefined {
  const e = m?.value;
  // Located at the instance (its address, or the object holding the member), not at the configuration,
  // which one block shares among all its instances.
  const here = (value: HclExpr): Filled => ({
    name,
    keySpan: fallback.key,
    span: fallback.span,
    value: { ...value, start: fallback.key.start, end: fallback.key.end },
  });
  if (m && e && isExpression(e) && get(e, 'references')) return here(referenceExpr(e));
  if (unknown?.type !== 'boolean' || unknown.value !== true) return undefined;
  if (m && e) return here({ ...spanOf(e), kind: 'other' });
  // Unknown but not in the configuration that the plan carries: computed by the provider (an inline bucket
  // `policy`, say), not set by the author.
  if (configured) return undefined;
  return { name, keySpan: fallback.key, span: fallback.span, value: { ...fallback.span, kind: 'other' } };
}

/** A planned value. `unknown` and `exprs` are the matching parts of `after_unknown` and the configuration. */
function valueExpr(n: Node, unknown: Node | undefined, exprs: Node | undefined, depth: number): HclExpr {
  const span = spanOf(n);
  if (depth > MAX_DEPTH) return { ...span, kind: 'other' };
  const value: unknown = n.value;
  switch (n.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? { ...span, kind: 'literal', value }
        : { ...span, kind: 'other' };
    case 'null':
      // An unknown element of a list is planned as null, its place kept so that positions line up.
      return unknown?.type === 'boolean' && unknown.value === true
        ? { ...span, kind: 'other' }
        : { ...span, kind: 'literal', value: null };
    case 'array': {
      const planned = n.children ?? [];
      const marks = unknown?.type === 'array' ? unknown.children : undefined;
      // Nested blocks line up with their configuration only when as many are written (`dynamic` blocks
      // are left out of the configuration).
      const written =
        exprs?.type === 'array' && exprs.children?.length === planned.length ? exprs.children : [];
      return {
        ...span,
        kind: 'tuple',
        items: planned.map((c, i) => valueExpr(c, marks?.[i], written[i], depth + 1)),
      };
    }
    case 'object':
      return {
        ...span,
        kind: 'object',
        entries: fill(n, unknown, exprs, { key: span, span }, depth + 1).map((f): HclObjectEntry => ({
          key: f.name,
          keySpan: f.keySpan,
          value: f.value,
        })),
      };
    default:
      return { ...span, kind: 'other' };
  }
}

/** A configuration expression: its constant value, or the one traversal it is, or `other`. */
function configExpr(e: Node): HclExpr {
  const constant = member(e, 'constant_value');
  if (constant?.value) return valueExpr(constant.value, undefined, undefined, 0);
  if (get(e, 'references')) return referenceExpr(e);
  return { ...spanOf(e), kind: 'other' };
}

/**
 * `{"references": ["aws_s3_bucket.logs[0].id", "aws_s3_bucket.logs[0]", "aws_s3_bucket.logs"]}` → the
 * reference `aws_s3_bucket.logs.0.id`. Terraform lists each traversal and then its shorter steps, so
 * an expression is one plain reference when every entry is a step of the longest; anything else
 * (`"${var.a}-${var.b}"`, `x[count.index]`) is `other`. (A call around one traversal, `lower(var.a)`,
 * cannot be told from the traversal alone: the configuration keeps only the references.)
 */
function referenceExpr(e: Node): HclExpr {
  const span = spanOf(e);
  const paths = items(get(e, 'references')).map((r) => {
    const s = str(r);
    return s === undefined ? undefined : flat(traversal(s));
  });
  let longest: string[] | undefined;
  for (const path of paths) if (path && path.length > (longest?.length ?? 0)) longest = path;
  if (!longest || paths.some((path) => !path || path.some((step, i) => longest?.[i] !== step)))
    return { ...span, kind: 'other' };
  return { ...span, kind: 'reference', path: longest };
}

/** The attribute that carries every reference of a resource's configuration (see readResource). */
export const CONFIGURATION_REFERENCES = '(configuration references)';

function allReferences(n: Node | undefined, depth: number): HclExpr[] {
  if (!n || depth > MAX_DEPTH) return [];
  if (n.type === 'object') {
    const refs = get(n, 'references');
    if (refs) {
      return items(refs).flatMap((r): HclExpr[] => {
        const path = flat(traversal(str(r) ?? ''));
        return path ? [{ ...spanOf(r), kind: 'reference', path }] : [];
      });
    }
  }
  return (n.children ?? []).flatMap((c) =>
    allReferences(c.type === 'property' ? c.children?.[1] : c, depth + 1),
  );
}

/** `"depends_on": ["aws_s3_bucket.logs", "module.x"]` → a tuple of references, as `.tf` files give it. */
function dependsOn(n: Node): HclExpr {
  if (n.type !== 'array') return { ...spanOf(n), kind: 'other' };
  const refs = (n.children ?? []).map((c): HclExpr => {
    const s = str(c);
    const path = s === undefined ? undefined : flat(traversal(s));
    return path ? { ...spanOf(c), kind: 'reference', path } : { ...spanOf(c), kind: 'other' };
  });
  return { ...spanOf(n), kind: 'tuple', items: refs };
}

/** The resource's block in the configuration of its module, by mode, type and name. */
function configResource(p: Plan, module: string, mode: string, type: string, name: string): Node | undefined {
  const m = configModule(p, module);
  return items(get(m, 'resources')).find(
    (r) => str(get(r, 'mode')) === mode && str(get(r, 'type')) === type && str(get(r, 'name')) === name,
  );
}

/** `module.a[0].module.b` → `module_calls.a.module.module_calls.b.module` (instance keys dropped). */
function configModule(p: Plan, address: string): Node | undefined {
  if (p.configModules.has(address)) return p.configModules.get(address);
  let m = p.configRoot;
  const steps = address === '' ? [] : traversal(address);
  if (!steps) m = undefined;
  for (let i = 0; m && steps && i < steps.length; i++) {
    const call = steps[i + 1];
    if (steps[i]?.name !== 'module' || !call || call.index) {
      m = undefined;
      break;
    }
    m = get(get(get(m, 'module_calls'), call.name), 'module');
    i += steps[i + 2]?.index ? 2 : 1;
  }
  p.configModules.set(address, m);
  return m;
}

/** A child module without an `address`: the module part of its first resource's address. */
function moduleFromResource(n: Node): string | undefined {
  const address = str(get(items(get(n, 'resources'))[0], 'address'));
  const prefix = address && /^(?:module\.[^.[]+(?:\[[^\]]*\])?\.)+/.exec(address)?.[0];
  return prefix ? prefix.slice(0, -1) : undefined;
}

const flat = (steps: Step[] | undefined): string[] | undefined => steps?.map((s) => s.name);

const toAttribute = (f: Filled): HclAttribute => ({
  ...f.span,
  name: f.name,
  nameSpan: f.keySpan,
  value: f.value,
});

function fromConfig(name: string, m: Member, value: HclExpr): Filled {
  return { name, keySpan: spanOf(m.key), span: m.span, value };
}

/** An expression object (`constant_value` / `references`) rather than the expressions of a nested block. */
function isExpression(n: Node): boolean {
  return (
    n.type === 'object' && members(n).every((m) => m.name === 'constant_value' || m.name === 'references')
  );
}

function isBlockExpressions(n: Node | undefined): n is Node {
  return n?.type === 'object' && !isExpression(n);
}

interface Member {
  key: Node;
  name: string;
  value: Node | undefined;
  /** The whole `"key": value`. */
  span: Span;
}

function members(n: Node | undefined): Member[] {
  if (n?.type !== 'object') return [];
  const out: Member[] = [];
  for (const prop of n.children ?? []) {
    const [key, value] = prop.children ?? [];
    const name: unknown = key?.value;
    if (prop.type !== 'property' || !key || typeof name !== 'string') continue;
    out.push({ key, name, value, span: { start: key.offset, end: spanOf(value ?? key).end } });
  }
  return out;
}

/** An object's members by name, the first of each name. */
function byName(n: Node | undefined): Map<string, Member> {
  const out = new Map<string, Member>();
  for (const m of members(n)) if (!out.has(m.name)) out.set(m.name, m);
  return out;
}

/** The first member of that name (JSON objects from Terraform have no duplicates). */
function member(n: Node | undefined, key: string): Member | undefined {
  return members(n).find((m) => m.name === key);
}

function get(n: Node | undefined, key: string): Node | undefined {
  return member(n, key)?.value;
}

function items(n: Node | undefined): Node[] {
  return n?.type === 'array' ? (n.children ?? []) : [];
}

function str(n: Node | undefined): string | undefined {
  const value: unknown = n?.value;
  return n?.type === 'string' && typeof value === 'string' ? value : undefined;
}

function spanOf(n: Node): Span {
  return { start: n.offset, end: n.offset + n.length };
}

/** Tokens that make a node of the tree (keys included): punctuation does not count against the limit. */
const VALUE_TOKENS: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.OpenBraceToken,
  SyntaxKind.OpenBracketToken,
  SyntaxKind.StringLiteral,
  SyntaxKind.NumericLiteral,
  SyntaxKind.TrueKeyword,
  SyntaxKind.FalseKeyword,
  SyntaxKind.NullKeyword,
]);

/**
 * Nesting and node count, by jsonc-parser's scanner, which is iterative and so safe at any depth (its
 * parser is not). Stops at the first value nested too deep.
 */
function measure(text: string): { tooDeepAt: number | undefined; tokens: number } {
  const scanner = createScanner(text, true);
  let depth = 0;
  let tokens = 0;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF && tokens <= MAX_TOKENS; k = scanner.scan()) {
    if (VALUE_TOKENS.has(k)) tokens++;
    if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_DEPTH) return { tooDeepAt: scanner.getTokenOffset(), tokens };
    } else if ((k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) && depth > 0) {
      depth--;
    }
  }
  return { tooDeepAt: undefined, tokens };
}

/** Whether all these keys are members of the top-level object, by scanning (no tree is built). */
function hasTopLevelKeys(text: string, keys: string[]): boolean {
  const wanted = new Set(keys);
  const scanner = createScanner(text, true);
  let depth = 0;
  let keyNext = false;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.OpenBraceToken) {
      depth++;
      keyNext = depth === 1;
    } else if (k === SyntaxKind.OpenBracketToken) {
      depth++;
      keyNext = false;
    } else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) {
      if (--depth <= 0) return false;
      keyNext = false;
    } else if (k === SyntaxKind.CommaToken) {
      keyNext = depth === 1;
    } else {
      if (keyNext && k === SyntaxKind.StringLiteral) {
        wanted.delete(scanner.getTokenValue());
        if (wanted.size === 0) return true;
      }
      keyNext = false;
    }
  }
  return false;
}
