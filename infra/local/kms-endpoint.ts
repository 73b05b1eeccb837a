/**
 * A KMS-compatible HTTP endpoint, so the real `@aws-sdk/client-kms` (and with it the unchanged
 * `KmsPersonalDataProtector`) seals, opens and hashes personal data locally under the keys the
 * stack declares. It speaks the AWS JSON 1.1 protocol KMS uses (`X-Amz-Target:
 * TrentService.<Operation>`) and answers errors with KMS's codes and statuses.
 *
 * Every call is put to an authorization hook as the IAM requests KMS would evaluate (action, key
 * ARN, KMS condition keys), with the raw request so the hook can verify its SigV4 signature; the
 * endpoint itself checks no signature. The order is KMS's: throttling, then parsing and key
 * resolution, then authorization, then the cryptographic work. Listens on 127.0.0.1 only and
 * never logs plaintexts, data keys or encryption-context values.
 */
import { createHmac, randomBytes, randomUUID, sign, timingSafeEqual, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { blobKeyId, type EncryptionContext, openBlob, sealBlob } from './kms-ciphertext-blob.ts';
import {
  aliasArn,
  type KmsKeyRing,
  type LocalKmsKey,
  type LocalKmsKeyDeclaration,
  type LocalKmsKeySpec,
  type LocalKmsKeyUsage,
  openKmsKeyRing,
  type ResolvedKmsKey,
} from './kms-key-ring.ts';
import { isSigningKeySpec, signingAlgorithmsOf } from './kms-signing-keys.ts';

export type { LocalKmsKeyDeclaration, LocalKmsKeySpec } from './kms-key-ring.ts';

/** The KMS operations the local endpoint serves. */
export type KmsOperationName =
  'GenerateDataKey' | 'Encrypt' | 'Decrypt' | 'GenerateMac' | 'VerifyMac' | 'DescribeKey' | KmsKeyLifecycleOperationName | KmsSigningOperationName;

/** The operations of asymmetric signing keys (`SIGN_VERIFY`). */
export type KmsSigningOperationName = 'Sign' | 'Verify' | 'GetPublicKey';

/** The operations of keys made and retired at run time, and of moving a ciphertext from one key to another. */
export type KmsKeyLifecycleOperationName =
  | 'CreateKey'
  | 'CreateAlias'
  | 'ListAliases'
  | 'ListResourceTags'
  | 'TagResource'
  | 'EnableKeyRotation'
  | 'ScheduleKeyDeletion'
  | 'CancelKeyDeletion'
  | 'EnableKey'
  | 'ReEncrypt';

/**
 * The IAM action of an operation; ReEncrypt is authorized as `kms:ReEncryptFrom` on the source key
 * and `kms:ReEncryptTo` on the destination key, and the key policy lockout safety check of a
 * `CreateKey` as the `kms:PutKeyPolicy` the caller could make afterwards.
 */
export type KmsAction = `kms:${Exclude<KmsOperationName, 'ReEncrypt'>}` | 'kms:ReEncryptFrom' | 'kms:ReEncryptTo' | 'kms:PutKeyPolicy';

/** A request as it arrived, for the hook to verify its signature and identify the caller. */
export interface KmsCall {
  /** `GenerateDataKey`, `Decrypt`, ... (from `X-Amz-Target`). */
  readonly operation: string;
  readonly method: string;
  /** Path and query as sent on the wire. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body bytes, as signed. They carry plaintexts and contexts: verify them, never log them. */
  readonly body: Buffer;
}

/**
 * One IAM authorization request: `action` on the key `resource`, with the condition keys KMS
 * puts in the request context. `context` holds `kms:KeySpec`, `kms:KeyUsage`, and when they
 * apply `kms:RequestAlias` (the `alias/<name>` the request named the key by),
 * `kms:EncryptionAlgorithm`, `kms:MacAlgorithm`, `kms:EncryptionContext:<key>` for each pair and
 * `kms:EncryptionContextKeys` (sorted; absent when the context is empty), and `aws:ResourceTag/<key>`
 * for each tag of the key; a `CreateKey` or `TagResource` carries `aws:RequestTag/<key>` and
 * `aws:TagKeys` (sorted), a `CreateKey` also `kms:KeyOrigin`, `kms:MultiRegion` and
 * `kms:BypassPolicyLockoutSafetyCheck`, a `ReEncrypt` `kms:ReEncryptOnSameKey`. Principal keys
 * (`aws:PrincipalArn`, `kms:CallerAccount`) are the hook's to add: it knows the caller.
 */
export interface KmsAuthorizationCheck {
  readonly action: KmsAction;
  /** The key's ARN (for Decrypt, the key named inside the ciphertext). */
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

/** `{ denied }` refuses the call with that message (`AccessDeniedException`); undefined allows it. */
export type KmsAuthorizationVerdict =
  | { readonly denied: string }
  /** Refused before IAM: an unknown key id, a bad signature, an injected throttle — with AWS's code. */
  | { readonly refused: { readonly code: string; readonly message: string; readonly status?: number } }
  | undefined;

/** Decides whether a call may proceed; every check must be allowed. */
export type KmsAuthorizer = (call: KmsCall, checks: readonly KmsAuthorizationCheck[]) => Promise<KmsAuthorizationVerdict>;

/** Properties of {@link startKmsEndpoint}. */
export interface KmsEndpointOptions {
  /** The keys to serve (as the stack declares them). */
  readonly keys: readonly LocalKmsKeyDeclaration[];
  /** Where each key's material is kept (`<keyId>.key`, 32 bytes, mode 0600); reused after a restart. */
  readonly keyDirectory: string;
  /** Asked before any cryptographic work; everything is allowed without it. */
  readonly authorize?: KmsAuthorizer;
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  /**
   * What the endpoint takes as now: key creation dates, deletion dates, and when a key pending
   * deletion is gone. The real clock when omitted; tests pass a movable one.
   */
  readonly clock?: () => Date;
  /** Where `CreateKey` makes keys: `arn:<partition>:kms:<region>:<account>:key/<id>`; the first declared key's when omitted. */
  readonly keyArnPrefix?: string;
  /**
   * Problems of a key policy a `CreateKey` sets (the runtime checks it as IAM would read it); an
   * answer with any is `MalformedPolicyDocumentException`. Only the JSON shape is checked without it.
   */
  readonly keyPolicyProblems?: (policy: Readonly<Record<string, unknown>>) => readonly string[];
}

/** A running KMS endpoint. */
export interface KmsEndpoint {
  /** `http://127.0.0.1:<port>`, for the `endpoint` of a `KMSClient` (or `AWS_ENDPOINT_URL_KMS`). */
  readonly endpoint: string;
  /**
   * Fault injection for tests of overload: the next `count` calls of `operation` (default 1)
   * answer `ThrottlingException` (HTTP 400, as KMS does) before anything else happens — no
   * authorization, no cryptography. Counts add up.
   */
  throttleNext(operation: KmsOperationName, count?: number): void;
  /**
   * The key policy of a key created at run time (or being created: for the lockout safety check),
   * for the authorization hook; undefined for a declared key (its policy is the template's) or an
   * unknown one.
   */
  keyPolicyOf(keyArn: string): Readonly<Record<string, unknown>> | undefined;
  /** Stops listening and overwrites the keys' material in memory. */
  stop(): Promise<void>;
}

type JsonObject = Record<string, unknown>;

/** What a parsed request will do: the checks to pass, then the work. */
interface Plan {
  readonly checks: readonly KmsAuthorizationCheck[];
  readonly dryRun: boolean;
  /**
   * The key policy lockout safety check of a `CreateKey`: whether the caller could change the new
   * key's policy afterwards, checked against that policy; refused as `MalformedPolicyDocumentException`.
   */
  readonly lockoutCheck?: KmsAuthorizationCheck;
  /**
   * The key a `CreateKey` makes, with its policy: the checks on it (tagging it, the lockout
   * safety check) are evaluated against that policy, as KMS evaluates them for the new key.
   */
  readonly creates?: { readonly arn: string; readonly policy: Readonly<Record<string, unknown>> };
  perform(): JsonObject | Promise<JsonObject>;
}

/** What the operations of keys made at run time need of the endpoint. */
interface EndpointContext {
  readonly now: () => Date;
  readonly keyArnPrefix: string | undefined;
  readonly keyPolicyProblems: ((policy: Readonly<Record<string, unknown>>) => readonly string[]) | undefined;
}

type Operation = (input: JsonObject, keys: KmsKeyRing, endpoint: EndpointContext) => Plan;

/** A KMS error: the `__type` code and the HTTP status KMS answers it with. */
class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const maxRequestBytes = 64 * 1024;
const maxKeyIdLength = 2048;
const maxPlaintextBytes = 4096;
const maxCiphertextBytes = 6144;
const maxDataKeyBytes = 1024;
const maxGrantTokens = 10;
const encryptionAlgorithms = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
const macAlgorithms = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
const dataKeySpecs = { AES_128: 16, AES_256: 32 } as const;

/**
 * Serves GenerateDataKey, Encrypt, Decrypt, GenerateMac, VerifyMac and DescribeKey for the
 * declared keys, and Sign, Verify and GetPublicKey for the asymmetric signing keys among them. Refuses to start when a key is misdeclared or its material file is not 32 bytes.
 */
export async function startKmsEndpoint(options: KmsEndpointOptions): Promise<KmsEndpoint> {
  const keys = await openKmsKeyRing(options.keys, options.keyDirectory);
  const pendingPolicies = new Map<string, Readonly<Record<string, unknown>>>();
  const endpointContext: EndpointContext = {
    now: options.clock ?? (() => new Date()),
    keyArnPrefix: options.keyArnPrefix ?? options.keys[0]?.arn.slice(0, options.keys[0].arn.lastIndexOf(':key/') + ':key/'.length),
    keyPolicyProblems: options.keyPolicyProblems,
  };
  const throttled = new Map<KmsOperationName, number>();
  const takeThrottle = (operation: KmsOperationName): boolean => {
    const remaining = throttled.get(operation) ?? 0;
    if (remaining > 0) throttled.set(operation, remaining - 1);
    return remaining > 0;
  };
  const server = createServer((request, response) => {
    void serve(request, response, { keys, authorize: options.authorize, takeThrottle, endpoint: endpointContext, pendingPolicies });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    throttleNext(operation, count = 1) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError('throttleNext needs a whole number of calls');
      throttled.set(operation, (throttled.get(operation) ?? 0) + count);
    },
    keyPolicyOf(keyArn) {
      return pendingPolicies.get(keyArn) ?? keys.resolve(keyArn)?.key.policy;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      keys.forget();
    },
  };
}

interface ServeContext {
  readonly keys: KmsKeyRing;
  readonly authorize: KmsAuthorizer | undefined;
  readonly takeThrottle: (operation: KmsOperationName) => boolean;
  readonly endpoint: EndpointContext;
  /** Policies of keys being created, while their lockout safety check is authorized. */
  readonly pendingPolicies: Map<string, Readonly<Record<string, unknown>>>;
}

async function serve(request: IncomingMessage, response: ServerResponse, context: ServeContext): Promise<void> {
  const requestId = randomUUID();
  try {
    const operation = operationOf(request);
    const body = await readBody(request);
    if (context.takeThrottle(operation)) {
      throw new KmsError('ThrottlingException', 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.');
    }
    // A key whose pending window has passed is gone before anything names it.
    await context.keys.deleteDue(context.endpoint.now());
    const plan = allOperations[operation](jsonObjectOf(body), context.keys, context.endpoint);
    const call: KmsCall = { operation, method: request.method ?? 'POST', url: request.url ?? '/', headers: request.headers, body };
    if (plan.creates !== undefined) context.pendingPolicies.set(plan.creates.arn, plan.creates.policy);
    try {
      const verdict = await context.authorize?.(call, plan.checks);
      if (verdict !== undefined && 'refused' in verdict) throw new KmsError(verdict.refused.code, verdict.refused.message, verdict.refused.status ?? 400);
      if (verdict !== undefined) throw new KmsError('AccessDeniedException', verdict.denied);
      if (plan.lockoutCheck !== undefined) await lockoutSafetyCheck(call, plan.lockoutCheck, context);
    } finally {
      if (plan.creates !== undefined) context.pendingPolicies.delete(plan.creates.arn);
    }
    if (plan.dryRun) throw new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.', 412);
    reply(response, 200, requestId, await plan.perform());
  } catch (error) {
    const kmsError = toKmsError(error);
    reply(response, kmsError.status, requestId, { __type: kmsError.type, message: kmsError.message });
  }
}

// --- Asymmetric signing keys (ECC_NIST_P256, SIGN_VERIFY): Sign, Verify, GetPublicKey.

/** Every signing algorithm KMS names; a key accepts only those of its spec. */
const signingAlgorithms = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256',
  'ECDSA_SHA_384',
  'ECDSA_SHA_512',
  'SM2DSA',
  'ML_DSA_SHAKE_256',
] as const;
const messageTypes = ['RAW', 'DIGEST', 'EXTERNAL_MU'] as const;
const maxSignatureBytes = 6144;

/** What Sign and Verify share: a signing key, an algorithm of its spec and a raw message. */
function signatureRequestOf(input: JsonObject, keys: KmsKeyRing, operation: 'Sign' | 'Verify') {
  const keyId = requiredString(input, 'KeyId', maxKeyIdLength);
  const message = requiredBlob(input, 'Message', maxPlaintextBytes);
  const messageType = optionalEnum(input, 'MessageType', messageTypes) ?? 'RAW';
  const algorithm = optionalEnum(input, 'SigningAlgorithm', signingAlgorithms);
  if (algorithm === undefined) throw invalid('SigningAlgorithm', 'Member must not be null');
  const dryRun = commonOptionsOf(input);
  const named = resolveKey(keys, keyId);
  requireUsage(named.key, 'SIGN_VERIFY', operation);
  const pair = named.key.signing;
  if (pair === undefined || !isSigningKeySpec(named.key.spec) || !signingAlgorithmsOf[named.key.spec].includes(algorithm)) {
    throw new KmsError('InvalidKeyUsageException', `${named.key.arn} key spec is ${named.key.spec}, which does not support ${algorithm}.`);
  }
  // KMS signs a digest the caller computed as well (MessageType DIGEST); node:crypto cannot sign a
  // pre-computed SHA-256 digest with ECDSA, so the local endpoint takes whole messages only.
  if (messageType !== 'RAW')
    throw new KmsError('UnsupportedOperationException', `The local KMS endpoint signs and verifies MessageType RAW only, not ${messageType}.`);
  return {
    key: named.key,
    pair,
    algorithm,
    message,
    dryRun,
    check: check(`kms:${operation}`, named, { 'kms:SigningAlgorithm': algorithm, 'kms:MessageType': messageType }),
  };
}

const signingOperations: Record<KmsSigningOperationName, Operation> = {
  Sign(input, keys) {
    const request = signatureRequestOf(input, keys, 'Sign');
    return {
      checks: [request.check],
      dryRun: request.dryRun,
      perform: () => ({
        KeyId: request.key.arn,
        // DER-encoded ECDSA signature over SHA-256 of the message, as KMS returns it.
        Signature: sign('sha256', request.message, request.pair.privateKey).toString('base64'),
        SigningAlgorithm: request.algorithm,
      }),
    };
  },

  Verify(input, keys) {
    const request = signatureRequestOf(input, keys, 'Verify');
    const signature = requiredBlob(input, 'Signature', maxSignatureBytes);
    return {
      checks: [request.check],
      dryRun: request.dryRun,
      perform() {
        let valid = false;
        try {
          valid = verify('sha256', request.message, request.pair.privateKey, signature);
        } catch {
          valid = false;
        }
        if (!valid) throw new KmsError('KMSInvalidSignatureException', 'The signature does not verify with this key, algorithm and message.');
        return { KeyId: request.key.arn, SignatureValid: true, SigningAlgorithm: request.algorithm };
      },
    };
  },

  GetPublicKey(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    grantTokensOf(input);
    const pair = named.key.signing;
    if (pair === undefined || !isSigningKeySpec(named.key.spec)) {
      throw new KmsError('UnsupportedOperationException', `${named.key.arn} key usage is ${named.key.usage}: it has no public key.`);
    }
    const spec = named.key.spec;
    return {
      checks: [check('kms:GetPublicKey', named, {})],
      dryRun: false,
      perform: () => ({
        KeyId: named.key.arn,
        PublicKey: pair.publicKey.toString('base64'),
        CustomerMasterKeySpec: spec,
        KeySpec: spec,
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: [...signingAlgorithmsOf[spec]],
      }),
    };
  },
};

const operations: Record<Exclude<KmsOperationName, KmsKeyLifecycleOperationName>, Operation> = {
  ...signingOperations,
  GenerateDataKey(input, keys) {
    const keyId = requiredString(input, 'KeyId', maxKeyIdLength);
    const context = encryptionContextOf(input);
    const bytes = dataKeyBytesOf(input);
    const dryRun = commonOptionsOf(input);
    const named = resolveKey(keys, keyId);
    requireUsage(named.key, 'ENCRYPT_DECRYPT', 'GenerateDataKey');
    requireEnabled(named.key);
    return {
      checks: [check('kms:GenerateDataKey', named, { ...encryptionContextConditions(context), 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' })],
      dryRun,
      perform() {
        const plaintext = randomBytes(bytes);
        try {
          const blob = sealBlob(named.key.keyId, named.key.material, plaintext, context);
          return { KeyId: named.key.arn, Plaintext: plaintext.toString('base64'), CiphertextBlob: blob.toString('base64') };
        } finally {
          plaintext.fill(0);
        }
      },
    };
  },

  Encrypt(input, keys) {
    const keyId = requiredString(input, 'KeyId', maxKeyIdLength);
    const plaintext = requiredBlob(input, 'Plaintext', maxPlaintextBytes);
    const context = encryptionContextOf(input);
    const algorithm = optionalEnum(input, 'EncryptionAlgorithm', encryptionAlgorithms) ?? 'SYMMETRIC_DEFAULT';
    const dryRun = commonOptionsOf(input);
    const named = resolveKey(keys, keyId);
    requireUsage(named.key, 'ENCRYPT_DECRYPT', 'Encrypt');
    requireEnabled(named.key);
    requireSymmetricAlgorithm(named.key, algorithm);
    return {
      checks: [check('kms:Encrypt', named, { ...encryptionContextConditions(context), 'kms:EncryptionAlgorithm': algorithm })],
      dryRun,
      perform() {
        try {
          const blob = sealBlob(named.key.keyId, named.key.material, plaintext, context);
          return { KeyId: named.key.arn, CiphertextBlob: blob.toString('base64'), EncryptionAlgorithm: algorithm };
        } finally {
          plaintext.fill(0);
        }
      },
    };
  },

  Decrypt(input, keys) {
    const blob = requiredBlob(input, 'CiphertextBlob', maxCiphertextBytes);
    const requested = optionalString(input, 'KeyId', maxKeyIdLength);
    const context = encryptionContextOf(input);
    const algorithm = optionalEnum(input, 'EncryptionAlgorithm', encryptionAlgorithms) ?? 'SYMMETRIC_DEFAULT';
    const dryRun = commonOptionsOf(input);
    const named = requested === undefined ? undefined : resolveKey(keys, requested);
    const sealedUnder = blobKeyId(blob);
    if (sealedUnder === undefined) throw invalidCiphertext();
    // Like KMS: a KeyId, when given, must name the key inside the ciphertext; that key is the one used and checked.
    if (named !== undefined && named.key.keyId !== sealedUnder) {
      throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify the key that encrypted the ciphertext.');
    }
    const key = keys.byKeyId(sealedUnder);
    if (key === undefined) throw new KmsError('NotFoundException', `Key '${sealedUnder}' that encrypted the ciphertext does not exist`);
    requireUsage(key, 'ENCRYPT_DECRYPT', 'Decrypt');
    requireEnabled(key);
    requireSymmetricAlgorithm(key, algorithm);
    return {
      checks: [check('kms:Decrypt', named ?? { key }, { ...encryptionContextConditions(context), 'kms:EncryptionAlgorithm': algorithm })],
      dryRun,
      perform() {
        const plaintext = openBlob(key.material, blob, context);
        if (plaintext === undefined) throw invalidCiphertext();
        try {
          return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: algorithm };
        } finally {
          plaintext.fill(0);
        }
      },
    };
  },

  GenerateMac(input, keys) {
    const request = macRequestOf(input, keys, 'GenerateMac');
    return {
      checks: [request.check],
      dryRun: request.dryRun,
      perform: () => ({ KeyId: request.key.arn, Mac: request.mac().toString('base64'), MacAlgorithm: request.algorithm }),
    };
  },

  VerifyMac(input, keys) {
    const request = macRequestOf(input, keys, 'VerifyMac');
    const mac = requiredBlob(input, 'Mac', maxCiphertextBytes);
    return {
      checks: [request.check],
      dryRun: request.dryRun,
      perform() {
        const expected = request.mac();
        if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
          throw new KmsError('KMSInvalidMacException', 'The MAC does not verify with this key, algorithm and message.');
        }
        return { KeyId: request.key.arn, MacValid: true, MacAlgorithm: request.algorithm };
      },
    };
  },

  DescribeKey(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    grantTokensOf(input);
    return { checks: [check('kms:DescribeKey', named, {})], dryRun: false, perform: () => ({ KeyMetadata: keyMetadataOf(named.key) }) };
  },
};

/** What GenerateMac and VerifyMac share: an HMAC key, an algorithm it supports and a message. */
function macRequestOf(input: JsonObject, keys: KmsKeyRing, operation: 'GenerateMac' | 'VerifyMac') {
  const keyId = requiredString(input, 'KeyId', maxKeyIdLength);
  const message = requiredBlob(input, 'Message', maxPlaintextBytes);
  const algorithm = optionalEnum(input, 'MacAlgorithm', macAlgorithms);
  if (algorithm === undefined) throw invalid('MacAlgorithm', 'Member must not be null');
  const dryRun = commonOptionsOf(input);
  const named = resolveKey(keys, keyId);
  requireUsage(named.key, 'GENERATE_VERIFY_MAC', operation);
  requireEnabled(named.key);
  // An HMAC_256 key computes HMAC_SHA_256 only.
  if (algorithm !== 'HMAC_SHA_256') {
    throw new KmsError('InvalidKeyUsageException', `${named.key.arn} key spec is ${named.key.spec}, which does not support ${algorithm}.`);
  }
  return {
    key: named.key,
    algorithm,
    dryRun,
    check: check(`kms:${operation}`, named, { 'kms:MacAlgorithm': algorithm }),
    mac: (): Buffer => createHmac('sha256', named.key.material).update(message).digest(),
  };
}

/** The authorization request for one key, with the condition keys every KMS key operation carries. */
function check(action: KmsAction, named: ResolvedKmsKey, conditions: Record<string, string | string[]>): KmsAuthorizationCheck {
  return {
    action,
    resource: named.key.arn,
    context: {
      'kms:KeySpec': named.key.spec,
      'kms:KeyUsage': named.key.usage,
      ...(named.alias === undefined ? {} : { 'kms:RequestAlias': named.alias }),
      ...resourceTagConditions(named.key),
      ...conditions,
    },
  };
}

/** `kms:EncryptionContext:<key>` per pair and `kms:EncryptionContextKeys`, as IAM sees a context. */
export function encryptionContextConditions(context: EncryptionContext): Record<string, string | string[]> {
  const keys = Object.keys(context).sort();
  if (keys.length === 0) return {};
  return {
    ...Object.fromEntries(keys.map((key) => [`kms:EncryptionContext:${key}`, context[key] ?? ''])),
    'kms:EncryptionContextKeys': keys,
  };
}

function keyMetadataOf(key: LocalKmsKey): JsonObject {
  return {
    AWSAccountId: key.account,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: key.createdAt.getTime() / 1000,
    Enabled: key.lifecycle.state === 'Enabled',
    Description: key.lifecycle.description,
    KeyUsage: key.usage,
    KeyState: key.lifecycle.state,
    ...(key.lifecycle.deletionDate === undefined
      ? {}
      : { DeletionDate: Date.parse(key.lifecycle.deletionDate) / 1000, PendingDeletionWindowInDays: key.lifecycle.pendingWindowInDays }),
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.spec,
    KeySpec: key.spec,
    MultiRegion: false,
    ...(key.spec === 'HMAC_256'
      ? { MacAlgorithms: ['HMAC_SHA_256'] }
      : isSigningKeySpec(key.spec)
        ? { SigningAlgorithms: [...signingAlgorithmsOf[key.spec]] }
        : { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }),
  };
}

function resolveKey(keys: KmsKeyRing, identifier: string): ResolvedKmsKey {
  const resolved = keys.resolve(identifier);
  if (resolved !== undefined) return resolved;
  const isAlias = identifier.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:\d*:alias\//.test(identifier);
  throw new KmsError('NotFoundException', isAlias ? `Alias ${identifier} is not found.` : `Key '${identifier}' does not exist`);
}

function requireUsage(key: LocalKmsKey, usage: LocalKmsKeyUsage, operation: KmsOperationName): void {
  if (key.usage !== usage) {
    throw new KmsError('InvalidKeyUsageException', `${key.arn} key usage is ${key.usage} which is not valid for ${operation}.`);
  }
}

function requireSymmetricAlgorithm(key: LocalKmsKey, algorithm: string): void {
  if (algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('InvalidKeyUsageException', `${key.arn} key spec is ${key.spec}, which does not support ${algorithm}.`);
  }
}

function invalidCiphertext(): KmsError {
  // KMS does not say whether the blob, the key or the context is wrong; neither do we.
  return new KmsError('InvalidCiphertextException', 'The ciphertext is invalid or does not match the key and encryption context.');
}

// --- Keys made and retired at run time (CreateKey, aliases, tags, rotation, deletion), and ReEncrypt.

const maxPolicyLength = 32_768;
const maxDescriptionLength = 8192;
const maxTagsPerKey = 50;
const pendingWindow = { min: 7, max: 30, default: 30 } as const;
const createdKeySpecs: Readonly<Record<string, LocalKmsKeyUsage>> = { SYMMETRIC_DEFAULT: 'ENCRYPT_DECRYPT', HMAC_256: 'GENERATE_VERIFY_MAC' };
const aliasNamePattern = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;

type KeyPolicy = Readonly<Record<string, unknown>>;

const keyLifecycleOperations: Record<KmsKeyLifecycleOperationName, Operation> = {
  CreateKey(input, keys, endpoint) {
    for (const member of ['CustomKeyStoreId', 'XksKeyId']) {
      if (input[member] !== undefined && input[member] !== null)
        throw new KmsError('UnsupportedOperationException', `The local KMS endpoint does not support ${member}.`);
    }
    const policyText = optionalString(input, 'Policy', maxPolicyLength);
    const description = optionalText(input, 'Description', maxDescriptionLength) ?? '';
    const keySpec = optionalString(input, 'KeySpec', 64) ?? optionalString(input, 'CustomerMasterKeySpec', 64) ?? 'SYMMETRIC_DEFAULT';
    const usage = createdKeySpecs[keySpec];
    if (usage === undefined)
      throw new KmsError('UnsupportedOperationException', `The local KMS endpoint creates SYMMETRIC_DEFAULT and HMAC_256 keys only, not ${keySpec}.`);
    const keyUsage = optionalString(input, 'KeyUsage', 64) ?? usage;
    if (keyUsage !== usage) throw new KmsError('ValidationException', `KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}.`);
    const origin = optionalString(input, 'Origin', 64) ?? 'AWS_KMS';
    if (origin !== 'AWS_KMS') throw new KmsError('UnsupportedOperationException', `The local KMS endpoint creates keys of origin AWS_KMS only, not ${origin}.`);
    if (optionalBoolean(input, 'MultiRegion') === true)
      throw new KmsError('UnsupportedOperationException', 'The local KMS endpoint does not create multi-Region keys.');
    const bypass = optionalBoolean(input, 'BypassPolicyLockoutSafetyCheck') ?? false;
    const tags = tagsOf(input, true);
    if (endpoint.keyArnPrefix === undefined) throw new KmsError('UnsupportedOperationException', 'The local KMS endpoint has no account to create keys in.');
    const keyId = randomUUID();
    const arn = `${endpoint.keyArnPrefix}${keyId}`;
    const policy = policyText === undefined ? defaultKeyPolicy(arn) : keyPolicyOf(policyText, endpoint);
    const created = { 'kms:KeySpec': keySpec, 'kms:KeyUsage': keyUsage, ...requestTagConditions(tags) };
    return {
      checks: [
        {
          action: 'kms:CreateKey',
          resource: '*',
          context: { ...created, 'kms:KeyOrigin': origin, 'kms:MultiRegion': 'false', 'kms:BypassPolicyLockoutSafetyCheck': String(bypass) },
        },
        // Tags on a new key need kms:TagResource in an IAM policy not limited to particular keys.
        ...(Object.keys(tags).length === 0 ? [] : [{ action: 'kms:TagResource' as const, resource: arn, context: created }]),
      ],
      dryRun: false,
      creates: { arn, policy },
      ...(bypass ? {} : { lockoutCheck: { action: 'kms:PutKeyPolicy' as const, resource: arn, context: { ...resourceTagsOf(tags) } } }),
      async perform() {
        const key = await keys.create({ keyId, arn, spec: keySpec as LocalKmsKeySpec, description, policy, tags, createdAt: endpoint.now() });
        return { KeyMetadata: keyMetadataOf(key) };
      },
    };
  },

  CreateAlias(input, keys) {
    const alias = requiredString(input, 'AliasName', 256);
    if (!aliasNamePattern.test(alias) || alias.startsWith('alias/aws/')) {
      throw invalid('AliasName', 'Member must be alias/<name> of letters, digits, /, _ and -, not under alias/aws/');
    }
    const target = requiredString(input, 'TargetKeyId', maxKeyIdLength);
    const named = resolveKey(keys, target);
    if (named.alias !== undefined) throw invalid('TargetKeyId', 'Member must be a key id or key ARN, not an alias');
    if (keys.resolve(alias) !== undefined)
      throw new KmsError('AlreadyExistsException', `An alias with the name ${aliasArn(named.key.arn, alias)} already exists`);
    requireNotPendingDeletion(named.key);
    return {
      checks: [{ action: 'kms:CreateAlias', resource: aliasArn(named.key.arn, alias), context: {} }, check('kms:CreateAlias', named, {})],
      dryRun: false,
      async perform() {
        await keys.addAlias(alias, named.key);
        return {};
      },
    };
  },

  ListAliases(input, keys) {
    const filter = optionalString(input, 'KeyId', maxKeyIdLength);
    const limit = optionalInteger(input, 'Limit', 1, 100) ?? 50;
    const start = markerOf(input);
    const only = filter === undefined ? undefined : resolveKey(keys, filter).key.keyId;
    const all = keys.aliases().filter(({ key }) => only === undefined || key.keyId === only);
    const page = all.slice(start, start + limit);
    const truncated = start + limit < all.length;
    return {
      checks: [{ action: 'kms:ListAliases', resource: '*', context: {} }],
      dryRun: false,
      perform: () => ({
        Aliases: page.map(({ alias, key }) => ({ AliasName: alias, AliasArn: aliasArn(key.arn, alias), TargetKeyId: key.keyId })),
        Truncated: truncated,
        ...(truncated ? { NextMarker: String(start + limit) } : {}),
      }),
    };
  },

  ListResourceTags(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    const limit = optionalInteger(input, 'Limit', 1, 50) ?? 50;
    const start = markerOf(input);
    const all = Object.entries(named.key.lifecycle.tags).sort(([a], [b]) => a.localeCompare(b));
    const truncated = start + limit < all.length;
    return {
      checks: [check('kms:ListResourceTags', named, {})],
      dryRun: false,
      perform: () => ({
        Tags: all.slice(start, start + limit).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
        Truncated: truncated,
        ...(truncated ? { NextMarker: String(start + limit) } : {}),
      }),
    };
  },

  TagResource(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    const tags = tagsOf(input, false);
    const merged = { ...named.key.lifecycle.tags, ...tags };
    if (Object.keys(merged).length > maxTagsPerKey) throw new KmsError('TagException', `A key has at most ${maxTagsPerKey} tags.`);
    return {
      checks: [check('kms:TagResource', named, requestTagConditions(tags))],
      dryRun: false,
      async perform() {
        await keys.update(named.key, { tags: merged });
        return {};
      },
    };
  },

  EnableKeyRotation(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    optionalInteger(input, 'RotationPeriodInDays', 90, 2560);
    if (named.key.spec !== 'SYMMETRIC_DEFAULT')
      throw new KmsError(
        'UnsupportedOperationException',
        `${named.key.arn} key spec is ${named.key.spec}; automatic rotation is for symmetric encryption keys.`,
      );
    requireEnabled(named.key);
    return {
      checks: [check('kms:EnableKeyRotation', named, {})],
      dryRun: false,
      async perform() {
        await keys.update(named.key, { rotation: true });
        return {};
      },
    };
  },

  ScheduleKeyDeletion(input, keys, endpoint) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    const days = optionalInteger(input, 'PendingWindowInDays', pendingWindow.min, pendingWindow.max) ?? pendingWindow.default;
    requireNotPendingDeletion(named.key);
    return {
      checks: [check('kms:ScheduleKeyDeletion', named, {})],
      dryRun: false,
      async perform() {
        const deletionDate = new Date(endpoint.now().getTime() + days * 86_400_000);
        await keys.update(named.key, { state: 'PendingDeletion', deletionDate: deletionDate.toISOString(), pendingWindowInDays: days });
        return { KeyId: named.key.arn, DeletionDate: deletionDate.getTime() / 1000, KeyState: 'PendingDeletion', PendingWindowInDays: days };
      },
    };
  },

  CancelKeyDeletion(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    if (named.key.lifecycle.state !== 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${named.key.arn} is not pending deletion.`);
    return {
      checks: [check('kms:CancelKeyDeletion', named, {})],
      dryRun: false,
      async perform() {
        // As KMS: a key whose deletion is cancelled is disabled until enabled again.
        await keys.update(named.key, { state: 'Disabled' });
        return { KeyId: named.key.arn };
      },
    };
  },

  EnableKey(input, keys) {
    const named = resolveKey(keys, requiredString(input, 'KeyId', maxKeyIdLength));
    requireNotPendingDeletion(named.key);
    return {
      checks: [check('kms:EnableKey', named, {})],
      dryRun: false,
      async perform() {
        await keys.update(named.key, { state: 'Enabled' });
        return {};
      },
    };
  },

  ReEncrypt(input, keys) {
    const blob = requiredBlob(input, 'CiphertextBlob', maxCiphertextBytes);
    const sourceContext = encryptionContextOf(input, 'SourceEncryptionContext');
    const requestedSource = optionalString(input, 'SourceKeyId', maxKeyIdLength);
    const destinationId = requiredString(input, 'DestinationKeyId', maxKeyIdLength);
    const destinationContext = encryptionContextOf(input, 'DestinationEncryptionContext');
    const sourceAlgorithm = optionalEnum(input, 'SourceEncryptionAlgorithm', encryptionAlgorithms) ?? 'SYMMETRIC_DEFAULT';
    const destinationAlgorithm = optionalEnum(input, 'DestinationEncryptionAlgorithm', encryptionAlgorithms) ?? 'SYMMETRIC_DEFAULT';
    const dryRun = commonOptionsOf(input);
    const sealedUnder = blobKeyId(blob);
    if (sealedUnder === undefined) throw invalidCiphertext();
    const named = requestedSource === undefined ? undefined : resolveKey(keys, requestedSource);
    if (named !== undefined && named.key.keyId !== sealedUnder) {
      throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify the key that encrypted the ciphertext.');
    }
    const sourceKey = keys.byKeyId(sealedUnder);
    if (sourceKey === undefined) throw new KmsError('NotFoundException', `Key '${sealedUnder}' that encrypted the ciphertext does not exist`);
    const destination = resolveKey(keys, destinationId);
    for (const key of [sourceKey, destination.key]) {
      requireUsage(key, 'ENCRYPT_DECRYPT', 'ReEncrypt');
      requireEnabled(key);
    }
    requireSymmetricAlgorithm(sourceKey, sourceAlgorithm);
    requireSymmetricAlgorithm(destination.key, destinationAlgorithm);
    const sameKey = String(sourceKey.keyId === destination.key.keyId);
    return {
      checks: [
        check('kms:ReEncryptFrom', named ?? { key: sourceKey }, { ...encryptionContextConditions(sourceContext), 'kms:ReEncryptOnSameKey': sameKey }),
        check('kms:ReEncryptTo', destination, { ...encryptionContextConditions(destinationContext), 'kms:ReEncryptOnSameKey': sameKey }),
      ],
      dryRun,
      perform() {
        const plaintext = openBlob(sourceKey.material, blob, sourceContext);
        if (plaintext === undefined) throw invalidCiphertext();
        try {
          const resealed = sealBlob(destination.key.keyId, destination.key.material, plaintext, destinationContext);
          return {
            CiphertextBlob: resealed.toString('base64'),
            SourceKeyId: sourceKey.arn,
            KeyId: destination.key.arn,
            SourceEncryptionAlgorithm: sourceAlgorithm,
            DestinationEncryptionAlgorithm: destinationAlgorithm,
          };
        } finally {
          plaintext.fill(0);
        }
      },
    };
  },
};

/** Every operation the endpoint serves. */
const allOperations: Record<KmsOperationName, Operation> = { ...operations, ...keyLifecycleOperations };

/** A key a cryptographic operation may use: not disabled, not pending deletion (a deleted one is not found at all). */
function requireEnabled(key: LocalKmsKey): void {
  requireNotPendingDeletion(key);
  if (key.lifecycle.state === 'Disabled') throw new KmsError('DisabledException', `${key.arn} is disabled.`);
}

function requireNotPendingDeletion(key: LocalKmsKey): void {
  if (key.lifecycle.state === 'PendingDeletion') throw new KmsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
}

/** `aws:ResourceTag/<key>` for each tag of the key, as IAM sees a tagged key. */
function resourceTagConditions(key: LocalKmsKey): Record<string, string> {
  return resourceTagsOf(key.lifecycle.tags);
}

function resourceTagsOf(tags: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).map(([tagKey, value]) => [`aws:ResourceTag/${tagKey}`, value]));
}

/** `aws:RequestTag/<key>` for each tag of the request and `aws:TagKeys` (sorted); nothing when there are none. */
function requestTagConditions(tags: Readonly<Record<string, string>>): Record<string, string | string[]> {
  const tagKeys = Object.keys(tags).sort();
  if (tagKeys.length === 0) return {};
  return { ...Object.fromEntries(tagKeys.map((tagKey) => [`aws:RequestTag/${tagKey}`, tags[tagKey] ?? ''])), 'aws:TagKeys': tagKeys };
}

/** A key policy with only the account's statement, as KMS sets when `CreateKey` names none. */
function defaultKeyPolicy(keyArn: string): KeyPolicy {
  const [, partition = 'aws', , , account = ''] = keyArn.split(':');
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
    ],
  };
}

/** The key policy of a `CreateKey`: a JSON policy document whose statements have an effect, a principal, actions and resources. */
function keyPolicyOf(text: string, endpoint: EndpointContext): KeyPolicy {
  const malformed = (why: string) => new KmsError('MalformedPolicyDocumentException', `The key policy is malformed: ${why}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed('not a JSON object');
  const policy = parsed as KeyPolicy;
  const statements = Array.isArray(policy['Statement']) ? (policy['Statement'] as unknown[]) : [policy['Statement']];
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) throw malformed('a statement is not an object');
    const fields = statement as Record<string, unknown>;
    if (fields['Effect'] !== 'Allow' && fields['Effect'] !== 'Deny') throw malformed('a statement has no Effect Allow or Deny');
    for (const member of ['Principal', 'Action', 'Resource']) if (fields[member] === undefined) throw malformed(`a statement has no ${member}`);
  }
  const problems = endpoint.keyPolicyProblems?.(policy) ?? [];
  if (problems.length > 0) throw malformed(problems.join('; '));
  return policy;
}

/**
 * The key policy lockout safety check: the new policy must let the caller change it afterwards
 * (checked as the `kms:PutKeyPolicy` it would make, against that policy).
 */
async function lockoutSafetyCheck(call: KmsCall, lockout: KmsAuthorizationCheck, context: ServeContext): Promise<void> {
  const verdict = await context.authorize?.(call, [lockout]);
  if (verdict !== undefined && 'refused' in verdict) throw new KmsError(verdict.refused.code, verdict.refused.message, verdict.refused.status ?? 400);
  if (verdict !== undefined)
    throw new KmsError('MalformedPolicyDocumentException', 'The new key policy will not allow you to update the key policy in the future.');
}

/** Tags of a request: `[{ TagKey, TagValue }]`, at most 50, distinct keys of 1–128 characters not starting with `aws:`, values of 0–256. */
function tagsOf(input: JsonObject, optional: boolean): Record<string, string> {
  const value = input['Tags'];
  if (value === undefined || value === null) {
    if (optional) return {};
    throw invalid('Tags', 'Member must not be null');
  }
  if (!Array.isArray(value) || value.length > maxTagsPerKey || (!optional && value.length === 0))
    throw invalid('Tags', `Member must be a list of 1 to ${maxTagsPerKey} tags`);
  const tags: Record<string, string> = {};
  for (const tag of value as unknown[]) {
    const { TagKey: tagKey, TagValue: tagValue } = (typeof tag === 'object' && tag !== null ? tag : {}) as Record<string, unknown>;
    if (typeof tagKey !== 'string' || tagKey.length < 1 || tagKey.length > 128 || typeof tagValue !== 'string' || tagValue.length > 256) {
      throw new KmsError('TagException', 'Each tag needs a TagKey of 1 to 128 characters and a TagValue of at most 256.');
    }
    if (tagKey.startsWith('aws:')) throw new KmsError('TagException', 'Tag keys starting with aws: are reserved.');
    if (Object.hasOwn(tags, tagKey)) throw new KmsError('TagException', `Tag key ${tagKey} appears twice.`);
    tags[tagKey] = tagValue;
  }
  return tags;
}

function optionalBoolean(input: JsonObject, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(member, 'Member must be a boolean');
  return value;
}

function optionalInteger(input: JsonObject, member: string, min: number, max: number): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(member, `Member must be a whole number between ${min} and ${max}`);
  return value;
}

/** A text member that may be empty (a description). */
function optionalText(input: JsonObject, member: string, maxLength: number): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > maxLength) throw invalid(member, `Member must be a string of at most ${maxLength} characters`);
  return value;
}

