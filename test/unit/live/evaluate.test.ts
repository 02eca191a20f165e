// The live account through the engine: a well-kept account gives no finding at all, each broken setting
// gives its rule's finding at the resource's ARN, and a denied call gives "could not verify", naming the call.
import { strict as assert } from 'node:assert';
import { evaluateSnapshot } from '../../../server/src/live/evaluate';
import type { LiveSnapshot } from '../../../server/src/live/snapshot';
import {
  ACCOUNT,
  BUCKET,
  denied,
  goodAccount,
  GROUP_ARN,
  KEY_ARN,
  ok,
  TRAIL_ARN,
} from '../../helpers/live-snapshots';

const describe_ = (s: LiveSnapshot): string[] =>
  evaluateSnapshot(s)
    .findings.map((f) => `${f.ruleId}${f.unverified ? '?' : ''} ${f.arn}`)
    .sort();

describe('live evaluation', () => {
  it('finds nothing in a well-kept account', () => {
    const result = evaluateSnapshot(goodAccount());
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId} ${f.message}`),
      [],
    );
  });

  it('reports each broken trail setting under its rule id, at the trail ARN', () => {
    const s = goodAccount();
    const t = s.trails[0]!;
    Object.assign(t, {
      isMultiRegion: false,
      includeGlobalServiceEvents: false,
      logFileValidation: false,
      kmsKeyId: undefined,
      cloudWatchLogsLogGroupArn: undefined,
      cloudWatchLogsRoleArn: undefined,
      insights: ok([]),
      selectors: ok({
        classic: [
          {
            readWriteType: 'WriteOnly',
            includeManagementEvents: true,
            excludeManagementEventSources: [],
            dataResources: [],
          },
        ],
        advanced: [],
      }),
    });
    assert.deepEqual(describe_(s), [
      `CT001 ${TRAIL_ARN}`,
      `CT002 ${TRAIL_ARN}`,
      `CT003 ${TRAIL_ARN}`,
      `CT004 ${TRAIL_ARN}`,
      `CT005 ${TRAIL_ARN}`,
      `CT007 ${TRAIL_ARN}`,
      `CT008 ${TRAIL_ARN}`,
      `CT009 ${TRAIL_ARN}`,
      `LIVE001 ${ACCOUNT}`,
    ]);
  });

  it('reports a trail that stopped logging, and one that cannot deliver', () => {
    const s = goodAccount();
    s.trails[0]!.status = ok({
      isLogging: true,
      latestDeliveryError: 'AccessDenied',
      latestCloudWatchLogsDeliveryError: undefined,
      latestDeliveryTime: '2026-01-01T00:00:00Z',
    });
    assert.deepEqual(describe_(s), [`LIVE002 ${TRAIL_ARN}`]);
    s.trails[0]!.status = ok({
      isLogging: false,
      latestDeliveryError: undefined,
      latestCloudWatchLogsDeliveryError: undefined,
      latestDeliveryTime: undefined,
    });
    assert.deepEqual(describe_(s), [`CT006 ${TRAIL_ARN}`, `LIVE001 ${ACCOUNT}`]);
  });

  it('reports the bucket, key and log group settings', () => {
    const s = goodAccount();
    const b = s.buckets[BUCKET]!;
    b.publicAccessBlock = ok(undefined);
    b.acl = ok([{ grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }]);
    b.logging = ok(undefined);
    b.versioning = ok({ status: 'Enabled', mfaDelete: 'Disabled' });
    b.objectLock = ok(undefined);
    b.policy = ok(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: ['s3:GetBucketAcl', 's3:PutObject'],
            Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          },
        ],
      }),
    );
    const k = s.keys[KEY_ARN]!;
    k.rotation = ok(false);
    const g = s.logGroups[GROUP_ARN]!;
    g.settings = ok({ retentionInDays: undefined, kmsKeyId: undefined });
    g.metricFilters = ok([]);
    const bucket = `arn:aws:s3:::${BUCKET}`;
    assert.deepEqual(describe_(s), [
      `CW001 ${GROUP_ARN}`,
      `CW002 ${GROUP_ARN}`,
      `KMS001 ${KEY_ARN}`,
      `S3001 ${bucket}`,
      `S3002 ${bucket}`,
      `S3003 ${bucket}`,
      `S3004 ${bucket}`,
      `S3005 ${bucket}`,
      `S3006 ${bucket}`,
    ]);
  });

  it('says what a denied call kept it from verifying, and goes on', () => {
    const s = goodAccount();
    s.buckets[BUCKET]!.versioning = denied('s3:GetBucketVersioning');
    const findings = evaluateSnapshot(s).findings;
    const notes = findings.filter((f) => f.unverified).map((f) => `${f.ruleId} ${f.message}`);
    assert.deepEqual(notes, [
      // Object Lock versions the bucket by itself: what is left open is MFA delete.
      'S3004 Could not verify MFA delete on the log bucket: MFADelete depends on s3:GetBucketVersioning, which was denied (missing permission s3:GetBucketVersioning).',
    ]);
    assert.deepEqual(
      findings.filter((f) => !f.unverified),
      [],
    );
  });

  it('says so when alarms or the key description could not be read, instead of passing or skipping', () => {
    const s = goodAccount();
    s.logGroups[GROUP_ARN]!.alarms = denied('cloudwatch:DescribeAlarms');
    s.keys[KEY_ARN]!.description = denied('kms:DescribeKey');
    s.keys[KEY_ARN]!.rotation = ok(false);
    const findings = evaluateSnapshot(s).findings;
    assert.deepEqual(
      findings.filter((f) => !f.unverified).map((f) => f.ruleId),
      [],
    );
    assert.deepEqual(
      findings
        .filter((f) => f.unverified && ['CW001', 'KMS001'].includes(f.ruleId))
        .map((f) => `${f.ruleId} ${f.arn}`)
        .sort(),
      [`CW001 ${GROUP_ARN}`, `KMS001 ${KEY_ARN}`],
    );
  });

  it('reports resources of another account once, and their checks as not verified', () => {
    const s = goodAccount();
    s.buckets[BUCKET]!.inAccount = false;
    const findings = evaluateSnapshot(s).findings;
    const live003 = findings.filter((f) => f.ruleId === 'LIVE003');
    assert.equal(live003.length, 1);
    assert.match(live003[0]!.message, /belongs to another account/);
    assert.deepEqual(
      findings.filter((f) => !f.unverified && f.ruleId !== 'LIVE003').map((f) => f.ruleId),
      [],
    );
  });
});
