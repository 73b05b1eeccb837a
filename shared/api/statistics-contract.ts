/** Wire contract of the statistics route (Art. 20); the OpenAPI document is generated from these schemas. */
import * as z from 'zod';
import { DepartmentId, JurisdictionId, MatterCode, RecordKindName } from '../domain/records/identifiers.ts';

/** A Shanghai month `2026-11`, quarter `2026-Q4` or year `2026`. */
const PeriodText = z
  .string()
  .regex(/^20\d{2}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, '应为月份 2026-11、季度 2026-Q4 或年份 2026 / a month 2026-11, a quarter 2026-Q4 or a year 2026');

export const StatisticsQuery = z
  .strictObject({
    /** A Shanghai month `2026-11`, quarter `2026-Q4` or year `2026`. */
    period: PeriodText,
    department: DepartmentId.optional(),
    /** A district (or `city`): its departments. */
    jurisdiction: JurisdictionId.optional(),
    kind: RecordKindName.optional(),
    /** A catalogue matter (事项): its cases only. */
    matter: MatterCode.optional(),
  })
  .refine((query) => query.department === undefined || query.jurisdiction === undefined, {
    message: '部门与辖区只能指定其一 / name a department or a jurisdiction, not both',
    path: ['jurisdiction'],
  });
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

const Rate = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  /** numerator ÷ denominator to 4 decimals; null when the denominator is 0. */
  value: z.number().nullable(),
});

export const StatisticsFiguresView = z.object({
  received: z.number().int(),
  completed: z.number().int(),
  onTimeLegal: Rate,
  onTimePromised: Rate,
  earlyCompletion: Rate,
  processingWorkingDays: z.object({ mean: z.number().nullable(), p50: z.number().int().nullable(), p90: z.number().int().nullable() }),
  speedUpRate: z.number().nullable(),
  signals: z.object({ prompt: z.number().int(), warning: z.number().int(), correction: z.number().int(), total: z.number().int() }),
  signalCorrection: Rate,
  meanHoursToCorrection: z.number().nullable(),
  /** Warning and correction signals raised in the period that the department corrected or explained within the time set. */
  signalsAnsweredInTime: Rate,
  overdue: z.object({ opened: z.number().int(), closed: z.number().int(), openAtPeriodEnd: z.number().int() }),
  /** Act records received in the period, and of them those received more than 24 hours after the act (迟报). */
  records: z.object({ reported: z.number().int(), late: Rate }),
  /** Complaints about the departments (Art. 19): received and decided in the period, concluded, in time, upheld. */
  complaints: z.object({
    received: z.number().int(),
    accepted: z.number().int(),
    notAccepted: z.number().int(),
    /** Decided on acceptance within 5 working days, of those decided in the period. */
    decidedInTime: Rate,
    concluded: z.number().int(),
    /** Concluded by the handling deadline in force. */
    concludedInTime: Rate,
    /** Found true in whole or in part (属实、部分属实), of those concluded with a finding. */
    upheld: Rate,
    /** Mean calendar days from receipt to conclusion. */
    meanHandlingDays: z.number().nullable(),
    /**
     * Undecided past the acceptance clock, or accepted and not concluded past the handling deadline
     * in force, at the period's end; null until the period has ended.
     */
    openOverdueAtPeriodEnd: z.number().int().nullable(),
  }),
  /** Supervision cases (督办) of the department: opened and closed in the period. */
  supervision: z.object({
    opened: z.number().int(),
    closed: z.number().int(),
    /** Closed without ever going overdue, of those closed. */
    closedOnTime: Rate,
    /** Closed after escalation to the superior level. */
    closedEscalated: z.number().int(),
    /** Not closed at the period's end, their completion not reported by the deadline in force; null until the period has ended. */
    openOverdueAtPeriodEnd: z.number().int().nullable(),
  }),
});

export const StatisticsResponse = z.object({
  period: z.string(),
  months: z.array(z.string()),
  kind: z.string().optional(),
  matter: z.string().optional(),
  department: z.string().optional(),
  jurisdiction: z.string().optional(),
  /** The whole scope's figures. */
  figures: StatisticsFiguresView,
  /** Each department of the scope's figures, by department id. */
  departments: z.array(z.object({ department: z.string(), figures: StatisticsFiguresView })),
});

/** Signals per responsible official (经办人) of one department in a period: read from its signals raised in the period. */
export const OfficialStatisticsQuery = z.strictObject({
  department: DepartmentId,
  /** A Shanghai month `2026-11`, quarter `2026-Q4` or year `2026`. */
  period: PeriodText,
});
export type OfficialStatisticsQuery = z.infer<typeof OfficialStatisticsQuery>;

const SignalCounts = z.object({ prompt: z.number().int(), warning: z.number().int(), correction: z.number().int(), total: z.number().int() });

export const OfficialStatisticsResponse = z.object({
  department: z.string(),
  period: z.string(),
  months: z.array(z.string()),
  /** Per official the signals name (by staff id, never a name), most signals first. */
  officials: z.array(z.object({ staffId: z.string(), signals: SignalCounts })),
  /** Signals naming no official (the department named none on the case's records). */
  unnamed: SignalCounts,
  /** All of the department's signals of the period. */
  total: SignalCounts,
  /** False when the department raised more signals in the period than one answer reads (`officialStatisticsLimits.maxSignals`, the earliest counted). */
  complete: z.boolean(),
});

export const officialStatisticsLimits = { maxSignals: 5000 } as const;
