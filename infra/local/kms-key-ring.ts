/**
 * The keys the local KMS endpoint serves, declared as the stack declares them (key id, ARN, spec,
 * aliases). Each key's material is 32 random bytes in `<directory>/<keyId>.key` (mode 0600),
 * created on first start and read again after a restart, so what was sealed earlier still opens.
 * The material never leaves this process: not in a response, a message or a log.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSigningKeySpec, loadSigningKeyPair, type LocalSigningKeyPair, type LocalSigningKeySpec } from './kms-signing-keys.ts';

/** The key specs the local endpoint offers: those the stack creates. */
export type LocalKmsKeySpec = 'SYMMETRIC_DEFAULT' | 'HMAC_256' | LocalSigningKeySpec;

/** What a key is for, as KMS names it. */
export type LocalKmsKeyUsage = 'ENCRYPT_DECRYPT' | 'GENERATE_VERIFY_MAC' | 'SIGN_VERIFY';

/** A key to serve, as the deployment declares it. */
export interface LocalKmsKeyDeclaration {
  /** Lower-case UUID, the last part of the ARN. */
  readonly keyId: string;
  /** `arn:<partition>:kms:<region>:<account>:key/<keyId>` */
  readonly arn: string;
  readonly spec: LocalKmsKeySpec;
  /** Alias names, each `alias/<name>`; the key also answers to their alias ARNs. */
  readonly aliases?: readonly string[];
}

/** A served key with its material. */
export interface LocalKmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly spec: LocalKmsKeySpec;
  readonly usage: LocalKmsKeyUsage;
  readonly account: string;
  readonly aliases: readonly string[];
  /** When the material was created (the key file's modification time). */
  readonly createdAt: Date;
  /** 32 bytes (empty for an asymmetric key). Never returned, never logged. */
  readonly material: Buffer;
  /** The key pair of an asymmetric signing key (`SIGN_VERIFY`). */
  readonly signing?: LocalSigningKeyPair;
}

/** The key a request's `KeyId` named, and the alias it was named by, if any. */
export interface ResolvedKmsKey {
  readonly key: LocalKmsKey;
  /** `alias/<name>` when the request named the key by alias name or alias ARN (`kms:RequestAlias`). */
  readonly alias?: string;
}

/** The served keys, found by any identifier KMS accepts. */
export interface KmsKeyRing {
  /** The key named by a key id, key ARN, alias name or alias ARN; undefined when none is. */
  resolve(identifier: string): ResolvedKmsKey | undefined;
  /** The key with this key id (the one a ciphertext blob carries). */
  byKeyId(keyId: string): LocalKmsKey | undefined;
  /** Overwrites every key's material in memory; the ring is unusable afterwards. */
  forget(): void;
}

/** Bytes of key material, for AES-256 and HMAC_256 alike. */
export const keyMaterialBytes = 32;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const keyArnPattern = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
// `alias/aws/...` names belong to AWS managed keys, which a customer cannot declare.
const aliasPattern = /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/;

/**
 * Checks the declarations and loads (or creates) each key's material in `directory` (created
 * with mode 0700 when missing). Refuses a malformed key id, ARN or alias, and any identifier
 * declared twice, so a request can never resolve to two keys.
 */
export async function openKmsKeyRing(declarations: readonly LocalKmsKeyDeclaration[], directory: string): Promise<KmsKeyRing> {
  const problems = declarationProblems(declarations);
  if (problems.length > 0) throw new Error(`local KMS keys are misdeclared: ${problems.join('; ')}`);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const keys: LocalKmsKey[] = [];
  for (const declaration of declarations) keys.push(await loadKey(declaration, directory));
  return keyRingOf(keys);
}

