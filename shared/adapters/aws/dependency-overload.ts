/**
 * How every AWS client of the functions meets overload, in one place:
 *
 * - **Retries.** At most {@link awsRetryPolicy}`.maxAttempts` attempts with capped full-jitter
 *   backoff, so short throttling is absorbed inside the call and persistent throttling surfaces
 *   within a few seconds, well inside a function's timeout (10 s for the API functions; API
 *   Gateway gives up at 29 s). The SDK's default backoff for throttling starts at 1 s and doubles
 *   up to 20 s: eight attempts could take over a minute, and the caller would see a Lambda
 *   timeout (502/504) instead of an honest 503. The SDK's retry quota still applies: once a
 *   container has spent its retry tokens on throttling, further calls fail at once (load shed)
 *   until successes refill them.
 * - **Names.** What still fails after the retries because the service throttled, or failed on its
 *   side, is rethrown as {@link DependencyThrottledError} or {@link DependencyUnavailableError}:
 *   the port's words, which the HTTP edge maps to 503 once. Every other error (a failed
 *   condition, a refused permission, a validation error) passes through unchanged, so adapters
 *   keep turning `ConditionalCheckFailedException` into their own conflicts.
 * - **Throttled transactions.** DynamoDB cancels a throttled `TransactWriteItems` with
 *   `TransactionCanceledException` whose reasons are `ThrottlingError` or
 *   `ProvisionedThroughputExceeded`. The SDK does not retry that exception; marked retryable
 *   here, it is retried like any throttle (a cancelled transaction wrote nothing).
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { DependencyThrottledError, DependencyUnavailableError } from '../../application/dependency-unavailable.ts';

/** The services the functions call, by their signing names. */
export type AwsService = 'dynamodb' | 'sqs' | 'events' | 'kms' | 's3';

/** Attempts per call and the bounds of the backoff between them. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  /** The first retry waits up to twice this (full jitter). */
  readonly baseDelayMs: number;
  /** No wait is longer than this. */
  readonly maxDelayMs: number;
}

/**
 * Eight attempts; waits of at most 0.1, 0.2, 0.4, 0.8, 1, 1, 1 s between them (each a random
 * fraction of that): 4.5 s at worst, 2.25 s on average, before a call gives up.
 */
export const awsRetryPolicy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 1000 };

/**
 * The wait before retry number `retry` (1 for the first): a random fraction of the capped
 * exponential bound ("full jitter"), so clients throttled together do not retry together.
 */
export const retryDelayMs = (retry: number, policy: RetryPolicy = awsRetryPolicy, random: () => number = Math.random): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));

/** Client configuration with the project's retry strategy: `new DynamoDBClient(awsClientConfig())`. */
export const awsClientConfig = (policy: RetryPolicy = awsRetryPolicy, random?: () => number): { retryStrategy: ConfiguredRetryStrategy } => ({
  retryStrategy: new ConfiguredRetryStrategy(policy.maxAttempts, (retry) => retryDelayMs(retry, policy, random)),
});

/** Error codes that mean "too many requests", per service (SQS's KMS throttle included). */
const throttlingCodes: Readonly<Record<AwsService, ReadonlySet<string>>> = {
  dynamodb: new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']),
  sqs: new Set(['RequestThrottled', 'ThrottlingException', 'KmsThrottled', 'KMS.ThrottlingException']),
  events: new Set(['ThrottlingException']),
  kms: new Set(['ThrottlingException']),
  s3: new Set(['SlowDown', 'ThrottlingException']),
};

/** Codes of a failure on the service's side, whatever the HTTP status that carried them. */
const serviceFailureCodes: ReadonlySet<string> = new Set([
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'InternalError',
  'InternalException',
  'KMSInternalException',
  'DependencyTimeoutException',
]);

/** Cancellation reasons of a transaction that DynamoDB refused for throughput. */
const throttledCancellationReasons: ReadonlySet<string> = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

interface AwsErrorShape {
  readonly name?: unknown;
  readonly Code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly CancellationReasons?: readonly { readonly Code?: unknown }[];
  $retryable?: { throttling?: boolean };
}

const shapeOf = (error: unknown): AwsErrorShape | undefined => (error !== null && typeof error === 'object' ? (error as AwsErrorShape) : undefined);

/**
 * Whether a `TransactionCanceledException` was cancelled only for throughput: at least one item
 * throttled and no item refused for another reason (a failed condition stays the adapter's).
 */
export function isThrottledCancellation(error: unknown): boolean {
  const shape = shapeOf(error);
  if (shape?.name !== 'TransactionCanceledException') return false;
  const codes = (shape.CancellationReasons ?? []).map((reason) => String(reason.Code ?? 'None'));
  return codes.some((code) => throttledCancellationReasons.has(code)) && codes.every((code) => code === 'None' || throttledCancellationReasons.has(code));
}

/**
 * The error in the port's words when `error` is the service throttling or failing on its side;
 * undefined for anything else (which then passes through unchanged).
 */
export function dependencyFailureOf(error: unknown, service: AwsService, operation?: string): DependencyUnavailableError | undefined {
  const shape = shapeOf(error);
  if (shape === undefined || error instanceof DependencyUnavailableError) return undefined;
  const names = [shape.name, shape.Code].filter((name): name is string => typeof name === 'string');
  const code = names[0] ?? 'UnknownError';
  const call = { dependency: service, ...(operation === undefined ? {} : { operation }), code };
  if (names.some((name) => throttlingCodes[service].has(name)) || isThrottledCancellation(error)) {
    return new DependencyThrottledError(call, { cause: error });
  }
  const status = Number(shape.$metadata?.httpStatusCode ?? 0);
  if (names.some((name) => serviceFailureCodes.has(name)) || shape.$fault === 'server' || status >= 500) {
    return new DependencyUnavailableError(call, 'failed', { cause: error });
  }
  return undefined;
}

// `any`: the SDK's handler types differ per client and step; this middleware only passes the call on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Next = (args: any) => Promise<any>;
type Middleware = (next: Next, context: { readonly commandName?: string }) => Next;

/** The part of an AWS SDK v3 client this module touches. */
export interface ClientWithMiddleware {
  readonly middlewareStack: {
    add(middleware: Middleware, options: { step: 'initialize'; priority: 'high'; name: string; override: boolean }): void;
    add(middleware: Middleware, options: { step: 'finalizeRequest'; priority: 'low'; name: string; override: boolean }): void;
  };
}

/** `PutItemCommand` → `PutItem`. */
const operationOf = (commandName: string | undefined): string | undefined => commandName?.replace(/Command$/, '');

/**
 * Adds the naming of overload to a client (see the module comment): inside the retry loop,
 * throttled transactions become retryable; outside it, what still failed is named.
 */
export function nameOverloadOf<C extends ClientWithMiddleware>(client: C, service: AwsService): C {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const shape = shapeOf(error);
        if (
          shape &&
          shape.$retryable === undefined &&
          (isThrottledCancellation(error) || dependencyFailureOf(error, service) instanceof DependencyThrottledError)
        ) {
          shape.$retryable = { throttling: true };
        }
        throw error;
      }
    },
    // Below the retry middleware (finalizeRequest, high): it sees the mark on every attempt.
    { step: 'finalizeRequest', priority: 'low', name: 'retryThrottledCalls', override: true },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw dependencyFailureOf(error, service, operationOf(context.commandName)) ?? error;
      }
    },
    { step: 'initialize', priority: 'high', name: 'nameDependencyOverload', override: true },
  );
  return client;
}
