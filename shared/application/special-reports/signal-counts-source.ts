/**
 * Where a special report's detection takes its counts: every department of the owner's scope (the
 * city: all; a district: its own), with its signals in total and per rule, of the period and of
 * each previous period, from the statistics aggregates (one range read per department and shard,
 * from the earliest previous month to the period's last; no case and no alert is read).
 */
import type { DepartmentSignals } from '../../domain/special-reports/detect-patterns.ts';
import { signalCountsOf } from '../../domain/special-reports/detect-patterns.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { summedCounters } from '../../domain/statistics/statistics-figures.ts';
import type { StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import { mapConcurrently } from '../map-concurrently.ts';
import type { StatisticsReader } from '../statistics/statistics-reader.ts';

export interface SignalCountsSource {
  /** Each department's signal counts of `period` and of `previous` (nearest first). */
  departmentSignals(owner: string, period: StatisticsPeriod, previous: readonly StatisticsPeriod[]): Promise<DepartmentSignals[]>;
}

/** Departments read at once. */
const readConcurrency = 8;

export class StatisticsSignalCounts implements SignalCountsSource {
  constructor(
    private readonly statistics: StatisticsReader,
    private readonly structure: Pick<CityStructureRepository, 'departments'>,
  ) {}

  async departmentSignals(owner: string, period: StatisticsPeriod, previous: readonly StatisticsPeriod[]): Promise<DepartmentSignals[]> {
    const departments = await this.structure.departments(owner === cityJurisdiction ? undefined : owner);
    const earliest = (previous.at(-1) ?? period).months[0] as string;
    const months = { from: earliest, through: period.months.at(-1) as string };
    return mapConcurrently(departments, readConcurrency, async ({ department, name, jurisdiction }) => {
      const byMonth = await this.statistics.countersByMonth(department, months);
      return {
        department,
        name,
        jurisdiction,
        current: signalCountsOf(summedCounters(byMonth, period.months)),
        previous: previous.map((p) => signalCountsOf(summedCounters(byMonth, p.months))),
      };
    });
  }
}
