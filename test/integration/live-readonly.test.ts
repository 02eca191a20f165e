// The live check's two promises about credentials, proven against moto with IAM enforcement on:
//  1. The least-privilege policy that docs/live.md publishes is enough: an IAM user holding exactly that JSON
//     reads the account as completely as unrestricted credentials do, and a policy without one action makes
//     exactly the checks that need it "not verified", naming the action, without stopping the run.
//  2. Nothing secret leaks: the secret access key and the session token appear in no output, in any format,
//     also when calls are denied or the endpoint refuses connections.
// Skipped, saying why, where moto_server is not installed.
//
// How moto enforces IAM (moto 5.2.1, read in moto/settings.py and moto/core/authorization.py): moto_server
// reads INITIAL_NO_AUTH_ACTION_COUNT from its own environment at start-up; every request that goes through
// its authorization counts, and once the count reaches the budget every request must be signed by a key of
// an IAM user of moto's account and be allowed by that user's policies. The suite gives a budget larger
// than the setup, builds the accounts and users with the throwaway root key, then spends what is left on
// requests signed with a key moto does not know until moto refuses one: from there on, enforcement is on,
// and a refused request is the proof of it (no test here can pass with enforcement silently off).
//
// What was observed where moto's enforcement differs from AWS (the assertions follow it, see MOTO_NAMES):
//  - S3 GetPublicAccessBlock, GetBucketPolicyStatus and GetObjectLockConfiguration are authorized by moto as
//    s3:ListBucket (its action table keys them `public_access_block`, or not at all, while the query strings
//    are `publicAccessBlock`, `policyStatus`, `object-lock`); AWS asks for s3:GetBucketPublicAccessBlock,
//    s3:GetBucketPolicyStatus and s3:GetBucketObjectLockConfiguration.
//  - S3 Control GetPublicAccessBlock is authorized as s3:GetPublicAccessBlock (AWS:
//    s3:GetAccountPublicAccessBlock), and moto's refusal has no error code (the SDK says `Unknown`).
//  - CloudWatch DescribeAlarms is authorized as monitoring:DescribeAlarms (moto prefixes the SigV4 signing
//    name, which is `monitoring`; AWS: cloudwatch:DescribeAlarms).
//  - JSON-protocol services (CloudTrail, KMS, CloudWatch Logs, CloudWatch) answer a refusal with an XML body
//    the SDK cannot parse: the check sees a `SyntaxError` failure, not `AccessDenied`, so its report says
//    "which failed", never "which was denied", for those. That is why the policy tests compare the whole
//    `notVerified` list (empty) rather than only look for "denied".
//  - cloudtrail:ListEventDataStores is authorized like the others, but moto has no CloudTrail Lake (500
//    afterwards): with no event data store, nothing in the report depends on it either way.
//  - With the documented policy word for word, moto refuses monitoring:DescribeAlarms: the good account's
//    CW001 is then "not verified", naming cloudwatch:DescribeAlarms (one of the renamed calls below).
//  - A session token sent with an IAM user's key (AKIA...) is refused once enforcement is on (moto raises
//    InvalidToken, reported as InvalidClientTokenId); without enforcement moto ignores it. So the planted
//    token is checked on the refusal path with enforcement, and on full reports against a second moto
//    without enforcement.
// sts:GetCallerIdentity is always allowed by moto, as by AWS.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createBrokenTrail, createGoodTrail } from '../helpers/moto-account';
import { motoMissing, runCliBeside, startMoto, type CliRun, type Moto } from '../helpers/moto';
import { ROOT } from '../helpers/paths';

interface LiveJson {
  summary: { account: string; notVerified: { reason: string; count: number }[] };
  findings: { ruleId: string; arn: string; notVerified: boolean; message: string }[];
  errors: { ruleId: string; message: string }[];
}

type Run = CliRun;

interface Policy {
  Version: string;
  Statement: { Sid?: string; Effect: string; Action: string[]; Resource: string }[];
}

interface AccessKey {
  id: string;
  secret: string;
}

/** Requests the setup may make before enforcement starts; the rest is spent by `startEnforcing`. */
const NO_AUTH_BUDGET = 400;
const PLANTED_TOKEN = 'FAKE/SESSION+TOKEN//planted';
/** The policy block of docs/live.md: the test holds the published text, not a copy of it. */
const DOCUMENTED: Policy = documentedPolicy();

