// The engine's front door for Terraform: one module (every `.tf` / `.tf.json` file of a folder, as
// Terraform reads them) or one plan JSON in; findings and problems per file out. Lowered into a template
// (terraform/lower.ts), read by the same adapter, judged by the same rules, located back in the files.
import { parseTree } from 'jsonc-parser';
import { adaptTemplate } from './cfn/adapt';
import { Resolver } from './cfn/resolve';
import { CfnTemplate } from './cfn/template';
import { ValueReader } from './cfn/values';
import type { Finding, LintOptions } from './findings';
import type { LintResult, SourceDocument } from './lint';
import type { Loc } from './model/types';
import { RULES, ruleById } from './rules';
import { docsUrl, type Rule } from './rules/types';
import { runRules } from './run-rules';
import type { HclFile, SkipBody } from './source/hcl';
import { applySuppressions } from './suppress/apply';
import { addressOf, isBroken, mergeConfigs, type TfConfig, type TfResource } from './terraform/config';
import { finishTerraformModel, pseudoWords, terraformWording, type PseudoWords } from './terraform/finish';
import { LOWERED_TYPES, lowerModule, type LoweredModule } from './terraform/lower';
import { configFromHcl } from './terraform/read-hcl';
import { configFromPlan, isPlanJson } from './terraform/read-plan';
import { configFromTfJson } from './terraform/read-tf-json';
import { readTerraformSuppressions } from './terraform/suppress';

export interface TerraformInput {
  /** Every `.tf` and `.tf.json` file of one module folder, or one plan JSON file. */
  files: SourceDocument[];
  /** Reads HCL text (tree-sitter; loaded by the caller, node-side). */
  readHcl: (text: string, skipBody?: SkipBody) => HclFile;
  /** Text of another file of the module for `file()`, by the path as written; undefined when not readable. */
  readFile?: (path: string) => string | undefined;
}

/** What kind of Terraform input a file is, by name and (for plans) content. */
export function terraformKind(file: string, text: string): 'hcl' | 'json' | 'plan' | 'tfvars' | undefined {
  if (/\.tfvars(\.json)?$/i.test(file)) return 'tfvars';
  if (/\.tf$/i.test(file)) return 'hcl';
  if (/\.tf\.json$/i.test(file)) return 'json';
  if (/\.json$/i.test(file) && isPlanJson(text)) return 'plan';
  return undefined;
}

const MAX_PROBLEMS_PER_FILE = 10;

/**
 * Lowered resources that stand for part of another (`aws_s3_bucket.logs#policy`, `#possible-policy`,
 * `#possible-filter`): findings name the Terraform resource.
 */
const SYNTHETIC = /#(?:policy|possible-policy|possible-filter)$/;
const SYNTHETIC_IN_TEXT = /#(?:policy|possible-policy|possible-filter)\b/g;

/**
 * Resources and data sources trail-lint never lowers are read by their header only: most of a real module
 * (networks, instances, databases) says nothing about trails. A reference to one is then unresolved, which
 * never yields a violation.
 */
const notLowered: SkipBody = ([block, type]) =>
  (block === 'resource' || block === 'data') && type !== undefined && !LOWERED_TYPES.has(`${block}.${type}`);

/** The module's combined text is named by this, then every location is put back in its own file. */
const MODULE = '\0terraform-module';

