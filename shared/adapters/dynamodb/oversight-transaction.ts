/**
 * The one way an oversight aggregate (complaint, supervision request or case) is written: a
 * TransactWriteItems of conditional Puts — its STATE item (new: the number must be free; else: the
 * version must be the one read) and new items beside it (steps, lookups, notices) — and of Deletes
 * of items beside it that go with the change (a complaint's erased personal data), and of the
 * additions the change makes to the statistics aggregates, so nothing half-written remains. A failed condition becomes the repository's own typed error; a transaction
 * cancelled only because another one on the same items was in flight is tried again.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { VersionChanged } from '../../application/store-refusals.ts';
import { statisticsUpdate, type StatisticsAddition } from './statistics-items.ts';

type Item = Record<string, unknown>;

/** One conditional Put of an oversight transaction. */
export interface OversightPut {
  readonly Put: {
    readonly TableName: string;
    readonly Item: Item;
    readonly ConditionExpression: string;
    readonly ExpressionAttributeNames?: Record<string, string>;
    readonly ExpressionAttributeValues?: Record<string, unknown>;
  };
}

/**
 * A Delete of an item beside the STATE item. Unconditional: the transaction's STATE put on the
 * version read already makes the whole write happen once, and deleting an item already gone
 * changes nothing.
 */
export interface OversightDelete {
  readonly Delete: {
    readonly TableName: string;
    readonly Key: { readonly pk: string; readonly sk: string };
  };
}

/**
 * An unconditional `UpdateItem ADD` to a statistics aggregate in the `cases` table
 * (`statistics-items.ts`): what the change adds to the counters goes with the change or not at all.
 */
export interface OversightStatisticsAddition {
  readonly Update: {
    readonly TableName: string;
    readonly Key: { readonly pk: string; readonly sk: string };
    readonly UpdateExpression: string;
    readonly ExpressionAttributeNames: Record<string, string>;
    readonly ExpressionAttributeValues: Record<string, unknown>;
  };
}

/**
 * The additions a change makes to the statistics aggregates, as operations of its transaction. A
 * writer built without the `cases` table (one whose changes never move the statistics) refuses a
 * change that would, rather than lose it.
 */
export function statisticsAdditionWrites(
  casesTable: string | undefined,
  additions: readonly StatisticsAddition[],
  writer: string,
): OversightStatisticsAddition[] {
  if (additions.length === 0) return [];
  if (casesTable === undefined) throw new Error(`this writer of ${writer} keeps no statistics, yet its change moves them`);
  return additions.map((addition) => statisticsUpdate(casesTable, addition) as OversightStatisticsAddition);
}

/** One operation of an oversight transaction. */
export type OversightWrite = OversightPut | OversightDelete | OversightStatisticsAddition;

export function itemDelete(tableName: string, key: { readonly pk: string; readonly sk: string }): OversightDelete {
  return { Delete: { TableName: tableName, Key: key } };
}

/** The STATE put: `expectedVersion` null for a new aggregate (its number must be free), else the version read. */
export function statePut(tableName: string, item: Item, expectedVersion: number | null): OversightPut {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ...(expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    },
  };
}

/** A put of an item that must not exist yet (a step, a lookup hash, a notice): items are never overwritten. */
export function newItemPut(tableName: string, item: Item): OversightPut {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** What a cancelled transaction tells the caller, in the repository's own words and errors. */
export interface OversightTransactionRefusals {
  /** Whether a failed condition on the write at `index` means a new aggregate's number is taken. */
  readonly claimsNumberAt: (index: number) => boolean;
  readonly numberTaken: () => Error;
  /** A version moved since the caller read it. */
  readonly staleVersion: () => VersionChanged;
  /** Still meeting other transactions in flight after the last attempt. */
  readonly stillInFlight: () => VersionChanged;
}

/** Transactions that meet another one in flight are retried this often before the caller is told to re-read. */
const conflictAttempts = 4;

/**
 * Writes `writes` in one transaction. The first write whose condition failed decides the error; a
 * transaction cancelled for a conflict is retried with a short jittered back-off, and the
 * conditions then decide.
 */
export async function writeOversightTransaction(
  client: DynamoDBDocumentClient,
  writes: readonly OversightWrite[],
  refusals: OversightTransactionRefusals,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: [...writes] }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedCondition = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failedCondition >= 0) throw refusals.claimsNumberAt(failedCondition) ? refusals.numberTaken() : refusals.staleVersion();
      if (!reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      if (attempt >= conflictAttempts) throw refusals.stillInFlight();
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}
