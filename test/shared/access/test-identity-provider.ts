/**
 * A stand-in for the city's OIDC provider (the external boundary): it serves a JWKS over
 * node:http on 127.0.0.1 and mints tokens with real keys. Also mints tokens the provider never
 * would (foreign keys, `alg: none`, HS256) to prove they are refused.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';

/** Which key signs a minted token. */
export type TokenSigner =
  /** The provider's published ES256 key. */
  | 'trusted'
  /** The provider's published RS256 key. */
  | 'trustedRsa'
  /** An attacker's key that claims the provider's `kid`. */
  | 'forgedSameKid'
  /** An attacker's key with a `kid` the provider never published. */
  | 'forgedUnknownKid';

export interface MintOptions {
  readonly signer?: TokenSigner;
  readonly issuer?: string;
  readonly audience?: string;
  /** Epoch seconds; default one hour from now. */
  readonly expiresAt?: number;
  /** Epoch seconds; default now; `null` omits `iat`. */
  readonly issuedAt?: number | null;
  /** Epoch seconds of the sign-in (`auth_time`); default the issue time; `null` omits it. */
  readonly authTime?: number | null;
  /** The `typ` header; default `JWT`; `null` omits it. */
  readonly type?: string | null;
  readonly subject?: string | null;
}

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** Signs `claims` plus registered claims (iss, aud, sub, iat, exp) unless overridden. */
  mint(claims: Record<string, unknown>, options?: MintOptions): Promise<string>;
  /** The registered claims plus `claims`, as `mint` would sign them (for hand-built tokens). */
  payload(claims: Record<string, unknown>, options?: MintOptions): JWTPayload;
  close(): Promise<void>;
}

/** Subject used in minted tokens unless overridden. */
export const defaultSubject = 'idp-subject-7f3a9c';

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Starts the provider on an ephemeral port of 127.0.0.1. */
export const startTestIdentityProvider = async (): Promise<TestIdentityProvider> => {
  const trusted = await generateKeyPair('ES256', { extractable: true });
  const trustedRsa = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('ES256');
  const jwks = {
    keys: [
      { ...(await exportJWK(trusted.publicKey)), kid: 'city-idp-es256', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(trustedRsa.publicKey)), kid: 'city-idp-rs256', alg: 'RS256', use: 'sig' },
    ],
  };
  const signers: Record<TokenSigner, { key: CryptoKey; alg: string; kid: string }> = {
    trusted: { key: trusted.privateKey, alg: 'ES256', kid: 'city-idp-es256' },
    trustedRsa: { key: trustedRsa.privateKey, alg: 'RS256', kid: 'city-idp-rs256' },
    forgedSameKid: { key: foreign.privateKey, alg: 'ES256', kid: 'city-idp-es256' },
    forgedUnknownKid: { key: foreign.privateKey, alg: 'ES256', kid: 'attacker-key' },
  };

  const server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}/realms/city`;
  const audience = 'e-supervision-console';

  const payload = (claims: Record<string, unknown>, options: MintOptions = {}): JWTPayload => {
    const now = nowSeconds();
    const registered: JWTPayload = {
      iss: options.issuer ?? issuer,
      aud: options.audience ?? audience,
      exp: options.expiresAt ?? now + 3600,
    };
    if (options.issuedAt !== null) registered.iat = options.issuedAt ?? now;
    if (options.authTime !== null) registered['auth_time'] = options.authTime ?? options.issuedAt ?? now;
    if (options.subject !== null) registered.sub = options.subject ?? defaultSubject;
    return { ...registered, ...claims };
  };

  return {
    issuer,
    audience,
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    payload,
    async mint(claims, options = {}) {
      const { key, alg, kid } = signers[options.signer ?? 'trusted'];
      const type = options.type === undefined ? { typ: 'JWT' } : options.type === null ? {} : { typ: options.type };
      return new SignJWT(payload(claims, options)).setProtectedHeader({ alg, kid, ...type }).sign(key);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};

/** A token with `alg: none` and no signature. */
export const unsignedToken = (payload: JWTPayload): string => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;

/**
 * An HS256 token keyed with the provider's public JWKS text: the classic algorithm-confusion
 * attack against verifiers that accept symmetric algorithms.
 */
export const symmetricToken = async (payload: JWTPayload, jwksUrl: string): Promise<string> => {
  const publicKeyText = await (await fetch(jwksUrl)).text();
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: 'city-idp-es256' }).sign(new TextEncoder().encode(publicKeyText));
};

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims of staff as the city's provider issues them (mothers). */
export const staffClaims = {
  citySupervisor: { role: 'citySupervisor', jurisdiction: 'city', amr: ['pwd', 'otp'] },
  districtSupervisor: { role: 'districtSupervisor', jurisdiction: 'haidian', amr: ['pwd', 'hwk'] },
  departmentLiaison: { role: 'departmentLiaison', jurisdiction: 'haidian', department: 'market-regulation', amr: ['pwd'] },
  auditor: { role: 'auditor', jurisdiction: 'city', amr: ['pwd', 'otp'] },
} as const satisfies Record<string, Record<string, unknown>>;
