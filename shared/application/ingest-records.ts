/**
 * Ingest a department's batch.
 * Primary course: the caller's department comes from its signature, never from the body; every
 * record must name that department (else the whole batch is refused, 403, audited); classified
 * records are refused without being stored, echoed or logged (Art. 14); each remaining record is
 * validated against its schema and the department's catalogue, receipted for idempotency, and
 * enqueued; the receipts are then confirmed. Only enqueued records are acknowledged.
 *
 * When the queue (or a table) cannot serve, the batch fails (503) and the department sends the
 * same batch again. Receipts written by the failed attempt are still unconfirmed then: their
 * records are accepted and enqueued on the re-send, like new ones — never lost, and never called
 * duplicates of a record that was not accepted. Records whose receipt is confirmed are duplicates,
 * enqueued again all the same (processing is idempotent).
 */
import { IngestBatchRequest, type IngestBatchResponse, type RecordVerdict } from '../api/ingest-contract.ts';
import type { DepartmentPrincipal } from '../access/principal.ts';
import { findClassifiedContent } from '../domain/classified-content/classified-marking.ts';
import { builtInFamilies, type RecordFamilyRegistry } from '../domain/records/record-families.ts';
import type { RecordBase } from '../domain/records/record-family.ts';
import { NotYourDepartment } from '../domain/access-refusals.ts';
import type { Bilingual } from '../domain/bilingual.ts';
import { InvalidInput, Refusal, type FieldError } from '../domain/refusal.ts';
import { fieldErrorsFromZod, validationOptions } from './schema-field-errors.ts';
import { contentHash } from './content-hash.ts';
import type { AuditLog, Clock, FeedStatus, ReceiptStore, RecordEnvelope, RecordQueue, ReferenceReader } from './ports.ts';
import type { SecurityEventLog } from './security-events.ts';
import { batchHealthOf } from '../domain/connection-health/batch-health.ts';
import type { FeedHealthRecorder } from './connection-health/connection-health-store.ts';

/** The function that ingests: the source of the security events raised here. */
export const ingestSource = 'ingest-records';

export interface IngestDependencies {
  readonly reference: ReferenceReader;
  readonly receipts: ReceiptStore;
  readonly queue: RecordQueue;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** Extra classified markers configured by the security administrator. */
  readonly classifiedMarkers?: readonly string[];
  /** Built-in and configured record kinds; the built-in ones when absent. */
  readonly families?: RecordFamilyRegistry;
  /** Records the department's push, so evaluation knows its feed is current. */
  readonly feeds?: Pick<FeedStatus, 'touch'>;
  /** Where a refusal of classified records is raised (the security administrator is alerted). */
  readonly securityEvents: SecurityEventLog;
  /**
   * Told what became of a batch's records, counted, once the batch is decided: after the
   * accepted ones are on the queue, or when the whole batch is refused. Not told when the queue
   * failed (503: nothing was accepted, the department sends again).
   */
  readonly onCounted?: (counts: IngestCounts) => void;
  /**
   * Told when the receipts of enqueued records could not be confirmed (their records are on the
   * queue and acknowledged; a re-send would call them accepted again rather than duplicates).
   */
  readonly onReceiptsUnconfirmed?: (count: number, error: unknown) => void;
  /**
   * Told when the department's feed could not be marked current (its records are on the queue and
   * acknowledged; the next batch marks it, and until then its time-driven signals may be held).
   */
  readonly onFeedNotTouched?: (error: unknown) => void;
  /** Adds each decided batch's counts to the department's connection health of the day (one write a batch). */
  readonly health?: FeedHealthRecorder;
  /**
   * Told when a batch's health counts could not be added (the batch is answered as decided: its
   * records' fate does not hang on a figure; the day's figures then miss that batch).
   */
  readonly onHealthNotCounted?: (error: unknown) => void;
}

/** Why a record was refused, as a class an operator can count (never the record's content). */
export type RefusalReason = 'schema' | 'unknownKind' | 'unknownMatter' | 'sequenceConflict' | 'classified' | 'foreignDepartment';

