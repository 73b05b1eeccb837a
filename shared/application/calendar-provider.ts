/**
 * The working-day calendar in force: the State Council calendar of the package with the years
 * supervisors have loaded laid over it. Loaded years are read from the store at most once per
 * `ttlMs` per container (a year loaded by a supervisor takes effect within a minute everywhere),
 * and the same calendar object is kept while the stored years do not change, so the per-year
 * working-day tables cached for it stay warm.
 */
import { overlayCalendar, YearArrangement } from '../domain/calendar/calendar-overlay.ts';
import { stateCouncilCalendar } from '../domain/calendar/state-council-calendar.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-day-calendar.ts';
import type { CalendarStore, StoredYearArrangement } from './calendar-store.ts';

export interface CalendarProviderOptions {
  /** How long loaded years are trusted before the store is read again (default 60 s). */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** Told about a stored year that fails validation; that year is left out (the package's applies). */
  readonly onInvalidYear?: (year: number) => void;
}

interface Current {
  readonly calendar: WorkingDayCalendar;
  readonly fingerprint: string;
  readonly until: number;
}

const fingerprintOf = (years: readonly StoredYearArrangement[]): string => years.map((y) => `${y.year}@${y.version}`).join(',');

export class CalendarProvider {
  private current: Current | undefined;
  private loading: Promise<WorkingDayCalendar> | undefined;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<CalendarStore, 'list'>,
    private readonly base: WorkingDayCalendar = stateCouncilCalendar,
    private readonly options: CalendarProviderOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The calendar in force. Concurrent callers share one read of the store. When a reload fails
   * the previous calendar is kept (and the read retried on the next call); with none to keep,
   * the error propagates, so a message is retried rather than evaluated on a wrong calendar.
   */
  calendar(): Promise<WorkingDayCalendar> {
    const current = this.current;
    if (current && current.until > this.now()) return Promise.resolve(current.calendar);
    this.loading ??= this.reload(current).finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async reload(previous: Current | undefined): Promise<WorkingDayCalendar> {
    let stored: StoredYearArrangement[];
    try {
      stored = await this.store.list();
    } catch (error) {
      if (previous === undefined) throw error;
      return previous.calendar;
    }
    const fingerprint = fingerprintOf(stored);
    const calendar = previous?.fingerprint === fingerprint ? previous.calendar : this.build(stored);
    this.current = { calendar, fingerprint, until: this.now() + this.ttlMs };
    return calendar;
  }

  private build(stored: readonly StoredYearArrangement[]): WorkingDayCalendar {
    const valid: YearArrangement[] = [];
    for (const { year, holidays, makeUpWorkingDays, source } of stored) {
      const parsed = YearArrangement.safeParse({ year, holidays, makeUpWorkingDays, source });
      if (parsed.success) valid.push(parsed.data);
      else this.options.onInvalidYear?.(year);
    }
    return overlayCalendar(this.base, valid);
  }
}
