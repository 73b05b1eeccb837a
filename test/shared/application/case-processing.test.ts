/**
 * Records through processing and the sweep, against DynamoDB Local with the real SDK: alerts are
 * raised, escalated and resolved exactly once, whatever the order, repetition or concurrency.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { contentHash } from '#shared/application/content-hash.ts';
import type { CaseKey } from '#shared/application/case-key.ts';
import type { RecordEnvelope } from '#shared/application/ports.ts';
import { processRecord, processRecords, type ProcessRecordDependencies } from '#shared/application/process-record.ts';
import type { CaseEngineDependencies } from '#shared/application/case-engine.ts';
import { processingWith, sweepingWith } from '../../support/case-engine.ts';
import { sweepDueChecks } from '#shared/application/sweep-due-checks.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import type { LicensingEvent } from '#shared/domain/licensing/licensing-event.ts';
import { seedDemoReferenceData } from '../../support/reference-data.ts';
import { createTestTables } from '../../support/dynamodb.ts';
import { overlayCalendar } from '#shared/domain/calendar/calendar-overlay.ts';
import { anArrangementFor2027 } from '../domain/calendar/year-arrangement-mother.ts';
import { testRecordSealer } from '../../support/record-seals.ts';

const department = 'haishu-market-regulation';
const matterCode = 'food-business-licence'; // promised 10, statutory 20 working days

let cases: DynamoDbCaseRepository;
let reference: DynamoDbReferenceReader;
let feeds: () => DynamoDbFeedStatus;

beforeAll(async () => {
  const { documentClient, tables } = await createTestTables();
  await seedDemoReferenceData(documentClient, tables.reference);
  cases = new DynamoDbCaseRepository(documentClient, tables.cases, testRecordSealer());
  feeds = () => new DynamoDbFeedStatus(documentClient, tables.cases, 72 * 3_600_000);
  reference = new DynamoDbReferenceReader(documentClient, tables.reference);
});

let counter = 0;
const newCaseId = (label: string) => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;

function event(caseId: string, sequence: number, type: 'received' | 'accepted' | 'decided' | 'concluded', occurredAt: string): LicensingEvent {
  const common = { kind: 'licensing' as const, department, matterCode, caseId, sequence, occurredAt };
  return type === 'decided' ? { ...common, event: 'decided', outcome: 'granted' } : { ...common, event: type };
}

// Received as the act happens: a record received before its act would be found inaccurate (reporting.future-instant).
const envelope = (record: LicensingEvent): RecordEnvelope => ({
  v: 1,
  receivedAt: new Date(record.occurredAt).toISOString(),
  contentHash: contentHash(record),
  record,
});

const engineDependencies = (): CaseEngineDependencies => ({ cases, reference, calendar: stateCouncilCalendar });
const dependenciesAt = (now: string, own: Partial<CaseEngineDependencies> = {}): ProcessRecordDependencies =>
  processingWith({ ...engineDependencies(), ...own }, now);

// Accepted Mon 2025-09-01: promised limit ends 2025-09-15, statutory 2025-09-28 (a make-up Sunday).
const receivedAt = '2025-09-01T09:00:00+08:00';
const acceptedAt = '2025-09-01T10:00:00+08:00';

describe('processing records into alerts', () => {
  it('warns when a licence decision passes its promised limit', async () => {
    // Prepare
    const caseId = newCaseId('late');
    const deps = dependenciesAt('2025-09-16T10:00:00+08:00');
    // Act
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), deps);
    // Assess
    const { alerts, snapshot } = await cases.load({ department, kind: 'licensing', caseId });
    expect(alerts.map((a) => [a.ruleId, a.level, a.status])).toEqual([['licensing.decision-time-limit', 'warning', 'open']]);
    expect(alerts[0]?.legalBasis).toContain('行政许可法');
    expect(snapshot?.stage).toBe('accepted');
  });

  it('stores a redelivered record once and raises no second alert', async () => {
    const caseId = newCaseId('dup');
    const deps = dependenciesAt('2025-09-16T10:00:00+08:00');
    const accepted = envelope(event(caseId, 2, 'accepted', acceptedAt));
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(accepted, deps);

    const again = await processRecord(accepted, deps);

    expect(again.stored).toBe('duplicate');
    expect(again.evaluation.result).toBe('unchanged');
    const { alerts, events } = await cases.load({ department, kind: 'licensing', caseId });
    expect(events).toHaveLength(2);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.version).toBe(1);
  });

  it('reaches the same case state and alerts whatever order the events arrive in', async () => {
    const deps = dependenciesAt('2025-09-20T10:00:00+08:00');
    const records = (caseId: string) => [
      event(caseId, 1, 'received', receivedAt),
      event(caseId, 2, 'accepted', acceptedAt),
      event(caseId, 3, 'decided', '2025-09-18T16:00:00+08:00'),
    ];
    const inOrder = newCaseId('ordered');
    const reversed = newCaseId('reversed');
    for (const record of records(inOrder)) await processRecord(envelope(record), deps);
    for (const record of records(reversed).reverse()) await processRecord(envelope(record), deps);

    const a = await cases.load({ department, kind: 'licensing', caseId: inOrder });
    const b = await cases.load({ department, kind: 'licensing', caseId: reversed });
    expect(b.snapshot?.stage).toBe('decided');
    expect(b.snapshot?.stage).toBe(a.snapshot?.stage);
    expect(b.snapshot?.deadlines).toEqual(a.snapshot?.deadlines);
    const summary = (alerts: typeof a.alerts) => alerts.map((x) => [x.ruleId, x.level, x.status]);
    expect(summary(b.alerts.filter((x) => x.status === 'open'))).toEqual(summary(a.alerts.filter((x) => x.status === 'open')));
    expect(summary(a.alerts.filter((x) => x.status === 'open'))).toEqual([['licensing.decision-time-limit', 'warning', 'open']]);
  });

  it('raises exactly one alert when twenty deliveries of a record race each other', async () => {
    const caseId = newCaseId('race');
    const deps = dependenciesAt('2025-09-16T10:00:00+08:00');
    // Received and never answered: deemed accepted on receipt (Art. 32), so already overdue.
    const received = envelope(event(caseId, 1, 'received', receivedAt));

    const outcomes = await Promise.all(Array.from({ length: 20 }, () => processRecord(received, deps)));

    expect(outcomes.filter((o) => o.stored === 'stored')).toHaveLength(1);
    const raised = outcomes.reduce((sum, o) => sum + (o.evaluation.result === 'committed' ? o.evaluation.raised : 0), 0);
    expect(raised).toBe(1);
    const { alerts, events } = await cases.load({ department, kind: 'licensing', caseId });
    expect(events).toHaveLength(1);
    expect(alerts.map((a) => [a.level, a.version])).toEqual([['warning', 1]]);
  });

  it('corrects a decision taken without a recorded acceptance', async () => {
    const caseId = newCaseId('no-accept');
    const deps = dependenciesAt('2025-09-05T10:00:00+08:00');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(envelope(event(caseId, 2, 'decided', '2025-09-04T10:00:00+08:00')), deps);

    const { alerts } = await cases.load({ department, kind: 'licensing', caseId });
    expect(alerts.find((a) => a.ruleId === 'licensing.procedure-order')?.level).toBe('correction');
  });
});

describe('processing a batch', () => {
  it('evaluates the records of one case together and fails only the messages of a failing case', async () => {
    const good = newCaseId('batch-good');
    const bad = newCaseId('batch-bad');
    const deps = dependenciesAt('2025-09-16T10:00:00+08:00');
    const orphan = { ...event(bad, 1, 'received', receivedAt), matterCode: 'withdrawn-matter' };

    const results = await processRecords(
      [
        { id: 'a', envelope: envelope(event(good, 2, 'accepted', acceptedAt)) },
        { id: 'b', envelope: envelope(orphan) },
        { id: 'c', envelope: envelope(event(good, 1, 'received', receivedAt)) },
      ],
      deps,
    );

    expect([...results.entries()].filter(([, r]) => !r.ok).map(([id]) => id)).toEqual(['b']);
    const a = results.get('a');
    expect(a?.ok && a.outcome.evaluation.result).toBe('committed');
    const { events, snapshot } = await cases.load({ department, kind: 'licensing', caseId: good });
    expect(events).toHaveLength(2);
    expect(snapshot?.stateVersion).toBe(1);
  });
});

describe('the deadline sweep', () => {
  const sweep = (at: string) =>
    sweepDueChecks(new Date(at), sweepingWith({ cases, reference, calendar: stateCouncilCalendar }), { maxCases: 10_000, batchSize: 50 });

  it('prompts on the last day, warns after the promised limit and corrects after the statutory one, each once', async () => {
    // Prepare: a case accepted in time, evaluated well before any limit.
    const caseId = newCaseId('sweep');
    const deps = dependenciesAt('2025-09-02T10:00:00+08:00');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), deps);
    const before = await cases.load({ department, kind: 'licensing', caseId });
    expect(before.alerts).toHaveLength(0);
    expect(before.snapshot?.nextCheckAt).not.toBeNull();

    // Act + Assess: one working day before the promised limit (Fri 2025-09-12 → limit Mon 09-15).
    await sweep('2025-09-12T09:00:00+08:00');
    expect((await cases.load({ department, kind: 'licensing', caseId })).alerts.map((a) => a.level)).toEqual(['prompt']);

    // The same window swept twice changes nothing.
    await sweep('2025-09-12T09:00:00+08:00');
    const twice = await cases.load({ department, kind: 'licensing', caseId });
    expect(twice.alerts[0]?.version).toBe(1);

    // After downtime, one sweep catches up straight to the statutory breach.
    await sweep('2025-09-30T09:00:00+08:00');
    const after = await cases.load({ department, kind: 'licensing', caseId });
    expect(after.alerts.map((a) => [a.level, a.status])).toEqual([['correction', 'open']]);
    expect(after.alerts[0]?.history.map((h) => h.change)).toEqual(['raised', 'escalated']);
  });

  it('resolves a prompt when the decision comes in time', async () => {
    const caseId = newCaseId('in-time');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), dependenciesAt('2025-09-12T10:00:00+08:00'));
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), dependenciesAt('2025-09-12T10:00:00+08:00'));
    expect((await cases.load({ department, kind: 'licensing', caseId })).alerts.map((a) => a.level)).toEqual(['prompt']);

    await processRecord(envelope(event(caseId, 3, 'decided', '2025-09-12T15:00:00+08:00')), dependenciesAt('2025-09-12T15:05:00+08:00'));

    const { alerts, snapshot } = await cases.load({ department, kind: 'licensing', caseId });
    expect(alerts.map((a) => [a.level, a.status])).toEqual([['prompt', 'resolved']]);
    // Granted on 12 September: the licence is due to be delivered by 26 September (Art. 44), checked the day after.
    expect(snapshot?.nextCheckAt).toBe('2025-09-26T16:00:00.000Z');
  });

  it('escalates a warning nobody answers to a correction after five working days', async () => {
    // A notice to complete materials two weeks after receipt breaks the one-time, five-day rule.
    const caseId = newCaseId('unanswered');
    const deps = dependenciesAt('2025-09-16T10:00:00+08:00');
    const late = { ...event(caseId, 2, 'received', '2025-09-15T09:00:00+08:00'), event: 'completionRequested' as const, materials: ['site plan'] };
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(envelope(late as LicensingEvent), deps);
    const rule = 'licensing.completion-notice';
    expect((await cases.load({ department, kind: 'licensing', caseId })).alerts.find((a) => a.ruleId === rule)?.level).toBe('warning');

    await sweep('2025-09-30T09:00:00+08:00');

    const alert = (await cases.load({ department, kind: 'licensing', caseId })).alerts.find((a) => a.ruleId === rule);
    expect(alert).toMatchObject({ level: 'correction', findingLevel: 'warning', escalatedLevel: 'correction', status: 'open' });
  });

  it("re-computes provisional deadlines once the year's holiday arrangement is loaded", async () => {
    // Accepted on 2026-12-24: the limits run into 2027, for which no arrangement is loaded yet.
    const caseId = newCaseId('provisional');
    const deps = dependenciesAt('2026-12-24T12:00:00+08:00');
    await processRecord(envelope(event(caseId, 1, 'received', '2026-12-24T09:00:00+08:00')), deps);
    await processRecord(envelope(event(caseId, 2, 'accepted', '2026-12-24T10:00:00+08:00')), deps);
    const before = await cases.load({ department, kind: 'licensing', caseId });
    expect(before.snapshot?.awaitingCalendarYear).toBe(2027);
    expect(before.snapshot?.deadlines).toMatchObject({ promised: { provisional: true } });

    // A supervisor loads 2027; the next sweep (well before any limit) re-evaluates the case.
    const with2027 = overlayCalendar(stateCouncilCalendar, [anArrangementFor2027()]);
    await sweepDueChecks(new Date('2026-12-25T09:00:00+08:00'), sweepingWith({ cases, reference, calendar: with2027 }), { maxCases: 10_000, batchSize: 50 });

    const after = await cases.load({ department, kind: 'licensing', caseId });
    expect(after.snapshot?.awaitingCalendarYear).toBeNull();
    expect(after.snapshot?.deadlines).toMatchObject({ promised: { provisional: false } });
  });

  it('withdraws a prompt, naming the record, when a late record shows the decision came before it', async () => {
    const caseId = newCaseId('late-data');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), dependenciesAt('2025-09-12T10:00:00+08:00'));
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), dependenciesAt('2025-09-12T10:00:00+08:00'));
    expect((await cases.load({ department, kind: 'licensing', caseId })).alerts.map((a) => a.level)).toEqual(['prompt']);

    // The decision was taken on 09-11 but the department's system sends it a day later.
    await processRecord(envelope(event(caseId, 3, 'decided', '2025-09-11T16:00:00+08:00')), dependenciesAt('2025-09-12T11:00:00+08:00'));

    const [alert] = (await cases.load({ department, kind: 'licensing', caseId })).alerts;
    expect(alert?.status).toBe('withdrawn');
    expect(alert?.history.at(-1)?.summary).toContain('record 3');
  });

  it("holds a time-driven signal while the department's feed is stale and releases it once records flow again", async () => {
    const caseId = newCaseId('stale-feed');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), dependenciesAt('2025-09-02T10:00:00+08:00'));
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), dependenciesAt('2025-09-02T10:00:00+08:00'));
    // A fresh feed reader per step, as a new container would have (its cache is per container).
    await feeds().touch(department, '2025-09-02T02:00:00.000Z');

    // 09-17: the promised limit has passed, but nothing came from the department for two weeks.
    await sweepDueChecks(new Date('2025-09-17T09:00:00+08:00'), sweepingWith({ cases, reference, calendar: stateCouncilCalendar, feeds: feeds() }), {
      maxCases: 10_000,
      batchSize: 50,
    });
    const heldAlert = (await cases.load({ department, kind: 'licensing', caseId })).alerts[0];
    expect(heldAlert).toMatchObject({ status: 'held', level: 'warning' });

    // The department pushes again; the next evaluation releases the signal, which still holds.
    await feeds().touch(department, '2025-09-17T03:00:00.000Z');
    await sweepDueChecks(new Date('2025-09-17T12:00:00+08:00'), sweepingWith({ cases, reference, calendar: stateCouncilCalendar, feeds: feeds() }), {
      maxCases: 10_000,
      batchSize: 50,
    });
    const releasedAlert = (await cases.load({ department, kind: 'licensing', caseId })).alerts[0];
    expect(releasedAlert).toMatchObject({ status: 'open', level: 'warning' });
    expect(releasedAlert?.history.map((h) => h.change)).toEqual(['held', 'released']);
  });

  it('tells when the earliest check it took up fell due, and nothing when none was due', async () => {
    // Prepare: tables of their own, so no other test's case is due.
    const own = await createTestTables();
    await seedDemoReferenceData(own.documentClient, own.tables.reference);
    const ownCases = new DynamoDbCaseRepository(own.documentClient, own.tables.cases, testRecordSealer());
    const deps = dependenciesAt('2025-09-02T10:00:00+08:00', { cases: ownCases });
    const caseId = newCaseId('lag');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), deps);
    const dueAt = (await ownCases.load({ department, kind: 'licensing', caseId })).snapshot?.nextCheckAt;
    const sweepOwn = (at: string) =>
      sweepDueChecks(new Date(at), sweepingWith({ cases: ownCases, reference, calendar: stateCouncilCalendar }), { maxCases: 10_000, batchSize: 50 });

    // Act
    const early = await sweepOwn('2025-09-03T09:00:00+08:00');
    const late = await sweepOwn('2025-09-30T09:00:00+08:00');

    // Assess
    expect(dueAt).toEqual(expect.any(String));
    expect(early).toMatchObject({ due: 0, earliestDueAt: null });
    expect(late).toMatchObject({ due: 1, committed: 1, earliestDueAt: dueAt });
  });

  it('names a case it could not evaluate, which stays due, and goes on with the others', async () => {
    // Prepare: tables of their own; one case's reads fail, as a broken item would.
    const own = await createTestTables();
    await seedDemoReferenceData(own.documentClient, own.tables.reference);
    const broken = newCaseId('broken');
    class BrokenCaseRepository extends DynamoDbCaseRepository {
      override async load(key: CaseKey) {
        if (key.caseId === broken) throw new Error('unreadable case');
        return super.load(key);
      }
    }
    const ownCases = new DynamoDbCaseRepository(own.documentClient, own.tables.cases, testRecordSealer());
    const fine = newCaseId('fine');
    for (const caseId of [broken, fine]) {
      const deps = dependenciesAt('2025-09-02T10:00:00+08:00', { cases: ownCases });
      await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
      await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), deps);
    }
    const failures: string[] = [];

    // Act
    const outcome = await sweepDueChecks(
      new Date('2025-09-30T09:00:00+08:00'),
      sweepingWith({ cases: new BrokenCaseRepository(own.documentClient, own.tables.cases), reference, calendar: stateCouncilCalendar }),
      { maxCases: 10_000, batchSize: 50 },
      (_error, key) => failures.push(key.caseId),
    );

    // Assess
    expect(outcome).toMatchObject({ due: 2, committed: 1, failed: 1 });
    expect(failures).toEqual([broken]);
    const stillDue = await ownCases.dueCases(new Date('2025-09-30T09:00:00+08:00').toISOString(), 10);
    expect(stillDue.map((key) => key.caseId)).toEqual([broken]);
  });

  it('fires a due check once when two sweeps overlap', async () => {
    const caseId = newCaseId('overlap');
    const deps = dependenciesAt('2025-09-02T10:00:00+08:00');
    await processRecord(envelope(event(caseId, 1, 'received', receivedAt)), deps);
    await processRecord(envelope(event(caseId, 2, 'accepted', acceptedAt)), deps);

    await Promise.all([sweep('2025-09-16T09:00:00+08:00'), sweep('2025-09-16T09:00:00+08:00')]);

    const { alerts } = await cases.load({ department, kind: 'licensing', caseId });
    expect(alerts.map((a) => [a.level, a.version])).toEqual([['warning', 1]]);
  });
});
