/**
 * The ports of the audit trail's sealing and verification: the stored entries (read, never
 * written here: writers append through `AuditLog`), the sealed digests (written once, never
 * replaced), and the signing key.
 */
import type { StoredAuditEntry } from '../../domain/audit/audit-entry.ts';

/** Reads the audit store: the sealer, the verifier and the auditor. */
export interface AuditEntryReader {
  /** The entries of `day` whose instant lies in `[from, to)`, in key order (strongly consistent). */
  entriesBetween(day: string, from: string, to: string): Promise<StoredAuditEntry[]>;
  /** One page of a day's entries that match the filters, oldest first. */
  page(query: AuditEntryPageQuery): Promise<AuditEntryPage>;
}

/** A page of the auditor's listing. */
export interface AuditEntryPageQuery {
  readonly day: string;
  readonly actor?: string;
  /** An action, or the start of one (`complaint.`). */
  readonly action?: string;
  /** The object acted on (an entry's `target`). */
  readonly object?: string;
  readonly limit: number;
  /** The key of the last entry of the previous page. */
  readonly after?: string;
}

export interface AuditEntryPage {
  readonly entries: readonly StoredAuditEntry[];
  /** The key of the last entry read, when more of the day may match. */
  readonly after?: string;
}

/** Where sealed digests are kept (one object per span, written once). */
export interface DigestStore {
  /** The object keys of a day's digests, in time order. */
  listDay(day: string): Promise<string[]>;
  /** A digest object's text; undefined when there is none under that key. */
  read(objectKey: string): Promise<string | undefined>;
  /**
   * Writes a digest under a key that holds none yet.
   * @throws DigestAlreadySealedError when the key holds one (another run sealed that span).
   */
  writeNew(objectKey: string, text: string): Promise<void>;
}

/** Signs the hash of a digest with the audit signing key. */
export interface DigestSigner {
  /** ARN of the signing key. */
  readonly keyId: string;
  /** The DER signature (base64) over the 32-byte hash. */
  sign(hash: Buffer): Promise<string>;
}

/** Checks a digest's signature with the deployment's signing key. */
export interface DigestSignatureVerifier {
  /** ARN of the only key whose signatures count. */
  readonly keyId: string;
  verify(hash: Buffer, signature: string): Promise<boolean>;
}

/** The span's digest was written by another run first: this run stops, the chain stays one. */
export class DigestAlreadySealedError extends Error {
  constructor(readonly objectKey: string) {
    super(`a digest is already sealed under ${objectKey}`);
    this.name = 'DigestAlreadySealedError';
  }
}
