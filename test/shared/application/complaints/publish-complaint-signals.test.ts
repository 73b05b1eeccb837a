/**
 * Complaint signals on the event bus, against DynamoDB Local: the sweep that fires a timer marks
 * the signal's event unpublished on the complaint's timers item in the firing's own write, the
 * sweep publishes it right after the commit and marks it published, and what a failed publication
 * leaves behind is handed back by a later sweep. EventBridge is the external boundary: a recording
 * publisher stands in for it.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOversightSignalOutbox } from '#shared/adapters/dynamodb/dynamodb-oversight-signal-outbox.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { fileComplaint } from '#shared/application/complaints/file-complaint.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import type { SignalEventPublisher, SignalEvent } from '#shared/application/ports.ts';
import { publishCommittedEvents } from '#shared/application/relay-signal-events.ts';
import { sweepOversightTimers, type OversightSweepOutcome } from '#shared/application/sweep-oversight-timers.ts';
import { fireDueTimers } from '#shared/domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '#shared/domain/complaints/complaint-signal-events.ts';
import { ComplaintVersionChanged } from '#shared/application/store-refusals.ts';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { complaintTestSetup, haishuSupervisor, type ComplaintTestSetup } from './complaint-test-setup.ts';

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
beforeAll(async () => {
  setup = await complaintTestSetup();
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
    {
      timers: new DynamoDbOversightTimers(setup.db.documentClient, setup.db.tables.oversight),
      firing: { complaint: complaintTimerFiring(setup.deps), supervision: async () => ({ fired: 0 }) },
    },
    { maxItems: 100, concurrency: 4 },
  );
}

/** The outbox items of one complaint, as stored (a Query on the outbox partition). */
async function outboxItemsOf(receiptNumber: string): Promise<Record<string, unknown>[]> {
  const page = await setup.db.documentClient.send(
    new QueryCommand({
      TableName: setup.db.tables.oversight,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'OUTBOX' },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? []).filter((item) => String(item['sk']).includes(`#${receiptNumber}/`));
}

/** The complaint's timers item, as stored. */
const timersItemOf = async (receiptNumber: string) =>
  (
    await setup.db.documentClient.send(
      new GetCommand({ TableName: setup.db.tables.oversight, Key: { pk: `COMPLAINT#${receiptNumber}`, sk: 'STATE#TIMERS' }, ConsistentRead: true }),
    )
  ).Item;

const ofComplaint = (events: readonly SignalEvent[], receiptNumber: string): SignalEvent[] =>
  events.filter((event) => event.eventId.startsWith(`${receiptNumber}/`));

describe('complaint signals on the event bus', () => {
  it("marks the acceptance prompt's event unpublished in the firing's write, and writes no outbox item", async () => {
    const receiptNumber = await fileBeforeNationalDay();

    const outcome = await sweep(atPrompt);

    const events = ofComplaint(outcome.signalEvents, receiptNumber);
    expect(events.map((event) => [event.eventId, event.detailType])).toEqual([[`${receiptNumber}/acceptance-1:prompt`, 'ComplaintSignalRaised']]);
    expect(await outboxItemsOf(receiptNumber)).toEqual([]);
    const timers = await timersItemOf(receiptNumber);
    expect(timers?.['unpublished']).toEqual(new Set([`${receiptNumber}/acceptance-1:prompt`]));
    // Due until published: the sweep comes back for it.
    expect(timers?.['dueAt'] <= atPrompt.toISOString()).toBe(true);
    const stored = await setup.deps.complaints.load(receiptNumber);
    expect(stored?.signals.map((signal) => signal.timerId)).toEqual(['acceptance-1:prompt']);
  });

  it('writes neither the signal nor its event when the complaint changed since it was read', async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const read = await setup.deps.complaints.load(receiptNumber);
    if (!read) throw new Error('not filed');
    const { complaint: next, firing } = fireDueTimers(read, atPrompt);
    const events = complaintSignalEvents(read, next);
    if (!firing) throw new Error('nothing due');

    const stale = setup.deps.complaints.saveFiring({ complaint: next, expectedVersion: read.version + 1, firing, events });

    await expect(stale).rejects.toBeInstanceOf(ComplaintVersionChanged);
    expect(events).toHaveLength(1);
    expect(await outboxItemsOf(receiptNumber)).toEqual([]);
    expect(await timersItemOf(receiptNumber)).not.toHaveProperty('unpublished');
    expect((await setup.deps.complaints.load(receiptNumber))?.signals).toEqual([]);
  });

  it('publishes the committed events right after the commit and clears them from the outbox; a second sweep publishes nothing new', async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const publisher = new RecordingPublisher();
    const relay = { outbox: new DynamoDbOversightSignalOutbox(setup.db.documentClient, setup.db.tables.oversight), publisher };

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
    // Published: the item leaves `unpublished` and waits for its next timer (the warning at the end of 13 October).
    const timers = await timersItemOf(receiptNumber);
    expect(timers).not.toHaveProperty('unpublished');
    expect(timers?.['dueAt']).toBe('2026-10-13T15:59:59.999Z');
  });

  it('keeps the events unpublished when the bus refuses them, and a sweep after the grace period hands them back for publishing', async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const publisher = new RecordingPublisher();
    const relay = { outbox: new DynamoDbOversightSignalOutbox(setup.db.documentClient, setup.db.tables.oversight), publisher };
    publisher.failing = true;
    const firedAt = new Date('2026-10-20T00:00:00.000Z');

    const outcome = await sweep(firedAt);
    const publishing = publishCommittedEvents(outcome.signalEvents, relay);

    await expect(publishing).rejects.toThrow('event bus unavailable');
    expect((await timersItemOf(receiptNumber))?.['unpublished']).toEqual(
      new Set(['correction', 'prompt', 'warning'].map((level) => `${receiptNumber}/acceptance-1:${level}`)),
    );

    publisher.failing = false;
    // A sweep within the grace period leaves them to the run that fired them.
    const tooSoon = await sweep(new Date(firedAt.getTime() + 30_000));
    await publishCommittedEvents(tooSoon.signalEvents, relay);
    const publishedTooSoon = ofComplaint(publisher.published, receiptNumber);
    const later = await sweep(new Date(firedAt.getTime() + 60_000));
    await publishCommittedEvents(later.signalEvents, relay);

    expect(publishedTooSoon).toEqual([]);
    expect(
      ofComplaint(later.signalEvents, receiptNumber)
        .map((event) => event.eventId)
        .sort(),
    ).toEqual(['correction', 'prompt', 'warning'].map((level) => `${receiptNumber}/acceptance-1:${level}`));
    expect(later.fired).toBe(0);
    expect(ofComplaint(publisher.published, receiptNumber)).toHaveLength(3);
    const timers = await timersItemOf(receiptNumber);
    expect(timers).not.toHaveProperty('unpublished');
    expect(timers).not.toHaveProperty('dueAt');
  });

  it("keeps a firing's unpublished event marked through a person's change, and publishes it with the step on the timeline", async () => {
    const receiptNumber = await fileBeforeNationalDay();
    const publisher = new RecordingPublisher();
    const relay = { outbox: new DynamoDbOversightSignalOutbox(setup.db.documentClient, setup.db.tables.oversight), publisher };
    publisher.failing = true;
    const fired = await sweep(atPrompt);
    await expect(publishCommittedEvents(fired.signalEvents, relay)).rejects.toThrow('event bus unavailable');

    setup.setNow('2026-10-13T02:00:00.000Z');
    await decideOnComplaint(
      haishuSupervisor,
      receiptNumber,
      { expectedVersion: 2, accepted: true, handling: { by: 'supervisor', deadline: '2026-10-30' } },
      setup.deps,
    );
    const afterDecision = await timersItemOf(receiptNumber);
    publisher.failing = false;
    const later = await sweep(new Date('2026-10-13T02:01:00.000Z'));
    await publishCommittedEvents(later.signalEvents, relay);

    expect(afterDecision?.['unpublished']).toEqual(new Set([`${receiptNumber}/acceptance-1:prompt`]));
    expect(afterDecision?.['dueAt']).toBe(atPrompt.toISOString());
    expect(afterDecision?.['firings']).toEqual([]);
    expect(ofComplaint(publisher.published, receiptNumber).map((event) => event.eventId)).toEqual([`${receiptNumber}/acceptance-1:prompt`]);
    expect(await timersItemOf(receiptNumber)).not.toHaveProperty('unpublished');
    // The firing's step was written as an item with the decision, before the decision's own.
    const steps = await setup.deps.complaints.timeline(receiptNumber);
    expect(steps.slice(0, 2).map((step) => [step.sequence, step.action])).toEqual([
      [1, 'filed'],
      [2, 'signalRaised'],
    ]);
    expect(steps.map((step) => step.sequence)).toEqual(steps.map((_, index) => index + 1));
    expect(steps.length).toBeGreaterThan(2);
  });
});
