// A Terraform configuration as trail-lint reads it, whatever the input: HCL `.tf` files, `.tf.json` files or
// a `terraform show -json` plan. Each reader turns its input into these few shapes (resource blocks with
// their attributes and nested blocks as HCL expressions, variables, locals, comments); `lower.ts` takes it
// from there. Every span is an offset into the text of the file the item names.
import type { HclAttribute, HclBody, HclComment, HclExpr } from '../source/hcl';
import type { ParseProblem, Span } from '../source/node';

export interface TfResource {
  mode: 'resource' | 'data';
  type: string;
  name: string;
  /**
   * The module the resource belongs to, as Terraform addresses it: `''` for the root module,
   * `module.audit` or `module.audit.module.logs` for child modules (plans). References inside the
   * resource are relative to it.
   */
  module: string;
  /**
   * A plan's instance of a `count` / `for_each` resource: its `index` (`0`, `"west"`), which its address
   * ends with. `.tf` files declare the resource once, without one.
   */
  index?: number | string;
  file: string;
  /** The whole block (HCL), the resource object (JSON, plan). */
  at: Span;
  /**
   * Where findings about a missing attribute point: `resource "aws_cloudtrail" "main"` (HCL), the
   * `"main"` key (JSON), the `"address"` member of the resource object (plan).
   */
  header: Span;
  /**
   * Attributes and nested blocks. Readers that cannot tell an attribute from a nested block (`.tf.json`,
   * plans) give nested blocks as attributes whose values are objects or tuples of objects; `lower.ts`
   * accepts both. `depends_on`, `count` and `for_each` are attributes like any other.
   */
  body: HclBody;
}

export interface TfVariable {
  name: string;
  file: string;
  /** The `variable "x"` block. */
  at: Span;
  /** Its `default`, when it has one. */
  default: HclExpr | undefined;
}

export interface TfLocal {
  name: string;
  file: string;
  nameSpan: Span;
  value: HclExpr;
}

export interface TfComment extends HclComment {
  file: string;
}

export interface TfProblem extends ParseProblem {
  file: string;
}

/** A `module "name" { … }` call: what it is given may be configured inside it, out of sight. */
export interface TfModuleCall {
  name: string;
  file: string;
  attributes: HclAttribute[];
}

/** What a reader gives for one file; a module is the concatenation of its files' parts. */
export interface TfConfig {
  resources: TfResource[];
  moduleCalls: TfModuleCall[];
  variables: TfVariable[];
  locals: TfLocal[];
  comments: TfComment[];
  problems: TfProblem[];
}

export function emptyConfig(): TfConfig {
  return { resources: [], moduleCalls: [], variables: [], locals: [], comments: [], problems: [] };
}

export function mergeConfigs(configs: TfConfig[]): TfConfig {
  // A one-file module (the common case) is its file's config: no copy of every list per lint.
  if (configs.length === 1) return configs[0] as TfConfig;
  const out = emptyConfig();
  for (const c of configs) {
    out.resources.push(...c.resources);
    out.moduleCalls.push(...c.moduleCalls);
    out.variables.push(...c.variables);
    out.locals.push(...c.locals);
    out.comments.push(...c.comments);
    out.problems.push(...c.problems);
  }
  return out;
}

/** `aws_cloudtrail.main`, `data.aws_iam_policy_document.p`, `module.audit.aws_cloudtrail.main`. */
export function addressOf(r: Pick<TfResource, 'mode' | 'type' | 'name' | 'module' | 'index'>): string {
  const local = r.mode === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`;
  const key = r.index === undefined ? '' : `[${JSON.stringify(r.index)}]`;
  return r.module ? `${r.module}.${local}${key}` : `${local}${key}`;
}

/**
 * Whether a resource holds a syntax problem: it is being typed. Inclusive ends, because tree-sitter's
 * zero-width "missing }" sits exactly at the end of an unclosed block.
 */
export function isBroken(r: Pick<TfResource, 'file' | 'at'>, problems: readonly TfProblem[]): boolean {
  return problems.some((p) => p.file === r.file && p.start <= r.at.end && p.end >= r.at.start);
}
