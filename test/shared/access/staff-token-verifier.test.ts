import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffTokenVerifier, defaultMaxStaffSessionSeconds as maxStaffSessionSeconds } from '#shared/access/staff-token-verifier.ts';
import type { StaffTokenVerifier } from '#shared/access/staff-token-verifier.ts';
import { defaultSubject, nowSeconds, staffClaims, startTestIdentityProvider, symmetricToken, unsignedToken } from './test-identity-provider.ts';
import type { TestIdentityProvider } from './test-identity-provider.ts';

let provider: TestIdentityProvider;
let verifier: StaffTokenVerifier;

beforeAll(async () => {
  provider = await startTestIdentityProvider();
  verifier = createStaffTokenVerifier({
    issuer: provider.issuer,
    audience: provider.audience,
    jwksUrl: provider.jwksUrl,
  });
});

afterAll(async () => {
  await provider.close();
});

describe('staff token verifier: genuine tokens', () => {
  it('reads a city supervisor signed in with a second factor into a staff principal', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor);

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({
      ok: true,
      principal: { kind: 'staff', subject: defaultSubject, role: 'citySupervisor', jurisdiction: 'city', secondFactor: true },
      session: { key: expect.stringMatching(/^[0-9a-f]{64}$/), signedInAt: expect.any(Number), endsBy: expect.any(Number) },
    });
  });

  it('gives a department liaison the department of the token, without requiring a second factor', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.departmentLiaison);

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({
      ok: true,
      principal: {
        kind: 'staff',
        subject: defaultSubject,
        role: 'departmentLiaison',
        jurisdiction: 'haidian',
        department: 'market-regulation',
        secondFactor: false,
      },
      session: expect.objectContaining({ key: expect.any(String) }),
    });
  });

  it('ignores a department claim on a role that acts for no department', async () => {
    // Prepare
    const token = await provider.mint({ ...staffClaims.districtSupervisor, department: 'market-regulation' });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result.ok && result.principal.department).toBe(undefined);
  });

  it('accepts a token signed with the provider RSA key', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.districtSupervisor, { signer: 'trustedRsa' });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result.ok).toBe(true);
  });

  it('tolerates an expiry a few seconds past, within the clock tolerance', async () => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor, { expiresAt: nowSeconds() - 10 });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result.ok).toBe(true);
  });

  it('accepts a session of exactly twelve hours', async () => {
    // Prepare
    const issuedAt = nowSeconds();
    const token = await provider.mint(staffClaims.citySupervisor, {
      issuedAt,
      expiresAt: issuedAt + maxStaffSessionSeconds,
    });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result.ok).toBe(true);
  });
});

describe('staff token verifier: sessions and token types', () => {
  it('accepts the token types of an ID token and an access token, in any spelling, and a token without typ', async () => {
    // Prepare
    const tokens = await Promise.all(
      ['JWT', 'at+jwt', 'application/at+jwt', 'AT+JWT', null].map((type) => provider.mint(staffClaims.citySupervisor, { type })),
    );

    // Act
    const results = await Promise.all(tokens.map((token) => verifier.verify(token)));

    // Assess
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, true]);
  });

  it.each(['logout+jwt', 'secevent+jwt', 'dpop+jwt', 'JOSE'])('refuses a genuinely signed token declared as %s', async (type) => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor, { type });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason: 'wrongType' });
  });

  it('ends a privileged session the cap after its sign-in, however fresh its token', async () => {
    // Prepare: a token issued a minute ago for a sign-in 12 hours and 2 minutes ago.
    const token = await provider.mint(staffClaims.districtSupervisor, { authTime: nowSeconds() - maxStaffSessionSeconds - 120, issuedAt: nowSeconds() - 60 });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason: 'signInTooOld' });
  });

  it('follows the configured session cap', async () => {
    // Prepare: a two-hour cap; a sign-in three hours ago; a four-hour token.
    const twoHours = createStaffTokenVerifier({ issuer: provider.issuer, audience: provider.audience, jwksUrl: provider.jwksUrl, maxSessionSeconds: 2 * 3600 });
    const oldSignIn = await provider.mint(staffClaims.citySupervisor, { authTime: nowSeconds() - 3 * 3600 });
    const longToken = await provider.mint(staffClaims.departmentLiaison, { expiresAt: nowSeconds() + 4 * 3600 });
    const fresh = await provider.mint(staffClaims.citySupervisor, { authTime: nowSeconds() - 3600 });

    // Act
    const results = await Promise.all([oldSignIn, longToken, fresh].map((token) => twoHours.verify(token)));

    // Assess
    expect(results.map((result) => (result.ok ? 'ok' : result.reason))).toEqual(['signInTooOld', 'sessionTooLong', 'ok']);
  });

  it("does not ask for a sign-in time of a liaison, whose role is not privileged, and keys its session on the token's issue time", async () => {
    // Prepare
    const issuedAt = nowSeconds() - 30;
    const token = await provider.mint(staffClaims.departmentLiaison, { authTime: null, issuedAt });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toMatchObject({ ok: true, session: { signedInAt: issuedAt } });
  });

  it('keys every token of one sign-in to the same session, and another sign-in to another', async () => {
    // Prepare
    const signedInAt = nowSeconds() - 900;
    const tokens = await Promise.all([
      provider.mint(staffClaims.citySupervisor, { authTime: signedInAt, issuedAt: signedInAt }),
      provider.mint(staffClaims.citySupervisor, { authTime: signedInAt }),
      provider.mint(staffClaims.citySupervisor, { authTime: signedInAt + 1 }),
    ]);

    // Act
    const keys = (await Promise.all(tokens.map((token) => verifier.verify(token)))).map((result) => (result.ok ? result.session.key : undefined));

    // Assess
    expect(keys[0]).toBeDefined();
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });
});

