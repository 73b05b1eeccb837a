/**
 * Cases, their events and their alerts in the `cases` table. Conditional writes in transactions
 * of whole cases give exactly-once effects; a lost race is reported per case (`changed`) for the
 * engine to decide that case again. Every event item (a department's act record) is stored sealed: its keyed digest under the key of the hour it is written in, and the hour's
 * index partition (`sealHour`) the verifier reads it back by.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../../domain/alerts/alert.ts';
import type { RecordBase } from '../../domain/records/record-family.ts';
import type { StatisticsContribution } from '../../domain/statistics/case-contribution.ts';
import type { CaseKey } from '../../application/case-key.ts';
import type { RecordSealer } from '../../application/record-seals/hour-keys.ts';
import { sealed } from '../../application/record-seals/record-seal.ts';
import type { CaseCommit, CaseCommitResult, CaseRepository, CaseSnapshot, DueCase, LoadedCase, StoredEvent } from '../../application/ports.ts';
import { transactionItemLimit } from './request-limits.ts';
import { queryEveryPage } from './query-every-page.ts';
import { sweepShardCount } from '../../tables.ts';
import {
  alertFromItem,
  alertIndexAttributes,
  alertItemFields,
  alertSk,
  caseKeyFromPk,
  casePk,
  eventSk,
  outboxItem,
  sealHourOfCase,
  stateSk,
  sweepShardOf,
} from './case-items.ts';
import { mergedAdditions, statisticsAdditions, statisticsUpdate, type StatisticsAddition } from './statistics-items.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A case's writes: its own items, and the additions to the statistics aggregates (merged with other cases' in a transaction). */
interface CaseWrites {
  readonly own: readonly TransactItem[];
  readonly additions: readonly StatisticsAddition[];
}

/** Cancellation reasons that mean another writer got to the case first: decide again on fresh data. */
const lostRaceCodes: ReadonlySet<string> = new Set(['ConditionalCheckFailed', 'TransactionConflict']);

/**
 * Consecutive cases packed into transactions of at most 100 items; a case is never split (its
 * writes stand or fall together). A case with more items than that goes alone (and DynamoDB refuses it).
 */
