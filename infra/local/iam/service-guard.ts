/**
 * The front door of every local stand-in of an AWS service (DynamoDB, SQS, EventBridge, KMS, Lambda, S3):
 * who signed the request (SigV4 with the caller's own access key: each function's execution
 * role gets one, as Lambda hands a role's credentials to its function), whether its role may
 * make the call (IAM, from the synthesized policies), and whether a test asked for the call to
 * be throttled. Answers use the codes AWS uses.
 */
import { randomBytes } from 'node:crypto';
import { type SignedRequest, type SigningCredential, verifySigV4 } from '../sigv4-verifier.ts';
import type { AuthorizationCheck, IamAuthorizer, IamPrincipal } from './iam-authorizer.ts';

/** The services the local runtime stands in for, by their SigV4 signing names. */
export type LocalService = 'dynamodb' | 'sqs' | 'events' | 'kms' | 'lambda' | 's3';

/** A principal's access key pair, as Lambda puts a role's session credentials in its function's environment. */
export interface PrincipalCredential extends SigningCredential {
  readonly sessionToken: string;
  readonly principal: IamPrincipal;
}

/** Why a call was refused, in the service's own words. */
export interface ServiceRefusal {
  readonly ok: false;
  /** HTTP status (400 for the JSON protocols' client errors). */
  readonly status: number;
  /** The error code (`AccessDeniedException`, `UnrecognizedClientException`, `ThrottlingException`...). */
  readonly code: string;
  readonly message: string;
  /** The IAM check that was refused, for a service that words a refused key use its own way. */
  readonly check?: AuthorizationCheck;
}

export type GuardVerdict = { readonly ok: true; readonly principal: IamPrincipal } | ServiceRefusal;

/**
 * A fault a test injects: after letting `after` matching calls through, the next `times` are
 * answered with `code`, or, with `crash`, the calling function's sandbox dies on the call (as a
 * function killed for its memory or by its host does) and the call is never answered.
 */
export interface InjectedFault {
  readonly service: LocalService;
  /** The operation (`TransactWriteItems`, `SendMessage`...); every operation when omitted. */
  readonly operation?: string;
  /** The caller (topology function name or `operator`); every caller when omitted. */
  readonly principal?: string;
  /**
   * e.g. `ProvisionedThroughputExceededException`, `ThrottlingException`, `RequestLimitExceeded`,
   * `TransactionCanceledException` (DynamoDB: a transaction cancelled for throughput, every item's
   * reason `ThrottlingError`), `RequestThrottled` (SQS), `ServiceUnavailable` (503),
   * `InternalServerError` (500).
   */
  readonly code: string;
  readonly times: number;
  /** Matching calls let through before the fault applies (default 0): a failure mid-batch. */
  readonly after?: number;
  /** The caller's sandbox dies instead of the call being answered with `code`. */
  readonly crash?: boolean;
}

/** What a call met: an answer with an error code, or the death of its caller's sandbox. */
export type FaultEffect = { readonly code: string; readonly crash: boolean };

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const accessKeyId = (): string => `ASIA${Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('')}`;

/** Fresh credentials for each principal (they live as long as the runtime, like a role session). */
export function issueCredentials(principals: readonly IamPrincipal[]): PrincipalCredential[] {
  return principals.map((principal) => ({
    accessKeyId: accessKeyId(),
    secretAccessKey: randomBytes(30).toString('base64url'),
    sessionToken: randomBytes(48).toString('base64url'),
    principal,
  }));
}

/** Throttles (or other faults) injected by tests, consumed as calls match. */
export class FaultInjector {
  readonly #faults: { fault: InjectedFault; passing: number; left: number }[] = [];

  inject(fault: InjectedFault): void {
    this.#faults.push({ fault, passing: fault.after ?? 0, left: fault.times });
  }

  /** Consumes a matching fault for this call, if any (or one of the calls it lets through first). */
  take(service: LocalService, operation: string, principal: string): FaultEffect | undefined {
    const entry = this.#faults.find(
      ({ fault, left }) =>
        left > 0 &&
        fault.service === service &&
        (fault.operation === undefined || fault.operation === operation) &&
        (fault.principal === undefined || fault.principal === principal),
    );
    if (!entry) return undefined;
    if (entry.passing > 0) {
      entry.passing -= 1;
      return undefined;
    }
    entry.left -= 1;
    return { code: entry.fault.code, crash: entry.fault.crash ?? false };
  }

  /** How many injected faults have not been answered yet (0: every injected fault hit a call). */
  remaining(): number {
    return this.#faults.reduce((sum, { left }) => sum + left, 0);
  }

  clear(): void {
    this.#faults.length = 0;
  }
}

