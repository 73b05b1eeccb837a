/**
 * Verifies AWS Signature Version 4 on requests to the local API, the way API Gateway's IAM
 * authorization does: the signature is recomputed with `@smithy/signature-v4` (the AWS SDK's own
 * signer) over the request as received and compared in constant time. Clients signing with the
 * AWS SDK, the `aws4` package or `curl --aws-sigv4` are accepted alike.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

/** What a signature is checked with: an access key pair (a department's, a function role's, an operator's). */
export interface SigningCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** A request as it arrived: the raw path and query from the request line, and the body bytes. */
export interface SignedRequest {
  readonly method: string;
  /** Path as sent on the wire (still percent-encoded), without the query. */
  readonly path: string;
  /** Raw query string without the leading `?`; empty when none. */
  readonly rawQuery: string;
  /** Header names in lower case (as node:http gives them). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Uint8Array;
}

/** What the verifier needs to know about the deployment. */
export interface SigV4VerifierOptions<C extends SigningCredential> {
  readonly region: string;
  /** Defaults to `execute-api`, API Gateway's signing name. */
  readonly service?: string;
  readonly lookup: (accessKeyId: string) => C | undefined;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Allowed distance between the request's X-Amz-Date and now; API Gateway allows 5 minutes. */
  readonly maxClockSkewSeconds?: number;
  /**
   * S3's flavour of SigV4: the path is signed as sent (not escaped a second time), and the
   * payload may be declared `UNSIGNED-PAYLOAD` in `x-amz-content-sha256` (the signature then
   * covers the headers, not the body). Off for every other service.
   */
  readonly s3?: boolean;
}

/** Why a request was refused. */
export type SigV4Refusal =
  | 'missingAuthentication'
  | 'malformedAuthorization'
  | 'wrongScope'
  | 'unknownAccessKey'
  | 'signatureExpired'
  | 'signatureNotYetCurrent'
  | 'bodyHashMismatch'
  | 'signatureMismatch';

/** The verdict: the signer's credential, or the reason and AWS's message for it. */
export type SigV4Verification<C extends SigningCredential> =
  { readonly ok: true; readonly credential: C } | { readonly ok: false; readonly reason: SigV4Refusal; readonly message: string };

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly scopeRegion: string;
  readonly scopeService: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const algorithm = 'AWS4-HMAC-SHA256';
const amzDatePattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const refuse = (reason: SigV4Refusal, message: string): { readonly ok: false; readonly reason: SigV4Refusal; readonly message: string } => ({
  ok: false,
  reason,
  message,
});

/** Reads one header value; repeated headers are joined the way node:http joins them. */
const headerValue = (headers: SignedRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : (value as string | undefined);
};

/** Parses `AWS4-HMAC-SHA256 Credential=AK/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(header: string): ParsedAuthorization | string {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${algorithm} `)) return `Authorization header must use ${algorithm}.`;
  const parameters = new Map<string, string>();
  for (const part of trimmed.slice(algorithm.length + 1).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) parameters.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature']
    .filter((name) => !parameters.get(name))
    .map((name) => `Authorization header requires '${name}' parameter.`);
  if (missing.length > 0) return missing.join(' ');
  const credential = (parameters.get('Credential') ?? '').split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request' || credential.some((piece) => piece === '')) {
    return "Authorization header 'Credential' must be <access key>/<yyyymmdd>/<region>/<service>/aws4_request.";
  }
  const [accessKeyId = '', scopeDate = '', scopeRegion = '', scopeService = ''] = credential;
  const signature = parameters.get('Signature') ?? '';
  if (!/^[0-9a-f]{64}$/.test(signature)) return "Authorization header 'Signature' must be 64 lower-case hex digits.";
  const signedHeaders = (parameters.get('SignedHeaders') ?? '').split(';').map((name) => name.trim().toLowerCase());
  return { accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaders, signature };
}

/** Parses the basic ISO 8601 form of X-Amz-Date (`20260302T013000Z`). */
export function parseAmzDate(value: string): Date | undefined {
  const match = amzDatePattern.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const formatAmzDate = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/**
 * Splits a raw query string into decoded parameters. Signers canonicalise the decoded values
 * (re-encoding each by RFC 3986 and sorting), so decoding here is what makes `a=1&b=x%20y` and
 * `b=x%20y&a=1` sign alike.
 */
export function parseQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const separator = piece.indexOf('=');
    const key = safeDecode(separator < 0 ? piece : piece.slice(0, separator));
    const value = separator < 0 ? '' : safeDecode(piece.slice(separator + 1));
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const sha256Hex = (body: Uint8Array): string => createHash('sha256').update(body).digest('hex');

const constantTimeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Verifies the SigV4 `Authorization` header of a request: scope (region, service), known access
 * key, X-Amz-Date within the allowed skew (a replayed request older than 5 minutes is refused),
 * `host` and `x-amz-date` among the signed headers, `x-amz-content-sha256` (when sent) matching
 * the body, and finally the signature itself.
 */
export async function verifySigV4<C extends SigningCredential>(request: SignedRequest, options: SigV4VerifierOptions<C>): Promise<SigV4Verification<C>> {
  const service = options.service ?? 'execute-api';
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) return refuse('missingAuthentication', 'Missing Authentication Token');

  const parsed = parseAuthorization(authorization);
  if (typeof parsed === 'string') return refuse('malformedAuthorization', parsed);
  if (!parsed.signedHeaders.includes('host')) {
    return refuse('malformedAuthorization', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (!parsed.signedHeaders.includes('x-amz-date')) {
    return refuse('malformedAuthorization', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const missingHeader = parsed.signedHeaders.find((name) => headerValue(request.headers, name) === undefined);
  if (missingHeader) return refuse('malformedAuthorization', `Signed header '${missingHeader}' is missing from the request.`);
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) {
    return refuse('malformedAuthorization', `X-Amz-Date must be in the basic ISO 8601 form yyyyMMddTHHmmssZ, got '${amzDate}'.`);
  }

  if (parsed.scopeRegion !== options.region) {
    return refuse('wrongScope', `Credential should be scoped to a valid region, not '${parsed.scopeRegion}'.`);
  }
  if (parsed.scopeService !== service) {
    return refuse('wrongScope', `Credential should be scoped to correct service: '${service}'.`);
  }
  if (parsed.scopeDate !== amzDate.slice(0, 8)) {
    return refuse(
      'wrongScope',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${amzDate.slice(0, 8)}'.`,
    );
  }

  const credential = options.lookup(parsed.accessKeyId);
  if (!credential) return refuse('unknownAccessKey', 'The security token included in the request is invalid.');

  const now = (options.now ?? (() => new Date()))();
  const skewMs = (options.maxClockSkewSeconds ?? 300) * 1000;
  if (signingDate.getTime() < now.getTime() - skewMs) {
    const earliest = formatAmzDate(new Date(now.getTime() - skewMs));
    return refuse('signatureExpired', `Signature expired: ${amzDate} is now earlier than ${earliest} (${formatAmzDate(now)} - 5 min.)`);
  }
  if (signingDate.getTime() > now.getTime() + skewMs) {
    const latest = formatAmzDate(new Date(now.getTime() + skewMs));
    return refuse('signatureNotYetCurrent', `Signature not yet current: ${amzDate} is still later than ${latest} (${formatAmzDate(now)} + 5 min.)`);
  }

  const declaredBodyHash = headerValue(request.headers, 'x-amz-content-sha256');
  const unsignedPayload = options.s3 === true && declaredBodyHash === 'UNSIGNED-PAYLOAD';
  if (options.s3 === true && declaredBodyHash === undefined) {
    return refuse('malformedAuthorization', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (declaredBodyHash !== undefined && !unsignedPayload && declaredBodyHash !== sha256Hex(request.body)) {
    return refuse('bodyHashMismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  const expected = await expectedSignature(request, parsed, credential, signingDate, options.region, service, options.s3 !== true);
  if (!constantTimeEqual(expected, parsed.signature)) {
    return refuse(
      'signatureMismatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, credential };
}

/** Signs the received request again, over exactly the headers the client said it signed. */
async function expectedSignature(
  request: SignedRequest,
  parsed: ParsedAuthorization,
  credential: SigningCredential,
  signingDate: Date,
  region: string,
  service: string,
  uriEscapePath: boolean,
): Promise<string> {
  const signer = new SignatureV4({
    service,
    region,
    uriEscapePath,
    sha256: Sha256,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
    // Never add a header the client did not sign.
    applyChecksum: false,
  });
  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) headers[name] = headerValue(request.headers, name) ?? '';
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: request.path,
      query: parseQuery(request.rawQuery),
      headers,
      body: request.body,
    },
    // The signer leaves out some headers by default (user-agent, ...); a client may have signed them.
    { signingDate, signableHeaders: new Set(parsed.signedHeaders) },
  );
  const match = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization));
  return match?.[1] ?? '';
}
