/**
 * The objects of the local S3 endpoint's buckets, with S3's versioning and Object Lock rules:
 * in a versioned bucket every put adds a version; a delete without a version id adds a delete
 * marker (allowed even on a locked object, as in S3); deleting a version that is locked in
 * compliance mode, or in governance mode without the bypass, is refused until its retention
 * ends; a compliance retention can be lengthened, never shortened. Kept in memory, and appended
 * to `<directory>/<bucket>.jsonl` when a directory is given, so objects survive a restart.
 */
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Object Lock retention of one version. */
export interface ObjectRetention {
  readonly mode: 'COMPLIANCE' | 'GOVERNANCE';
  /** ISO instant. */
  readonly retainUntil: string;
}

/** A bucket as its stack declares it. */
export interface LocalBucketDeclaration {
  readonly name: string;
  /** `arn:<partition>:s3:::<name>` */
  readonly arn: string;
  /** Versioning enabled (Object Lock requires it). */
  readonly versioned: boolean;
  /** Object Lock enabled, and the retention new versions get by default. */
  readonly objectLock?: { readonly defaultRetention?: { readonly mode: ObjectRetention['mode']; readonly days: number } };
  /** Default encryption with a customer-managed KMS key (SSE-KMS). */
  readonly encryptionKeyArn?: string;
}

/** One version of an object (or a delete marker). */
export interface ObjectVersion {
  readonly key: string;
  /** `null` in a bucket without versioning, as S3 names it. */
  readonly versionId: string;
  readonly lastModified: string;
  readonly deleteMarker: boolean;
  /** MD5 hex, S3's ETag of a single-part upload. */
  readonly etag: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly retention?: ObjectRetention;
  /** Checksums the writer sent (`x-amz-checksum-crc32` → `crc32`: base64 value). */
  readonly checksums: Readonly<Record<string, string>>;
}

/** A rule of S3 refused the operation: the error code and status S3 answers with. */
export class S3RuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type JournalRecord =
  | { readonly op: 'put'; readonly version: Omit<ObjectVersion, 'body'> & { readonly body: string } }
  | { readonly op: 'remove'; readonly key: string; readonly versionId: string }
  | { readonly op: 'retain'; readonly key: string; readonly versionId: string; readonly retention: ObjectRetention };

const dayMs = 86_400_000;
const newVersionId = (): string => randomBytes(24).toString('base64url');

/** The versions of one bucket's objects. */
export class LocalBucket {
  readonly declaration: LocalBucketDeclaration;
  /** Per key, its versions oldest first. */
  readonly #versions = new Map<string, ObjectVersion[]>();
  readonly #journal: string | undefined;

  constructor(declaration: LocalBucketDeclaration, directory: string | undefined) {
    this.declaration = declaration;
    if (directory !== undefined) {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      this.#journal = join(directory, `${declaration.name}.jsonl`);
      if (existsSync(this.#journal)) this.#replay(readFileSync(this.#journal, 'utf8'));
    }
  }

  #replay(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as JournalRecord;
      if (record.op === 'put') this.#store({ ...record.version, body: Buffer.from(record.version.body, 'base64') });
      else if (record.op === 'remove') this.#remove(record.key, record.versionId);
      else this.#retain(record.key, record.versionId, record.retention);
    }
  }

