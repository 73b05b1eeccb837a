/**
 * A local stand-in for the city's OIDC identity provider. It holds an ES256 key pair, created
 * on first start and kept in `<dataDir>/identity-provider.json` (0600) together with its issuer,
 * publishes the public key as a JWKS (served by the local API server under `/local-idp/`), mints
 * staff tokens shaped like the provider's, so the staff authorizer verifies them exactly as it
 * verifies real ones in AWS, and signs the console in with the authorization code flow and PKCE
 * (`authorization-code-flow.ts`) as one of the demo staff.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import { JurisdictionId, cityJurisdiction } from '#shared/domain/records/identifiers.ts';
import { staffRoles, type StaffRole } from '#shared/topology.ts';
import { createAuthorizationCodeFlow, type AuthorizationCodeFlow, type OidcClient } from './authorization-code-flow.ts';
import { demoStaff } from './demo-staff.ts';
import { writeSecretFile } from './department-credentials.ts';

/** Audience the console's tokens are issued for (env `JWT_AUDIENCE`). */
export const consoleAudience = 'e-supervision-console';

/** Path prefix of the identity provider on the local API server. */
export const identityProviderPath = '/local-idp';
/** Path of the JWKS on the local API server. */
export const jwksPath = `${identityProviderPath}/.well-known/jwks.json`;
/** Path of the OpenID discovery document on the local API server. */
export const openidConfigurationPath = `${identityProviderPath}/.well-known/openid-configuration`;

/** Where the console receives its authorization code, below its origin. */
export const consoleCallbackPath = '/auth/callback';

/**
 * The console as a client of the local provider. It is served by the same server as the provider,
 * and may be opened by the server's address or by the name `localhost`: both are registered.
 */
export function localConsoleClient(issuer: string): OidcClient {
  const served = new URL(issuer).origin;
  const origins = [served, served.replace('//127.0.0.1:', '//localhost:')].filter((origin, index, all) => all.indexOf(origin) === index);
  return {
    clientId: consoleAudience,
    redirectUris: origins.map((origin) => `${origin}${consoleCallbackPath}`),
    postLogoutRedirectUris: origins.map((origin) => `${origin}/`),
  };
}

/** Name of the key file inside the data directory. */
export const identityProviderFileName = 'identity-provider.json';

/** Issuer of the local identity provider served by the API server on `port`. */
export const localIssuer = (port: number): string => `http://127.0.0.1:${port}${identityProviderPath}`;

/** What a staff token asserts about its holder. */
export interface StaffTokenRequest {
  readonly subject: string;
  readonly role: StaffRole;
  /** `city` or a district identifier. */
  readonly jurisdiction: string;
  /** The liaison's department (role `departmentLiaison`). */
  readonly department?: string;
  /** Signed in with a second factor (`amr` `['pwd','otp']`); defaults to true. */
  readonly secondFactor?: boolean;
  readonly expiresInSeconds?: number;
  /** Defaults to {@link consoleAudience}. */
  readonly audience?: string;
  /** Issue time, for tests of expiry; defaults to now. */
  readonly issuedAt?: Date;
  /** When the holder signed in (`auth_time`); defaults to the issue time. `null` leaves the claim out. */
  readonly authenticatedAt?: Date | null;
  /** Leaves `iat` out, as no provider should (tests of its refusal). */
  readonly withoutIssuedAt?: boolean;
  /** The `typ` header; defaults to `JWT`. */
  readonly type?: string;
  /** The person's name (`name`), for an ID token: what the console shows. */
  readonly name?: string;
  /** The `nonce` of the authentication request an ID token answers. */
  readonly nonce?: string;
  /** The `client_id` claim of an access token (RFC 9068). */
  readonly clientId?: string;
}

/** The local identity provider. */
export interface LocalIdentityProvider {
  /** Current issuer (`iss`), `http://127.0.0.1:<port>/local-idp`. */
  readonly issuer: string;
  readonly keyId: string;
  /** The JSON Web Key Set with the provider's public signing key. */
  jwks(): JSONWebKeySet;
  /** OpenID discovery document (issuer, jwks_uri, supported algorithms and claims). */
  openidConfiguration(): Record<string, unknown>;
  mintStaffToken(request: StaffTokenRequest): Promise<string>;
  /** Sign-in with the authorization code flow and PKCE, for the console. */
  readonly signIn: AuthorizationCodeFlow;
  /** Moves the issuer to `issuer` (the API server's actual port) and stores it for the CLI. */
  bindIssuer(issuer: string): Promise<void>;
}

