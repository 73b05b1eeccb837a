/**
 * Sign-in on the local identity provider: the OIDC authorization code flow with PKCE (RFC 7636,
 * S256 only), as a browser application such as the console uses it with the city's provider.
 * `/authorize` shows a page listing the demo staff to sign in as (there are no passwords here);
 * `/token` exchanges a code once, within a minute, for the client and redirect URI it was issued
 * to and the verifier of its challenge; `/logout` returns to a registered address. The tokens are
 * those {@link LocalIdentityProvider.mintStaffToken} mints, so the staff authorizer checks them as
 * it checks the provider's.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DemoStaffIdentity } from './demo-staff.ts';
import type { StaffTokenRequest } from './identity-provider.ts';
import { signInPage, signInProblemPage } from './sign-in-page.ts';

/** A browser application registered with the provider: a public client (no secret; PKCE instead). */
export interface OidcClient {
  readonly clientId: string;
  /** Exact addresses a code may be sent to. */
  readonly redirectUris: readonly string[];
  /** Exact addresses `/logout` may return to. */
  readonly postLogoutRedirectUris: readonly string[];
}

/** An HTTP request to the provider, as far as the flow reads it. */
export interface IdentityProviderRequest {
  readonly method: string;
  /** Below the provider's path: `/authorize`, `/token`, `/logout`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** An `application/x-www-form-urlencoded` body (empty otherwise). */
  readonly form: URLSearchParams;
  /** The `Origin` header of a browser's request. */
  readonly origin?: string;
}

/** The provider's answer. */
export interface IdentityProviderAnswer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface AuthorizationCodeFlowOptions {
  /** The provider's issuer; read per request, since it moves to the API server's port. */
  readonly issuer: () => string;
  readonly clients: () => readonly OidcClient[];
  readonly staff: readonly DemoStaffIdentity[];
  readonly mintStaffToken: (request: StaffTokenRequest) => Promise<string>;
  readonly now?: () => Date;
  /** How long a code may wait for its exchange; 60 s by default. */
  readonly codeLifetimeSeconds?: number;
  /** Lifetime of the tokens issued; 1 h by default. */
  readonly tokenLifetimeSeconds?: number;
}

export interface AuthorizationCodeFlow {
  /** The discovery document's endpoints and capabilities of the flow. */
  discovery(): Record<string, unknown>;
  /** Answers a request to one of the flow's endpoints; undefined for any other path. */
  answer(request: IdentityProviderRequest): Promise<IdentityProviderAnswer | undefined>;
  /** Origins of the registered clients' redirect addresses: those whose scripts may call the provider. */
  clientOrigins(): readonly string[];
}

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce?: string;
  readonly staff: DemoStaffIdentity;
  readonly authenticatedAt: Date;
  readonly expiresAt: number;
}

/** What an authorization request asks for, once checked. */
interface AuthorizationRequest {
  readonly client: OidcClient;
  readonly redirectUri: string;
  readonly state?: string;
  readonly nonce?: string;
  readonly codeChallenge: string;
}

/** RFC 7636 §4.1: 43–128 unreserved characters. */
const codeVerifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;
/** BASE64URL(SHA-256(verifier)): always 43 characters. */
const s256ChallengePattern = /^[A-Za-z0-9_-]{43}$/;

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/** Token responses must never be cached (RFC 6749 §5.1). */
const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

