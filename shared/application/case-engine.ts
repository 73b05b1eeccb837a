/**
 * The case engine: brings cases' stored state and alerts in line with their events as of an
 * instant, for a whole batch at once — a queue batch of records, a page of due checks, a
 * back-test's cases.
 *
 * Gather → decide → commit:
 * - **Gather** reads what the decisions need, each thing once for the batch: the cases (one query
 *   each, in parallel), and then per distinct key the matter version in force, the department,
 *   the department's feed and the cross-case groups.
 * - **Decide** is `decideCase` (`shared/domain/case-engine/`), pure.
 * - **Commit** writes every changed case conditionally on its version, many cases a transaction.
 *   A case another writer changed meanwhile is gathered and decided again alone; the others stay
 *   committed. After the commit the engine publishes the alert events it wrote to the outbox; if
 *   that fails they wait there for the sweep's relay.
 *
 * Built once per container by `createCaseEngine`, and used by processing, the deadline sweep and
 * the back-test alike.
 */
import type { AlertEvent } from '../domain/alerts/alert-events.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import type { FeedState } from '../domain/alerts/feed-hold.ts';
import type { EscalationPolicy } from '../domain/alerts/escalation.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import type { ReportingSettings } from '../domain/reporting/reporting-findings.ts';
import {
  decideCase,
  decisionInstant,
  readCase,
  type CaseReading,
  type CrossCaseMember,
  type GatheredCase,
  type IncomingOutcome,
} from '../domain/case-engine/decide-case.ts';
import { builtInFamilies, type AnyRecordFamily, type RecordFamilyRegistry } from '../domain/records/record-families.ts';
import { CaseChangedConcurrently } from './case-changed-concurrently.ts';
import { caseKeyText, type CaseKey } from './case-key.ts';
import { mapConcurrently } from './map-concurrently.ts';
import type { CaseRepository, CatalogueRepository, FeedStatus, LoadedCase, ReferenceReader, StoredEvent } from './ports.ts';
import { publishCommittedEvents, type RelayDependencies } from './relay-signal-events.ts';

export type { IncomingOutcome } from '../domain/case-engine/decide-case.ts';

export interface CaseEngineDependencies {
  readonly cases: CaseRepository;
  readonly reference: ReferenceReader;
  readonly calendar: WorkingDayCalendar;
  /** How long unanswered signals wait before they grow; the default when absent. */
  readonly escalation?: EscalationPolicy;
  /** When a record is reported late and a missing stage incomplete; the 24-hour standard when absent. */
  readonly reporting?: ReportingSettings;
  /** Built-in and configured record kinds; the built-in ones when absent. */
  readonly families?: RecordFamilyRegistry;
  /** Feed freshness: time-driven signals are held while the department's feed is stale; never held when absent. */
  readonly feeds?: Pick<FeedStatus, 'state'>;
  /** Versioned catalogue: the matter version in force when the case started; the current matter when absent. */
  readonly matterVersions?: Pick<CatalogueRepository, 'matterAt'>;
  /** Where committed alert events are published; left in the outbox (for the sweep's relay) when absent. */
  readonly relay?: RelayDependencies;
}

/** One case's work: its key and the records arriving for it (none for a check by time). */
export interface CaseWork {
  readonly key: CaseKey;
  readonly incoming: readonly StoredEvent[];
}

export type EvaluateCaseOutcome =
  | {
      readonly result: 'committed';
      readonly incoming: readonly IncomingOutcome[];
      readonly raised: number;
      readonly updated: number;
      readonly alerts: readonly Alert[];
      /** Alert events written to the outbox with the commit. */
      readonly alertEvents: readonly AlertEvent[];
    }
  | { readonly result: 'unchanged'; readonly incoming: readonly IncomingOutcome[] }
  | { readonly result: 'noEvents' };

export type CaseResult = { readonly ok: true; readonly outcome: EvaluateCaseOutcome } | { readonly ok: false; readonly error: unknown };

export interface EngineRun {
  /** Per case (`caseKeyText`): its outcome, or the error that failed it alone. */
  readonly results: ReadonlyMap<string, CaseResult>;
  /** Every alert event the run committed. */
  readonly alertEvents: readonly AlertEvent[];
  /** Set when publishing the committed events failed: they wait in the outbox for the relay. */
  readonly publicationFailure?: unknown;
}

/** A case as read for a decision or an assessment, before its matter is chosen. */
export interface ReadCase {
  readonly key: CaseKey;
  readonly stored: LoadedCase;
  readonly reading: CaseReading;
  readonly family: AnyRecordFamily;
  readonly groupMembers: readonly CrossCaseMember[];
}

