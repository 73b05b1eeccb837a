/**
 * Signals per responsible official (经办人) of one department in a period, for a staff member.
 * Primary course: the period's months; the department, which the caller must be able to see (else
 * 404 as if it did not exist, the attempt audited); its signals raised in the period from its alert
 * queue index (a key range, the earliest `officialStatisticsLimits.maxSignals`); grouped by the
 * official each names. Nothing is kept per official: the alerts are the source, so the answer
 * costs a read of the department's signals of the period (about one read unit per 4 KB of them,
 * some 4 signals; a year of 500 signals ≈ 125 units).
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { actorIdOf } from '../../access/principal.ts';
import { canSeeDepartment } from '../../access/jurisdiction-scope.ts';
import { officialStatisticsLimits, type OfficialStatisticsQuery } from '../../api/statistics-contract.ts';
import { DepartmentNotFound } from '../../domain/access-refusals.ts';
import { InvalidInput, invalidRequest } from '../../domain/refusal.ts';
import { raisedWithin } from '../../domain/rectification/draft-rectification.ts';
import { signalsByOfficial, type OfficialSignals } from '../../domain/statistics/official-signals.ts';
import { parseStatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { AuditLog, ReferenceReader } from '../ports.ts';
import type { PeriodAlertReader } from '../rectification/rectification-store.ts';

export interface ReadOfficialStatisticsDependencies {
  readonly alerts: PeriodAlertReader;
  readonly reference: Pick<ReferenceReader, 'department'>;
  readonly audit: AuditLog;
}

export interface OfficialStatisticsReport extends OfficialSignals {
  readonly department: string;
  readonly period: string;
  readonly months: readonly string[];
  readonly complete: boolean;
}

export async function readOfficialStatistics(
  principal: StaffPrincipal,
  query: OfficialStatisticsQuery,
  deps: ReadOfficialStatisticsDependencies,
): Promise<OfficialStatisticsReport> {
  const period = parseStatisticsPeriod(query.period);
  if (period === undefined)
    throw new InvalidInput(invalidRequest, undefined, [
      { pointer: '/query/period', detail: { zh: '应为月份、季度或年份', en: 'a month, a quarter or a year' } },
    ]);
  const profile = await deps.reference.department(query.department);
  if (!profile || !canSeeDepartment(principal, profile)) {
    if (profile)
      await deps.audit.append({
        action: 'statistics.officials.read',
        outcome: 'denied',
        actor: actorIdOf(principal),
        target: `department:${query.department}`,
        reason: 'outside jurisdiction',
      });
    throw new DepartmentNotFound({ zh: '部门不存在', en: 'Department not found' }, undefined, [
      { pointer: '/query/department', detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
    ]);
  }
  const { from, until } = raisedWithin(period.months);
  const read = await deps.alerts.alertsRaised(profile.department, from, until, officialStatisticsLimits.maxSignals);
  return { department: profile.department, period: period.text, months: period.months, ...signalsByOfficial(read.alerts), complete: read.complete };
}
