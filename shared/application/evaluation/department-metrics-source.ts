/**
 * Where a period's evaluation takes its inputs: every department of the owner's scope (the city:
 * all departments; a district: its own), each with its metrics of the period (a month, or the sum
 * of a quarter's or a year's months) as the statistics aggregates count them
 * (`metrics-from-statistics.ts`; a department with no activity gets zeros).
 */
import type { DepartmentPeriodMetrics } from '../../domain/evaluation/department-period-metrics.ts';
import { metricsFromCounters } from '../../domain/evaluation/metrics-from-statistics.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { summedCounters } from '../../domain/statistics/statistics-figures.ts';
import type { StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { StatisticsReader } from '../statistics/statistics-reader.ts';

export interface DepartmentMetricsSource {
  /** The metrics of every department the owner's model evaluates, for one period. */
  metricsFor(period: StatisticsPeriod, owner: string): Promise<DepartmentPeriodMetrics[]>;
}

/** Departments read at once. */
const readConcurrency = 8;

/** The metrics read from the statistics aggregates (no case is read). */
export class StatisticsMetricsSource implements DepartmentMetricsSource {
  constructor(
    private readonly statistics: StatisticsReader,
    private readonly structure: Pick<CityStructureRepository, 'departments'>,
  ) {}

  async metricsFor(period: StatisticsPeriod, owner: string): Promise<DepartmentPeriodMetrics[]> {
    const departments = await this.structure.departments(owner === cityJurisdiction ? undefined : owner);
    const months = { from: period.months[0] as string, through: period.months.at(-1) as string };
    return mapConcurrently(departments, readConcurrency, async ({ department, jurisdiction }) => {
      const byMonth = await this.statistics.countersByMonth(department, months);
      return metricsFromCounters({ department, jurisdiction }, period.text, summedCounters(byMonth, period.months));
    });
  }
}
