// A loopback HTTP server between the live check and moto that injects the faults AWS can answer with: it
// forwards every request to moto unless the test's plan says otherwise for that call, and then answers as the
// service would, in the service's own protocol (JSON with `__type`, the query protocol's XML, S3's REST XML):
// throttling, a denied call, a region that is not enabled, an expired session token, a stall, a body that is
// not a response at all, or a connection cut half-way through a good one. It recognizes a call by what the SDK
// sends: the signing scope of the Authorization header (service, region), then X-Amz-Target, the query
// protocol's Action, or S3's sub-resource.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Protocol = 'json' | 'query' | 'rest-xml';

export interface AwsCall {
  /** The signing name (`cloudtrail`, `s3`, `monitoring`…), `s3control` for S3 Control. */
  service: string;
  /** The SDK's command name without `Command` (`DescribeTrails`, `GetBucketVersioning`…). */
  operation: string;
  region: string;
  protocol: Protocol;
}

export type Fault =
  | 'throttle'
  | 'deny'
  | 'not-enabled'
  | 'expired'
  | 'stall'
  | 'garbage'
  /** Moto's answer, its body cut in half but complete as far as HTTP can tell (Content-Length says so). */
  | 'truncate'
  /** Moto's answer, the connection dropped half-way through its body. */
  | 'cut';

/** The fault for a call, given how many calls to its service came before it (0 for the first). */
export type FaultPlan = (call: AwsCall, before: number) => Fault | undefined;

export interface FaultStub {
  endpoint: string;
  /** Every call, in arrival order, with its fault; clear it to start counting calls again. */
  readonly log: { call: AwsCall; fault: Fault | undefined }[];
  plan: FaultPlan;
  stop(): Promise<void>;
}

/** How long a stalled call is held before the stub answers it (the SDK should have given up long before). */
export const STALL_MS = 30_000;

export async function startFaultStub(
  upstream: string,
  plan: FaultPlan = () => undefined,
): Promise<FaultStub> {
  const stalls = new Set<NodeJS.Timeout>();
  const stub: FaultStub = { endpoint: '', log: [], plan, stop: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call = recognize(req, body.toString('utf8'));
      // Counted in the log, so that clearing the log starts a new run.
      const before = stub.log.filter((l) => l.call.service === call.service).length;
      const fault = stub.plan(call, before);
      stub.log.push({ call, fault });
      if (fault === 'stall') {
        // Held until the client gives up (its request timeout closes the socket) or STALL_MS pass.
        const timer = setTimeout(() => {
          stalls.delete(timer);
          forward(upstream, req, body, res, undefined);
        }, STALL_MS);
        stalls.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          stalls.delete(timer);
        });
      } else if (fault === undefined || fault === 'cut' || fault === 'truncate')
        forward(upstream, req, body, res, fault);
      else answer(res, call, fault);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.stop = () =>
    new Promise<void>((resolve) => {
      for (const t of stalls) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return stub;
}

/** S3 sub-resources the live check reads, by the command that reads them. */
const S3_SUBRESOURCES: Readonly<Record<string, string>> = {
  versioning: 'GetBucketVersioning',
  acl: 'GetBucketAcl',
  policy: 'GetBucketPolicy',
  policyStatus: 'GetBucketPolicyStatus',
  logging: 'GetBucketLogging',
  'object-lock': 'GetObjectLockConfiguration',
  lifecycle: 'GetBucketLifecycleConfiguration',
  location: 'GetBucketLocation',
  publicAccessBlock: 'GetPublicAccessBlock',
};

function recognize(req: http.IncomingMessage, body: string): AwsCall {
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
    req.headers.authorization ?? '',
  );
  const region = scope?.[1] ?? 'unknown';
  const service = scope?.[2] ?? 'unknown';
  const url = new URL(req.url ?? '/', 'http://stub');
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string')
    return { service, region, protocol: 'json', operation: target.split('.').at(-1) ?? target };
  const action = new URLSearchParams(body).get('Action');
  if (action) return { service, region, protocol: 'query', operation: action };
  if (url.pathname.startsWith('/v20180820/'))
    return { service: 's3control', region, protocol: 'rest-xml', operation: 'GetPublicAccessBlock' };
  const sub = [...url.searchParams.keys()].find((k) => S3_SUBRESOURCES[k]);
  return {
    service,
    region,
    protocol: 'rest-xml',
    operation: sub ? (S3_SUBRESOURCES[sub] as string) : `${req.method ?? 'GET'} ${url.pathname}`,
  };
}

