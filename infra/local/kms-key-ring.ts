/**
 * The keys the local KMS endpoint serves, declared as the stack declares them (key id, ARN, spec,
 * aliases, tags), and the keys created at run time (`CreateKey`). Each key's material is 32 random
 * bytes in `<directory>/<keyId>.key` (mode 0600), created on first start and read again after a
 * restart, so what was sealed earlier still opens. The material never leaves this process: not in
 * a response, a message or a log.
 *
 * What changes at run time — a created key with its policy, tags added, aliases created, rotation,
 * a scheduled deletion — is kept in `<directory>/<keyId>.json` (mode 0600) and read again after a
 * restart. A key whose deletion date has passed is gone: its material file is overwritten and
 * removed, its aliases deleted, and only a tombstone stays, so a restart does not bring it back.
 */
import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
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
  /** The key's tags, as the template sets them (`aws:ResourceTag/<key>` in IAM checks). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Where a key is in its life, as KMS names the states the local endpoint knows. */
export type LocalKmsKeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

/**
 * What can change of a key at run time (tags, rotation, state); changed only through the ring,
 * which keeps it on disk.
 */
export interface LocalKmsKeyLifecycle {
  readonly description: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly state: LocalKmsKeyState;
  /** When a key pending deletion is deleted (ISO). */
  readonly deletionDate?: string;
  readonly pendingWindowInDays?: number;
  readonly rotation: boolean;
}

/** A served key with its material. */
export interface LocalKmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly spec: LocalKmsKeySpec;
  readonly usage: LocalKmsKeyUsage;
  readonly account: string;
  /** Its aliases now (declared, and created at run time). */
  readonly aliases: readonly string[];
  /** When the material was created (the key file's modification time, or the `CreateKey`). */
  readonly createdAt: Date;
  /** 32 bytes (empty for an asymmetric key). Never returned, never logged. */
  readonly material: Buffer;
  /** Declared by the deployment, or created at run time with `CreateKey`. */
  readonly origin: 'declared' | 'created';
  /** The key policy a created key was given (a declared key's is the template's). */
  readonly policy?: Readonly<Record<string, unknown>>;
  readonly lifecycle: LocalKmsKeyLifecycle;
  /** The key pair of an asymmetric signing key (`SIGN_VERIFY`). */
  readonly signing?: LocalSigningKeyPair;
}

/** A key to create at run time (`CreateKey`): the ring draws its id and material. */
export interface LocalKmsKeyCreation {
  readonly keyId: string;
  readonly arn: string;
  readonly spec: LocalKmsKeySpec;
  readonly description: string;
  readonly policy: Readonly<Record<string, unknown>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: Date;
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
  /** Every alias with the key it points to, by alias name. */
  aliases(): readonly { readonly alias: string; readonly key: LocalKmsKey }[];
  /** Creates a key (material, policy, tags) and keeps it on disk. */
  create(creation: LocalKmsKeyCreation): Promise<LocalKmsKey>;
  /** Points a new alias at a key. */
  addAlias(alias: string, key: LocalKmsKey): Promise<void>;
  /** Changes what can change of a key, and keeps it on disk. */
  update(key: LocalKmsKey, change: Partial<LocalKmsKeyLifecycle>): Promise<void>;
  /** Deletes every key pending deletion whose deletion date is at or before `now`: material, aliases, all. */
  deleteDue(now: Date): Promise<void>;
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
  const records = await readKeyRecords(directory);
  const keys: LocalKmsKey[] = [];
  for (const declaration of declarations) {
    const record = records.get(declaration.keyId);
    if (record?.deleted) continue;
    keys.push(await loadKey(declaration, directory, record));
  }
  for (const record of records.values()) {
    if (record.origin !== 'created' || record.deleted || keys.some((key) => key.keyId === record.keyId)) continue;
    keys.push(await loadCreatedKey(record, directory));
  }
  const createdAliases = new Map(keys.map((key) => [key.keyId, [...(records.get(key.keyId)?.aliases ?? [])]]));
  return new MutableKeyRing(keys, directory, createdAliases);
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

/** What `<keyId>.json` holds: a created key in full, a declared key's changes, or a deleted key's tombstone. */
interface KeyRecord {
  readonly keyId: string;
  readonly origin: 'declared' | 'created';
  readonly arn: string;
  readonly spec: LocalKmsKeySpec;
  readonly createdAt: string;
  readonly policy?: Readonly<Record<string, unknown>>;
  /** Aliases created at run time (a declared key's declared ones are the template's). */
  readonly aliases: readonly string[];
  readonly lifecycle: LocalKmsKeyLifecycle;
  readonly deleted?: boolean;
}

const uuidFile = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;

async function readKeyRecords(directory: string): Promise<Map<string, KeyRecord>> {
  const records = new Map<string, KeyRecord>();
  for (const file of await readdir(directory)) {
    const match = uuidFile.exec(file);
    if (!match) continue;
    const record = JSON.parse(await readFile(join(directory, file), 'utf8')) as KeyRecord;
    if (record.keyId !== match[1]) throw new Error(`local KMS key record ${file} names key ${record.keyId}`);
    records.set(record.keyId, record);
  }
  return records;
}

/** The keys served, their aliases, and what changes at run time, kept on disk. */
class MutableKeyRing implements KmsKeyRing {
  readonly #keys = new Map<string, LocalKmsKey>();
  /** Alias name → key id. */
  readonly #aliases = new Map<string, string>();
  /** Aliases created at run time, per key id (declared ones come from the template at each start). */
  readonly #createdAliases = new Map<string, string[]>();
  readonly #declaredAliases = new Map<string, readonly string[]>();
  readonly #directory: string;

