import { TEMPLATE_AND_LIVE, type Rule } from './types';
import type { FixValue } from '../fix/intents';
import { property } from './fix-recipes';

/**
 * The AWS managed policy, by ARN (any partition, `iam::aws:` = owned by AWS) or, in SAM, by bare name;
 * `AWSCloudTrailFullAccess` is its older name.
 */
const FULL_ACCESS = /(^|:iam::aws:policy\/)AWSCloudTrail_?FullAccess$/;

export const IAM001: Rule = {
  meta: {
    id: 'IAM001',
    slug: 'cloudtrail-full-access',
    title: 'AWSCloudTrail_FullAccess is not attached',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    const live = model.live;
    if (live?.fullAccessUnreadable !== undefined) {
      context.unverified(
        live.resource,
        {
          name: 'identities',
          value: undefined,
          provenance: 'unresolved',
          isSet: undefined,
          note: live.fullAccessUnreadable,
        },
        'that no identity holds AWSCloudTrail_FullAccess',
      );
    }
    for (const identity of model.identities) {
      for (const policy of identity.managedPolicies) {
        const name = policy.value && FULL_ACCESS.exec(policy.value)?.[0].replace(/^.*\//, '');
        if (!name) continue;
        context.report({
          resource: identity,
          value: policy,
          fixes: [
            {
              kind: 'replace',
              resource: identity.id,
              path: property(managedPolicyProperty(identity.type)),
              from: policy.value as string,
              to: readOnly(policy.value as string),
              title: 'Attach AWSCloudTrail_ReadOnlyAccess instead',
              // Whoever holds the role may need some write actions: offered, never applied by fix-all.
              preferred: false,
              safe: false,
            },
          ],
          message: `The AWS managed policy ${name} is attached to ${identity.identityKind} ${identity.id}: it allows cloudtrail:* on every trail, so its holder can stop logging, delete trails and change where logs go. Attach AWSCloudTrail_ReadOnlyAccess or a least-privilege policy instead.`,
          cdk: {
            l2: "remove `ManagedPolicy.fromAwsManagedPolicyName('AWSCloudTrail_FullAccess')` and grant only the actions needed",
            l1: 'remove the AWSCloudTrail_FullAccess ARN from `managedPolicyArns` and grant only the actions needed',
          },
        });
      }
    }
  },
};

/** The property that lists an identity's managed policies. */
function managedPolicyProperty(type: string): string {
  if (type === 'AWS::SSO::PermissionSet') return 'ManagedPolicies';
  return type.startsWith('AWS::Serverless::') ? 'Policies' : 'ManagedPolicyArns';
}

/** The read-only policy's ARN, written as the full-access one was (a `Sub` keeps its partition). */
function readOnly(arn: string): FixValue {
  const to = arn.replace(/AWSCloudTrail_?FullAccess$/, 'AWSCloudTrail_ReadOnlyAccess');
  return to.includes('${') ? { $sub: to } : to;
}
