// The engine's front door: one document in, findings and problems out. Format-specific parsing, the
// format-neutral model, the rules, then the suppressions the file declares. Pure: no editor, no file system,
// no network.
import { adaptTemplate } from './cfn/adapt';
import { CfnTemplate, isTemplateRoot, looksLikeTemplateText, mayBeTemplate } from './cfn/template';
import type { Finding, LintOptions, Problem } from './findings';
import type { Format } from './model/types';
import { RULES, ruleById } from './rules';
import { docsUrl, type Rule } from './rules/types';
import { runRules } from './run-rules';
import { applySuppressions } from './suppress/apply';
import { readCommentDirectives } from './suppress/comments';
import { readMetadataSuppressions, type MetadataSuppression } from './suppress/metadata';
import { JsonEditCache, parseJsonIncremental } from './source/json-incremental';
import { isJsonText } from './source/json-parse';
import type { MapNode, ParseProblem, SourceNode } from './source/node';
import { YamlSliceCache, parseYamlIncremental } from './source/yaml-chunks';
import { DEFAULT_LIMITS, type SourceLimits } from './source/limits';

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
  const declared = options.assumeTemplate === true;
  if (!declared && !mayBeTemplate(text)) return NOT_OURS;
  const { roots, problems } = parse(text, cache, options.limits ?? DEFAULT_LIMITS);
  if (problems.length > 0) {
    // One clear word about the first problem; findings from a half-read file would mislead.
    if (!declared && !looksLikeTemplateText(text) && !roots.some(isTemplateRoot)) return NOT_OURS;
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
  // A file the user declared a template is read as one whenever its root is a map.
  const templates = roots.filter((r): r is MapNode => (declared ? r.kind === 'map' : isTemplateRoot(r)));
  if (templates.length === 0)
    return declared ? { format: 'cloudformation', findings: [], problems: [] } : NOT_OURS;
  const result: LintResult = { format: 'cloudformation', findings: [], problems: [] };
  const honour = options.inlineSuppressions !== false;
  const metadata: MetadataSuppression[] = [];
  for (const root of templates) {
    const template = new CfnTemplate(root);
    const model = adaptTemplate(template, file);
    result.format = model.format;
    const run = runRules(model, rules, options, (f) => (f === file ? text : undefined));
    result.findings.push(...run.findings);
    if (honour) metadata.push(...readMetadataSuppressions(template, file));
    for (const failure of run.failures) {
      result.problems.push({
        message: `trail-lint rule ${failure.ruleId} failed on this file (${failure.message}); please report it`,
        at: { file, start: root.start, end: root.start },
      });
    }
  }
  if (honour) {
    result.findings = applySuppressions(result.findings, {
      text,
      comments: isJsonText(text) ? [] : readCommentDirectives(file, text, roots),
      metadata,
      active: (id) =>
        options.severities?.[id] !== 'off' &&
        rules.some((r) => r.meta.id === id && r.meta.formats.includes(result.format ?? 'cloudformation')),
      docsOf: (id) => {
        const rule = ruleById(id);
        return rule ? docsUrl(rule.meta) : undefined;
      },
    });
  }
  return result;
}

function parse(
  text: string,
  cache: DocumentCache | undefined,
  limits: SourceLimits,
): { roots: SourceNode[]; problems: ParseProblem[] } {
  if (isJsonText(text)) {
    // The YAML parser skips a byte-order mark itself; for JSON it becomes a space, so offsets stay put.
    const json = parseJsonIncremental(
      text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text,
      limits,
      cache?.json,
    );
    return { roots: json.root ? [json.root] : [], problems: json.problems };
  }
  const yaml = parseYamlIncremental(text, cache?.yaml, limits);
  return { roots: yaml.roots, problems: yaml.problems };
}
