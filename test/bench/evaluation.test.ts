/**
 * The evaluation bench at a tiny size on the test run's DynamoDB Local: a month seeded as the
 * write path stores it, read through the aggregates and recomputed from the records, with the
 * same figures from both; the aggregates' reads stay flat as records are added while the
 * recompute's grow; and a stored aggregate that no longer matches the records fails the run.
 */
import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { statisticsPartitions } from '#shared/adapters/dynamodb/statistics-items.ts';
import { benchDepartmentOf, measureEvaluationIn, type EvaluationResults } from '../../bench/evaluation.ts';
import { evaluatedMonth } from '../../bench/evaluation-month.ts';
import { createTestTables } from '../support/dynamodb.ts';

const sizes = { departments: 3, few: 90, many: 240, evaluations: 1 };

describe('the evaluation bench', () => {
  let results: EvaluationResults;
  beforeAll(async () => {
    const db = await createTestTables();
    results = await measureEvaluationIn(db.endpoint, db.tables, sizes);
  }, 180_000);

  it('seeds the records asked for, in whole cases, and measures after each step', () => {
    expect(results.figures.map((figure) => figure.departments)).toEqual([3, 3]);
    expect(results.figures[0]!.records).toBeGreaterThanOrEqual(sizes.few);
    expect(results.figures[1]!.records).toBeGreaterThanOrEqual(sizes.many);
    expect(results.figures[1]!.cases).toBeGreaterThan(results.figures[0]!.cases);
  });

  it('gets the same figures through the aggregates as recomputed from every stored case', () => {
    for (const figure of results.figures) {
      expect(figure).toMatchObject({ same: true, differences: 0, casesRead: figure.cases });
      // Not an empty month: acts were concluded and signals raised in it.
      expect(figure.concludedActs).toBeGreaterThan(0);
      expect(figure.signalsRaised).toBeGreaterThan(0);
    }
  });

  it("keeps the evaluation's reads flat as records are added while the recompute's grow", () => {
    const [few, many] = results.figures as [EvaluationResults['figures'][number], EvaluationResults['figures'][number]];
    // One query of each of a department's four shards, plus the department list.
    expect(many.aggregates.requests).toBe(few.aggregates.requests);
    expect(many.aggregates.requests).toBe(sizes.departments * 4 + 1);
    // An aggregate item only gains counters (a histogram bucket hit for the first time), never items.
    expect(many.aggregates.readUnits).toBeLessThanOrEqual(1.25 * few.aggregates.readUnits);
    expect(many.recompute.readUnits).toBeGreaterThan(1.5 * few.recompute.readUnits);
    expect(many.recompute.byTarget['Query cases']!.requests).toBeGreaterThanOrEqual(many.cases);
    expect(many.readUnitsRatio).toBeCloseTo(many.recompute.readUnits / many.aggregates.readUnits);
  });
});

describe('the evaluation bench against tampered aggregates', () => {
  it('fails when an aggregate no longer adds up to the stored records', async () => {
    const db = await createTestTables();
    const addOneCase = async (document: DynamoDBDocumentClient) => {
      for (const pk of statisticsPartitions(benchDepartmentOf(0).department)) {
        const { Items = [] } = await document.send(
          new QueryCommand({
            TableName: db.tables.cases,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :month)',
            ExpressionAttributeValues: { ':pk': pk, ':month': `${evaluatedMonth}#` },
          }),
        );
        const item = Items[0];
        if (item === undefined) continue;
        await document.send(
          new UpdateCommand({
            TableName: db.tables.cases,
            Key: { pk: item['pk'], sk: item['sk'] },
            UpdateExpression: 'ADD received :one',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        );
        return;
      }
      throw new Error('no aggregate item of the month to change');
    };

    await expect(measureEvaluationIn(db.endpoint, db.tables, { departments: 1, few: 30, many: 40, evaluations: 1 }, addOneCase)).rejects.toThrow(
      /disagree.*1 differences.*"counter":"received"/,
    );
  }, 120_000);
});
