// Suppressions written in a `.tf` file, in our idiom and in checkov's:
//   # trail-lint-disable-next-line CT004 -- reason     (above a resource block or attribute: all of it)
//   enable_logging = false  // trail-lint-disable-line CT006 -- reason
//   #checkov:skip=CKV_AWS_35:reason                    (inside a resource block: that resource)
// Every HCL comment form counts (`#`, `//`, `/* … */`). The reader has already told comments from strings,
// so, unlike YAML, a comment here is just a span.
import type { Loc } from '../model/types';
import { LineIndex } from '../source/line-index';
import type { Span } from '../source/node';
import { parseRest, type CommentDirective, type DirectiveForm } from '../suppress/comments';
import type { MetadataSuppression } from '../suppress/metadata';
import { CHECKOV_RULES } from '../suppress/peer-ids';
import type { TfComment } from './config';

export interface TfSuppressions {
  comments: CommentDirective[];
  metadata: MetadataSuppression[];
}

/** Ours must open the comment, as in YAML: `# see X # trail-lint-disable-line …` is prose, not a directive. */
const DIRECTIVE = /^[ \t]*(trail-lint-disable-(?:next-line|line))(?=\s|$)/;
/** checkov finds its skips anywhere on a line of the block (`re.search`): a skip it honours is one we honour. */
const CHECKOV_SKIP = /checkov:skip= *([A-Za-z_\d]+)/;

/**
 * `comments` are this file's comments, `resources` its resource blocks with their addresses; all spans are
 * offsets into `text`.
 */
export function readTerraformSuppressions(
  file: string,
  text: string,
  comments: readonly TfComment[],
  resources: readonly { id: string; at: Span; attributes?: readonly Span[] }[],
): TfSuppressions {
  const out: TfSuppressions = { comments: [], metadata: [] };
  const lines = new LineIndex(text);
  const sorted = [...comments].sort((a, b) => a.start - b.start);
  let code: string | undefined;
  const hasCode = (line: number): boolean => {
    code ??= withoutComments(text, sorted);
    return code.slice(lines.lineStart(line), lines.lineStart(line + 1)).trim() !== '';
  };

  for (const c of sorted) {
    const { body, from } = strip(c.text);
    const at: Loc = { file, start: c.start, end: c.start + c.text.trimEnd().length };
    const directive = DIRECTIVE.exec(body.slice(from));
    if (directive) {
      const form = directive[1] as DirectiveForm;
      let targetLine = lines.position(c.start).line;
      let endLine: number | undefined;
      if (form === 'trail-lint-disable-next-line') {
        // From the comment's last line (a `/* */` may span several), past blank lines and stacked comments.
        targetLine = lines.position(at.end).line + 1;
        while (targetLine < lines.lineCount && !hasCode(targetLine)) targetLine++;
        const startsThere = (span: Span): boolean => lines.position(span.start).line === targetLine;
        // A resource block, or an attribute of one (a heredoc or jsonencode policy): all of its lines.
        const span =
          resources.find((r) => startsThere(r.at))?.at ??
          resources.flatMap((r) => r.attributes ?? []).find(startsThere);
        if (span) endLine = lines.position(Math.max(span.start, span.end - 1)).line;
      }
      out.comments.push({
        form,
        targetLine,
        ...(endLine !== undefined ? { endLine } : {}),
        ...parseRest(file, body, c.start, from + directive[0].length),
        at,
      });
      continue;
    }
    const skip = CHECKOV_SKIP.exec(body);
    const written = skip?.[1];
    if (!skip || written === undefined) continue;
    const ruleIds = CHECKOV_RULES.get(written);
    // checkov reads skips inside the block only; one above it, or outside any, silences nothing for it.
    const resource = resources.find((r) => c.start > r.at.start && at.end <= r.at.end);
    if (!ruleIds || !resource) continue;
    const idStart = skip.index + skip[0].length - written.length;
    const idEnd = skip.index + skip[0].length;
    // `:reason` runs to the end of the line, as checkov reads it.
    const rest = body.slice(idEnd).split(/\r?\n|\r/)[0] ?? '';
    out.metadata.push({
      kind: 'checkov',
      resource: resource.id,
      written,
      ruleIds,
      reason: rest.startsWith(':') ? rest.slice(1).trim() || undefined : undefined,
      at,
      idAt: { file, start: c.start + idStart, end: c.start + idEnd },
    });
  }
  return out;
}

/** The comment without its closing `*\/` and trailing blanks, and where its content starts after the opener. */
function strip(comment: string): { body: string; from: number } {
  const trimmed = comment.trimEnd();
  if (trimmed.startsWith('/*')) {
    return { body: trimmed.endsWith('*/') ? trimmed.slice(0, -2).trimEnd() : trimmed, from: 2 };
  }
  return { body: trimmed, from: trimmed.startsWith('//') ? 2 : 1 };
}

/** `text` with every comment blanked out (line breaks kept), so that a line's code is what is left of it. */
function withoutComments(text: string, sorted: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const c of sorted) {
    if (c.start < at) continue;
    out += text.slice(at, c.start) + text.slice(c.start, c.end).replace(/[^\r\n]/g, ' ');
    at = c.end;
  }
  return out + text.slice(at);
}
