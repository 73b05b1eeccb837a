/** Counts the requests a document client sends, by DynamoDB operation, for tests of how many a use case makes. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Adds a counting middleware to `documentClient` (give each test a client of its own) and returns
 * the counts, keyed by operation (`TransactWriteItems`, `Query`, …). `intercept` sees each request
 * first and may throw to stand for DynamoDB's answer.
 */
export function countRequests(
  documentClient: DynamoDBDocumentClient,
  intercept?: (operation: string, input: Record<string, unknown>) => void,
): Map<string, number> {
  const requests = new Map<string, number>();
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      // The document client's commands name the table operation they send (`TransactWriteItemsCommand`).
      const operation = String(context.commandName).replace(/Command$/, '');
      requests.set(operation, (requests.get(operation) ?? 0) + 1);
      intercept?.(operation, args.input as Record<string, unknown>);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return requests;
}
