/**
 * Applies the city's structure from the deployment configuration: the `onEvent` function of a
 * CloudFormation custom resource (`aws-cdk-lib/custom-resources` Provider, see `deploymentSteps`
 * in `shared/topology.ts`), whose properties are the structure `cityStructureOf(config)` builds.
 * The local runtime sends it the same event at start. Create and Update apply the structure
 * (create what is missing, update what the configuration changed, never delete); Delete keeps
 * everything: profiles outlive the stack, as the tables do.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import * as z from 'zod';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import { applyCityStructure } from '#shared/application/city-structure/apply-city-structure.ts';
import { readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { CityStructure } from '#shared/domain/city-structure/city-structure.ts';
import middy from '@middy/core';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const StructureEnvironment = z.object({ ...tablesEnvironment.reference.shape, ...tablesEnvironment.audit.shape });

const { logger, middlewares } = createObservability('apply-city-structure');
const env = readEnvironment(StructureEnvironment);
const documentClient = createDocumentClient();
const dependencies = {
  structure: new DynamoDbCityStructureRepository(documentClient, env[environmentNames.tables.reference]),
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
  clock: () => new Date(),
};

/** One resource per deployment: the id never changes, so CloudFormation never asks to delete a replaced one. */
export const cityStructurePhysicalId = 'city-structure';

/** What the provider framework hands back to CloudFormation (`Data` is readable with `Fn::GetAtt`). */
export interface CustomResourceResult {
  readonly PhysicalResourceId: string;
  readonly Data?: Readonly<Record<string, string>>;
}

const CustomResourceEvent = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  StackId: z.string().min(1),
  ResourceProperties: z.record(z.string(), z.unknown()),
});

/** Every problem of the properties, each with its path, in one message (CloudFormation shows it on the failed resource). */
export class InvalidCityStructureError extends Error {
  constructor(problems: readonly string[]) {
    super(`城市结构无效 / invalid city structure:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidCityStructureError';
  }
}

/** `arn:aws-cn:cloudformation:<region>:<account>:stack/<name>/<id>` → `<name>`. */
const stackNameOf = (stackId: string): string => stackId.split(':').at(-1)?.split('/')[1] ?? stackId;

export async function applyConfiguredStructure(event: CloudFormationCustomResourceEvent): Promise<CustomResourceResult> {
  const { RequestType: requestType, StackId: stackId, ResourceProperties: properties } = CustomResourceEvent.parse(event);
  if (requestType === 'Delete') {
    logger.info('city structure kept: the configuration never deletes', { stack: stackNameOf(stackId) });
    return { PhysicalResourceId: cityStructurePhysicalId };
  }
  const { ServiceToken: _token, ...structureProperties } = properties;
  const parsed = CityStructure.safeParse(structureProperties);
  if (!parsed.success) {
    throw new InvalidCityStructureError(parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(properties)'}: ${issue.message}`));
  }
  const applied = await applyCityStructure(parsed.data, `deployment:${stackNameOf(stackId)}`, dependencies);
  logger.info('city structure applied', { requestType, created: applied.created.length, updated: applied.updated.length, unchanged: applied.unchanged.length });
  return {
    PhysicalResourceId: cityStructurePhysicalId,
    Data: { Created: String(applied.created.length), Updated: String(applied.updated.length), Unchanged: String(applied.unchanged.length) },
  };
}

export const handler = middy(applyConfiguredStructure).use(middlewares);