interface IdentityProviderFile {
  readonly issuer: string;
  readonly keyId: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

const signingAlgorithm = 'ES256';

async function readProviderFile(path: string): Promise<IdentityProviderFile | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as IdentityProviderFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the local identity provider from ${path}: ${(error as Error).message}`);
  }
}

async function createProviderFile(issuer: string): Promise<IdentityProviderFile> {
  const { privateKey, publicKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
  return {
    issuer,
    keyId: `local-${randomUUID()}`,
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
  };
}

const storeProviderFile = (path: string, file: IdentityProviderFile): Promise<void> => writeSecretFile(path, `${JSON.stringify(file, null, 2)}\n`);

/**
 * Loads the identity provider of a data directory, creating its key pair on first use.
 *
 * @param options.issuer issuer to use when the provider is created; an existing provider keeps
 *   its stored issuer until {@link LocalIdentityProvider.bindIssuer} moves it.
 * @param options.now the sign-in flow's clock (codes expire), for tests.
 */
export async function loadIdentityProvider(options: { dataDir: string; issuer?: string; now?: () => Date }): Promise<LocalIdentityProvider> {
  const path = join(options.dataDir, identityProviderFileName);
  let file = await readProviderFile(path);
  if (!file) {
    file = await createProviderFile(options.issuer ?? localIssuer(3000));
    await mkdir(options.dataDir, { recursive: true });
    await storeProviderFile(path, file);
  }
  const privateKey = await importJWK(file.privateJwk, signingAlgorithm);
  const publicJwk: JWK = { ...file.publicJwk, kid: file.keyId, alg: signingAlgorithm, use: 'sig' };
  let current = file;

  const signIn = createAuthorizationCodeFlow({
    issuer: () => current.issuer,
    clients: () => [localConsoleClient(current.issuer)],
    staff: demoStaff,
    mintStaffToken: (request) => provider.mintStaffToken(request),
    ...(options.now === undefined ? {} : { now: options.now }),
  });

  const provider: LocalIdentityProvider = {
    get issuer() {
      return current.issuer;
    },
    keyId: file.keyId,
    jwks: () => ({ keys: [publicJwk] }),
    openidConfiguration: () => ({
      issuer: current.issuer,
      jwks_uri: `${current.issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: [signingAlgorithm],
      subject_types_supported: ['public'],
      claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'auth_time', 'nonce', 'name', 'role', 'jurisdiction', 'department', 'amr'],
      ...signIn.discovery(),
    }),
    signIn,
    async mintStaffToken(request) {
      assertStaffTokenRequest(request);
      const issuedAt = Math.floor((request.issuedAt ?? new Date()).getTime() / 1000);
      const claims: Record<string, unknown> = {
        role: request.role,
        jurisdiction: request.jurisdiction,
        amr: (request.secondFactor ?? true) ? ['pwd', 'otp'] : ['pwd'],
      };
      if (request.department !== undefined) claims.department = request.department;
      if (request.name !== undefined) claims.name = request.name;
      if (request.nonce !== undefined) claims.nonce = request.nonce;
      if (request.clientId !== undefined) claims.client_id = request.clientId;
      if (request.authenticatedAt !== null)
        claims.auth_time = request.authenticatedAt === undefined ? issuedAt : Math.floor(request.authenticatedAt.getTime() / 1000);
      const token = new SignJWT(claims)
        .setProtectedHeader({ alg: signingAlgorithm, kid: current.keyId, typ: request.type ?? 'JWT' })
        .setIssuer(current.issuer)
        .setAudience(request.audience ?? consoleAudience)
        .setSubject(request.subject)
        .setExpirationTime(issuedAt + (request.expiresInSeconds ?? 3600))
        .setJti(randomUUID());
      return (request.withoutIssuedAt ? token : token.setIssuedAt(issuedAt)).sign(privateKey);
    },
    async bindIssuer(issuer) {
      if (issuer === current.issuer) return;
      current = { ...current, issuer };
      await storeProviderFile(path, current);
    },
  };
  return provider;
}

/** Refuses to mint a token the real provider would never issue (a typo in the CLI, say). */
function assertStaffTokenRequest(request: StaffTokenRequest): void {
  if (!(staffRoles as readonly string[]).includes(request.role)) {
    throw new Error(`unknown staff role '${request.role}'; one of ${staffRoles.join(', ')}`);
  }
  if (!JurisdictionId.safeParse(request.jurisdiction).success) {
    throw new Error(`jurisdiction must be '${cityJurisdiction}' or a district identifier, got '${request.jurisdiction}'`);
  }
  if (request.role === 'departmentLiaison' && request.department === undefined) {
    throw new Error('a departmentLiaison token needs a department');
  }
  if (request.subject.trim() === '') throw new Error('a staff token needs a subject');
}