export interface CaseEngine {
  /** Gathers, decides and commits the cases of `work` as of `asOf`, then publishes the events committed. */
  run(work: readonly CaseWork[], asOf: Date): Promise<EngineRun>;
  /** Reads cases and their cross-case groups as a decision would, deciding and writing nothing (a back-test); undefined for a case with no events. */
  read(keys: readonly CaseKey[]): Promise<(ReadCase | undefined)[]>;
}

/** Missing reference data is not the caller's fault at this stage: the message is retried, then dead-lettered. */
export class MissingReferenceDataError extends Error {}

/** Most members of a cross-case group read per decision (the newest). */
const crossCaseMemberLimit = 500;
/** Cases read at once: DynamoDB serves them in parallel; more would only queue in the client. */
const readConcurrency = 8;
const maxAttempts = 12;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));

/** A read shared by the cases of a batch that need the same thing, made once. */
class BatchReads {
  private readonly pending = new Map<string, Promise<unknown>>();
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.pending.get(key) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = read();
      // A failed read fails the cases that need it, each when it awaits; none is left unobserved.
      promise.catch(() => undefined);
      this.pending.set(key, promise);
    }
    return promise;
  }
}

type Gathered =
  { readonly ok: true; readonly gathered: GatheredCase } | { readonly ok: true; readonly noEvents: true } | { readonly ok: false; readonly error: unknown };

