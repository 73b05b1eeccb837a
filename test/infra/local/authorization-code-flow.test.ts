/**
 * The local identity provider's sign-in: the authorization code flow with PKCE, as the console
 * drives it. A code is good once, for a minute, for its client, redirect address and verifier.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityProviderAnswer } from '#infra/local/authorization-code-flow.ts';
import { consoleAudience, loadIdentityProvider, localIssuer, type LocalIdentityProvider } from '#infra/local/identity-provider.ts';
import { principalFromClaims } from '#shared/access/staff-token-verifier.ts';

const issuer = localIssuer(4500);
const redirectUri = 'http://127.0.0.1:4500/auth/callback';
let dataDir: string;
let provider: LocalIdentityProvider;
let clock: Date;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'esup-sign-in-'));
  provider = await loadIdentityProvider({ dataDir, issuer, now: () => clock });
  clock = new Date();
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const challengeOf = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

function authorizationRequest(overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    client_id: consoleAudience,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge_method: 'S256',
    ...overrides,
  });
}

const answer = async (
  method: string,
  path: string,
  parameters: { query?: URLSearchParams; form?: URLSearchParams; origin?: string },
): Promise<IdentityProviderAnswer> =>
  (await provider.signIn.answer({
    method,
    path,
    query: parameters.query ?? new URLSearchParams(),
    form: parameters.form ?? new URLSearchParams(),
    ...(parameters.origin ? { origin: parameters.origin } : {}),
  }))!;

/** Signs in as a demo staff member; resolves with the code the redirect carries. */
async function signIn(staff: string, verifier: string): Promise<string> {
  const form = authorizationRequest({ code_challenge: challengeOf(verifier), staff });
  const redirect = await answer('POST', '/authorize', { form });
  expect(redirect.statusCode).toBe(303);
  const location = new URL(redirect.headers['location']!);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('state')).toBe('state-1');
  return location.searchParams.get('code')!;
}

const exchange = (code: string, verifier: string, overrides: Record<string, string> = {}): Promise<IdentityProviderAnswer> =>
  answer('POST', '/token', {
    form: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: consoleAudience,
      ...overrides,
    }),
  });

const newVerifier = (): string => randomBytes(32).toString('base64url');

