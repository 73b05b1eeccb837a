import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { SealedDataRejectedError } from '#shared/adapters/crypto/sealed-data-rejected-error.ts';
import { KmsPersonalDataProtector } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { dataKeyArn, FakeKms, lookupKeyArn, otherDataKeyArn, otherLookupKeyArn } from './fake-kms.ts';

const generatedComplainant = { name: '测试人甲', idNumber: '330203199001011234', phone: '13800000000', address: '宁波市海曙区测试路1号', note: '' };
const receipt = 'TS20261009K7M2Q9XA';

function aProtector(kms = new FakeKms(), keys = { dataKeyId: dataKeyArn, lookupKeyId: lookupKeyArn }) {
  return { kms, protector: new KmsPersonalDataProtector({ client: kms.asClient(), ...keys }) };
}

describe('sealing complainants\' personal data with KMS data keys', () => {
  it('asks KMS for an AES-256 data key bound to the purpose and the complaint, and opens with the same binding', async () => {
    // Prepare
    const { kms, protector } = aProtector();

    // Act
    const sealed = await protector.seal(generatedComplainant, receipt);
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
    const sealed = await protector.sealDocument(document, receipt);
    const opened = await protector.openDocument(sealed, receipt);

    // Assess
    expect(Buffer.from(opened).equals(Buffer.from(document))).toBe(true);
  });

  it('zeroes every plaintext data key once it has been used', async () => {
    // Prepare
    const { kms, protector } = aProtector();

    // Act
    await protector.open(await protector.seal(generatedComplainant, receipt), receipt);
    await protector.openDocument(await protector.sealDocument(new Uint8Array([1, 2, 3]), receipt), receipt);

    // Assess
    expect(kms.plaintextsHandedOut).toHaveLength(4);
    for (const plaintext of kms.plaintextsHandedOut) expect(plaintext.every((byte) => byte === 0)).toBe(true);
  });

  it('uses a new data key and new nonces each time the same data is sealed', async () => {
    // Prepare
    const { protector } = aProtector();

    // Act
    const first = await protector.seal(generatedComplainant, receipt);
    const second = await protector.seal(generatedComplainant, receipt);

    // Assess
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
    expect(second.fields['idNumber']).not.toBe(first.fields['idNumber']);
  });

  it('refuses a tampered field and swapped fields', async () => {
    // Prepare
    const { protector } = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt);
    const phone = Buffer.from(sealed.fields['phone'] ?? '', 'base64');
    phone[13] = (phone[13] ?? 0) ^ 0x80;
    const tampered = { ...sealed, fields: { ...sealed.fields, phone: phone.toString('base64') } };
    const swapped = { ...sealed, fields: { ...sealed.fields, name: sealed.fields['address'] ?? '', address: sealed.fields['name'] ?? '' } };

    // Act
    const outcomes = [protector.open(tampered, receipt), protector.open(swapped, receipt)];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses to open under another complaint\'s context, which KMS refuses to unwrap', async () => {
    // Prepare
    const { protector } = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt);
    const document = await protector.sealDocument(new Uint8Array([9, 9]), receipt);

    // Act
    const outcomes = [protector.open(sealed, 'TS20261009AAAAAAAA'), protector.openDocument(document, 'TS20261009AAAAAAAA')];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses data sealed under another KMS key', async () => {
    // Prepare
    const kms = new FakeKms();
    const { protector: sealer } = aProtector(kms, { dataKeyId: otherDataKeyArn, lookupKeyId: lookupKeyArn });
    const { protector: opener } = aProtector(kms);
    const sealed = await sealer.seal(generatedComplainant, receipt);

    // Act
    const outcome = opener.open(sealed, receipt);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('lets KMS failures other than a refused ciphertext through unchanged', async () => {
    // Prepare
    const denied = Object.assign(new Error('not authorized to perform kms:Decrypt'), { name: 'AccessDeniedException' });
    const client = { send: async () => Promise.reject(denied) } as unknown as KMSClient;
    const protector = new KmsPersonalDataProtector({ client, dataKeyId: dataKeyArn, lookupKeyId: lookupKeyArn });
    const sealed = await aProtector().protector.seal(generatedComplainant, receipt);

    // Act
    const outcome = protector.open(sealed, receipt);

    // Assess
    await expect(outcome).rejects.toBe(denied);
  });

  it('computes lookup hashes in KMS with the HMAC key: hex, stable for one key, different across keys', async () => {
    // Prepare
    const kms = new FakeKms();
    const { protector } = aProtector(kms);
    const { protector: otherKey } = aProtector(kms, { dataKeyId: dataKeyArn, lookupKeyId: otherLookupKeyArn });

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
