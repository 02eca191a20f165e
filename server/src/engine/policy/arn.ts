// Canonical ARNs: one spelling for the many ways a template writes the same ARN, so that a policy's
// resource patterns can be compared with the ARN of the trail's bucket or key.
//   ${LogBucket.Arn}, arn:aws:s3:::${LogBucket}, arn:${AWS::Partition}:s3:::${LogBucket}
//     → arn:${AWS::Partition}:s3:::${LogBucket}   (or the bucket's literal name when it has one)
// Partitions, regions and 12-digit account ids become the pseudo parameters: a template speaks about its own
// account and region, and treating a literal one as "this account" can only make a rule more lenient.

/** Token (`${Id}` or `${Id.Attr}`) → what it stands for, supplied by the format adapter. */
export type Symbols = ReadonlyMap<string, string>;

const TOKEN = /\$\{([^}]+)\}/g;
const ARN_HEAD = /^arn:(?:\$\{[^}]*\}|[^:*?$]+):/;
const REGION = /^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)$/;

/**
 * `literalAccounts` keeps 12-digit account ids as written: for principals, where another account is not
 * this one.
 */
export function canonicalArn(text: string, symbols: Symbols, literalAccounts = false): string {
  let out = text;
  for (let pass = 0; pass < 3 && out.includes('${'); pass++) {
    const next = out.replace(TOKEN, (whole: string) => symbols.get(whole) ?? whole);
    if (next === out) break;
    out = next;
  }
  if (!out.startsWith('arn:')) return out;
  out = out.replace(ARN_HEAD, 'arn:${AWS::Partition}:');
  // Split on the colons of the ARN, not those inside `${AWS::Region}`-style tokens.
  const parts = out.split(/:(?![^{]*\})/);
  if (parts.length >= 5) {
    if (REGION.test(parts[3] ?? '')) parts[3] = '${AWS::Region}';
    if (!literalAccounts && /^\d{12}$/.test(parts[4] ?? '')) parts[4] = '${AWS::AccountId}';
    out = parts.join(':');
  }
  if (literalAccounts) return out;
  // Account ids inside resource paths, as in CloudTrail's `AWSLogs/111122223333/*`.
  return out.replace(/(^|\/)\d{12}(?=\/|$)/g, '$1${AWS::AccountId}');
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
