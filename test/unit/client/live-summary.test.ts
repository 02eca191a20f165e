// The one-line summary of a live check: coverage, findings, and what could not be verified and why.
import { strict as assert } from 'node:assert';
import type { LiveSummary } from '../../../client/src/live-protocol';
import { shortReason, summaryLine } from '../../../client/src/live-summary';

const SUMMARY: LiveSummary = {
  account: '111122223333',
  trails: 2,
  regions: Array.from({ length: 17 }, (_, i) => `region-${i}`),
  skippedRegions: [],
  findings: { error: 1, warning: 3, info: 2 },
  notVerified: [],
  elapsedMs: 4200,
};

const denied = (action: string): string => `${action}, which was denied (missing permission ${action})`;

describe('live check summary line (VS Code client)', () => {
  it('says what was covered and found', () => {
    assert.equal(
      summaryLine(SUMMARY),
      'Account 111122223333: 2 trails in 17 regions; 1 error, 3 warnings, 2 info',
    );
    assert.equal(
      summaryLine({
        ...SUMMARY,
        trails: 1,
        regions: ['us-east-1'],
        findings: { error: 0, warning: 1, info: 0 },
      }),
      'Account 111122223333: 1 trail in 1 region; 0 errors, 1 warning, 0 info',
    );
  });

  it('names skipped regions and why, and what could not be verified', () => {
    assert.equal(
      summaryLine({
        ...SUMMARY,
        skippedRegions: [{ region: 'ap-east-1', reason: 'not enabled' }],
        notVerified: [
          { reason: denied('s3:GetBucketVersioning'), count: 2 },
          { reason: 'kms:GetKeyPolicy, which failed (ThrottlingException)', count: 1 },
          { reason: denied('logs:DescribeLogGroups'), count: 1 },
        ],
      }),
      'Account 111122223333: 2 trails in 17 regions (skipped: ap-east-1 (not enabled)); ' +
        '1 error, 3 warnings, 2 info; ' +
        '4 checks not verified (s3:GetBucketVersioning denied, kms:GetKeyPolicy failed (ThrottlingException), 1 more)',
    );
  });

  it('keeps a reason it does not recognise as it is', () => {
    assert.equal(shortReason('a parameter without default'), 'a parameter without default');
  });
});