/**
 * Per documented action, the name moto authorizes the same call under where it differs (see the header).
 * A user gets these only for the documented actions it holds, so removing an action removes its alias too.
 */
const MOTO_NAMES: Readonly<Record<string, string>> = {
  's3:GetBucketPublicAccessBlock': 's3:ListBucket',
  's3:GetBucketPolicyStatus': 's3:ListBucket',
  's3:GetBucketObjectLockConfiguration': 's3:ListBucket',
  's3:GetAccountPublicAccessBlock': 's3:GetPublicAccessBlock',
  'cloudwatch:DescribeAlarms': 'monitoring:DescribeAlarms',
};

function documentedPolicy(): Policy {
  const doc = readFileSync(path.join(ROOT, 'docs', 'live.md'), 'utf8');
  const block = /## The permissions it needs[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
  if (block === undefined)
    throw new Error('docs/live.md has no JSON policy under "The permissions it needs"');
  return JSON.parse(block) as Policy;
}

const documentedActions = (): string[] => DOCUMENTED.Statement.flatMap((s) => s.Action);

/** The documented policy with `actions` in place of its list, plus moto's names for those actions. */
function policyWith(actions: string[], motoNames: boolean): Policy {
  const [statement] = DOCUMENTED.Statement;
  assert.ok(statement && DOCUMENTED.Statement.length === 1, 'docs/live.md: one statement expected');
  const aliases = [...new Set(actions.flatMap((a) => MOTO_NAMES[a] ?? []))];
  return {
    ...DOCUMENTED,
    Statement: [
      { ...statement, Action: actions },
      ...(motoNames && aliases.length > 0
        ? [{ Sid: 'MotoNamesForTheSameCalls', Effect: 'Allow', Action: aliases, Resource: '*' }]
        : []),
    ],
  };
}

/** A free port that nothing listens on once this returns: connections to it are refused. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const runCli = runCliBeside;

function parse(run: Run): LiveJson {
  try {
    return JSON.parse(run.stdout) as LiveJson;
  } catch {
    throw new Error(`not a JSON report (exit ${String(run.status)}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Rule id, ARN and verified or not of every finding, sorted: what two runs must agree on. */
const shape = (report: LiveJson): string[] =>
  report.findings.map((f) => `${f.ruleId} ${f.arn}${f.notVerified ? ' (not verified)' : ''}`).sort();