/** The HTTP status AWS answers an injected code with: 5xx for the services' own failures, 400 for throttling. */
export function faultStatus(code: string): number {
  if (code === 'ServiceUnavailable' || code === 'ServiceUnavailableException') return 503;
  if (/^(InternalServerError|InternalFailure|InternalError|InternalException|KMSInternalException)$/.test(code)) return 500;
  return 400;
}

const throttlingMessages: Record<string, string> = {
  ProvisionedThroughputExceededException:
    'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  ThrottlingException: 'Rate exceeded',
  RequestLimitExceeded:
    'Throughput exceeds the current throughput limit for your account. Please contact AWS Support at https://aws.amazon.com/support request a limit increase',
  TransactionCanceledException: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError]',
  RequestThrottled: 'Request is throttled.',
  ServiceUnavailable: 'The service is currently unavailable or busy.',
  InternalServerError: 'Internal server error',
};

export interface ServiceGuardOptions {
  readonly region: string;
  readonly credentials: readonly PrincipalCredential[];
  readonly authorizer: IamAuthorizer;
  readonly faults: FaultInjector;
  /** Ends the sandbox of the named caller (an injected crash). */
  readonly onCrash?: (principal: string) => void;
  /** Each admitted request, with the caller's name and its payload (the bench's usage meter). */
  readonly onAdmitted?: (service: LocalService, operation: string, caller: string, body: Uint8Array) => void;
}

/** Identifies, authorizes and (when asked) throttles calls to the stand-in services. */
export class ServiceGuard {
  readonly #options: ServiceGuardOptions;
  readonly #byAccessKey: ReadonlyMap<string, PrincipalCredential>;

  constructor(options: ServiceGuardOptions) {
    this.#options = options;
    this.#byAccessKey = new Map(options.credentials.map((credential) => [credential.accessKeyId, credential]));
  }

  get authorizer(): IamAuthorizer {
    return this.#options.authorizer;
  }

  get faults(): FaultInjector {
    return this.#options.faults;
  }

  /**
   * Verifies who signed a request; then, if a fault is injected for the call, answers it; then
   * authorizes the checks the call needs (computed by the service from the parsed request).
   */
  async admit(
    request: SignedRequest,
    service: LocalService,
    operation: string,
    checks: (principal: IamPrincipal) => readonly AuthorizationCheck[],
  ): Promise<GuardVerdict> {
    const caller = await this.identify(request, service);
    if (!caller.ok) return caller;
    const fault = this.#options.faults.take(service, operation, caller.principal.name);
    if (fault?.crash) this.#options.onCrash?.(caller.principal.name);
    if (fault !== undefined) return { ok: false, status: faultStatus(fault.code), code: fault.code, message: throttlingMessages[fault.code] ?? fault.code };
    const decision = await this.#options.authorizer.authorize(caller.principal, checks(caller.principal));
    if (!decision.allowed) return { ok: false, status: 400, code: 'AccessDeniedException', message: decision.message, check: decision.check };
    this.#options.onAdmitted?.(service, operation, caller.principal.name, request.body);
    return caller;
  }

  /** Only who signed: for a service that authorizes in steps of its own (KMS after reading the ciphertext). */
  async identify(request: SignedRequest, service: LocalService): Promise<GuardVerdict> {
    const verdict = await verifySigV4(request, {
      region: this.#options.region,
      service,
      lookup: (key) => this.#byAccessKey.get(key),
      // The SDK re-signs every attempt; a request older than 5 minutes is a replay.
      maxClockSkewSeconds: 300,
      s3: service === 's3',
    });
    if (!verdict.ok) {
      const code =
        verdict.reason === 'unknownAccessKey'
          ? 'UnrecognizedClientException'
          : verdict.reason === 'missingAuthentication'
            ? 'MissingAuthenticationTokenException'
            : 'InvalidSignatureException';
      return { ok: false, status: verdict.reason === 'missingAuthentication' ? 403 : 400, code, message: verdict.message };
    }
    return { ok: true, principal: verdict.credential.principal };
  }
}
