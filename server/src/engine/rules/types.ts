// The contract between rules and the engine. A rule declares its metadata and reports findings in model
// terms (a resource, the value at fault); the engine turns them into located findings. Rules never see
// text, offsets or editor types.
import type { FixIntent } from '../fix/intents';
import type { Format, Model, ResourceBase, Value } from '../model/types';

export type Severity = 'error' | 'warning' | 'info';

/** Where rule documentation is published; each rule's page is `<ID>-<slug>.md`. */
export const DOCS_BASE_URL = 'https://github.com/trail-lint/trail-lint/blob/main/docs/rules/';

export interface RuleMeta {
  /** Public, permanent id (see docs/rules/README.md). */
  id: string;
  slug: string;
  title: string;
  /** Default severity; a rule may report some findings at another level (CT002, CT005). */
  severity: Severity;
  /** The inputs the rule can judge. */
  formats: readonly Format[];
  /** Whether the live account check evaluates it too. */
  live: boolean;
  /** Whether findings may carry fix intents. */
  fixable: boolean;
}

export function docsUrl(meta: Pick<RuleMeta, 'id' | 'slug'>): string {
  return `${DOCS_BASE_URL}${meta.id}-${meta.slug}.md`;
}

export interface Report {
  resource: ResourceBase;
  /** The value at fault. A value that is not written points at the resource's anchor (its Type line). */
  value?: Value<unknown>;
  message: string;
  /** When this finding is more (or less) severe than the rule's default. */
  severity?: Severity;
  /**
   * For CDK output, which is generated: what to change in the CDK app instead, for an L2 construct and,
   * where it differs, for an L1 `Cfn*` construct.
   */
  cdk?: { l2: string; l1?: string };
  /** Repairs, each one editor action; the writers of each format turn them into edits. */
  fixes?: FixIntent[];
}

export interface RuleContext {
  report(report: Report): void;
  /** A check whose outcome depends on an unresolved value: silent unless the user asks for such notes. */
  unverified(resource: ResourceBase, value: Value<unknown>, what: string): void;
}

export interface Rule {
  meta: RuleMeta;
  check(model: Model, context: RuleContext): void;
}

export const TEMPLATE_AND_LIVE: readonly Format[] = ['cloudformation', 'cdk', 'terraform', 'live'];
/** Rules the catalog does not evaluate against the live account. */
export const TEMPLATES_ONLY: readonly Format[] = ['cloudformation', 'cdk', 'terraform'];
