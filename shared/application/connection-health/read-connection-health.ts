/**
 * A department's connection health as staff read it: its last push, its figures per Shanghai day
 * over a range (accepted, duplicates, refused by class, lag classes), their totals with the
 * refusal rate, and the connected kinds that never produced a record.
 * Primary course: find the departments the caller may see (the city's structure decides: a liaison
 * its own, a district supervisor its district's, the city all; another's is 404, audited); read each
 * one's feed status, its day items of the range and its reconciliations of the range (three reads a
 * department, never a record).
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { addDays } from '../../domain/connection-health/date-range.ts';
import { healthTotalsOf } from '../../domain/connection-health/batch-health.ts';
import { shanghaiDate, type LocalDate } from '../../domain/calendar/local-date.ts';
import type { StoredDepartment } from '../../domain/city-structure/city-structure.ts';
import type { AuditLog, Clock } from '../ports.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { listDepartments, readDepartment } from '../city-structure/manage-city-structure.ts';
import type { FeedHealthReader } from './connection-health-store.ts';
import { tallyOf } from '../../domain/reconciliation/reconciliation-findings.ts';
import type { ReconciliationStore } from '../reconciliation/reconciliation-store.ts';

export interface ReadConnectionHealthDependencies {
  readonly structure: CityStructureRepository;
  readonly feeds: FeedHealthReader;
  readonly audit: AuditLog;
  readonly clock: Clock;
  /** The departments' reconciliations: the latest day of the range is shown beside the health. */
  readonly reconciliations: Pick<ReconciliationStore, 'days'>;
}

/** A range as asked; absent ends: the 30 days up to today (Shanghai). */
export interface HealthRange {
  readonly from?: LocalDate | undefined;
  readonly to?: LocalDate | undefined;
}

function rangeOf(asked: HealthRange, clock: Clock, defaultDays: number): { from: LocalDate; to: LocalDate } {
  const to = asked.to ?? (asked.from !== undefined ? addDays(asked.from, defaultDays - 1) : shanghaiDate(clock()));
  return { from: asked.from ?? addDays(to, -(defaultDays - 1)), to };
}

async function healthOf(
  department: Pick<StoredDepartment, 'department' | 'name' | 'jurisdiction' | 'connectedKinds' | 'connectedOn'>,
  from: LocalDate,
  to: LocalDate,
  deps: ReadConnectionHealthDependencies,
) {
  const [facts, days, reconciled] = await Promise.all([
    deps.feeds.facts(department.department),
    deps.feeds.days(department.department, from, to),
    deps.reconciliations.days(department.department, from, to),
  ]);
  const latest = reconciled.at(-1);
  const totals = healthTotalsOf(days);
  return {
    department: department.department,
    name: department.name,
    jurisdiction: department.jurisdiction,
    connectedKinds: [...department.connectedKinds],
    ...(department.connectedOn === undefined ? {} : { connectedOn: department.connectedOn }),
    lastReceivedAt: facts.lastReceivedAt ?? null,
    kindsWithoutRecords: department.connectedKinds.filter((kind) => !facts.kindsReceived.includes(kind)),
    from,
    to,
    days: days.map((day) => {
      const dayTotals = healthTotalsOf([day]);
      return {
        date: day.day,
        accepted: day.accepted,
        duplicates: day.duplicates,
        refused: dayTotals.refused,
        refusedByReason: { ...day.refused },
        lag: { ...day.lag },
      };
    }),
    totals: { ...totals, refusedByReason: { ...totals.refusedByReason }, lag: { ...totals.lag } },
    reconciliation: latest === undefined ? null : { day: latest.day, submittedAt: latest.submittedAt, ...tallyOf(latest) },
  };
}

export type DepartmentHealth = Awaited<ReturnType<typeof healthOf>>;

/** One department's health, as the list answers it; one outside the caller's scope, or unknown, is 404 (audited when outside). */
export async function readConnectionHealth(
  principal: StaffPrincipal,
  department: string,
  asked: HealthRange,
  deps: ReadConnectionHealthDependencies,
  defaultDays = 30,
): Promise<{ from: LocalDate; to: LocalDate; items: DepartmentHealth[] }> {
  const profile = await readDepartment(principal, department, deps);
  const { from, to } = rangeOf(asked, deps.clock, defaultDays);
  return { from, to, items: [await healthOf(profile, from, to, deps)] };
}

/** The health of every department the caller may see (optionally of one jurisdiction), by jurisdiction then id. */
export async function listConnectionHealth(
  principal: StaffPrincipal,
  query: HealthRange & { readonly jurisdiction?: string | undefined },
  deps: ReadConnectionHealthDependencies,
  defaultDays = 30,
): Promise<{ from: LocalDate; to: LocalDate; items: DepartmentHealth[] }> {
  const { items } = await listDepartments(principal, query.jurisdiction === undefined ? {} : { jurisdiction: query.jurisdiction }, deps);
  const { from, to } = rangeOf(query, deps.clock, defaultDays);
  const healths: DepartmentHealth[] = [];
  for (const profile of items) healths.push(await healthOf(profile, from, to, deps));
  return { from, to, items: healths };
}
