// The one list of AWS API operations the live check may call, all read-only, with the IAM action each
// needs, and the middleware that enforces the list: every SDK client the live check builds carries it, so
// a command not listed here (a DeleteTrail, a PutBucketPolicy) is refused before anything is signed or sent.
// The list is also what the documentation's least-privilege policy is made from (REQUIRED_ACTIONS).
import type { HandlerExecutionContext, InitializeMiddleware, MiddlewareStack } from '@smithy/types';

/** The SDK clients the live check uses, by the short name `Clients` gives them. */
export const SERVICES = ['cloudtrail', 's3', 's3control', 'kms', 'iam', 'logs', 'cloudwatch', 'sts'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * Per service: SDK operation name (the command's name without `Command`) → the IAM action it needs. The
 * names differ where S3's API and IAM disagree (GetPublicAccessBlock is s3:GetBucketPublicAccessBlock on
 * a bucket and s3:GetAccountPublicAccessBlock through S3 Control).
 */
export const OPERATIONS: { readonly [S in Service]: Readonly<Record<string, string>> } = {
  cloudtrail: {
    DescribeTrails: 'cloudtrail:DescribeTrails',
    GetTrailStatus: 'cloudtrail:GetTrailStatus',
    GetEventSelectors: 'cloudtrail:GetEventSelectors',
    GetInsightSelectors: 'cloudtrail:GetInsightSelectors',
    ListEventDataStores: 'cloudtrail:ListEventDataStores',
    // ListEventDataStores does not return the key: only GetEventDataStore does.
    GetEventDataStore: 'cloudtrail:GetEventDataStore',
  },
  s3: {
    GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
    GetBucketPolicy: 's3:GetBucketPolicy',
    GetBucketPolicyStatus: 's3:GetBucketPolicyStatus',
    GetBucketAcl: 's3:GetBucketAcl',
    GetBucketLogging: 's3:GetBucketLogging',
    GetBucketVersioning: 's3:GetBucketVersioning',
    GetObjectLockConfiguration: 's3:GetBucketObjectLockConfiguration',
    GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
    GetBucketLocation: 's3:GetBucketLocation',
  },
  s3control: {
    GetPublicAccessBlock: 's3:GetAccountPublicAccessBlock',
  },
  kms: {
    DescribeKey: 'kms:DescribeKey',
    GetKeyRotationStatus: 'kms:GetKeyRotationStatus',
    GetKeyPolicy: 'kms:GetKeyPolicy',
  },
  iam: {
    ListEntitiesForPolicy: 'iam:ListEntitiesForPolicy',
    GetAccountAuthorizationDetails: 'iam:GetAccountAuthorizationDetails',
  },
  logs: {
    DescribeLogGroups: 'logs:DescribeLogGroups',
    DescribeMetricFilters: 'logs:DescribeMetricFilters',
  },
  cloudwatch: {
    DescribeAlarms: 'cloudwatch:DescribeAlarms',
  },
  sts: {
    // Needs no permission (it cannot be denied), but it is a call like the others.
    GetCallerIdentity: 'sts:GetCallerIdentity',
  },
};

/** Every IAM action the live check can use, sorted: the least-privilege policy a user can grant. */
export const REQUIRED_ACTIONS: readonly string[] = [
  ...new Set(SERVICES.flatMap((s) => Object.values(OPERATIONS[s]))),
].sort();

/** `GetBucketVersioningCommand` or `GetBucketVersioning` → `GetBucketVersioning`. */
function operationName(commandName: string): string {
  return commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
}

export function isAllowed(service: Service, commandName: string): boolean {
  return Object.hasOwn(OPERATIONS[service], operationName(commandName));
}

/** The IAM action a listed command needs (`s3:GetBucketVersioning`); throws for a command not listed. */
export function iamAction(service: Service, commandName: string): string {
  const operation = operationName(commandName);
  if (!Object.hasOwn(OPERATIONS[service], operation)) throw new ReadOnlyViolationError(service, commandName);
  return OPERATIONS[service][operation]!;
}

/** A command outside the list: a bug in trail-lint, never something to report as a finding. */
export class ReadOnlyViolationError extends Error {
  override readonly name = 'ReadOnlyViolationError';

  constructor(
    readonly service: Service,
    readonly commandName: string,
  ) {
    super(
      `trail-lint's live check refused to send ${service} ${commandName}: it only makes the read-only calls listed in operations.ts`,
    );
  }
}

export const READ_ONLY_MIDDLEWARE_NAME = 'trailLintReadOnly';

/**
 * A middleware for the `initialize` step, the first one a command goes through: it throws for any command
 * not listed for `service`, so nothing is serialized, signed or sent. A command without a name (never seen
 * in the SDK) is refused too: what cannot be named cannot be checked.
 */
export function readOnlyMiddleware<I extends object, O extends object>(
  service: Service,
): InitializeMiddleware<I, O> {
  return (next, context: HandlerExecutionContext) => (args) => {
    const commandName = context.commandName ?? '(unnamed command)';
    // A rejected promise, not a throw: send() callers then see the refusal like any failed call.
    if (!isAllowed(service, commandName))
      return Promise.reject(new ReadOnlyViolationError(service, commandName));
    return next(args);
  };
}

/** Adds the read-only guard to a client (idempotent: the named middleware replaces an earlier copy). */
export function guardReadOnly<I extends object, O extends object>(
  client: { middlewareStack: MiddlewareStack<I, O> },
  service: Service,
): void {
  client.middlewareStack.add(readOnlyMiddleware<I, O>(service), {
    step: 'initialize',
    name: READ_ONLY_MIDDLEWARE_NAME,
    priority: 'high',
    override: true,
  });
}
