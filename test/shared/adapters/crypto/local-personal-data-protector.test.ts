import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPersonalDataProtector } from '#shared/adapters/crypto/local-personal-data-protector.ts';
import { SealedDataRejectedError } from '#shared/adapters/crypto/sealed-data-rejected-error.ts';
import { ConfigurationError } from '#shared/config/function-environment.ts';

/** The local protector has one wrapping key: the period named is ignored. */
const anyKey = { period: { kind: 'intake', period: '2026-10' } } as const;
const aProtector = () => new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey: randomBytes(32) });
const generatedComplainant = { name: '测试人甲', idNumber: '330203199001011234', phone: '13800000000', address: '宁波市海曙区测试路1号' };
const receipt = 'TS20261009K7M2Q9XA';

/** Flips one bit of a base64 value past its nonce. */
function flipped(base64: string, at = 14): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe("sealing complainants' personal data with a local wrapping key", () => {
  it('opens what it sealed: every field, unicode and an empty string', async () => {
    // Prepare
    const protector = aProtector();
    const fields = { ...generatedComplainant, note: '', emoji: '𠀀🙂' };

    // Act
    const sealed = await protector.seal(fields, receipt, anyKey);
    const opened = await protector.open(sealed, receipt);

    // Assess
    expect(opened).toEqual(fields);
    expect(sealed.keyRef).toBe('local');
    expect(Object.keys(sealed.fields).sort()).toEqual(Object.keys(fields).sort());
    expect(JSON.stringify(sealed)).not.toContain('330203199001011234');
    expect(Buffer.from(sealed.fields['idNumber'] ?? '', 'base64').toString('utf8')).not.toContain('3302031990');
  });

  it('opens a 200 KB document it sealed', async () => {
    // Prepare
    const protector = aProtector();
    const document = new Uint8Array(randomBytes(200 * 1024));

    // Act
    const sealed = await protector.sealDocument(document, receipt, anyKey);
    const opened = await protector.openDocument(sealed, receipt);

    // Assess
    expect(Buffer.from(opened).equals(Buffer.from(document))).toBe(true);
    expect(sealed.ciphertext.byteLength).toBe(document.byteLength + 28);
  });

  it('uses a new data key and new nonces each time the same data is sealed', async () => {
    // Prepare
    const protector = aProtector();

    // Act
    const first = await protector.seal(generatedComplainant, receipt, anyKey);
    const second = await protector.seal(generatedComplainant, receipt, anyKey);
    const firstDocument = await protector.sealDocument(new Uint8Array([1, 2, 3]), receipt, anyKey);
    const secondDocument = await protector.sealDocument(new Uint8Array([1, 2, 3]), receipt, anyKey);

    // Assess
    expect(second.wrappedKey).not.toBe(first.wrappedKey);
    expect(second.fields['name']).not.toBe(first.fields['name']);
    expect(Buffer.from(secondDocument.ciphertext).equals(Buffer.from(firstDocument.ciphertext))).toBe(false);
    expect(secondDocument.wrappedKey).not.toBe(firstDocument.wrappedKey);
  });

  it('refuses a field whose ciphertext was tampered with', async () => {
    // Prepare
    const protector = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt, anyKey);
    const tampered = { ...sealed, fields: { ...sealed.fields, phone: flipped(sealed.fields['phone'] ?? '') } };

    // Act
    const outcome = protector.open(tampered, receipt);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses fields swapped with each other', async () => {
    // Prepare
    const protector = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt, anyKey);
    const swapped = { ...sealed, fields: { ...sealed.fields, name: sealed.fields['phone'] ?? '', phone: sealed.fields['name'] ?? '' } };

    // Act
    const outcome = protector.open(swapped, receipt);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses a field moved into another complaint sealed under the same key', async () => {
    // Prepare
    const protector = aProtector();
    const mine = await protector.seal(generatedComplainant, receipt, anyKey);
    const other = await protector.seal({ ...generatedComplainant, phone: '13900000000' }, 'TS20261009AAAAAAAA', anyKey);
    const grafted = { ...mine, fields: { ...mine.fields, phone: other.fields['phone'] ?? '' } };

    // Act
    const outcome = protector.open(grafted, receipt);

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses to open fields or a document under another context', async () => {
    // Prepare
    const protector = aProtector();
    const sealed = await protector.seal(generatedComplainant, receipt, anyKey);
    const document = await protector.sealDocument(new Uint8Array([7, 7, 7]), receipt, anyKey);

    // Act
    const fields = protector.open(sealed, 'TS20261009AAAAAAAA');
    const notice = protector.openDocument(document, 'TS20261009AAAAAAAA');

    // Assess
    await expect(fields).rejects.toBeInstanceOf(SealedDataRejectedError);
    await expect(notice).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('refuses data sealed under another wrapping key, a tampered document or a wrapped key from elsewhere', async () => {
    // Prepare
    const protector = aProtector();
    const sealed = await aProtector().seal(generatedComplainant, receipt, anyKey);
    const document = await protector.sealDocument(new Uint8Array(randomBytes(64)), receipt, anyKey);
    const tamperedDocument = { ...document, ciphertext: Uint8Array.from(document.ciphertext, (byte, index) => (index === 20 ? byte ^ 1 : byte)) };
    const ownFields = await protector.seal(generatedComplainant, receipt, anyKey);
    const foreignKey = { ...ownFields, wrappedKey: sealed.wrappedKey };

    // Act
    const outcomes = [
      protector.open(sealed, receipt),
      protector.openDocument(tamperedDocument, receipt),
      protector.open(foreignKey, receipt),
      protector.open({ ...ownFields, keyRef: 'arn:aws-cn:kms:cn-north-1:123456789012:key/00000000-0000-0000-0000-000000000000' }, receipt),
      protector.open({ ...ownFields, wrappedKey: 'not base64!' }, receipt),
    ];

    // Assess
    for (const outcome of outcomes) await expect(outcome).rejects.toBeInstanceOf(SealedDataRejectedError);
  });

  it('gives a stable lookup hash under one key and a different one under another key', async () => {
    // Prepare
    const lookupKey = randomBytes(32);
    const protector = new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey });
    const sameLookupKey = new LocalPersonalDataProtector({ wrappingKey: randomBytes(32), lookupKey });
    const otherLookupKey = aProtector();

    // Act
    const hash = await protector.lookupHash('idNumber:330203199001011234');
    const again = await sameLookupKey.lookupHash('idNumber:330203199001011234');
    const otherValue = await protector.lookupHash('idNumber:330203199001011235');
    const otherKey = await otherLookupKey.lookupHash('idNumber:330203199001011234');

    // Assess
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toBe(hash);
    expect(otherValue).not.toBe(hash);
    expect(otherKey).not.toBe(hash);
  });

  it('refuses keys that are not 32 bytes', () => {
    // Act
    const build = () => new LocalPersonalDataProtector({ wrappingKey: randomBytes(16), lookupKey: randomBytes(32) });

    // Assess
    expect(build).toThrow(ConfigurationError);
  });
});