/** Every refusal class, in a stable order. */
export const refusalReasons: readonly RefusalReason[] = ['schema', 'unknownKind', 'unknownMatter', 'sequenceConflict', 'classified', 'foreignDepartment'];

/** What became of one department's batch, counted. */
export interface IngestCounts {
  readonly department: string;
  readonly accepted: number;
  readonly duplicates: number;
  /** Refused records per reason; reasons with none are absent. */
  readonly refused: Readonly<Partial<Record<RefusalReason, number>>>;
}

/** Why one record was refused: its rule's words, the kind of refusal, its section of `docs/problems.md`. */
export interface RecordRefusal {
  readonly slug: string;
  readonly kind: 'invalid' | 'unprocessable';
  readonly title: Bilingual;
  readonly errors?: readonly FieldError[];
}

/** A record's verdict as decided: a refusal is put in words of a language when answered (`shared/http/ingest-verdicts.ts`). */
export type DecidedVerdict = Omit<RecordVerdict, 'problem'> & { readonly problem?: RecordRefusal };

export interface DecidedBatch extends Omit<IngestBatchResponse, 'results'> {
  readonly results: readonly DecidedVerdict[];
}

export interface IngestOutcome {
  readonly status: 202;
  readonly body: DecidedBatch;
}

type Candidate = { index: number; event: RecordBase };

/** Refused records per reason, from the reason of each refused index. */
const countReasons = (reasons: ReadonlyMap<number, RefusalReason>): Partial<Record<RefusalReason, number>> => {
  const counts: Partial<Record<RefusalReason, number>> = {};
  for (const reason of reasons.values()) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
};

/** Refusals of a single record, by kind: the section of `docs/problems.md` each points to. */
const slugOfRefusal = { invalid: 'invalid-request', unprocessable: 'unprocessable' } as const;

const refused = (
  index: number,
  kind: RecordRefusal['kind'],
  title: Bilingual,
  errors?: FieldError[],
  event?: RecordBase,
  slug: string = slugOfRefusal[kind],
): DecidedVerdict => ({
  index,
  status: 'refused',
  ...(event ? { caseId: event.caseId, sequence: event.sequence } : {}),
  problem: { slug, kind, title, ...(errors ? { errors } : {}) },
});

/** Every record of the batch was refused, some for more than their form: nothing was taken. */
export class RecordsRefused extends Refusal {
  readonly kind = 'unprocessable';
  readonly slug = 'unprocessable';
}

/** Adds a decided batch to its department's health figures; a failure is reported, never thrown. */
async function countHealth(deps: IngestDependencies, counts: IngestCounts, accepted: readonly RecordBase[], receivedAt: string): Promise<void> {
  if (!deps.health) return;
  await deps.health.count(batchHealthOf(counts, accepted, receivedAt)).catch((error: unknown) => deps.onHealthNotCounted?.(error));
}

function namedDepartment(raw: unknown): unknown {
  return raw !== null && typeof raw === 'object' && 'department' in raw ? (raw as { department: unknown }).department : undefined;
}

