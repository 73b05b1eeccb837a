/**
 * Ports: what the use cases need from the outside world. Adapters named by technology
 * (`DynamoDbCaseRepository`, `SqsRecordQueue`) implement them beside this folder.
 */
import type { PeriodKeyName, SealingKey } from '../domain/complaints/personal-data-key-periods.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import type { AlertEvent } from '../domain/alerts/alert-events.ts';
import type { ComplaintSignalEvent } from '../domain/complaints/complaint-signal-events.ts';
import type { SupervisionSignalEvent } from '../domain/supervision-cases/supervision-signal-events.ts';
import type { AccountabilityMeasureEvent } from '../domain/accountability/accountability-measure-events.ts';
import type { FeedState } from '../domain/alerts/feed-hold.ts';
import type { DepartmentProfile } from '../domain/catalogue/catalogue-matter.ts';
import type { MatterBase, RecordBase } from '../domain/records/record-family.ts';
import type { CaseKey } from './case-key.ts';
import type { WrittenNotice } from '../domain/notices/written-notice.ts';
import type { JurisdictionDirectory } from './city-structure/city-structure-repository.ts';

/** Reference data read on every request, cached per container: departments, matters, jurisdictions. */
export interface ReferenceReader extends JurisdictionDirectory {
  department(department: string): Promise<DepartmentProfile | undefined>;
  /** The stored matter, unparsed: its family's schema checks it where it is used. */
  matter(department: string, matterCode: string): Promise<StoredMatter | undefined>;
}

/** A catalogue matter as stored: the common fields and the family's parameters. */
export type StoredMatter = MatterBase & Readonly<Record<string, unknown>>;

/**
 * What a receipt says about a record sent again or for the first time: `new` (receipted now),
 * `unqueued` (the same content was receipted before but never confirmed on the queue: an earlier
 * attempt was answered 503, so the record was never accepted), `duplicate` (the same content,
 * accepted before), `conflict` (other content under the same sequence).
 */
export type ReceiptOutcome = 'new' | 'unqueued' | 'duplicate' | 'conflict';

/**
 * Ingest receipts: the idempotency record of each (case, sequence) a department has sent. A
 * receipt is written before its record is enqueued and confirmed after, so a record whose batch
 * failed between the two is accepted when it is sent again, not called a duplicate.
 */
export interface ReceiptStore {
  /** Receipts for a batch's records (distinct case and sequence each), all received at `receivedAt`; one outcome per receipt, in order. */
  record(receipts: readonly { readonly event: RecordBase; readonly contentHash: string }[], receivedAt: string): Promise<ReceiptOutcome[]>;
  /** Marks receipts whose records are now on the queue. */
  confirmQueued(receipts: readonly { readonly event: RecordBase; readonly contentHash: string; readonly receivedAt: string }[]): Promise<void>;
}

/** A validated record on its way from ingest to processing. */
export interface RecordEnvelope {
  readonly v: 1;
  readonly receivedAt: string;
  readonly contentHash: string;
  /** A record valid against its family's schema. */
  readonly record: RecordBase;
}

export interface RecordQueue {
  /** Enqueues every envelope or throws; never acknowledges a partial success silently. */
  enqueue(envelopes: readonly RecordEnvelope[]): Promise<void>;
}

/** A case as stored, and what one evaluation commits: the case engine's own types. */
export type { CaseCommit, CaseSnapshot, LoadedCase, StoredEvent } from '../domain/case-engine/stored-case.ts';
import type { CaseCommit, LoadedCase } from '../domain/case-engine/stored-case.ts';

/** A case whose next check is due, and since when (ISO instant: its `nextCheckAt`). */
export interface DueCase extends CaseKey {
  readonly dueAt: string;
}

/**
 * What became of one case's commit: written; refused because another writer changed the case
 * first (decide it again on fresh data); or failed for another reason (throttling, an outage).
 */
export type CaseCommitResult = 'committed' | 'changed' | { readonly failed: unknown };

