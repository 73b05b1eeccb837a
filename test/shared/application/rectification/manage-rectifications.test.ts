/**
 * Rectification suggestions through their use cases against DynamoDB Local, with the clock set:
 * a past month and quarter drafted from hand-placed signals at the period's Shanghai boundaries,
 * refusals outside the jurisdiction (audited) and concurrent steps (one wins).
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '#shared/access/principal.ts';
import { alertIndexAttributes, alertItemFields, alertSk, casePk } from '#shared/adapters/dynamodb/case-items.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbPeriodAlertReader } from '#shared/adapters/dynamodb/dynamodb-period-alert-reader.ts';
import { DynamoDbRectificationStore } from '#shared/adapters/dynamodb/dynamodb-rectification-store.ts';
import { listRectifications, takeRectificationStep, type ManageRectificationsDependencies } from '#shared/application/rectification/manage-rectifications.ts';
import { RectificationVersionChanged } from '#shared/application/rectification/rectification-store.ts';
import { DepartmentNotFound } from '#shared/domain/access-refusals.ts';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { InvalidInput } from '#shared/domain/refusal.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { anAlert } from '../../domain/alerts/alert-mother.ts';

let tables: TestTables;
let deps: ManageRectificationsDependencies;
const now = new Date('2026-12-10T02:00:00.000Z');
const department = 'rect-housing';
const supervisor: StaffPrincipal = { kind: 'staff', subject: 'sup-r', role: 'districtSupervisor', jurisdiction: 'rect-district' };
const otherSupervisor: StaffPrincipal = { kind: 'staff', subject: 'sup-o', role: 'districtSupervisor', jurisdiction: 'other-district' };

const putAlert = (alert: Alert) =>
  tables.documentClient.send(
    new PutCommand({
      TableName: tables.tables.cases,
      Item: { pk: casePk(alert), sk: alertSk(alert.ruleId), ...alertItemFields(alert), ...alertIndexAttributes(alert) },
    }),
  );
const signal = (caseId: string, raisedAt: string, overrides: Partial<Alert> = {}) =>
  anAlert({ department, jurisdiction: 'rect-district', caseId, deadline: '2026-12-01T15:59:59.999Z', ...overrides }, raisedAt);

beforeAll(async () => {
  tables = await createTestTables();
  const { documentClient } = tables;
  const structure = new DynamoDbCityStructureRepository(documentClient, tables.tables.reference);
  await structure.putDepartment(
    {
      department,
      name: '测试区住建局',
      jurisdiction: 'rect-district',
      connectedKinds: ['licensing'],
      version: 1,
      updatedAt: now.toISOString(),
      updatedBy: 'test',
    },
    0,
  );
  deps = {
    rectifications: new DynamoDbRectificationStore(documentClient, tables.tables.reference),
    alerts: new DynamoDbPeriodAlertReader(documentClient, tables.tables.cases),
    reference: structure,
    audit: new DynamoDbAuditLog(documentClient, tables.tables.audit, () => now),
    clock: () => now,
  };
  // October: one prompt. November (Shanghai): a correction on its first instant, a warning at 23:30 on its last day, both
  // open past their limit of 1 December; a closed warning of the fee rule; a withdrawn correction. December: one warning.
  await putAlert(
    signal('OCT-1', '2026-10-20T02:00:00.000Z', { ruleId: 'licensing.completion-notice', level: 'prompt', legalBasis: '《行政许可法》第三十二条' }),
  );
  await putAlert(signal('NOV-1', '2026-10-31T16:00:00.000Z', { level: 'correction' }));
  await putAlert(signal('NOV-2', '2026-11-30T15:30:00.000Z', { level: 'warning', status: 'acknowledged' }));
  await putAlert(
    signal('NOV-3', '2026-11-10T02:00:00.000Z', { ruleId: 'licensing.fee', level: 'warning', status: 'closed', legalBasis: '《行政许可法》第五十八条' }),
  );
  await putAlert(signal('NOV-4', '2026-11-11T02:00:00.000Z', { ruleId: 'licensing.fee', level: 'correction', status: 'withdrawn' }));
  await putAlert(signal('DEC-1', '2026-11-30T16:00:00.000Z'));
});

const draft = (principal: StaffPrincipal, period: string) => takeRectificationStep(principal, { department, period }, { step: 'draft' }, deps);

describe('drafting from the period’s signals', () => {
  it("drafts November from the signals raised in November's Shanghai days, hand-computed", async () => {
    const suggestion = await draft(supervisor, '2026-11');

    expect(suggestion).toMatchObject({ department, jurisdiction: 'rect-district', period: '2026-11', status: 'drafted', version: 1 });
    expect(suggestion.draft.signalCount).toBe(3);
    expect(suggestion.draft.groups.map((g) => [g.ruleId, g.counts, g.exampleCaseIds, g.openOverdueCaseIds])).toEqual([
      ['licensing.decision-time-limit', { prompt: 0, warning: 1, correction: 1 }, ['NOV-1', 'NOV-2'], ['NOV-1', 'NOV-2']],
      ['licensing.fee', { prompt: 0, warning: 1, correction: 0 }, ['NOV-3'], []],
    ]);
    expect(
      suggestion.text.startsWith(
        '测试区住建局：\n根据《宁波市行政电子监察管理办法》第二十一条、第二十三条，经对2026年11月电子监察信号的分析，你单位共收到预警信号 3 件，涉及 2 项规则。',
      ),
    ).toBe(true);
  });

  it('drafts the fourth quarter from its three months', async () => {
    const suggestion = await draft(supervisor, '2026-Q4');

    expect(suggestion.draft.signalCount).toBe(5);
    expect(suggestion.draft.groups.map((g) => [g.ruleId, g.total])).toEqual([
      ['licensing.decision-time-limit', 3],
      ['licensing.fee', 1],
      ['licensing.completion-notice', 1],
    ]);
    expect(suggestion.text).toContain('经对2026年第四季度电子监察信号的分析');
  });

  it("refuses another district's department as not found, audits it, and stores nothing", async () => {
    const refused = await draft(otherSupervisor, '2026-10').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(DepartmentNotFound);
    expect(await listRectifications(supervisor, { department, status: 'drafted' }, deps)).toMatchObject({
      items: [{ period: '2026-Q4' }, { period: '2026-11' }],
    });
    const audit = await tables.documentClient.send(
      new QueryCommand({ TableName: tables.tables.audit, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIT#2026-12-10' } }),
    );
    expect(audit.Items?.map((entry) => [entry['action'], entry['outcome'], entry['actor'], entry['target']])).toContainEqual([
      'rectification.draft',
      'denied',
      'districtSupervisor:sup-o',
      `rectification:${department}.2026-10`,
    ]);
  });

  it('refuses a period that has not begun', async () => {
    const refused = await draft(supervisor, '2027-01').catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(InvalidInput);
    expect((refused as InvalidInput).errors).toEqual([
      { pointer: '/path/suggestion', detail: { zh: '2027-01 尚未开始，没有可归纳的信号', en: '2027-01 has not begun: it has no signals yet' } },
    ]);
  });
});

describe('concurrent steps', () => {
  it('lets exactly one of two edits of the same version win; the other is refused and lost nothing', async () => {
    const name = { department, period: '2026-10' };
    await draft(supervisor, '2026-10');

    const results = await Promise.allSettled([
      takeRectificationStep(supervisor, name, { step: 'edit', expectedVersion: 1, text: '甲' }, deps),
      takeRectificationStep(supervisor, name, { step: 'edit', expectedVersion: 1, text: '乙' }, deps),
    ]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.reason)).toEqual([expect.any(RectificationVersionChanged)]);
    const [stored] = (await listRectifications(supervisor, { department }, deps)).items.filter((s) => s.period === '2026-10');
    expect(stored).toMatchObject({ version: 2, text: (won[0] as PromiseFulfilledResult<{ text: string }>).value.text });
  });
});
