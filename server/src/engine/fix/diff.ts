// One edit from two versions of a file: where they differ, trimmed to whole words and whole lines so that
// the edit reads as a person would make it. Writers that work on a copy (JSON, batches of fixes) hand out
// this difference.
import { commonEnds } from '../source/text-diff';
import type { FileEdit } from './intents';

export function difference(file: string, before: string, after: string): FileEdit {
  const { prefix, suffix } = wholeTokens(before, after, commonEnds(before, after));
  return {
    file,
    start: prefix,
    end: before.length - suffix,
    newText: after.slice(prefix, after.length - suffix),
  };
}

/**
 * Makes the difference read as a person would write it: a pure insertion or deletion slides to start at a
 * line start when it can (deleting whole lines), and a replacement widens to whole words, so an edit reads
 * `false` → `true`, not `fals` → `tru`.
 */
function wholeTokens(
  before: string,
  after: string,
  ends: { prefix: number; suffix: number },
): { prefix: number; suffix: number } {
  let { prefix, suffix } = ends;
  const removed = before.length - suffix - prefix;
  const added = after.length - suffix - prefix;
  if (removed === 0 || added === 0) {
    const side = removed === 0 ? after : before;
    const size = removed === 0 ? added : removed;
    for (let p = prefix; p > 0 && side[p - 1] === side[p - 1 + size]; p--) {
      if (side[p - 2] === '\n' || p - 1 === 0) return { prefix: p - 1, suffix: suffix + (prefix - p + 1) };
    }
    return ends;
  }
  const word = /[\w"$:.-]/;
  const isWord = (t: string, i: number): boolean => i >= 0 && i < t.length && word.test(t[i] as string);
  while (prefix > 0 && isWord(before, prefix - 1) && (isWord(before, prefix) || isWord(after, prefix)))
    prefix--;
  while (
    suffix > 0 &&
    isWord(before, before.length - suffix) &&
    (isWord(before, before.length - suffix - 1) || isWord(after, after.length - suffix - 1))
  )
    suffix--;
  return { prefix, suffix };
}