export interface CaseRepository {
  load(key: CaseKey): Promise<LoadedCase>;
  /**
   * Each case atomically (its events, snapshot, alert changes and their events, or nothing), in as
   * few requests as possible; one result per commit, in order.
   */
  commitMany(commits: readonly CaseCommit[]): Promise<CaseCommitResult[]>;
  /** Cases whose next check is due at or before `asOf`, across all sweep shards, each with the time it fell due. */
  dueCases(asOf: string, limit: number): Promise<DueCase[]>;
  /** Members of a cross-case group of a department and kind, newest first. */
  crossCaseMembers(department: string, kind: string, group: string, limit: number): Promise<{ caseId: string; facts: Readonly<Record<string, unknown>> }[]>;
  /** Cases of a catalogue matter, most recently started first. */
  casesOfMatter(department: string, kind: string, matterCode: string, limit: number): Promise<CaseKey[]>;
  /** Cases with provisional deadlines waiting for `year`'s holiday arrangement. */
  casesAwaitingCalendar(year: number, limit: number): Promise<CaseKey[]>;
}

export interface AlertPageQuery {
  readonly index: 'department' | 'jurisdiction' | 'citywide';
  readonly partition: string;
  readonly level?: string;
  readonly status?: string;
  readonly kind?: string;
  /** Staff id of the responsible official the alerts name. */
  readonly official?: string;
  readonly limit: number;
  readonly cursor?: Record<string, string>;
}

export interface AlertPage {
  readonly alerts: readonly Alert[];
  readonly cursor?: Record<string, string>;
}

export interface AlertReader {
  page(query: AlertPageQuery): Promise<AlertPage>;
}

/** Single alerts, for people's actions on them. */
export interface AlertStore {
  get(key: CaseKey, ruleId: string): Promise<Alert | undefined>;
  /**
   * Writes `after` (its events to the outbox, and what it moves in the statistics of signals
   * answered in time) if the stored alert is still `before`'s version; else `AlertVersionChanged`.
   */
  save(key: CaseKey, before: Alert, after: Alert, events: readonly AlertEvent[]): Promise<void>;
}

/**
 * What goes on the event bus through an outbox: alert changes, and the signals of complaints and
 * supervision requests and cases. Each has a stable `eventId`, a `detailType` and `occurredAt`;
 * signal events name their `source`, alert events use `alertEventSource`.
 */
export type SignalEvent = AlertEvent | ComplaintSignalEvent | SupervisionSignalEvent | AccountabilityMeasureEvent;

/**
 * Events written with the changes they describe, waiting to be published (one per table: alerts
 * in `cases`, complaint and supervision signals in `oversight`).
 */
export interface SignalEventOutbox {
  /** Oldest first; only events that occurred before `before` (ISO) when given. */
  pending(limit: number, before?: string): Promise<readonly SignalEvent[]>;
  /** Removes published events (by `eventId`); removing one already gone is fine. */
  remove(events: readonly SignalEvent[]): Promise<void>;
}

/** The event bus. Throws when an event was not accepted, so it stays in the outbox. */
export interface SignalEventPublisher {
  publish(events: readonly SignalEvent[]): Promise<void>;
}

