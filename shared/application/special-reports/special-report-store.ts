/** The port of the special reports (专项报告): numbered per owner and period, drafts changed at the version read, issued ones never. */
import type { SpecialReport } from '../../domain/special-reports/special-report.ts';
import { VersionChanged } from '../store-refusals.ts';

export interface SpecialReportStore {
  /** An owner's reports of a period, by number, read consistently (a new one is numbered from them). */
  list(owner: string, period: string): Promise<SpecialReport[]>;
  report(owner: string, period: string, id: number): Promise<SpecialReport | undefined>;
  /** Stores a new report only if none of its number exists; else {@link SpecialReportNumberTaken}. */
  add(report: SpecialReport): Promise<void>;
  /**
   * Stores the report's next version only while the stored one is a draft at `expectedVersion`;
   * else {@link SpecialReportVersionChanged} (nobody's edit is overwritten, an issued report never changes).
   */
  replace(report: SpecialReport, expectedVersion: number): Promise<void>;
}

/** Someone stored a report of that number since the reports were read. */
export class SpecialReportNumberTaken extends VersionChanged {}

/** The report changed since the caller read it. */
export class SpecialReportVersionChanged extends VersionChanged {}