describe('live check with IAM enforced: the documented policy suffices, nothing secret leaks', function () {
  this.timeout(300_000);
  const missing = motoMissing();
  let moto: Moto;
  const keys = new Map<string, AccessKey>();

  /** Environment of a CLI run signed with `key`, nothing of the developer's own AWS setup included. */
  const envFor = (key: AccessKey, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...moto.env };
    delete env['AWS_SESSION_TOKEN'];
    return { ...env, AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret, ...extra };
  };
  const live = async (user: string, ...args: string[]): Promise<{ run: Run; report: LiveJson }> => {
    const run = await runCli(envFor(key(user)), [
      'live',
      '--format',
      'json',
      '--region',
      'us-east-1',
      ...args,
    ]);
    return { run, report: parse(run) };
  };
  const key = (user: string): AccessKey => {
    const k = keys.get(user);
    if (!k) throw new Error(`no access key for ${user}`);
    return k;
  };

  before(async function () {
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    moto = await startMoto({ INITIAL_NO_AUTH_ACTION_COUNT: String(NO_AUTH_BUDGET) });
    const env = { endpoint: moto.endpoint };
    // Both accounts: the broken one gives the comparison of findings something to compare.
    await createGoodTrail(env, 'good');
    await createBrokenTrail(env, 'broken');
    const iam = iamClient(moto);
    const users: [string, Policy][] = [
      [
        'unrestricted',
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: '*' }] },
      ],
      ['documented', DOCUMENTED],
      ['documented-moto', policyWith(documentedActions(), true)],
      [
        'no-versioning',
        policyWith(
          documentedActions().filter((a) => a !== 's3:GetBucketVersioning'),
          true,
        ),
      ],
      // Reads the trails, and nothing else: every other call is refused.
      [
        'trails-only',
        policyWith(
          documentedActions().filter((a) => a.startsWith('cloudtrail:') || a.startsWith('sts:')),
          false,
        ),
      ],
      // Allowed one action the check never calls: every call it makes is refused.
      [
        'nothing',
        {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['ec2:DescribeVpcs'], Resource: '*' }],
        },
      ],
    ];
    for (const [name, policy] of users) keys.set(name, await createUser(iam, name, policy));
    await startEnforcing(moto);
  });

  after(async () => {
    await moto?.stop();
  });

  it('refuses the root key once enforcement is on', async () => {
    const run = await runCli({ ...process.env, ...moto.env }, [
      'live',
      '--format',
      'json',
      '--region',
      'us-east-1',
    ]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /InvalidClientTokenId/);
  });

  it('reads everything with the documented policy that unrestricted credentials read', async () => {
    const unrestricted = await live('unrestricted');
    const documented = await live('documented-moto');
    assert.ok([0, 1].includes(documented.run.status ?? -1), documented.run.stderr);
    // Not only no "denied": no check is left unverified at all (moto's JSON services say "failed").
    assert.deepEqual(unrestricted.report.summary.notVerified, []);
    assert.deepEqual(documented.report.summary.notVerified, []);
    assert.deepEqual(documented.report.errors, []);
    assert.ok(unrestricted.report.findings.length >= 15, 'the broken account has findings to compare');
    assert.deepEqual(shape(documented.report), shape(unrestricted.report));
  });

  it('with the documented policy word for word, only calls moto names differently are refused', async () => {
    const { run, report } = await live('documented');
    assert.ok([0, 1].includes(run.status ?? -1), run.stderr);
    const named = Object.keys(MOTO_NAMES);
    for (const { reason } of report.summary.notVerified) {
      const action = /^(\S+?), which/.exec(reason)?.[1];
      assert.ok(
        action && named.includes(action),
        `not verified for a reason moto does not explain: ${reason}`,
      );
    }
  });

  it('without s3:GetBucketVersioning, S3004 is not verified, saying so, and the run completes', async () => {
    const unrestricted = await live('unrestricted');
    const { run, report } = await live('no-versioning');
    assert.ok([0, 1].includes(run.status ?? -1), run.stderr);
    const denied = 's3:GetBucketVersioning, which was denied';
    assert.deepEqual(
      report.summary.notVerified.map((n) => n.reason.slice(0, denied.length)),
      [denied],
    );
    const s3004 = report.findings.filter((f) => f.ruleId === 'S3004');
    assert.deepEqual(s3004.map((f) => f.arn).sort(), [
      'arn:aws:s3:::broken-logs-123456789012',
      'arn:aws:s3:::good-logs-123456789012',
    ]);
    for (const f of s3004) {
      assert.ok(f.notVerified, `${f.arn}: S3004 should be not verified`);
      assert.ok(f.message.includes(denied), f.message);
    }
    // Every other check reads as it does with unrestricted credentials.
    const others = (r: LiveJson): string[] =>
      shape({ ...r, findings: r.findings.filter((f) => f.ruleId !== 'S3004') });
    assert.deepEqual(others(report), others(unrestricted.report));
  });

  describe('no secret in any output', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-leak-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Every run's stdout and stderr, and the --output file, in all three formats; checked for `k`. */
    const everyFormat = async (env: NodeJS.ProcessEnv, k: AccessKey, ok: number[]): Promise<Run[]> => {
      const runs: Run[] = [];
      for (const format of ['json', 'sarif', 'text']) {
        const args = ['live', '--format', format, '--region', 'us-east-1'];
        const out = await runCli(env, args, 60_000);
        const file = path.join(dir, `${k.id}.${format}`);
        const written = await runCli(env, [...args, '--output', file], 60_000);
        for (const run of [out, written]) assert.ok(ok.includes(run.status ?? -1), run.stderr);
        const texts = [out.stdout, out.stderr, written.stdout, written.stderr];
        if (written.status !== 2) texts.push(readFileSync(file, 'utf8'));
        assertNoSecret(k, ...texts);
        runs.push(out);
      }
      return runs;
    };

    it('a full report (documented policy), the secret key planted', async () => {
      const [json] = await everyFormat(envFor(key('documented-moto')), key('documented-moto'), [0, 1]);
      assert.ok(json && parse(json).findings.length > 0);
    });

    it('every call but the trails denied: the denied messages carry no secret', async () => {
      const [json] = await everyFormat(envFor(key('trails-only')), key('trails-only'), [0, 1]);
      // The run really went down the denied paths: their messages are in the report.
      assert.ok(json && parse(json).summary.notVerified.some((n) => n.reason.includes('denied')));
    });

    it('every call denied: exit 2, the failure printed, no secret', async () => {
      const runs = await everyFormat(envFor(key('nothing')), key('nothing'), [2]);
      for (const run of runs) assert.match(run.stderr, /cloudtrail:DescribeTrails/);
    });

    it('a session token moto refuses with a user key: exit 2, the refusal printed, no token', async () => {
      const runs = await everyFormat(
        envFor(key('documented-moto'), { AWS_SESSION_TOKEN: PLANTED_TOKEN }),
        key('documented-moto'),
        [2],
      );
      for (const run of runs) assert.match(run.stderr, /InvalidClientTokenId/);
    });

    it('an endpoint refusing connections: exit 2 within the timeout, the error printed, no secret', async () => {
      const env = envFor(key('documented-moto'), {
        AWS_SESSION_TOKEN: PLANTED_TOKEN,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}`,
      });
      const runs = await everyFormat(env, key('documented-moto'), [2]);
      for (const run of runs) assert.match(run.stderr, /ECONNREFUSED/);
    });

    describe('a session token planted, against moto without enforcement (which ignores the token)', () => {
      let open: Moto;
      let user: AccessKey;
      before(async () => {
        open = await startMoto();
        await createGoodTrail({ endpoint: open.endpoint }, 'good');
        await createBrokenTrail({ endpoint: open.endpoint }, 'broken');
        user = await createUser(iamClient(open), 'auditor', DOCUMENTED);
      });
      after(async () => {
        await open?.stop();
      });

      it('a full report in every format, the secret key and the token planted', async () => {
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          ...open.env,
          AWS_ACCESS_KEY_ID: user.id,
          AWS_SECRET_ACCESS_KEY: user.secret,
          AWS_SESSION_TOKEN: PLANTED_TOKEN,
        };
        const [json] = await everyFormat(env, user, [0, 1]);
        assert.ok(json && parse(json).findings.length > 0);
      });
    });
  });
});

/** The secret, the planted token and their URL-encoded forms appear in none of `texts`. */
function assertNoSecret(k: AccessKey, ...texts: string[]): void {
  const needles = [k.secret, PLANTED_TOKEN, encodeURIComponent(k.secret), encodeURIComponent(PLANTED_TOKEN)];
  // The token's pieces too: a message that cut it at a slash would still give it away. The key id is not a
  // secret, but the check promises not to print it either (collect-errors.ts blanks it out).
  needles.push('SESSION+TOKEN', '//planted', k.id);
  for (const text of texts)
    for (const needle of needles) assert.ok(!text.includes(needle), `output contains "${needle}":\n${text}`);
}

/** The test's own IAM client, signed with the throwaway root key (only valid within the no-auth budget). */
function iamClient(moto: Moto): IAMClient {
  return new IAMClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: moto.env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: 'root' },
  });
}

/** An IAM user whose only policy is `policy`, inline, and an access key of it. */
async function createUser(iam: IAMClient, name: string, policy: Policy): Promise<AccessKey> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(
    new PutUserPolicyCommand({ UserName: name, PolicyName: 'live', PolicyDocument: JSON.stringify(policy) }),
  );
  const created = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  const { AccessKeyId, SecretAccessKey } = created.AccessKey ?? {};
  assert.ok(AccessKeyId && SecretAccessKey, `moto returned no access key for ${name}`);
  return { id: AccessKeyId, secret: SecretAccessKey };
}

/**
 * Spends the rest of moto's no-auth budget on requests signed with a key moto does not know, until it
 * refuses one: enforcement is on from then. More requests than the budget without a refusal means moto
 * did not take the budget from its environment.
 */
async function startEnforcing(moto: Moto): Promise<void> {
  const sts = new STSClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'AKIANOTAUSEROFMOTO00', secretAccessKey: 'not-a-secret' },
    maxAttempts: 1,
  });
  for (let n = 0; n <= NO_AUTH_BUDGET; n++) {
    try {
      await sts.send(new GetCallerIdentityCommand({}));
    } catch (error) {
      assert.equal((error as Error).name, 'InvalidClientTokenId', String(error));
      return;
    }
  }
  throw new Error(`moto did not enforce IAM after ${NO_AUTH_BUDGET} requests (INITIAL_NO_AUTH_ACTION_COUNT)`);
}
