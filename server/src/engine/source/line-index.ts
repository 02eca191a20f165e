// Offsets become line/character only at the edges (LSP, CLI output). Line breaks are \n, \r\n and \r, as
// in LSP; characters are UTF-16 code units, as in LSP and SARIF's default column kind.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit within the line. */
  character: number;
}

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    let at = Math.max(0, Math.min(offset, this.text.length));
    // Between the \r and \n of a CRLF is not a place in a line: before the line break, as LSP documents do.
    if (this.text.charCodeAt(at) === 10 && this.text.charCodeAt(at - 1) === 13) at--;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: at - (starts[low] as number) };
  }

  /** Offset of a 0-based line's first character (the text's end for lines past the last). */
  lineStart(line: number): number {
    const starts = (this.starts ??= lineStarts(this.text));
    return line < starts.length ? (starts[line] as number) : this.text.length;
  }

  get lineCount(): number {
    return (this.starts ??= lineStarts(this.text)).length;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}
