/**
 * Supervision timers fired against DynamoDB Local: exactly once however often or concurrently the
 * firing runs, never when cancelled, moved by an extension, and escalating an overdue case to the
 * superior level after the configured working days.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbOversightSignalOutbox } from '#shared/adapters/dynamodb/dynamodb-oversight-signal-outbox.ts';
import { DynamoDbOversightTimers } from '#shared/adapters/dynamodb/dynamodb-oversight-timers.ts';
import { closeSupervisionCase } from '#shared/application/supervision/close-supervision-case.ts';
import { extendSupervisionCase } from '#shared/application/supervision/extend-supervision-case.ts';
import { supervisionTimerFiring } from '#shared/application/supervision/fire-supervision-timers.ts';
import { openSupervisionCase } from '#shared/application/supervision/open-supervision-case.ts';
import { readSupervisionCase } from '#shared/application/supervision/read-supervision-case.ts';
import { reportSupervisionProgress } from '#shared/application/supervision/report-supervision-progress.ts';
import { sweepOversightTimers } from '#shared/application/sweep-oversight-timers.ts';
import { SupervisionVersionChanged } from '#shared/application/store-refusals.ts';
import { aCaseInput, evidence, principals, supervisionWorld, type SupervisionWorld } from './supervision-world.ts';

let world: SupervisionWorld;
let fire: (number: string, asOf: Date) => Promise<{ fired: number }>;
const { haishuSupervisor, citySupervisor, housingLiaison } = principals;
// Opened Monday 15 September 2025 with a deadline of Friday 26 September: prompt at 00:00 on the 24th,
// warning at 00:00 on the 27th, escalation at 00:00 on 1 October (28 September is a make-up working day).
const promptAt = new Date('2025-09-23T16:00:00.000Z');
const warningAt = new Date('2025-09-26T16:00:00.000Z');
const escalationAt = new Date('2025-09-30T16:00:00.000Z');

beforeAll(async () => {
  world = await supervisionWorld('2025-09-15T02:00:00.000Z');
  const firing = supervisionTimerFiring({ supervision: world.repository, calendar: world.deps.calendar, policy: world.deps.policy });
  const published = new DynamoDbOversightSignalOutbox(world.tables.documentClient, world.tables.tables.oversight);
  // As the sweep does: each firing's events are published (marked so on the item) right after it.
  fire = async (number, asOf) => {
    const outcome = await firing(number, asOf);
    await published.remove(outcome.events ?? []);
    return outcome;
  };
});

beforeEach(() => {
  world.setNow('2025-09-15T02:00:00.000Z');
});

const stateItem = async (number: string) =>
  (
    await world.tables.documentClient.send(
      new GetCommand({ TableName: world.tables.tables.oversight, Key: { pk: `SUPERVISION#${number}`, sk: 'STATE#TIMERS' } }),
    )
  ).Item;

describe('firing the timers of a case', () => {
  it('prompts the department exactly once when the firing runs twice', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    const first = await fire(opened.caseNumber, promptAt);
    const second = await fire(opened.caseNumber, promptAt);

    expect([first.fired, second]).toEqual([1, { fired: 0 }]);
    const stored = await world.repository.supervisionCase(opened.caseNumber);
    expect(stored?.signals).toEqual([
      {
        rule: 'supervision.case-deadline',
        level: 'prompt',
        audience: { kind: 'department', department: 'haishu-housing' },
        raisedAt: promptAt.toISOString(),
        deadline: '2025-09-26',
      },
    ]);
    expect((await stateItem(opened.caseNumber))?.['dueAt']).toBe(warningAt.toISOString());
  });

  it('fires once when two firings overlap: one wins, the other fires nothing', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    const results = await Promise.allSettled([fire(opened.caseNumber, promptAt), fire(opened.caseNumber, promptAt), fire(opened.caseNumber, promptAt)]);

    const fired = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.fired] : []));
    expect(fired.reduce((a, b) => a + b, 0)).toBe(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => r.status === 'rejected' && r.reason instanceof SupervisionVersionChanged)).toBe(true);
    const detail = await readSupervisionCase(haishuSupervisor, opened.caseNumber, world.deps);
    expect(detail.case.signals).toHaveLength(1);
    expect(detail.timeline.filter((s) => s.action === 'signalRaised')).toHaveLength(1);
  });

  it('fires each due timer once across two overlapping oversight sweeps', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, { ...aCaseInput, responsibleDepartment: 'haishu-market-regulation' }, world.deps);
    const sweepDeps = {
      timers: new DynamoDbOversightTimers(world.tables.documentClient, world.tables.tables.oversight),
      firing: { supervision: fire, complaint: async () => ({ fired: 0 }) },
    };

    const sweeps = await Promise.all([
      sweepOversightTimers(promptAt, sweepDeps, { maxItems: 100, concurrency: 4 }),
      sweepOversightTimers(promptAt, sweepDeps, { maxItems: 100, concurrency: 4 }),
    ]);

    expect(sweeps.map((s) => s.failed)).toEqual([0, 0]);
    expect((await world.repository.supervisionCase(opened.caseNumber))?.signals.map((s) => s.level)).toEqual(['prompt']);
  });

  it('never fires the timers of a case closed before its deadline', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    await closeSupervisionCase(haishuSupervisor, opened.caseNumber, { action: 'close', expectedVersion: 1, reasons: '已撤销' }, world.deps);

    expect(await fire(opened.caseNumber, new Date('2025-12-31T00:00:00.000Z'))).toEqual({ fired: 0 });

    const item = await stateItem(opened.caseNumber);
    expect(item?.['dueAt']).toBeUndefined();
    expect(item?.['sweepShard']).toBeUndefined();
    const due = await new DynamoDbOversightTimers(world.tables.documentClient, world.tables.tables.oversight).due('2025-12-31T00:00:00.000Z', 1000);
    expect(due.map((ref) => ref.number)).not.toContain(opened.caseNumber);
  });

  it('never fires after the department reported completion', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    await reportSupervisionProgress(housingLiaison, opened.caseNumber, { expectedVersion: 1, report: 'completion', summary: '完成', evidence }, world.deps);
    expect(await fire(opened.caseNumber, new Date('2025-12-31T00:00:00.000Z'))).toEqual({ fired: 0 });
  });

  it('moves the timers with an extension: nothing fires at the old deadline', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    world.setNow('2025-09-20T02:00:00.000Z');
    await extendSupervisionCase(haishuSupervisor, opened.caseNumber, { expectedVersion: 1, deadline: '2025-10-17', reasons: '需补充论证' }, world.deps);

    expect(await fire(opened.caseNumber, escalationAt)).toEqual({ fired: 0 });
    expect((await stateItem(opened.caseNumber))?.['dueAt']).toBe('2025-10-14T16:00:00.000Z');
    expect(await fire(opened.caseNumber, new Date('2025-10-17T16:00:00.000Z'))).toMatchObject({ fired: 2 });
  });
});

describe('escalating an overdue case', () => {
  it('warns at the deadline, then after three working days overdue corrects the department and signals the city', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    expect(await fire(opened.caseNumber, warningAt)).toMatchObject({ fired: 2 });
    expect(await world.repository.supervisionCase(opened.caseNumber)).toMatchObject({ overdue: { overdueSince: warningAt.toISOString(), escalatedAt: null } });
    expect(await fire(opened.caseNumber, new Date(escalationAt.getTime() - 1))).toEqual({ fired: 0 });
    expect(await fire(opened.caseNumber, escalationAt)).toMatchObject({ fired: 1 });

    const detail = await readSupervisionCase(haishuSupervisor, opened.caseNumber, world.deps);
    expect(detail.case.overdue).toEqual({ overdueSince: warningAt.toISOString(), escalatedAt: escalationAt.toISOString() });
    expect(detail.case.signals.map((s) => [s.rule, s.level, s.audience])).toEqual([
      ['supervision.case-deadline', 'prompt', { kind: 'department', department: 'haishu-housing' }],
      ['supervision.case-deadline', 'warning', { kind: 'department', department: 'haishu-housing' }],
      ['supervision.case-overdue', 'correction', { kind: 'department', department: 'haishu-housing' }],
      ['supervision.case-overdue', 'correction', { kind: 'superior', superior: 'city' }],
    ]);
    expect(detail.timeline.map((s) => s.action)).toEqual(['caseOpened', 'signalRaised', 'signalRaised', 'escalated']);
    expect((await stateItem(opened.caseNumber))?.['dueAt']).toBeUndefined();
  });

  it("escalates a city-level department's case to the city government", async () => {
    const opened = await openSupervisionCase(citySupervisor, { ...aCaseInput, responsibleDepartment: 'city-housing' }, world.deps);

    // After an outage: every overdue timer fires at once, each once.
    expect(await fire(opened.caseNumber, new Date('2025-10-20T00:00:00.000Z'))).toMatchObject({ fired: 3 });

    expect((await world.repository.supervisionCase(opened.caseNumber))?.signals.at(-1)?.audience).toEqual({ kind: 'superior', superior: 'cityGovernment' });
  });

  it('counts the configured working days overdue', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    const fireAfterOneDay = supervisionTimerFiring({
      supervision: world.repository,
      calendar: world.deps.calendar,
      policy: { ...world.deps.policy, escalateAfterWorkingDays: 1 },
    });

    expect(await fireAfterOneDay(opened.caseNumber, warningAt)).toMatchObject({ fired: 2 });

    // One working day overdue: Sunday 28 September is a make-up working day (the next timer; the sweep's `dueAt` once the events are published).
    expect((await stateItem(opened.caseNumber))?.['timerDueAt']).toBe('2025-09-28T16:00:00.000Z');
  });

  it('fires nothing for a number it does not know', async () => {
    expect(await fire('DB20250915ZZZZZZ', escalationAt)).toEqual({ fired: 0 });
    expect(await fire('not-a-number', escalationAt)).toEqual({ fired: 0 });
  });
});
