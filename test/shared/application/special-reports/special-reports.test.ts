/**
 * Special reports against DynamoDB Local through the real SDK, from real statistics aggregates and
 * department profiles: a quarter compared with the three quarters before it, across a year
 * boundary, month by month as the aggregates hold them; concurrent drafts numbered apart; an edit
 * at a stale version and after the issue refused, changing nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbSpecialReportStore } from '#shared/adapters/dynamodb/dynamodb-special-report-store.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { StatisticsSignalCounts } from '#shared/application/special-reports/signal-counts-source.ts';
import { SpecialReportVersionChanged } from '#shared/application/special-reports/special-report-store.ts';
import {
  draftSpecialReportFor,
  listSpecialReports,
  takeSpecialReportStep,
  type SpecialReportsDependencies,
} from '#shared/application/special-reports/special-reports.ts';
import { InvalidInput } from '#shared/domain/refusal.ts';
import { builtInRuleArticles } from '#shared/domain/special-reports/rule-article-registry.ts';
import { SpecialReportAlreadyIssued } from '#shared/domain/special-reports/special-report.ts';
import { addStatisticsCounters } from '../../../support/statistics-counters.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';

let tables: TestTables;
let deps: SpecialReportsDependencies;
let structure: DynamoDbCityStructureRepository;
const now = new Date('2027-03-10T02:00:00.000Z');
const late = 'licensing.decision-time-limit';

beforeAll(async () => {
  tables = await createTestTables();
  const { documentClient } = tables;
  structure = new DynamoDbCityStructureRepository(documentClient, tables.tables.reference);
  deps = {
    reports: new DynamoDbSpecialReportStore(documentClient, tables.tables.reference),
    signals: new StatisticsSignalCounts(new DynamoDbStatisticsReader(documentClient, tables.tables.cases), structure),
    structure,
    articles: builtInRuleArticles,
    audit: new DynamoDbAuditLog(documentClient, tables.tables.audit, () => now),
    clock: () => now,
  };
});

let counter = 0;

/** A district of its own with two departments, and its supervisor. */
async function newDistrict(): Promise<{ district: string; supervisor: StaffPrincipal; departments: [string, string] }> {
  counter += 1;
  const district = `d${Date.now().toString(36)}${counter}`;
  const departments: [string, string] = [`${district}-housing`, `${district}-transport`];
  for (const department of departments) {
    await structure.putDepartment(
      {
        department,
        name: `${department} 局`,
        jurisdiction: district,
        connectedKinds: ['licensing'],
        version: 1,
        updatedAt: now.toISOString(),
        updatedBy: 'test',
      },
      0,
    );
  }
  return { district, supervisor: { kind: 'staff', subject: 'sup-d', role: 'districtSupervisor', jurisdiction: district }, departments };
}

/** Adds `n` warning signals under `rule` to a department's aggregates of a month, as processing does. */
const addSignals = (department: string, month: string, n: number, rule = late): Promise<void> =>
  addStatisticsCounters(tables.documentClient, tables.tables.cases, department, month, { received: n, signalsWarning: n, [`rule:${rule}`]: n });

