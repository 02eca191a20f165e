// A linear pre-scan of nesting, before a parser descends: jsonc-parser's visitor and the `yaml` package are
// recursive, so a file nested thousands deep overflows their stack (an exception out of jsonc-parser; a
// half-second unwind and "Maximum call stack size exceeded" out of `yaml`). The scan finds such files in
// one pass and they are refused with the depth limit's own words. It only has to be an upper bound for
// hostile text: the converters still enforce the exact limit on what they build.

/** Offset at which JSON (with comments) nests deeper than `max`, or undefined. Exact outside strings. */
export function jsonTooDeepAt(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Offset at which YAML may nest deeper than `max`, or undefined: flow brackets outside quotes and comments,
 * plus, for block collections, the number of indentation levels open at the line (a stack of indentation
 * widths, not the column: four-space indentation is one level per step) and its compact `- ` / `? `
 * indicators. Block scalar content and comment lines are skipped. A sequence written at its key's
 * indentation shares a level here, so deep text can count up to half its depth; the parsers survive that
 * (they overflow only far deeper), and the converters enforce the exact limit on what they build. The count
 * never exceeds the real depth by more than one (a plain scalar's continuation lines).
 */
export function yamlTooDeepAt(text: string, max: number): number | undefined {
  let flow = 0;
  let block = 0;
  /** Indentation widths of the block levels open at the current line, innermost last. */
  const levels: number[] = [];
  /** Indentation of the line that opened a block scalar (`key: |`), while its content lasts. */
  let scalarOwner = -1;
  let lineIndent = 0;
  let previous = NEWLINE; // the last character outside spaces: a quote opens a scalar only after some
  let i = 0;
  while (i < text.length) {
    if (i === 0 || text.charCodeAt(i - 1) === NEWLINE) {
      let indent = 0;
      while (text.charCodeAt(i + indent) === 32) indent++;
      const next = text.charCodeAt(i + indent);
      const blank = i + indent >= text.length || next === NEWLINE || next === 13;
      if (scalarOwner >= 0 && (blank || indent > scalarOwner)) {
        i = lineEnd(text, i) + 1;
        continue;
      }
      scalarOwner = -1;
      lineIndent = indent;
      i += indent;
      previous = NEWLINE;
      if (flow === 0 && !blank && next !== 35 /* # */) {
        while (levels.length > 0 && (levels.at(-1) as number) >= indent) levels.pop();
        levels.push(indent);
        // The line's own level is its collection; a compact indicator opens that level, each further one
        // another (`- - a` is two sequences).
        let indicators = 0;
        while ((text.charCodeAt(i) === 45 || text.charCodeAt(i) === 63) && text.charCodeAt(i + 1) === 32) {
          indicators++;
          i += 2;
          previous = 45;
        }
        block = levels.length + Math.max(0, indicators - 1);
      }
      if (flow + block > max) return i;
      if (i >= text.length) break;
    }
    const c = text.charCodeAt(i);
    if (c === 35 /* # */ && (previous === NEWLINE || isBlank(text.charCodeAt(i - 1)))) {
      i = lineEnd(text, i);
      continue;
    }
    if ((c === 34 || c === 39) /* " ' */ && isScalarStart(previous)) {
      i = closingQuote(text, i, c);
    } else if (c === 91 || c === 123 /* [ { */) {
      if (++flow + block > max) return i;
    } else if ((c === 93 || c === 125) /* ] } */ && flow > 0) {
      flow--;
    } else if (
      (c === 124 || c === 62) /* | > */ &&
      isScalarStart(previous) &&
      BLOCK_HEADER.test(restOfLine(text, i))
    ) {
      scalarOwner = lineIndent;
    }
    if (!isBlank(c)) previous = c;
    i++;
  }
  return undefined;
}

const NEWLINE = 10;
const BLOCK_HEADER = /^[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** At the start of a line, or after `:`, `-`, `?`, `,`, `[`, `{`: where a quoted or block scalar can begin. */
function isScalarStart(previous: number): boolean {
  return [NEWLINE, 58, 45, 63, 44, 91, 123].includes(previous);
}

function closingQuote(text: string, open: number, quote: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote === 34 && c === 92) i++;
    else if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
      else return i;
    }
  }
  return text.length;
}

function lineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return end < 0 ? text.length : end;
}

function restOfLine(text: string, i: number): string {
  return text.slice(i, lineEnd(text, i));
}
