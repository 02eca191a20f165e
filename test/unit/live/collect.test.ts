// The collection against a mocked account (aws-sdk-client-mock on real SDK clients, nothing on the network):
// shadow trails de-duplicated across regions, a region that is not enabled skipped, every resource read,
// paginated answers joined, a denied call recorded while the rest is read, Insights not enabled read as
// none, an organization trail's bucket left out of the account, and expired credentials ending the check
// with the sign-in command. The mock replaces `send`, so the SDK's retries do not run here (see
// collect-clients.test.ts); a throttling error that outlasts them is recorded like any failed call.
import { strict as assert } from 'node:assert';
import * as ct from '@aws-sdk/client-cloudtrail';
import * as cw from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as s3 from '@aws-sdk/client-s3';
import * as s3c from '@aws-sdk/client-s3-control';
import * as sts from '@aws-sdk/client-sts';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import type { Clients } from '../../../server/src/live/clients';
import { collectSnapshot, DEFAULT_REGIONS, LiveCheckError } from '../../../server/src/live/collect';
import { evaluateSnapshot } from '../../../server/src/live/evaluate';
import type { LiveSnapshot } from '../../../server/src/live/snapshot';

const ACCOUNT = '111122223333';
const ORG_ACCOUNT = '999988887777';
const MAIN_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`;
const EU_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/eu-only`;
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${ORG_ACCOUNT}:trail/org-trail`;
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111aaaa-11aa-11aa-11aa-111111aaaaaa`;
const EU_KEY_ARN = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/2222bbbb-22bb-22bb-22bb-222222bbbbbb`;
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:cloudtrail/audit`;
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const fail = (name: string, message = `${name} for the test`): Error =>
  Object.assign(new Error(message), { name });

const mainTrail: ct.Trail = {
  Name: 'audit',
  TrailARN: MAIN_ARN,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IncludeGlobalServiceEvents: true,
  LogFileValidationEnabled: true,
  IsOrganizationTrail: false,
  S3BucketName: 'audit-logs',
  KmsKeyId: KEY_ARN,
  CloudWatchLogsLogGroupArn: `${GROUP_ARN}:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/trail-to-logs`,
};
const euTrail: ct.Trail = {
  Name: 'eu-only',
  TrailARN: EU_ARN,
  HomeRegion: 'eu-west-1',
  IsMultiRegionTrail: false,
  S3BucketName: 'eu-logs',
  KmsKeyId: 'alias/eu-trail',
};
const orgTrail: ct.Trail = {
  Name: 'org-trail',
  TrailARN: ORG_ARN,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  S3BucketName: 'org-central-logs',
};

interface Mocks {
  trails: Map<string, AwsClientStub<ct.CloudTrailClient>>;
  s3: AwsClientStub<s3.S3Client>;
  s3c: AwsClientStub<s3c.S3ControlClient>;
  kms: AwsClientStub<kms.KMSClient>;
  iam: AwsClientStub<iam.IAMClient>;
  logs: AwsClientStub<logs.CloudWatchLogsClient>;
  cw: AwsClientStub<cw.CloudWatchClient>;
  sts: AwsClientStub<sts.STSClient>;
  restore(): void;
}

