/**
 * Complaint signals on the event bus, against DynamoDB Local: the sweep that fires a timer writes
 * the signal's event to the oversight table's outbox in the same transaction, the writer publishes
 * it right after the commit and clears it, and what a failed publication leaves behind is relayed
 * later. EventBridge is the external boundary: a recording publisher stands in for it.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { fileComplaint } from '#shared/application/complaints/file-complaint.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import type { SignalEventPublisher, SignalEvent } from '#shared/application/ports.ts';
import { publishCommittedEvents, relaySignalEvents } from '#shared/application/relay-signal-events.ts';
import { sweepOversightTimers, type OversightSweepOutcome } from '#shared/application/sweep-oversight-timers.ts';
import { fireDueTimers } from '#shared/domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '#shared/domain/complaints/complaint-signal-events.ts';
import { StaleVersionError } from '#shared/http/errors.ts';
import { complaintTestSetup, type ComplaintTestSetup } from './complaint-test-setup.ts';

/** Records what was put on the bus; refuses everything while `failing`. */
class RecordingPublisher implements SignalEventPublisher {
  readonly published: SignalEvent[] = [];
  failing = false;
  async publish(events: readonly SignalEvent[]): Promise<void> {
    if (this.failing) throw new Error('event bus unavailable');
    this.published.push(...events);
  }
}

let setup: ComplaintTestSetup;
let outbox: DynamoDbSignalEventOutbox;
beforeAll(async () => {
  setup = await complaintTestSetup();
  outbox = new DynamoDbSignalEventOutbox(setup.db.documentClient, setup.db.tables.oversight);
});

/** Received Wednesday 30 September 2026: the acceptance prompt is due at the start of 13 October (Shanghai). */
const receivedAt = '2026-09-30T02:00:00.000Z';
const atPrompt = new Date('2026-10-12T16:01:00.000Z');

async function fileBeforeNationalDay(): Promise<string> {
  setup.setNow(receivedAt);
  return (await fileComplaint({ jurisdiction: 'haishu', category: 'delay', content: '国庆前提交的投诉。', realName: false }, setup.deps)).receiptNumber;
}

function sweep(asOf: Date): Promise<OversightSweepOutcome> {
  return sweepOversightTimers(
    asOf,
    { timers: new DynamoDbOversightTimers(setup.db.documentClient, setup.db.tables.oversight), firing: { complaint: complaintTimerFiring(setup.deps), supervision: async () => ({ fired: 0 }) } },
    { maxItems: 100, concurrency: 4 },
  );
}

/** The outbox items of one complaint, as stored (a Query on the outbox partition). */
async function outboxItemsOf(receiptNumber: string): Promise<Record<string, unknown>[]> {
  const page = await setup.db.documentClient.send(
    new QueryCommand({ TableName: setup.db.tables.oversight, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'OUTBOX' }, ConsistentRead: true }),
  );
  return (page.Items ?? []).filter((item) => String(item['sk']).includes(`#${receiptNumber}/`));
}

const ofComplaint = (events: readonly SignalEvent[], receiptNumber: string): SignalEvent[] => events.filter((event) => event.eventId.startsWith(`${receiptNumber}/`));

describe('complaint signals on the event bus', () => {
  it("writes the acceptance prompt's event to the outbox in the firing's transaction", async () => {
    const receiptNumber = await fileBeforeNationalDay();

    const outcome = await sweep(atPrompt);

    const events = ofComplaint(outcome.signalEvents, receiptNumber);
    expect(events.map((event) => [event.eventId, event.detailType])).toEqual([[`${receiptNumber}/acceptance-1:prompt`, 'ComplaintSignalRaised']]);
    const items = await outboxItemsOf(receiptNumber);
    expect(items.map((item) => item['event'])).toEqual(events);
    expect(items.map((item) => item['sk'])).toEqual([`${atPrompt.toISOString()}#${receiptNumber}/acceptance-1:prompt`]);
    const stored = await setup.deps.complaints.load(receiptNumber);
    expect(stored?.signals.map((signal) => signal.timerId)).toEqual(['acceptance-1:prompt']);
  });

  it('writes neither the signal nor its event when the complaint changed since it was read', async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const read = await setup.deps.complaints.load(receiptNumber);
    if (!read) throw new Error('not filed');
    const { complaint: next, steps } = fireDueTimers(read, atPrompt);
    const events = complaintSignalEvents(read, next);

    const stale = setup.deps.complaints.save([{ change: { complaint: next, steps }, expectedVersion: read.version + 1, events }]);

    await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
    expect(events).toHaveLength(1);
    expect(await outboxItemsOf(receiptNumber)).toEqual([]);
    expect((await setup.deps.complaints.load(receiptNumber))?.signals).toEqual([]);
  });

  it('publishes the committed events right after the commit and clears them from the outbox; a second sweep publishes nothing new', async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const publisher = new RecordingPublisher();
    const relay = { outbox, publisher };

    const first = await sweep(atPrompt);
    await publishCommittedEvents(first.signalEvents, relay);
    const second = await sweep(atPrompt);
    await publishCommittedEvents(second.signalEvents, relay);

    expect(ofComplaint(publisher.published, receiptNumber).map((event) => event.eventId)).toEqual([`${receiptNumber}/acceptance-1:prompt`]);
    expect(ofComplaint(publisher.published, receiptNumber)[0]).toMatchObject({
      source: 'e-supervision.complaints',
      detail: { version: 1, signal: { receiptNumber, jurisdiction: 'haishu', clock: 'acceptance', level: 'prompt', addressee: 'supervisor' } },
    });
    expect(ofComplaint(second.signalEvents, receiptNumber)).toEqual([]);
    expect(await outboxItemsOf(receiptNumber)).toEqual([]);
  });

  it('keeps the event in the outbox when the bus refuses it, and the relay publishes it once it is older than the grace period', async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const publisher = new RecordingPublisher();
    publisher.failing = true;

    const outcome = await sweep(new Date('2026-10-20T00:00:00.000Z'));
    const publishing = publishCommittedEvents(outcome.signalEvents, { outbox, publisher });

    await expect(publishing).rejects.toThrow('event bus unavailable');
    expect(await outboxItemsOf(receiptNumber)).toHaveLength(3);

    publisher.failing = false;
    // The relay leaves events younger than its cut-off to their writer (earlier tests' leftovers are older: it takes them).
    await relaySignalEvents({ outbox, publisher }, '2026-10-19T23:59:00.000Z');
    const publishedTooSoon = ofComplaint(publisher.published, receiptNumber);
    const relayed = await relaySignalEvents({ outbox, publisher }, '2026-10-20T00:01:00.000Z');

    // Raised at one instant, they are relayed in id order; subscribers order by `raisedAt` and `dueAt`.
    expect(ofComplaint(publisher.published, receiptNumber).map((event) => event.eventId).sort()).toEqual(
      ['correction', 'prompt', 'warning'].map((level) => `${receiptNumber}/acceptance-1:${level}`),
    );
    expect(publishedTooSoon).toEqual([]);
    expect(relayed.published).toBeGreaterThanOrEqual(3);
    expect(await outboxItemsOf(receiptNumber)).toEqual([]);
  });
});
