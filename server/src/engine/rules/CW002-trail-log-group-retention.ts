import { trailLogGroups } from '../model/queries';
import { list } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { property, setFix } from './fix-recipes';

export const CW002: Rule = {
  meta: {
    id: 'CW002',
    slug: 'trail-log-group-retention',
    title: "Trail's log group sets a retention period and a KMS key",
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const group of trailLogGroups(model)) {
      const values = [group.retentionInDays, group.kmsKeyId];
      // A presence check: a value from a parameter or an import is set; only an Fn::If whose branches
      // disagree (isSet undefined) leaves it open.
      const missing = values.filter((v) => v.isSet === false).map((v) => v.name);
      if (missing.length === 0) {
        const open = values.find((v) => v.isSet === undefined);
        if (open) context.unverified(group, open, `${open.name} on the trail's log group`);
        continue;
      }
      const why = [
        group.retentionInDays.isSet ? '' : 'events are kept forever (and billed forever) or deleted by hand',
        group.kmsKeyId.isSet ? '' : 'the trail events are encrypted only with a key CloudWatch Logs owns',
      ].filter(Boolean);
      context.report({
        resource: group,
        message: `The trail's log group does not set ${list(missing)}: ${why.join('; ')}.`,
        fixes: group.retentionInDays.isSet
          ? []
          : [
              setFix(group, property('RetentionInDays'), 365, 'Keep trail events for 365 days', {
                // How long to keep events is the owner's choice: offered with a common value, never fix-all.
                preferred: false,
                safe: false,
              }),
            ],
        cdk: {
          l2: group.kmsKeyId.isSet
            ? 'set `cloudWatchLogsRetention` on the Trail, or pass a LogGroup with `retention`'
            : "pass the Trail a LogGroup with `retention` and `encryptionKey` (the Trail's own log group takes no key)",
          l1: `set ${list(missing.map((m) => (m === 'RetentionInDays' ? '`retentionInDays`' : '`kmsKeyId`')))} on the CfnLogGroup`,
        },
      });
    }
  },
};
