/**
 * Accountability measures in the reference table, through the real SDK against DynamoDB Local:
 * stored once per number, saved on the version read, listed by department, jurisdiction or the
 * city newest number first, filtered by type, status and the overdue, paged with cursors that stay
 * in their scope; a measure's events written to the cases table's outbox in the same transaction.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbAccountabilityStore } from '#shared/adapters/dynamodb/dynamodb-accountability-store.ts';
import { MeasureNumberTaken, MeasureVersionChanged } from '#shared/application/accountability/accountability-store.ts';
import { CursorNotRecognised } from '#shared/application/store-refusals.ts';
import { applyMeasureStep, issueMeasure, type AccountabilityMeasure, type MeasureOrder } from '#shared/domain/accountability/accountability-measure.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import type { SignalEvent } from '#shared/application/ports.ts';
import { relaySignalEvents } from '#shared/application/relay-signal-events.ts';
import { accountabilityMeasureEvent } from '#shared/domain/accountability/accountability-measure-events.ts';

let tables: TestTables;
let store: DynamoDbAccountabilityStore;

beforeAll(async () => {
  tables = await createTestTables();
  store = new DynamoDbAccountabilityStore(tables.documentClient, tables.tables.reference);
});

const supervisor = { side: 'supervisor', id: 'districtSupervisor:s-1' } as const;
const correction = (deadline: string): MeasureOrder => ({ type: 'correctionOrder', deadline, requirements: '改正。' });
const measureOf = (number: string, department: string, jurisdiction: string, order: MeasureOrder = correction('2026-10-12')): AccountabilityMeasure =>
  issueMeasure({
    measureNumber: number,
    department: { department, name: department, jurisdiction },
    issuer: { jurisdiction, organ: '监察委员会', by: supervisor.id },
    at: '2026-09-29T02:00:00.000Z',
    order,
    article24Item: 4,
    facts: '事实。',
    signals: [],
  });

describe('accountability measures in the reference table', () => {
  it('stores a number once, reads it back whole, and saves a step only on the version read', async () => {
    // Prepare
    const measure = measureOf('WZ20260929AAAAA1', 'acc-housing', 'acc-a');
    await store.create(measure);

    // Act
    const taken = await store.create(measureOf('WZ20260929AAAAA1', 'acc-market', 'acc-a')).catch((error: unknown) => error);
    const reported = applyMeasureStep(
      measure,
      { step: 'reportCorrection', text: '已改正。', evidence: [] },
      { side: 'department', id: 'l' },
      '2026-10-09T02:00:00.000Z',
    );
    await store.save(reported, 1);
    const stale = await store.save(reported, 1).catch((error: unknown) => error);

    // Assess
    expect(taken).toBeInstanceOf(MeasureNumberTaken);
    expect(stale).toBeInstanceOf(MeasureVersionChanged);
    expect(await store.get('WZ20260929AAAAA1')).toEqual(reported);
    expect(await store.get('WZ20260929ZZZZZ9')).toBeUndefined();
  });

  it("lists a department's, a jurisdiction's or the city's, newest number first, filtered and paged within the scope", async () => {
    // Prepare
    await store.create(measureOf('WZ20260929BBBBB1', 'acc-x1', 'acc-b', correction('2026-10-01')));
    await store.create(measureOf('WZ20260929BBBBB2', 'acc-x1', 'acc-b', correction('2026-10-20')));
    await store.create(measureOf('WZ20260929BBBBB3', 'acc-x1', 'acc-b', { type: 'accountabilityReferral', referredTo: '纪委监委' }));
    await store.create(measureOf('WZ20260929BBBBB4', 'acc-x2', 'acc-b'));
    await store.create(measureOf('WZ20260929CCCCC1', 'acc-y1', 'acc-c'));
    const numbers = (page: { items: readonly AccountabilityMeasure[] }) => page.items.map((measure) => measure.measureNumber);

    // Act
    const department = await store.page({ scope: { by: 'department', department: 'acc-x1', jurisdiction: 'acc-b' }, limit: 10 });
    const referrals = await store.page({ scope: { by: 'department', department: 'acc-x1', jurisdiction: 'acc-b' }, type: 'accountabilityReferral', limit: 10 });
    const overdue = await store.page({ scope: { by: 'jurisdiction', jurisdiction: 'acc-b' }, overdueOn: '2026-10-15', limit: 10 });
    const first = await store.page({ scope: { by: 'jurisdiction', jurisdiction: 'acc-b' }, limit: 3 });
    const second = await store.page({
      scope: { by: 'jurisdiction', jurisdiction: 'acc-b' },
      limit: 3,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    const city = await store.page({ scope: { by: 'city' }, limit: 100 });
    const elsewhere = await store
      .page({ scope: { by: 'jurisdiction', jurisdiction: 'acc-c' }, limit: 3, ...(first.nextCursor ? { cursor: first.nextCursor } : {}) })
      .catch((error: unknown) => error);

    // Assess
    expect(numbers(department)).toEqual(['WZ20260929BBBBB3', 'WZ20260929BBBBB2', 'WZ20260929BBBBB1']);
    expect(numbers(referrals)).toEqual(['WZ20260929BBBBB3']);
    expect(numbers(overdue)).toEqual(['WZ20260929BBBBB4', 'WZ20260929BBBBB1']);
    expect([...numbers(first), ...numbers(second)]).toEqual(['WZ20260929BBBBB4', 'WZ20260929BBBBB3', 'WZ20260929BBBBB2', 'WZ20260929BBBBB1']);
    expect(numbers(city)).toEqual(expect.arrayContaining(['WZ20260929CCCCC1', 'WZ20260929BBBBB4', 'WZ20260929AAAAA1']));
    expect(elsewhere).toBeInstanceOf(CursorNotRecognised);
  });

  it('lists, for the overdue check, the orders to correct past their deadline that are not corrected or were corrected lately', async () => {
    // Prepare
    const department = { side: 'department', id: 'departmentLiaison:l-1' } as const;
    const corrected = (measure: AccountabilityMeasure, at: string) =>
      applyMeasureStep(
        applyMeasureStep(measure, { step: 'reportCorrection', text: '已改正。', evidence: [] }, department, at),
        { step: 'acceptCorrection' },
        supervisor,
        at,
      );
    const awaited = measureOf('WZ20260929DDDDD1', 'acc-z1', 'acc-d', correction('2026-08-03'));
    const correctedLately = measureOf('WZ20260929DDDDD2', 'acc-z1', 'acc-d', correction('2026-08-03'));
    const correctedLongAgo = measureOf('WZ20260929DDDDD3', 'acc-z1', 'acc-d', correction('2026-08-03'));
    const notYetDue = measureOf('WZ20260929DDDDD4', 'acc-z1', 'acc-d', correction('2026-08-10'));
    const referral = measureOf('WZ20260929DDDDD5', 'acc-z1', 'acc-d', { type: 'accountabilityReferral', referredTo: '纪委监委' });
    for (const measure of [awaited, correctedLately, correctedLongAgo, notYetDue, referral]) await store.create(measure);
    await store.save(corrected(correctedLately, '2026-08-06T02:00:00.000Z'), 1);
    await store.save(corrected(correctedLongAgo, '2026-07-20T02:00:00.000Z'), 1);

    // Act
    const orders = await store.ordersPastDeadline('2026-08-07', '2026-08-01T00:00:00.000Z');

    // Assess
    expect(
      orders
        .map((order) => order.measureNumber)
        .filter((number) => number.startsWith('WZ20260929DDDDD'))
        .sort(),
    ).toEqual(['WZ20260929DDDDD1', 'WZ20260929DDDDD2']);
    expect(orders.find((order) => order.measureNumber === 'WZ20260929DDDDD2')).toMatchObject({ status: 'corrected', version: 3 });
  });

  it("writes a measure's event to the cases table's outbox with the measure, none when the write is refused, and the relay publishes what is left", async () => {
    // Prepare
    const withOutbox = new DynamoDbAccountabilityStore(tables.documentClient, tables.tables.reference, tables.tables.cases);
    const outbox = new DynamoDbSignalEventOutbox(tables.documentClient, tables.tables.cases);
    const measure = measureOf('WZ20260929EEEEE1', 'acc-e1', 'acc-e');
    const published: SignalEvent[] = [];
    const bus = { publish: async (events: readonly SignalEvent[]) => void published.push(...events) };

    // Act
    await withOutbox.create(measure, [accountabilityMeasureEvent(measure)]);
    const taken = await withOutbox.create(measure, [accountabilityMeasureEvent(measure)]).catch((error: unknown) => error);
    const left = await outbox.pending(100);
    const relayed = await relaySignalEvents({ outbox, publisher: bus }, new Date(Date.now() + 60_000).toISOString());

    // Assess
    expect(taken).toBeInstanceOf(MeasureNumberTaken);
    expect(left.map((event) => event.eventId)).toEqual(['WZ20260929EEEEE1/1']);
    expect(relayed).toEqual({ published: 1 });
    expect(published.map((event) => ['source' in event ? event.source : 'alerts', event.detailType, event.eventId])).toEqual([
      ['e-supervision.accountability', 'AccountabilityMeasureIssued', 'WZ20260929EEEEE1/1'],
    ]);
    expect(await outbox.pending(100)).toEqual([]);
  });
});
