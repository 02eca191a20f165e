import { identityDocuments } from '../model/queries';
import type { PolicyDocument, PolicyStatement } from '../model/types';
import { coversAllActionsOf, coversResource } from '../policy/evaluate';
import { keyAt } from './helpers';
import { TEMPLATES_ONLY, type Rule } from './types';
import type { FixIntent } from '../fix/intents';
import { tamperGuardrail } from './fix-recipes';

/** A trail ARN no template names: only patterns that cover every trail match it. */
export const ANY_TRAIL = 'arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/\u0000any';

/** Whether an Allow statement grants every CloudTrail action on every trail. */
export function grantsAllOfCloudTrail(statement: PolicyStatement, document: PolicyDocument): boolean {
  if (statement.effect.value !== 'Allow') return false;
  if (coversAllActionsOf(statement, 'cloudtrail') !== 'yes') return false;
  if (coversResource(statement, ANY_TRAIL) !== 'yes') return false;
  // An unconditional Deny of all CloudTrail actions in the same document takes it back.
  return !document.statements.some(
    (s) =>
      s.effect.value === 'Deny' &&
      s.conditions.length === 0 &&
      coversAllActionsOf(s, 'cloudtrail') === 'yes' &&
      coversResource(s, ANY_TRAIL) === 'yes',
  );
}

/** What reading trails and their events needs; what AWSCloudTrail_ReadOnlyAccess grants. */
const CLOUDTRAIL_READ_ONLY = [
  'cloudtrail:Describe*',
  'cloudtrail:Get*',
  'cloudtrail:List*',
  'cloudtrail:LookupEvents',
];

export const IAM002: Rule = {
  meta: {
    id: 'IAM002',
    slug: 'cloudtrail-wildcard',
    title: 'No policy allows cloudtrail:* on all resources',
    severity: 'warning',
    formats: TEMPLATES_ONLY,
    live: false,
    fixable: true,
  },
  check(model, context) {
    for (const { identity, document } of identityDocuments(model)) {
      for (const statement of document.statements) {
        if (!grantsAllOfCloudTrail(statement, document)) continue;
        const actions =
          (statement.notActions ? 'NotAction ' : '') +
          statement.actions
            .concat(statement.notActions ?? [])
            .map((a) => a.value)
            .join(', ');
        const narrow = statement.notActions
          ? []
          : statement.actions
              .filter((a) => a.value?.toLowerCase() === 'cloudtrail:*')
              .map((a): FixIntent => ({
                kind: 'replace',
                resource: identity.id,
                path: [...document.path, 'Statement', statement.index, 'Action'],
                from: a.value as string,
                to: CLOUDTRAIL_READ_ONLY,
                title: 'Narrow cloudtrail:* to the read-only CloudTrail actions',
                preferred: false,
                safe: false,
              }));
        context.report({
          resource: identity,
          value: keyAt(statement.notActions ? 'NotAction' : 'Action', statement.actionAt),
          fixes: [...narrow, tamperGuardrail(identity, document)],
          message: `A statement of ${identity.id} allows every CloudTrail action (${actions}) on every resource: its holder can stop logging, delete trails and redirect logs. Grant only the actions needed, on the trails needed.`,
          cdk: {
            l2: "replace `actions: ['cloudtrail:*']` (or `['*']`) with the actions needed in the PolicyStatement",
          },
        });
      }
    }
  },
};