/** Where a page starts: the marker a previous page handed out (an offset, opaque to callers). */
function markerOf(input: JsonObject): number {
  const marker = optionalString(input, 'Marker', 1024);
  if (marker === undefined) return 0;
  if (!/^\d{1,6}$/.test(marker)) throw new KmsError('InvalidMarkerException', 'The marker is not one this endpoint handed out.');
  return Number(marker);
}

// --- Request parsing. Messages name the member and the rule, never the value (it may be a plaintext).

function invalid(member: string, constraint: string): KmsError {
  const name = `${member.charAt(0).toLowerCase()}${member.slice(1)}`;
  return new KmsError('ValidationException', `1 validation error detected: Value at '${name}' failed to satisfy constraint: ${constraint}`);
}

function optionalString(input: JsonObject, member: string, maxLength: number): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(member, 'Member must be a string');
  if (value.length < 1 || value.length > maxLength) throw invalid(member, `Member must have length between 1 and ${maxLength}`);
  return value;
}

function requiredString(input: JsonObject, member: string, maxLength: number): string {
  const value = optionalString(input, member, maxLength);
  if (value === undefined) throw invalid(member, 'Member must not be null');
  return value;
}

/** A blob member: base64 in JSON, decoded, 1 to `maxBytes` bytes. */
function requiredBlob(input: JsonObject, member: string, maxBytes: number): Buffer {
  const value = input[member];
  if (value === undefined || value === null) throw invalid(member, 'Member must not be null');
  if (typeof value !== 'string' || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
    throw invalid(member, 'Member must be base64-encoded binary data');
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 1 || bytes.length > maxBytes) throw invalid(member, `Member must have length between 1 and ${maxBytes} bytes`);
  return bytes;
}

