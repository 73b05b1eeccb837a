/**
 * The statistics of a period (Art. 20) for a staff member, from the aggregates (no case is read).
 * Primary course: the period's months; the departments of the scope asked for (a department, a
 * jurisdiction, or the caller's whole scope) that the caller may see; per department, its counters
 * (of one record kind and matter, if asked)
 * of the period's months and its open overdue cases, complaints and supervision cases at the
 * period's end (each summed from the beginning); the figures of each department and of their sum,
 * to which a supervisor's scope adds its jurisdictions' own counters (complaints that name no
 * department). The open overdue complaints and supervision cases are given for a period that has
 * ended (its last month before the current Shanghai month) and null otherwise: they count an open
 * one in the month its deadline passes before that day comes (`statistics-figures.ts`). A
 * department or jurisdiction outside the caller's scope answers as if it did not exist (the
 * attempt is audited).
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { canSeeDepartment } from '../../access/jurisdiction-scope.ts';
import type { StatisticsQuery } from '../../api/statistics-contract.ts';
import { DepartmentNotFound, JurisdictionNotFound } from '../../domain/access-refusals.ts';
import type { Counters, StatisticsContribution } from '../../domain/statistics/case-contribution.ts';
import { complaintOverdueCounters, jurisdictionStatisticsOwner } from '../../domain/statistics/complaint-contribution.ts';
import {
  openOverdueAtEndOf,
  statisticsFigures,
  summedCounters,
  type OversightOpenOverdue,
  type StatisticsFigures,
} from '../../domain/statistics/statistics-figures.ts';
import { monthOfInstant, parseStatisticsPeriod, type StatisticsMonth } from '../../domain/statistics/statistics-period.ts';
import { supervisionOverdueCounters } from '../../domain/statistics/supervision-contribution.ts';
import { InvalidInput, invalidRequest } from '../../domain/refusal.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { AuditLog, Clock, ReferenceReader } from '../ports.ts';
import type { StatisticsReader } from './statistics-reader.ts';

export interface ReadStatisticsDependencies {
  readonly statistics: StatisticsReader;
  readonly reference: Pick<ReferenceReader, 'department'>;
  readonly structure: Pick<CityStructureRepository, 'departments' | 'jurisdiction' | 'jurisdictions'>;
  readonly audit: AuditLog;
  /** Tells whether the period asked for has ended. */
  readonly clock: Clock;
}

export interface StatisticsReport {
  readonly period: string;
  readonly months: readonly string[];
  readonly kind?: string;
  readonly matter?: string;
  readonly department?: string;
  readonly jurisdiction?: string;
  readonly figures: StatisticsFigures;
  readonly departments: readonly { readonly department: string; readonly figures: StatisticsFigures }[];
}

/** Departments read at once. */
const readConcurrency = 8;
/** Before any month: the start of the range the open overdue cases are summed over. */
const beginning = '0000-00';
/** The counters summed from the beginning for the open overdue figures. */
const overdueCounters: readonly string[] = [
  'overdueOpened',
  'overdueClosed',
  ...Object.values(complaintOverdueCounters),
  ...Object.values(supervisionOverdueCounters),
];

/** What one owner (a department, or a jurisdiction's own) counts in the period, and what is open and overdue at its end. */
interface OwnerStatistics {
  readonly counters: Counters;
  readonly openAtEnd: number;
  readonly oversightOpen: OversightOpenOverdue;
}