/** Real clients (fake credentials), one CloudTrail client per region mocked on its own. */
function mockedAccount(profile?: string): { clients: Clients; mocks: Mocks } {
  const config = (region: string): { region: string; credentials: typeof CREDENTIALS } => ({
    region,
    credentials: CREDENTIALS,
  });
  const trailClients = new Map<string, ct.CloudTrailClient>();
  const trails = new Map<string, AwsClientStub<ct.CloudTrailClient>>();
  const trailClient = (region: string): ct.CloudTrailClient => {
    let client = trailClients.get(region);
    if (!client) {
      client = new ct.CloudTrailClient(config(region));
      trailClients.set(region, client);
      const stub = mockClient(client);
      stub.on(ct.DescribeTrailsCommand).resolves({ trailList: [] });
      stub.on(ct.ListEventDataStoresCommand).resolves({ EventDataStores: [] });
      trails.set(region, stub);
    }
    return client;
  };
  const mocks: Mocks = {
    trails,
    s3: mockClient(s3.S3Client),
    s3c: mockClient(s3c.S3ControlClient),
    kms: mockClient(kms.KMSClient),
    iam: mockClient(iam.IAMClient),
    logs: mockClient(logs.CloudWatchLogsClient),
    cw: mockClient(cw.CloudWatchClient),
    sts: mockClient(sts.STSClient),
    restore() {
      for (const m of [this.s3, this.s3c, this.kms, this.iam, this.logs, this.cw, this.sts]) m.restore();
      for (const m of trails.values()) m.restore();
    },
  };
  mocks.sts.on(sts.GetCallerIdentityCommand).resolves({
    Account: ACCOUNT,
    Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor/session`,
  });
  const clients: Clients = {
    profile,
    cloudtrail: (region) => Promise.resolve(trailClient(region)),
    s3: (region) => Promise.resolve(new s3.S3Client(config(region))),
    s3control: (region) => Promise.resolve(new s3c.S3ControlClient(config(region))),
    kms: (region) => Promise.resolve(new kms.KMSClient(config(region))),
    iam: (region) => Promise.resolve(new iam.IAMClient(config(region))),
    logs: (region) => Promise.resolve(new logs.CloudWatchLogsClient(config(region))),
    cloudwatch: (region) => Promise.resolve(new cw.CloudWatchClient(config(region))),
    sts: (region) => Promise.resolve(new sts.STSClient(config(region))),
  };
  return { clients, mocks };
}

const encode = (policy: object): string => encodeURIComponent(JSON.stringify(policy));
const CLOUDTRAIL_ADMIN = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'cloudtrail:*', Resource: '*' }],
};
const S3_READER = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }],
};

/** The account of most tests: three trails over two regions, a third region not enabled. */
function wellKnownAccount(mocks: Mocks, clients: Clients): void {
  void clients.cloudtrail('us-east-1');
  void clients.cloudtrail('eu-west-1');
  void clients.cloudtrail('ap-east-1');
  const east = mocks.trails.get('us-east-1')!;
  const eu = mocks.trails.get('eu-west-1')!;
  const hk = mocks.trails.get('ap-east-1')!;
  east.on(ct.DescribeTrailsCommand).resolves({ trailList: [mainTrail, orgTrail] });
  // The shadow copies of the multi-region trails, and the region's own trail.
  eu.on(ct.DescribeTrailsCommand).resolves({ trailList: [mainTrail, euTrail, orgTrail] });
  hk.on(ct.DescribeTrailsCommand).rejects(
    fail('UnrecognizedClientException', 'The security token included in the request is invalid.'),
  );
  east
    .on(ct.GetTrailStatusCommand)
    .resolves({ IsLogging: true, LatestDeliveryTime: new Date('2024-05-01T10:00:00Z') });
  east.on(ct.GetEventSelectorsCommand).resolves({
    EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }],
  });
  east
    .on(ct.GetInsightSelectorsCommand)
    .resolves({ InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }] });
  eu.on(ct.GetTrailStatusCommand).resolves({ IsLogging: false, LatestDeliveryError: 'AccessDenied' });
  eu.on(ct.GetEventSelectorsCommand).resolves({
    AdvancedEventSelectors: [
      { Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    ],
  });
  eu.on(ct.GetInsightSelectorsCommand).rejects(
    new ct.InsightNotEnabledException({ message: 'Insights not enabled', $metadata: {} }),
  );
  eu.on(ct.ListEventDataStoresCommand).resolves({
    EventDataStores: [
      { EventDataStoreArn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/lake`, Name: 'lake' },
    ],
  });
  eu.on(ct.GetEventDataStoreCommand).resolves({ Name: 'lake', KmsKeyId: EU_KEY_ARN });

  mocks.s3.on(s3.GetBucketLocationCommand, { Bucket: 'audit-logs' }).resolves({});
  mocks.s3
    .on(s3.GetBucketLocationCommand, { Bucket: 'eu-logs' })
    .resolves({ LocationConstraint: 'eu-west-1' });
  mocks.s3.on(s3.GetBucketLocationCommand, { Bucket: 'org-central-logs' }).rejects(fail('AccessDenied'));
  mocks.s3.on(s3.GetPublicAccessBlockCommand, { Bucket: 'audit-logs' }).resolves({
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  });
  mocks.s3
    .on(s3.GetPublicAccessBlockCommand, { Bucket: 'eu-logs' })
    .rejects(fail('NoSuchPublicAccessBlockConfiguration'));
  mocks.s3.on(s3.GetBucketAclCommand).resolves({
    Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' }],
  });
  mocks.s3.on(s3.GetBucketPolicyCommand, { Bucket: 'audit-logs' }).resolves({ Policy: '{"Statement":[]}' });
  mocks.s3.on(s3.GetBucketPolicyCommand, { Bucket: 'eu-logs' }).rejects(fail('NoSuchBucketPolicy'));
  mocks.s3
    .on(s3.GetBucketPolicyStatusCommand, { Bucket: 'audit-logs' })
    .resolves({ PolicyStatus: { IsPublic: false } });
  mocks.s3.on(s3.GetBucketPolicyStatusCommand, { Bucket: 'eu-logs' }).rejects(fail('NoSuchBucketPolicy'));
  mocks.s3
    .on(s3.GetBucketLoggingCommand)
    .resolves({ LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: '' } });
  mocks.s3
    .on(s3.GetBucketVersioningCommand, { Bucket: 'audit-logs' })
    .rejects(
      fail('AccessDenied', 'User: arn:aws:sts::111122223333:assumed-role/auditor/session is not authorized'),
    );
  mocks.s3
    .on(s3.GetBucketVersioningCommand, { Bucket: 'eu-logs' })
    .resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
  mocks.s3.on(s3.GetObjectLockConfigurationCommand, { Bucket: 'audit-logs' }).resolves({
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
    },
  });
  mocks.s3
    .on(s3.GetObjectLockConfigurationCommand, { Bucket: 'eu-logs' })
    .rejects(fail('ObjectLockConfigurationNotFoundError'));
  mocks.s3.on(s3.GetBucketLifecycleConfigurationCommand, { Bucket: 'audit-logs' }).resolves({
    Rules: [
      { Status: 'Enabled', Expiration: { Days: 400 }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }] },
    ],
  });
  mocks.s3
    .on(s3.GetBucketLifecycleConfigurationCommand, { Bucket: 'eu-logs' })
    .rejects(fail('NoSuchLifecycleConfiguration'));
  mocks.s3c.on(s3c.GetPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  });

  const metadata = (arn: string): kms.KeyMetadata => ({
    KeyId: arn.split('/').at(-1)!,
    Arn: arn,
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    Origin: 'AWS_KMS',
    KeyState: 'Enabled',
  });
  mocks.kms
    .on(kms.DescribeKeyCommand, { KeyId: 'alias/eu-trail' })
    .resolves({ KeyMetadata: metadata(EU_KEY_ARN) });
  mocks.kms.on(kms.DescribeKeyCommand, { KeyId: KEY_ARN }).resolves({ KeyMetadata: metadata(KEY_ARN) });
  mocks.kms.on(kms.DescribeKeyCommand, { KeyId: EU_KEY_ARN }).resolves({ KeyMetadata: metadata(EU_KEY_ARN) });
  mocks.kms.on(kms.GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
  mocks.kms.on(kms.GetKeyPolicyCommand).resolves({ Policy: '{"Statement":[]}' });

  mocks.logs.on(logs.DescribeLogGroupsCommand).resolves({
    logGroups: [
      { logGroupName: 'cloudtrail/audit', retentionInDays: 365, kmsKeyId: KEY_ARN },
      { logGroupName: 'cloudtrail/audit-old', retentionInDays: 1 },
    ],
  });
  // Two pages: the second asked for with the first page's token.
  mocks.logs
    .on(logs.DescribeMetricFiltersCommand)
    .callsFake((input: logs.DescribeMetricFiltersCommandInput) =>
      input.nextToken === 'page-2'
        ? {
            metricFilters: [
              {
                filterName: 'root-login',
                filterPattern: '{ $.userIdentity.type = "Root" }',
                metricTransformations: [
                  { metricName: 'RootLogin', metricNamespace: 'Security', metricValue: '1' },
                ],
              },
            ],
          }
        : {
            metricFilters: [
              {
                filterName: 'trail-changes',
                filterPattern: '{ ($.eventName = StopLogging) }',
                metricTransformations: [
                  { metricName: 'TrailChanges', metricNamespace: 'Security', metricValue: '1' },
                ],
              },
            ],
            nextToken: 'page-2',
          },
    );
  mocks.cw.on(cw.DescribeAlarmsCommand).resolves({
    MetricAlarms: [{ AlarmName: 'trail-changes', MetricName: 'TrailChanges', Namespace: 'Security' }],
  });

  mocks.iam
    .on(iam.ListEntitiesForPolicyCommand)
    .callsFake((input: iam.ListEntitiesForPolicyCommandInput) =>
      input.Marker === 'm2'
        ? { PolicyUsers: [{ UserName: 'alice', UserId: 'AIDA1' }], IsTruncated: false }
        : { PolicyRoles: [{ RoleName: 'admin', RoleId: 'AROA1' }], IsTruncated: true, Marker: 'm2' },
    );
  mocks.iam.on(iam.GetAccountAuthorizationDetailsCommand).resolves({
    RoleDetailList: [
      {
        RoleName: 'admin',
        Arn: `arn:aws:iam::${ACCOUNT}:role/ops/admin`,
        RolePolicyList: [
          { PolicyName: 'trail-admin', PolicyDocument: encode(CLOUDTRAIL_ADMIN) },
          { PolicyName: 'reader', PolicyDocument: encode(S3_READER) },
        ],
      },
    ],
    Policies: [
      {
        PolicyName: 'everything',
        Arn: `arn:aws:iam::${ACCOUNT}:policy/everything`,
        DefaultVersionId: 'v2',
        PolicyVersionList: [
          { VersionId: 'v1', IsDefaultVersion: false, Document: encode(S3_READER) },
          {
            VersionId: 'v2',
            IsDefaultVersion: true,
            Document: encode({
              Version: '2012-10-17',
              Statement: { Effect: 'Allow', Action: '*', Resource: '*' },
            }),
          },
        ],
      },
    ],
    IsTruncated: false,
  });
}