export function lintTerraform(
  input: TerraformInput,
  options: LintOptions = {},
  rules: readonly Rule[] = RULES,
): Map<string, LintResult> {
  const results = new Map<string, LintResult>();
  const configs: TfConfig[] = [];
  const setByTfvars = new Set<string>();
  const overrides: TfConfig[] = [];
  for (const doc of input.files) {
    const kind = terraformKind(doc.file, doc.text);
    if (!kind) continue;
    if (kind === 'tfvars') {
      // terraform.tfvars / *.auto.tfvars (or their .json forms) set variables Terraform loads by itself.
      for (const name of tfvarsNames(doc, input.readHcl)) setByTfvars.add(name);
      continue;
    }
    if (OVERRIDE.test(doc.file)) {
      overrides.push(
        kind === 'hcl'
          ? configFromHcl(doc.file, input.readHcl(doc.text))
          : configFromTfJson(doc.file, doc.text, input.readHcl),
      );
      continue;
    }
    results.set(doc.file, { format: 'terraform', findings: [], problems: [] });
    configs.push(
      kind === 'hcl'
        ? configFromHcl(doc.file, input.readHcl(doc.text, notLowered))
        : kind === 'json'
          ? configFromTfJson(doc.file, doc.text, input.readHcl)
          : configFromPlan(doc.file, doc.text),
    );
  }
  if (configs.length > 1 && declaresTwice(configs)) {
    // Terraform refuses a folder that declares one address in two files; peers' fixture folders (one case
    // per file) look like that. Each file is then read as a module of its own.
    for (const doc of input.files.filter((f) => results.has(f.file))) {
      for (const [file, result] of lintTerraform({ ...input, files: [doc] }, options, rules))
        results.set(file, result);
    }
    return results;
  }
  const config = mergeConfigs(configs);
  applyOverrides(config, overrides, setByTfvars);
  const shown = new Map<string, number>();
  for (const p of config.problems) {
    // Junk can hold thousands of unreadable spots: the first few say enough.
    const count = (shown.get(p.file) ?? 0) + 1;
    shown.set(p.file, count);
    if (count > MAX_PROBLEMS_PER_FILE) continue;
    results.get(p.file)?.problems.push({
      message: p.complete
        ? p.message
        : `trail-lint could not read all of this file (${p.message}); the blocks around it are still checked`,
      at: { file: p.file, start: p.start, end: p.end },
    });
  }
  const files = input.files.filter((f) => results.has(f.file));
  const lowered = lowerModule(files, config, input.readFile);
  const template = new CfnTemplate(lowered.root);
  // One resolver for the adapter and the finish: what the adapter resolved is not resolved again.
  const resolver = new Resolver(template);
  const model = adaptTemplate(template, MODULE, resolver);
  // A child module's resources are not lowered: a trail may be defined there.
  if (config.moduleCalls.length > 0) model.childStacks = true;
  finishTerraformModel(
    model,
    template,
    new ValueReader(MODULE, resolver),
    lowered.sources,
    lowered.unordered,
  );
  const run = runRules(model, rules, options, (f) => (f === MODULE ? lowered.text : undefined));
  const pseudo = pseudoWords(config.resources.filter((r) => r.mode === 'data' && r.module === ''));
  // A resource with a syntax error inside is being typed: judging it now would report what is not there yet.
  const broken = new Set<string>();
  if (config.problems.length > 0)
    lowered.sources.forEach((r, id) => {
      if (isBroken(r, config.problems)) broken.add(id);
    });
  for (const finding of run.findings) {
    if (
      broken.size > 0 &&
      finding.resource !== undefined &&
      broken.has(finding.resource.replace(SYNTHETIC, ''))
    )
      continue;
    const located = relocate(finding, lowered, pseudo);
    results.get(located.at.file)?.findings.push(located);
  }
  for (const failure of run.failures) {
    const first = files[0];
    if (!first) continue;
    results.get(first.file)?.problems.push({
      message: `trail-lint rule ${failure.ruleId} failed on this module (${failure.message}); please report it`,
      at: { file: first.file, start: 0, end: 0 },
    });
  }
  if (options.inlineSuppressions !== false) suppress(results, files, config, lowered, options, rules);
  return results;
}

/** The variables a tfvars file sets: its attributes, or the keys of its JSON object. */
function tfvarsNames(doc: SourceDocument, readHcl: TerraformInput['readHcl']): string[] {
  if (!/\.json$/i.test(doc.file)) return readHcl(doc.text).body.attributes.map((a) => a.name);
  const root = parseTree(doc.text);
  return root?.type === 'object'
    ? (root.children ?? []).flatMap((p) =>
        typeof p.children?.[0]?.value === 'string' ? [p.children[0].value] : [],
      )
    : [];
}

/** Terraform's override files, merged into the blocks they name rather than read as declarations. */
const OVERRIDE = /(^|[\\/])(override|[^\\/]*_override)\.tf(\.json)?$/i;

/**
 * What override files and tfvars change is not judged from the base files: an overridden attribute or
 * nested block, and a variable that a tfvars file sets, become unknown.
 */
