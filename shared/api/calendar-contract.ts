/** Wire contract of the calendar routes; the OpenAPI document is generated from these schemas. */
import * as z from 'zod';
import { checkYearArrangement, yearArrangementLimits, YearArrangementFields } from '../domain/calendar/calendar-overlay.ts';
import { InstantView } from './instant-view.ts';

export const calendarLimits = { maxBodyBytes: 16 * 1024 } as const;

/** `/v1/calendar/years/{year}`: a four-digit year within the arrangement bounds. */
export const CalendarYearPath = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, '应为四位数年份 / a four-digit year')
    .transform(Number)
    .pipe(z.number().int().min(yearArrangementLimits.minYear).max(yearArrangementLimits.maxYear)),
});

/**
 * Body of `PUT /v1/calendar/years/{year}`: the arrangement (its `year` must be the path's) and
 * `expectedVersion`, the version the supervisor read (0 when loading a new year).
 */
export const CalendarYearBody = YearArrangementFields.extend({
  expectedVersion: z.number().int('应为整数 / an integer').min(0),
}).superRefine(checkYearArrangement);
export type CalendarYearBody = z.infer<typeof CalendarYearBody>;

export const CalendarYearView = z.object({
  year: z.number(),
  holidays: z.array(z.string()),
  makeUpWorkingDays: z.array(z.string()),
  source: z.string(),
  version: z.number(),
  updatedAt: InstantView,
  updatedBy: z.string(),
});

export const CalendarYearsResponse = z.object({
  /** Years loaded by supervisors; each replaces the package's data for its year. */
  items: z.array(CalendarYearView),
  /** Years the packaged State Council data covers. */
  packagedYears: z.array(z.number()),
});
