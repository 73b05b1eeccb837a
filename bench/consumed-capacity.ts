/**
 * Consumed capacity, metered in bench code so the repositories under test run unchanged:
 * DynamoDB reports the units only when asked (`ReturnConsumedCapacity`).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Units and requests of whatever runs through a metered client. */
export interface CapacityMeter {
  readUnits: number;
  writeUnits: number;
  requests: number;
  /** Requests and units by operation and what it read or wrote: `Query <table>[/<index>]`. */
  byTarget: Record<string, { requests: number; units: number }>;
}

export const newCapacityMeter = (): CapacityMeter => ({ readUnits: 0, writeUnits: 0, requests: 0, byTarget: {} });

const readCommands = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand']);

/**
 * A document client adding up the units of every request it sends. Give each meter a client of
 * its own: middleware added to a document client is added to the client under it.
 */
export function meteredDocumentClient(client: DynamoDBClient, meter: CapacityMeter): DynamoDBDocumentClient {
  const document = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  document.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      if (consumed === undefined) throw new Error('DynamoDB returned no ConsumedCapacity');
      const units = (Array.isArray(consumed) ? consumed : [consumed]).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
      if (readCommands.has(context.commandName ?? '')) meter.readUnits += units;
      else meter.writeUnits += units;
      meter.requests += 1;
      const input = args.input as { TableName?: string; IndexName?: string };
      const target = `${(context.commandName ?? 'Command').replace(/Command$/, '')} ${input.TableName ?? ''}${input.IndexName ? `/${input.IndexName}` : ''}`;
      const counted = (meter.byTarget[target] ??= { requests: 0, units: 0 });
      counted.requests += 1;
      counted.units += units;
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return document;
}
