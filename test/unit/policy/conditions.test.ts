// Which conditions restrict an Allow: the key and the operator both matter.
import { strict as assert } from 'node:assert';
import type { PolicyStatement } from '../../../server/src/engine/model/types';
import { hasRestriction, restricts } from '../../../server/src/engine/policy/conditions';

const c = (operator: string, key: string, ...values: (string | undefined)[]) => ({ operator, key, values });

function statement(principal: PolicyStatement['principal'], ...conditions: ReturnType<typeof c>[]) {
  return {
    conditions,
    conditionsPartial: false,
    principal,
    notPrincipal: false,
  } as unknown as PolicyStatement;
}

const SERVICE = {
  anyone: false,
  services: ['cloudtrail.amazonaws.com'],
  aws: [],
  federated: [],
  partial: false,
};
const ANYONE = { anyone: true, services: [], aws: [], federated: [], partial: false };

describe('restricting conditions', () => {
  it('count positive comparisons of the keys that pin the caller', () => {
    for (const [operator, key, value] of [
      ['StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
      ['StringLike', 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/r-ab12/*'],
      ['ArnEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/x'],
      ['ArnLike', 'AWS:PRINCIPALARN', 'arn:aws:iam::111122223333:role/*'],
      ['StringEquals', 'aws:PrincipalAccount', '111122223333'],
      ['StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d'],
      ['StringEquals', 'aws:SourceVpc', 'vpc-1a2b3c4d'],
      ['IpAddress', 'aws:SourceIp', '203.0.113.0/24'],
      ['StringLike', 'aws:userid', 'AIDAEXAMPLE'],
      ['StringEquals', 'kms:CallerAccount', '111122223333'],
      ['ForAnyValue:StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
      ['stringequalsignorecase', 'aws:PrincipalAccount', '111122223333'],
    ] as const) {
      assert.equal(restricts(c(operator, key, value), 'principal'), true, `${operator} ${key}`);
    }
  });

  it('do not count negated operators, Null, IfExists or ForAllValues on an Allow', () => {
    for (const [operator, key, value] of [
      ['StringNotEquals', 'aws:PrincipalAccount', '444455556666'],
      ['StringNotLike', 'aws:PrincipalArn', 'arn:aws:iam::*:role/Intern*'],
      ['ArnNotEquals', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/x'],
      ['ArnNotLike', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*'],
      ['NotIpAddress', 'aws:SourceIp', '203.0.113.0/24'],
      ['StringNotEqualsIgnoreCase', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
      ['Null', 'aws:PrincipalOrgID', 'false'],
      ['Null', 'aws:SourceVpce', 'true'],
      // Requests without the key pass: anonymous ones have no aws:PrincipalAccount, others no aws:SourceVpce.
      ['StringEqualsIfExists', 'aws:SourceVpce', 'vpce-1a2b3c4d'],
      ['ArnLikeIfExists', 'aws:PrincipalArn', 'arn:aws:iam::111122223333:role/*'],
      ['ForAllValues:StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
      ['Bool', 'aws:PrincipalOrgID', 'true'],
    ] as const) {
      assert.equal(restricts(c(operator, key, value), 'principal'), false, `${operator} ${key}`);
    }
  });

  it('do not count values that match every caller, but count values the file does not give', () => {
    assert.equal(restricts(c('StringLike', 'aws:PrincipalArn', '*'), 'principal'), false);
    assert.equal(
      restricts(c('StringLike', 'aws:PrincipalArn', 'arn:aws:iam::1:role/x', '*'), 'principal'),
      false,
    );
    assert.equal(restricts(c('IpAddress', 'aws:SourceIp', '0.0.0.0/0'), 'principal'), false);
    assert.equal(restricts(c('IpAddress', 'aws:SourceIp', '::/0'), 'principal'), false);
    assert.equal(restricts(c('StringEquals', 'aws:PrincipalOrgID', undefined), 'principal'), true);
  });

  it('do not take the kind of principal or the route of a request for a caller restriction', () => {
    assert.equal(restricts(c('StringEquals', 'aws:PrincipalType', 'AssumedRole'), 'principal'), false);
    assert.equal(restricts(c('StringEquals', 'aws:PrincipalType', 'AssumedRole'), 'holder'), false);
    assert.equal(
      restricts(c('ForAnyValue:StringEquals', 'aws:CalledVia', 'athena.amazonaws.com'), 'principal'),
      false,
    );
    assert.equal(
      restricts(c('ForAnyValue:StringEquals', 'aws:CalledVia', 'athena.amazonaws.com'), 'holder'),
      false,
    );
  });

  it('count user names and principal tags for the holders of an identity policy only', () => {
    assert.equal(restricts(c('StringEquals', 'aws:username', 'break-glass'), 'holder'), true);
    assert.equal(restricts(c('StringEquals', 'aws:username', 'break-glass'), 'principal'), false);
    assert.equal(restricts(c('StringNotEquals', 'aws:username', 'intern'), 'holder'), false);
    assert.equal(restricts(c('StringEqualsIfExists', 'aws:PrincipalTag/team', 'sec'), 'holder'), false);
    assert.equal(restricts(c('StringEquals', 'aws:PrincipalTag/Team', 'sec'), 'holder'), true);
  });

  it('count IfExists on source keys only for a grant to service principals, which always send them', () => {
    const ifExists = c('StringEqualsIfExists', 'aws:SourceAccount', '111122223333');
    assert.equal(hasRestriction(statement(SERVICE, ifExists), 'source'), true);
    assert.equal(hasRestriction(statement(ANYONE, ifExists), 'source'), false);
    assert.equal(
      hasRestriction(statement(ANYONE, c('StringEquals', 'aws:SourceAccount', '1')), 'source'),
      true,
    );
    assert.equal(
      hasRestriction(statement(SERVICE, c('StringNotEquals', 'aws:SourceAccount', '1')), 'source'),
      false,
    );
    assert.equal(
      hasRestriction(statement(SERVICE, c('ArnLike', 'aws:SourceArn', 'arn:aws:cloudtrail:*')), 'source'),
      true,
    );
  });

  it('count MFA only when the request must carry it', () => {
    assert.equal(restricts(c('Null', 'aws:MultiFactorAuthAge', 'false'), 'mfa'), true);
    assert.equal(restricts(c('Null', 'aws:MultiFactorAuthAge', 'true'), 'mfa'), false);
    assert.equal(restricts(c('NumericLessThanIfExists', 'aws:MultiFactorAuthAge', '3600'), 'mfa'), false);
  });

  it('keep the secure-transport test of a Deny', () => {
    assert.equal(restricts(c('Bool', 'aws:SecureTransport', 'false'), 'secure-transport'), true);
    assert.equal(restricts(c('BoolIfExists', 'aws:SecureTransport', 'false'), 'secure-transport'), true);
    assert.equal(restricts(c('Bool', 'aws:SecureTransport', 'true'), 'secure-transport'), false);
  });

  it('treat a computed condition block as restricting', () => {
    const partial = { ...statement(ANYONE), conditionsPartial: true } as PolicyStatement;
    assert.equal(hasRestriction(partial, 'principal'), true);
  });
});
