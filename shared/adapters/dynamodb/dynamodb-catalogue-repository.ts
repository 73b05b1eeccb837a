/**
 * Versioned catalogue matters in the `reference` table (access patterns in `shared/tables.ts`).
 * Beside each department's `MATTER#<code>` item — the version in force, which the processing's
 * reference reader keeps reading unchanged — every version is kept as `MATTERVERSION#<code>#<n>`.
 * The current item holds the family's matter only: the tender and disclosure matter schemas are
 * strict and would refuse version attributes on it.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogueEntry, CatalogueRepository, MatterInForce, NewMatterVersion, StoredMatter, StoredMatterVersion } from '../../application/ports.ts';
import { matterOfStoredVersion } from '../../application/manage-catalogue.ts';
import { matterVersionInForce } from '../../domain/catalogue/matter-version-in-force.ts';
import { MatterVersionChanged } from '../../application/store-refusals.ts';

export const departmentPk = (department: string): string => `DEPARTMENT#${department}`;
export const matterSk = (matterCode: string): string => `MATTER#${matterCode}`;
export const matterVersionSk = (matterCode: string, version: number): string => `MATTERVERSION#${matterCode}#${String(version).padStart(10, '0')}`;
const matterVersionPrefix = (matterCode: string): string => `MATTERVERSION#${matterCode}#`;

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest;
}

export class DynamoDbCatalogueRepository implements CatalogueRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listCatalogue(department: string): Promise<CatalogueEntry[]> {
    // One query reads both item kinds: `MATTER#…` sorts before `MATTERVERSION#…`.
    const items = await this.queryAll(department, 'MATTER', false);
    const entries = new Map<string, { current: StoredMatter | null; latestVersion: number }>();
    const entry = (code: string) => entries.get(code) ?? entries.set(code, { current: null, latestVersion: 0 }).get(code)!;
    for (const item of items) {
      const sk = String(item['sk']);
      if (sk.startsWith('MATTER#')) entry(sk.slice('MATTER#'.length)).current = withoutKeys(item) as StoredMatter;
      else if (sk.startsWith('MATTERVERSION#')) {
        const matter = entry(String(item['matterCode']));
        matter.latestVersion = Math.max(matter.latestVersion, Number(item['version']));
      }
    }
    return [...entries]
      .map(([matterCode, { current, latestVersion }]) => ({ matterCode, current, latestVersion }))
      .sort((a, b) => (a.matterCode < b.matterCode ? -1 : 1));
  }

  async listVersions(department: string, matterCode: string): Promise<StoredMatterVersion[]> {
    const items = await this.queryAll(department, matterVersionPrefix(matterCode), true);
    return items.map((item) => withoutKeys(item) as StoredMatterVersion);
  }

  async addVersion({ version, current }: NewMatterVersion): Promise<void> {
    const pk = departmentPk(version.department);
    const previous = version.version - 1;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { pk, sk: matterVersionSk(version.matterCode, version.version), ...version },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            // Versions are dense: version n-1 existing and n not existing means n-1 is the latest.
            ...(previous >= 1
              ? [
                  {
                    ConditionCheck: {
                      TableName: this.tableName,
                      Key: { pk, sk: matterVersionSk(version.matterCode, previous) },
                      ConditionExpression: 'attribute_exists(pk)',
                    },
                  },
                ]
              : []),
            ...(current ? [{ Put: { TableName: this.tableName, Item: { ...current, pk, sk: matterSk(version.matterCode) } } }] : []),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((reason) => reason.Code === 'ConditionalCheckFailed')) {
        throw new MatterVersionChanged(
          { zh: '事项在您读取后已被修改', en: 'The matter changed since you read it' },
          {
            zh: `第 ${version.version} 版要求最新版本为第 ${previous} 版；请重新读取各版本。`,
            en: `Version ${version.version} needs version ${previous} to be the latest; read the versions again.`,
          },
        );
      }
      throw error;
    }
  }

  async matterAt(department: string, matterCode: string, date: string): Promise<MatterInForce | undefined> {
    const versions = await this.listVersions(department, matterCode);
    if (versions.length > 0) {
      const inForce = matterVersionInForce(versions, date);
      if (!inForce) return undefined;
      return { matter: matterOfStoredVersion(inForce), version: inForce.version };
    }
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: departmentPk(department), sk: matterSk(matterCode) } }));
    return Item ? { matter: withoutKeys(Item) as StoredMatter, version: null } : undefined;
  }

  private async queryAll(department: string, skPrefix: string, consistent: boolean): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': departmentPk(department), ':prefix': skPrefix },
          ExclusiveStartKey: cursor,
          ConsistentRead: consistent,
        }),
      );
      items.push(...(page.Items ?? []));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    return items;
  }
}