describe('staff token verifier: tokens that do not authenticate', () => {
  it.each([
    ['an expired token', { expiresAt: nowSeconds() - 120 }, 'expired'],
    ['a token for another audience', { audience: 'another-app' }, 'wrongAudience'],
    ['a token from another issuer', { issuer: 'https://idp.example.org/realms/city' }, 'wrongIssuer'],
    ['a token signed by a foreign key under the provider kid', { signer: 'forgedSameKid' }, 'badSignature'],
    ['a token signed by a foreign key under its own kid', { signer: 'forgedUnknownKid' }, 'unknownKey'],
    ['a token without a subject', { subject: null }, 'missingClaim'],
    ['a token without an issue time', { issuedAt: null }, 'missingClaim'],
    ['a privileged token without a sign-in time', { authTime: null }, 'missingClaim'],
    ['a privileged token with a sign-in time that is not a number', { authTime: '2026-03-02' as unknown as number }, 'invalidClaim'],
    ['a privileged token signed in in the future', { authTime: nowSeconds() + 600 }, 'notYetValid'],
    ['a session longer than twelve hours', { issuedAt: nowSeconds(), expiresAt: nowSeconds() + maxStaffSessionSeconds + 60 }, 'sessionTooLong'],
    ['a token issued in the future', { issuedAt: nowSeconds() + 600 }, 'notYetValid'],
  ] as const)('refuses %s', async (_case, options, reason) => {
    // Prepare
    const token = await provider.mint(staffClaims.citySupervisor, options);

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason });
  });

  it('refuses an unsigned token (alg none)', async () => {
    // Prepare
    const token = unsignedToken(provider.payload(staffClaims.citySupervisor));

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason: 'disallowedAlgorithm' });
  });

  it('refuses an HS256 token keyed with the provider public keys', async () => {
    // Prepare
    const token = await symmetricToken(provider.payload(staffClaims.citySupervisor), provider.jwksUrl);

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason: 'disallowedAlgorithm' });
  });

  it.each([
    ['', 'missingToken'],
    ['not-a-jwt', 'malformed'],
    ['a.b.c', 'malformed'],
    ['x'.repeat(10_000), 'malformed'],
  ])('refuses the non-token %j', async (token, reason) => {
    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason });
  });

  it.each([
    ['without a role', { jurisdiction: 'city', amr: ['otp'] }, 'missingClaim'],
    ['without a jurisdiction', { role: 'citySupervisor', amr: ['otp'] }, 'missingClaim'],
    ['with a jurisdiction that is no district identifier', { ...staffClaims.districtSupervisor, jurisdiction: 'Hai Dian' }, 'invalidClaim'],
    ['of a liaison without a department', { role: 'departmentLiaison', jurisdiction: 'haidian' }, 'missingClaim'],
    ['of a liaison with a malformed department', { ...staffClaims.departmentLiaison, department: '../admin' }, 'invalidClaim'],
  ] as const)('refuses a token %s', async (_case, claims, reason) => {
    // Prepare
    const token = await provider.mint(claims);

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason });
  });

  it('fails closed when the provider key set cannot be fetched', async () => {
    // Prepare
    const unreachable = createStaffTokenVerifier({
      issuer: provider.issuer,
      audience: provider.audience,
      jwksUrl: new URL('/no-such-jwks', provider.jwksUrl),
    });
    const token = await provider.mint(staffClaims.citySupervisor);

    // Act
    const result = await unreachable.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'unauthenticated', reason: 'keySetUnavailable' });
  });
});

describe('staff token verifier: genuine tokens that do not grant staff access', () => {
  it.each(['citySupervisor', 'districtSupervisor', 'auditor', 'securityAdministrator', 'systemAdministrator'])(
    'requires a second factor of a %s',
    async (role) => {
      // Prepare
      const token = await provider.mint({ role, jurisdiction: role === 'districtSupervisor' ? 'haidian' : 'city', amr: ['pwd'] });

      // Act
      const result = await verifier.verify(token);

      // Assess
      expect(result).toMatchObject({ ok: false, status: 'forbidden', reason: 'secondFactorRequired', subject: defaultSubject });
    },
  );

  it('does not take an amr that is not a list as a second factor', async () => {
    // Prepare
    const token = await provider.mint({ ...staffClaims.citySupervisor, amr: 'otp' });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toMatchObject({ ok: false, reason: 'secondFactorRequired' });
  });

  it('refuses a role the system does not know', async () => {
    // Prepare
    const token = await provider.mint({ role: 'mayor', jurisdiction: 'city', amr: ['otp'] });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toEqual({ ok: false, status: 'forbidden', reason: 'unknownRole', subject: defaultSubject, jurisdiction: 'city' });
  });

  it('refuses a district supervisor who claims the whole city', async () => {
    // Prepare
    const token = await provider.mint({ ...staffClaims.districtSupervisor, jurisdiction: 'city' });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toMatchObject({ ok: false, status: 'forbidden', reason: 'jurisdictionNotAllowed' });
  });

  it('refuses a city supervisor scoped to a single district', async () => {
    // Prepare
    const token = await provider.mint({ ...staffClaims.citySupervisor, jurisdiction: 'haidian' });

    // Act
    const result = await verifier.verify(token);

    // Assess
    expect(result).toMatchObject({ ok: false, status: 'forbidden', reason: 'jurisdictionNotAllowed' });
  });
});
