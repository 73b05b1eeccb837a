/**
 * Periods' evaluations in the `reference` table (access patterns in `shared/tables.ts`): one item
 * per version, `pk EVALUATION#<owner>#<period>`, `sk VERSION#<n, 10 digits>`; one item per
 * published version, `pk PUBLISHEDEVALUATION#<owner>#<period>`, same `sk`, carrying the approval
 * and a copy of the version. Both are written by conditional puts that never overwrite. The
 * evaluation (inputs, results with their parts' words) is kept gzipped: as JSON, 500 departments
 * take about 840 KB, over DynamoDB's 400 KB item limit; gzipped, about 14 KB (50 departments: 86 KB
 * and 4 KB).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  EvaluationVersionTaken,
  type EvaluationApproval,
  type PeriodEvaluationHistory,
  type PeriodEvaluationStore,
  type PublishedPeriodEvaluation,
  type StoredPeriodEvaluation,
} from '../../application/evaluation/period-evaluation-store.ts';
import type { EvaluationPeriod } from '../../domain/evaluation/evaluation-period.ts';
import { queryEveryPage } from './query-every-page.ts';

export const periodEvaluationPk = (owner: string, period: string): string => `EVALUATION#${owner}#${period}`;
export const publishedEvaluationPk = (owner: string, period: string): string => `PUBLISHEDEVALUATION#${owner}#${period}`;
export const periodEvaluationSk = (version: number): string => `VERSION#${String(version).padStart(10, '0')}`;

const packed = (stored: StoredPeriodEvaluation): Record<string, unknown> => ({
  version: stored.version,
  inputsDigest: stored.evaluation.inputsDigest,
  evaluatedAt: stored.evaluatedAt,
  evaluatedBy: stored.evaluatedBy,
  snapshot: gzipSync(Buffer.from(JSON.stringify(stored), 'utf8')),
});
const unpacked = (item: Record<string, unknown>): StoredPeriodEvaluation =>
  JSON.parse(gunzipSync(item['snapshot'] as Uint8Array).toString('utf8')) as StoredPeriodEvaluation;
const approvalOf = (item: Record<string, unknown>): EvaluationApproval => ({
  version: item['version'] as number,
  approvedAt: item['approvedAt'] as string,
  approvedBy: item['approvedBy'] as string,
});

export class DynamoDbPeriodEvaluationStore implements PeriodEvaluationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private versionsUnder(pk: string): Promise<Record<string, unknown>[]> {
    return queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': 'VERSION#' },
      ConsistentRead: true,
    });
  }

  async history(owner: string, period: EvaluationPeriod): Promise<PeriodEvaluationHistory> {
    const [versions, published] = await Promise.all([
      this.versionsUnder(periodEvaluationPk(owner, period)),
      this.versionsUnder(publishedEvaluationPk(owner, period)),
    ]);
    return { versions: versions.map(unpacked), approvals: published.map(approvalOf) };
  }

  async published(owner: string, period: EvaluationPeriod): Promise<PublishedPeriodEvaluation[]> {
    const items = await this.versionsUnder(publishedEvaluationPk(owner, period));
    return items.map((item) => ({ stored: unpacked(item), approval: approvalOf(item) }));
  }

  async addVersion(owner: string, period: EvaluationPeriod, stored: StoredPeriodEvaluation): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...packed(stored), pk: periodEvaluationPk(owner, period), sk: periodEvaluationSk(stored.version) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new EvaluationVersionTaken(
          { zh: '评估结果在您读取后已被修改', en: 'The evaluation changed since it was read' },
          {
            zh: `${owner} ${period} 的第 ${stored.version} 版刚由他人存储。`,
            en: `Version ${stored.version} of ${owner} ${period} was just stored by someone else.`,
          },
        );
      }
      throw error;
    }
  }

  async approve(owner: string, period: EvaluationPeriod, published: PublishedPeriodEvaluation): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...packed(published.stored),
            approvedAt: published.approval.approvedAt,
            approvedBy: published.approval.approvedBy,
            pk: publishedEvaluationPk(owner, period),
            sk: periodEvaluationSk(published.approval.version),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
