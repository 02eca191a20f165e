// Which condition keys restrict a statement, and in what way. Condition keys compare case-insensitively.
import type { PolicyCondition, PolicyStatement } from '../model/types';

export type Restriction = 'mfa' | 'principal' | 'source' | 'secure-transport';

/** Keys that narrow who can use a grant (or from where). */
const PRINCIPAL_KEYS = [
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:sourceip',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:calledvia',
  'kms:calleraccount',
  'kms:viaservice',
];
const PRINCIPAL_PREFIXES = ['aws:principaltag/'];
/** Keys that stop a service acting for someone else (the confused deputy). */
const SOURCE_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export function restricts(condition: PolicyCondition, kind: Restriction): boolean {
  const key = condition.key.toLowerCase();
  const operator = condition.operator.toLowerCase();
  const values = condition.values.map((v) => v?.toLowerCase());
  switch (kind) {
    case 'mfa':
      // `BoolIfExists … true` in an Allow also allows requests without the key (long-term access keys).
      if (key === 'aws:multifactorauthpresent')
        return operator === 'bool' && values.length > 0 && values.every((v) => v === 'true');
      return (
        key === 'aws:multifactorauthage' && operator.startsWith('numeric') && !operator.includes('ifexists')
      );
    case 'principal':
      return PRINCIPAL_KEYS.includes(key) || PRINCIPAL_PREFIXES.some((p) => key.startsWith(p));
    case 'source':
      return SOURCE_KEYS.includes(key);
    case 'secure-transport':
      return key === 'aws:securetransport' && operator.startsWith('bool') && values.includes('false');
  }
}

/**
 * Whether the statement's conditions restrict it in one of these ways. A computed condition block counts as
 * restricting: rules must not claim a violation on what they cannot read.
 */
export function hasRestriction(statement: PolicyStatement, ...kinds: Restriction[]): boolean {
  if (statement.conditionsPartial) return true;
  return statement.conditions.some((c) => kinds.some((k) => restricts(c, k)));
}