/** A record kind defined by configuration, as stored (the definition is checked when loaded). */
export interface StoredKindDefinition {
  readonly definition: unknown;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface RecordKindStore {
  list(): Promise<readonly StoredKindDefinition[]>;
  /** Stores version n of a kind if version n-1 is the stored one (1: the kind is new); else `RecordKindVersionChanged`. */
  put(kind: string, stored: StoredKindDefinition): Promise<void>;
}

/** Freshness of each department's feed (Art. 24: timely reporting). */
export interface FeedStatus {
  /** Records that the department pushed accepted records at `receivedAt`, of these kinds. */
  touch(department: string, receivedAt: string, kinds?: readonly string[]): Promise<void>;
  /** Whether the department's feed is known to be stale at `at`. */
  state(department: string, at: Date): Promise<FeedState>;
}

export interface AuditEntry {
  readonly action: string;
  readonly outcome: 'allowed' | 'denied' | 'refused';
  /** Who: a department id or a staff subject with role; never a name or token. */
  readonly actor: string;
  readonly target?: string;
  readonly reason?: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

export type Clock = () => Date;

/** A catalogue matter version as stored, with who recorded it and when. */
export type StoredMatterVersion = StoredMatter & {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string;
  readonly recordedAt: string;
  /** `role:subject` of the supervisor who recorded it. */
  readonly recordedBy: string;
};

/** One matter of a department's catalogue: the item in force today and the latest version number. */
export interface CatalogueEntry {
  readonly matterCode: string;
  /** The `MATTER#` item the processing reads; null while only future versions exist. */
  readonly current: StoredMatter | null;
  /** Highest version stored; 0 for a matter never versioned. */
  readonly latestVersion: number;
}

/** The matter a case is judged by, and its version (null: a matter never versioned). */
export interface MatterInForce {
  readonly matter: StoredMatter;
  readonly version: number | null;
}

export interface NewMatterVersion {
  readonly version: StoredMatterVersion;
  /** The matter to store as the current item (the version in force today); undefined leaves it. */
  readonly current: StoredMatter | undefined;
}

/** Versioned catalogue matters (reference table). */
export interface CatalogueRepository {
  listCatalogue(department: string): Promise<CatalogueEntry[]>;
  /** Oldest first; strongly consistent, as the basis of a new version. */
  listVersions(department: string, matterCode: string): Promise<StoredMatterVersion[]>;
  /** Stores version n if n-1 is still the latest (n = 1: none stored); else `MatterVersionChanged`. */
  addVersion(change: NewMatterVersion): Promise<void>;
  /** The version in force on a Shanghai date; an unversioned matter is in force on every date. */
  matterAt(department: string, matterCode: string, date: string): Promise<MatterInForce | undefined>;
}

/** Personal data sealed under one data key (envelope encryption); every string is base64. */
export interface SealedFields {
  /** Which key wrapped the data key (a KMS key ARN, or `local`). */
  readonly keyRef: string;
  readonly wrappedKey: string;
  /** Field name → nonce, ciphertext and tag of that field alone. */
  readonly fields: Readonly<Record<string, string>>;
}

/** A document (a written notice) sealed under its own data key. */
export interface SealedDocument {
  readonly keyRef: string;
  readonly wrappedKey: string;
  readonly ciphertext: Uint8Array;
}

/**
 * Sealing complainants' personal data (name, ID number, phone, address ...) before it is stored,
 * and the keyed hash that makes it searchable: all a function that only takes personal data in
 * (the public filing) may do. `context` (e.g. the receipt number) is bound to the ciphertext, so
 * a sealed value cannot be moved to another complaint or field.
 */
export interface PersonalDataSealer {
  /**
   * Seals under a new data key wrapped by `under`: a complaint's period key (its intake key when
   * filed), or the key its other data keys are under (`{ keyRef }`), so all of them move together.
   */
  seal(fields: Readonly<Record<string, string>>, context: string, under: SealingKey): Promise<SealedFields>;
  sealDocument(bytes: Uint8Array, context: string, under: SealingKey): Promise<SealedDocument>;
  /** Keyed hash (HMAC-SHA-256, hex) of an already normalised value, e.g. `idNumber:33020...`. */
  lookupHash(value: string): Promise<string>;
}

/** Sealing and opening complainants' personal data: for the functions that must read it back. */
export interface PersonalDataProtector extends PersonalDataSealer {
  /** Throws when a field was tampered with or sealed under another context. */
  open(sealed: SealedFields, context: string): Promise<Record<string, string>>;
  openDocument(sealed: SealedDocument, context: string): Promise<Uint8Array>;
  /**
   * The same data key wrapped under another key, re-wrapped inside the key service (the data key
   * never leaves it): a complaint's data keys move under its retention key when it is finished.
   * Throws `PersonalDataShreddedError` when the key it is under is gone.
   */
  rewrap(wrapped: WrappedDataKey, context: string, to: PeriodKeyName): Promise<WrappedDataKey>;
}

/** A data key as stored beside what it seals: which key wrapped it, and the wrapped copy. */
export type WrappedDataKey = Pick<SealedFields, 'keyRef' | 'wrappedKey'>;

/** Sets a written notice as a PDF document. */
export interface NoticeRenderer {
  /** A character the notice font lacks is printed as 〓 (the typesetter's mark for a missing character). */
  render(notice: WrittenNotice): Promise<Uint8Array>;
  /** The distinct characters of `text` the notice font cannot print (staff text is checked before a decision). */
  unprintable(text: string): string[];
}
