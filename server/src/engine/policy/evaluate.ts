// The policy evaluator shared by the IAM, bucket-policy and key-policy rules: does a statement cover an
// action, a resource, a principal? Answers are three-valued, because a template may not say: 'maybe' means
// a value could not be resolved, and rules never claim a violation on 'maybe'.
import type { PolicyDocument, PolicyStatement, Value } from '../model/types';
import { globMatch } from './glob';

export type Tri = 'yes' | 'no' | 'maybe';

export type Who = { service: string } | { anyone: true };

export interface Request {
  action: string;
  /** Canonical ARN; omitted when any resource will do. */
  resource?: string;
  /** For resource policies: who asks. */
  principal?: Who;
}

function anyMatch(patterns: Value<string>[], value: string, ignoreCase: boolean): Tri {
  let unknown = false;
  for (const p of patterns) {
    if (p.value === undefined) unknown = true;
    else if (globMatch(p.value, value, ignoreCase)) return 'yes';
  }
  return unknown ? 'maybe' : 'no';
}

function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe';
}

function and(...ts: Tri[]): Tri {
  if (ts.includes('no')) return 'no';
  return ts.includes('maybe') ? 'maybe' : 'yes';
}

export function coversAction(statement: PolicyStatement, action: string): Tri {
  if (statement.notActions) return not(anyMatch(statement.notActions, action, true));
  return anyMatch(statement.actions, action, true);
}

export function coversResource(statement: PolicyStatement, resource: string | undefined): Tri {
  if (resource === undefined) return 'yes';
  if (statement.notResources) return not(anyMatch(statement.notResources, resource, false));
  // Key and bucket policies often omit nothing; an identity statement without Resource is invalid anyway.
  if (statement.resources.length === 0) return 'yes';
  return anyMatch(statement.resources, resource, false);
}

export function coversPrincipal(statement: PolicyStatement, who: Who | undefined): Tri {
  const principal = statement.principal;
  if (!who || !principal) return 'yes';
  let named: Tri;
  if (principal.anyone) named = 'yes';
  else if ('service' in who)
    named = principal.services.includes(who.service) ? 'yes' : principal.partial ? 'maybe' : 'no';
  else named = 'no';
  return statement.notPrincipal ? not(named) : named;
}

export function covers(statement: PolicyStatement, request: Request): Tri {
  return and(
    coversAction(statement, request.action),
    coversResource(statement, request.resource),
    coversPrincipal(statement, request.principal),
  );
}

/** Statement effect, with 'maybe' for an unresolved one. */
function effect(statement: PolicyStatement): 'Allow' | 'Deny' | undefined {
  const e = statement.effect.value;
  return e === 'Allow' || e === 'Deny' ? e : undefined;
}

export interface Grant {
  statement: PolicyStatement;
  covers: Tri;
}

/**
 * The Allow statements of a document that cover a request, unless an unconditional Deny of the same
 * document covers it for certain (an explicit Deny always wins). Conditions on the Allows are left to the
 * rules, which know which restrictions matter to them.
 */
export function grants(doc: PolicyDocument | undefined, request: Request): Grant[] {
  if (!doc) return [];
  const denied = doc.statements.some(
    (s) => effect(s) === 'Deny' && s.conditions.length === 0 && covers(s, request) === 'yes',
  );
  if (denied) return [];
  const out: Grant[] = [];
  for (const statement of doc.statements) {
    if (effect(statement) !== 'Allow') continue;
    const c = covers(statement, request);
    if (c !== 'no') out.push({ statement, covers: c });
  }
  return out;
}

/** Whether an action pattern set covers every action of a service (`cloudtrail:*`, `*`, `cloudtr*`…). */
export function coversAllActionsOf(statement: PolicyStatement, service: string): Tri {
  // An action name no real action has: only patterns that cover the whole service match it.
  return coversAction(statement, `${service}:\u0000Any\u0000Action`);
}
