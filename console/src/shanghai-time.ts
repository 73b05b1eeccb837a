/**
 * Dates as the city reads them: in Asia/Shanghai, whatever the browser's own time zone. Deadlines
 * are days (a statutory limit ends with a working day), so a deadline shows as a date.
 */
const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const timeParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const parse = (instant: string): Date | undefined => {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** `2025-09-22`: the Shanghai date of an instant; the text itself when it is not one. */
export function shanghaiDate(instant: string): string {
  const date = parse(instant);
  return date ? dateParts.format(date) : instant;
}

/** `2025-09-22 09:30`: the Shanghai date and time of an instant. */
export function shanghaiDateTime(instant: string): string {
  const date = parse(instant);
  return date ? `${dateParts.format(date)} ${timeParts.format(date)}` : instant;
}
