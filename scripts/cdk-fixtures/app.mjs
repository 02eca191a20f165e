// CDK app behind trail-lint's CDK fixtures (test/fixtures/cdk/cdk.out, examples/cdk/cdk.out).
//
// Plain ESM JavaScript, no TypeScript and no cdk CLI: generate.mjs runs
//   node app.mjs <outdir>
// and copies the synthesized <Stack>.template.json files. Running it twice must give byte-identical
// templates, so: no analytics (no CDKMetadata resource), no assets, no env (account/region stay
// tokens such as {"Ref": "AWS::AccountId"}), no timestamps or random names.
//
// Context: the app sets the feature flags `cdk init` writes into a new project's cdk.json
// (aws-cdk-lib/recommended-feature-flags.json), so the output is what a freshly created CDK project
// with the pinned aws-cdk-lib emits, and turns on `aws:cdk:path` resource metadata as the cdk CLI does
// by default (without the CLI it is off). That metadata is how trail-lint recognises CDK output.
//
// Stacks (rule ids from the rule catalog, docs/rules/README.md):
//   TrailGoodStack  what a security team writes for its account trail: every rule of the catalog passes.
//   TrailBadStack   every rule of the catalog broken at least once, by the mistakes CDK users make
//                   (see the comments at each construct and the .expect sidecar of the template).

import { createRequire } from 'node:module';
import process from 'node:process';

import {
  App,
  Duration,
  RemovalPolicy,
  Stack,
  aws_cloudtrail as cloudtrail,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sns as sns,
} from 'aws-cdk-lib';

const require = createRequire(import.meta.url);
const recommendedFlags = require('aws-cdk-lib/recommended-feature-flags.json');

const outdir = process.argv[2] ?? process.env.CDK_OUTDIR ?? 'cdk.out';

const CLOUDTRAIL = 'cloudtrail.amazonaws.com';

/** A trail's ARN from its name: the trail's Arn attribute would be a cycle in the policies it waits for. */
function trailArnOf(stack, trailName) {
  return `arn:${stack.partition}:cloudtrail:${stack.region}:${stack.account}:trail/${trailName}`;
}

class TrailGoodStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    const trailName = 'trail-good';
    const trailArn = trailArnOf(this, trailName);
    const logGroupName = `/aws/cloudtrail/${trailName}`;

    // Customer managed key for the log files (CT004) and the log group (CW002), rotating (KMS001).
    const trailKey = new kms.Key(this, 'TrailKey', {
      description: 'Encrypts the CloudTrail log files and their CloudWatch Logs copy',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The Trail L2 construct does NOT add CloudTrail to the key policy (it only passes the key ARN as
    // KMSKeyId), and CloudTrail refuses a key it may not use: a deployable trail needs these (KMS002),
    // each limited to this trail (the confused deputy).
    trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailToEncryptLogs',
        principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${this.partition}:cloudtrail:*:${this.account}:trail/*`,
          },
        },
      }),
    );
    trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailToDescribeKey',
        principals: [new iam.ServicePrincipal(CLOUDTRAIL)],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
      }),
    );
    // Nor does the LogGroup L2 let CloudWatch Logs use its encryptionKey: without this the log group
    // fails to create. Limited to this log group, whose name is fixed for that reason.
    trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsToEncryptTheTrailLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:${logGroupName}`,
          },
        },
      }),
    );

    // Target of the log bucket's server access logs (S3003). Not a trail bucket, so the trail rules do
    // not judge it; it cannot have an Object Lock default retention (S3 refuses to deliver access logs
    // to such a bucket) nor SSE-KMS, so it gets versioning and SSE-S3.
    const accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The trail's own log bucket.
    const trailBucket = new s3.Bucket(this, 'TrailBucket', {
      versioned: true, // S3004: versioning + Object Lock passes in CloudFormation
      objectLockEnabled: true,
      // S3007: CloudTrail sets no retention on the files it writes; the bucket's default does.
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, // S3001, S3002
      enforceSSL: true, // S3006
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: trailKey,
      serverAccessLogsBucket: accessLogsBucket, // S3003
      serverAccessLogsPrefix: 'trail-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The trail's CloudWatch Logs copy: kept a year, encrypted with the trail key (CW002).
    const trailLogGroup = new logs.LogGroup(this, 'TrailLogGroup', {
      logGroupName,
      retention: logs.RetentionDays.ONE_YEAR,
      encryptionKey: trailKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      bucket: trailBucket,
      isMultiRegionTrail: true, // CT001
      includeGlobalServiceEvents: true, // CT002
      enableFileValidation: true, // CT003
      encryptionKey: trailKey, // CT004
      sendToCloudWatchLogs: true, // CT005: the L2 creates the delivery role
      cloudWatchLogGroup: trailLogGroup,
      managementEvents: cloudtrail.ReadWriteType.ALL, // CT007
      insightTypes: [cloudtrail.InsightType.API_CALL_RATE, cloudtrail.InsightType.API_ERROR_RATE], // CT009
      // CT006: the L2 always emits IsLogging: true
    });
    // CT008 (CIS 3.8, 3.9): object-level reads and writes of every bucket.
    trail.logAllS3DataEvents({ readWriteType: cloudtrail.ReadWriteType.ALL });

    // S3005: the L2 Trail adds its s3:GetBucketAcl and s3:PutObject grants to the bucket policy without an
    // aws:SourceArn condition and has no prop for one (aws/aws-cdk#15515); the CDK answer is the escape
    // hatch. The condition goes onto the synthesized statements that name CloudTrail, found by resolving
    // the policy rather than by hard-coded index, so the Deny of enforceSSL is never touched. It must come
    // after the last statement added to this bucket's policy.
    const bucketPolicy = trailBucket.policy;
    this.resolve(bucketPolicy.document).Statement.forEach((statement, index) => {
      if (statement.Effect !== 'Allow' || statement.Principal?.Service !== CLOUDTRAIL) return;
      bucketPolicy.node.defaultChild.addPropertyOverride(
        `PolicyDocument.Statement.${index}.Condition.StringEquals.aws:SourceArn`,
        trailArn,
      );
    });

    // CW001 (CIS 4.5): an alarm on changes to any trail, sent to the security team.
    const alarmTopic = new sns.Topic(this, 'SecurityAlarmsTopic', { enforceSSL: true });
    const eventName = (name) => logs.FilterPattern.stringValue('$.eventName', '=', name);
    const trailChanges = trailLogGroup.addMetricFilter('TrailChangesFilter', {
      filterPattern: logs.FilterPattern.any(
        ...['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'].map(eventName),
      ),
      metricNamespace: 'CloudTrailMetrics',
      metricName: 'CloudTrailChangeCount',
      metricValue: '1',
    });
    const trailChangesAlarm = new cloudwatch.Alarm(this, 'TrailChangesAlarm', {
      alarmDescription: 'A trail was created, changed, deleted, started or stopped (CIS 4.5)',
      metric: trailChanges.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    trailChangesAlarm.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));

    // Read-only access to CloudTrail (IAM001 passes: not AWSCloudTrail_FullAccess).
    new iam.Role(this, 'TrailAuditorRole', {
      description: 'Auditors read the trail configuration',
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCloudTrail_ReadOnlyAccess')],
    });

    // Break-glass changes to this trail only, and only with MFA (IAM002, IAM003).
    const trailAdminRole = new iam.Role(this, 'TrailAdminRole', {
      description: 'Break-glass changes to the account trail, with MFA',
      assumedBy: new iam.AccountRootPrincipal(),
    });
    trailAdminRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'cloudtrail:StopLogging',
          'cloudtrail:StartLogging',
          'cloudtrail:UpdateTrail',
          'cloudtrail:PutEventSelectors',
          'cloudtrail:PutInsightSelectors',
        ],
        resources: [trail.trailArn],
        conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    );
  }
}

class TrailBadStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    // A key for the L2 trail, as the L2 Key makes it: no rotation (KMS001), and a default key policy that
    // does not let CloudTrail in, which the Trail construct does not add (KMS002).
    const trailKey = new kms.Key(this, 'TrailKey', {
      description: 'Encrypts the CloudTrail log files',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Anyone may decrypt the log files (KMS003).
    trailKey.grantDecrypt(new iam.AnyPrincipal());

    // L2 trail with the checks switched off. No `bucket`: the construct creates its default one
    // (enforceSSL only: not versioned, no access logs, no Object Lock, CloudTrail grants without a
    // SourceArn condition). No sendToCloudWatchLogs, no insightTypes, no S3 data events.
    const trail = new cloudtrail.Trail(this, 'Trail', {
      isMultiRegionTrail: false, // CT001
      includeGlobalServiceEvents: false, // CT002 warning (single-region)
      enableFileValidation: false, // CT003
      encryptionKey: trailKey, // KMS001, KMS002, KMS003
      managementEvents: cloudtrail.ReadWriteType.WRITE_ONLY, // CT007
    });

    // Too much access to CloudTrail (IAM001).
    new iam.Role(this, 'TrailAdminRole', {
      description: 'Administers CloudTrail',
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCloudTrail_FullAccess')],
    });

    // cloudtrail:* on every resource, in a policy of its own (IAM002).
    const operatorRole = new iam.Role(this, 'TrailOperatorRole', {
      description: 'Operates the trails',
      assumedBy: new iam.AccountRootPrincipal(),
    });
    operatorRole.addToPolicy(new iam.PolicyStatement({ actions: ['cloudtrail:*'], resources: ['*'] }));

    // Stopping the trail without MFA (IAM003).
    const responderRole = new iam.Role(this, 'IncidentResponderRole', {
      description: 'Stops and starts the trail during incidents',
      assumedBy: new iam.AccountRootPrincipal(),
    });
    responderRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['cloudtrail:StopLogging', 'cloudtrail:StartLogging'],
        resources: [trail.trailArn],
      }),
    );

    // Second trail through the L1 construct: the L2 always emits IsLogging: true, waits for its bucket
    // policy and wires the log group and its role together, so the broken combinations need CfnTrail.
    const versionedBucket = new s3.Bucket(this, 'VersionedLogBucket', {
      versioned: true, // S3004 warning: versioned, but no Object Lock (and CloudFormation has no MFA delete)
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A correct CloudTrail bucket policy, with SourceArn conditions (S3005 passes) ...
    const cloudTrailPrincipal = new iam.ServicePrincipal(CLOUDTRAIL);
    const l1TrailArn = trailArnOf(this, 'trail-bad-l1');
    versionedBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudTrailPrincipal],
        actions: ['s3:GetBucketAcl'],
        resources: [versionedBucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceArn': l1TrailArn } },
      }),
    );
    versionedBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudTrailPrincipal],
        actions: ['s3:PutObject'],
        resources: [versionedBucket.arnForObjects(`AWSLogs/${this.account}/*`)],
        conditions: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': l1TrailArn },
        },
      }),
    );
    // ... that a log-cleanup role may bypass by deleting log files (IAM004).
    const cleanupRole = new iam.Role(this, 'LogCleanupRole', {
      description: 'Deletes old log files',
      assumedBy: new iam.AccountRootPrincipal(),
    });
    versionedBucket.grantDelete(cleanupRole);
    // It may also disable or schedule the deletion of the L2 trail's key (IAM005).
    trailKey.grant(cleanupRole, 'kms:DisableKey', 'kms:ScheduleKeyDeletion');

    const l1LogGroup = new logs.LogGroup(this, 'L1TrailLogGroup', {
      retention: logs.RetentionDays.ONE_MONTH, // CW002: but no encryptionKey
      removalPolicy: RemovalPolicy.RETAIN,
    }); // CW001: no metric filter and alarm for trail changes

    new cloudtrail.CfnTrail(this, 'L1Trail', {
      trailName: 'trail-bad-l1',
      isLogging: false, // CT006
      isMultiRegionTrail: true, // CT001 passes ...
      includeGlobalServiceEvents: false, // ... so CT002 is an error: the API rejects this pair
      s3BucketName: versionedBucket.bucketName, // S3004 (versioned, no Object Lock)
      cloudWatchLogsLogGroupArn: l1LogGroup.logGroupArn, // CT005 error: no CloudWatchLogsRoleArn
      // no EnableLogFileValidation (CT003), no KMSKeyId (CT004)
    });
    // CT010: no `l1Trail.node.addDependency(versionedBucket.policy)`, which the L2 adds by itself:
    // CloudFormation may create the trail before its bucket policy.

    // The central log-archive pattern: a bucket for the organization trail of another account, recognised
    // by its grants to CloudTrail. Versioned with Object Lock and access logs, but opened up.
    const archiveAccessLogs = new s3.Bucket(this, 'ArchiveAccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const archiveBucket = new s3.Bucket(this, 'LogArchiveBucket', {
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(365)),
      serverAccessLogsBucket: archiveAccessLogs,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, // S3001: public policies allowed
      // no enforceSSL (S3006)
      removalPolicy: RemovalPolicy.RETAIN,
    });
    archiveBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudTrailPrincipal],
        actions: ['s3:GetBucketAcl'],
        resources: [archiveBucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceOrgID': 'o-exampleorgid' } },
      }),
    );
    archiveBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudTrailPrincipal],
        actions: ['s3:PutObject'],
        resources: [archiveBucket.arnForObjects('AWSLogs/*')],
        conditions: {
          StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': 'o-exampleorgid' },
        },
      }),
    );
    // Everyone may read the log files (S3002).
    archiveBucket.grantPublicAccess('AWSLogs/*');

    // A CloudTrail Lake event data store with the AWS owned key (CT011): no L2 construct exists.
    new cloudtrail.CfnEventDataStore(this, 'EventDataStore', {
      name: 'trail-bad-lake',
      multiRegionEnabled: true,
      retentionPeriod: 2557,
      // no kmsKeyId
    });
  }
}

const app = new App({
  outdir,
  analyticsReporting: false,
  context: {
    ...recommendedFlags,
    // The cdk CLI passes this by default; a bare `node app.mjs` does not, and then no resource would
    // carry Metadata.aws:cdk:path.
    'aws:cdk:enable-path-metadata': true,
  },
});

new TrailGoodStack(app, 'TrailGoodStack', {
  description: 'trail-lint fixture: a CloudTrail setup that passes every rule of the catalog',
});
new TrailBadStack(app, 'TrailBadStack', {
  description: 'trail-lint fixture: a CloudTrail setup that breaks every rule of the catalog',
});

app.synth();
