import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffTokenVerifier, maxStaffSessionSeconds } from '#shared/access/staff-token-verifier.ts';
import type { StaffTokenVerifier } from '#shared/access/staff-token-verifier.ts';
import {
  defaultSubject,
  nowSeconds,
  staffClaims,
  startTestIdentityProvider,
  symmetricToken,
  unsignedToken,
} from './test-identity-provider.ts';
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
      principal: { kind: 'staff', subject: defaultSubject, role: 'citySupervisor', jurisdiction: 'city' },
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
      },
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

describe('staff token verifier: tokens that do not authenticate', () => {
  it.each([
    ['an expired token', { expiresAt: nowSeconds() - 120 }, 'expired'],
    ['a token for another audience', { audience: 'another-app' }, 'wrongAudience'],
    ['a token from another issuer', { issuer: 'https://idp.example.org/realms/city' }, 'wrongIssuer'],
    ['a token signed by a foreign key under the provider kid', { signer: 'forgedSameKid' }, 'badSignature'],
    ['a token signed by a foreign key under its own kid', { signer: 'forgedUnknownKid' }, 'unknownKey'],
    ['a token without a subject', { subject: null }, 'missingClaim'],
    [
      'a session longer than twelve hours',
      { issuedAt: nowSeconds(), expiresAt: nowSeconds() + maxStaffSessionSeconds + 60 },
      'sessionTooLong',
    ],
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
