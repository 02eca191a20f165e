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
