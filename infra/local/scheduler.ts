/**
 * The local stand-in for EventBridge scheduled rules: fires each schedule of the topology at
 * its `rate(...)` or `cron(...)` times (UTC, as EventBridge; `L` alone in the day of the month is its last day) with the scheduled-event shape,
 * never running two invocations of one schedule at once.
 */
import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { type FunctionSpec, functions, type ScheduleSpec } from '#shared/topology.ts';
import { createInvocationContext } from './queue-poller.ts';

const localAccount = '000000000000';
/** setTimeout cannot wait longer than ~24.8 days; long waits re-arm in steps. */
const maxTimerMs = 60 * 60 * 1000;
const lastCronYear = 2199;

/** A Lambda handler for scheduled events. */
export type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

export interface SchedulerOptions {
  readonly schedules: readonly ScheduleSpec[];
  /** Handlers by function name (`ScheduleSpec.function`); a schedule's own name is accepted too. */
  readonly handlers: Record<string, ScheduledHandler>;
  readonly region: string;
  /** Told about a run that threw; defaults to console.error. */
  readonly onError?: (error: unknown) => void;
  /** Clock used to compute fire times (default: the system clock). */
  readonly now?: () => Date;
}

export interface Scheduler {
  /**
   * Runs the schedule now, as if it fired at `time` (default: now). Waits for a run of the same
   * schedule in progress to finish first, so runs never overlap.
   */
  fire(name: string, time?: Date): Promise<void>;
  /** Cancels future ticks and waits for runs in progress. */
  stop(): Promise<void>;
}

/** A parsed EventBridge schedule expression. */
export type ScheduleExpression = { readonly kind: 'rate'; readonly periodMs: number } | { readonly kind: 'cron'; readonly fields: CronFields };

/** Allowed values of each cron field; `undefined` for a day field given as `?`; `last` for `L` in the day of the month. */
export interface CronFields {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number> | 'last' | undefined;
  readonly months: ReadonlySet<number>;
  /** 1 = Sunday … 7 = Saturday, as EventBridge counts. */
  readonly daysOfWeek: ReadonlySet<number> | undefined;
  readonly years: ReadonlySet<number>;
}

/** Starts timers for every schedule; throws at once on an expression EventBridge would refuse. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: unknown) => console.error('scheduler:', error));
  const jobs = new Map(
    options.schedules.map((spec) => {
      const handler = options.handlers[spec.function] ?? options.handlers[spec.name];
      if (handler === undefined) throw new Error(`No handler for schedule ${spec.name} (function ${spec.function})`);
      return [spec.name, { spec, handler, expression: parseScheduleExpression(spec.expression) }] as const;
    }),
  );
  const running = new Map<string, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  /** Runs one invocation after any run of the same schedule in progress, so runs never overlap. */
  const run = (name: string, time: Date): Promise<void> => {
    const job = jobs.get(name);
    if (job === undefined) return Promise.reject(new Error(`Unknown schedule ${name}`));
    const invoke = async (): Promise<void> => {
      const timeoutMs = (functionSpec(job.spec.function)?.timeoutSeconds ?? 30) * 1000;
      try {
        await job.handler(scheduledEvent(name, time, options.region), createInvocationContext(job.spec.function, options.region, timeoutMs));
      } catch (error) {
        onError(error);
      }
    };
    const tracked: Promise<void> = (running.get(name) ?? Promise.resolve()).then(invoke).finally(() => {
      if (running.get(name) === tracked) running.delete(name);
    });
    running.set(name, tracked);
    return tracked;
  };

  const arm = (name: string, expression: ScheduleExpression, after: Date): void => {
    if (stopped) return;
    const due = nextFireTime(expression, after);
    if (due === undefined) return;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (stopped) return;
        const current = now();
        if (current.getTime() < due.getTime()) return arm(name, expression, after); // woke early: long wait
        // EventBridge does not queue ticks: one that comes while the last run is busy is skipped.
        if (!running.has(name)) void run(name, due);
        arm(name, expression, current);
      },
      Math.min(Math.max(0, due.getTime() - now().getTime()), maxTimerMs),
    );
    timers.add(timer);
  };

  for (const [name, job] of jobs) arm(name, job.expression, now());

  return {
    fire(name, time) {
      return run(name, time ?? now());
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}

/**
 * The EventBridge scheduled event for a rule firing at `time`.
 */
export function scheduledEvent(ruleName: string, time: Date, region: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: localAccount,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:${region.startsWith('cn-') ? 'aws-cn' : 'aws'}:events:${region}:${localAccount}:rule/${ruleName}`],
    detail: {},
  };
}

/**
 * Parses `rate(N minute|minutes|hour|hours|day|days)` or
 * `cron(minutes hours day-of-month month day-of-week year)` with the rules EventBridge applies:
 * singular unit only for 1, exactly one of the day fields `?`, numbers, names (JAN, SUN),
 * `*`, lists, ranges and `/` steps. `L`, `W` and `#` are refused (not implemented locally).
 */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate !== null) {
    const value = Number(rate[1]);
    const unit = rate[2] ?? '';
    if (value < 1) throw new Error(`${expression}: the rate must be a positive number`);
    if ((value === 1) !== !unit.endsWith('s')) {
      throw new Error(`${expression}: EventBridge wants a singular unit for 1 and a plural one otherwise`);
    }
    const unitMs = unit.startsWith('minute') ? 60_000 : unit.startsWith('hour') ? 3_600_000 : 86_400_000;
    return { kind: 'rate', periodMs: value * unitMs };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron === null) throw new Error(`${expression}: not a rate(...) or cron(...) expression`);
  const parts = (cron[1] ?? '').trim().split(/\s+/);
  if (parts.length !== 6) throw new Error(`${expression}: a cron expression has 6 fields, found ${parts.length}`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts as [string, string, string, string, string, string];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new Error(`${expression}: exactly one of day-of-month and day-of-week must be ?`);
  }
  return {
    kind: 'cron',
    fields: {
      minutes: parseField(minutes, 0, 59, expression),
      hours: parseField(hours, 0, 23, expression),
      daysOfMonth: dayOfMonth === '?' ? undefined : dayOfMonth === 'L' ? 'last' : parseField(dayOfMonth, 1, 31, expression),
      months: parseField(month, 1, 12, expression, monthNames),
      daysOfWeek: dayOfWeek === '?' ? undefined : parseField(dayOfWeek, 1, 7, expression, dayNames),
      years: parseField(year, 1970, lastCronYear, expression),
    },
  };
}