/** Every way a declaration list is unusable, in words; empty when it is fine. */
export function declarationProblems(declarations: readonly LocalKmsKeyDeclaration[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const claim = (identifier: string): void => {
    if (seen.has(identifier)) problems.push(`${identifier} is declared twice`);
    seen.add(identifier);
  };
  for (const { keyId, arn, spec, aliases = [] } of declarations) {
    if (!uuidPattern.test(keyId)) problems.push(`key id ${keyId} is not a lower-case UUID`);
    const arnMatch = keyArnPattern.exec(arn);
    if (arnMatch?.[4] !== keyId) problems.push(`${arn} is not the ARN of key ${keyId}`);
    if (spec !== 'SYMMETRIC_DEFAULT' && spec !== 'HMAC_256' && !isSigningKeySpec(spec)) problems.push(`key ${keyId} has unsupported spec ${String(spec)}`);
    claim(keyId);
    claim(arn);
    for (const alias of aliases) {
      if (!aliasPattern.test(alias)) problems.push(`alias ${alias} of key ${keyId} must be alias/<name>, not under alias/aws/`);
      claim(alias);
    }
  }
  return problems;
}

function keyRingOf(keys: readonly LocalKmsKey[]): KmsKeyRing {
  const byIdentifier = new Map<string, ResolvedKmsKey>();
  for (const key of keys) {
    byIdentifier.set(key.keyId, { key });
    byIdentifier.set(key.arn, { key });
    for (const alias of key.aliases) {
      byIdentifier.set(alias, { key, alias });
      byIdentifier.set(aliasArn(key.arn, alias), { key, alias });
    }
  }
  const byKeyId = new Map(keys.map((key) => [key.keyId, key]));
  return {
    resolve: (identifier) => byIdentifier.get(identifier),
    byKeyId: (keyId) => byKeyId.get(keyId),
    forget: () => {
      for (const key of keys) key.material.fill(0);
    },
  };
}

/** `arn:...:key/<id>` + `alias/<name>` → `arn:...:alias/<name>`: aliases live in the key's account and region. */
export function aliasArn(keyArn: string, alias: string): string {
  return `${keyArn.slice(0, keyArn.lastIndexOf(':key/'))}:${alias}`;
}

async function loadKey(declaration: LocalKmsKeyDeclaration, directory: string): Promise<LocalKmsKey> {
  if (isSigningKeySpec(declaration.spec)) return loadAsymmetricKey(declaration, declaration.spec, directory);
  const file = join(directory, `${declaration.keyId}.key`);
  const material = await readOrCreateMaterial(file);
  return {
    keyId: declaration.keyId,
    arn: declaration.arn,
    spec: declaration.spec,
    usage: declaration.spec === 'HMAC_256' ? 'GENERATE_VERIFY_MAC' : 'ENCRYPT_DECRYPT',
    account: keyArnPattern.exec(declaration.arn)?.[3] ?? '',
    aliases: [...(declaration.aliases ?? [])],
    createdAt: (await stat(file)).mtime,
    material,
  };
}

/** An asymmetric signing key: its key pair, no symmetric material. */
async function loadAsymmetricKey(declaration: LocalKmsKeyDeclaration, spec: LocalSigningKeySpec, directory: string): Promise<LocalKmsKey> {
  const signing = await loadSigningKeyPair(declaration.keyId, directory);
  return {
    keyId: declaration.keyId,
    arn: declaration.arn,
    spec,
    usage: 'SIGN_VERIFY',
    account: keyArnPattern.exec(declaration.arn)?.[3] ?? '',
    aliases: [...(declaration.aliases ?? [])],
    createdAt: (await stat(join(directory, `${declaration.keyId}.p256.pem`))).mtime,
    material: Buffer.alloc(0),
    signing,
  };
}

/**
 * The 32 bytes of a key file. A missing file is created atomically (written beside it, then
 * hard-linked into place), so two endpoints starting together on one directory share the key.
 */
async function readOrCreateMaterial(file: string): Promise<Buffer> {
  const existing = await readMaterial(file);
  if (existing) return existing;
  const draft = `${file}.${randomBytes(8).toString('hex')}.draft`;
  const material = randomBytes(keyMaterialBytes);
  try {
    await writeFile(draft, material, { mode: 0o600, flag: 'wx' });
    await chmod(draft, 0o600); // whatever the umask
    await link(draft, file);
    return material;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    material.fill(0);
    const raced = await readMaterial(file);
    if (!raced) throw error;
    return raced;
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

async function readMaterial(file: string): Promise<Buffer | undefined> {
  try {
    const material = await readFile(file);
    if (material.length !== keyMaterialBytes) {
      throw new Error(`local KMS key file ${file} must hold exactly ${keyMaterialBytes} bytes, not ${material.length}`);
    }
    return material;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