describe('live collection', () => {
  describe('of an account with three trails in two regions', () => {
    let snapshot: LiveSnapshot;
    let mocks: Mocks;
    const progress: string[] = [];

    before(async () => {
      const account = mockedAccount();
      mocks = account.mocks;
      wellKnownAccount(mocks, account.clients);
      snapshot = await collectSnapshot({
        clients: account.clients,
        regions: ['us-east-1', 'eu-west-1', 'ap-east-1'],
        onProgress: (m) => progress.push(m),
      });
    });
    after(() => mocks.restore());

    it('names the account and the regions it read or skipped', () => {
      assert.equal(snapshot.account, ACCOUNT);
      assert.equal(snapshot.partition, 'aws');
      assert.deepEqual(snapshot.regions, ['us-east-1', 'eu-west-1']);
      assert.equal(snapshot.skippedRegions.length, 1);
      assert.equal(snapshot.skippedRegions[0]!.region, 'ap-east-1');
      assert.match(snapshot.skippedRegions[0]!.reason, /not enabled.*UnrecognizedClientException/);
      assert.ok(snapshot.elapsedMs >= 0);
      assert.ok(progress.some((m) => /3 trail/.test(m)));
    });

    it('keeps one entry per trail ARN, read in its home region', () => {
      assert.deepEqual(
        snapshot.trails.map((t) => [t.name, t.homeRegion, t.ownerAccount]),
        [
          ['audit', 'us-east-1', ACCOUNT],
          ['org-trail', 'us-east-1', ORG_ACCOUNT],
          ['eu-only', 'eu-west-1', ACCOUNT],
        ],
      );
      const east = mocks.trails.get('us-east-1')!;
      assert.deepEqual(
        east.commandCalls(ct.GetTrailStatusCommand).map((c) => c.args[0].input.Name),
        [MAIN_ARN, ORG_ARN],
      );
      const main = snapshot.trails[0]!;
      assert.deepEqual(main.status, {
        ok: true,
        value: {
          isLogging: true,
          latestDeliveryError: undefined,
          latestCloudWatchLogsDeliveryError: undefined,
          latestDeliveryTime: '2024-05-01T10:00:00.000Z',
        },
      });
      assert.deepEqual(main.insights, { ok: true, value: ['ApiCallRateInsight'] });
      assert.equal(main.selectors.ok && main.selectors.value.classic[0]?.readWriteType, 'All');
    });

    it('reads Insights not enabled as no insight types', () => {
      const eu = snapshot.trails.find((t) => t.name === 'eu-only')!;
      assert.deepEqual(eu.insights, { ok: true, value: [] });
      assert.equal(
        eu.selectors.ok && eu.selectors.value.advanced[0]?.fieldSelectors[0]?.field,
        'eventCategory',
      );
    });

    it('records a denied call with its IAM action and reads the rest of the bucket', () => {
      const bucket = snapshot.buckets['audit-logs']!;
      assert.deepEqual(
        { ...bucket.versioning, message: undefined },
        { ok: false, action: 's3:GetBucketVersioning', code: 'AccessDenied', message: undefined },
      );
      assert.equal(bucket.inAccount, true);
      assert.deepEqual(bucket.policy, { ok: true, value: '{"Statement":[]}' });
      assert.deepEqual(bucket.logging, { ok: true, value: 'access-logs' });
      assert.deepEqual(bucket.objectLock, { ok: true, value: { enabled: true, defaultRetention: true } });
      assert.deepEqual(bucket.lifecycle, {
        ok: true,
        value: [
          {
            status: 'Enabled',
            expirationDays: 400,
            expirationDate: undefined,
            noncurrentExpirationDays: undefined,
            transitions: true,
            noncurrentTransitions: false,
          },
        ],
      });
      // ExpectedBucketOwner on every bucket call: a success proves the bucket is the account's.
      for (const call of mocks.s3.commandCalls(s3.GetBucketAclCommand))
        assert.equal(call.args[0].input.ExpectedBucketOwner, ACCOUNT);
    });

    it("reads a bucket's missing configurations as absent, not as failures", () => {
      const bucket = snapshot.buckets['eu-logs']!;
      assert.deepEqual(bucket.policy, { ok: true, value: undefined });
      assert.deepEqual(bucket.policyIsPublic, { ok: true, value: false });
      assert.deepEqual(bucket.publicAccessBlock, { ok: true, value: undefined });
      assert.deepEqual(bucket.objectLock, { ok: true, value: undefined });
      assert.deepEqual(bucket.lifecycle, { ok: true, value: [] });
      assert.deepEqual(bucket.versioning, { ok: true, value: { status: 'Enabled', mfaDelete: 'Disabled' } });
    });

    it("leaves an organization trail's central bucket out of the account, unread", () => {
      const bucket = snapshot.buckets['org-central-logs']!;
      assert.equal(bucket.inAccount, false);
      assert.equal(bucket.acl.ok, false);
      assert.equal(mocks.s3.commandCalls(s3.GetBucketAclCommand, { Bucket: 'org-central-logs' }).length, 0);
    });

    it('resolves an alias to its key ARN and reads each key once', () => {
      assert.deepEqual(Object.keys(snapshot.keys).sort(), [KEY_ARN, EU_KEY_ARN].sort());
      const eu = snapshot.trails.find((t) => t.name === 'eu-only')!;
      assert.equal(eu.kmsKeyId, EU_KEY_ARN);
      const key = snapshot.keys[EU_KEY_ARN]!;
      assert.equal(key.inAccount, true);
      assert.deepEqual(key.rotation, { ok: true, value: true });
      assert.equal(key.description.ok && key.description.value.keyManager, 'CUSTOMER');
      // The alias's DescribeKey also describes the key: two DescribeKey calls for two keys.
      assert.equal(mocks.kms.commandCalls(kms.DescribeKeyCommand).length, 2);
      assert.deepEqual(
        mocks.kms.commandCalls(kms.GetKeyPolicyCommand).map((c) => c.args[0].input.PolicyName),
        ['default', 'default'],
      );
      assert.deepEqual(snapshot.eventDataStores, {
        ok: true,
        value: [
          {
            arn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/lake`,
            name: 'lake',
            kmsKeyId: EU_KEY_ARN,
          },
        ],
      });
    });

    it('joins the pages of metric filters and reads the log group by its exact name', () => {
      const group = snapshot.logGroups[GROUP_ARN]!;
      assert.equal(group.name, 'cloudtrail/audit');
      assert.equal(group.region, 'us-east-1');
      assert.deepEqual(group.settings, { ok: true, value: { retentionInDays: 365, kmsKeyId: KEY_ARN } });
      assert.deepEqual(group.metricFilters.ok && group.metricFilters.value.map((f) => f.name), [
        'trail-changes',
        'root-login',
      ]);
      assert.deepEqual(group.alarms, {
        ok: true,
        value: [{ name: 'trail-changes', metricName: 'TrailChanges', namespace: 'Security' }],
      });
    });

    it('joins the pages of ListEntitiesForPolicy and keeps only policies that cover CloudTrail, decoded', () => {
      assert.deepEqual(snapshot.iam.fullAccessEntities, {
        ok: true,
        value: [
          { kind: 'role', name: 'admin', arn: `arn:aws:iam::${ACCOUNT}:role/ops/admin` },
          { kind: 'user', name: 'alice', arn: `arn:aws:iam::${ACCOUNT}:user/alice` },
        ],
      });
      assert.deepEqual(
        mocks.iam.commandCalls(iam.ListEntitiesForPolicyCommand).map((c) => c.args[0].input.PolicyArn),
        [
          'arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
          'arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
        ],
      );
      const policies = snapshot.iam.policies.ok ? snapshot.iam.policies.value : [];
      assert.deepEqual(
        policies.map((p) => [p.kind, p.name, p.policyName]),
        [
          ['role', 'admin', 'trail-admin'],
          ['managed-policy', 'everything', undefined],
        ],
      );
      assert.deepEqual(JSON.parse(policies[0]!.document), CLOUDTRAIL_ADMIN);
      assert.deepEqual(snapshot.accountPublicAccessBlock.ok && snapshot.accountPublicAccessBlock.value, {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicPolicy: true,
      });
    });

    it('gives a snapshot the evaluation reads without a failing rule', () => {
      const evaluation = evaluateSnapshot(snapshot);
      assert.deepEqual(evaluation.failures, []);
      assert.ok(evaluation.findings.some((f) => f.unverified && /s3:GetBucketVersioning/.test(f.message)));
    });
  });

  describe('when it cannot go on', () => {
    let mocks: Mocks | undefined;
    afterEach(() => mocks?.restore());

    it('stops on an expired SSO session, saying how to sign in again', async () => {
      const account = mockedAccount('dev');
      mocks = account.mocks;
      mocks.sts
        .on(sts.GetCallerIdentityCommand)
        .rejects(
          fail(
            'CredentialsProviderError',
            'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
          ),
        );
      await assert.rejects(
        collectSnapshot({ clients: account.clients, regions: ['us-east-1'] }),
        (e: unknown) => {
          assert.ok(e instanceof LiveCheckError);
          assert.match(e.message, /aws sso login --profile dev/);
          return true;
        },
      );
    });

    it('stops when the session expires half-way, instead of recording every call as failed', async () => {
      const account = mockedAccount('dev');
      mocks = account.mocks;
      wellKnownAccount(mocks, account.clients);
      mocks.kms
        .on(kms.GetKeyRotationStatusCommand)
        .rejects(fail('ExpiredTokenException', 'The security token included in the request is expired'));
      await assert.rejects(
        collectSnapshot({ clients: account.clients, regions: ['us-east-1', 'eu-west-1'] }),
        /aws sso login --profile dev/,
      );
    });

    it('records throttling that outlasted the retries as a failed call, and goes on', async () => {
      const account = mockedAccount();
      mocks = account.mocks;
      wellKnownAccount(mocks, account.clients);
      mocks.cw.on(cw.DescribeAlarmsCommand).rejects(fail('ThrottlingException', 'Rate exceeded'));
      const s = await collectSnapshot({ clients: account.clients, regions: ['us-east-1', 'eu-west-1'] });
      assert.deepEqual(s.logGroups[GROUP_ARN]!.alarms, {
        ok: false,
        action: 'cloudwatch:DescribeAlarms',
        code: 'ThrottlingException',
        message: 'Rate exceeded',
      });
      assert.equal(s.trails.length, 3);
    });

    it('stops when no region answers DescribeTrails: no trail found would be a false finding', async () => {
      const account = mockedAccount();
      mocks = account.mocks;
      await account.clients.cloudtrail('us-east-1');
      mocks.trails.get('us-east-1')!.on(ct.DescribeTrailsCommand).rejects(fail('AccessDeniedException'));
      await assert.rejects(
        collectSnapshot({ clients: account.clients, regions: ['us-east-1'] }),
        /cloudtrail:DescribeTrails answered in no region.*AccessDeniedException/,
      );
    });

    it('stops when cancelled', async () => {
      const account = mockedAccount();
      mocks = account.mocks;
      wellKnownAccount(mocks, account.clients);
      const abort = new AbortController();
      abort.abort(new Error('cancelled by the user'));
      await assert.rejects(
        collectSnapshot({ clients: account.clients, regions: ['us-east-1'], signal: abort.signal }),
        /cancelled by the user/,
      );
      assert.equal(mocks.sts.commandCalls(sts.GetCallerIdentityCommand).length, 0);
    });
  });

  it('looks at the default-enabled regions when none are given', async () => {
    const account = mockedAccount();
    try {
      const s = await collectSnapshot({ clients: account.clients });
      assert.deepEqual(s.regions, DEFAULT_REGIONS);
      assert.equal(DEFAULT_REGIONS.length, 17);
      assert.deepEqual(s.trails, []);
      assert.equal(account.mocks.trails.size, 17);
    } finally {
      account.mocks.restore();
    }
  });
});
