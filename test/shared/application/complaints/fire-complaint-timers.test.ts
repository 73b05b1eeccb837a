/**
 * The complaint clock's firing function against DynamoDB Local: each timer fires exactly once
 * however often or concurrently the sweep calls it; cancelled timers never fire; after downtime
 * every overdue timer fires once.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOversightSignalOutbox } from '#shared/adapters/dynamodb/dynamodb-oversight-signal-outbox.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { decideOnComplaint } from '#shared/application/complaints/decide-on-complaint.ts';
import { fileComplaint } from '#shared/application/complaints/file-complaint.ts';
import { complaintTimerFiring } from '#shared/application/complaints/fire-complaint-timers.ts';
import { listComplaints } from '#shared/application/complaints/list-complaints.ts';
import { ComplaintVersionChanged } from '#shared/application/store-refusals.ts';
import { complaintTestSetup, haishuSupervisor, housingLiaison, type ComplaintTestSetup } from './complaint-test-setup.ts';

let setup: ComplaintTestSetup;
let fire: ReturnType<typeof complaintTimerFiring>;
beforeAll(async () => {
  setup = await complaintTestSetup();
  const firing = complaintTimerFiring(setup.deps);
  const published = new DynamoDbOversightSignalOutbox(setup.db.documentClient, setup.db.tables.oversight);
  // As the sweep does: each firing's events are published (marked so on the item) right after it.
  fire = async (number, asOf) => {
    const outcome = await firing(number, asOf);
    await published.remove(outcome.events ?? []);
    return outcome;
  };
});

/** Received Wednesday 30 September 2026: prompt at the start of 13 October, warning at its end, correction at the end of the 14th. */
async function filedBeforeNationalDay(): Promise<string> {
  setup.setNow('2026-09-30T02:00:00.000Z');
  return (await fileComplaint({ jurisdiction: 'haishu', category: 'delay', content: '国庆前提交的投诉。', realName: false }, setup.deps)).receiptNumber;
}

const signalSteps = async (receiptNumber: string) =>
  (await setup.deps.complaints.timeline(receiptNumber)).filter((s) => s.action === 'signalRaised' || s.action === 'signalEscalated');
/** The complaint's timers item: `timerDueAt` is its next timer (the sweep's `dueAt` once the firing's events are published). */
const timersItem = async (receiptNumber: string) =>
  (
    await setup.db.documentClient.send(
      new GetCommand({ TableName: setup.db.tables.oversight, Key: { pk: `COMPLAINT#${receiptNumber}`, sk: 'STATE#TIMERS' }, ConsistentRead: true }),
    )
  ).Item;

describe('firing complaint timers', () => {
  it('fires nothing before the first timer is due', async () => {
    const receiptNumber = await filedBeforeNationalDay();

    expect(await fire(receiptNumber, new Date('2026-10-12T15:59:59.999Z'))).toEqual({ fired: 0 });
    expect(await signalSteps(receiptNumber)).toEqual([]);
  });

  it('fires the prompt exactly once when the sweep runs twice', async () => {
    const receiptNumber = await filedBeforeNationalDay();
    const asOf = new Date('2026-10-12T16:01:00.000Z');

    const first = await fire(receiptNumber, asOf);
    const second = await fire(receiptNumber, asOf);

    expect([first.fired, second.fired]).toEqual([1, 0]);
    expect((await signalSteps(receiptNumber)).map((s) => s.details['level'])).toEqual(['prompt']);
    expect((await timersItem(receiptNumber))?.['timerDueAt']).toBe('2026-10-13T15:59:59.999Z');
  });

  it('fires the prompt exactly once when two sweeps overlap', async () => {
    const receiptNumber = await filedBeforeNationalDay();
    const asOf = new Date('2026-10-12T16:01:00.000Z');

    const outcomes = await Promise.allSettled([fire(receiptNumber, asOf), fire(receiptNumber, asOf), fire(receiptNumber, asOf)]);

    const fired = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.fired : 0)).reduce((a, b) => a + b, 0);
    expect(fired).toBe(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ComplaintVersionChanged);
    // The sweep retries a contended item once: it then finds nothing left to fire.
    expect(await fire(receiptNumber, asOf)).toEqual({ fired: 0 });
    expect(await signalSteps(receiptNumber)).toHaveLength(1);
  });

  it('fires every overdue timer once after downtime, escalating to the city, and then nothing is pending', async () => {
    const receiptNumber = await filedBeforeNationalDay();

    const late = await fire(receiptNumber, new Date('2026-10-20T00:00:00.000Z'));

    expect(late.fired).toBe(3);
    expect((await signalSteps(receiptNumber)).map((s) => [s.details['level'], s.details['addressee']])).toEqual([
      ['prompt', 'supervisor'],
      ['warning', 'supervisor'],
      ['correction', 'superior'],
    ]);
    expect(await timersItem(receiptNumber)).not.toHaveProperty('timerDueAt');
    const page = await listComplaints(haishuSupervisor, {}, setup.deps);
    expect(page.items.find((row) => row.receiptNumber === receiptNumber)).toMatchObject({ signal: 'correction', escalated: true });
  });

  it('never fires the acceptance timers after the decision, and arms the handling timers instead', async () => {
    const receiptNumber = await filedBeforeNationalDay();
    setup.setNow('2026-10-09T02:00:00.000Z');
    await decideOnComplaint(
      haishuSupervisor,
      receiptNumber,
      { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline: '2026-10-23' } },
      setup.deps,
    );

    const beforeHandlingPrompt = await fire(receiptNumber, new Date('2026-10-21T00:00:00.000Z'));
    const atHandlingPrompt = await fire(receiptNumber, new Date('2026-10-21T16:00:00.000Z'));

    expect(beforeHandlingPrompt.fired).toBe(0);
    expect(atHandlingPrompt.fired).toBe(1);
    expect((await signalSteps(receiptNumber)).map((s) => [s.details['clock'], s.details['level'], s.details['addressee']])).toEqual([
      ['handling', 'prompt', 'department'],
    ]);
    const page = await listComplaints(housingLiaison, {}, setup.deps);
    expect(page.items.find((row) => row.receiptNumber === receiptNumber)).toMatchObject({ signal: 'prompt', escalated: false });
  });

  it('answers an unknown complaint with nothing fired', async () => {
    expect(await fire('TS20261009ZZZZZZZZ', new Date('2026-12-01T00:00:00Z'))).toEqual({ fired: 0 });
  });
});
