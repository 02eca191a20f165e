// Which condition keys restrict an Allow statement, and in what way. Condition keys and operators compare
// case-insensitively. A condition restricts a grant only when it can fail for the callers the grant is
// about, so the operator matters as much as the key:
//  - positive comparisons (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, `IpAddress`, their
//    `ForAnyValue:` forms) narrow who matches;
//  - negated ones (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`…) and `Null` only exclude some callers
//    or ask whether the key exists: on an Allow they widen the grant rather than pin it;
//  - `…IfExists` and `ForAllValues:` also match requests that lack the key, and the keys that pin a caller
//    are missing exactly for the callers to worry about (anonymous requests carry no aws:PrincipalArn or
//    aws:PrincipalAccount, requests from outside a VPC no aws:SourceVpce, principals outside any
//    organization no aws:PrincipalOrgID, sessions without MFA no aws:MultiFactorAuthAge). So they do not
//    count, with one exception: the source keys on a grant to service principals, which the service always
//    sends when it acts for a resource (see SOURCE_KEYS).
import type { PolicyCondition, PolicyStatement } from '../model/types';

/**
 * - `mfa`: the caller signed in with MFA;
 * - `principal`: the caller is pinned to a known set (account, organization, ARN, network), in any policy,
 *   a resource policy open to `"*"` included;
 * - `holder`: the grant is narrowed to some holders of an identity policy (a user name, a principal tag).
 *   These pin nobody in a resource policy open to `"*"`: every account has its own user names and tags its
 *   own principals;
 * - `source`: a service acts only for a named resource or account (the confused deputy);
 * - `secure-transport`: for a Deny, the condition that refuses plain HTTP.
 */
export type Restriction = 'mfa' | 'principal' | 'holder' | 'source' | 'secure-transport';

/**
 * Keys that pin the caller: the ones S3 itself accepts as making a `"*"` bucket policy non-public (plus the
 * principal and organization keys, and KMS's caller keys). Not here, for want of pinning anyone:
 * `aws:PrincipalType` (only the kind of principal: every account has users and assumed roles),
 * `aws:CalledVia` (only the route: any account's principals can go through the same service).
 */
const PRINCIPAL_KEYS = [
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'kms:calleraccount',
  'kms:viaservice',
];
/** Keys that name some holders of an identity policy; see `holder`. */
const HOLDER_KEYS = ['aws:username'];
const HOLDER_PREFIXES = ['aws:principaltag/'];
/** Keys that stop a service acting for someone else (the confused deputy). */
const SOURCE_KEYS = [
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourceowner',
];
/** Operators that narrow the matching callers to the values given. */
const POSITIVE = new Set([
  'stringequals',
  'stringequalsignorecase',
  'stringlike',
  'arnequals',
  'arnlike',
  'ipaddress',
]);
/** Values that match every caller. */
const MATCH_ALL = new Set(['*', '0.0.0.0/0', '::/0']);

export interface RestrictsOptions {
  /** The key is in every request the statement is about (source keys on a grant to service principals). */
  keyAlwaysPresent?: boolean;
}

/** Whether a condition on an Allow narrows the callers to its values (see the header). */
function narrows(condition: PolicyCondition, options: RestrictsOptions): boolean {
  let operator = condition.operator.toLowerCase();
  if (operator.startsWith('forallvalues:')) return false;
  if (operator.startsWith('foranyvalue:')) operator = operator.slice('foranyvalue:'.length);
  if (operator.endsWith('ifexists')) {
    if (!options.keyAlwaysPresent) return false;
    operator = operator.slice(0, -'ifexists'.length);
  }
  if (!POSITIVE.has(operator) || condition.values.length === 0) return false;
  // A value the file does not give may well pin the caller; one that matches everything pins nothing.
  if (condition.values.includes(undefined)) return true;
  return !condition.values.some((v) => MATCH_ALL.has(v as string));
}

/** Whether a condition of an Allow statement (a Deny for `secure-transport`) restricts it in this way. */
export function restricts(
  condition: PolicyCondition,
  kind: Restriction,
  options: RestrictsOptions = {},
): boolean {
  const key = condition.key.toLowerCase();
  const operator = condition.operator.toLowerCase();
  const values = condition.values.map((v) => v?.toLowerCase());
  switch (kind) {
    case 'mfa':
      // `BoolIfExists … true` in an Allow also allows requests without the key (long-term access keys).
      if (key === 'aws:multifactorauthpresent')
        return operator === 'bool' && values.length > 0 && values.every((v) => v === 'true');
      if (key !== 'aws:multifactorauthage') return false;
      // The age exists only for sessions signed in with MFA: `Null … false` requires one.
      if (operator === 'null') return values.length > 0 && values.every((v) => v === 'false');
      return operator.startsWith('numeric') && !operator.includes('ifexists');
    case 'principal':
      return PRINCIPAL_KEYS.includes(key) && narrows(condition, {});
    case 'holder':
      return (
        (HOLDER_KEYS.includes(key) || HOLDER_PREFIXES.some((p) => key.startsWith(p))) &&
        narrows(condition, {})
      );
    case 'source':
      return SOURCE_KEYS.includes(key) && narrows(condition, options);
    case 'secure-transport':
      return key === 'aws:securetransport' && operator.startsWith('bool') && values.includes('false');
  }
}

/** The statement applies to service principals only, which fill in the source keys themselves. */
function servicesOnly(statement: PolicyStatement): boolean {
  const p = statement.principal;
  return (
    !!p &&
    !statement.notPrincipal &&
    !p.anyone &&
    !p.partial &&
    p.services.length > 0 &&
    p.aws.length === 0 &&
    p.federated.length === 0
  );
}

/**
 * Whether the conditions of an Allow statement restrict it in one of these ways. A computed condition block
 * counts as restricting: rules must not claim a violation on what they cannot read.
 */
export function hasRestriction(statement: PolicyStatement, ...kinds: Restriction[]): boolean {
  if (statement.conditionsPartial) return true;
  const options = { keyAlwaysPresent: servicesOnly(statement) };
  return statement.conditions.some((c) => kinds.some((k) => restricts(c, k, options)));
}
