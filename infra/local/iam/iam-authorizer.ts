/**
 * IAM authorization for the local runtime's stand-ins of AWS services: every call a function
 * makes is evaluated against the identity policies its role has in the synthesized template,
 * and the resource policy of the resource (key policy, queue policy), with a maintained IAM
 * evaluator (`@cloud-copilot/iam-simulate`) rather than a matcher of our own. A call the role
 * may not make is refused as AWS refuses it (`AccessDeniedException`, AWS's message), and every
 * decision is recorded, so a test can compare what each role holds with what its code uses.
 */
import { createValidatedPolicy, validateIdentityPolicy, validateResourcePolicy } from '@cloud-copilot/iam-policy';
import { runSimulation, runUnsafeSimulation } from '@cloud-copilot/iam-simulate';

/** An IAM policy document as it appears in a template (resolved). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Record<string, unknown>[] | Record<string, unknown>;
}

/** Someone whose calls are authorized: a function's execution role, or an operator. */
export interface IamPrincipal {
  /** The function name (topology) or `operator`; names the principal in records and logs. */
  readonly name: string;
  /** `arn:<partition>:iam::<account>:role/<role name>` */
  readonly roleArn: string;
  /** `arn:<partition>:sts::<account>:assumed-role/<role name>/<session>`: the caller AWS names in denials. */
  readonly sessionArn: string;
  readonly identityPolicies: readonly { readonly name: string; readonly document: PolicyDocument }[];
}

/** Values of condition keys: one string, or a list for multivalued keys. */
export type ConditionContext = Readonly<Record<string, string | readonly string[]>>;

/** One authorization request: what a single API call needs to be allowed (a call may need several). */
export interface AuthorizationCheck {
  /** `dynamodb:Query`, `kms:Decrypt`, ... */
  readonly action: string;
  /** The resource's ARN (a table, an index, a queue, a key, a bus). */
  readonly resource: string;
  /** Request-specific condition keys (`dynamodb:LeadingKeys`, `kms:EncryptionContext:<key>`, ...). */
  readonly context?: ConditionContext;
  /** The service making this call on the caller's behalf (SQS using the queue's key), recorded with the decision. */
  readonly via?: string;
}

export type AuthorizationDecision = { readonly allowed: true } | { readonly allowed: false; readonly check: AuthorizationCheck; readonly message: string };

/** One decision as recorded: who, what, on which resource, and whether it was allowed. */
export interface RecordedDecision {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly allowed: boolean;
  /** Set when a service made the call on the principal's behalf (e.g. SQS using the queue's key). */
  readonly via?: string;
}

export interface IamAuthorizerOptions {
  readonly account: string;
  /** The resource-based policy of a resource (a key policy, a queue policy), if it has one. */
  readonly resourcePolicyOf?: (resourceArn: string) => PolicyDocument | undefined;
  /** Called for every denial (the runtime logs it). */
  readonly onDenied?: (principal: IamPrincipal, check: AuthorizationCheck, message: string) => void;
}

/** A policy the evaluator refuses to read: the deployment would not accept it either. */
export class InvalidPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPolicyError';
  }
}

/** A request the evaluator does not know (an unknown action, an ARN that is not of the action's resource type). */
export class UnknownAuthorizationRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownAuthorizationRequestError';
  }
}

type Evaluation = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

interface PreparedPrincipal {
  readonly principal: IamPrincipal;
  readonly policies: { readonly name: string; readonly policy: unknown }[];
}

const sortedContext = (context: ConditionContext): string =>
  JSON.stringify(
    Object.keys(context)
      .sort()
      .map((key) => [key, context[key]]),
  );

/** Evaluates and records authorization requests; decisions are cached per principal, request and context. */
export class IamAuthorizer {
  readonly #options: IamAuthorizerOptions;
  readonly #principals = new Map<string, PreparedPrincipal>();
  readonly #resourcePolicies = new Map<string, unknown>();
  readonly #decisions = new Map<string, Evaluation>();
  readonly #known = new Map<string, Promise<void>>();
  readonly #recorded: RecordedDecision[] = [];

  constructor(options: IamAuthorizerOptions) {
    this.#options = options;
  }

