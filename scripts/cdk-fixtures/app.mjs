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
// Stacks (rule ids from the rule catalog, RULES.md):
//   TrailGoodStack  every trail, bucket, key and role set up right for CT001-CT006, S3004, IAM001
//                   (and KMS001/KMS002, S3001, S3003).
//   TrailBadStack   an L2 trail with the checks switched off, an L1 trail with the API-rejected
//                   multi-region/no-global-events pair, logging off and a half-configured CloudWatch
//                   Logs pair, a versioned bucket without Object Lock, and AWSCloudTrail_FullAccess.

import { createRequire } from 'node:module';
import process from 'node:process';

import {
  App,
  RemovalPolicy,
  Stack,
  aws_cloudtrail as cloudtrail,
  aws_iam as iam,
  aws_kms as kms,
  aws_logs as logs,
  aws_s3 as s3,
} from 'aws-cdk-lib';

const require = createRequire(import.meta.url);
const recommendedFlags = require('aws-cdk-lib/recommended-feature-flags.json');

const outdir = process.argv[2] ?? process.env.CDK_OUTDIR ?? 'cdk.out';

class TrailGoodStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    // Customer managed key for the log files (CT004), rotating (KMS001).
    const trailKey = new kms.Key(this, 'TrailKey', {
      description: 'Encrypts the CloudTrail log files',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The Trail L2 construct does NOT add CloudTrail to the key policy (it only passes the key ARN as
    // KMSKeyId), and CloudTrail refuses a key it may not use: a deployable trail needs these (KMS002).
    trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailToEncryptLogs',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'aws:SourceArn': `arn:${this.partition}:cloudtrail:${this.region}:${this.account}:trail/trail-good`,
          },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${this.partition}:cloudtrail:*:${this.account}:trail/*`,
          },
        },
      }),
    );
    trailKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudTrailToDescribeKey',
        principals: [new iam.ServicePrincipal('cloudtrail.amazonaws.com')],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
      }),
    );

    // Target of the log bucket's server access logs (S3003). Not a trail bucket itself.
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
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL, // S3001
      enforceSSL: true, // S3006
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: trailKey,
      serverAccessLogsBucket: accessLogsBucket, // S3003
      serverAccessLogsPrefix: 'trail-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    new cloudtrail.Trail(this, 'Trail', {
      trailName: 'trail-good',
      bucket: trailBucket,
      isMultiRegionTrail: true, // CT001
      includeGlobalServiceEvents: true, // CT002
      enableFileValidation: true, // CT003
      encryptionKey: trailKey, // CT004
      sendToCloudWatchLogs: true, // CT005: the L2 creates the log group and the delivery role
      cloudWatchLogsRetention: logs.RetentionDays.ONE_YEAR,
      // CT006: the L2 always emits IsLogging: true
    });

    // Read-only access to CloudTrail (IAM001 passes: not AWSCloudTrail_FullAccess).
    new iam.Role(this, 'TrailAuditorRole', {
      description: 'Auditors read the trail configuration',
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCloudTrail_ReadOnlyAccess')],
    });
  }
}

class TrailBadStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    // L2 trail with every check switched off. No `bucket`: the construct creates its default one
    // (enforceSSL only; not versioned). No encryptionKey, no sendToCloudWatchLogs.
    new cloudtrail.Trail(this, 'Trail', {
      isMultiRegionTrail: false, // CT001
      includeGlobalServiceEvents: false, // CT002 warning (single-region)
      enableFileValidation: false, // CT003
    });

    // Too much access to CloudTrail (IAM001).
    new iam.Role(this, 'TrailAdminRole', {
      description: 'Administers CloudTrail',
      assumedBy: new iam.AccountRootPrincipal(),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSCloudTrail_FullAccess')],
    });

    // Second trail through the L1 construct: the L2 always emits IsLogging: true and wires the log
    // group and its role together, so the broken combinations need CfnTrail.
    const versionedBucket = new s3.Bucket(this, 'VersionedLogBucket', {
      versioned: true, // S3004 warning: versioned, but no Object Lock (and CloudFormation has no MFA delete)
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A correct CloudTrail bucket policy (as the L2 writes it), so that this bucket shows S3004 and not
    // a CT010 deploy failure.
    const cloudTrailPrincipal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const l1TrailArn = `arn:${this.partition}:cloudtrail:${this.region}:${this.account}:trail/trail-bad-l1`;
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

    const l1LogGroup = new logs.LogGroup(this, 'L1TrailLogGroup', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const l1Trail = new cloudtrail.CfnTrail(this, 'L1Trail', {
      trailName: 'trail-bad-l1',
      isLogging: false, // CT006
      isMultiRegionTrail: true, // CT001 passes ...
      includeGlobalServiceEvents: false, // ... so CT002 is an error: the API rejects this pair
      s3BucketName: versionedBucket.bucketName, // S3004 (versioned, no Object Lock)
      cloudWatchLogsLogGroupArn: l1LogGroup.logGroupArn, // CT005 error: no CloudWatchLogsRoleArn
      // no EnableLogFileValidation (CT003), no KMSKeyId (CT004)
    });
    // DependsOn the bucket policy, as the L2 does for its own trail.
    l1Trail.node.addDependency(versionedBucket.policy);
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
  description: 'trail-lint fixture: a CloudTrail setup that passes the trail, bucket and IAM rules',
});
new TrailBadStack(app, 'TrailBadStack', {
  description: 'trail-lint fixture: a CloudTrail setup that breaks CT001-CT006, S3004 and IAM001',
});

app.synth();
