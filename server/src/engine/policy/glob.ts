// IAM's wildcard matching: `*` matches any run of characters, `?` any one character. Action names compare
// case-insensitively, ARNs case-sensitively. Placeholders such as `${AWS::AccountId}` in canonical ARNs are
// plain text here: they match only themselves or a wildcard.

const cache = new Map<string, RegExp>();

export function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  // Most patterns in a template are literal or end in one `*`: no regular expression needed for those.
  const star = pattern.indexOf('*');
  if (star < 0 && !pattern.includes('?'))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  if (star === pattern.length - 1 && !pattern.includes('?')) {
    const prefix = pattern.slice(0, -1);
    return ignoreCase ? value.toLowerCase().startsWith(prefix.toLowerCase()) : value.startsWith(prefix);
  }
  const key = (ignoreCase ? 'i' : 's') + pattern;
  let regex = cache.get(key);
  if (!regex) {
    const source = pattern
      .split('')
      .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
    if (cache.size > 5000) cache.clear();
    cache.set(key, regex);
  }
  return regex.test(value);
}

/** One token of a pattern: a run-of-anything `*`, a one-character `?`, or a literal character. */
function tokens(pattern: string, ignoreCase: boolean): string[] {
  return (ignoreCase ? pattern.toLowerCase() : pattern).split('');
}

/**
 * Whether every value `inner` matches is also matched by `outer` (both patterns). Sound, not complete: a
 * `true` is certain; a rare pair of patterns that only cover each other by coincidence answers `false`.
 * `*` in `inner` is matched only by `*` in `outer`, `?` by `?` or `*`.
 */
export function globSubsumes(outer: string, inner: string, ignoreCase: boolean): boolean {
  if (outer === '*') return true;
  const o = tokens(outer, ignoreCase);
  const i = tokens(inner, ignoreCase);
  return solve(i.length + 1, (go, a, b) => {
    if (a === o.length) return b === i.length;
    if (o[a] === '*') return go(a + 1, b) || (b < i.length && go(a, b + 1));
    if (b === i.length || i[b] === '*') return false;
    if (i[b] === '?') return o[a] === '?' && go(a + 1, b + 1);
    return (o[a] === '?' || o[a] === i[b]) && go(a + 1, b + 1);
  });
}

/** Whether some value matches both patterns. */
export function globIntersects(a: string, b: string, ignoreCase: boolean): boolean {
  const x = tokens(a, ignoreCase);
  const y = tokens(b, ignoreCase);
  return solve(y.length + 1, (go, i, j) => {
    if (i === x.length && j === y.length) return true;
    if (i < x.length && x[i] === '*') return go(i + 1, j) || (j < y.length && go(i, j + 1));
    if (j < y.length && y[j] === '*') return go(i, j + 1) || (i < x.length && go(i + 1, j));
    if (i === x.length || j === y.length) return false;
    return (x[i] === '?' || y[j] === '?' || x[i] === y[j]) && go(i + 1, j + 1);
  });
}

type Step = (go: (a: number, b: number) => boolean, a: number, b: number) => boolean;

/** Runs a recursion over a position in each of two patterns from (0, 0), each pair computed once. */
function solve(width: number, step: Step): boolean {
  const memo = new Map<number, boolean>();
  const go = (a: number, b: number): boolean => {
    const key = a * width + b;
    let result = memo.get(key);
    if (result === undefined) {
      result = step(go, a, b);
      memo.set(key, result);
    }
    return result;
  };
  return go(0, 0);
}
