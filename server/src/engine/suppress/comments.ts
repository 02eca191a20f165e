// Suppression comments in YAML templates:
//   # trail-lint-disable-next-line CT004 -- reason      (silences the next line that is not only a comment)
//   IsLogging: false  # trail-lint-disable-line CT006, CT001 -- reason
// Only real comments count. The parse already says where every scalar is (quotes and block scalars
// included), so a `#` is a comment's start when it begins a line or follows a blank, lies in no scalar, and no
// earlier `#` on its line started a comment: a `#` inside a quoted string or a block scalar is never taken for
// one, and no second lexer pass is paid on every keystroke. JSON has no comments (CloudFormation rejects
// them), so JSON templates have none of these.
import type { Loc } from '../model/types';
import { LineIndex } from '../source/line-index';
import type { MapEntry, SourceNode } from '../source/node';

export const DIRECTIVE_MARK = 'trail-lint-disable';

export type DirectiveForm = 'trail-lint-disable-line' | 'trail-lint-disable-next-line';

export interface CommentDirective {
  form: DirectiveForm;
  /** The 0-based line whose findings it silences. */
  targetLine: number;
  /**
   * The last line it silences, when it covers a range from `targetLine` on: a directive above a Terraform
   * resource block covers the whole block. One directive rather than one per line, so that its notes (no
   * reason, unknown id) are reported once. Never set for YAML.
   */
  endLine?: number;
  /** Rule ids as written (upper-cased), each with where it is written. */
  ids: { id: string; at: Loc }[];
  reason: string | undefined;
  /** The whole comment. */
  at: Loc;
}

const DIRECTIVE = /#[ \t]*(trail-lint-disable-(?:next-line|line))(?=[ \t\r\n]|$)/g;

/** `roots` are the parsed YAML documents of `text`, with exact spans. */
export function readCommentDirectives(
  file: string,
  text: string,
  roots: readonly SourceNode[],
): CommentDirective[] {
  // Most files have no directive at all: one text search.
  if (!text.includes(DIRECTIVE_MARK)) return [];
  const lines = new LineIndex(text);
  const commentStart = (line: number): number | undefined => {
    const start = lines.lineStart(line);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    for (let i = text.indexOf('#', start); i >= 0 && i < end; i = text.indexOf('#', i + 1)) {
      if (i > start && !/\s/.test(text[i - 1] as string)) continue;
      if (!roots.some((root) => inScalar(root, i))) return i;
    }
    return undefined;
  };
  const commentOnly = (line: number): boolean => {
    const start = commentStart(line);
    return start !== undefined && text.slice(lines.lineStart(line), start).trim() === '';
  };

  const directives: CommentDirective[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const offset = match.index;
    const line = lines.position(offset).line;
    if (commentStart(line) !== offset) continue;
    const form = match[1] as DirectiveForm;
    let targetLine = line;
    if (form === 'trail-lint-disable-next-line') {
      // Stacked directives (one per rule, each with its reason) all reach the line below them.
      targetLine++;
      while (targetLine < lines.lineCount && commentOnly(targetLine)) targetLine++;
    }
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    const comment = text.slice(offset, next).trimEnd();
    directives.push({
      form,
      targetLine,
      ...parseRest(file, comment, offset, match[0].length),
      at: { file, start: offset, end: offset + comment.length },
    });
  }
  return directives;
}

/** Whether `offset` falls inside a scalar (a key or a value, quotes and block scalar bodies included). */
function inScalar(node: SourceNode, offset: number): boolean {
  if (offset < node.start || offset >= node.end) return false;
  switch (node.kind) {
    case 'scalar':
      return true;
    case 'seq':
      // Linear: an item that is an alias shares its anchor's node, whose span lies elsewhere in the file.
      return node.items.some((item) => inScalar(item, offset));
    case 'map': {
      // Keys are in source order (a value may be an alias, but its anchor sits in the tree at its own place):
      // the entry that can hold the offset is the last one whose key starts at or before it.
      const entries = node.entries;
      let low = 0;
      let high = entries.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((entries[mid] as MapEntry).key.start <= offset) low = mid;
        else high = mid - 1;
      }
      const e = entries[low];
      return (
        e !== undefined && (inScalar(e.key, offset) || (e.value !== undefined && inScalar(e.value, offset)))
      );
    }
  }
}

/**
 * `CT004, CT001 -- reason`: ids separated by commas or blanks, then an optional reason after `--`. `comment`
 * starts at offset `commentStart` of the file; `from` is where the ids begin in it. Terraform comments use it
 * too.
 */
export function parseRest(
  file: string,
  comment: string,
  commentStart: number,
  from: number,
): { ids: CommentDirective['ids']; reason: string | undefined } {
  const separator = comment.indexOf('--', from);
  const idsEnd = separator < 0 ? comment.length : separator;
  const ids: CommentDirective['ids'] = [];
  const idPattern = /[^\s,]+/g;
  idPattern.lastIndex = from;
  for (let m = idPattern.exec(comment); m && m.index < idsEnd; m = idPattern.exec(comment)) {
    const end = Math.min(m.index + m[0].length, idsEnd);
    ids.push({
      id: comment.slice(m.index, end).toUpperCase(),
      at: { file, start: commentStart + m.index, end: commentStart + end },
    });
  }
  const reason = separator < 0 ? '' : comment.slice(separator + 2).trim();
  return { ids, reason: reason === '' ? undefined : reason };
}
