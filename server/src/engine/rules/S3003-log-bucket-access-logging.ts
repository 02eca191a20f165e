import { logBuckets } from '../model/queries';
import { TEMPLATE_AND_LIVE, type Rule } from './types';
import { logicalName, property, setFix } from './fix-recipes';

/** What the access-logging fix writes until the user names the target bucket. */
export const ACCESS_LOG_BUCKET = 'REPLACE-WITH-ACCESS-LOG-BUCKET';

export const S3003: Rule = {
  meta: {
    id: 'S3003',
    slug: 'log-bucket-access-logging',
    title: "Trail's log bucket has server access logging",
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const bucket of logBuckets(model)) {
      const value = bucket.accessLogging;
      if (value.value === true) continue;
      if (value.provenance === 'unresolved') {
        context.unverified(bucket, value, 'server access logging on the log bucket');
        continue;
      }
      context.report({
        resource: bucket,
        value,
        message:
          "LoggingConfiguration is not set on the trail's log bucket: reads and deletions of log files are not recorded anywhere, so tampering with the audit trail leaves no trace. Send server access logs to another bucket.",
        fixes: [
          setFix(
            bucket,
            property('LoggingConfiguration'),
            {
              DestinationBucketName: ACCESS_LOG_BUCKET,
              LogFilePrefix: `${logicalName(bucket.id).toLowerCase()}/`,
            },
            'Send server access logs to another bucket (fill in its name)',
            // A placeholder to fill in: offered, never applied by fix-all.
            { preferred: false, safe: false },
          ),
        ],
        cdk: {
          l2: 'set `serverAccessLogsBucket` (and `serverAccessLogsPrefix`) on the Bucket',
          l1: 'set `loggingConfiguration: { destinationBucketName }` on the CfnBucket',
        },
      });
    }
  },
};
