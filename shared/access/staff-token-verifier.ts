/**
 * Verifies the OIDC JWT a staff member got from the city's identity provider and turns its claims
 * into a {@link StaffPrincipal}. Every refusal is a typed reason, never an exception, so the edge
 * can map it to 401 or 403 and log why without ever touching the token.
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { privilegedRoles, staffRoles } from '../topology.ts';
import type { StaffRole } from '../topology.ts';
import { cityJurisdiction, DepartmentId, JurisdictionId } from '../domain/records/identifiers.ts';
import type { StaffPrincipal } from './principal.ts';

/** Only asymmetric algorithms: the provider signs, we verify with its public keys. Never HS* or none. */
export const acceptedStaffTokenAlgorithms = ['ES256', 'ES384', 'RS256', 'RS384', 'PS256'] as const;

/** `amr` values (RFC 8176) that prove a second factor. */
export const secondFactorMethods = ['otp', 'mfa', 'hwk', 'swk', 'sms', 'fpt', 'face'] as const;

/**
 * Session timeout unless configured otherwise (`staffAccess.maxSessionHours`): a token may not
 * live longer than this from issue to expiry, and a privileged role's sign-in (`auth_time`) may
 * not be older than this.
 */
export const defaultMaxStaffSessionSeconds = 12 * 60 * 60;

/**
 * Token types (`typ` header, RFC 8725 §3.11) a staff token may declare: an ID token (`JWT`) or an
 * OAuth access token (`at+jwt`, RFC 9068), with or without the `application/` prefix. Any other
 * declared type (a logout token, a security event token, a DPoP proof) is a token for something
 * else, refused even when genuinely signed by the provider.
 */
export const acceptedStaffTokenTypes = ['jwt', 'at+jwt'] as const;

/** Tokens longer than this are refused before any parsing (a sane OIDC token is far smaller). */
const maxTokenLength = 8 * 1024;

/** Why the caller is not who the token claims: the answer is 401. */
export type StaffTokenRejection =
  | 'missingToken'
  | 'malformed'
  | 'disallowedAlgorithm'
  | 'unknownKey'
  | 'badSignature'
  | 'expired'
  | 'notYetValid'
  | 'sessionTooLong'
  /** A privileged role's sign-in (`auth_time`) is older than the session cap: sign in again. */
  | 'signInTooOld'
  /** The `typ` header names a kind of token that is not an ID or access token. */
  | 'wrongType'
  | 'wrongAudience'
  | 'wrongIssuer'
  | 'missingClaim'
  | 'invalidClaim'
  /** The provider's key set could not be fetched: fail closed. */
  | 'keySetUnavailable';

/** The caller is authenticated but their claims do not allow staff access: the answer is 403. */
export type StaffTokenRefusal = 'unknownRole' | 'secondFactorRequired' | 'jurisdictionNotAllowed';

/** Outcome of verifying a staff token. */
export type StaffVerification =
  | { readonly ok: true; readonly principal: StaffPrincipal; readonly session: StaffSession }
  | { readonly ok: false; readonly status: 'unauthenticated'; readonly reason: StaffTokenRejection }
  | {
      readonly ok: false;
      readonly status: 'forbidden';
      readonly reason: StaffTokenRefusal;
      /** Subject of the (genuine) token, for the Deny policy's principal. */
      readonly subject: string;
      /** Role and jurisdiction as claimed, for the decision log; absent when not well-formed. */
      readonly role?: string;
      readonly jurisdiction?: string;
    };

/** The sign-in a genuine token belongs to: what the authorizer audits once per sign-in. */
export interface StaffSession {
  /**
   * Identifies the sign-in without naming anyone: a hash of issuer, subject and sign-in time
   * (`auth_time`; `iat` for a provider that omits it). Every token refreshed within one sign-in
   * has the same key.
   */
  readonly key: string;
  /** Epoch seconds of the sign-in (`auth_time`, else `iat`). */
  readonly signedInAt: number;
  /** Epoch seconds after which no token of this sign-in is accepted: the earlier of `exp` and sign-in + cap. */
  readonly endsBy: number;
}

export interface StaffTokenVerifierConfig {
  /** Expected `iss`: the city's OIDC provider. */
  readonly issuer: string;
  /** Expected `aud`: this system's client id at the provider. */
  readonly audience: string;
  /** The provider's JWKS endpoint. */
  readonly jwksUrl: string | URL;
  /** Allowed clock skew between the provider and us. */
  readonly clockToleranceSeconds?: number;
  /** The session cap (`staffAccess.maxSessionHours`); {@link defaultMaxStaffSessionSeconds} when absent. */
  readonly maxSessionSeconds?: number;
}

export interface StaffTokenVerifier {
  /** Verifies a compact JWT (without the `Bearer ` prefix; `''` when none was sent). Never throws. */
  verify(token: string): Promise<StaffVerification>;
}

/**
 * Builds a verifier that fetches and caches the provider's JWKS (re-fetching when an unknown
 * `kid` appears, at most every 30 s). Build it once per cold start.
 */
