/** The timeline of an oversight aggregate: its `STEP#<n>` items, read in order, every page. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Every step stored under `pk`, in sequence order, each mapped by `stepOf` (consistent reads). */
export async function readOversightTimeline<S>(client: DynamoDBDocumentClient, tableName: string, pk: string, stepOf: (item: Record<string, unknown>) => S): Promise<S[]> {
  const steps: S[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :step)',
        ExpressionAttributeValues: { ':pk': pk, ':step': 'STEP#' },
        ExclusiveStartKey: cursor,
        ConsistentRead: true,
      }),
    );
    steps.push(...(page.Items ?? []).map(stepOf));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return steps;
}