  #write(record: JournalRecord): void {
    if (this.#journal !== undefined) appendFileSync(this.#journal, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  }

  #store(version: ObjectVersion): void {
    const versions = this.declaration.versioned ? (this.#versions.get(version.key) ?? []) : [];
    versions.push(version);
    this.#versions.set(version.key, versions);
  }

  #remove(key: string, versionId: string): void {
    const remaining = (this.#versions.get(key) ?? []).filter((version) => version.versionId !== versionId);
    if (remaining.length === 0) this.#versions.delete(key);
    else this.#versions.set(key, remaining);
  }

  #retain(key: string, versionId: string, retention: ObjectRetention): void {
    const versions = this.#versions.get(key) ?? [];
    this.#versions.set(
      key,
      versions.map((version) => (version.versionId === versionId ? { ...version, retention } : version)),
    );
  }

  /** The version a read without a version id sees: the latest, unless it is a delete marker. */
  current(key: string): ObjectVersion | undefined {
    const latest = this.#versions.get(key)?.at(-1);
    return latest?.deleteMarker ? undefined : latest;
  }

  /** A version by id (delete markers included). */
  version(key: string, versionId: string): ObjectVersion | undefined {
    return this.#versions.get(key)?.find((version) => version.versionId === versionId);
  }

  /** The keys whose latest version is an object, in UTF-8 binary order, as S3 lists them. */
  currentKeys(): string[] {
    return [...this.#versions.keys()].filter((key) => this.current(key) !== undefined).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }

  /**
   * Adds a version. `retention` is the one the request asked for; without one the bucket's
   * default applies. `ifNoneMatch` refuses the put when an object is there (a delete marker
   * does not count).
   */
  put(input: {
    readonly key: string;
    readonly body: Buffer;
    readonly contentType: string;
    readonly checksums: Readonly<Record<string, string>>;
    readonly retention?: ObjectRetention;
    readonly ifNoneMatch: boolean;
    readonly now: Date;
  }): ObjectVersion {
    if (input.ifNoneMatch && this.current(input.key) !== undefined) {
      throw new S3RuleError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
    }
    const defaults = this.declaration.objectLock?.defaultRetention;
    const retention =
      input.retention ??
      (defaults === undefined ? undefined : { mode: defaults.mode, retainUntil: new Date(input.now.getTime() + defaults.days * dayMs).toISOString() });
    const version: ObjectVersion = {
      key: input.key,
      versionId: this.declaration.versioned ? newVersionId() : 'null',
      lastModified: input.now.toISOString(),
      deleteMarker: false,
      etag: createHash('md5').update(input.body).digest('hex'),
      contentType: input.contentType,
      body: input.body,
      ...(retention === undefined ? {} : { retention }),
      checksums: input.checksums,
    };
    this.#write({ op: 'put', version: { ...version, body: version.body.toString('base64') } });
    this.#store(version);
    return version;
  }

  /** A delete without a version id: a delete marker in a versioned bucket (allowed on a locked object), the object gone otherwise. */
  deleteObject(key: string, now: Date): { readonly deleteMarker: boolean; readonly versionId?: string } {
    if (!this.declaration.versioned) {
      const current = this.current(key);
      if (current) this.#checkUnlocked(current, false, now);
      this.#write({ op: 'remove', key, versionId: 'null' });
      this.#remove(key, 'null');
      return { deleteMarker: false };
    }
    const marker: ObjectVersion = {
      key,
      versionId: newVersionId(),
      lastModified: now.toISOString(),
      deleteMarker: true,
      etag: '',
      contentType: '',
      body: Buffer.alloc(0),
      checksums: {},
    };
    this.#write({ op: 'put', version: { ...marker, body: '' } });
    this.#store(marker);
    return { deleteMarker: true, versionId: marker.versionId };
  }

  /** Deletes one version for good, unless its retention still holds it. */
  deleteVersion(key: string, versionId: string, bypassGovernance: boolean, now: Date): void {
    const version = this.version(key, versionId);
    if (version === undefined) return;
    this.#checkUnlocked(version, bypassGovernance, now);
    this.#write({ op: 'remove', key, versionId });
    this.#remove(key, versionId);
  }

  /** Changes a version's retention: a compliance retention only ever lengthens; a governance one shortens only with the bypass. */
  putRetention(key: string, versionId: string, retention: ObjectRetention, bypassGovernance: boolean, now: Date): void {
    const version = this.version(key, versionId);
    if (version === undefined || version.deleteMarker) throw new S3RuleError('NoSuchKey', 'The specified key does not exist.', 404);
    const held = version.retention;
    if (held !== undefined && held.retainUntil > now.toISOString()) {
      const weakens = retention.retainUntil < held.retainUntil || (held.mode === 'COMPLIANCE' && retention.mode !== 'COMPLIANCE');
      if (weakens && (held.mode === 'COMPLIANCE' || !bypassGovernance))
        throw new S3RuleError('AccessDenied', 'Access Denied because object protected by object lock.', 403);
    }
    this.#write({ op: 'retain', key, versionId, retention });
    this.#retain(key, versionId, retention);
  }

  /**
   * Removes every version of an object as only a storage fault or a replaced bucket could: no S3
   * operation can do this to a locked object. For tests of what verification makes of a lost digest.
   */
  loseObject(key: string): boolean {
    const versions = this.#versions.get(key) ?? [];
    for (const version of versions) this.#write({ op: 'remove', key, versionId: version.versionId });
    this.#versions.delete(key);
    return versions.length > 0;
  }

  #checkUnlocked(version: ObjectVersion, bypassGovernance: boolean, now: Date): void {
    const retention = version.retention;
    if (retention === undefined || retention.retainUntil <= now.toISOString()) return;
    if (retention.mode === 'GOVERNANCE' && bypassGovernance) return;
    throw new S3RuleError('AccessDenied', 'Access Denied because object protected by object lock.', 403);
  }
}
