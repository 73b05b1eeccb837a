/**
 * The city's structure in the `reference` table (access patterns in `shared/tables.ts`): a
 * jurisdiction profile at `JURISDICTION#<id>/PROFILE`, a department profile at
 * `DEPARTMENT#<id>/PROFILE` beside its catalogue, both listed through the sparse `cityDirectory`
 * index. Writes are conditional on the version read, so an administrator and a deployment never
 * overwrite each other's change unseen.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CityStructureRepository } from '../../application/city-structure/city-structure-repository.ts';
import type {
  DepartmentFields,
  JurisdictionFields,
  JurisdictionKind,
  StoredDepartment,
  StoredJurisdiction,
} from '../../domain/city-structure/city-structure.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { CityStructureVersionChanged } from '../../application/store-refusals.ts';
import { queryEveryPage } from './query-every-page.ts';
import type { Bilingual } from '../../domain/bilingual.ts';

/** The name of the index listing profiles. */
export const cityDirectoryIndex = 'cityDirectory';
const jurisdictionsDirectory = 'JURISDICTIONS';
const departmentsDirectory = 'DEPARTMENTS';

/** Key of a jurisdiction's profile. */
export const jurisdictionProfileKey = (jurisdiction: string) => ({ pk: `JURISDICTION#${jurisdiction}`, sk: 'PROFILE' });
/** Key of a department's profile (its catalogue shares the partition). */
export const departmentProfileKey = (department: string) => ({ pk: `DEPARTMENT#${department}`, sk: 'PROFILE' });

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value instanceof Set ? [...value].map(String) : []);

function recordKeeping<Fields>(item: Record<string, unknown>, fields: (applied: Record<string, unknown>) => Fields) {
  const applied = item['applied'] as Record<string, unknown> | undefined;
  return {
    version: Number(item['version']),
    updatedAt: String(item['updatedAt']),
    updatedBy: String(item['updatedBy']),
    ...(applied ? { applied: { ...fields(applied), appliedAt: String(applied['appliedAt']) } } : {}),
  };
}

const jurisdictionFields = (item: Record<string, unknown>): JurisdictionFields => ({
  name: String(item['name']),
  kind: String(item['kind']) as JurisdictionKind,
  issuingOrgan: String(item['issuingOrgan']),
});

const departmentFields = (item: Record<string, unknown>): DepartmentFields => ({
  name: String(item['name']),
  jurisdiction: String(item['jurisdiction']),
  connectedKinds: strings(item['connectedKinds']),
  ...(typeof item['connectedOn'] === 'string' ? { connectedOn: item['connectedOn'] } : {}),
});

function jurisdictionFromItem(item: Record<string, unknown>): StoredJurisdiction {
  return { jurisdiction: String(item['jurisdiction']), ...jurisdictionFields(item), ...recordKeeping(item, jurisdictionFields) };
}

function departmentFromItem(item: Record<string, unknown>): StoredDepartment {
  return { department: String(item['department']), ...departmentFields(item), ...recordKeeping(item, departmentFields) };
}

export class DynamoDbCityStructureRepository implements CityStructureRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async jurisdiction(jurisdiction: string): Promise<StoredJurisdiction | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: jurisdictionProfileKey(jurisdiction), ConsistentRead: true }));
    return Item ? jurisdictionFromItem(Item) : undefined;
  }

  async jurisdictions(): Promise<StoredJurisdiction[]> {
    const all = (await this.directory(jurisdictionsDirectory)).map(jurisdictionFromItem);
    // The city first: it heads every listing of the structure.
    return [...all.filter((j) => j.jurisdiction === cityJurisdiction), ...all.filter((j) => j.jurisdiction !== cityJurisdiction)];
  }

  async department(department: string): Promise<StoredDepartment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: departmentProfileKey(department), ConsistentRead: true }));
    return Item ? departmentFromItem(Item) : undefined;
  }

  async departments(jurisdiction?: string): Promise<StoredDepartment[]> {
    return (await this.directory(departmentsDirectory, jurisdiction === undefined ? undefined : `${jurisdiction}#`)).map(departmentFromItem);
  }

  async putJurisdiction(profile: StoredJurisdiction, expectedVersion: number): Promise<void> {
    await this.put(
      { ...jurisdictionProfileKey(profile.jurisdiction), ...profile, directory: jurisdictionsDirectory, directoryOrder: profile.jurisdiction },
      expectedVersion,
      { zh: `辖区 ${profile.jurisdiction} 在您读取后已被修改`, en: `The jurisdiction ${profile.jurisdiction} changed since it was read` },
    );
  }

  async putDepartment(profile: StoredDepartment, expectedVersion: number): Promise<void> {
    await this.put(
      {
        ...departmentProfileKey(profile.department),
        ...profile,
        directory: departmentsDirectory,
        directoryOrder: `${profile.jurisdiction}#${profile.department}`,
      },
      expectedVersion,
      { zh: `部门 ${profile.department} 在您读取后已被修改`, en: `The department ${profile.department} changed since it was read` },
    );
  }

  private async put(item: Record<string, unknown>, expectedVersion: number, changed: Bilingual): Promise<void> {
    const isNew = expectedVersion === 0;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: isNew ? 'attribute_not_exists(pk)' : 'version = :expected',
          ExpressionAttributeValues: isNew ? undefined : { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new CityStructureVersionChanged(
          changed,
          isNew
            ? { zh: '它已存在，请读取后提交其版本。', en: 'It exists already: read it and send its version.' }
            : { zh: '请重新读取并提交读到的版本。', en: 'Read it again and send the version you read.' },
        );
      }
      throw error;
    }
  }

  /** Every item of one directory partition, optionally under a sort-key prefix, in sort-key order. */
  private async directory(directory: string, prefix?: string): Promise<Record<string, unknown>[]> {
    return queryEveryPage(this.client, {
      TableName: this.tableName,
      IndexName: cityDirectoryIndex,
      KeyConditionExpression: prefix === undefined ? 'directory = :directory' : 'directory = :directory AND begins_with(directoryOrder, :prefix)',
      ExpressionAttributeValues: { ':directory': directory, ...(prefix === undefined ? {} : { ':prefix': prefix }) },
    });
  }
}
