// Canonical ARNs: one spelling for the many ways a template writes the same ARN, so that a policy's
// resource patterns can be compared with the ARN of the trail's bucket or key.
//   ${LogBucket.Arn}, arn:aws:s3:::${LogBucket}, arn:${AWS::Partition}:s3:::${LogBucket}
//     → arn:${AWS::Partition}:s3:::${LogBucket}   (or the bucket's literal name when it has one)
// Partitions, regions and 12-digit account ids become the pseudo parameters: a template speaks about its own
// account and region, and treating a literal one as "this account" can only make a rule more lenient.

/** Token (`${Id}` or `${Id.Attr}`) → what it stands for, supplied by the format adapter. */
export type Symbols = ReadonlyMap<string, string>;

const TOKEN = /\$\{([^}]+)\}/g;
const REGION = /^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)$/;
const ACCOUNT = /^\d{12}$/;
const PATH_ACCOUNT = /(^|\/)\d{12}(?=\/|$)/g;

/** Whether the text holds a `${…}` token other than a pseudo parameter (`${AWS::…}`). */
function namesSymbol(text: string): boolean {
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    if (!text.startsWith('AWS::', i + 2)) return true;
  }
  return false;
}

/**
 * `literalAccounts` keeps 12-digit account ids as written: for principals, where another account is not
 * this one.
 */
export function canonicalArn(text: string, symbols: Symbols, literalAccounts = false): string {
  // Most values are not ARNs and name no resource (`*`, `${AWS::AccountId}`, `bucket-owner-full-control`).
  if (!text.startsWith('arn:') && !namesSymbol(text)) return text;
  let out = text;
  for (let pass = 0; pass < 3 && namesSymbol(out); pass++) {
    const next = out.replace(TOKEN, (whole: string) => symbols.get(whole) ?? whole);
    if (next === out) break;
    out = next;
  }
  if (!out.startsWith('arn:')) return out;
  // This runs for every resource and condition value of every policy on every keystroke: split the first
  // five fields by hand, treating `${…}` tokens (which contain colons) as atoms.
  const fields: string[] = [];
  let from = 4;
  let i = 4;
  while (fields.length < 4 && i <= out.length) {
    const c = out.charCodeAt(i);
    if (c === 36 /* $ */ && out.charCodeAt(i + 1) === 123 /* { */) {
      const close = out.indexOf('}', i);
      i = close < 0 ? out.length : close + 1;
      continue;
    }
    if (c === 58 /* : */ || i === out.length) {
      fields.push(out.slice(from, i));
      from = i + 1;
    }
    i++;
  }
  if (fields.length < 4) return out;
  const [partition, service, region, account] = fields as [string, string, string, string];
  let tail = out.slice(from);
  if (!literalAccounts && tail.length >= 12 && /\d{12}/.test(tail))
    tail = tail.replace(PATH_ACCOUNT, '$1${AWS::AccountId}');
  const canonicalPartition =
    partition.includes('*') || partition.includes('?') ? partition : '${AWS::Partition}';
  return [
    'arn',
    canonicalPartition,
    service,
    REGION.test(region) ? '${AWS::Region}' : region,
    !literalAccounts && ACCOUNT.test(account) ? '${AWS::AccountId}' : account,
    tail,
  ].join(':');
}

/**
 * A principal in canonical form: account ids (bare, `${AWS::AccountId}` or an ARN ending in `:root`) become
 * `arn:${AWS::Partition}:iam::<account>:root`; other ARNs keep their literal account.
 */
export function canonicalPrincipal(text: string, symbols: Symbols): string {
  const arn = canonicalArn(text, symbols, true);
  if (/^(\d{12}|\$\{AWS::AccountId\})$/.test(arn)) return `arn:\${AWS::Partition}:iam::${arn}:root`;
  return arn;
}

/** This template's own account root: the "delegate to IAM" principal of default key policies. */
export const OWN_ACCOUNT_ROOT = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root';
