/**
 * The demo reference data for use-case tests that run without the local runtime, entered through
 * the use cases the deployment and the catalogue API run: the city structure of the local
 * configuration through `applyCityStructure`, the demo catalogue file's matters through
 * `proposeMatterVersion` as a city supervisor. Their audit entries go nowhere, so a test that
 * reads the audit table sees only its own.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { cityStructureOf } from '#infra/cdk/deployment-step-properties.ts';
import { demoCatalogueFile } from '#infra/local/demo-data.ts';
import { loadLocalDeploymentConfig } from '#infra/local/deployment-configuration.ts';
import { checkCatalogueFile } from '#infra/operations/catalogue-file.ts';
import { DynamoDbCatalogueRepository } from '#shared/adapters/dynamodb/dynamodb-catalogue-repository.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { applyCityStructure } from '#shared/application/city-structure/apply-city-structure.ts';
import { proposeMatterVersion } from '#shared/application/manage-catalogue.ts';
import type { AuditLog } from '#shared/application/ports.ts';

const discardedAudit: AuditLog = { append: async () => undefined };

/** Applies the local configuration's city structure and loads the demo catalogue into `referenceTable`. */
export async function seedDemoReferenceData(documentClient: DynamoDBDocumentClient, referenceTable: string): Promise<void> {
  const clock = () => new Date();
  await applyCityStructure(cityStructureOf(loadLocalDeploymentConfig()), 'deployment:test-fixture', {
    structure: new DynamoDbCityStructureRepository(documentClient, referenceTable),
    audit: discardedAudit,
    clock,
  });
  const check = checkCatalogueFile(JSON.parse(readFileSync(demoCatalogueFile, 'utf8')));
  if (!check.ok) throw new Error(`demo catalogue: ${JSON.stringify(check.problems)}`);
  const deps = {
    catalogue: new DynamoDbCatalogueRepository(documentClient, referenceTable),
    reference: new DynamoDbReferenceReader(documentClient, referenceTable),
    audit: discardedAudit,
    clock,
  };
  const supervisor = { kind: 'staff', subject: 'test-fixture', role: 'citySupervisor', jurisdiction: 'city' } as const;
  for (const matter of check.matters) {
    const stored = await deps.catalogue.listVersions(matter.department, matter.matterCode);
    if (stored.length === 0) await proposeMatterVersion(supervisor, matter, { ...matter.content, version: 1 }, deps);
  }
}
