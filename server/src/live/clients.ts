// The AWS SDK clients of the live check, made on demand: a service's SDK package is imported the first
// time one of its clients is needed, and one client is kept per (service, region). Every client carries the
// read-only guard (operations.ts), the adaptive retry mode (throttling is retried, slowing down as the
// service asks) and timeouts, so that an unreachable endpoint fails a call instead of hanging the check.
// Credentials come from the SDK's Node chain (environment, profile, SSO, credential_process, IMDS...) and
// are never logged or copied anywhere: the SDK holds them.
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { guardReadOnly } from './operations';

/**
 * What the collection asks for: an SDK client per service and region. Global services (IAM, STS) take the
 * region too, since their endpoint depends on the partition (us-east-1, cn-north-1, us-gov-west-1...).
 * Tests hand in their own (mocked) clients through this interface.
 */
export interface Clients {
  /** The profile credentials come from, for messages (`aws sso login --profile ...`); never a secret. */
  readonly profile: string | undefined;
  cloudtrail(region: string): Promise<CloudTrailClient>;
  s3(region: string): Promise<S3Client>;
  s3control(region: string): Promise<S3ControlClient>;
  kms(region: string): Promise<KMSClient>;
  iam(region: string): Promise<IAMClient>;
  logs(region: string): Promise<CloudWatchLogsClient>;
  cloudwatch(region: string): Promise<CloudWatchClient>;
  sts(region: string): Promise<STSClient>;
}

export interface ClientOptions {
  /** A shared config profile; AWS_PROFILE otherwise (the SDK reads it). */
  profile?: string;
  /** Every call goes to this endpoint (a local emulator); AWS_ENDPOINT_URL does the same, read by the SDK. */
  endpoint?: string;
  /** Credentials to use instead of the SDK's default chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** How long a call may go without an answer, ms; REQUEST_TIMEOUT_ENV, then TIMEOUTS otherwise. */
  requestTimeoutMs?: number;
}

/** The retry policy: adaptive mode adds client-side rate limiting to the backoff when throttled. */
export const RETRY = { retryMode: 'adaptive', maxAttempts: 6 } as const;

/**
 * Options of the SDK's Node HTTP handler: 5 s to connect, 30 s for a request. Without
 * throwOnRequestTimeout the request timeout only logs a warning.
 */
export const TIMEOUTS = {
  connectionTimeout: 5_000,
  requestTimeout: 30_000,
  throwOnRequestTimeout: true,
} as const;

/**
 * Lowers (or raises) the request timeout, in ms: for a link known to be slow, and for tests that stall a call
 * on purpose and must see the timeout fire well within their own (six attempts of 30 s would be 3 minutes).
 */
export const REQUEST_TIMEOUT_ENV = 'TRAIL_LINT_LIVE_REQUEST_TIMEOUT_MS';

/** The request timeout an option or the environment asks for; undefined when neither is a positive integer. */
export function requestTimeoutFrom(option: number | undefined, env: NodeJS.ProcessEnv): number | undefined {
  const ms = option ?? Number(env[REQUEST_TIMEOUT_ENV] ?? NaN);
  return Number.isInteger(ms) && ms > 0 ? ms : undefined;
}

/** The configuration every client of the live check gets. */
export interface BaseConfig {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  retryMode: string;
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean };
  endpoint?: string;
}

export function clientConfig(
  region: string,
  credentials: AwsCredentialIdentityProvider,
  endpoint: string | undefined,
  requestTimeoutMs?: number,
): BaseConfig {
  return {
    region,
    credentials,
    ...RETRY,
    requestHandler: {
      ...TIMEOUTS,
      // A shorter request timeout bounds connecting too.
      ...(requestTimeoutMs !== undefined
        ? {
            requestTimeout: requestTimeoutMs,
            connectionTimeout: Math.min(requestTimeoutMs, TIMEOUTS.connectionTimeout),
          }
        : {}),
    },
    // Only when given: otherwise the SDK's own resolution (AWS_ENDPOINT_URL, the profile's endpoint_url).
    ...(endpoint !== undefined ? { endpoint } : {}),
  };
}