function applyOverrides(config: TfConfig, overrides: TfConfig[], setByTfvars: Set<string>): void {
  for (const o of overrides) {
    for (const r of o.resources) {
      for (const base of config.resources.filter((b) => addressOf(b) === addressOf(r))) {
        const names = new Set([...r.body.attributes.map((a) => a.name), ...r.body.blocks.map((b) => b.type)]);
        base.body = {
          attributes: [
            ...base.body.attributes.filter((a) => !names.has(a.name)),
            ...[...names].map((name) => ({
              name,
              nameSpan: base.header,
              start: base.header.start,
              end: base.header.end,
              value: { ...base.header, kind: 'other' as const },
            })),
          ],
          blocks: base.body.blocks.filter((b) => !names.has(b.type)),
        };
      }
    }
    for (const v of o.variables) setByTfvars.add(v.name);
  }
  for (const v of config.variables) if (setByTfvars.has(v.name)) v.default = undefined;
}

/**
 * Whether a folder declares one address in two files, so that each file is read as a module of its own
 * (see lintTerraform); fix-all then repairs each file on its own too.
 */
export function readFileByFile(input: TerraformInput): boolean {
  const configs: TfConfig[] = [];
  for (const doc of input.files) {
    const kind = terraformKind(doc.file, doc.text);
    if (OVERRIDE.test(doc.file) || (kind !== 'hcl' && kind !== 'json')) continue;
    configs.push(
      kind === 'hcl'
        ? configFromHcl(doc.file, input.readHcl(doc.text, notLowered))
        : configFromTfJson(doc.file, doc.text, input.readHcl),
    );
  }
  return configs.length > 1 && declaresTwice(configs);
}

function declaresTwice(configs: TfConfig[]): boolean {
  const seen = new Map<string, number>();
  for (const [i, c] of configs.entries()) {
    for (const r of c.resources) {
      const address = addressOf(r);
      const first = seen.get(address);
      if (first !== undefined && first !== i) return true;
      seen.set(address, i);
    }
  }
  return false;
}

function suppress(
  results: Map<string, LintResult>,
  files: SourceDocument[],
  config: TfConfig,
  lowered: LoweredModule,
  options: LintOptions,
  rules: readonly Rule[],
): void {
  for (const doc of files) {
    const result = results.get(doc.file);
    if (!result) continue;
    const resources: { id: string; at: TfResource['at']; attributes: readonly TfResource['at'][] }[] = [];
    lowered.sources.forEach((r, id) => {
      if (r.file === doc.file) resources.push({ id, at: r.at, attributes: r.body.attributes });
    });
    const found = readTerraformSuppressions(
      doc.file,
      doc.text,
      config.comments.filter((c) => c.file === doc.file),
      resources,
    );
    result.findings = applySuppressions(result.findings, {
      text: doc.text,
      comments: found.comments,
      metadata: found.metadata,
      active: (id) =>
        options.severities?.[id] !== 'off' &&
        rules.some((r) => r.meta.id === id && r.meta.formats.includes('terraform')),
      docsOf: (id) => {
        const rule = ruleById(id);
        return rule ? docsUrl(rule.meta) : undefined;
      },
    });
  }
}

/** Module offsets → the file they fall in. */
function locate(loc: Loc, lowered: LoweredModule): Loc {
  if (loc.file !== MODULE) return loc;
  for (const f of lowered.files) {
    if (loc.start >= f.base && loc.start <= f.base + f.length) {
      return { file: f.file, start: loc.start - f.base, end: Math.min(loc.end, f.base + f.length) - f.base };
    }
  }
  const first = lowered.files[0];
  return { file: first?.file ?? loc.file, start: 0, end: 0 };
}

function relocate(finding: Finding, lowered: LoweredModule, pseudo: PseudoWords): Finding {
  return {
    ...finding,
    // The lowered inline policy of a bucket is, for the author, the bucket.
    resource: finding.resource?.includes('#') ? finding.resource.replace(SYNTHETIC, '') : finding.resource,
    message: terraformWording(
      finding.message.includes('#') ? finding.message.replace(SYNTHETIC_IN_TEXT, '') : finding.message,
      pseudo,
    ),
    at: locate(finding.at, lowered),
    related: finding.related.map((r) => ({ ...r, at: locate(r.at, lowered) })),
  };
}