describe('local key files', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'personal-data-keys-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates missing key files of 32 bytes with mode 0600, in folders it creates', async () => {
    // Prepare
    const wrappingFile = join(folder, 'created', 'keys', 'personal-data.key');
    const lookupFile = join(folder, 'created', 'keys', 'lookup-hash.key');

    // Act
    await LocalPersonalDataProtector.fromFiles(wrappingFile, lookupFile);

    // Assess
    for (const file of [wrappingFile, lookupFile]) {
      const info = await stat(file);
      expect(info.mode & 0o777).toBe(0o600);
      expect(info.size).toBe(32);
    }
    expect((await readFile(wrappingFile)).equals(await readFile(lookupFile))).toBe(false);
  });

  it('reuses existing key files, so data sealed before a restart still opens', async () => {
    // Prepare
    const wrappingFile = join(folder, 'reused', 'personal-data.key');
    const lookupFile = join(folder, 'reused', 'lookup-hash.key');
    const before = await LocalPersonalDataProtector.fromFiles(wrappingFile, lookupFile);
    const sealed = await before.seal({ phone: '13800000000' }, receipt, anyKey);
    const hash = await before.lookupHash('phone:13800000000');
    const keyBytes = await readFile(wrappingFile);

    // Act
    const after = await LocalPersonalDataProtector.fromFiles(wrappingFile, lookupFile);

    // Assess
    expect(await after.open(sealed, receipt)).toEqual({ phone: '13800000000' });
    expect(await after.lookupHash('phone:13800000000')).toBe(hash);
    expect((await readFile(wrappingFile)).equals(keyBytes)).toBe(true);
  });

  it('creates one key when two processes start together', async () => {
    // Prepare
    const wrappingFile = join(folder, 'raced', 'personal-data.key');
    const lookupFile = join(folder, 'raced', 'lookup-hash.key');

    // Act
    const [first, second] = await Promise.all([
      LocalPersonalDataProtector.fromFiles(wrappingFile, lookupFile),
      LocalPersonalDataProtector.fromFiles(wrappingFile, lookupFile),
    ]);

    // Assess
    expect(await second.open(await first.seal({ name: '测试人乙' }, receipt, anyKey), receipt)).toEqual({ name: '测试人乙' });
  });

  it('refuses a key file of the wrong length', async () => {
    // Prepare
    const shortFile = join(folder, 'short.key');
    await writeFile(shortFile, randomBytes(31), { mode: 0o600 });

    // Act
    const outcome = LocalPersonalDataProtector.fromFiles(shortFile, join(folder, 'short-lookup.key'));

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(ConfigurationError);
  });
});
