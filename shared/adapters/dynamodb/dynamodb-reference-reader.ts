import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DepartmentProfile } from '../../domain/catalogue/catalogue-matter.ts';
import type { JurisdictionEntry, JurisdictionKind } from '../../domain/city-structure/city-structure.ts';
import type { ReferenceReader, StoredMatter } from '../../application/ports.ts';
import { ContainerCache } from '../container-cache.ts';
import { departmentProfileKey, jurisdictionProfileKey } from './dynamodb-city-structure-repository.ts';

/**
 * Departments, jurisdictions and catalogue matters, cached per container for a short time:
 * reference data changes rarely, and every record of a batch names them. A change made through
 * the console is seen by every container within the time to live (a minute).
 */
export class DynamoDbReferenceReader implements ReferenceReader {
  private readonly cache: ContainerCache<unknown>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    ttlMs = 60_000,
    now?: () => number,
  ) {
    this.cache = new ContainerCache({ ttlMs, ...(now ? { now } : {}) });
  }

  department(department: string): Promise<DepartmentProfile | undefined> {
    const { pk, sk } = departmentProfileKey(department);
    return this.get<DepartmentProfile>(pk, sk, (item) => ({
      department: String(item['department']),
      name: String(item['name']),
      jurisdiction: String(item['jurisdiction']),
      ...(typeof item['connectedOn'] === 'string' ? { connectedOn: item['connectedOn'] } : {}),
    }));
  }

  jurisdiction(jurisdiction: string): Promise<JurisdictionEntry | undefined> {
    const { pk, sk } = jurisdictionProfileKey(jurisdiction);
    return this.get<JurisdictionEntry>(pk, sk, (item) => ({
      jurisdiction: String(item['jurisdiction']),
      name: String(item['name']),
      kind: String(item['kind']) as JurisdictionKind,
      issuingOrgan: String(item['issuingOrgan']),
    }));
  }

  matter(department: string, matterCode: string): Promise<StoredMatter | undefined> {
    return this.get<StoredMatter>(`DEPARTMENT#${department}`, `MATTER#${matterCode}`, (item) => {
      const { pk: _pk, sk: _sk, ...matter } = item;
      return matter as StoredMatter;
    });
  }

  private async get<T>(pk: string, sk: string, map: (item: Record<string, unknown>) => T): Promise<T | undefined> {
    const value = await this.cache.get(`${pk}|${sk}`, async () => {
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk } }));
      return Item ? map(Item) : undefined;
    });
    return value as T | undefined;
  }
}
