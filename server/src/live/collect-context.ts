// The one way the collection calls AWS: `call` (one call) and `callPages` (a paginated one) take a slot of
// the service's limiter, stop when the check is cancelled or already failed, name the IAM action from
// operations.ts, and turn a failure into a `Fetched` error, except those that end the check (expired
// credentials: collect-errors.ts). Also the ARN helpers every collector needs.
import type { Clients } from './clients';
import { abortReason, errorCode, errorMessage, fatalError } from './collect-errors';
import { createKeyedLimiter, type Limiter } from './limit';
import { iamAction, type Service } from './operations';
import type { Fetched } from './snapshot';

/** At most this many calls per service in flight. */
export const CALLS_PER_SERVICE = 4;
/** A paginated call that goes on longer than this is an emulator or service bug, not an account. */
const MAX_PAGES = 1000;

export interface Context {
  readonly clients: Clients;
  /** The account checked and its partition (`aws`, `aws-cn`, `aws-us-gov`), from sts:GetCallerIdentity. */
  account: string;
  partition: string;
  readonly signal: AbortSignal | undefined;
  readonly progress: (message: string) => void;
  readonly limit: (service: Service) => Limiter;
  /** The first error that ends the check: later calls are not made. */
  fatal: Error | undefined;
}

export function createContext(options: {
  clients: Clients;
  signal?: AbortSignal | undefined;
  onProgress?: ((message: string) => void) | undefined;
}): Context {
  return {
    clients: options.clients,
    account: '',
    partition: 'aws',
    signal: options.signal,
    progress: options.onProgress ?? (() => undefined),
    limit: createKeyedLimiter(CALLS_PER_SERVICE),
    fatal: undefined,
  };
}

/** What every call passes to `send`: cancellation reaches the HTTP request in flight. */
export interface SendOptions {
  abortSignal?: AbortSignal;
}

/** Throws when the check must stop before another call: cancelled, or ended by an earlier error. */
export function checkpoint(ctx: Context): void {
  if (ctx.signal?.aborted) throw abortReason(ctx.signal);
  if (ctx.fatal) throw ctx.fatal;
}

/** A call's failure as a `Fetched` error; rethrows what ends the check. */
function failure(ctx: Context, action: string, error: unknown): Extract<Fetched<never>, { ok: false }> {
  if (ctx.signal?.aborted) throw abortReason(ctx.signal);
  const fatal = fatalError(error, ctx.clients.profile);
  if (fatal) {
    ctx.fatal ??= fatal;
    throw ctx.fatal;
  }
  return { ok: false, action, code: errorCode(error), message: errorMessage(error) };
}

/**
 * One call. `absent` lists error names that mean "there is none" (NoSuchBucketPolicy…) and the value
 * that says so.
 */
export async function call<T>(
  ctx: Context,
  service: Service,
  operation: string,
  run: (options: SendOptions) => Promise<T>,
  absent?: { codes: readonly string[]; value: T },
): Promise<Fetched<T>> {
  const action = iamAction(service, operation);
  checkpoint(ctx);
  try {
    const value = await ctx.limit(service)(() => {
      // Checked again once the slot is ours: the wait may have outlasted the check.
      checkpoint(ctx);
      return run(sendOptions(ctx));
    });
    return { ok: true, value };
  } catch (error) {
    if (absent && absent.codes.includes(errorCode(error))) {
      checkpoint(ctx);
      return { ok: true, value: absent.value };
    }
    return failure(ctx, action, error);
  }
}

/** A paginated call (an SDK paginator), each page a call of its own for the limiter; the items of all pages. */
export async function callPages<P, T>(
  ctx: Context,
  service: Service,
  operation: string,
  paginate: (options: SendOptions) => AsyncIterable<P>,
  items: (page: P) => T[],
  absent?: { codes: readonly string[] },
): Promise<Fetched<T[]>> {
  const action = iamAction(service, operation);
  checkpoint(ctx);
  const out: T[] = [];
  try {
    const pages = paginate(sendOptions(ctx))[Symbol.asyncIterator]();
    for (let n = 0; ; n++) {
      if (n >= MAX_PAGES)
        return { ok: false, action, code: 'TooManyPages', message: `stopped after ${MAX_PAGES} pages` };
      const page = await ctx.limit(service)(() => {
        checkpoint(ctx);
        return pages.next();
      });
      if (page.done) break;
      out.push(...items(page.value));
    }
    return { ok: true, value: out };
  } catch (error) {
    if (absent && absent.codes.includes(errorCode(error))) {
      checkpoint(ctx);
      return { ok: true, value: [] };
    }
    return failure(ctx, action, error);
  }
}

function sendOptions(ctx: Context): SendOptions {
  return ctx.signal ? { abortSignal: ctx.signal } : {};
}

/** A value not read because the resource belongs to another account (the evaluation says so instead). */
export function notInAccount(action: string, arn: string, owner: string | undefined): Fetched<never> {
  return {
    ok: false,
    action,
    code: 'NotInAccount',
    message: `not read: ${arn} belongs to ${owner ? `account ${owner}` : 'another account'}`,
  };
}

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): Arn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** Whether an ARN's account is the one checked; undefined when the ARN names none. */
export function ownedBy(ctx: Context, arn: string): boolean | undefined {
  const account = parseArn(arn)?.account;
  return account ? account === ctx.account : undefined;
}
