// The clients of the live check: made once per service and region, configured for adaptive retries and
// timeouts, and the SDK's retry really retrying a throttled call. aws-sdk-client-mock replaces `send`, which
// skips the SDK's retry middleware, so the retry is tested on a real client whose HTTP handler is a stub
// that answers ThrottlingException twice, then the trails.
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import {
  clientConfig,
  createClients,
  requestTimeoutFrom,
  RETRY,
  TIMEOUTS,
} from '../../../server/src/live/clients';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const credentials = (): Promise<typeof CREDENTIALS> => Promise.resolve(CREDENTIALS);

interface StubResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Readable;
}

/** Answers each request with the next of `answers` (status and JSON body). */
class ScriptedHandler {
  requests = 0;
  constructor(private readonly answers: { status: number; body: object }[]) {}
  handle(): Promise<{ response: StubResponse }> {
    const answer = this.answers[Math.min(this.requests++, this.answers.length - 1)]!;
    return Promise.resolve({
      response: {
        statusCode: answer.status,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: Readable.from([Buffer.from(JSON.stringify(answer.body))]),
      },
    });
  }
  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

describe('live clients', () => {
  it('retries a throttled call with the SDK (adaptive mode) until it succeeds', async function () {
    this.timeout(60_000);
    const throttled = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };
    const handler = new ScriptedHandler([
      throttled,
      throttled,
      { status: 200, body: { trailList: [{ Name: 'audit', TrailARN: 'arn:aws:cloudtrail:x' }] } },
    ]);
    const client = new CloudTrailClient({
      ...clientConfig('us-east-1', credentials, undefined),
      requestHandler: handler,
    });
    const out = await client.send(new DescribeTrailsCommand({}));
    assert.equal(handler.requests, 3);
    assert.equal(out.$metadata.attempts, 3);
    assert.deepEqual(
      out.trailList?.map((t) => t.Name),
      ['audit'],
    );
  });

  it('gives up after maxAttempts throttled answers, with the throttling error', async function () {
    this.timeout(60_000);
    const handler = new ScriptedHandler([
      { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
    ]);
    const client = new CloudTrailClient({
      ...clientConfig('us-east-1', credentials, undefined),
      maxAttempts: 2,
      requestHandler: handler,
    });
    await assert.rejects(client.send(new DescribeTrailsCommand({})), { name: 'ThrottlingException' });
    assert.equal(handler.requests, 2);
  });

  it('configures adaptive retries, timeouts and the endpoint', async () => {
    const config = clientConfig('eu-west-1', credentials, 'http://127.0.0.1:4566');
    assert.equal(config.retryMode, 'adaptive');
    assert.equal(config.maxAttempts, 6);
    assert.deepEqual(config.requestHandler, {
      connectionTimeout: 5000,
      requestTimeout: 30000,
      throwOnRequestTimeout: true,
    });
    assert.equal(config.endpoint, 'http://127.0.0.1:4566');
    assert.equal('endpoint' in clientConfig('eu-west-1', credentials, undefined), false);
    assert.deepEqual(RETRY, { retryMode: 'adaptive', maxAttempts: 6 });
    assert.equal(TIMEOUTS.connectionTimeout, 5000);
    // Tests that stall a call lower the request timeout (and the connection timeout with it).
    assert.deepEqual(clientConfig('eu-west-1', credentials, undefined, 1500).requestHandler, {
      connectionTimeout: 1500,
      requestTimeout: 1500,
      throwOnRequestTimeout: true,
    });
    assert.equal(requestTimeoutFrom(undefined, { TRAIL_LINT_LIVE_REQUEST_TIMEOUT_MS: '1500' }), 1500);
    assert.equal(requestTimeoutFrom(undefined, { TRAIL_LINT_LIVE_REQUEST_TIMEOUT_MS: 'soon' }), undefined);
    assert.equal(requestTimeoutFrom(800, {}), 800);

    const clients = createClients({ credentials, endpoint: 'http://127.0.0.1:4566' });
    const s3 = await clients.s3('eu-west-1');
    assert.equal(await s3.config.region(), 'eu-west-1');
    assert.equal(await s3.config.maxAttempts(), 6);
    const retryMode = s3.config.retryMode;
    assert.equal(typeof retryMode === 'string' ? retryMode : await retryMode(), 'adaptive');
    assert.equal(s3.config.forcePathStyle, true);
    assert.equal(s3.config.followRegionRedirects, true);
  });

  it('makes one client per service and region, on first use', async () => {
    const clients = createClients({ credentials, profile: 'audit' });
    assert.equal(clients.profile, 'audit');
    const [a, b, c] = await Promise.all([
      clients.cloudtrail('us-east-1'),
      clients.cloudtrail('us-east-1'),
      clients.cloudtrail('eu-west-1'),
    ]);
    assert.equal(a, b);
    assert.notEqual(a, c);
    assert.equal(await c.config.region(), 'eu-west-1');
  });

  it("sends S3 Control to an emulator's host, without the account id in front of it", async () => {
    // An IP address: `111122223333.127.0.0.1` is not even a URL.
    const clients = createClients({ credentials, endpoint: 'http://127.0.0.1:4566' });
    const client = await clients.s3control('us-east-1');
    let host = '';
    client.middlewareStack.add(
      () => (args) => {
        host = (args.request as { hostname: string }).hostname;
        return Promise.reject(Object.assign(new Error('captured'), { name: 'Captured' }));
      },
      { step: 'build', name: 'capture', priority: 'low' },
    );
    await assert.rejects(client.send(new GetPublicAccessBlockCommand({ AccountId: '111122223333' })), {
      name: 'Captured',
    });
    assert.equal(host, '127.0.0.1');
  });
});
