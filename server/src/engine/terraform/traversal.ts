// Terraform traversals written as text (`aws_s3_bucket.logs[0].id`, `module.org["main"].module.trail`), as
// `.tf.json` interpolations and plans hold them, read into their steps. Whitespace between steps, `.0`
// legacy indexes and quoted keys with HCL escapes are understood; anything else is not a traversal.
const IDENTIFIER = /[\p{L}_][\p{L}\p{N}_-]*/uy;
const DIGITS = /[0-9]+/y;
const KEYWORDS = new Set(['true', 'false', 'null']);

export interface Step {
  /** The attribute name, or the index as a string (`0`, `east`), as hcl.ts gives them. */
  name: string;
  /** An index step (`[0]`, `["a"]`, legacy `.0`) rather than an attribute step. */
  index: boolean;
}

/**
 * `a.b.c`, `a.b[0].c`, `a["k"]` → its steps; anything else (calls, operators, conditionals, splats,
 * computed indexes) → undefined.
 */
export function traversal(src: string): Step[] | undefined {
  let i = 0;
  const sticky = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const number = (): string | undefined => {
    const digits = sticky(DIGITS);
    return digits === undefined ? undefined : String(Number(digits));
  };
  const space = (): void => {
    while (i < src.length && /\s/.test(src.charAt(i))) i++;
  };
  const root = sticky(IDENTIFIER);
  if (root === undefined || KEYWORDS.has(root)) return undefined;
  const path: Step[] = [{ name: root, index: false }];
  for (space(); i < src.length; space()) {
    if (src[i] === '.') {
      i++;
      space();
      // `.0` is HCL's legacy index syntax.
      const name = sticky(IDENTIFIER);
      const step = name ?? number();
      if (step === undefined) return undefined;
      path.push({ name: step, index: name === undefined });
    } else if (src[i] === '[') {
      i++;
      space();
      const key = number() ?? quoted();
      if (key === undefined) return undefined;
      space();
      if (src[i] !== ']') return undefined;
      i++;
      path.push({ name: key, index: true });
    } else {
      return undefined;
    }
  }
  return path;

  /** A quoted HCL string key without interpolations, escapes decoded. */
  function quoted(): string | undefined {
    if (src[i] !== '"') return undefined;
    let out = '';
    for (i++; i < src.length; i++) {
      const c = src.charAt(i);
      if (c === '"') {
        i++;
        return out;
      }
      if (src.startsWith('${', i) || src.startsWith('%{', i)) return undefined;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = src.charAt(i + 1);
      const hex = e === 'u' ? 4 : e === 'U' ? 8 : 0;
      if (hex > 0) {
        const code = parseInt(src.slice(i + 2, i + 2 + hex), 16);
        if (!/^[0-9a-fA-F]+$/.test(src.slice(i + 2, i + 2 + hex)) || code > 0x10ffff) return undefined;
        out += String.fromCodePoint(code);
        i += 1 + hex;
      } else {
        out += ESCAPES[e] ?? e;
        i++;
      }
    }
    return undefined;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
