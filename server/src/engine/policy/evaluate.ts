// The policy evaluator shared by the IAM, bucket-policy and key-policy rules: does a statement cover an
// action, a resource, a principal? Answers are three-valued, because a template may not say: 'maybe' means
// a value could not be resolved, and rules never claim a violation on 'maybe'.
import type { PolicyDocument, PolicyStatement, Value } from '../model/types';
import { globIntersects, globMatch, globSubsumes } from './glob';

export type Tri = 'yes' | 'no' | 'maybe';

export type Who = { service: string } | { anyone: true };

export interface Request {
  action: string;
  /**
   * Canonical ARN. Omitted when the question is whether the action is allowed on some resource (a key
   * policy, where `*` means the key; an identity policy asked about any trail): an Allow then counts
   * whatever its resources, and a Deny takes it back only for the resources it covers (see `grants`).
   */
  resource?: string;
  /**
   * `resource` is a glob pattern that stands for one ARN the template does not fully give (a log file under
   * an unresolved S3KeyPrefix). A statement covers it 'yes' only when it covers every ARN of the pattern,
   * 'no' only when it covers none of them, and 'maybe' otherwise: an unresolved value never decides.
   */
  resourceIsPattern?: boolean;
  /**
   * With `resource` omitted: a pattern for every resource the action can act on (all trails of the account
   * for `cloudtrail:StopLogging`). A Deny that covers this pattern takes back an Allow on `*`. Without it,
   * only a Deny on `*` (or on everything the Allow names) does.
   */
  within?: string;
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

/** Like anyMatch, for a resource pattern standing for one unknown ARN (see Request.resourceIsPattern). */
function anyMatchPattern(patterns: Value<string>[], pattern: string): Tri {
  let possible = false;
  for (const p of patterns) {
    if (p.value === undefined) possible = true;
    else if (globSubsumes(p.value, pattern, false)) return 'yes';
    else if (globIntersects(p.value, pattern, false)) possible = true;
  }
  return possible ? 'maybe' : 'no';
}

function not(t: Tri): Tri {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'maybe';
}

/** Three answers (or two) at once, without an array per call: this runs for every statement asked about. */
function and(a: Tri, b: Tri, c: Tri = 'yes'): Tri {
  if (a === 'no' || b === 'no' || c === 'no') return 'no';
  return a === 'maybe' || b === 'maybe' || c === 'maybe' ? 'maybe' : 'yes';
}

export function coversAction(statement: PolicyStatement, action: string): Tri {
  if (statement.notActions) return not(anyMatch(statement.notActions, action, true));
  return anyMatch(statement.actions, action, true);
}

export function coversResource(
  statement: PolicyStatement,
  resource: string | undefined,
  isPattern = false,
): Tri {
  if (resource === undefined) return 'yes';
  const match = (patterns: Value<string>[]): Tri =>
    isPattern ? anyMatchPattern(patterns, resource) : anyMatch(patterns, resource, false);
  if (statement.notResources) return not(match(statement.notResources));
  // Key and bucket policies often omit nothing; an identity statement without Resource is invalid anyway.
  if (statement.resources.length === 0) return 'yes';
  return match(statement.resources);
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
    coversResource(statement, request.resource, request.resourceIsPattern),
    coversPrincipal(statement, request.principal),
  );
}

/**
 * For a request without a resource: whether a Deny covers every resource the Allow covers (within the
 * resources the action can act on). A Deny with NotResource, or one that names fewer resources than the
 * Allow, leaves the Allow standing for the others.
 */
function denyCoversAllowed(deny: PolicyStatement, allow: PolicyStatement, within: string | undefined): Tri {
  if (deny.notResources) return 'no';
  if (deny.resources.length === 0) return 'yes';
  // What the Allow reaches: its patterns, each narrowed to `within` when it covers all of that.
  let allowed: (string | undefined)[];
  if (allow.notResources || allow.resources.length === 0) allowed = [within ?? '*'];
  else
    allowed = allow.resources.map((r) =>
      r.value !== undefined && within !== undefined && globSubsumes(r.value, within, false)
        ? within
        : r.value,
    );
  // A Deny that covers part of what the Allow names leaves the rest granted: only covering it all counts.
  const unknown = deny.resources.some((r) => r.value === undefined);
  let result: Tri = 'yes';
  for (const pattern of allowed) {
    if (
      pattern !== undefined &&
      deny.resources.some((r) => r.value !== undefined && globSubsumes(r.value, pattern, false))
    )
      continue;
    if (pattern !== undefined && !unknown) return 'no';
    result = 'maybe';
  }
  return result;
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
 * The Allow statements of a document that cover a request, less what an unconditional Deny of the same
 * document takes back (an explicit Deny always wins). A Deny that certainly covers the request (for a
 * request without a resource: everything the Allow covers) drops the Allow; one that might (an unresolved
 * resource, action or effect) leaves it as 'maybe', so that no rule claims a grant a Deny may cancel.
 * Conditions on the Allows are left to the rules, which know which restrictions matter to them.
 */
export function grants(doc: PolicyDocument | undefined, request: Request): Grant[] {
  if (!doc) return [];
  // Statements that may be unconditional Denies covering the action and principal asked about.
  const denies: { statement: PolicyStatement; certain: boolean }[] = [];
  for (const s of doc.statements) {
    const e = effect(s);
    if (e === 'Allow' || s.conditions.length > 0) continue;
    const c = and(coversAction(s, request.action), coversPrincipal(s, request.principal));
    // A computed condition block may hold a condition: such a Deny might not apply.
    if (c !== 'no')
      denies.push({ statement: s, certain: c === 'yes' && e === 'Deny' && !s.conditionsPartial });
  }
  const out: Grant[] = [];
  for (const statement of doc.statements) {
    if (effect(statement) !== 'Allow') continue;
    let c = covers(statement, request);
    if (c === 'no') continue;
    for (const deny of denies) {
      let taken =
        request.resource === undefined
          ? denyCoversAllowed(deny.statement, statement, request.within)
          : coversResource(deny.statement, request.resource, request.resourceIsPattern);
      if (taken === 'yes' && !deny.certain) taken = 'maybe';
      if (taken === 'yes') {
        c = 'no';
        break;
      }
      if (taken === 'maybe') c = 'maybe';
    }
    if (c !== 'no') out.push({ statement, covers: c });
  }
  return out;
}

/** Whether an action pattern set covers every action of a service (`cloudtrail:*`, `*`, `cloudtr*`…). */
export function coversAllActionsOf(statement: PolicyStatement, service: string): Tri {
  // An action name no real action has: only patterns that cover the whole service match it.
  return coversAction(statement, `${service}:\u0000Any\u0000Action`);
}
