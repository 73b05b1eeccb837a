/**
 * How many working days an alert's deadline leaves, counted in the browser against the city's
 * calendar: the packaged State Council arrangement, with any year a supervisor loaded read from
 * `GET /v1/calendar/years/{year}` first (404: nothing loaded, the packaged year applies).
 */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import { shanghaiDate } from '../shanghai-time';
import { deadlineStanding, workingDayCalendar, yearsBetween, type DeadlineStanding, type YearArrangement } from './working-days';

export function useDeadlineStanding(api: ApiClient, deadline: string | undefined): DeadlineStanding | undefined {
  const [standing, setStanding] = useState<DeadlineStanding | undefined>();
  useEffect(() => {
    if (deadline === undefined) return;
    let current = true;
    const today = shanghaiDate(new Date().toISOString());
    const due = shanghaiDate(deadline);
    const loadYear = async (year: number): Promise<[number, YearArrangement] | undefined> => {
      const { data } = await api.GET('/v1/calendar/years/{year}', { params: { path: { year: String(year) } } });
      return data ? [year, data] : undefined;
    };
    Promise.all(yearsBetween(today, due).map((year) => loadYear(year).catch(() => undefined))).then(
      (years) => {
        const loaded = new Map(years.filter((year): year is [number, YearArrangement] => year !== undefined));
        if (current) setStanding(deadlineStanding(today, due, workingDayCalendar(loaded)));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, deadline]);
  return standing;
}