  /** Reads a principal's identity policies once, refusing any the evaluator finds invalid. */
  #prepare(principal: IamPrincipal): PreparedPrincipal {
    const known = this.#principals.get(principal.sessionArn);
    if (known) return known;
    const policies = principal.identityPolicies.map(({ name, document }) => {
      const validated = createValidatedPolicy(document, validateIdentityPolicy, { name });
      if (validated.errors.length > 0) {
        throw new InvalidPolicyError(`policy ${name} of ${principal.roleArn} is invalid: ${JSON.stringify(validated.errors)}`);
      }
      return { name, policy: document };
    });
    const prepared = { principal, policies };
    this.#principals.set(principal.sessionArn, prepared);
    return prepared;
  }

  #resourcePolicy(resourceArn: string): unknown {
    if (this.#resourcePolicies.has(resourceArn)) return this.#resourcePolicies.get(resourceArn);
    const document = this.#options.resourcePolicyOf?.(resourceArn);
    // No policy yet is not remembered: a key created at run time gets one when it is created.
    if (document === undefined) return undefined;
    const policy = createValidatedPolicy(document, validateResourcePolicy, { name: `policy of ${resourceArn}` });
    if (policy.errors.length > 0) {
      throw new InvalidPolicyError(`resource policy of ${resourceArn} is invalid: ${JSON.stringify(policy.errors)}`);
    }
    this.#resourcePolicies.set(resourceArn, policy);
    return policy;
  }

  /**
   * Checks once per action and resource that the evaluator knows the action and that the ARN is
   * of a resource type the action applies to; a typo in a stand-in service would otherwise be
   * silently denied (or allowed by a wildcard).
   */
  #ensureKnown(check: AuthorizationCheck): Promise<void> {
    const key = `${check.action} ${check.resource}`;
    let known = this.#known.get(key);
    if (!known) {
      known = runSimulation(
        {
          identityPolicies: [],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          request: {
            action: check.action,
            principal: `arn:aws:iam::${this.#options.account}:role/validation`,
            resource: { resource: check.resource, accountId: this.#options.account },
            contextVariables: {},
          },
        },
        {},
      ).then((result) => {
        if (result.resultType === 'error') {
          throw new UnknownAuthorizationRequestError(`${check.action} on ${check.resource}: ${JSON.stringify(result.errors)}`);
        }
      });
      this.#known.set(key, known);
    }
    return known;
  }

  #evaluate(prepared: PreparedPrincipal, check: AuthorizationCheck): Evaluation {
    const context: ConditionContext = {
      'aws:PrincipalArn': prepared.principal.roleArn,
      'aws:PrincipalAccount': this.#options.account,
      'aws:PrincipalType': 'AssumedRole',
      // Every call to AWS goes over TLS (the SDK's default); the local endpoints stand in for that.
      'aws:SecureTransport': 'true',
      ...check.context,
    };
    const key = `${prepared.principal.sessionArn} ${check.action} ${check.resource} ${sortedContext(context)}`;
    const cached = this.#decisions.get(key);
    if (cached) return cached;
    const resourcePolicy = this.#resourcePolicy(check.resource);
    const result = runUnsafeSimulation(
      {
        identityPolicies: prepared.policies,
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
        request: {
          action: check.action,
          principal: prepared.principal.sessionArn,
          resource: { resource: check.resource, accountId: this.#options.account },
          contextVariables: context as Record<string, string | string[]>,
        },
      },
      {},
    ) as unknown as Evaluation;
    this.#decisions.set(key, result);
    return result;
  }

  /** Authorizes the checks of one API call, in order; the first refused check decides. */
  async authorize(principal: IamPrincipal, checks: readonly AuthorizationCheck[]): Promise<AuthorizationDecision> {
    const prepared = this.#prepare(principal);
    for (const check of checks) {
      await this.#ensureKnown(check);
      const evaluation = this.#evaluate(prepared, check);
      const allowed = evaluation === 'Allowed';
      this.#recorded.push({ principal: principal.name, action: check.action, resource: check.resource, allowed, ...(check.via ? { via: check.via } : {}) });
      if (!allowed) {
        const message = denialMessage(principal, check, evaluation, this.#resourcePolicies.get(check.resource) !== undefined);
        this.#options.onDenied?.(principal, check, message);
        return { allowed: false, check, message };
      }
    }
    return { allowed: true };
  }

  /** Every decision so far, in order. */
  decisions(): readonly RecordedDecision[] {
    return this.#recorded;
  }
}

/** What makes a resource policy one IAM cannot read, in words; empty when it is valid. */
export function resourcePolicyProblems(document: PolicyDocument): string[] {
  return createValidatedPolicy(document, validateResourcePolicy, { name: 'resource policy' }).errors.map((error) => JSON.stringify(error));
}

/** AWS's wording of an authorization failure. */
export function denialMessage(principal: IamPrincipal, check: AuthorizationCheck, evaluation: Evaluation, hasResourcePolicy: boolean): string {
  const head = `User: ${principal.sessionArn} is not authorized to perform: ${check.action} on resource: ${check.resource}`;
  if (evaluation === 'ExplicitlyDenied') {
    return `${head} with an explicit deny in ${hasResourcePolicy ? 'a resource-based policy' : 'an identity-based policy'}`;
  }
  return `${head} because no identity-based policy allows the ${check.action} action`;
}