function optionalEnum<T extends string>(input: JsonObject, member: string, allowed: readonly T[]): T | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(member, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return value as T;
}

/** The encryption context: a JSON object of non-empty string keys to string values; empty when absent. */
function encryptionContextOf(input: JsonObject, member = 'EncryptionContext'): EncryptionContext {
  const value = input[member];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(member, 'Member must be a map of strings to strings');
  const pairs = Object.entries(value as JsonObject);
  if (pairs.some(([key, pairValue]) => key === '' || typeof pairValue !== 'string')) {
    throw invalid(member, 'Member must be a map of non-empty string keys to string values');
  }
  // fromEntries defines own properties, so a "__proto__" key stays an ordinary pair.
  return Object.fromEntries(pairs) as EncryptionContext;
}

/** GenerateDataKey's size: exactly one of KeySpec and NumberOfBytes, as KMS demands. */
function dataKeyBytesOf(input: JsonObject): number {
  const keySpec = optionalEnum(input, 'KeySpec', Object.keys(dataKeySpecs) as (keyof typeof dataKeySpecs)[]);
  const numberOfBytes = input.NumberOfBytes;
  if (numberOfBytes !== undefined && numberOfBytes !== null) {
    if (keySpec !== undefined) throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec, not both.');
    if (typeof numberOfBytes !== 'number' || !Number.isInteger(numberOfBytes) || numberOfBytes < 1 || numberOfBytes > maxDataKeyBytes) {
      throw invalid('NumberOfBytes', `Member must be a whole number between 1 and ${maxDataKeyBytes}`);
    }
    return numberOfBytes;
  }
  if (keySpec === undefined) throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  return dataKeySpecs[keySpec];
}

