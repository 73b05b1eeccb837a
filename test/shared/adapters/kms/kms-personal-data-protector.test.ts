import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, ReEncryptCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { SealedDataRejectedError } from '#shared/adapters/crypto/sealed-data-rejected-error.ts';
import { KmsPersonalDataProtector } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { DependencyUnavailableError } from '#shared/application/dependency-unavailable.ts';
import { PersonalDataShreddedError } from '#shared/application/personal-data-shredded.ts';
import { dataKeyArn, FakeKms, lookupKeyArn, otherDataKeyArn, otherLookupKeyArn } from './fake-kms.ts';

const generatedComplainant = { name: '测试人甲', idNumber: '330203199001011234', phone: '13800000000', address: '宁波市海曙区测试路1号', note: '' };
const receipt = 'TS20261009K7M2Q9XA';

const underDataKey = { keyRef: dataKeyArn };

function aProtector(kms = new FakeKms(), keys = { lookupKeyId: lookupKeyArn }) {
  return { kms, protector: new KmsPersonalDataProtector({ client: kms.asClient(), ...keys }) };
}

describe("sealing complainants' personal data with KMS data keys", () => {
  it('asks KMS for an AES-256 data key bound to the purpose and the complaint, and opens with the same binding', async () => {
    // Prepare
    const { kms, protector } = aProtector();

    // Act
    const sealed = await protector.seal(generatedComplainant, receipt, underDataKey);
    const opened = await protector.open(sealed, receipt);

    // Assess
    expect(opened).toEqual(generatedComplainant);
    expect(sealed.keyRef).toBe(dataKeyArn);
    const [generate, decrypt] = kms.commands;
    expect(generate).toBeInstanceOf(GenerateDataKeyCommand);
    expect(generate?.input).toEqual({ KeyId: dataKeyArn, KeySpec: 'AES_256', EncryptionContext: { purpose: 'complaint-personal-data', context: receipt } });
    expect(decrypt).toBeInstanceOf(DecryptCommand);
    expect(decrypt?.input).toMatchObject({ KeyId: dataKeyArn, EncryptionContext: { purpose: 'complaint-personal-data', context: receipt } });
    expect(JSON.stringify(sealed)).not.toContain('330203199001011234');
  });

  it('opens a 200 KB document it sealed', async () => {
    // Prepare
    const { protector } = aProtector();
    const document = new Uint8Array(randomBytes(200 * 1024));

    // Act
    const sealed = await protector.sealDocument(document, receipt, underDataKey);
    const opened = await protector.openDocument(sealed, receipt);

    // Assess
    expect(Buffer.from(opened).equals(Buffer.from(document))).toBe(true);
  });

  it('zeroes every plaintext data key once it has been used', async () => {
    // Prepare
    const { kms, protector } = aProtector();

    // Act
    await protector.open(await protector.seal(generatedComplainant, receipt, underDataKey), receipt);
    await protector.openDocument(await protector.sealDocument(new Uint8Array([1, 2, 3]), receipt, underDataKey), receipt);

    // Assess
    expect(kms.plaintextsHandedOut).toHaveLength(4);
    for (const plaintext of kms.plaintextsHandedOut) expect(plaintext.every((byte) => byte === 0)).toBe(true);
  });

  it('uses a new data key and new nonces each time the same data is sealed', async () => {
    // Prepare
    const { protector } = aProtector();

    // Act
    const first = await protector.seal(generatedComplainant, receipt, underDataKey);
    const second = await protector.seal(generatedComplainant, receipt, underDataKey);

    // Assess
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
    expect(second.fields['idNumber']).not.toBe(first.fields['idNumber']);
  });

  it('refuses a tampered field and swapped fields', async () => {
    // Prepare
    const { protector } = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt, underDataKey);
    const phone = Buffer.from(sealed.fields['phone'] ?? '', 'base64');
    phone[13] = (phone[13] ?? 0) ^ 0x80;
    const tampered = { ...sealed, fields: { ...sealed.fields, phone: phone.toString('base64') } };
    const swapped = { ...sealed, fields: { ...sealed.fields, name: sealed.fields['address'] ?? '', address: sealed.fields['name'] ?? '' } };

    // Act
    const outcomes = [protector.open(tampered, receipt), protector.open(swapped, receipt)];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it("refuses to open under another complaint's context, which KMS refuses to unwrap", async () => {
    // Prepare
    const { protector } = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt, underDataKey);
    const document = await protector.sealDocument(new Uint8Array([9, 9]), receipt, underDataKey);

    // Act
    const outcomes = [protector.open(sealed, 'TS20261009AAAAAAAA'), protector.openDocument(document, 'TS20261009AAAAAAAA')];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses data sealed under another KMS key', async () => {
    // Prepare
    const kms = new FakeKms();
    const { protector: sealer } = aProtector(kms);
    const { protector: opener } = aProtector(kms);
    const sealed = await sealer.seal(generatedComplainant, receipt, { keyRef: otherDataKeyArn });
    const opening = { ...sealed, keyRef: dataKeyArn };

    // Act: the record claims the data key, KMS finds another key inside the ciphertext.
    const outcome = opener.open(opening, receipt);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('lets KMS failures other than a refused ciphertext through unchanged', async () => {
    // Prepare
    const denied = Object.assign(new Error('not authorized to perform kms:Decrypt'), { name: 'AccessDeniedException' });
    const client = { send: async () => Promise.reject(denied) } as unknown as KMSClient;
    const protector = new KmsPersonalDataProtector({ client, lookupKeyId: lookupKeyArn });
    const sealed = await aProtector().protector.seal(generatedComplainant, receipt, underDataKey);

    // Act
    const outcome = protector.open(sealed, receipt);

    // Assess
    await expect(outcome).rejects.toBe(denied);
  });

  it('computes lookup hashes in KMS with the HMAC key: hex, stable for one key, different across keys', async () => {
    // Prepare
    const kms = new FakeKms();
    const { protector } = aProtector(kms);
    const { protector: otherKey } = aProtector(kms, { lookupKeyId: otherLookupKeyArn });

    // Act
    const hash = await protector.lookupHash('phone:13800000000');
    const again = await protector.lookupHash('phone:13800000000');
    const underOtherKey = await otherKey.lookupHash('phone:13800000000');

    // Assess
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toBe(hash);
    expect(underOtherKey).not.toBe(hash);
    const mac = kms.commands.find((command) => command instanceof GenerateMacCommand);
    expect(mac?.input).toEqual({ KeyId: lookupKeyArn, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('phone:13800000000', 'utf8') });
  });
});

describe('keys per period', () => {
  const intake = { kind: 'intake', period: '2026-10' } as const;
  const retention = { kind: 'retention', period: '2029-10' } as const;
  const periodKeys = () =>
    new FakeKms().withAlias('alias/esup-test-pd-intake-2026-10', dataKeyArn).withAlias('alias/esup-test-pd-retention-2029-10', otherDataKeyArn);
  const aPeriodProtector = (kms: FakeKms) =>
    new KmsPersonalDataProtector({ client: kms.asClient(), lookupKeyId: lookupKeyArn, periodKeyAliasPrefix: 'alias/esup-test-pd-' });

  it("seals under a period key by its alias and keeps the key's ARN, so the data opens after the alias is gone", async () => {
    // Prepare
    const kms = periodKeys();
    const protector = aPeriodProtector(kms);

    // Act
    const sealed = await protector.seal(generatedComplainant, receipt, { period: intake });
    const opened = await protector.open(sealed, receipt);

    // Assess
    expect(kms.commands[0]?.input).toMatchObject({ KeyId: 'alias/esup-test-pd-intake-2026-10' });
    expect(sealed.keyRef).toBe(dataKeyArn);
    expect(kms.commands[1]?.input).toMatchObject({ KeyId: dataKeyArn });
    expect(opened).toEqual(generatedComplainant);
  });

  it('re-wraps a data key under the retention key inside KMS: no plaintext key comes out, and the fields open under the new key only', async () => {
    // Prepare
    const kms = periodKeys();
    const protector = aPeriodProtector(kms);
    const sealed = await protector.seal(generatedComplainant, receipt, { period: intake });
    const handedOut = kms.plaintextsHandedOut.length;

    // Act
    const moved = { ...sealed, ...(await protector.rewrap(sealed, receipt, retention)) };
    kms.scheduleDeletion(dataKeyArn);
    const opened = await protector.open(moved, receipt);
    const before = protector.open(sealed, receipt);

    // Assess
    expect(kms.commands[1]).toBeInstanceOf(ReEncryptCommand);
    expect(kms.commands[1]?.input).toMatchObject({
      SourceKeyId: dataKeyArn,
      DestinationKeyId: 'alias/esup-test-pd-retention-2029-10',
      SourceEncryptionContext: { purpose: 'complaint-personal-data', context: receipt },
      DestinationEncryptionContext: { purpose: 'complaint-personal-data', context: receipt },
    });
    expect(kms.plaintextsHandedOut.length - handedOut).toBe(1); // the open afterwards, not the re-wrap
    expect(moved.keyRef).toBe(otherDataKeyArn);
    expect(opened).toEqual(generatedComplainant);
    await expect(before).rejects.toBeInstanceOf(PersonalDataShreddedError);
  });

  it('says the data is shredded when the key it is under is pending deletion, for opening and re-wrapping alike', async () => {
    // Prepare
    const kms = periodKeys();
    const protector = aPeriodProtector(kms);
    const sealed = await protector.seal(generatedComplainant, receipt, { period: intake });
    const document = await protector.sealDocument(new Uint8Array([1, 2, 3]), receipt, { keyRef: sealed.keyRef });
    kms.scheduleDeletion(dataKeyArn);

    // Act
    const outcomes = [protector.open(sealed, receipt), protector.openDocument(document, receipt), protector.rewrap(sealed, receipt, retention)];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(PersonalDataShreddedError);
  });

  it('says a period key that does not exist yet is a dependency not ready (503), not shredded data', async () => {
    // Prepare
    const kms = periodKeys();
    const protector = aPeriodProtector(kms);
    const sealed = await protector.seal(generatedComplainant, receipt, { period: intake });

    // Act
    const outcomes = [
      protector.seal(generatedComplainant, receipt, { period: { kind: 'intake', period: '2031-01' } }),
      protector.rewrap(sealed, receipt, { kind: 'retention', period: '2031-01' }),
    ];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it('refuses to seal under a period key without the alias prefix, and under a key that is not a KMS key', async () => {
    // Prepare
    const protector = new KmsPersonalDataProtector({ client: new FakeKms().asClient(), lookupKeyId: lookupKeyArn });

    // Act and assess
    await expect(protector.seal(generatedComplainant, receipt, { period: intake })).rejects.toThrow(/PERSONAL_DATA_PERIOD_KEYS/);
    await expect(protector.seal(generatedComplainant, receipt, { keyRef: 'local' })).rejects.toBeInstanceOf(SealedDataRejectedError);
  });
});
