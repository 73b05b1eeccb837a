/**
 * The statistics verification wired to a system's tables: the aggregates of a period compared
 * with the counters recomputed from the stored cases (`verifyStatistics`), and its report.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbCalendarStore } from '#shared/adapters/dynamodb/dynamodb-calendar-store.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbConnectionAlerts } from '#shared/adapters/dynamodb/dynamodb-connection-alerts.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbRecordKindStore } from '#shared/adapters/dynamodb/dynamodb-record-kind-store.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { CalendarProvider } from '#shared/application/calendar-provider.ts';
import { RecordFamilyProvider } from '#shared/application/record-family-provider.ts';
import { verifyStatistics, type StatisticsVerification } from '#shared/application/statistics/verify-statistics.ts';
import { verifyOversightStatistics } from '#shared/application/statistics/verify-oversight-statistics.ts';
import { DynamoDbStoredOversightItems } from '#shared/adapters/dynamodb/dynamodb-stored-oversight-items.ts';
import { jurisdictionStatisticsOwner } from '#shared/domain/statistics/complaint-contribution.ts';
import type { StatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';

/** The verification of the cases' counters, and of the complaints' and supervision cases' read beside them. */
export type FullStatisticsVerification = StatisticsVerification & { readonly complaintsRead: number; readonly supervisionCasesRead: number };

const documentClientOf = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/** Verifies the cases' counters of `period` (one department, or every department of the city) in the `cases` and `reference` tables named. */
export async function verifyCaseStatisticsIn(
  client: DynamoDBClient,
  tables: { readonly cases: string; readonly reference: string },
  period: StatisticsPeriod,
  department?: string,
): Promise<StatisticsVerification> {
  const documentClient = documentClientOf(client);
  const structure = new DynamoDbCityStructureRepository(documentClient, tables.reference);
  const [calendar, families] = await Promise.all([
    new CalendarProvider(new DynamoDbCalendarStore(documentClient, tables.reference)).calendar(),
    new RecordFamilyProvider(new DynamoDbRecordKindStore(documentClient, tables.reference)).registry(),
  ]);
  return verifyStatistics(period, department, {
    statistics: new DynamoDbStatisticsReader(documentClient, tables.cases),
    cases: new DynamoDbCaseRepository(documentClient, tables.cases),
    catalogue: new DynamoDbCatalogueRepository(documentClient, tables.reference),
    departments: async () => (await structure.departments()).map((profile) => profile.department),
    pseudoCaseAlerts: new DynamoDbConnectionAlerts(documentClient, tables.cases),
    families,
    calendar,
  });
}

/**
 * Verifies `period` (one department, or every department of the city and the districts' own
 * complaints): the cases' counters, then the complaints' and supervision cases' from the
 * `oversight` table.
 */
export async function verifyStatisticsIn(
  client: DynamoDBClient,
  tables: { readonly cases: string; readonly reference: string; readonly oversight: string },
  period: StatisticsPeriod,
  department?: string,
): Promise<FullStatisticsVerification> {
  const documentClient = documentClientOf(client);
  const structure = new DynamoDbCityStructureRepository(documentClient, tables.reference);
  const cases = await verifyCaseStatisticsIn(client, tables, period, department);
  const oversight = await verifyOversightStatistics(period, department, {
    statistics: new DynamoDbStatisticsReader(documentClient, tables.cases),
    oversight: new DynamoDbStoredOversightItems(documentClient, tables.oversight),
    owners: async () => [
      ...(await structure.departments()).map((profile) => profile.department),
      ...(await structure.jurisdictions()).map((entry) => jurisdictionStatisticsOwner(entry.jurisdiction)),
    ],
  });
  return {
    ...cases,
    complaintsRead: oversight.complaintsRead,
    supervisionCasesRead: oversight.supervisionCasesRead,
    differences: [...cases.differences, ...oversight.differences],
  };
}

/** The report an operator reads, Chinese first. */
export function formatStatisticsVerification(result: FullStatisticsVerification): string {
  const head =
    `统计核验 / statistics verification ${result.period}: ${result.departments} 个部门 / departments, ${result.casesRead} 件案件 / cases, ` +
    `${result.complaintsRead} 件投诉 / complaints, ${result.supervisionCasesRead} 件督办事项 / supervision cases, ` +
    `${result.pseudoCaseSignalsRead} 条接入、核查与问责预警 / connection, reconciliation and accountability signals read`;
  const notCounted =
    result.casesNotYetCounted > 0
      ? [
          `  ${result.casesNotYetCounted} 件案件在统计启用前存储、此后未再提交，尚未计入 / cases stored before statistics and not committed since: not yet counted`,
        ]
      : [];
  if (result.differences.length === 0) return [head, ...notCounted, '  汇总与重算一致 / the aggregates equal the recomputation', ''].join('\n');
  return [
    head,
    ...notCounted,
    `  ${result.differences.length} 处不一致 / differences:`,
    ...result.differences.map((d) => `  ${d.department} ${d.month} ${d.counter}: 汇总 / aggregated ${d.aggregated}, 重算 / recomputed ${d.recomputed}`),
    '',
  ].join('\n');
}