export function createAuthorizationCodeFlow(options: AuthorizationCodeFlowOptions): AuthorizationCodeFlow {
  const now = options.now ?? (() => new Date());
  const codeLifetimeMs = (options.codeLifetimeSeconds ?? 60) * 1000;
  const codes = new Map<string, IssuedCode>();

  const clientOrigins = (): string[] => [
    ...new Set(options.clients().flatMap((client) => [...client.redirectUris, ...client.postLogoutRedirectUris].map((uri) => new URL(uri).origin))),
  ];

  /** CORS for the console's scripts: the discovery document and the token endpoint are fetched cross-origin when the console is opened on another host name. */
  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin !== undefined && clientOrigins().includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { vary: 'Origin' };

  const json = (statusCode: number, body: unknown, origin: string | undefined): IdentityProviderAnswer => ({
    statusCode,
    headers: { 'content-type': 'application/json', ...noStore, ...corsHeaders(origin) },
    body: JSON.stringify(body),
  });
  const tokenError = (statusCode: number, error: string, description: string, origin: string | undefined): IdentityProviderAnswer =>
    json(statusCode, { error, error_description: description }, origin);

  const redirect = (location: string): IdentityProviderAnswer => ({ statusCode: 303, headers: { location, ...noStore }, body: '' });
  const redirectWithError = (request: Pick<AuthorizationRequest, 'redirectUri' | 'state'>, error: string, description: string): IdentityProviderAnswer => {
    const target = new URL(request.redirectUri);
    target.searchParams.set('error', error);
    target.searchParams.set('error_description', description);
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    return redirect(target.href);
  };

  /**
   * Checks an authorization request. An unknown client or an unregistered redirect address is
   * shown on the provider's own page and never redirected to (RFC 6749 §4.1.2.1); anything else
   * wrong goes back to the client as an error.
   */
  function checkAuthorization(parameters: URLSearchParams): { ok: AuthorizationRequest } | { answer: IdentityProviderAnswer } {
    const client = options.clients().find((candidate) => candidate.clientId === parameters.get('client_id'));
    if (!client) return { answer: signInProblemPage(400, '未登记的应用（client_id）', 'Unknown client_id.') };
    const redirectUri = parameters.get('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) {
      return { answer: signInProblemPage(400, '回调地址未登记（redirect_uri）', 'The redirect_uri is not registered for this client.') };
    }
    const state = parameters.get('state') ?? undefined;
    const back = { redirectUri, state };
    if (parameters.get('response_type') !== 'code') return { answer: redirectWithError(back, 'unsupported_response_type', 'only response_type=code') };
    if (!(parameters.get('scope') ?? '').split(' ').includes('openid'))
      return { answer: redirectWithError(back, 'invalid_scope', 'scope must include openid') };
    const codeChallenge = parameters.get('code_challenge') ?? '';
    if (parameters.get('code_challenge_method') !== 'S256' || !s256ChallengePattern.test(codeChallenge)) {
      return { answer: redirectWithError(back, 'invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256') };
    }
    const nonce = parameters.get('nonce') ?? undefined;
    return { ok: { client, redirectUri, codeChallenge, ...(state === undefined ? {} : { state }), ...(nonce === undefined ? {} : { nonce }) } };
  }

  function authorizePage(request: IdentityProviderRequest): IdentityProviderAnswer {
    const checked = checkAuthorization(request.query);
    if ('answer' in checked) return checked.answer;
    // The page posts the request back as it came, with the person chosen.
    const fields = [...request.query.entries()].filter(([name]) => name !== 'staff');
    return signInPage({
      action: `${new URL(options.issuer()).pathname}/authorize`,
      fields,
      staff: options.staff,
      redirectOrigin: new URL(checked.ok.redirectUri).origin,
    });
  }

  function signIn(request: IdentityProviderRequest): IdentityProviderAnswer {
    const checked = checkAuthorization(request.form);
    if ('answer' in checked) return checked.answer;
    const staff = options.staff.find((candidate) => candidate.id === request.form.get('staff'));
    if (!staff) return redirectWithError(checked.ok, 'access_denied', 'no such staff member');
    const time = now();
    for (const [code, issued] of codes) if (issued.expiresAt <= time.getTime()) codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId: checked.ok.client.clientId,
      redirectUri: checked.ok.redirectUri,
      codeChallenge: checked.ok.codeChallenge,
      ...(checked.ok.nonce === undefined ? {} : { nonce: checked.ok.nonce }),
      staff,
      authenticatedAt: time,
      expiresAt: time.getTime() + codeLifetimeMs,
    });
    const target = new URL(checked.ok.redirectUri);
    target.searchParams.set('code', code);
    if (checked.ok.state !== undefined) target.searchParams.set('state', checked.ok.state);
    return redirect(target.href);
  }

  async function exchange(request: IdentityProviderRequest): Promise<IdentityProviderAnswer> {
    const { form, origin } = request;
    if (form.get('grant_type') !== 'authorization_code') return tokenError(400, 'unsupported_grant_type', 'only authorization_code', origin);
    const client = options.clients().find((candidate) => candidate.clientId === form.get('client_id'));
    if (!client) return tokenError(401, 'invalid_client', 'unknown client_id', origin);
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    // A code is spent by its first exchange, right or wrong: a second try (a replay) finds nothing.
    codes.delete(code);
    if (!issued) return tokenError(400, 'invalid_grant', 'unknown, used or expired code', origin);
    if (issued.expiresAt <= now().getTime()) return tokenError(400, 'invalid_grant', 'unknown, used or expired code', origin);
    if (issued.clientId !== client.clientId) return tokenError(400, 'invalid_grant', 'code issued to another client', origin);
    if (form.get('redirect_uri') !== issued.redirectUri) return tokenError(400, 'invalid_grant', 'redirect_uri differs from the authorization request', origin);
    const verifier = form.get('code_verifier') ?? '';
    if (!codeVerifierPattern.test(verifier) || s256(verifier) !== issued.codeChallenge) {
      return tokenError(400, 'invalid_grant', 'code_verifier does not match the code_challenge', origin);
    }
    const expiresInSeconds = options.tokenLifetimeSeconds ?? 3600;
    const { staff } = issued;
    const claims: StaffTokenRequest = {
      subject: staff.subject,
      role: staff.role,
      jurisdiction: staff.jurisdiction,
      ...(staff.department === undefined ? {} : { department: staff.department }),
      ...(staff.secondFactor === undefined ? {} : { secondFactor: staff.secondFactor }),
      authenticatedAt: issued.authenticatedAt,
      expiresInSeconds,
    };
    // The ID token is for the console (its audience is the client); the access token, an RFC 9068
    // JWT for this system's API, is what the console sends as its bearer.
    const [idToken, accessToken] = await Promise.all([
      options.mintStaffToken({ ...claims, name: staff.name, audience: client.clientId, ...(issued.nonce === undefined ? {} : { nonce: issued.nonce }) }),
      options.mintStaffToken({ ...claims, type: 'at+jwt', clientId: client.clientId }),
    ]);
    return json(200, { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: expiresInSeconds, scope: 'openid' }, origin);
  }

  function logout(request: IdentityProviderRequest): IdentityProviderAnswer {
    const target = request.query.get('post_logout_redirect_uri');
    if (target !== null && options.clients().some((client) => client.postLogoutRedirectUris.includes(target))) return redirect(target);
    return signInProblemPage(200, '已退出登录', 'Signed out.');
  }

  return {
    discovery: () => {
      const issuer = options.issuer();
      return {
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
        scopes_supported: ['openid'],
      };
    },
    clientOrigins,
    async answer(request) {
      if (request.path === '/authorize' && request.method === 'GET') return authorizePage(request);
      if (request.path === '/authorize' && request.method === 'POST') return signIn(request);
      if (request.path === '/token' && request.method === 'POST') return exchange(request);
      if (request.path === '/token' && request.method === 'OPTIONS') {
        return {
          statusCode: 204,
          headers: { ...corsHeaders(request.origin), 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type' },
          body: '',
        };
      }
      if (request.path === '/logout' && request.method === 'GET') return logout(request);
      return undefined;
    },
  };
}