/**
 * The first fire time strictly after `after`, or `undefined` if the schedule never fires again.
 * A rate fires at whole multiples of its period since the epoch (UTC).
 */
export function nextFireTime(expression: ScheduleExpression | string, after: Date): Date | undefined {
  const parsed = typeof expression === 'string' ? parseScheduleExpression(expression) : expression;
  if (parsed.kind === 'rate') {
    return new Date((Math.floor(after.getTime() / parsed.periodMs) + 1) * parsed.periodMs);
  }
  return nextCronTime(parsed.fields, after);
}

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseField(field: string, min: number, max: number, expression: string, names?: readonly string[]): Set<number> {
  const fail = (why: string): never => {
    throw new Error(`${expression}: field "${field}" ${why}`);
  };
  if (/[LW#]/i.test(field.replace(/[A-Z]{3}/gi, (name) => (names?.includes(name.toUpperCase()) ? '' : name)))) {
    fail('uses L (other than alone in the day of the month), W or #, which the local scheduler does not support');
  }
  const value = (text: string): number => {
    const named = names?.indexOf(text.toUpperCase()) ?? -1;
    const number = named >= 0 ? named + min : /^\d+$/.test(text) ? Number(text) : fail(`has an invalid value "${text}"`);
    if (number < min || number > max) fail(`has ${text}, outside ${min}-${max}`);
    return number;
  };
  const allowed = new Set<number>();
  for (const item of field.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : /^\d+$/.test(stepText) && Number(stepText) > 0 ? Number(stepText) : fail('has an invalid step');
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [start = '', end = ''] = range.split('-');
      from = value(start);
      to = value(end);
      if (from > to) fail(`has a descending range ${range}`);
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    for (let candidate = from; candidate <= to; candidate += step) allowed.add(candidate);
  }
  return allowed;
}

/** Walks forward a year, month, day or hour at a time, skipping whatever cannot match. */
function nextCronTime(fields: CronFields, after: Date): Date | undefined {
  let time = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  while (time.getUTCFullYear() <= lastCronYear) {
    const year = time.getUTCFullYear();
    const month = time.getUTCMonth() + 1;
    const day = time.getUTCDate();
    if (!fields.years.has(year)) {
      time = new Date(Date.UTC(year + 1, 0, 1));
    } else if (!fields.months.has(month)) {
      time = new Date(Date.UTC(year, month, 1));
    } else if (!dayMatches(fields, time)) {
      time = new Date(Date.UTC(year, month - 1, day + 1));
    } else if (!fields.hours.has(time.getUTCHours())) {
      time = new Date(Date.UTC(year, month - 1, day, time.getUTCHours() + 1));
    } else if (!fields.minutes.has(time.getUTCMinutes())) {
      time = new Date(time.getTime() + 60_000);
    } else {
      return time;
    }
  }
  return undefined;
}

function dayMatches(fields: CronFields, time: Date): boolean {
  if (fields.daysOfMonth === 'last') return time.getUTCDate() === new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + 1, 0)).getUTCDate();
  if (fields.daysOfMonth !== undefined) return fields.daysOfMonth.has(time.getUTCDate());
  return fields.daysOfWeek?.has(time.getUTCDay() + 1) ?? true;
}

function functionSpec(name: string): FunctionSpec | undefined {
  return (functions as readonly FunctionSpec[]).find((candidate) => candidate.name === name);
}
