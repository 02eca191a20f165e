// The live check end to end against moto (a local AWS API emulator): the bundled CLI's `trail-lint live` and
// the language server's `trailLint/checkLive` (what the VS Code command sends) read accounts the test builds
// through the SDK, and report what the rules say. Skipped, saying why, where moto_server is not installed.
//
// Where moto differs from AWS, the check is written for AWS and the test says so:
//  - moto does not keep MFADelete from PutBucketVersioning: a bucket set up with MFA delete reads without
//    it, so S3004 fires on the good account's bucket.
//  - moto's DescribeKey leaves KeyUsage empty for a key created without it (AWS says ENCRYPT_DECRYPT): the
//    check reads an empty field as KMS's default.
//  - S3 Control's endpoint rules put the account id in front of the host (`<account>.<endpoint>`), which a
//    local endpoint cannot answer: with an endpoint given, the check sends S3 Control calls to it as is
//    (the account id still travels in the x-amz-account-id header).
//  - moto has no CloudTrail Lake (ListEventDataStores answers with an HTML page): event data stores read as
//    not verified, so CT011 is not exercised here (test/unit/live covers it).
import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import { LspTestClient, stopClients } from './lsp-client';
import {
  createBadKeyTrail,
  createBrokenTrail,
  createGoodTrail,
  createUnencryptedTrail,
  MOTO_ACCOUNT,
  type Created,
} from '../helpers/moto-account';
import { motoMissing, runCliBeside, startMoto, type Moto } from '../helpers/moto';

interface LiveJson {
  summary: {
    account: string;
    trails: number;
    regions: string[];
    notVerified: { reason: string; count: number }[];
  };
  findings: { ruleId: string; arn: string; notVerified: boolean; severity: string }[];
}

/** `trail-lint live --format json` against moto (asynchronously: see runCliBeside). */
async function live(
  moto: Moto,
  ...args: string[]
): Promise<{ status: number | null; report: LiveJson; stderr: string }> {
  const run = await runCliBeside({ ...process.env, ...moto.env }, ['live', '--format', 'json', ...args]);
  return { status: run.status, report: JSON.parse(run.stdout || '{}') as LiveJson, stderr: run.stderr };
}

/** The rule ids found on a setup's resources: ARNs that name it, and its key. */
const violations = (report: LiveJson, name: string, created: Created): string[] =>
  report.findings
    .filter((f) => !f.notVerified && (f.arn.includes(name) || f.arn === created.keyArn))
    .map((f) => f.ruleId)
    .sort();

describe('live check against moto', function () {
  this.timeout(180_000);
  const missing = motoMissing();
  let moto: Moto;
  let good: Created;
  let broken: Created;

  before(async function () {
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    moto = await startMoto();
    good = await createGoodTrail({ endpoint: moto.endpoint }, 'good');
    broken = await createBrokenTrail({ endpoint: moto.endpoint }, 'broken');
  });

  after(async () => {
    await moto?.stop();
  });

  it('finds nothing wrong with the account set up as a security team wants it', async () => {
    const { report } = await live(moto, '--region', 'us-east-1');
    assert.equal(report.summary.account, MOTO_ACCOUNT);
    // moto forgets MFADelete (see the header): the only finding on the good trail's resources.
    assert.deepEqual(violations(report, 'good', good), ['S3004']);
  });

  it('reports every live rule the broken account breaks, once, at the resource ARN', async () => {
    const { status, report } = await live(moto, '--region', 'us-east-1');
    assert.equal(status, 1);
    assert.deepEqual(violations(report, 'broken', broken), [
      'CT001',
      'CT002',
      'CT003',
      'CT006',
      'CT007',
      'CT008',
      'CT009',
      'CW001',
      'CW002',
      'IAM001',
      'KMS001',
      'S3001',
      'S3002',
      'S3003',
      'S3004',
      'S3005',
      'S3005',
      'S3006',
    ]);
  });

  it('answers the editor command through the language server', async () => {
    const client = await LspTestClient.start({
      workspaceFolders: [pathToFileURL(os.tmpdir()).href],
      env: moto.env,
    });
    try {
      const result = (await client.request('trailLint/checkLive', { regions: ['us-east-1'] })) as LiveJson & {
        trails: { name: string }[];
      };
      assert.deepEqual(result.trails.map((t) => t.name).sort(), ['broken', 'good']);
      assert.ok(result.findings.some((f) => f.ruleId === 'CT006' && f.arn.endsWith('trail/broken')));
    } finally {
      await stopClients([client], false);
    }
  });
});

describe('live check against moto: an account without one good trail', function () {
  this.timeout(180_000);
  const missing = motoMissing();
  let moto: Moto;
  const made: Record<string, Created> = {};

  before(async function () {
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    moto = await startMoto();
    const env = { endpoint: moto.endpoint };
    made['broken'] = await createBrokenTrail(env, 'broken');
    made['unencrypted'] = await createUnencryptedTrail(env, 'unencrypted');
    made['badkey'] = await createBadKeyTrail(env, 'badkey');
  });

  after(async () => {
    await moto?.stop();
  });

  it('fires every live rule that moto can set up, each where it belongs', async () => {
    const { report } = await live(moto, '--region', 'us-east-1');
    const found = (name: string): string[] => violations(report, name, made[name] as Created);
    // All three trails are single-region: no trail covers the account (LIVE001).
    assert.ok(
      found('unencrypted').includes('CT004') && found('unencrypted').includes('CT005'),
      found('unencrypted').join(' '),
    );
    assert.deepEqual(
      found('badkey').filter((id) => id.startsWith('KMS')),
      ['KMS002', 'KMS003'],
    );
    const everyRule = new Set(report.findings.filter((f) => !f.notVerified).map((f) => f.ruleId));
    for (const id of [
      'CT001',
      'CT002',
      'CT003',
      'CT004',
      'CT005',
      'CT006',
      'CT007',
      'CT008',
      'CT009',
      'S3001',
      'S3002',
      'S3003',
      'S3004',
      'S3005',
      'S3006',
      'KMS001',
      'KMS002',
      'KMS003',
      'IAM001',
      'CW001',
      'CW002',
      'LIVE001',
    ]) {
      assert.ok(everyRule.has(id), `${id} did not fire: ${[...everyRule].sort().join(' ')}`);
    }
  });
});