/** Per fault: the HTTP status and error code each protocol answers with, and the message. */
const ERRORS: Record<
  Exclude<Fault, 'stall' | 'garbage' | 'cut' | 'truncate'>,
  Record<Protocol, [number, string]> & { message: string }
> = {
  throttle: {
    json: [400, 'ThrottlingException'],
    query: [400, 'Throttling'],
    'rest-xml': [503, 'SlowDown'],
    message: 'Rate exceeded',
  },
  deny: {
    json: [400, 'AccessDeniedException'],
    query: [403, 'AccessDenied'],
    'rest-xml': [403, 'AccessDenied'],
    message: 'User: arn:aws:iam::123456789012:user/auditor is not authorized to perform this action',
  },
  'not-enabled': {
    json: [400, 'UnrecognizedClientException'],
    query: [403, 'InvalidClientTokenId'],
    'rest-xml': [403, 'InvalidAccessKeyId'],
    message: 'The security token included in the request is invalid.',
  },
  expired: {
    json: [400, 'ExpiredTokenException'],
    query: [403, 'ExpiredToken'],
    'rest-xml': [400, 'ExpiredToken'],
    message: 'The security token included in the request is expired',
  },
};

const CONTENT_TYPE: Record<Protocol, string> = {
  json: 'application/x-amz-json-1.1',
  query: 'text/xml',
  'rest-xml': 'application/xml',
};

function answer(
  res: http.ServerResponse,
  call: AwsCall,
  fault: Exclude<Fault, 'stall' | 'cut' | 'truncate'>,
): void {
  if (fault === 'garbage') {
    // A 200 whose body is no response of any protocol (a captive portal, a proxy's error page cut short).
    res.writeHead(200, { 'content-type': CONTENT_TYPE[call.protocol] });
    res.end('\u0000\u0001<<not a response>>{{"');
    return;
  }
  const { message, [call.protocol]: spec } = ERRORS[fault];
  const [status, code] = spec;
  const body =
    call.protocol === 'json'
      ? JSON.stringify({ __type: code, message })
      : call.protocol === 'query'
        ? `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>stub</RequestId></ErrorResponse>`
        : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>stub</RequestId></Error>`;
  const headers: http.OutgoingHttpHeaders = { 'content-type': CONTENT_TYPE[call.protocol] };
  if (call.protocol === 'json') headers['x-amzn-errortype'] = code;
  res.writeHead(status, headers);
  res.end(body);
}

/** Passes the call to moto, and its answer back, whole or as `damage` says. */
function forward(
  upstream: string,
  req: http.IncomingMessage,
  body: Buffer,
  res: http.ServerResponse,
  damage: 'cut' | 'truncate' | undefined,
): void {
  const out = http.request(
    new URL(req.url ?? '/', upstream),
    { method: req.method, headers: { ...req.headers, 'content-length': String(body.length) } },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const full = Buffer.concat(chunks);
        const half = full.subarray(0, Math.floor(full.length / 2));
        const sent = damage === 'truncate' ? half : full;
        const headers = { ...answer.headers, 'content-length': String(sent.length) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 502, headers);
        if (damage === 'cut') res.write(half, () => res.destroy());
        else res.end(sent);
      });
    },
  );
  out.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`stub: moto did not answer: ${error.message}`);
  });
  out.end(body);
}
