// The edits one fix makes across a module's files. A fix may touch several places (a new resource after the
// bucket, a reference in the trail, a data source at the end of a file); they are collected here, and two
// that would overwrite each other make the fix inapplicable rather than corrupt the file.
import type { FileEdit } from './intents';
import { sourceText } from './hcl-text';

export interface EditTarget {
  file: string;
  text: string;
}

export class EditSet {
  private readonly list: FileEdit[] = [];

  constructor(private readonly order: readonly string[]) {}

  /** Adds an edit; `newText` is written with `\n` and takes the file's own line breaks here. */
  add(target: EditTarget, start: number, end: number, newText: string): void {
    const eol = sourceText(target).eol;
    const text = eol === '\n' ? newText : newText.replace(/\r?\n/g, eol);
    this.list.push({ file: target.file, start, end, newText: text });
  }

  /**
   * The edits by file and offset (insertions at one offset in the order they were made), identical
   * duplicates once; undefined when two edits overlap.
   */
  result(): FileEdit[] | undefined {
    const unique: FileEdit[] = [];
    for (const e of this.list) {
      const same = unique.some(
        (u) => u.file === e.file && u.start === e.start && u.end === e.end && u.newText === e.newText,
      );
      if (!same) unique.push(e);
    }
    const rank = (f: string): number => this.order.indexOf(f);
    const sorted = unique
      .map((e, i) => ({ e, i }))
      // At one offset insertions come before a replacement, which is where applyEdits puts them.
      .sort(
        (a, b) =>
          rank(a.e.file) - rank(b.e.file) ||
          a.e.start - b.e.start ||
          Number(a.e.end > a.e.start) - Number(b.e.end > b.e.start) ||
          a.i - b.i,
      )
      .map((x) => x.e);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1] as FileEdit;
      const b = sorted[i] as FileEdit;
      if (a.file !== b.file) continue;
      if (a.end > b.start) return undefined;
    }
    return sorted;
  }
}