export function transactionChunks(itemCounts: readonly number[]): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let items = 0;
  itemCounts.forEach((count, index) => {
    if (current.length > 0 && items + count > transactionItemLimit) {
      chunks.push(current);
      current = [];
      items = 0;
    }
    current.push(index);
    items += count;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export class DynamoDbCaseRepository implements CaseRepository {
  /**
   * @param sealer seals the events a commit stores; a repository built without one (a function
   * that never stores records: the sweep, the console) refuses to commit events.
   */
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly sealer?: RecordSealer,
  ) {}

  async load(key: CaseKey): Promise<LoadedCase> {
    const items: Record<string, unknown>[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': casePk(key) },
          ConsistentRead: true,
          ExclusiveStartKey: cursor,
        }),
      );
      items.push(...(page.Items ?? []));
      cursor = page.LastEvaluatedKey;
    } while (cursor);

    let snapshot: CaseSnapshot | undefined;
    const events: StoredEvent[] = [];
    const alerts: Alert[] = [];
    for (const item of items) {
      const sk = String(item['sk']);
      if (sk === stateSk) snapshot = snapshotFromItem(key, item);
      else if (sk.startsWith('EVENT#')) {
        events.push({ event: item['event'] as RecordBase, receivedAt: String(item['receivedAt']), contentHash: String(item['contentHash']) });
      } else if (sk.startsWith('ALERT#')) alerts.push(alertFromItem(item));
    }
    return { snapshot, events, alerts };
  }

  /**
   * Commits many cases in as few transactions as DynamoDB allows (100 items each), every case's
   * writes conditional on its state's version and its events' sequences being free. A cancelled
   * transaction names the item that failed: its case is reported `changed` (or failed) and the
   * others are sent again without it, so one case's conflict never costs the others their commit.
   */
  async commitMany(commits: readonly CaseCommit[]): Promise<CaseCommitResult[]> {
    const results: CaseCommitResult[] = new Array(commits.length);
    if (commits.length === 0) return results;
    const writes = await this.writesOf(commits);
    // Counted unmerged: a chunk's merged additions can only be fewer.
    for (const chunk of transactionChunks(writes.map((w) => w.own.length + w.additions.length))) await this.commitChunk(chunk, writes, results);
    return results;
  }

  /**
   * The items of one transaction and the cases each belongs to: every case's own items, then the
   * statistics additions merged by item (several cases of a department and month add to one item).
   */
  private transactionOf(pending: readonly number[], writes: readonly CaseWrites[]): { items: TransactItem[]; owners: number[][] } {
    const items: TransactItem[] = [];
    const owners: number[][] = [];
    for (const index of pending) {
      for (const item of writes[index]?.own ?? []) {
        items.push(item);
        owners.push([index]);
      }
    }
    const additions = pending.flatMap((index) => (writes[index]?.additions ?? []).map((addition) => ({ index, addition })));
    for (const merged of mergedAdditions(additions.map((a) => a.addition))) {
      items.push(statisticsUpdate(this.tableName, merged));
      owners.push(additions.filter((a) => a.addition.pk === merged.pk && a.addition.sk === merged.sk).map((a) => a.index));
    }
    return { items, owners };
  }

  /** One transaction of whole cases; on cancellation, again without the cases whose items failed. */
  private async commitChunk(chunk: readonly number[], writes: readonly CaseWrites[], results: CaseCommitResult[]): Promise<void> {
    let pending = [...chunk];
    while (pending.length > 0) {
      const { items, owners } = this.transactionOf(pending, writes);
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: items }));
        for (const index of pending) results[index] = 'committed';
        return;
      } catch (error) {
        const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
        const refused = new Map<number, CaseCommitResult>();
        reasons.forEach((reason, item) => {
          if (reason.Code === undefined || reason.Code === 'None') return;
          // An aggregate item another transaction was adding to is every adding case's lost race.
          for (const owner of owners[item] ?? []) refused.set(owner, lostRaceCodes.has(reason.Code) ? (refused.get(owner) ?? 'changed') : { failed: error });
        });
        if (refused.size === 0) {
          // Not one case's doing (throttled, unavailable, a malformed request): every case of the transaction fails.
          for (const index of pending) results[index] = { failed: error };
          return;
        }
        for (const [index, result] of refused) results[index] = result;
        pending = pending.filter((index) => !refused.has(index));
      }
    }
  }

  /** Every case's writes: its new events (sealed), its state, its alert changes and their events in the outbox, and its statistics delta. */
  private async writesOf(commits: readonly CaseCommit[]): Promise<CaseWrites[]> {
    const sealing = commits.some((c) => c.newEvents.length > 0) ? await this.sealingKey() : undefined;
    return commits.map((commit) => {
      const pk = casePk(commit.snapshot.key);
      const eventWrites = sealing ? this.sealedEventWrites(sealing, pk, commit.newEvents) : [];
      const outboxWrites = commit.alertEvents.map((event) => ({ Put: { TableName: this.tableName, Item: outboxItem(event) } }));
      return {
        own: [...eventWrites, this.stateWrite(commit), ...this.alertWrites(pk, commit), ...outboxWrites],
        additions: statisticsAdditions(commit.snapshot.key, commit.statisticsDeltas ?? []),
      };
    });
  }

  private stateWrite(commit: CaseCommit): TransactItem {
    const { snapshot } = commit;
    const pk = casePk(snapshot.key);
    const stateItem: Record<string, unknown> = {
      pk,
      sk: stateSk,
      department: snapshot.key.department,
      caseId: snapshot.key.caseId,
      jurisdiction: snapshot.jurisdiction,
      matterCode: snapshot.matterCode,
      kind: snapshot.kind,
      stateVersion: snapshot.stateVersion,
      lastSequence: snapshot.lastSequence,
      eventCount: snapshot.eventCount,
      stage: snapshot.stage,
      deadlines: snapshot.deadlines,
      updatedAt: snapshot.updatedAt,
    };
    if (snapshot.statistics !== undefined) stateItem['statistics'] = snapshot.statistics;
    // The sweep index is sparse: only cases with a pending check carry its keys.
    if (snapshot.crossCase) {
      stateItem['crossCaseGroup'] = `${snapshot.key.department}#${snapshot.key.kind}#${snapshot.crossCase.group}`;
      stateItem['crossCaseOrder'] = snapshot.crossCase.order;
      stateItem['crossCaseFacts'] = snapshot.crossCase.facts;
    }
    stateItem['matterKey'] = `${snapshot.key.department}#${snapshot.key.kind}#${snapshot.matterCode}`;
    stateItem['matterCaseOrder'] = `${snapshot.startedOn}#${snapshot.key.caseId}`;
    stateItem['startedOn'] = snapshot.startedOn;
    if (snapshot.awaitingCalendarYear !== null) stateItem['awaitingCalendarYear'] = `YEAR#${snapshot.awaitingCalendarYear}`;
    if (snapshot.nextCheckAt !== null) {
      stateItem['nextCheckAt'] = snapshot.nextCheckAt;
      stateItem['sweepShard'] = sweepShardOf(snapshot.key);
    }
    return commit.expectedStateVersion === 0
      ? { Put: { TableName: this.tableName, Item: stateItem, ConditionExpression: 'attribute_not_exists(pk)' } }
      : {
          Put: {
            TableName: this.tableName,
            Item: stateItem,
            ConditionExpression: 'stateVersion = :expected',
            ExpressionAttributeValues: { ':expected': commit.expectedStateVersion },
          },
        };
  }

  private alertWrites(pk: string, commit: CaseCommit): TransactItem[] {
    return commit.alertChanges.map((change) => {
      const Item = { pk, sk: alertSk(change.alert.ruleId), ...alertItemFields(change.alert), ...alertIndexAttributes(change.alert) };
      return change.type === 'raise'
        ? { Put: { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } }
        : {
            Put: {
              TableName: this.tableName,
              Item,
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': change.expectedVersion },
            },
          };
    });
  }

  /** The current hour's sealing key (derived at most once an hour); a repository without a sealer cannot store records. */
  private async sealingKey() {
    if (this.sealer === undefined) throw new Error('this case repository has no record sealer: it cannot store records');
    return this.sealer.currentKey();
  }

  /** The puts of a commit's new events, each sealed under the current hour's key. */
  private sealedEventWrites(key: Awaited<ReturnType<RecordSealer['currentKey']>>, pk: string, events: CaseCommit['newEvents']): TransactItem[] {
    const sealHour = sealHourOfCase(key.hour, pk);
    return events.map((stored) => ({
      Put: {
        TableName: this.tableName,
        Item: sealed(key, {
          pk,
          sk: eventSk(stored.event.sequence),
          event: stored.event,
          receivedAt: stored.receivedAt,
          contentHash: stored.contentHash,
          sealHour,
        }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }));
  }

  async crossCaseMembers(
    department: string,
    kind: string,
    group: string,
    limit: number,
  ): Promise<{ caseId: string; facts: Readonly<Record<string, unknown>> }[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'crossCaseGroups',
        KeyConditionExpression: 'crossCaseGroup = :group',
        ExpressionAttributeValues: { ':group': `${department}#${kind}#${group}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => ({
      caseId: caseKeyFromPk(String(item['pk'])).caseId,
      facts: (item['crossCaseFacts'] ?? {}) as Record<string, unknown>,
    }));
  }

  async casesOfMatter(department: string, kind: string, matterCode: string, limit: number): Promise<CaseKey[]> {
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'casesByMatter',
        KeyConditionExpression: 'matterKey = :matter',
        ExpressionAttributeValues: { ':matter': `${department}#${kind}#${matterCode}` },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => caseKeyFromPk(String(item['pk'])));
  }

  /** Every case of a catalogue matter, page after page (the statistics verification reads them all). */
  async everyCaseOfMatter(department: string, kind: string, matterCode: string): Promise<CaseKey[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      IndexName: 'casesByMatter',
      KeyConditionExpression: 'matterKey = :matter',
      ExpressionAttributeValues: { ':matter': `${department}#${kind}#${matterCode}` },
    });
    return items.map((item) => caseKeyFromPk(String(item['pk'])));
  }

  async casesAwaitingCalendar(year: number, limit: number): Promise<CaseKey[]> {
    const keys: CaseKey[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'awaitingCalendar',
          KeyConditionExpression: 'awaitingCalendarYear = :year',
          ExpressionAttributeValues: { ':year': `YEAR#${year}` },
          Limit: Math.min(500, limit - keys.length),
          ExclusiveStartKey: cursor,
        }),
      );
      for (const item of page.Items ?? []) keys.push(caseKeyFromPk(String(item['pk'])));
      cursor = page.LastEvaluatedKey;
    } while (cursor && keys.length < limit);
    return keys;
  }

  async dueCases(asOf: string, limit: number): Promise<DueCase[]> {
    const keys: DueCase[] = [];
    for (let shard = 0; shard < sweepShardCount && keys.length < limit; shard += 1) {
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'dueChecks',
            KeyConditionExpression: 'sweepShard = :shard AND nextCheckAt <= :asOf',
            ExpressionAttributeValues: { ':shard': String(shard), ':asOf': asOf },
            Limit: Math.min(500, limit - keys.length),
            ExclusiveStartKey: cursor,
          }),
        );
        // The index's sort key is projected with the keys: the time each check fell due.
        for (const item of page.Items ?? []) keys.push({ ...caseKeyFromPk(String(item['pk'])), dueAt: String(item['nextCheckAt']) });
        cursor = page.LastEvaluatedKey;
      } while (cursor && keys.length < limit);
    }
    return keys;
  }
}

function snapshotFromItem(key: CaseKey, item: Record<string, unknown>): CaseSnapshot {
  return {
    key,
    jurisdiction: String(item['jurisdiction']),
    matterCode: String(item['matterCode']),
    kind: String(item['kind']),
    stateVersion: Number(item['stateVersion']),
    lastSequence: Number(item['lastSequence']),
    eventCount: Number(item['eventCount']),
    stage: String(item['stage']),
    nextCheckAt: typeof item['nextCheckAt'] === 'string' ? item['nextCheckAt'] : null,
    startedOn: typeof item['startedOn'] === 'string' ? item['startedOn'] : '',
    awaitingCalendarYear: typeof item['awaitingCalendarYear'] === 'string' ? Number(item['awaitingCalendarYear'].slice('YEAR#'.length)) : null,
    deadlines: (item['deadlines'] ?? {}) as CaseSnapshot['deadlines'],
    updatedAt: String(item['updatedAt']),
    ...(typeof item['statistics'] === 'object' && item['statistics'] !== null ? { statistics: item['statistics'] as StatisticsContribution } : {}),
  };
}
