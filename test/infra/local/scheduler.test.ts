/**
 * The local scheduler reads EventBridge schedule expressions as EventBridge does (UTC) and
 * invokes handlers with the scheduled-event shape, never overlapping runs of one schedule.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { nextFireTime, parseScheduleExpression, type Scheduler, startScheduler } from '#infra/local/scheduler.ts';
import { schedules, type ScheduleSpec } from '#shared/topology.ts';

const at = (iso: string): Date => new Date(iso);
const nextAfter = (expression: string, iso: string): string | undefined => nextFireTime(expression, at(iso))?.toISOString();

describe('nextFireTime', () => {
  it('fires a rate on whole multiples of its period', () => {
    expect(nextAfter('rate(1 minute)', '2025-09-01T02:00:30.500Z')).toBe('2025-09-01T02:01:00.000Z');
    expect(nextAfter('rate(1 minute)', '2025-09-01T02:01:00.000Z')).toBe('2025-09-01T02:02:00.000Z');
    expect(nextAfter('rate(6 hours)', '2025-09-01T07:00:00.000Z')).toBe('2025-09-01T12:00:00.000Z');
    // 2025-09-01 is day 20332 since the epoch, a multiple of two days.
    expect(nextAfter('rate(2 days)', '2025-09-01T07:00:00.000Z')).toBe('2025-09-03T00:00:00.000Z');
  });

  it('fires a weekday cron at 01:30 UTC (09:30 in Beijing) on Monday to Friday only', () => {
    // 2025-09-05 is a Friday.
    expect(nextAfter('cron(30 1 ? * MON-FRI *)', '2025-09-05T01:30:00Z')).toBe('2025-09-08T01:30:00.000Z');
    expect(nextAfter('cron(30 1 ? * 2-6 *)', '2025-09-05T01:29:59Z')).toBe('2025-09-05T01:30:00.000Z');
  });

  it('reads lists, steps and month names', () => {
    expect(nextAfter('cron(0/15 * * * ? *)', '2025-09-01T02:46:00Z')).toBe('2025-09-01T03:00:00.000Z');
    expect(nextAfter('cron(0 0 1 JAN,JUL ? *)', '2025-02-10T00:00:00Z')).toBe('2025-07-01T00:00:00.000Z');
    expect(nextAfter('cron(5,35 */6 * * ? *)', '2025-09-01T06:10:00Z')).toBe('2025-09-01T06:35:00.000Z');
  });

  it('crosses months and years and respects the year field', () => {
    expect(nextAfter('cron(0 16 31 * ? *)', '2025-09-01T00:00:00Z')).toBe('2025-10-31T16:00:00.000Z');
    expect(nextAfter('cron(0 0 1 1 ? 2027-2030)', '2025-09-01T00:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(nextAfter('cron(0 0 29 2 ? *)', '2025-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('fires `L` on the last day of each month, 28 or 29 February included (02:00 on the 1st in Shanghai is 18:00 UTC the day before)', () => {
    expect(nextAfter('cron(0 18 L * ? *)', '2026-11-05T00:00:00Z')).toBe('2026-11-30T18:00:00.000Z');
    expect(nextAfter('cron(0 18 L * ? *)', '2026-11-30T18:00:00Z')).toBe('2026-12-31T18:00:00.000Z');
    expect(nextAfter('cron(0 18 L * ? *)', '2027-02-01T00:00:00Z')).toBe('2027-02-28T18:00:00.000Z');
    expect(nextAfter('cron(0 18 L * ? *)', '2028-02-01T00:00:00Z')).toBe('2028-02-29T18:00:00.000Z');
  });

  it('reports that a schedule in the past never fires again', () => {
    expect(nextAfter('cron(0 0 1 1 ? 2020)', '2025-09-01T00:00:00Z')).toBeUndefined();
  });
});

describe('parseScheduleExpression', () => {
  it.each([
    ['rate(1 minutes)', /singular/],
    ['rate(5 minute)', /plural/],
    ['rate(0 minutes)', /positive/],
    ['rate(1 week)', /not a rate/],
    ['cron(0 0 * * * *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 0 ? * ? *)', /exactly one of day-of-month and day-of-week/],
    ['cron(0 0 * *)', /6 fields/],
    ['cron(60 0 * * ? *)', /outside 0-59/],
    ['cron(0 0 LW * ? *)', /not support/],
    ['cron(0 0 L-2 * ? *)', /not support/],
    ['cron(0 0 ? * 6#3 *)', /not support/],
  ])('refuses %s as EventBridge would', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });

  it('accepts every schedule of the topology', () => {
    expect(() => schedules.map((schedule) => parseScheduleExpression(schedule.expression))).not.toThrow();
  });
});

describe('startScheduler', () => {
  const sweep: ScheduleSpec = {
    name: 'deadline-sweep',
    expression: 'rate(1 hour)',
    function: 'deadline-sweep',
    description: 'test sweep',
  };
  let scheduler: Scheduler | undefined;

  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  it('fires a schedule with the EventBridge scheduled-event shape', async () => {
    // Prepare
    const events: ScheduledEvent[] = [];
    const functionNames: string[] = [];
    scheduler = startScheduler({
      schedules: [sweep],
      region: 'cn-northwest-1',
      handlers: {
        'deadline-sweep': async (event, context) => {
          events.push(event);
          functionNames.push(context.functionName);
        },
      },
    });

    // Act
    await scheduler.fire('deadline-sweep', at('2025-09-01T02:00:00.123Z'));

    // Assess
    expect(events).toEqual([
      {
        version: '0',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: '2025-09-01T02:00:00Z',
        region: 'cn-northwest-1',
        resources: ['arn:aws-cn:events:cn-northwest-1:000000000000:rule/deadline-sweep'],
        detail: {},
      },
    ]);
    expect(functionNames).toEqual(['deadline-sweep']);
  });

  it('never runs two invocations of one schedule at once', async () => {
    // Prepare
    let running = 0;
    let mostRunning = 0;
    scheduler = startScheduler({
      schedules: [sweep],
      region: 'cn-north-1',
      handlers: {
        'deadline-sweep': async () => {
          running += 1;
          mostRunning = Math.max(mostRunning, running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running -= 1;
        },
      },
    });

    // Act
    await Promise.all([scheduler.fire('deadline-sweep'), scheduler.fire('deadline-sweep'), scheduler.fire('deadline-sweep')]);

    // Assess
    expect(mostRunning).toBe(1);
  });

  it('reports a failing run to onError and keeps the schedule', async () => {
    // Prepare
    const errors: unknown[] = [];
    let calls = 0;
    scheduler = startScheduler({
      schedules: [sweep],
      region: 'cn-north-1',
      handlers: {
        'deadline-sweep': async () => {
          calls += 1;
          if (calls === 1) throw new Error('sweep failed');
        },
      },
      onError: (error) => errors.push(error),
    });

    // Act
    await scheduler.fire('deadline-sweep');
    await scheduler.fire('deadline-sweep');

    // Assess
    expect(errors).toEqual([new Error('sweep failed')]);
    expect(calls).toBe(2);
  });

  it('fires on its own when the time comes', async () => {
    // Prepare
    const times: string[] = [];
    const start = Date.now();
    const fakeNow = (): Date => new Date(Date.UTC(2025, 8, 1, 2, 0, 59, 900) + (Date.now() - start));

    // Act
    scheduler = startScheduler({
      schedules: [{ ...sweep, expression: 'rate(1 minute)' }],
      region: 'cn-north-1',
      handlers: { 'deadline-sweep': async (event) => void times.push(event.time) },
      now: fakeNow,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));

    // Assess
    expect(times).toEqual(['2025-09-01T02:01:00Z']);
  });

  it('refuses to start without a handler for a schedule', () => {
    expect(() => startScheduler({ schedules: [sweep], region: 'cn-north-1', handlers: {} })).toThrow(/No handler/);
  });
});
