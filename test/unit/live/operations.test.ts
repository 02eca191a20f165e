// The read-only guarantee: every client of the live check refuses a command outside operations.ts before
// anything is sent, and lets every listed one through. aws-sdk-client-mock replaces `send` itself, so a
// mocked client never runs its middleware; these tests use real clients whose HTTP handler is a stub
// that counts what reaches it instead.
import { strict as assert } from 'node:assert';
import * as cloudtrail from '@aws-sdk/client-cloudtrail';
import * as cloudwatch from '@aws-sdk/client-cloudwatch';
import * as logs from '@aws-sdk/client-cloudwatch-logs';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';
import * as sts from '@aws-sdk/client-sts';
import { createClients } from '../../../server/src/live/clients';
import {
  guardReadOnly,
  iamAction,
  isAllowed,
  OPERATIONS,
  READ_ONLY_MIDDLEWARE_NAME,
  ReadOnlyViolationError,
  REQUIRED_ACTIONS,
  SERVICES,
  type Service,
} from '../../../server/src/live/operations';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

/** A stand-in for the network: counts requests and fails them, so nothing leaves the process. */
class StubHandler {
  sent = 0;
  handle(): Promise<never> {
    this.sent++;
    return Promise.reject(Object.assign(new Error('reached the network'), { name: 'ReachedTheNetwork' }));
  }
  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

interface AnyCommand {
  readonly input: object;
}
interface AnyClient {
  send(command: AnyCommand): Promise<unknown>;
}
type CommandClass = new (input: object) => AnyCommand;

/** Each service's SDK module and a guarded client on a stub handler. */
function guardedClient(
  service: Service,
  handler: StubHandler,
): { sdk: Record<string, unknown>; client: AnyClient } {
  const config = { region: 'us-east-1', credentials: CREDENTIALS, requestHandler: handler, maxAttempts: 1 };
  let sdk: Record<string, unknown>;
  let client: AnyClient;
  switch (service) {
    case 'cloudtrail': {
      const c = new cloudtrail.CloudTrailClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [cloudtrail, c];
      break;
    }
    case 's3': {
      const c = new s3.S3Client(config);
      guardReadOnly(c, service);
      [sdk, client] = [s3, c];
      break;
    }
    case 's3control': {
      const c = new s3control.S3ControlClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [s3control, c];
      break;
    }
    case 'kms': {
      const c = new kms.KMSClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [kms, c];
      break;
    }
    case 'iam': {
      const c = new iam.IAMClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [iam, c];
      break;
    }
    case 'logs': {
      const c = new logs.CloudWatchLogsClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [logs, c];
      break;
    }
    case 'cloudwatch': {
      const c = new cloudwatch.CloudWatchClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [cloudwatch, c];
      break;
    }
    case 'sts': {
      const c = new sts.STSClient(config);
      guardReadOnly(c, service);
      [sdk, client] = [sts, c];
      break;
    }
  }
  return { sdk, client };
}

function commandClass(sdk: Record<string, unknown>, name: string): CommandClass {
  const ctor = sdk[name];
  assert.equal(typeof ctor, 'function', `${name} is not in the SDK`);
  return ctor as CommandClass;
}

/** Enough input for any listed command to get past serialization and endpoint resolution. */
const INPUT = {
  Bucket: 'audit-logs',
  AccountId: '111122223333',
  KeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  PolicyName: 'default',
  PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
  Name: 'trail',
  TrailName: 'trail',
  EventDataStore: 'store',
  logGroupName: 'group',
};

describe('live read-only guard', () => {
  const WRITES: [Service, string][] = [
    ['cloudtrail', 'DeleteTrailCommand'],
    ['cloudtrail', 'StopLoggingCommand'],
    ['cloudtrail', 'UpdateTrailCommand'],
    ['s3', 'PutBucketPolicyCommand'],
    ['s3', 'DeleteBucketCommand'],
    ['s3', 'ListObjectsV2Command'],
    ['s3control', 'PutPublicAccessBlockCommand'],
    ['kms', 'ScheduleKeyDeletionCommand'],
    ['kms', 'DecryptCommand'],
    ['iam', 'AttachRolePolicyCommand'],
    ['logs', 'DeleteLogGroupCommand'],
    ['cloudwatch', 'DeleteAlarmsCommand'],
    ['sts', 'AssumeRoleCommand'],
  ];
  for (const [service, name] of WRITES) {
    it(`refuses ${service} ${name} before sending it`, async () => {
      const handler = new StubHandler();
      const { sdk, client } = guardedClient(service, handler);
      const Command = commandClass(sdk, name);
      await assert.rejects(client.send(new Command(INPUT)), (e: unknown) => {
        assert.ok(e instanceof ReadOnlyViolationError);
        assert.match(e.message, new RegExp(name));
        return true;
      });
      assert.equal(handler.sent, 0);
    });
  }

  for (const service of SERVICES) {
    it(`lets every listed ${service} command through to the network`, async () => {
      for (const operation of Object.keys(OPERATIONS[service])) {
        const handler = new StubHandler();
        const { sdk, client } = guardedClient(service, handler);
        const Command = commandClass(sdk, `${operation}Command`);
        await assert.rejects(client.send(new Command(INPUT)), { name: 'ReachedTheNetwork' }, operation);
        assert.equal(handler.sent, 1, operation);
      }
    });
  }

  it('is on every client createClients makes', async () => {
    const clients = createClients({
      credentials: () => Promise.resolve(CREDENTIALS),
      endpoint: 'http://127.0.0.1:9',
    });
    const made = [
      await clients.cloudtrail('eu-west-1'),
      await clients.s3('eu-west-1'),
      await clients.s3control('eu-west-1'),
      await clients.kms('eu-west-1'),
      await clients.iam('us-east-1'),
      await clients.logs('eu-west-1'),
      await clients.cloudwatch('eu-west-1'),
      await clients.sts('us-east-1'),
    ];
    for (const client of made)
      assert.ok(
        client.middlewareStack.identify().some((m) => m.startsWith(READ_ONLY_MIDDLEWARE_NAME)),
        client.constructor.name,
      );
    // And it works there: a write is refused without a connection being attempted.
    const trails = await clients.cloudtrail('eu-west-1');
    await assert.rejects(
      trails.send(new cloudtrail.DeleteTrailCommand({ Name: 'x' })),
      ReadOnlyViolationError,
    );
  });

  it('names the IAM action of each call, where S3 and IAM disagree too', () => {
    assert.equal(iamAction('s3', 'GetBucketVersioningCommand'), 's3:GetBucketVersioning');
    assert.equal(iamAction('s3', 'GetPublicAccessBlockCommand'), 's3:GetBucketPublicAccessBlock');
    assert.equal(iamAction('s3', 'GetBucketLifecycleConfiguration'), 's3:GetLifecycleConfiguration');
    assert.equal(iamAction('s3', 'GetObjectLockConfiguration'), 's3:GetBucketObjectLockConfiguration');
    assert.equal(iamAction('s3', 'GetBucketLocation'), 's3:GetBucketLocation');
    assert.equal(iamAction('s3', 'GetBucketPolicyStatus'), 's3:GetBucketPolicyStatus');
    assert.equal(iamAction('s3control', 'GetPublicAccessBlockCommand'), 's3:GetAccountPublicAccessBlock');
    assert.equal(iamAction('iam', 'ListEntitiesForPolicy'), 'iam:ListEntitiesForPolicy');
    assert.equal(iamAction('logs', 'DescribeMetricFilters'), 'logs:DescribeMetricFilters');
    assert.throws(() => iamAction('cloudtrail', 'DeleteTrailCommand'), ReadOnlyViolationError);
    assert.equal(isAllowed('s3', 'PutBucketPolicyCommand'), false);
    // Names are looked up as own keys: nothing inherited passes for an operation.
    assert.equal(isAllowed('kms', 'constructor'), false);
  });

  it('lists only read actions (Describe, Get, List) in the least-privilege policy', () => {
    for (const action of REQUIRED_ACTIONS) assert.match(action, /^[a-z0-9]+:(Describe|Get|List)[A-Za-z]+$/);
    assert.ok(REQUIRED_ACTIONS.includes('cloudtrail:DescribeTrails'));
  });
});
