/**
 * Where a period's evaluation takes its inputs: every department of the owner's scope (the city:
 * all departments; a district: its own), each with its metrics of the month as the statistics
 * aggregates count them (`metrics-from-statistics.ts`; a department with no activity gets zeros).
 */
import type { DepartmentPeriodMetrics } from '../../domain/evaluation/department-period-metrics.ts';
import type { EvaluationPeriod } from '../../domain/evaluation/evaluation-period.ts';
import { metricsFromCounters } from '../../domain/evaluation/metrics-from-statistics.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { summedCounters } from '../../domain/statistics/statistics-figures.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { StatisticsReader } from '../statistics/statistics-reader.ts';

export interface DepartmentMetricsSource {
  /** The metrics of every department the owner's model evaluates, for one month. */
  metricsFor(period: EvaluationPeriod, owner: string): Promise<DepartmentPeriodMetrics[]>;
}

/** Departments read at once. */
const readConcurrency = 8;

/** The metrics read from the statistics aggregates (no case is read). */
export class StatisticsMetricsSource implements DepartmentMetricsSource {
  constructor(
    private readonly statistics: StatisticsReader,
    private readonly structure: Pick<CityStructureRepository, 'departments'>,
  ) {}

  async metricsFor(period: EvaluationPeriod, owner: string): Promise<DepartmentPeriodMetrics[]> {
    const departments = await this.structure.departments(owner === cityJurisdiction ? undefined : owner);
    return mapConcurrently(departments, readConcurrency, async ({ department, jurisdiction }) => {
      const byMonth = await this.statistics.countersByMonth(department, { from: period, through: period });
      return metricsFromCounters({ department, jurisdiction }, period, summedCounters(byMonth, [period]));
    });
  }
}