export const createStaffTokenVerifier = ({
  issuer,
  audience,
  jwksUrl,
  clockToleranceSeconds = 30,
  maxSessionSeconds = defaultMaxStaffSessionSeconds,
}: StaffTokenVerifierConfig): StaffTokenVerifier => {
  const keySet: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl));
  return {
    async verify(token: string): Promise<StaffVerification> {
      if (token.length === 0) return rejected('missingToken');
      if (token.length > maxTokenLength) return rejected('malformed');
      let payload: JWTPayload;
      let type: unknown;
      try {
        const verified = await jwtVerify(token, keySet, {
          issuer,
          audience,
          algorithms: [...acceptedStaffTokenAlgorithms],
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        payload = verified.payload;
        type = verified.protectedHeader.typ;
      } catch (error) {
        return rejected(rejectionOf(error));
      }
      if (!isAcceptedType(type)) return rejected('wrongType');
      return principalFromClaims(payload, nowInSeconds(), { clockToleranceSeconds, maxSessionSeconds });
    },
  };
};

/** The time rules of {@link principalFromClaims}. */
export interface StaffSessionRules {
  /** Allowed clock skew between the provider and us. */
  readonly clockToleranceSeconds: number;
  /** The session cap: longest token lifetime, and longest time since a privileged role's sign-in. */
  readonly maxSessionSeconds: number;
}

/**
 * Reads a verified claims set into a principal, applying the staff rules: known role, well-formed
 * jurisdiction, department for liaisons, second factor for privileged roles, bounded session — a
 * token issued (`iat`, required) at most the cap before it expires, and for a privileged role a
 * sign-in (`auth_time`, required) at most the cap ago.
 */
export const principalFromClaims = (
  claims: JWTPayload,
  nowSeconds: number,
  { clockToleranceSeconds, maxSessionSeconds }: StaffSessionRules,
): StaffVerification => {
  const { sub, exp, iat } = claims;
  if (typeof sub !== 'string' || sub.length === 0) return rejected('missingClaim');
  if (exp === undefined || iat === undefined) return rejected('missingClaim');
  if (typeof exp !== 'number' || typeof iat !== 'number') return rejected('invalidClaim');
  if (iat > nowSeconds + clockToleranceSeconds) return rejected('notYetValid');
  if (exp - iat > maxSessionSeconds) return rejected('sessionTooLong');

  const { role, jurisdiction, department } = claims;
  if (role === undefined || jurisdiction === undefined) return rejected('missingClaim');
  if (typeof jurisdiction !== 'string' || !JurisdictionId.safeParse(jurisdiction).success) {
    return rejected('invalidClaim');
  }
  if (!isStaffRole(role)) return refused('unknownRole', sub, { jurisdiction });

  let principalDepartment: string | undefined;
  if (role === 'departmentLiaison') {
    if (department === undefined) return rejected('missingClaim');
    if (typeof department !== 'string' || !DepartmentId.safeParse(department).success) {
      return rejected('invalidClaim');
    }
    principalDepartment = department;
  }

  // The role names the scope: a city supervisor sees the city, a district supervisor one district.
  const isCity = jurisdiction === cityJurisdiction;
  if ((role === 'districtSupervisor' && isCity) || (role === 'citySupervisor' && !isCity)) {
    return refused('jurisdictionNotAllowed', sub, { role, jurisdiction });
  }
  const authTime = claims['auth_time'];
  const privileged = privilegedRoles.includes(role);
  if (privileged) {
    // A privileged session ends the cap after its sign-in, however often its tokens are refreshed.
    if (authTime === undefined) return rejected('missingClaim');
    if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return rejected('invalidClaim');
    if (authTime > nowSeconds + clockToleranceSeconds) return rejected('notYetValid');
    if (nowSeconds - authTime > maxSessionSeconds + clockToleranceSeconds) return rejected('signInTooOld');
  }
  const secondFactor = hasSecondFactor(claims.amr);
  if (privileged && !secondFactor) {
    return refused('secondFactorRequired', sub, { role, jurisdiction });
  }

  const principal: StaffPrincipal = {
    kind: 'staff',
    subject: sub,
    role,
    jurisdiction,
    ...(principalDepartment === undefined ? {} : { department: principalDepartment }),
    secondFactor,
  };
  const signedInAt = typeof authTime === 'number' && Number.isFinite(authTime) ? authTime : iat;
  const session: StaffSession = {
    key: sessionKey(claims.iss ?? '', sub, signedInAt),
    signedInAt,
    endsBy: Math.min(exp, signedInAt + maxSessionSeconds),
  };
  return { ok: true, principal, session };
};

const sessionKey = (issuer: string, subject: string, signedInAt: number): string =>
  createHash('sha256').update(`${issuer}\u0000${subject}\u0000${signedInAt}`).digest('hex');

const isAcceptedType = (type: unknown): boolean => {
  if (type === undefined) return true;
  if (typeof type !== 'string') return false;
  const normalised = type.toLowerCase().replace(/^application\//, '');
  return (acceptedStaffTokenTypes as readonly string[]).includes(normalised);
};

const isStaffRole = (value: unknown): value is StaffRole => typeof value === 'string' && (staffRoles as readonly string[]).includes(value);

const hasSecondFactor = (amr: unknown): boolean => Array.isArray(amr) && amr.some((method) => (secondFactorMethods as readonly unknown[]).includes(method));

const rejected = (reason: StaffTokenRejection): StaffVerification => ({ ok: false, status: 'unauthenticated', reason });

const refused = (reason: StaffTokenRefusal, subject: string, claimed: { readonly role?: string; readonly jurisdiction?: string }): StaffVerification => ({
  ok: false,
  status: 'forbidden',
  reason,
  subject,
  ...claimed,
});

const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/** Maps jose's errors to our reasons; anything unexpected comes from fetching the key set. */
const rejectionOf = (error: unknown): StaffTokenRejection => {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'missingClaim';
    if (error.reason === 'invalid') return 'invalidClaim';
    if (error.claim === 'iss') return 'wrongIssuer';
    if (error.claim === 'aud') return 'wrongAudience';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'notYetValid';
    return 'invalidClaim';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'disallowedAlgorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'badSignature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'unknownKey';
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported ||
    error instanceof errors.JWKInvalid
  ) {
    return 'malformed';
  }
  return 'keySetUnavailable';
};
