/**
 * The connection check against DynamoDB Local through the real adapters: the departments come
 * from the city structure, the feed from its status item, the signals are stored as alerts of the
 * connection pseudo-cases with their events in the outbox. Only the event bus is recorded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbConnectionAlerts } from '#shared/adapters/dynamodb/dynamodb-connection-alerts.ts';
import { DynamoDbFeedStatus } from '#shared/adapters/dynamodb/dynamodb-feed-status.ts';
import { DynamoDbReconciliationStore } from '#shared/adapters/dynamodb/dynamodb-reconciliation-store.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { checkConnections, type CheckConnectionsDependencies } from '#shared/application/connection-health/check-connections.ts';
import type { SignalEvent } from '#shared/application/ports.ts';
import { isWeekday } from '#shared/domain/calendar/working-day-calendar.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let tables: TestTables;
let deps: CheckConnectionsDependencies;
let feeds: DynamoDbFeedStatus;
let alerts: DynamoDbConnectionAlerts;
let outbox: DynamoDbSignalEventOutbox;
let structure: DynamoDbCityStructureRepository;
const record = { version: 1, updatedAt: '2026-11-30T01:00:00.000Z', updatedBy: 'systemAdministrator:admin-1' };
const published: SignalEvent[] = [];

const feedCase = { department: 'yinzhou-transport', kind: 'connection', caseId: 'feed' };

beforeAll(async () => {
  tables = await createTestTables();
  structure = new DynamoDbCityStructureRepository(tables.documentClient, tables.tables.reference);
  feeds = new DynamoDbFeedStatus(tables.documentClient, tables.tables.cases, Number.POSITIVE_INFINITY);
  alerts = new DynamoDbConnectionAlerts(tables.documentClient, tables.tables.cases);
  outbox = new DynamoDbSignalEventOutbox(tables.documentClient, tables.tables.cases);
  await structure.putDepartment(
    { department: 'yinzhou-transport', name: '鄞州区交通运输局', jurisdiction: 'yinzhou', connectedKinds: ['penalty'], connectedOn: '2026-12-01', ...record },
    0,
  );
  // Connected for nothing: never watched.
  await structure.putDepartment({ department: 'yinzhou-archives', name: '鄞州区档案馆', jurisdiction: 'yinzhou', connectedKinds: [], ...record }, 0);
  deps = {
    structure,
    feeds,
    alerts,
    calendar: async () => ({ isWorkingDay: isWeekday, hasArrangement: () => true }),
    settings: { silentAfterWorkingHours: 16, graceWorkingDays: 20, manifestDueHour: 10 },
    reconciliations: new DynamoDbReconciliationStore(tables.documentClient, tables.tables.cases),
    relay: { outbox, publisher: { publish: async (events) => void published.push(...events) } },
  };
});

describe('the connection check', () => {
  it('raises the silence of a department that never pushed once, however often and however concurrently it fires, and resolves it when it pushes', async () => {
    // Prepare: connected Tuesday 2026-12-01, never pushed; 16 working hours end Wednesday 17:00.
    const firedAt = new Date('2026-12-02T09:15:00.000Z');

    // Act: a firing, a duplicate at once, and a retry.
    const reports = await Promise.all([checkConnections(firedAt, deps), checkConnections(firedAt, deps)]);
    const retry = await checkConnections(firedAt, deps);
    const stored = await alerts.alerts(feedCase);

    // Assess
    expect(reports.map((report) => report.changes['raised'] ?? 0).sort()).toEqual([0, 1]);
    expect(retry).toEqual({ departments: 2, changes: {}, changedConcurrently: 0 });
    expect(stored).toEqual([
      expect.objectContaining({
        ruleId: 'connection.feed-silent',
        status: 'open',
        level: 'warning',
        version: 1,
        jurisdiction: 'yinzhou',
        message: expect.objectContaining({ key: 'connection.feed-silent.never' }),
      }),
    ]);
    expect(published.map((event) => [event.detailType, event.eventId])).toEqual([
      ['AlertRaised', 'yinzhou-transport/connection/feed/connection.feed-silent/1/0'],
    ]);
    expect(await outbox.pending(10)).toEqual([]);

    // Act: the department pushes penalty records; the next hour's check.
    await feeds.touch('yinzhou-transport', '2026-12-02T09:40:00.000Z', ['penalty']);
    const resumed = await checkConnections(new Date('2026-12-02T10:15:00.000Z'), deps);

    // Assess
    expect(resumed.changes).toEqual({ resolved: 1 });
    expect(await alerts.alerts(feedCase)).toEqual([expect.objectContaining({ status: 'resolved', version: 2, resolvedAt: '2026-12-02T10:15:00.000Z' })]);
    expect(published.map((event) => event.detailType)).toEqual(['AlertRaised', 'AlertResolved']);
  });

  it('finds a delayed connection of a kind that produced nothing within its grace, and only of that kind', async () => {
    // Prepare: connected Tuesday 2026-12-01 for licensing and penalty; only licensing records arrive.
    // 20 working days after it end on Tuesday 2026-12-29 (Dec 2-4, 7-11, 14-18, 21-25, 28-29).
    await structure.putDepartment(
      {
        department: 'yinzhou-market',
        name: '鄞州区市场监督管理局',
        jurisdiction: 'yinzhou',
        connectedKinds: ['licensing', 'penalty'],
        connectedOn: '2026-12-01',
        ...record,
      },
      0,
    );
    await feeds.touch('yinzhou-market', '2026-12-29T01:00:00.000Z', ['licensing']);
    const caseOf = (caseId: string) => ({ department: 'yinzhou-market', kind: 'connection', caseId });

    // Act: the last check of the 29th (23:59 Shanghai) and the first of the 30th.
    await checkConnections(new Date('2026-12-29T15:59:00.000Z'), deps);
    const before = await alerts.alerts(caseOf('penalty'));
    await checkConnections(new Date('2026-12-29T16:00:00.000Z'), deps);

    // Assess
    expect(before).toEqual([]);
    expect(await alerts.alerts(caseOf('penalty'))).toEqual([
      expect.objectContaining({ ruleId: 'connection.delayed-connection', matterCode: 'penalty', deadline: '2026-12-29T15:59:59.999Z', status: 'open' }),
    ]);
    expect(await alerts.alerts(caseOf('licensing'))).toEqual([]);
  });

  it('warns of a share of refused records at the limit over the window of the data standard, read from the day counters', async () => {
    // Prepare: connected 1 November; over 2-8 December (the window of 7 days ending the check's day) 20 records
    // arrived and 1 was refused: 5%. The 30 refused on 1 December fall outside the window.
    await structure.putDepartment(
      { department: 'yinzhou-health', name: '鄞州区卫生健康局', jurisdiction: 'yinzhou', connectedKinds: ['licensing'], connectedOn: '2026-11-01', ...record },
      0,
    );
    const batch = (day: string, accepted: number, refused: number) =>
      feeds.count({
        department: 'yinzhou-health',
        day,
        receivedAt: `${day}T01:00:00.000Z`,
        accepted,
        duplicates: 0,
        refused: { unknownMatter: refused },
        lag: {},
        kinds: [],
      });
    await batch('2026-12-01', 0, 30);
    await batch('2026-12-02', 18, 1);
    await batch('2026-12-08', 1, 0);
    await feeds.touch('yinzhou-health', '2026-12-08T01:00:00.000Z', ['licensing']);
    const withStandard = { ...deps, settings: { ...deps.settings, dataStandard: { refusedPercentLimit: 5, refusedWindowDays: 7, refusedMinimumRecords: 20 } } };
    const feedOf = { department: 'yinzhou-health', kind: 'connection', caseId: 'feed' };

    // Act: the check at 10:15 on 8 December, Shanghai.
    await checkConnections(new Date('2026-12-08T02:15:00.000Z'), withStandard);

    // Assess
    expect(await alerts.alerts(feedOf)).toEqual([
      expect.objectContaining({
        ruleId: 'connection.data-standard',
        level: 'warning',
        status: 'open',
        message: { key: 'connection.data-standard', params: { from: '2026-12-02', to: '2026-12-08', arrived: 20, refused: 1, percent: 5, threshold: 5 } },
      }),
    ]);
  });
});
