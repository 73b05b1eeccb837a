import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPersonalDataProtector } from '#shared/adapters/crypto/local-personal-data-protector.ts';
import { personalDataProtectorFrom } from '#shared/adapters/crypto/personal-data-protector-from-environment.ts';
import { KmsPersonalDataProtector } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { ConfigurationError } from '#shared/config/function-environment.ts';
import { dataKeyArn, FakeKms, lookupKeyArn } from '../kms/fake-kms.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'protector-environment-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('choosing the personal-data protector from the environment', () => {
  it('uses local key files for local: references, creating them, and never builds a KMS client', async () => {
    // Prepare
    const dataKeyFile = join(folder, randomBytes(4).toString('hex'), 'personal-data.key');
    const lookupKeyFile = join(folder, randomBytes(4).toString('hex'), 'lookup-hash.key');
    let kmsClientsBuilt = 0;

    // Act
    const protector = await personalDataProtectorFrom({ PERSONAL_DATA_KEY: `local:${dataKeyFile}`, LOOKUP_HASH_KEY: `local:${lookupKeyFile}` }, () => {
      kmsClientsBuilt += 1;
      return new FakeKms().asClient();
    });

    // Assess
    expect(protector).toBeInstanceOf(LocalPersonalDataProtector);
    expect((await stat(dataKeyFile)).size).toBe(32);
    expect((await stat(lookupKeyFile)).size).toBe(32);
    expect(kmsClientsBuilt).toBe(0);
  });

  it('uses KMS for two key ARNs, sealing under the period keys of the alias prefix and hashing with the HMAC key', async () => {
    // Prepare: the intake key of October 2026 is the data key ARN of the fake.
    const kms = new FakeKms().withAlias('alias/esup-test-pd-intake-2026-10', dataKeyArn);

    // Act
    const protector = await personalDataProtectorFrom(
      { PERSONAL_DATA_KEY: dataKeyArn, LOOKUP_HASH_KEY: lookupKeyArn, PERSONAL_DATA_PERIOD_KEYS: 'alias/esup-test-pd-' },
      () => kms.asClient(),
    );
    const sealed = await protector.seal({ phone: '13800000000' }, 'TS20261009K7M2Q9XA', { period: { kind: 'intake', period: '2026-10' } });
    await protector.lookupHash('phone:13800000000');

    // Assess
    expect(protector).toBeInstanceOf(KmsPersonalDataProtector);
    expect(sealed.keyRef).toBe(dataKeyArn);
    expect(kms.commands.map((command) => ('KeyId' in command.input ? command.input.KeyId : undefined))).toEqual([
      'alias/esup-test-pd-intake-2026-10',
      lookupKeyArn,
    ]);
  });

  it.each([
    ['a local key beside a KMS key', { PERSONAL_DATA_KEY: `local:${join(tmpdir(), 'never-created.key')}`, LOOKUP_HASH_KEY: lookupKeyArn }],
    ['a KMS key beside a local key', { PERSONAL_DATA_KEY: dataKeyArn, LOOKUP_HASH_KEY: `local:${join(tmpdir(), 'never-created.key')}` }],
    ['one key for both purposes', { PERSONAL_DATA_KEY: dataKeyArn, LOOKUP_HASH_KEY: dataKeyArn }],
    ['an alias instead of a key ARN', { PERSONAL_DATA_KEY: 'alias/personal-data', LOOKUP_HASH_KEY: lookupKeyArn }],
    ['local: without a file', { PERSONAL_DATA_KEY: 'local:', LOOKUP_HASH_KEY: `local:${join(tmpdir(), 'never-created.key')}` }],
    ['KMS keys without the alias prefix of the period keys', { PERSONAL_DATA_KEY: dataKeyArn, LOOKUP_HASH_KEY: lookupKeyArn }],
  ])('refuses %s as a configuration error', async (_case, env) => {
    // Act
    const outcome = personalDataProtectorFrom(env, () => new FakeKms().asClient());

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(ConfigurationError);
  });
});
