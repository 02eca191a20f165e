// The call machinery of the collection: at most four calls per service in flight, failures recorded with
// their IAM action and nothing secret, credential errors ending the check with the sign-in command, and
// the IAM policy filter (URL-encoded documents, actions that cover CloudTrail).
import { strict as assert } from 'node:assert';
import type { Clients } from '../../../server/src/live/clients';
import { call, callPages, createContext } from '../../../server/src/live/collect-context';
import { fatalError, LiveCheckError, scrub } from '../../../server/src/live/collect-errors';
import { coversCloudTrail, decodeDocument } from '../../../server/src/live/collect-iam';
import { regionNotEnabled } from '../../../server/src/live/collect-regions';
import { createLimiter } from '../../../server/src/live/limit';

const noClients = (profile?: string): Clients => {
  const none = (): Promise<never> => Promise.reject(new Error('no client in this test'));
  return {
    profile,
    cloudtrail: none,
    s3: none,
    s3control: none,
    kms: none,
    iam: none,
    logs: none,
    cloudwatch: none,
    sts: none,
  };
};
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

describe('live collection calls', () => {
  it('keeps at most four calls per service in flight, and services apart', async () => {
    const ctx = createContext({ clients: noClients() });
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    const task = (service: 's3' | 'kms') => async (): Promise<number> => {
      inFlight.set(service, (inFlight.get(service) ?? 0) + 1);
      peak.set(service, Math.max(peak.get(service) ?? 0, inFlight.get(service)!));
      await tick();
      inFlight.set(service, inFlight.get(service)! - 1);
      return 1;
    };
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => call(ctx, 's3', 'GetBucketAcl', task('s3'))),
      ...Array.from({ length: 6 }, () => call(ctx, 'kms', 'DescribeKey', task('kms'))),
    ]);
    assert.equal(results.filter((r) => r.ok).length, 16);
    assert.equal(peak.get('s3'), 4);
    assert.equal(peak.get('kms'), 4);
  });

  it('never lets a newcomer take a slot handed to a waiting task', async () => {
    const limit = createLimiter(1);
    let active = 0;
    let most = 0;
    const run = (): Promise<void> =>
      limit(async () => {
        active++;
        most = Math.max(most, active);
        await tick();
        active--;
      });
    const first = run();
    const second = run();
    await tick();
    await Promise.all([first, second, run(), run()]);
    assert.equal(most, 1);
    assert.throws(() => createLimiter(0), RangeError);
  });

  it('records a failure with its IAM action, name and message, and an absent value as such', async () => {
    const ctx = createContext({ clients: noClients() });
    const denied = await call(ctx, 's3', 'GetBucketLifecycleConfiguration', () =>
      Promise.reject(named('AccessDenied', 'Access Denied')),
    );
    assert.deepEqual(denied, {
      ok: false,
      action: 's3:GetLifecycleConfiguration',
      code: 'AccessDenied',
      message: 'Access Denied',
    });
    const absent = await call(
      ctx,
      's3',
      'GetBucketLifecycleConfiguration',
      () => Promise.reject(named('NoSuchLifecycleConfiguration', 'none')),
      { codes: ['NoSuchLifecycleConfiguration'], value: [] },
    );
    assert.deepEqual(absent, { ok: true, value: [] });
  });

  it('joins pages, and records a failing page as the failure of the whole call', async () => {
    const ctx = createContext({ clients: noClients() });
    async function* pages(fail: boolean): AsyncGenerator<{ items: number[] }> {
      await tick();
      yield { items: [1, 2] };
      if (fail) throw named('ThrottlingException', 'Rate exceeded');
      yield { items: [3] };
    }
    const joined = await callPages(
      ctx,
      'logs',
      'DescribeMetricFilters',
      () => pages(false),
      (p) => p.items,
    );
    assert.deepEqual(joined, { ok: true, value: [1, 2, 3] });
    const failed = await callPages(
      ctx,
      'logs',
      'DescribeMetricFilters',
      () => pages(true),
      (p) => p.items,
    );
    assert.equal(failed.ok === false && failed.code, 'ThrottlingException');
  });

  it('ends the check on expired or missing credentials, naming the profile to sign in with', async () => {
    const ctx = createContext({ clients: noClients('prod-audit') });
    await assert.rejects(
      call(ctx, 'kms', 'DescribeKey', () =>
        Promise.reject(
          named('TokenProviderError', 'Token is expired. To refresh this SSO session run aws sso login'),
        ),
      ),
      (e: unknown) => e instanceof LiveCheckError && /aws sso login --profile prod-audit/.test(e.message),
    );
    // Once ended, no further call is made.
    let made = false;
    await assert.rejects(
      call(ctx, 'kms', 'GetKeyPolicy', () => {
        made = true;
        return Promise.resolve('{}');
      }),
      LiveCheckError,
    );
    assert.equal(made, false);

    assert.match(
      fatalError(named('ExpiredTokenException', 'expired'), undefined)!.message,
      /--profile default/,
    );
    assert.match(
      fatalError(named('CredentialsProviderError', 'Could not load credentials from any providers'), 'x')!
        .message,
      /no usable AWS credentials for profile "x"/,
    );
    assert.equal(fatalError(named('AccessDenied', 'no'), 'x'), undefined);
  });

  it('keeps keys, tokens and signatures out of messages', () => {
    const text = scrub(
      'The request signature we calculated does not match. AWSAccessKeyId AKIAIOSFODNN7EXAMPLE, X-Amz-Signature=abcdef0123456789abcdef&X-Amz-Security-Token=FwoGZXIvYXdzEJr',
    );
    assert.doesNotMatch(text, /AKIAIOSFODNN7EXAMPLE|abcdef0123456789abcdef|FwoGZXIvYXdzEJr/);
    assert.match(text, /does not match/);
  });

  it('tells a region that is not enabled from one that denies', () => {
    assert.equal(
      regionNotEnabled(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      ),
      true,
    );
    assert.equal(regionNotEnabled('InvalidClientTokenId', ''), true);
    assert.equal(
      regionNotEnabled(
        'AccessDeniedException',
        'User is not authorized to perform cloudtrail:DescribeTrails',
      ),
      false,
    );
  });
});

describe('live IAM policy filter', () => {
  it('decodes URL-encoded documents, and leaves plain ones as they are', () => {
    const doc = '{"Statement":[{"Effect":"Allow","Action":"cloudtrail:StopLogging","Resource":"*"}]}';
    assert.equal(decodeDocument(encodeURIComponent(doc)), doc);
    assert.equal(decodeDocument(doc), doc);
    assert.equal(decodeDocument('{"Sid":"100% sure"}'), '{"Sid":"100% sure"}');
  });

  it('keeps documents whose actions can include a CloudTrail action', () => {
    const doc = (statement: object | object[]): string =>
      JSON.stringify({ Version: '2012-10-17', Statement: statement });
    assert.equal(coversCloudTrail(doc({ Effect: 'Allow', Action: '*', Resource: '*' })), true);
    assert.equal(
      coversCloudTrail(doc([{ Effect: 'Allow', Action: ['s3:Get*', 'CloudTrail:Describe*'] }])),
      true,
    );
    assert.equal(coversCloudTrail(doc({ Effect: 'Allow', Action: 'cloud*:Delete*' })), true);
    assert.equal(coversCloudTrail(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })), true);
    assert.equal(coversCloudTrail(doc({ Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*'] })), false);
    assert.equal(coversCloudTrail(doc({ Effect: 'Allow', Action: 'logs:*' })), false);
    assert.equal(coversCloudTrail('not json but cloudtrail:StopLogging'), true);
  });
});
