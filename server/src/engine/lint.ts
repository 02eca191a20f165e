// The engine's front door: one document in, findings and problems out. Format-specific parsing, the
// format-neutral model, the rules. Pure: no editor, no file system, no network.
import { adaptTemplate } from './cfn/adapt';
import { CfnTemplate, isTemplateRoot, looksLikeTemplateText, mayBeTemplate } from './cfn/template';
import type { Finding, LintOptions, Problem } from './findings';
import type { Format } from './model/types';
import { RULES } from './rules';
import type { Rule } from './rules/types';
import { runRules } from './run-rules';
import { JsonEditCache, parseJsonIncremental } from './source/json-incremental';
import type { ParseProblem, SourceNode } from './source/node';
import { YamlSliceCache, parseYamlIncremental } from './source/yaml-chunks';
import { DEFAULT_LIMITS } from './source/limits';

export interface SourceDocument {
  /** How findings name the file: a path (CLI) or a URI (LSP). */
  file: string;
  text: string;
}

/** What the engine keeps between two lints of the same open document, so that an edit costs little. */
export class DocumentCache {
  readonly yaml = new YamlSliceCache();
  readonly json = new JsonEditCache();
}

export interface LintResult {
  /** The kind of input recognised, or undefined when the file is not something trail-lint reads. */
  format: Format | undefined;
  findings: Finding[];
  problems: Problem[];
}

const NOT_OURS: LintResult = { format: undefined, findings: [], problems: [] };

export function lintDocument(
  doc: SourceDocument,
  options: LintOptions = {},
  cache?: DocumentCache,
  rules: readonly Rule[] = RULES,
): LintResult {
  const { file, text } = doc;
  if (!mayBeTemplate(text)) return NOT_OURS;
  const { roots, problems } = parse(text, cache);
  if (problems.length > 0) {
    // One clear word about the first problem; findings from a half-read file would mislead.
    if (!looksLikeTemplateText(text) && !roots.some(isTemplateRoot)) return NOT_OURS;
    const first = problems[0] as ParseProblem;
    return {
      format: 'cloudformation',
      findings: [],
      problems: [
        {
          message: `trail-lint could not read this template: ${first.message}`,
          at: { file, start: first.start, end: first.end },
        },
      ],
    };
  }
  const templates = roots.filter(isTemplateRoot);
  if (templates.length === 0) return NOT_OURS;
  const result: LintResult = { format: 'cloudformation', findings: [], problems: [] };
  for (const root of templates) {
    const model = adaptTemplate(new CfnTemplate(root), file);
    result.format = model.format;
    const run = runRules(model, rules, options, (f) => (f === file ? text : undefined));
    result.findings.push(...run.findings);
    for (const failure of run.failures) {
      result.problems.push({
        message: `trail-lint rule ${failure.ruleId} failed on this file (${failure.message}); please report it`,
        at: { file, start: root.start, end: root.start },
      });
    }
  }
  return result;
}

function parse(
  text: string,
  cache: DocumentCache | undefined,
): { roots: SourceNode[]; problems: ParseProblem[] } {
  if (/^\uFEFF?\s*\{/.test(text)) {
    // The YAML parser skips a byte-order mark itself; for JSON it becomes a space, so offsets stay put.
    const json = parseJsonIncremental(
      text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text,
      DEFAULT_LIMITS,
      cache?.json,
    );
    return { roots: json.root ? [json.root] : [], problems: json.problems };
  }
  const yaml = parseYamlIncremental(text, cache?.yaml);
  return { roots: yaml.roots, problems: yaml.problems };
}