export async function ingestRecords(principal: DepartmentPrincipal, payload: unknown, deps: IngestDependencies): Promise<IngestOutcome> {
  const batch = IngestBatchRequest.safeParse(payload, validationOptions);
  if (!batch.success) {
    throw new InvalidInput({ zh: '批次无效', en: 'The batch is not valid' }, undefined, fieldErrorsFromZod(batch.error));
  }
  const records = batch.data.records;

  // Object-level authorization first: a department may only write its own data.
  const foreign = records.findIndex((raw) => {
    const named = namedDepartment(raw);
    return named !== undefined && named !== principal.department;
  });
  if (foreign >= 0) {
    const counts: IngestCounts = { department: principal.department, accepted: 0, duplicates: 0, refused: { foreignDepartment: records.length } };
    deps.onCounted?.(counts);
    await countHealth(deps, counts, [], deps.clock().toISOString());
    await deps.audit.append({
      action: 'records.ingest',
      outcome: 'denied',
      actor: `department:${principal.department}`,
      reason: 'record names another department',
    });
    throw new NotYourDepartment(
      { zh: '记录所属部门不是本部门', en: 'A record names another department' },
      {
        zh: '部门只能提交本部门的记录；本批次的记录均未存储。',
        en: 'A department may submit records of its own department only; nothing in this batch was stored.',
      },
      [{ pointer: `/records/${foreign}/department`, detail: { zh: '应为签名身份所属的部门', en: 'must be the department of the signing identity' } }],
    );
  }

  const families = deps.families ?? builtInFamilies;
  const verdicts: DecidedVerdict[] = new Array(records.length);
  const candidates: Candidate[] = [];
  const reasons = new Map<number, RefusalReason>();
  let classifiedCount = 0;
  records.forEach((raw, index) => {
    const classified = findClassifiedContent(raw, { extraMarkers: deps.classifiedMarkers, at: `/records/${index}` });
    if (classified?.reason === 'uninspectable') {
      reasons.set(index, 'schema');
      verdicts[index] = refused(index, 'invalid', { zh: '记录无法检查', en: 'The record cannot be inspected' }, [
        { pointer: classified.pointer, detail: { zh: '嵌套过深或内容过多，无法检查', en: 'too deep or too large to inspect' } },
      ]);
      return;
    }
    if (classified !== undefined) {
      classifiedCount += 1;
      reasons.set(index, 'classified');
      verdicts[index] = refused(
        index,
        'unprocessable',
        { zh: '记录带有国家秘密标志，未存储（《办法》第十四条）', en: 'Classified content must not enter the system (Art. 14); the record was not stored' },
        [{ pointer: classified.pointer, detail: { zh: '带有密级标志', en: 'carries a classified marking' } }],
        undefined,
        'classified-content',
      );
      return;
    }
    const parsed = families.parseRecord(raw);
    if (!parsed.ok) {
      const errors =
        parsed.issue === 'unknownKind'
          ? [{ pointer: `/records/${index}/kind`, detail: { zh: `应为以下之一：${families.kinds.join('、')}`, en: `one of: ${families.kinds.join(', ')}` } }]
          : fieldErrorsFromZod(parsed.error, `/records/${index}`);
      reasons.set(index, parsed.issue === 'unknownKind' ? 'unknownKind' : 'schema');
      verdicts[index] = refused(
        index,
        'invalid',
        parsed.issue === 'unknownKind' ? { zh: '未知的记录种类', en: 'Unknown record kind' } : { zh: '记录无效', en: 'The record is not valid' },
        errors,
      );
      return;
    }
    candidates.push({ index, event: parsed.record });
  });
  if (classifiedCount > 0) {
    await deps.securityEvents.record({
      kind: 'classifiedRefused',
      at: deps.clock().toISOString(),
      source: ingestSource,
      subject: `department:${principal.department}`,
      detail: { count: classifiedCount, route: 'POST /v1/records' },
    });
    await deps.audit.append({
      action: 'records.ingest',
      outcome: 'refused',
      actor: `department:${principal.department}`,
      reason: `classified records refused: ${classifiedCount}`,
    });
  }

  const receivedAt = deps.clock().toISOString();
  const receiptable: { index: number; event: RecordBase; hash: string }[] = [];
  const firstHashOf = new Map<string, string>();
  const repeats: { index: number; event: RecordBase; hash: string; first: string }[] = [];
  for (const { index, event } of candidates) {
    const matter = await deps.reference.matter(principal.department, event.matterCode);
    if (!matter || matter.kind !== event.kind) {
      reasons.set(index, 'unknownMatter');
      verdicts[index] = refused(
        index,
        'unprocessable',
        { zh: '未知的事项编码', en: 'Unknown matter code' },
        [
          {
            pointer: `/records/${index}/matterCode`,
            detail: {
              zh: `部门 ${principal.department} 的事项目录中没有该 ${event.kind} 类事项`,
              en: `not a ${event.kind} matter in the catalogue of department ${principal.department}`,
            },
          },
        ],
        event,
      );
      continue;
    }
    const hash = contentHash(event);
    const key = `${event.kind}#${event.caseId}#${event.sequence}`;
    const first = firstHashOf.get(key);
    if (first === undefined) {
      firstHashOf.set(key, hash);
      receiptable.push({ index, event, hash });
    } else {
      repeats.push({ index, event, hash, first });
    }
  }

  const outcomes = await deps.receipts.record(
    receiptable.map(({ event, hash }) => ({ event, contentHash: hash })),
    receivedAt,
  );
  const envelopes: RecordEnvelope[] = [];
  const toConfirm: { event: RecordBase; contentHash: string; receivedAt: string }[] = [];
  const conflict = (index: number, event: RecordBase) => {
    reasons.set(index, 'sequenceConflict');
    return refused(
      index,
      'unprocessable',
      { zh: '该序号已用于内容不同的记录', en: 'Sequence already used with different content' },
      [
        {
          pointer: `/records/${index}/sequence`,
          detail: {
            zh: '本案件已有使用该序号的另一条记录；请使用新的序号',
            en: 'this case already has a different record with this sequence; send a new sequence',
          },
        },
      ],
      event,
    );
  };
  receiptable.forEach(({ index, event, hash }, i) => {
    const outcome = outcomes[i];
    if (outcome === 'conflict') {
      verdicts[index] = conflict(index, event);
      return;
    }
    // A duplicate is enqueued again: processing is idempotent, and a receipt from before receipts
    // were confirmed may belong to an attempt that failed between its receipt and its enqueue.
    envelopes.push({ v: 1, receivedAt, contentHash: hash, record: event });
    const accepted = outcome === 'new' || outcome === 'unqueued';
    if (accepted) toConfirm.push({ event, contentHash: hash, receivedAt });
    verdicts[index] = { index, status: accepted ? 'accepted' : 'duplicate', caseId: event.caseId, sequence: event.sequence };
  });
  for (const { index, event, hash, first } of repeats) {
    verdicts[index] = hash === first ? { index, status: 'duplicate', caseId: event.caseId, sequence: event.sequence } : conflict(index, event);
  }

  const results = verdicts;
  const count = (status: DecidedVerdict['status']) => results.filter((v) => v.status === status).length;
  const body: DecidedBatch = { accepted: count('accepted'), duplicates: count('duplicate'), refused: count('refused'), results };
  const counts: IngestCounts = { department: principal.department, accepted: body.accepted, duplicates: body.duplicates, refused: countReasons(reasons) };
  if (envelopes.length === 0) {
    deps.onCounted?.(counts);
    await countHealth(deps, counts, [], receivedAt);
    const allSchema = results.every((v) => v.problem?.kind === 'invalid');
    const errors = results.flatMap((v) => v.problem?.errors ?? []).slice(0, 50);
    // Records refused for their form only: the batch is as invalid as they are.
    const Refused = allSchema ? InvalidInput : RecordsRefused;
    throw new Refused(
      { zh: '本批次没有记录被接收', en: 'No record of the batch was accepted' },
      { zh: '见 errors，每项指明记录和字段。', en: 'See errors; each names the record and field.' },
      errors.length > 0 ? errors : results.map((v) => ({ pointer: `/records/${v.index}`, detail: v.problem?.title ?? { zh: '已拒收', en: 'refused' } })),
    );
  }
  await deps.queue.enqueue(envelopes);
  deps.onCounted?.(counts);
  // The records are on the queue: a confirmation that fails costs only a verdict on a re-send.
  await deps.receipts.confirmQueued(toConfirm).catch((error: unknown) => deps.onReceiptsUnconfirmed?.(toConfirm.length, error));
  // Likewise: failing the batch now would tell the department that queued records were not taken.
  const accepted = toConfirm.map(({ event }) => event);
  await deps.feeds
    ?.touch(principal.department, receivedAt, [...new Set(accepted.map((event) => event.kind))].sort())
    .catch((error: unknown) => deps.onFeedNotTouched?.(error));
  await countHealth(deps, counts, accepted, receivedAt);
  return { status: 202, body };
}