export function createCaseEngine(deps: CaseEngineDependencies): CaseEngine {
  const families = () => deps.families ?? builtInFamilies;

  const familyOf = (key: CaseKey): AnyRecordFamily => {
    const family = families().familyOf(key.kind);
    if (!family) throw new MissingReferenceDataError(`no record family ${key.kind}`);
    return family;
  };

  const groupMembers = (reads: BatchReads, key: CaseKey, reading: CaseReading): Promise<readonly CrossCaseMember[]> => {
    const membership = reading.membership;
    if (!membership) return Promise.resolve([]);
    return reads.once(`group|${key.department}|${key.kind}|${membership.group}`, () =>
      deps.cases.crossCaseMembers(key.department, key.kind, membership.group, crossCaseMemberLimit),
    );
  };

  async function readOne(reads: BatchReads, key: CaseKey, incoming: readonly StoredEvent[]): Promise<ReadCase | undefined> {
    const stored = await deps.cases.load(key);
    const family = familyOf(key);
    const reading = readCase(family, stored, incoming);
    if (!reading) return undefined;
    return { key, stored, reading, family, groupMembers: await groupMembers(reads, key, reading) };
  }

  async function gatherOne(reads: BatchReads, work: CaseWork, asOf: Date): Promise<Gathered> {
    try {
      const read = await readOne(reads, work.key, work.incoming);
      if (!read) return { ok: true, noEvents: true };
      const { key, reading, family } = read;
      const matterCode = reading.summary.matterCode;
      const at = decisionInstant(read.stored, asOf);
      const [inForce, department, feed] = await Promise.all([
        deps.matterVersions
          ? reads.once(`version|${key.department}|${matterCode}|${reading.startedOn}`, () =>
              deps.matterVersions!.matterAt(key.department, matterCode, reading.startedOn),
            )
          : undefined,
        reads.once(`department|${key.department}`, () => deps.reference.department(key.department)),
        deps.feeds
          ? reads.once(`feed|${key.department}|${at.toISOString()}`, () => deps.feeds!.state(key.department, at))
          : ({ stale: false } satisfies FeedState),
      ]);
      const storedMatter =
        inForce?.matter ?? (await reads.once(`matter|${key.department}|${matterCode}`, () => deps.reference.matter(key.department, matterCode)));
      const matter = storedMatter?.kind === key.kind ? family.matterSchema.safeParse(storedMatter) : undefined;
      if (!matter?.success || !department)
        throw new MissingReferenceDataError(`reference data missing or invalid for ${key.department}/${key.kind}/${matterCode}`);
      return {
        ok: true,
        gathered: {
          ...read,
          matter: matter.data,
          jurisdiction: department.jurisdiction,
          feed,
          ...(department.connectedOn === undefined ? {} : { connectedOn: department.connectedOn }),
        },
      };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** One attempt for every case of `work`: the cases another writer changed meanwhile are returned for the next. */
  async function attempt(work: readonly CaseWork[], asOf: Date, results: Map<string, CaseResult>, alertEvents: AlertEvent[]): Promise<CaseWork[]> {
    const reads = new BatchReads();
    const gathered = withBatchMembers(await mapConcurrently(work, readConcurrency, (w) => gatherOne(reads, w, asOf)));
    const policy = {
      calendar: deps.calendar,
      ...(deps.escalation ? { escalation: deps.escalation } : {}),
      ...(deps.reporting ? { reporting: deps.reporting } : {}),
    };
    const toCommit: { work: CaseWork; decision: Extract<ReturnType<typeof decideCase>, { outcome: 'commit' }> }[] = [];
    gathered.forEach((g, i) => {
      const w = work[i] as CaseWork;
      const id = caseKeyText(w.key);
      if (!g.ok) results.set(id, { ok: false, error: g.error });
      else if ('noEvents' in g) results.set(id, { ok: true, outcome: { result: 'noEvents' } });
      else {
        try {
          const decision = decideCase(g.gathered, asOf, policy);
          if (decision.outcome === 'unchanged') results.set(id, { ok: true, outcome: { result: 'unchanged', incoming: decision.incoming } });
          else toCommit.push({ work: w, decision });
        } catch (error) {
          results.set(id, { ok: false, error });
        }
      }
    });
    if (toCommit.length === 0) return [];
    let committed: Awaited<ReturnType<CaseRepository['commitMany']>>;
    try {
      committed = await deps.cases.commitMany(toCommit.map((c) => c.decision.commit));
    } catch (error) {
      // Nothing of the batch was written (e.g. the record-sealing key could not be had).
      committed = toCommit.map(() => ({ failed: error }));
    }
    const again: CaseWork[] = [];
    committed.forEach((result, i) => {
      const { work: w, decision } = toCommit[i] as (typeof toCommit)[number];
      const id = caseKeyText(w.key);
      if (result === 'changed') again.push(w);
      else if (result === 'committed') {
        const { commit } = decision;
        alertEvents.push(...commit.alertEvents);
        results.set(id, {
          ok: true,
          outcome: {
            result: 'committed',
            incoming: decision.incoming,
            raised: decision.raised,
            updated: decision.updated,
            alerts: commit.alertChanges.map((c) => c.alert),
            alertEvents: commit.alertEvents,
          },
        });
      } else results.set(id, { ok: false, error: result.failed });
    });
    return again;
  }

  return {
    async run(work, asOf) {
      const results = new Map<string, CaseResult>();
      const alertEvents: AlertEvent[] = [];
      let pending = mergedByCase(work);
      for (let round = 1; pending.length > 0; round += 1) {
        if (round > maxAttempts) {
          for (const w of pending) results.set(caseKeyText(w.key), { ok: false, error: new CaseChangedConcurrently(w.key, maxAttempts) });
          break;
        }
        if (round > 1) await backoff(round - 1);
        pending = await attempt(pending, asOf, results, alertEvents);
      }
      if (!deps.relay || alertEvents.length === 0) return { results, alertEvents };
      try {
        await publishCommittedEvents(alertEvents, deps.relay);
        return { results, alertEvents };
      } catch (publicationFailure) {
        return { results, alertEvents, publicationFailure };
      }
    },

    async read(keys) {
      const reads = new BatchReads();
      return mapConcurrently(keys, readConcurrency, (key) => readOne(reads, key, []));
    },
  };
}

/**
 * Cross-case groups as the batch leaves them: each case of the batch is its group's member as it
 * is read now (its incoming records folded in), not as stored before the batch, so members decided
 * together see each other whatever order they commit in. A batch case that left a group is no
 * longer its member.
 */
function withBatchMembers(gathered: readonly Gathered[]): Gathered[] {
  const inBatch = new Map<string, Map<string, GatheredCase>>();
  for (const g of gathered) {
    if (!g.ok || 'noEvents' in g) continue;
    const { key } = g.gathered;
    const family = `${key.department}|${key.kind}`;
    if (!inBatch.has(family)) inBatch.set(family, new Map());
    inBatch.get(family)!.set(key.caseId, g.gathered);
  }
  return gathered.map((g) => {
    if (!g.ok || 'noEvents' in g || !g.gathered.reading.membership) return g;
    const { key, reading } = g.gathered;
    const batch = inBatch.get(`${key.department}|${key.kind}`)!;
    if (batch.size < 2) return g;
    const group = reading.membership!.group;
    const stored = g.gathered.groupMembers.filter((member) => !batch.has(member.caseId));
    const current = [...batch.values()].flatMap((other) =>
      other.reading.membership?.group === group ? [{ caseId: other.key.caseId, facts: other.reading.membership.facts }] : [],
    );
    return { ok: true, gathered: { ...g.gathered, groupMembers: [...stored, ...current] } };
  });
}

/** The work of a batch with each case once: records of the same case are decided together. */
function mergedByCase(work: readonly CaseWork[]): CaseWork[] {
  const byCase = new Map<string, CaseWork>();
  for (const w of work) {
    const id = caseKeyText(w.key);
    const earlier = byCase.get(id);
    byCase.set(id, earlier ? { key: earlier.key, incoming: [...earlier.incoming, ...w.incoming] } : w);
  }
  return [...byCase.values()];
}