describe('local identity provider: sign-in with the authorization code flow and PKCE', () => {
  it('lists the demo staff on a Chinese sign-in page that says it stands in for the city provider', async () => {
    // Act
    const page = await answer('GET', '/authorize', { query: authorizationRequest({ code_challenge: challengeOf(newVerifier()) }) });

    // Assess
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('代替市统一身份认证平台');
    expect(page.body).toContain('市级监察员');
    expect(page.body).toContain('区（县、市）监察员');
    expect(page.body).toContain('部门联络员');
    expect(page.body).not.toContain('<script');
  });

  it('exchanges a code once for tokens the staff authorizer accepts, asserting the chosen person', async () => {
    // Prepare
    const verifier = newVerifier();
    const code = await signIn('city-supervisor', verifier);

    // Act
    const reply = await exchange(code, verifier);
    const tokens = JSON.parse(reply.body) as { access_token: string; id_token: string; token_type: string };
    const keys = createLocalJWKSet(provider.jwks());
    const access = await jwtVerify(tokens.access_token, keys, { issuer, audience: consoleAudience });
    const id = await jwtVerify(tokens.id_token, keys, { issuer, audience: consoleAudience });

    // Assess
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(tokens.token_type).toBe('Bearer');
    expect(decodeProtectedHeader(tokens.access_token).typ).toBe('at+jwt');
    expect(access.payload).toMatchObject({
      sub: 'local-city-supervisor',
      role: 'citySupervisor',
      jurisdiction: 'city',
      amr: ['pwd', 'otp'],
      client_id: consoleAudience,
    });
    expect(access.payload.auth_time).toBe(Math.floor(clock.getTime() / 1000));
    expect(id.payload).toMatchObject({ nonce: 'nonce-1', name: '王敏（演示）', role: 'citySupervisor' });
    expect(access.payload).not.toHaveProperty('name');
    const verdict = principalFromClaims(access.payload, Math.floor(Date.now() / 1000), { clockToleranceSeconds: 30, maxSessionSeconds: 12 * 3600 });
    expect(verdict).toMatchObject({ ok: true, principal: { role: 'citySupervisor', jurisdiction: 'city', secondFactor: true } });
  });

  it('signs a liaison in with its department and without a second factor', async () => {
    // Prepare
    const verifier = newVerifier();
    const code = await signIn('haishu-housing-liaison', verifier);

    // Act
    const tokens = JSON.parse((await exchange(code, verifier)).body) as { access_token: string };
    const { payload } = await jwtVerify(tokens.access_token, createLocalJWKSet(provider.jwks()), { issuer, audience: consoleAudience });

    // Assess
    expect(payload).toMatchObject({ role: 'departmentLiaison', jurisdiction: 'haishu', department: 'haishu-housing', amr: ['pwd'] });
  });

  it('refuses a wrong verifier, and the code is spent by the attempt', async () => {
    // Prepare
    const verifier = newVerifier();
    const code = await signIn('city-supervisor', verifier);

    // Act
    const wrong = await exchange(code, newVerifier());
    const thenRight = await exchange(code, verifier);

    // Assess
    expect(wrong.statusCode).toBe(400);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: 'invalid_grant' });
    expect(JSON.parse(thenRight.body)).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code used a second time', async () => {
    // Prepare
    const verifier = newVerifier();
    const code = await signIn('city-supervisor', verifier);

    // Act
    const first = await exchange(code, verifier);
    const second = await exchange(code, verifier);

    // Assess
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(400);
    expect(JSON.parse(second.body)).toEqual({ error: 'invalid_grant', error_description: 'unknown, used or expired code' });
  });

  it('refuses a redirect address other than the one the code was issued to', async () => {
    // Prepare
    const verifier = newVerifier();
    const code = await signIn('city-supervisor', verifier);

    // Act
    const reply = await exchange(code, verifier, { redirect_uri: 'http://localhost:4500/auth/callback' });

    // Assess
    expect(reply.statusCode).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('redirect_uri') });
  });

  it('refuses a code after its minute, and another client', async () => {
    // Prepare
    const verifier = newVerifier();
    const late = await signIn('city-supervisor', verifier);
    const stolen = await signIn('city-supervisor', verifier);

    // Act
    const otherClient = await exchange(stolen, verifier, { client_id: 'another-app' });
    clock = new Date(clock.getTime() + 61_000);
    const expired = await exchange(late, verifier);

    // Assess
    expect(otherClient.statusCode).toBe(401);
    expect(JSON.parse(otherClient.body)).toMatchObject({ error: 'invalid_client' });
    expect(JSON.parse(expired.body)).toMatchObject({ error: 'invalid_grant' });
  });

  it('never redirects to an unregistered address, and sends a request without PKCE back with an error', async () => {
    // Act
    const unregistered = await answer('GET', '/authorize', {
      query: authorizationRequest({ redirect_uri: 'https://attacker.example/cb', code_challenge: challengeOf(newVerifier()) }),
    });
    const withoutPkce = await answer('GET', '/authorize', { query: authorizationRequest() });
    const plain = await answer('POST', '/authorize', {
      form: authorizationRequest({ code_challenge: newVerifier(), code_challenge_method: 'plain', staff: 'city-supervisor' }),
    });

    // Assess
    expect(unregistered.statusCode).toBe(400);
    expect(unregistered.headers['location']).toBeUndefined();
    expect(new URL(withoutPkce.headers['location']!).searchParams.get('error')).toBe('invalid_request');
    expect(new URL(plain.headers['location']!).searchParams.get('error')).toBe('invalid_request');
  });

  it('lets the console opened as localhost fetch tokens across origins, and no other origin', async () => {
    // Prepare
    const verifier = newVerifier();
    const code = await signIn('city-supervisor', verifier);
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: consoleAudience,
    });

    // Act
    const fromConsole = await answer('POST', '/token', { form, origin: 'http://localhost:4500' });
    const preflight = await answer('OPTIONS', '/token', { origin: 'https://attacker.example' });

    // Assess
    expect(fromConsole.headers['access-control-allow-origin']).toBe('http://localhost:4500');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('publishes the flow in its discovery document', () => {
    expect(provider.openidConfiguration()).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      end_session_endpoint: `${issuer}/logout`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
  });
});
