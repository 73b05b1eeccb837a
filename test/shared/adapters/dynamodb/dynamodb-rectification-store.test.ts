/**
 * Rectification suggestions in the reference table and a department's signals of a period from
 * the cases table's alert index, through the real SDK against DynamoDB Local.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { alertIndexAttributes, alertItemFields, alertSk, casePk } from '#shared/adapters/dynamodb/case-items.ts';
import { DynamoDbPeriodAlertReader } from '#shared/adapters/dynamodb/dynamodb-period-alert-reader.ts';
import { DynamoDbRectificationStore } from '#shared/adapters/dynamodb/dynamodb-rectification-store.ts';
import { RectificationAlreadyDrafted, RectificationVersionChanged } from '#shared/application/rectification/rectification-store.ts';
import { CursorNotRecognised } from '#shared/application/store-refusals.ts';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { draftRectification, raisedWithin } from '#shared/domain/rectification/draft-rectification.ts';
import { applyRectificationStep, newSuggestion, type RectificationSuggestion } from '#shared/domain/rectification/rectification-suggestion.ts';
import { createTestTables, type TestTables } from '../../../support/dynamodb.ts';
import { anAlert } from '../../domain/alerts/alert-mother.ts';

let tables: TestTables;
let store: DynamoDbRectificationStore;
let alerts: DynamoDbPeriodAlertReader;

beforeAll(async () => {
  tables = await createTestTables();
  store = new DynamoDbRectificationStore(tables.documentClient, tables.tables.reference);
  alerts = new DynamoDbPeriodAlertReader(tables.documentClient, tables.tables.cases);
});

const supervisor = { side: 'supervisor', id: 'citySupervisor:city-1' } as const;
const suggestionOf = (department: string, jurisdiction: string, period: string): RectificationSuggestion =>
  newSuggestion(
    draftRectification({ department, departmentName: department, period, signals: [], complete: true, at: '2026-12-02T01:00:00.000Z' }),
    jurisdiction,
    supervisor.id,
  );

describe('rectification suggestions in the reference table', () => {
  it('stores a new suggestion once per department and period and reads it back whole', async () => {
    // Prepare
    const suggestion = suggestionOf('store-housing', 'store-a', '2026-10');

    // Act
    await store.create(suggestion);
    const again = await store.create(suggestionOf('store-housing', 'store-a', '2026-10')).catch((error: unknown) => error);

    // Assess
    expect(await store.get('store-housing', '2026-10')).toEqual(suggestion);
    expect(again).toBeInstanceOf(RectificationAlreadyDrafted);
    expect(await store.get('store-housing', '2026-11')).toBeUndefined();
  });

  it('saves a step only on the version read, leaving the stored one as it was on a stale version', async () => {
    // Prepare
    const suggestion = suggestionOf('store-market', 'store-a', '2026-10');
    await store.create(suggestion);
    const edited = applyRectificationStep(suggestion, { step: 'edit', text: '改后的正文' }, supervisor, '2026-12-03T01:00:00.000Z');
    await store.save(edited, 1);

    // Act
    const lost = applyRectificationStep(suggestion, { step: 'send' }, supervisor, '2026-12-03T02:00:00.000Z');
    const stale = await store.save(lost, 1).catch((error: unknown) => error);

    // Assess
    expect(stale).toBeInstanceOf(RectificationVersionChanged);
    expect(await store.get('store-market', '2026-10')).toMatchObject({ status: 'drafted', version: 2, text: '改后的正文' });
  });

  it("lists a department's, a jurisdiction's and the city's suggestions, newest period first, by status, a page at a time", async () => {
    // Prepare: three periods of one department of list-a, one of list-a's other department, one of list-b.
    for (const period of ['2026-07', '2026-08', '2026-09']) await store.create(suggestionOf('list-housing', 'list-a', period));
    const sent = applyRectificationStep(suggestionOf('list-water', 'list-a', '2026-09'), { step: 'send' }, supervisor, '2026-12-03T01:00:00.000Z');
    await store.create(sent);
    await store.create(suggestionOf('list-roads', 'list-b', '2026-09'));
    const ids = (page: { items: readonly RectificationSuggestion[] }) => page.items.map((s) => `${s.department}.${s.period}`);

    // Act
    const department = await store.page({ scope: { by: 'department', department: 'list-housing' }, limit: 10 });
    const firstPage = await store.page({ scope: { by: 'department', department: 'list-housing' }, limit: 2 });
    const secondPage = await store.page({ scope: { by: 'department', department: 'list-housing' }, limit: 2, cursor: firstPage.nextCursor as string });
    const jurisdiction = await store.page({ scope: { by: 'jurisdiction', jurisdiction: 'list-a' }, limit: 10 });
    const sentOnly = await store.page({ scope: { by: 'jurisdiction', jurisdiction: 'list-a' }, statuses: ['sent'], limit: 10 });
    const city = await store.page({ scope: { by: 'city' }, limit: 100 });
    const foreignCursor = await store
      .page({ scope: { by: 'department', department: 'list-water' }, limit: 2, cursor: firstPage.nextCursor as string })
      .catch((error: unknown) => error);

    // Assess
    expect(ids(department)).toEqual(['list-housing.2026-09', 'list-housing.2026-08', 'list-housing.2026-07']);
    expect([...ids(firstPage), ...ids(secondPage)]).toEqual(ids(department));
    expect(secondPage.nextCursor).toBeUndefined();
    expect(ids(jurisdiction)).toEqual(['list-water.2026-09', 'list-housing.2026-09', 'list-housing.2026-08', 'list-housing.2026-07']);
    expect(ids(sentOnly)).toEqual(['list-water.2026-09']);
    expect(ids(city)).toEqual(expect.arrayContaining([...ids(jurisdiction), 'list-roads.2026-09']));
    expect(foreignCursor).toBeInstanceOf(CursorNotRecognised);
  });
});

describe("a department's signals of a period from its alert index", () => {
  const putAlert = (alert: Alert) =>
    tables.documentClient.send(
      new PutCommand({
        TableName: tables.tables.cases,
        Item: { pk: casePk(alert), sk: alertSk(alert.ruleId), ...alertItemFields(alert), ...alertIndexAttributes(alert) },
      }),
    );

  it("reads the signals raised in the period's Shanghai days, earliest first, and no other department's", async () => {
    // Prepare: November 2026 runs from 2026-10-31T16:00Z to 2026-11-30T15:59:59.999Z.
    const raised = (caseId: string, at: string, department = 'period-housing') => anAlert({ department, caseId }, at);
    await putAlert(raised('OCT-LAST', '2026-10-31T15:59:59.999Z'));
    await putAlert(raised('NOV-FIRST', '2026-10-31T16:00:00.000Z'));
    await putAlert(raised('NOV-MID', '2026-11-15T02:00:00.000Z'));
    // 23:30 on 30 November in Shanghai.
    await putAlert(raised('NOV-LAST', '2026-11-30T15:30:00.000Z'));
    await putAlert(raised('DEC-FIRST', '2026-11-30T16:00:00.000Z'));
    await putAlert(raised('OTHER', '2026-11-15T02:00:00.000Z', 'period-market'));
    const { from, until } = raisedWithin(['2026-11']);

    // Act
    const all = await alerts.alertsRaised('period-housing', from, until, 10);
    const bounded = await alerts.alertsRaised('period-housing', from, until, 2);
    const exactly = await alerts.alertsRaised('period-housing', from, until, 3);

    // Assess
    expect(all.alerts.map((a) => a.caseId)).toEqual(['NOV-FIRST', 'NOV-MID', 'NOV-LAST']);
    expect(all.complete).toBe(true);
    expect(all.alerts[0]).toEqual(raised('NOV-FIRST', '2026-10-31T16:00:00.000Z'));
    expect(bounded).toMatchObject({ complete: false });
    expect(bounded.alerts.map((a) => a.caseId)).toEqual(['NOV-FIRST', 'NOV-MID']);
    expect(exactly.complete).toBe(true);
  });
});
