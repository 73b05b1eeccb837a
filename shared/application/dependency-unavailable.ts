/**
 * What a use case hears when a service it depends on (a table, the queue, the event bus, a key)
 * cannot serve it for the time being, after the clients' own retries with backoff. The adapters
 * name the condition in these words (`shared/adapters/aws/dependency-overload.ts`); the HTTP edge
 * answers it once with 503 and `Retry-After`, the queue consumer reports the record as a batch
 * item failure, a sweep leaves the item due for its next tick.
 */

/** Why the dependency could not serve: a rate or throughput limit, or a failure on its side. */
export type UnavailableCondition = 'throttled' | 'failed';

/** Where the failed call went, for the logs: the service, the operation and the service's own error code. */
export interface DependencyCall {
  /** The service's signing name: `dynamodb`, `sqs`, `events`, `kms`. */
  readonly dependency: string;
  /** The operation, e.g. `TransactWriteItems`, when known. */
  readonly operation?: string;
  /** The service's error code, e.g. `ProvisionedThroughputExceededException`. */
  readonly code: string;
}

/**
 * A dependency could not serve a call for now (throttled, or a 5xx on its side). The rule broken
 * is the dependency's capacity, not the caller's: the same request may be sent again after a
 * short wait. What the use case wrote before the call stays written; every use case on a retried
 * path is idempotent for exactly this reason.
 */
export class DependencyUnavailableError extends Error {
  readonly dependency: string;
  readonly operation: string | undefined;
  readonly code: string;

  constructor(
    call: DependencyCall,
    readonly condition: UnavailableCondition = 'failed',
    options?: ErrorOptions,
  ) {
    super(`${call.dependency}${call.operation ? ` ${call.operation}` : ''} ${condition === 'throttled' ? 'throttled' : 'unavailable'}: ${call.code}`, options);
    this.name = 'DependencyUnavailableError';
    this.dependency = call.dependency;
    this.operation = call.operation;
    this.code = call.code;
  }
}

/** The dependency refused the call for a rate or throughput limit, and kept refusing through the retries. */
export class DependencyThrottledError extends DependencyUnavailableError {
  constructor(call: DependencyCall, options?: ErrorOptions) {
    super(call, 'throttled', options);
    this.name = 'DependencyThrottledError';
  }
}
