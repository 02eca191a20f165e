import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { addResourcesFix, newTrailLogDelivery, property, setFix } from './fix-recipes';

export const CT005: Rule = {
  meta: {
    id: 'CT005',
    slug: 'trail-cloudwatch-logs',
    title: 'Trail delivers to CloudWatch Logs',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const group = trail.cloudWatchLogsLogGroupArn;
      const role = trail.cloudWatchLogsRoleArn;
      if (group.isSet === true && role.isSet === true) continue;
      const cdk = {
        l2: 'set `sendToCloudWatchLogs: true` on the Trail (optionally with `cloudWatchLogGroup`)',
        l1: 'set both `cloudWatchLogsLogGroupArn` and `cloudWatchLogsRoleArn` on the CfnTrail',
      };
      if (group.isSet === undefined || role.isSet === undefined) {
        context.unverified(trail, group.isSet === undefined ? group : role, 'CloudWatch Logs delivery');
        continue;
      }
      if (group.isSet !== role.isSet) {
        const [given, missing] = group.isSet ? [group, role] : [role, group];
        context.report({
          resource: trail,
          value: given,
          severity: 'error',
          message: `${given.name} is set without ${missing.name}: CloudTrail needs both to deliver to CloudWatch Logs and rejects the trail otherwise, so the deployment fails.`,
          cdk,
        });
        continue;
      }
      const { group: newGroup, role: newRole } = newTrailLogDelivery(trail);
      context.report({
        resource: trail,
        value: group,
        fixes: [
          addResourcesFix(
            [newGroup, newRole],
            [
              setFix(
                trail,
                property('CloudWatchLogsLogGroupArn'),
                { $ref: newGroup.id, attribute: 'Arn' },
                'Deliver to the new log group',
              ),
              setFix(
                trail,
                property('CloudWatchLogsRoleArn'),
                { $ref: newRole.id, attribute: 'Arn' },
                'Use the new role',
              ),
            ],
            `Add a log group (${newGroup.id}) and a role CloudTrail can use to deliver to it`,
            // New resources (and CloudWatch Logs charges): offered, not applied by fix-all.
            { safe: false },
          ),
        ],
        message: `The trail does not deliver to CloudWatch Logs (${group.name} and ${role.name} are not set): no metric filters or alarms can watch its events as they happen.`,
        cdk,
      });
    }
  },
};
