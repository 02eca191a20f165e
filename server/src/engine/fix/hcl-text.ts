// Line arithmetic over one Terraform file's text: where lines start, what indents them, which line break the
// file uses. The writer places whole lines (an attribute, a block), so every decision it makes about layout
// goes through these few questions.
import type { Span } from '../source/node';

export class SourceText {
  /** `\r\n` when the file uses it anywhere: new lines follow the file, not the platform. */
  readonly eol: string;
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  /** The 0-based line holding `offset`. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(offset: number): number {
    return this.starts[this.line(offset)] as number;
  }

  /** Where the line of `offset` ends, before its line break. */
  lineEnd(offset: number): number {
    const next = this.starts[this.line(offset) + 1];
    if (next === undefined) return this.text.length;
    return this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  /** The start of the line after the one holding `offset` (the end of the text on the last line). */
  nextLine(offset: number): number {
    return this.starts[this.line(offset) + 1] ?? this.text.length;
  }

  /** Start of the line before `offset`'s line, or undefined on the first line. */
  previousLine(offset: number): number | undefined {
    return this.starts[this.line(offset) - 1];
  }

  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The leading whitespace of `offset`'s line. */
  indent(offset: number): string {
    const start = this.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(start, this.lineEnd(offset)))?.[0] ?? '';
  }

  isBlank(lineStartOffset: number): boolean {
    return this.text.slice(lineStartOffset, this.lineEnd(lineStartOffset)).trim() === '';
  }

  sameLine(a: number, b: number): boolean {
    return this.line(a) === this.line(b);
  }

  /**
   * Whether a span has its lines to itself: only indentation before it, and after it nothing but a comma
   * and a comment. Only such items can be moved, aligned or deleted as lines.
   */
  ownsLines(s: Span): boolean {
    const before = this.text.slice(this.lineStart(s.start), s.start);
    const after = this.text.slice(s.end, this.lineEnd(s.end));
    return before.trim() === '' && /^\s*,?\s*((#|\/\/).*|\/\*.*\*\/\s*)?$/.test(after);
  }

  /** Whether only indentation comes before `offset` on its line. */
  startsLine(offset: number): boolean {
    return this.text.slice(this.lineStart(offset), offset).trim() === '';
  }

  /** The next character that is not whitespace, from `offset` on (comments are not skipped). */
  nextNonSpace(offset: number): number {
    let i = offset;
    while (i < this.text.length && /\s/.test(this.text[i] as string)) i++;
    return i;
  }
}

const texts = new WeakMap<object, SourceText>();

/** One SourceText per parsed file: the line table is built once however many edits a fix makes. */
export function sourceText(file: { text: string }): SourceText {
  let t = texts.get(file);
  if (!t) {
    t = new SourceText(file.text);
    texts.set(file, t);
  }
  return t;
}
