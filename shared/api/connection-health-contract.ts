/**
 * Wire contract of the connection-health routes (Art. 7, 10, 24): a department's pushes per
 * Shanghai day, its refusal rate and how late its records arrive. Messages are Chinese first.
 */
import * as z from 'zod';
import { CalendarDate } from '../domain/calendar/calendar-overlay.ts';
import { lagClasses } from '../domain/connection-health/batch-health.ts';
import { DepartmentId, JurisdictionId } from '../domain/records/identifiers.ts';
import { InstantView } from './instant-view.ts';

export const connectionHealthLimits = {
  /** Days a range may span at most (a quarter): one query of that many small items per department. */
  maxRangeDays: 92,
  /** Days shown when no range is asked: the 30 days up to today. */
  defaultRangeDays: 30,
} as const;

const epochDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** `from`/`to`: Shanghai dates, inclusive, `from` not after `to`, at most 92 days; absent: the 30 days up to today. */
const Range = {
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
};

function checkRange(range: { from?: string | undefined; to?: string | undefined }, context: z.RefinementCtx): void {
  if (range.from === undefined || range.to === undefined) return;
  if (range.from > range.to) {
    context.addIssue({ code: 'custom', path: ['from'], message: 'from 不能晚于 to / from must not be after to' });
    return;
  }
  if (epochDay(range.to) - epochDay(range.from) + 1 > connectionHealthLimits.maxRangeDays) {
    context.addIssue({
      code: 'custom',
      path: ['to'],
      message: `期间最多 ${connectionHealthLimits.maxRangeDays} 天 / the range spans at most ${connectionHealthLimits.maxRangeDays} days`,
    });
  }
}

/** `GET /v1/connection-health`: the caller's scope, narrowed to one jurisdiction or one department. */
export const ListConnectionHealthQuery = z
  .strictObject({ department: DepartmentId.optional(), jurisdiction: JurisdictionId.optional(), ...Range })
  .superRefine((query, context) => {
    if (query.department !== undefined && query.jurisdiction !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['department'],
        message: '部门与辖区只能指定其一 / name a department or a jurisdiction, not both',
      });
    }
    checkRange(query, context);
  });

const LagView = z.object(Object.fromEntries(lagClasses.map((lagClass) => [lagClass, z.number().int()])) as Record<(typeof lagClasses)[number], z.ZodNumber>);

const DayHealthView = z.object({
  date: z.string(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  /** Refused records per refusal class (`schema`, `unknownKind`, `unknownMatter`, `sequenceConflict`, `classified`, `foreignDepartment`). */
  refusedByReason: z.record(z.string(), z.number().int()),
  /** Accepted records by how long after their event they arrived: within an hour, a day, a week, later. */
  lag: LagView,
});

export const DepartmentHealthView = z.object({
  department: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  connectedKinds: z.array(z.string()),
  connectedOn: z.string().optional(),
  /** The last batch with an accepted record; null when none ever was. */
  lastReceivedAt: InstantView.nullable(),
  /** Connected kinds that never produced an accepted record. */
  kindsWithoutRecords: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  /** The days of the range with at least one batch, oldest first. */
  days: z.array(DayHealthView),
  totals: z.object({
    accepted: z.number().int(),
    duplicates: z.number().int(),
    refused: z.number().int(),
    refusedByReason: z.record(z.string(), z.number().int()),
    /** Refused ÷ every record that arrived (accepted, duplicate or refused), four decimals; 0 when none arrived. */
    refusalRate: z.number(),
    lag: LagView,
    /** Accepted records received more than 24 hours after their event. */
    receivedOver24Hours: z.number().int(),
  }),
  /** The latest day of the range the department reconciled (一致性核查, Art. 7(2)); null when none. */
  reconciliation: z
    .object({
      day: z.string(),
      submittedAt: InstantView,
      status: z.enum(['consistent', 'differing']),
      differingBuckets: z.number().int(),
      bucketsToList: z.number().int(),
      missing: z.number().int(),
      extra: z.number().int(),
      mismatched: z.number().int(),
    })
    .nullable(),
});

export const ConnectionHealthResponse = z.object({ from: z.string(), to: z.string(), items: z.array(DepartmentHealthView) });
