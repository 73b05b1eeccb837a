/**
 * The asymmetric signing keys of the local KMS endpoint (key spec `ECC_NIST_P256`, usage
 * `SIGN_VERIFY`): a P-256 key pair per key, its private half in `<directory>/<keyId>.p256.pem`
 * (PKCS #8, mode 0600), created on first start and read again after a restart, so what was
 * signed earlier still verifies. The private key never leaves this process; the public key is
 * what `GetPublicKey` hands out (DER SubjectPublicKeyInfo, as KMS does).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmod, link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The asymmetric key specs the local endpoint offers. */
export const localSigningKeySpecs = ['ECC_NIST_P256'] as const;
export type LocalSigningKeySpec = (typeof localSigningKeySpecs)[number];

/** The signing algorithms of each spec, as KMS names them. */
export const signingAlgorithmsOf: Readonly<Record<LocalSigningKeySpec, readonly string[]>> = { ECC_NIST_P256: ['ECDSA_SHA_256'] };

/** A loaded key pair. */
export interface LocalSigningKeyPair {
  readonly privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  readonly publicKey: Buffer;
}

export const isSigningKeySpec = (spec: string): spec is LocalSigningKeySpec => (localSigningKeySpecs as readonly string[]).includes(spec);

/** Loads (or creates) the key pair of `keyId` in `directory`. */
export async function loadSigningKeyPair(keyId: string, directory: string): Promise<LocalSigningKeyPair> {
  const file = join(directory, `${keyId}.p256.pem`);
  const pem = await readOrCreatePem(file);
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`local KMS key file ${file} must hold a P-256 private key`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }) };
}

/** The PEM in `file`, created atomically when missing (written beside it, then hard-linked into place). */
async function readOrCreatePem(file: string): Promise<string> {
  const existing = await readPem(file);
  if (existing !== undefined) return existing;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const draft = `${file}.${randomBytes(8).toString('hex')}.draft`;
  try {
    await writeFile(draft, pem, { mode: 0o600, flag: 'wx' });
    await chmod(draft, 0o600);
    await link(draft, file);
    return pem;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readPem(file);
    if (raced === undefined) throw error;
    return raced;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function readPem(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
