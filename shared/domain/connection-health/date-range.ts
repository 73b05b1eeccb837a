import { epochDayOf, localDateOfEpochDay, type LocalDate } from '../calendar/local-date.ts';

/** The date `days` calendar days after `date` (before it when negative). */
export const addDays = (date: LocalDate, days: number): LocalDate => localDateOfEpochDay(epochDayOf(date) + days);