  constructor(keys: readonly LocalKmsKey[], directory: string, createdAliases: ReadonlyMap<string, readonly string[]>) {
    this.#directory = directory;
    for (const key of keys) {
      const created = createdAliases.get(key.keyId) ?? [];
      this.#keys.set(key.keyId, key);
      this.#createdAliases.set(key.keyId, [...created]);
      this.#declaredAliases.set(
        key.keyId,
        key.aliases.filter((alias) => !created.includes(alias)),
      );
    }
    for (const key of keys) for (const alias of key.aliases) this.#aliases.set(alias, key.keyId);
  }

  resolve(identifier: string): ResolvedKmsKey | undefined {
    const byId = this.#keys.get(identifier);
    if (byId) return { key: byId };
    const arnMatch = keyArnPattern.exec(identifier);
    if (arnMatch) {
      const key = this.#keys.get(arnMatch[4] ?? '');
      return key && key.arn === identifier ? { key } : undefined;
    }
    const aliasName = identifier.startsWith('alias/') ? identifier : /^arn:[^:]+:kms:[^:]*:\d*:(alias\/.+)$/.exec(identifier)?.[1];
    if (aliasName === undefined) return undefined;
    const key = this.#keys.get(this.#aliases.get(aliasName) ?? '');
    if (!key) return undefined;
    if (identifier !== aliasName && aliasArn(key.arn, aliasName) !== identifier) return undefined;
    return { key, alias: aliasName };
  }

  byKeyId(keyId: string): LocalKmsKey | undefined {
    return this.#keys.get(keyId);
  }

