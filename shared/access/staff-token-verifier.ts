/**
 * Verifies the OIDC JWT a staff member got from the city's identity provider and turns its claims
 * into a {@link StaffPrincipal}. Every refusal is a typed reason, never an exception, so the edge
 * can map it to 401 or 403 and log why without ever touching the token.
 */
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

/** Session timeout: a token may not live longer than this from issue to expiry. */
export const maxStaffSessionSeconds = 12 * 60 * 60;

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
  | { readonly ok: true; readonly principal: StaffPrincipal }
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

export interface StaffTokenVerifierConfig {
  /** Expected `iss`: the city's OIDC provider. */
  readonly issuer: string;
  /** Expected `aud`: this system's client id at the provider. */
  readonly audience: string;
  /** The provider's JWKS endpoint. */
  readonly jwksUrl: string | URL;
  /** Allowed clock skew between the provider and us. */
  readonly clockToleranceSeconds?: number;
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
}: StaffTokenVerifierConfig): StaffTokenVerifier => {
  const keySet: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl));
  return {
    async verify(token: string): Promise<StaffVerification> {
      if (token.length === 0) return rejected('missingToken');
      if (token.length > maxTokenLength) return rejected('malformed');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, {
          issuer,
          audience,
          algorithms: [...acceptedStaffTokenAlgorithms],
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ['sub', 'exp'],
        }));
      } catch (error) {
        return rejected(rejectionOf(error));
      }
      return principalFromClaims(payload, nowInSeconds(), clockToleranceSeconds);
    },
  };
};

/**
 * Reads a verified claims set into a principal, applying the staff rules: known role, well-formed
 * jurisdiction, department for liaisons, second factor for privileged roles, bounded session.
 */
export const principalFromClaims = (
  claims: JWTPayload,
  nowSeconds: number,
  clockToleranceSeconds: number,
): StaffVerification => {
  const { sub, exp, iat } = claims;
  if (typeof sub !== 'string' || sub.length === 0) return rejected('missingClaim');
  if (typeof exp !== 'number') return rejected('missingClaim');
  if (iat !== undefined) {
    if (typeof iat !== 'number') return rejected('invalidClaim');
    if (iat > nowSeconds + clockToleranceSeconds) return rejected('notYetValid');
    if (exp - iat > maxStaffSessionSeconds) return rejected('sessionTooLong');
  }

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
  if (privilegedRoles.includes(role) && !hasSecondFactor(claims.amr)) {
    return refused('secondFactorRequired', sub, { role, jurisdiction });
  }

  const principal: StaffPrincipal = {
    kind: 'staff',
    subject: sub,
    role,
    jurisdiction,
    ...(principalDepartment === undefined ? {} : { department: principalDepartment }),
  };
  return { ok: true, principal };
};

const isStaffRole = (value: unknown): value is StaffRole =>
  typeof value === 'string' && (staffRoles as readonly string[]).includes(value);

const hasSecondFactor = (amr: unknown): boolean =>
  Array.isArray(amr) && amr.some((method) => (secondFactorMethods as readonly unknown[]).includes(method));

const rejected = (reason: StaffTokenRejection): StaffVerification => ({ ok: false, status: 'unauthenticated', reason });

const refused = (
  reason: StaffTokenRefusal,
  subject: string,
  claimed: { readonly role?: string; readonly jurisdiction?: string },
): StaffVerification => ({ ok: false, status: 'forbidden', reason, subject, ...claimed });

const nowInSeconds = (): number => Math.floor(Date.now() / 1000);

/** Maps jose's errors to our reasons; anything unexpected comes from fetching the key set. */
const rejectionOf = (error: unknown): StaffTokenRejection => {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'missingClaim';
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