const departmentNotFound = () =>
  new DepartmentNotFound({ zh: '部门不存在', en: 'Department not found' }, undefined, [
    { pointer: '/query/department', detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
  ]);
const jurisdictionNotFound = () =>
  new JurisdictionNotFound({ zh: '辖区不存在', en: 'Jurisdiction not found' }, undefined, [
    { pointer: '/query/jurisdiction', detail: { zh: '您的范围内没有该辖区', en: 'no such jurisdiction in your scope' } },
  ]);

/** The departments the query covers and the caller may see. */
async function departmentsOf(principal: StaffPrincipal, query: StatisticsQuery, deps: ReadStatisticsDependencies): Promise<string[]> {
  const denied = (target: string) =>
    deps.audit.append({
      action: 'statistics.read',
      outcome: 'denied',
      actor: `${principal.role}:${principal.subject}`,
      target,
      reason: 'outside jurisdiction',
    });
  if (query.department !== undefined) {
    const profile = await deps.reference.department(query.department);
    if (!profile || !canSeeDepartment(principal, profile)) {
      if (profile) await denied(`department:${query.department}`);
      throw departmentNotFound();
    }
    return [profile.department];
  }
  if (query.jurisdiction !== undefined) {
    const outOfScope = principal.role !== 'citySupervisor' && query.jurisdiction !== principal.jurisdiction;
    if (outOfScope || (await deps.structure.jurisdiction(query.jurisdiction)) === undefined) {
      if (outOfScope) await denied(`jurisdiction:${query.jurisdiction}`);
      throw jurisdictionNotFound();
    }
  }
  if (principal.role === 'departmentLiaison') {
    const own = principal.department === undefined ? undefined : await deps.reference.department(principal.department);
    return own && canSeeDepartment(principal, own) && (query.jurisdiction === undefined || own.jurisdiction === query.jurisdiction) ? [own.department] : [];
  }
  const scope = query.jurisdiction ?? (principal.role === 'districtSupervisor' ? principal.jurisdiction : undefined);
  const profiles = await deps.structure.departments(scope);
  return profiles.filter((profile) => canSeeDepartment(principal, profile)).map((profile) => profile.department);
}

/**
 * The jurisdictions whose own counters (complaints that name no department) join the scope's
 * total: none for a department or a liaison; the one asked for, the district supervisor's, or
 * every jurisdiction for the city supervisor.
 */
async function jurisdictionsOf(principal: StaffPrincipal, query: StatisticsQuery, deps: ReadStatisticsDependencies): Promise<string[]> {
  if (query.department !== undefined || principal.role === 'departmentLiaison') return [];
  if (query.jurisdiction !== undefined) return [query.jurisdiction];
  if (principal.role === 'districtSupervisor') return principal.jurisdiction === undefined ? [] : [principal.jurisdiction];
  return (await deps.structure.jurisdictions()).map((jurisdiction) => jurisdiction.jurisdiction);
}

/** The complaints and supervision cases open and overdue at the end of `last`, once the period has ended. */
const oversightOpenAtEndOf = (overdue: StatisticsContribution, last: StatisticsMonth, ended: boolean): OversightOpenOverdue =>
  ended
    ? { complaints: openOverdueAtEndOf(overdue, last, complaintOverdueCounters), supervision: openOverdueAtEndOf(overdue, last, supervisionOverdueCounters) }
    : { complaints: null, supervision: null };

const sumOf = (values: readonly (number | null)[]): number => values.reduce<number>((sum, v) => sum + (v ?? 0), 0);

export async function readStatistics(principal: StaffPrincipal, query: StatisticsQuery, deps: ReadStatisticsDependencies): Promise<StatisticsReport> {
  const period = parseStatisticsPeriod(query.period);
  if (!period)
    throw new InvalidInput(invalidRequest, undefined, [
      { pointer: '/query/period', detail: { zh: '不是月份、季度或年份', en: 'not a month, quarter or year' } },
    ]);
  const first = period.months[0] as string;
  const last = period.months.at(-1) as string;
  const kind = query.kind === undefined ? {} : { kind: query.kind };
  const matter = query.matter === undefined ? {} : { matterCode: query.matter };
  const departments = await departmentsOf(principal, query, deps);
  const ended = last < monthOfInstant(deps.clock().toISOString());
  const ofOwner = async (owner: string): Promise<OwnerStatistics> => {
    const [inPeriod, overdue] = await Promise.all([
      deps.statistics.countersByMonth(owner, { from: first, through: last }, { ...kind, ...matter }),
      deps.statistics.countersByMonth(owner, { from: beginning, through: last }, { ...kind, ...matter, counters: overdueCounters }),
    ]);
    return {
      counters: summedCounters(inPeriod, period.months),
      openAtEnd: openOverdueAtEndOf(overdue, last),
      oversightOpen: oversightOpenAtEndOf(overdue, last, ended),
    };
  };
  const each = await mapConcurrently(departments, readConcurrency, async (department) => ({ department, ...(await ofOwner(department)) }));
  const own = await mapConcurrently(await jurisdictionsOf(principal, query, deps), readConcurrency, (jurisdiction) =>
    ofOwner(jurisdictionStatisticsOwner(jurisdiction)),
  );
  const owners = [...each, ...own];
  const total: Record<string, number> = {};
  for (const { counters } of owners) for (const [counter, value] of Object.entries(counters)) total[counter] = (total[counter] ?? 0) + value;
  return {
    period: period.text,
    months: period.months,
    ...kind,
    ...(query.matter === undefined ? {} : { matter: query.matter }),
    ...(query.department === undefined ? {} : { department: query.department }),
    ...(query.jurisdiction === undefined ? {} : { jurisdiction: query.jurisdiction }),
    figures: statisticsFigures(
      total,
      owners.reduce((sum, o) => sum + o.openAtEnd, 0),
      ended
        ? { complaints: sumOf(owners.map((o) => o.oversightOpen.complaints)), supervision: sumOf(owners.map((o) => o.oversightOpen.supervision)) }
        : { complaints: null, supervision: null },
    ),
    departments: each.map((d) => ({ department: d.department, figures: statisticsFigures(d.counters, d.openAtEnd, d.oversightOpen) })),
  };
}
