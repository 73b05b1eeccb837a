/**
 * The credential chain the function bundles carry in place of the SDK's default Node chain: the
 * role's credentials from the variables Lambda (and the local runtime's sandbox) set, as the
 * first link of the default chain reads them, and nothing else.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProvider } from '#shared/adapters/aws/lambda-credential-chain.ts';

afterEach(() => vi.unstubAllEnvs());

describe("the function bundles' credential chain", () => {
  it('answers with the role credentials of the environment, session token and all', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'ASIAEXAMPLEEXAMPLE01');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token');

    // Act
    const credentials = await defaultProvider()();

    // Assess
    expect(credentials).toMatchObject({ accessKeyId: 'ASIAEXAMPLEEXAMPLE01', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  it('refuses, naming the environment, when the variables are missing (no other source is tried)', async () => {
    // Prepare
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');

    // Act / Assess
    await expect(defaultProvider()()).rejects.toThrow(/environment variable credentials/);
  });
});
