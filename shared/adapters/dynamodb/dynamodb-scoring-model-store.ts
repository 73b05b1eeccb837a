/**
 * Scoring model versions in the `reference` table (access patterns in `shared/tables.ts`): one item
 * per version, `pk EVALUATIONMODEL#<owner>`, `sk VERSION#<n, 10 digits>`, written by a conditional
 * put that never overwrites.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ScoringModelVersionTaken, type ScoringModelStore } from '../../application/evaluation/scoring-model-store.ts';
import type { ScoringModel } from '../../domain/evaluation/scoring-model.ts';
import { queryEveryPage } from './query-every-page.ts';

export const scoringModelPk = (owner: string): string => `EVALUATIONMODEL#${owner}`;
export const scoringModelSk = (version: number): string => `VERSION#${String(version).padStart(10, '0')}`;

function modelOf(item: Record<string, unknown>): ScoringModel {
  const { pk: _pk, sk: _sk, ...model } = item;
  return model as ScoringModel;
}

export class DynamoDbScoringModelStore implements ScoringModelStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listVersions(owner: string): Promise<ScoringModel[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': scoringModelPk(owner), ':prefix': 'VERSION#' },
      ConsistentRead: true,
    });
    return items.map(modelOf);
  }

  async version(owner: string, version: number): Promise<ScoringModel | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: scoringModelPk(owner), sk: scoringModelSk(version) } }));
    return Item ? modelOf(Item) : undefined;
  }

  async addVersion(model: ScoringModel): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...model, pk: scoringModelPk(model.owner), sk: scoringModelSk(model.version) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new ScoringModelVersionTaken(
          { zh: '评估模型在您读取后已被修改', en: 'The scoring model changed since it was read' },
          { zh: `${model.owner} 的第 ${model.version} 版刚由他人存储。`, en: `Version ${model.version} of ${model.owner} was just stored by someone else.` },
        );
      }
      throw error;
    }
  }
}
