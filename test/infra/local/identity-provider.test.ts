import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleAudience, identityProviderFileName, loadIdentityProvider, localIssuer } from '#infra/local/identity-provider.ts';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'esup-idp-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('local identity provider', () => {
  it('mints a city supervisor token that verifies against its own JWKS with the console claims', async () => {
    // Prepare
    const provider = await loadIdentityProvider({ dataDir, issuer: localIssuer(4100) });

    // Act
    const token = await provider.mintStaffToken({ subject: 'supervisor-1', role: 'citySupervisor', jurisdiction: 'city' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(provider.jwks()), {
      issuer: 'http://127.0.0.1:4100/local-idp',
      audience: consoleAudience,
      algorithms: ['ES256'],
    });

    // Assess
    expect(payload).toMatchObject({ sub: 'supervisor-1', role: 'citySupervisor', jurisdiction: 'city', amr: ['pwd', 'otp'] });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload).not.toHaveProperty('department');
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: provider.keyId, typ: 'JWT' });
  });

  it('carries the department of a liaison and only a password when signed in without a second factor', async () => {
    // Prepare
    const provider = await loadIdentityProvider({ dataDir });

    // Act
    const token = await provider.mintStaffToken({
      subject: 'liaison-1',
      role: 'departmentLiaison',
      jurisdiction: 'haishu',
      department: 'haishu-housing',
      secondFactor: false,
    });
    const { payload } = await jwtVerify(token, createLocalJWKSet(provider.jwks()));

    // Assess
    expect(payload).toMatchObject({ department: 'haishu-housing', jurisdiction: 'haishu', amr: ['pwd'] });
  });

  it('mints tokens that fail verification once expired', async () => {
    // Prepare
    const provider = await loadIdentityProvider({ dataDir });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);

    // Act
    const token = await provider.mintStaffToken({
      subject: 'supervisor-1',
      role: 'districtSupervisor',
      jurisdiction: 'yinzhou',
      issuedAt: twoHoursAgo,
      expiresInSeconds: 600,
    });
    const verifying = jwtVerify(token, createLocalJWKSet(provider.jwks()));

    // Assess
    await expect(verifying).rejects.toBeInstanceOf(errors.JWTExpired);
  });

  it('keeps its key and issuer across restarts, in a file only its owner can read', async () => {
    // Prepare
    const first = await loadIdentityProvider({ dataDir, issuer: localIssuer(4200) });
    const token = await first.mintStaffToken({ subject: 'auditor-1', role: 'auditor', jurisdiction: 'city' });

    // Act
    const second = await loadIdentityProvider({ dataDir, issuer: localIssuer(9999) });
    const verified = await jwtVerify(token, createLocalJWKSet(second.jwks()), { issuer: second.issuer });
    const mode = (await stat(join(dataDir, identityProviderFileName))).mode & 0o777;

    // Assess
    expect(second.issuer).toBe(localIssuer(4200));
    expect(second.keyId).toBe(first.keyId);
    expect(verified.payload.sub).toBe('auditor-1');
    expect(mode).toBe(0o600);
  });

  it('stores the issuer it is bound to, so the CLI mints tokens for the running API', async () => {
    // Prepare
    const provider = await loadIdentityProvider({ dataDir, issuer: localIssuer(3000) });

    // Act
    await provider.bindIssuer(localIssuer(4300));
    const stored = JSON.parse(await readFile(join(dataDir, identityProviderFileName), 'utf8')) as { issuer: string };
    const reloaded = await loadIdentityProvider({ dataDir });

    // Assess
    expect(stored.issuer).toBe('http://127.0.0.1:4300/local-idp');
    expect(reloaded.issuer).toBe('http://127.0.0.1:4300/local-idp');
    expect(provider.openidConfiguration()).toMatchObject({
      issuer: 'http://127.0.0.1:4300/local-idp',
      jwks_uri: 'http://127.0.0.1:4300/local-idp/.well-known/jwks.json',
    });
  });

  it('publishes only the public key', async () => {
    // Prepare
    const provider = await loadIdentityProvider({ dataDir });

    // Act
    const [key] = provider.jwks().keys;

    // Assess
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: provider.keyId });
    expect(key).not.toHaveProperty('d');
  });

  it('refuses to mint a token for a role the provider does not know', async () => {
    // Prepare
    const provider = await loadIdentityProvider({ dataDir });

    // Act
    const minting = provider.mintStaffToken({ subject: 'x', role: 'superuser' as never, jurisdiction: 'city' });

    // Assess
    await expect(minting).rejects.toThrow(/unknown staff role 'superuser'/);
  });
});
