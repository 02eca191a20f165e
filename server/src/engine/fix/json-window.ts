// The edit of a fix worked out on an excerpt (fix/json-excerpt.ts): its slices of the original text, whole
// lines, came back changed, and the edit must be the one `difference` gives between the whole original
// text and the whole text with those slices put back, without building and comparing a 1 MB text per fix.
//
// That difference is decided near the changes. Everything before the first changed slice and after the last
// one is common to both texts; `difference` only looks further when the common run reaches a window's end.
// So it is taken on a window of the original: from the first changed slice's first line (the line before
// ends in `\n`, where `difference`'s slide to a line start and its widening to whole words stop in the whole
// text too) to a little past the last changed slice. When a common run or the widening reaches the window's
// end, the window does not decide it, and undefined sends the fix to the whole-text writer.
import { commonEnds } from '../source/text-diff';
import { difference } from './diff';
import type { FileEdit } from './intents';

/** A resource's lines in the original text: from the start of its first line to the end of its last. */
export interface Slice {
  start: number;
  end: number;
}

/** How far past the last changed slice the window reaches: the next line break and a bit of the next line. */
const TAIL = 64;

/** The edit for `slices` of `text` replaced by `pieces`; undefined when the window cannot decide it. */
export function windowEdit(
  file: string,
  text: string,
  slices: readonly Slice[],
  pieces: readonly string[],
): FileEdit[] | undefined {
  const changed = slices.flatMap((s, i) => (pieces[i] === text.slice(s.start, s.end) ? [] : [i]));
  const first = changed[0];
  const last = changed.at(-1);
  if (first === undefined || last === undefined) return [];
  const from = (slices[first] as Slice).start;
  const to = Math.min(text.length, (slices[last] as Slice).end + TAIL);
  const before = text.slice(from, to);
  let after = '';
  for (let i = first; i <= last; i++) {
    const slice = slices[i] as Slice;
    const next = i < last ? (slices[i + 1] as Slice).start : to;
    after += (pieces[i] as string) + text.slice(slice.end, next);
  }
  const atEnd = to === text.length;
  // The common start runs to the end of the shorter side: in the whole text it would run on.
  if (!atEnd && commonEnds(before, after).prefix >= Math.min(before.length, after.length)) return undefined;
  const edit = difference(file, before, after);
  // The edit reaches the window's end (a word widened to it): in the whole text it might reach further.
  if (!atEnd && edit.end >= before.length) return undefined;
  return [{ file, start: from + edit.start, end: from + edit.end, newText: edit.newText }];
}
