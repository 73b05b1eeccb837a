/**
 * Supervision signals on the event bus, against DynamoDB Local: the firing marks each signal's
 * event unpublished on the aggregate's timers item in the same write as the signal (a stale write
 * neither), and returns them for the sweep to publish; publishing marks them published. A recording publisher stands in for
 * EventBridge (the external boundary).
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOversightSignalOutbox } from '#shared/adapters/dynamodb/dynamodb-oversight-signal-outbox.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SignalEventPublisher, SignalEvent } from '#shared/application/ports.ts';
import { publishCommittedEvents } from '#shared/application/relay-signal-events.ts';
import { supervisionTimerFiring } from '#shared/application/supervision/fire-supervision-timers.ts';
import { openSupervisionCase } from '#shared/application/supervision/open-supervision-case.ts';
import type { TimerFiring } from '#shared/application/sweep-oversight-timers.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { fireCaseTimers } from '#shared/domain/supervision-cases/supervision-case.ts';
import { supervisionSignalEvents } from '#shared/domain/supervision-cases/supervision-signal-events.ts';
import { SupervisionVersionChanged } from '#shared/application/store-refusals.ts';
import { aCaseInput, principals, supervisionWorld, type SupervisionWorld } from './supervision-world.ts';

class RecordingPublisher implements SignalEventPublisher {
  readonly published: SignalEvent[] = [];
  async publish(events: readonly SignalEvent[]): Promise<void> {
    this.published.push(...events);
  }
}

let world: SupervisionWorld;
let fire: TimerFiring;
// Opened Monday 15 September 2025, deadline Friday 26 September: prompt at 00:00 on the 24th, escalation at 00:00 on 1 October.
const promptAt = new Date('2025-09-23T16:00:00.000Z');
const escalationAt = new Date('2025-09-30T16:00:00.000Z');

beforeAll(async () => {
  world = await supervisionWorld('2025-09-15T02:00:00.000Z');
  fire = supervisionTimerFiring({ supervision: world.repository, calendar: world.deps.calendar, policy: world.deps.policy });
});

async function outboxEventsOf(number: string): Promise<unknown[]> {
  const page = await world.tables.documentClient.send(
    new QueryCommand({
      TableName: world.tables.tables.oversight,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'OUTBOX' },
      ConsistentRead: true,
    }),
  );
  return (page.Items ?? []).filter((item) => String(item['sk']).includes(`#${number}/`)).map((item) => item['event']);
}

/** Ids of the events marked unpublished on the aggregate's timers item. */
async function unpublishedOf(number: string): Promise<string[]> {
  const { Item } = await world.tables.documentClient.send(
    new GetCommand({ TableName: world.tables.tables.oversight, Key: { pk: `SUPERVISION#${number}`, sk: 'STATE#TIMERS' }, ConsistentRead: true }),
  );
  return [...((Item?.['unpublished'] as Set<string> | undefined) ?? [])].sort();
}

describe('supervision signals on the event bus', () => {
  it("marks the case's deadline prompt unpublished with the firing, and publishing marks it published", async () => {
    world.setNow('2025-09-15T02:00:00.000Z');
    const opened = await openSupervisionCase(principals.haishuSupervisor, aCaseInput, world.deps);
    const outbox = new DynamoDbOversightSignalOutbox(world.tables.documentClient, world.tables.tables.oversight);
    const publisher = new RecordingPublisher();

    const firing = await fire(opened.caseNumber, promptAt);
    const committed = await unpublishedOf(opened.caseNumber);
    await publishCommittedEvents(firing.events ?? [], { outbox, publisher });

    expect(committed).toEqual((firing.events ?? []).map((event) => event.eventId));
    expect(await outboxEventsOf(opened.caseNumber)).toEqual([]);
    expect(publisher.published).toEqual([
      expect.objectContaining({
        eventId: `${opened.caseNumber}/signal/1`,
        source: 'e-supervision.supervision',
        detailType: 'SupervisionSignalRaised',
        detail: expect.objectContaining({
          signal: expect.objectContaining({ item: 'case', level: 'prompt', addressee: 'department', department: 'haishu-housing' }),
        }),
      }),
    ]);
    expect(await unpublishedOf(opened.caseNumber)).toEqual([]);
    expect(await fire(opened.caseNumber, promptAt)).toEqual({ fired: 0 });
  });

  it('publishes the escalation of an overdue case to the department and to the city', async () => {
    world.setNow('2025-09-15T02:00:00.000Z');
    const opened = await openSupervisionCase(principals.haishuSupervisor, aCaseInput, world.deps);
    const outbox = new DynamoDbOversightSignalOutbox(world.tables.documentClient, world.tables.tables.oversight);
    const warning = await fire(opened.caseNumber, new Date('2025-09-27T00:00:00.000Z'));
    await publishCommittedEvents(warning.events ?? [], { outbox, publisher: new RecordingPublisher() });

    const escalation = await fire(opened.caseNumber, escalationAt);

    expect((escalation.events ?? []).map((event) => [event.detailType, event.eventId])).toEqual([
      ['SupervisionCaseEscalated', `${opened.caseNumber}/signal/3`],
      ['SupervisionCaseEscalated', `${opened.caseNumber}/signal/4`],
    ]);
    expect(await unpublishedOf(opened.caseNumber)).toEqual([`${opened.caseNumber}/signal/3`, `${opened.caseNumber}/signal/4`]);
  });

  it('writes neither the signal nor its event when the case changed since it was read', async () => {
    world.setNow('2025-09-15T02:00:00.000Z');
    const opened = await openSupervisionCase(principals.haishuSupervisor, aCaseInput, world.deps);
    const read = await world.repository.supervisionCase(opened.caseNumber);
    if (!read) throw new Error('not opened');
    const { state, firing } = fireCaseTimers(read, promptAt.toISOString(), stateCouncilCalendar, world.deps.policy);
    const events = supervisionSignalEvents(read, { item: 'case', state });
    if (!firing) throw new Error('nothing due');

    const stale = world.repository.saveFiring({ item: 'case', state, expectedVersion: read.version + 1, firing, events });

    await expect(stale).rejects.toBeInstanceOf(SupervisionVersionChanged);
    expect(events).toHaveLength(1);
    expect(await outboxEventsOf(opened.caseNumber)).toEqual([]);
    expect(await unpublishedOf(opened.caseNumber)).toEqual([]);
    expect((await world.repository.supervisionCase(opened.caseNumber))?.signals).toEqual([]);
  });
});
