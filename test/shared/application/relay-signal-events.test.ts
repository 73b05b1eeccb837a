/**
 * A sweep's publishing against the outbox in DynamoDB Local: its own events first, then the
 * leftovers; it never throws, and it tells the age of the oldest leftover whether or not the bus
 * takes it, so an outbox that stops draining shows on the operators' metric.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { outboxItem } from '#shared/adapters/dynamodb/outbox-items.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import type { SignalEvent, SignalEventPublisher } from '#shared/application/ports.ts';
import { publishAndRelay } from '#shared/application/relay-signal-events.ts';
import type { AlertEvent } from '#shared/domain/alerts/alert-events.ts';
import { createTestTables, type TestTables } from '../../support/dynamodb.ts';

/** The event bus is EventBridge in production; here a list stands in for it (an external boundary). */
class RecordingPublisher implements SignalEventPublisher {
  readonly published: string[] = [];
  failing = false;
  async publish(events: readonly SignalEvent[]): Promise<void> {
    if (this.failing) throw new Error('event bus unavailable');
    this.published.push(...events.map((event) => event.eventId));
  }
}

const alertEvent = (caseId: string, occurredAt: string): AlertEvent => {
  const eventId = `haishu-housing/licensing/${caseId}/licensing.decision-time-limit/1/0`;
  return {
    eventId,
    detailType: 'AlertRaised',
    occurredAt,
    detail: {
      version: 1,
      eventId,
      change: 'raised',
      alert: {
        department: 'haishu-housing',
        jurisdiction: 'haishu',
        kind: 'licensing',
        caseId,
        matterCode: 'construction-permit',
        ruleId: 'licensing.decision-time-limit',
        ruleVersion: 1,
        level: 'warning',
        status: 'open',
        legalBasis: '《行政许可法》第四十二条',
        summaryZh: '决定超期',
        summary: 'Decision overdue',
        alertVersion: 1,
      },
    },
  };
};

let db: TestTables;
let outbox: DynamoDbSignalEventOutbox;
let publisher: RecordingPublisher;

beforeEach(async () => {
  db = await createTestTables();
  outbox = new DynamoDbSignalEventOutbox(db.documentClient, db.tables.cases);
  publisher = new RecordingPublisher();
});

/** Commits events to the outbox as the repositories do, in the same item layout. */
const commit = async (...events: SignalEvent[]): Promise<void> => {
  for (const event of events) await db.documentClient.send(new PutCommand({ TableName: db.tables.cases, Item: outboxItem(event) }));
};

const cutOff = '2026-03-02T01:59:00.000Z';

describe("a sweep's publishing", () => {
  it('publishes its own events, then the leftovers older than the cut-off, and tells when the oldest leftover occurred', async () => {
    // Prepare
    const own = alertEvent('OWN-1', '2026-03-02T02:00:00.000Z');
    const older = alertEvent('LEFT-1', '2026-03-02T01:30:00.000Z');
    const oldest = alertEvent('LEFT-0', '2026-03-02T01:00:00.000Z');
    const tooYoung = alertEvent('YOUNG-1', '2026-03-02T01:59:30.000Z');
    await commit(own, older, oldest, tooYoung);

    // Act
    const report = await publishAndRelay([own], { outbox, publisher }, cutOff);

    // Assess
    expect(report).toEqual({ relayed: 2, oldestPendingAt: '2026-03-02T01:00:00.000Z' });
    expect(publisher.published).toEqual([own.eventId, oldest.eventId, older.eventId]);
    expect((await outbox.pending(10)).map((event) => event.eventId)).toEqual([tooYoung.eventId]);
  });

  it('tells the age of the oldest leftover even when the bus refuses every event, keeps them all, and does not throw', async () => {
    // Prepare
    const own = alertEvent('OWN-2', '2026-03-02T02:00:00.000Z');
    const leftover = alertEvent('LEFT-2', '2026-03-02T00:45:00.000Z');
    await commit(own, leftover);
    publisher.failing = true;

    // Act
    const report = await publishAndRelay([own], { outbox, publisher }, cutOff);

    // Assess
    expect(report).toMatchObject({
      relayed: 0,
      oldestPendingAt: '2026-03-02T00:45:00.000Z',
      failure: expect.objectContaining({ message: 'event bus unavailable' }),
    });
    expect(await outbox.pending(10)).toHaveLength(2);
  });

  it('tells of no leftover when the outbox holds nothing older than the cut-off', async () => {
    // Prepare
    await commit(alertEvent('YOUNG-2', '2026-03-02T01:59:59.000Z'));

    // Act
    const report = await publishAndRelay([], { outbox, publisher }, cutOff);

    // Assess
    expect(report).toEqual({ relayed: 0, oldestPendingAt: null });
    expect(publisher.published).toEqual([]);
  });
});
