// The `<<-` heredoc's indentation rule, on a template's literal text as written (source/hcl.ts reads the
// template; this trims it as Terraform does before anything else reads it).
import type { HclExpr } from './hcl';

/** Literal text of a template as written, and whether a strip marker trims its start or end. */
export interface Literal {
  text: string;
  stripStart: boolean;
  stripEnd: boolean;
}

/**
 * HCL's rule for `<<-` heredocs: the fewest leading spaces of a line (blank lines do not count, a line that
 * opens with an interpolation counts as none) come off every line that is not blank. Lines are counted on
 * the text as written, so a value interpolated at a line's start does not change the indentation.
 */
export function flushIndent(pieces: (Literal | HclExpr)[]): void {
  let least = Infinity;
  let lineStart = true;
  for (const p of pieces) {
    if (!('text' in p)) {
      if (lineStart) least = 0;
      lineStart = false;
      continue;
    }
    for (const line of lines(p.text)) {
      if (lineStart) {
        const lead = leadingSpaces(line);
        if (!(lead === line.length && line.endsWith('\n'))) least = Math.min(least, lead);
      }
      lineStart = line.endsWith('\n');
    }
  }
  if (least === Infinity || least === 0) return;
  lineStart = true;
  for (const p of pieces) {
    if (!('text' in p)) {
      lineStart = false;
      continue;
    }
    let out = '';
    for (const line of lines(p.text)) {
      const lead = leadingSpaces(line);
      const blank = lead === line.length && line.endsWith('\n');
      out += lineStart && !blank ? line.slice(Math.min(least, lead)) : line;
      lineStart = line.endsWith('\n');
    }
    p.text = out;
  }
}

/** `text` cut after each line break (the last piece may have none; empty text gives none). */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** How many characters at the start of `line` are white space, as Go's unicode.IsSpace has it. */
function leadingSpaces(line: string): number {
  return (
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/.exec(line)?.[0].length ?? 0
  );
}