  aliases(): { alias: string; key: LocalKmsKey }[] {
    return [...this.#aliases].map(([alias, keyId]) => ({ alias, key: this.#keys.get(keyId)! })).sort((a, b) => a.alias.localeCompare(b.alias));
  }

  async create(creation: LocalKmsKeyCreation): Promise<LocalKmsKey> {
    if (this.#keys.has(creation.keyId)) throw new Error(`key ${creation.keyId} exists`);
    const material = await readOrCreateMaterial(join(this.#directory, `${creation.keyId}.key`));
    const key: LocalKmsKey = {
      keyId: creation.keyId,
      arn: creation.arn,
      spec: creation.spec,
      usage: usageOf(creation.spec),
      account: keyArnPattern.exec(creation.arn)?.[3] ?? '',
      aliases: [],
      createdAt: creation.createdAt,
      material,
      origin: 'created',
      policy: creation.policy,
      lifecycle: { description: creation.description, tags: { ...creation.tags }, state: 'Enabled', rotation: false },
    };
    this.#keys.set(key.keyId, key);
    this.#declaredAliases.set(key.keyId, []);
    this.#createdAliases.set(key.keyId, []);
    await this.#save(key);
    return key;
  }

  async addAlias(alias: string, key: LocalKmsKey): Promise<void> {
    if (this.#aliases.has(alias)) throw new Error(`alias ${alias} exists`);
    this.#aliases.set(alias, key.keyId);
    this.#createdAliases.get(key.keyId)?.push(alias);
    this.#replace(key, {});
    await this.#save(this.#keys.get(key.keyId)!);
  }

  async update(key: LocalKmsKey, change: Partial<LocalKmsKeyLifecycle>): Promise<void> {
    this.#replace(key, change);
    await this.#save(this.#keys.get(key.keyId)!);
  }

  async deleteDue(now: Date): Promise<void> {
    for (const key of [...this.#keys.values()]) {
      const { state, deletionDate } = key.lifecycle;
      if (state !== 'PendingDeletion' || deletionDate === undefined || Date.parse(deletionDate) > now.getTime()) continue;
      this.#keys.delete(key.keyId);
      for (const [alias, keyId] of [...this.#aliases]) if (keyId === key.keyId) this.#aliases.delete(alias);
      await this.#save(key, true);
      const file = join(this.#directory, `${key.keyId}.key`);
      await writeFile(file, Buffer.alloc(keyMaterialBytes)).catch(() => undefined);
      await unlink(file).catch(() => undefined);
      key.material.fill(0);
    }
  }

  forget(): void {
    for (const key of this.#keys.values()) key.material.fill(0);
  }

  /** The key as it is now, with its current aliases and lifecycle (objects handed out stay as they were). */
  #replace(key: LocalKmsKey, change: Partial<LocalKmsKeyLifecycle>): void {
    const current = this.#keys.get(key.keyId);
    if (!current) throw new Error(`key ${key.keyId} does not exist`);
    const aliases = [...(this.#declaredAliases.get(key.keyId) ?? []), ...(this.#createdAliases.get(key.keyId) ?? [])];
    const lifecycle = { ...current.lifecycle, ...change };
    if (lifecycle.state !== 'PendingDeletion') {
      delete (lifecycle as { deletionDate?: string }).deletionDate;
      delete (lifecycle as { pendingWindowInDays?: number }).pendingWindowInDays;
    }
    this.#keys.set(key.keyId, { ...current, aliases, lifecycle });
  }

  async #save(key: LocalKmsKey, deleted = false): Promise<void> {
    const record: KeyRecord = {
      keyId: key.keyId,
      origin: key.origin,
      arn: key.arn,
      spec: key.spec,
      createdAt: key.createdAt.toISOString(),
      ...(key.policy === undefined ? {} : { policy: key.policy }),
      aliases: deleted ? [] : (this.#createdAliases.get(key.keyId) ?? []),
      lifecycle: key.lifecycle,
      ...(deleted ? { deleted: true } : {}),
    };
    const file = join(this.#directory, `${key.keyId}.json`);
    const draft = `${file}.${randomBytes(8).toString('hex')}.draft`;
    await writeFile(draft, JSON.stringify(record, null, 2), { mode: 0o600 });
    await rename(draft, file);
  }
}

const usageOf = (spec: LocalKmsKeySpec): LocalKmsKeyUsage => (spec === 'HMAC_256' ? 'GENERATE_VERIFY_MAC' : 'ENCRYPT_DECRYPT');

/** `arn:...:key/<id>` + `alias/<name>` → `arn:...:alias/<name>`: aliases live in the key's account and region. */
export function aliasArn(keyArn: string, alias: string): string {
  return `${keyArn.slice(0, keyArn.lastIndexOf(':key/'))}:${alias}`;
}

async function loadKey(declaration: LocalKmsKeyDeclaration, directory: string, record: KeyRecord | undefined): Promise<LocalKmsKey> {
  if (isSigningKeySpec(declaration.spec)) return loadAsymmetricKey(declaration, declaration.spec, directory, record);
  const file = join(directory, `${declaration.keyId}.key`);
  const material = await readOrCreateMaterial(file);
  return {
    keyId: declaration.keyId,
    arn: declaration.arn,
    spec: declaration.spec,
    usage: usageOf(declaration.spec),
    account: keyArnPattern.exec(declaration.arn)?.[3] ?? '',
    aliases: [...(declaration.aliases ?? []), ...(record?.aliases ?? [])],
    createdAt: (await stat(file)).mtime,
    material,
    origin: 'declared',
    // The template's tags, with what was tagged at run time over them.
    lifecycle: { description: '', state: 'Enabled', rotation: false, ...record?.lifecycle, tags: { ...declaration.tags, ...record?.lifecycle.tags } },
  };
}

async function loadCreatedKey(record: KeyRecord, directory: string): Promise<LocalKmsKey> {
  const material = await readMaterial(join(directory, `${record.keyId}.key`));
  if (!material) throw new Error(`local KMS key ${record.keyId} has a record but no key file`);
  return {
    keyId: record.keyId,
    arn: record.arn,
    spec: record.spec,
    usage: usageOf(record.spec),
    account: keyArnPattern.exec(record.arn)?.[3] ?? '',
    aliases: [...record.aliases],
    createdAt: new Date(record.createdAt),
    material,
    origin: 'created',
    ...(record.policy === undefined ? {} : { policy: record.policy }),
    lifecycle: record.lifecycle,
  };
}

/** An asymmetric signing key: its key pair, no symmetric material. */
async function loadAsymmetricKey(
  declaration: LocalKmsKeyDeclaration,
  spec: LocalSigningKeySpec,
  directory: string,
  record: KeyRecord | undefined,
): Promise<LocalKmsKey> {
  const signing = await loadSigningKeyPair(declaration.keyId, directory);
  return {
    keyId: declaration.keyId,
    arn: declaration.arn,
    spec,
    usage: 'SIGN_VERIFY',
    account: keyArnPattern.exec(declaration.arn)?.[3] ?? '',
    aliases: [...(declaration.aliases ?? []), ...(record?.aliases ?? [])],
    createdAt: (await stat(join(directory, `${declaration.keyId}.p256.pem`))).mtime,
    material: Buffer.alloc(0),
    signing,
    origin: 'declared',
    lifecycle: { description: '', state: 'Enabled', rotation: false, ...record?.lifecycle, tags: { ...declaration.tags, ...record?.lifecycle.tags } },
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
