/**
 * A department's connection health as counted at ingest (Art. 7(2): timely, true, complete data):
 * per batch, how many records were accepted, found duplicate or refused (by refusal class), and
 * how long after their event the accepted ones arrived. The counts of a batch are added to the
 * department's figures of the Shanghai day it was received; nothing about a record's content is kept.
 */
import { shanghaiDate, type LocalDate } from '../calendar/local-date.ts';

/** Lag between a record's event (`occurredAt`) and its receipt, in coarse classes. */
export const lagClasses = ['withinHour', 'withinDay', 'withinWeek', 'overWeek'] as const;
export type LagClass = (typeof lagClasses)[number];

const hourMs = 3_600_000;

/** The class of a lag; an event stamped after its receipt (a clock ahead) counts as within the hour. */
export function lagClassOf(lagMs: number): LagClass {
  if (lagMs <= hourMs) return 'withinHour';
  if (lagMs <= 24 * hourMs) return 'withinDay';
  if (lagMs <= 7 * 24 * hourMs) return 'withinWeek';
  return 'overWeek';
}

/** What one batch adds to its department's figures of a day. */
export interface BatchHealth {
  readonly department: string;
  /** The Shanghai day of receipt. */
  readonly day: LocalDate;
  readonly receivedAt: string;
  readonly accepted: number;
  readonly duplicates: number;
  /** Refused records per refusal class; classes with none are absent. */
  readonly refused: Readonly<Record<string, number>>;
  /** Accepted records per lag class; classes with none are absent. */
  readonly lag: Readonly<Partial<Record<LagClass, number>>>;
  /** The record kinds of the accepted records, each once. */
  readonly kinds: readonly string[];
}

/** A batch's figures from its counts and its accepted records' kinds and event times. */
export function batchHealthOf(
  counts: {
    readonly department: string;
    readonly accepted: number;
    readonly duplicates: number;
    readonly refused: Readonly<Record<string, number | undefined>>;
  },
  accepted: readonly { readonly kind: string; readonly occurredAt: string }[],
  receivedAt: string,
): BatchHealth {
  const received = Date.parse(receivedAt);
  const lag: Partial<Record<LagClass, number>> = {};
  for (const record of accepted) {
    const lagClass = lagClassOf(received - Date.parse(record.occurredAt));
    lag[lagClass] = (lag[lagClass] ?? 0) + 1;
  }
  const refused = Object.fromEntries(Object.entries(counts.refused).filter((entry): entry is [string, number] => (entry[1] ?? 0) > 0));
  return {
    department: counts.department,
    day: shanghaiDate(receivedAt),
    receivedAt,
    accepted: counts.accepted,
    duplicates: counts.duplicates,
    refused,
    lag,
    kinds: [...new Set(accepted.map((record) => record.kind))].sort(),
  };
}

/** A department's figures of one Shanghai day, as stored. */
export interface DailyHealth {
  readonly day: LocalDate;
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: Readonly<Record<string, number>>;
  readonly lag: Readonly<Record<LagClass, number>>;
  /** The last batch of the day, accepted or not (ISO). */
  readonly lastBatchAt?: string;
}

/** Figures over a range of days: totals, the refusal rate, and the records that arrived more than 24 hours after their event. */
export interface HealthTotals {
  readonly accepted: number;
  readonly duplicates: number;
  readonly refused: number;
  readonly refusedByReason: Readonly<Record<string, number>>;
  /** Refused ÷ (accepted + duplicates + refused), 0 when nothing arrived; four decimals. */
  readonly refusalRate: number;
  readonly lag: Readonly<Record<LagClass, number>>;
  /** Accepted records received more than 24 hours after their event. */
  readonly receivedOver24Hours: number;
}

export const noLag = (): Record<LagClass, number> => ({ withinHour: 0, withinDay: 0, withinWeek: 0, overWeek: 0 });

export function healthTotalsOf(days: readonly DailyHealth[]): HealthTotals {
  const refusedByReason: Record<string, number> = {};
  const lag = noLag();
  let accepted = 0;
  let duplicates = 0;
  for (const day of days) {
    accepted += day.accepted;
    duplicates += day.duplicates;
    for (const [reason, n] of Object.entries(day.refused)) refusedByReason[reason] = (refusedByReason[reason] ?? 0) + n;
    for (const lagClass of lagClasses) lag[lagClass] += day.lag[lagClass];
  }
  const refused = Object.values(refusedByReason).reduce((sum, n) => sum + n, 0);
  const arrived = accepted + duplicates + refused;
  return {
    accepted,
    duplicates,
    refused,
    refusedByReason,
    refusalRate: arrived === 0 ? 0 : Math.round((refused / arrived) * 10_000) / 10_000,
    lag,
    receivedOver24Hours: lag.withinWeek + lag.overWeek,
  };
}