/** Checks GrantTokens and Recipient, and returns DryRun. */
function commonOptionsOf(input: JsonObject): boolean {
  grantTokensOf(input);
  if (input.Recipient !== undefined && input.Recipient !== null) {
    throw new KmsError('UnsupportedOperationException', 'The local KMS endpoint does not support Recipient (Nitro Enclaves attestation).');
  }
  const dryRun = input.DryRun;
  if (dryRun === undefined || dryRun === null) return false;
  if (typeof dryRun !== 'boolean') throw invalid('DryRun', 'Member must be a boolean');
  return dryRun;
}

/** Grant tokens are accepted and ignored: the local endpoint has no grants. */
function grantTokensOf(input: JsonObject): void {
  const tokens = input.GrantTokens;
  if (tokens === undefined || tokens === null) return;
  if (!Array.isArray(tokens) || tokens.length > maxGrantTokens || tokens.some((token) => typeof token !== 'string' || token === '')) {
    throw invalid('GrantTokens', `Member must be a list of at most ${maxGrantTokens} non-empty strings`);
  }
}

// --- The wire.

function operationOf(request: IncomingMessage): KmsOperationName {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith('TrentService.')) {
    throw new KmsError('UnknownOperationException', 'Expected a POST with an X-Amz-Target: TrentService.<Operation> header.');
  }
  const name = target.slice('TrentService.'.length);
  if (!Object.hasOwn(allOperations, name)) throw new KmsError('UnsupportedOperationException', `The local KMS endpoint does not support ${name}.`);
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.split(';')[0]?.trim().toLowerCase() !== 'application/x-amz-json-1.1') {
    throw new KmsError('SerializationException', 'Expected Content-Type: application/x-amz-json-1.1.');
  }
  return name as KmsOperationName;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) throw new KmsError('ValidationException', `The request body exceeds ${maxRequestBytes} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function jsonObjectOf(body: Buffer): JsonObject {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KmsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KmsError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as JsonObject;
}

function reply(response: ServerResponse, status: number, requestId: string, body: JsonObject): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  response.end(text);
}

function toKmsError(error: unknown): KmsError {
  if (error instanceof KmsError) return error;
  // 5xx bodies never carry internals; the operator sees them in the runtime's own logs.
  console.error('local KMS endpoint failed', error);
  return new KmsError('KMSInternalException', 'The local KMS endpoint failed to process the request.', 500);
}