export function createClients(options: ClientOptions = {}): Clients {
  const env = process.env;
  let credentials: Promise<AwsCredentialIdentityProvider> | undefined;
  // One provider for all clients: the chain memoizes what it resolved, so an SSO cache or a
  // credential_process is read once, not once per client.
  const provider = (): Promise<AwsCredentialIdentityProvider> =>
    (credentials ??= options.credentials
      ? Promise.resolve(options.credentials)
      : import('@aws-sdk/credential-providers').then((m) =>
          m.fromNodeProviderChain({ profile: options.profile }),
        ));
  const requestTimeoutMs = requestTimeoutFrom(options.requestTimeoutMs, env);
  const config = async (region: string): Promise<BaseConfig> =>
    clientConfig(region, await provider(), options.endpoint, requestTimeoutMs);
  // An emulator serves buckets by path, and S3 Control at its own address (see s3control below).
  const s3Emulated =
    (options.endpoint ?? env['AWS_ENDPOINT_URL_S3'] ?? env['AWS_ENDPOINT_URL']) !== undefined;
  const s3ControlEndpoint = options.endpoint ?? env['AWS_ENDPOINT_URL_S3_CONTROL'] ?? env['AWS_ENDPOINT_URL'];

  return {
    // An empty AWS_PROFILE names no profile: messages would say `aws sso login --profile ` with nothing after.
    profile: options.profile || env['AWS_PROFILE'] || undefined,
    cloudtrail: perRegion(async (region) => {
      const { CloudTrailClient } = await import('@aws-sdk/client-cloudtrail');
      const client = new CloudTrailClient(await config(region));
      guardReadOnly(client, 'cloudtrail');
      return client;
    }),
    s3: perRegion(async (region) => {
      const { S3Client } = await import('@aws-sdk/client-s3');
      const client = new S3Client({
        ...(await config(region)),
        forcePathStyle: s3Emulated,
        // A bucket in another region than the client's answers with a redirect the SDK then follows.
        followRegionRedirects: true,
      });
      guardReadOnly(client, 's3');
      return client;
    }),
    s3control: perRegion(async (region) => {
      const { S3ControlClient } = await import('@aws-sdk/client-s3-control');
      const client = new S3ControlClient({
        ...(await config(region)),
        // S3 Control's endpoint rules put the account id in front of any endpoint's host
        // (`111122223333.127.0.0.1:5000`, not even a valid URL for an IP address), and host-prefix settings do
        // not reach them: an emulator is called at its own address. The account id also travels in the
        // x-amz-account-id header, which is what emulators read.
        ...(s3ControlEndpoint !== undefined
          ? { endpointProvider: () => ({ url: new URL(s3ControlEndpoint) }) }
          : {}),
      });
      guardReadOnly(client, 's3control');
      return client;
    }),
    kms: perRegion(async (region) => {
      const { KMSClient } = await import('@aws-sdk/client-kms');
      const client = new KMSClient(await config(region));
      guardReadOnly(client, 'kms');
      return client;
    }),
    iam: perRegion(async (region) => {
      const { IAMClient } = await import('@aws-sdk/client-iam');
      const client = new IAMClient(await config(region));
      guardReadOnly(client, 'iam');
      return client;
    }),
    logs: perRegion(async (region) => {
      const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
      const client = new CloudWatchLogsClient(await config(region));
      guardReadOnly(client, 'logs');
      return client;
    }),
    cloudwatch: perRegion(async (region) => {
      const { CloudWatchClient } = await import('@aws-sdk/client-cloudwatch');
      const client = new CloudWatchClient(await config(region));
      guardReadOnly(client, 'cloudwatch');
      return client;
    }),
    sts: perRegion(async (region) => {
      const { STSClient } = await import('@aws-sdk/client-sts');
      const client = new STSClient(await config(region));
      guardReadOnly(client, 'sts');
      return client;
    }),
  };
}

/** One client per region, made (and its package imported) on first use. */
function perRegion<C>(make: (region: string) => Promise<C>): (region: string) => Promise<C> {
  const made = new Map<string, Promise<C>>();
  return (region) => {
    let client = made.get(region);
    if (!client) {
      client = make(region);
      made.set(region, client);
    }
    return client;
  };
}