describe('a quarter against the quarters before it', () => {
  it('sums each quarter from its months, across the year boundary, and finds the hand-computed rise', async () => {
    // Prepare: 2027-Q1 holds 9 signals (January 3, March 6); 2026-Q4 2 (December and October), Q3 2, Q2 2 (April);
    // March 2026 (Q1 of the year before, four quarters back) and April 2027 (after the quarter) are outside the comparison.
    const { district, supervisor, departments } = await newDistrict();
    const [housing, transport] = departments;
    await addSignals(housing, '2027-01', 3);
    await addSignals(transport, '2027-03', 6);
    await addSignals(housing, '2026-12', 1);
    await addSignals(housing, '2026-10', 1);
    await addSignals(transport, '2026-09', 2);
    await addSignals(housing, '2026-04', 2);
    await addSignals(housing, '2026-03', 50);
    // A month after the quarter: not counted in it.
    await addSignals(housing, '2027-04', 40);

    // Act
    const report = await draftSpecialReportFor(supervisor, { owner: district, period: '2027-Q1', thresholds: { departments: 2 } }, deps);

    // Assess: the same rule in both departments (3 and 6) is widespread; the district's 9 against 2, 2, 2 (mean 2) is +350%;
    // the transport department's 6 against 0, 2, 0 (mean 2/3) is +800%; housing's 3 is under the minimum of 5.
    expect(report.comparedWith).toEqual(['2026-Q4', '2026-Q3', '2026-Q2']);
    expect(report.findings).toEqual([
      expect.objectContaining({ kind: 'widespread', ruleId: late, article: '《中华人民共和国行政许可法》第四十二条', count: 9 }),
      expect.objectContaining({
        kind: 'sharpRise',
        scope: { level: 'owner', owner: district },
        ruleId: null,
        current: 9,
        previous: [
          { period: '2026-Q4', count: 2 },
          { period: '2026-Q3', count: 2 },
          { period: '2026-Q2', count: 2 },
        ],
        baseline: 2,
        risePercent: 350,
      }),
      expect.objectContaining({ scope: { level: 'owner', owner: district }, ruleId: late, current: 9, risePercent: 350 }),
      expect.objectContaining({ scope: expect.objectContaining({ department: transport }), ruleId: null, current: 6, baseline: 0.67, risePercent: 800 }),
      expect.objectContaining({ scope: expect.objectContaining({ department: transport }), ruleId: late, current: 6, risePercent: 800 }),
    ]);
    expect(report.content.sections).toHaveLength(5);
  });

  it('reports on the running month, not on one that has not begun', async () => {
    const { district, supervisor } = await newDistrict();

    const running = await draftSpecialReportFor(supervisor, { owner: district, period: '2027-03' }, deps);
    const ahead = draftSpecialReportFor(supervisor, { owner: district, period: '2027-04' }, deps);

    expect(running).toMatchObject({ id: 1, findings: [], content: { sections: [] } });
    await expect(ahead).rejects.toThrow(InvalidInput);
    expect(await listSpecialReports(supervisor, district, '2027-04', deps)).toEqual([]);
  });
});

describe('numbers and versions', () => {
  it('numbers concurrent drafts of one period apart', async () => {
    const { district, supervisor } = await newDistrict();

    const drafts = await Promise.all([1, 2, 3].map(() => draftSpecialReportFor(supervisor, { owner: district, period: '2027-02' }, deps)));

    expect(drafts.map((d) => d.id).sort()).toEqual([1, 2, 3]);
    expect((await listSpecialReports(supervisor, district, '2027-02', deps)).map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('refuses an edit at a stale version and any change once issued, leaving the report as it was', async () => {
    const { district, supervisor } = await newDistrict();
    const drafted = await draftSpecialReportFor(supervisor, { owner: district, period: '2027-02' }, deps);
    const words = { ...drafted.content, title: '改后的标题' };

    const edited = await takeSpecialReportStep(supervisor, district, '2027-02', drafted.id, { step: 'edit', ...words, expectedVersion: 1 }, deps);
    const stale = takeSpecialReportStep(supervisor, district, '2027-02', drafted.id, { step: 'edit', ...words, title: '迟到的修改', expectedVersion: 1 }, deps);
    await expect(stale).rejects.toThrow(SpecialReportVersionChanged);
    const issued = await takeSpecialReportStep(supervisor, district, '2027-02', drafted.id, { step: 'issue', expectedVersion: 2 }, deps);
    const afterIssue = takeSpecialReportStep(supervisor, district, '2027-02', drafted.id, { step: 'edit', ...words, expectedVersion: 3 }, deps);
    await expect(afterIssue).rejects.toThrow(SpecialReportAlreadyIssued);

    expect(edited).toMatchObject({ version: 2, content: { title: '改后的标题' } });
    expect(issued).toMatchObject({ version: 3, status: 'issued' });
    expect(await listSpecialReports(supervisor, district, '2027-02', deps)).toEqual([
      expect.objectContaining({ version: 3, status: 'issued', content: expect.objectContaining({ title: '改后的标题' }) }),
    ]);
  });
});
