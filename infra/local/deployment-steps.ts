/**
 * The deployment steps of the topology (`deploymentSteps`), run by the local runtime as
 * CloudFormation runs them in AWS: each step's function gets the CloudFormation custom-resource
 * event the provider framework hands it — `Create` the first time, `Update` (with the previous
 * properties) afterwards — with the properties CDK would set, built by the same function of the
 * same configuration (`infra/cdk/deployment-step-properties.ts`). CloudFormation sends an event
 * only when the properties change; locally each start sends one, which the step's semantics make
 * harmless (applying the same structure again changes nothing) and which restores the structure
 * when the tables are new (`--ephemeral`, a deleted data folder).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { deploymentSteps } from '#shared/topology.ts';
import type { HandlerLoader } from './api-server.ts';
import { localAccountId, partitionOf } from './api-server.ts';
import type { LocalDeployment } from './deployment/local-deployment.ts';
import { writeSecretFile } from './department-credentials.ts';
import { createInvocationContext } from './queue-poller.ts';

/** The stack the local steps pretend to belong to (audit entries name it: `deployment:esup-local-stateless`). */
export const localStackName = 'esup-local-stateless';
/** Where the local runtime remembers the properties each step was last sent (as CloudFormation remembers a resource's). */
export const deploymentStepsFileName = 'deployment-steps.json';

/** What one step was sent and answered. */
export interface DeploymentStepRun {
  readonly step: string;
  readonly requestType: 'Create' | 'Update';
  readonly result: unknown;
}

interface StepState {
  readonly physicalResourceId: string;
  readonly properties: Record<string, unknown>;
}

/** The event CloudFormation (through the provider framework) sends a step's function. */
export function customResourceEvent(options: {
  readonly region: string;
  readonly stepName: string;
  readonly resourceType: string;
  readonly properties: Record<string, unknown>;
  readonly previous?: StepState;
}): CloudFormationCustomResourceEvent {
  const partition = partitionOf(options.region);
  const serviceToken = `arn:${partition}:lambda:${options.region}:${localAccountId}:function:esup-local-${options.stepName}-provider`;
  const common = {
    ServiceToken: serviceToken,
    ResponseURL: 'http://127.0.0.1/local-deployment-step-response',
    StackId: `arn:${partition}:cloudformation:${options.region}:${localAccountId}:stack/${localStackName}/${randomUUID()}`,
    RequestId: randomUUID(),
    LogicalResourceId: `${options.stepName}-step`,
    ResourceType: options.resourceType,
    ResourceProperties: { ServiceToken: serviceToken, ...options.properties },
  };
  return options.previous === undefined
    ? { ...common, RequestType: 'Create' }
    : {
        ...common,
        RequestType: 'Update',
        PhysicalResourceId: options.previous.physicalResourceId,
        OldResourceProperties: { ServiceToken: serviceToken, ...options.previous.properties },
      };
}

async function readState(path: string): Promise<Record<string, StepState>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, StepState>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new Error(`cannot read ${path}: ${(error as Error).message}`);
  }
}

/**
 * Runs every deployment step of the topology against the local tables, in order, and remembers
 * what each was sent. The functions' environment must be set (the runtime sets it before).
 * @throws what a step's function throws (as a failed custom resource fails a deployment)
 */
export async function runDeploymentSteps(options: {
  /** The deployment: each step's properties are those of its custom resource in the synthesized template. */
  readonly deployment: Pick<LocalDeployment, 'customResources' | 'functions'>;
  readonly region: string;
  /** Where the steps' state is kept (the runtime's data folder). */
  readonly dataDir: string;
  /** The functions' sandboxes: a step's function runs with its own role, as the provider invokes it. */
  readonly loadHandler: HandlerLoader;
}): Promise<DeploymentStepRun[]> {
  const statePath = join(options.dataDir, deploymentStepsFileName);
  const state = await readState(statePath);
  const runs: DeploymentStepRun[] = [];
  for (const step of deploymentSteps) {
    const resource = options.deployment.customResources.find((candidate) => candidate.type === step.resourceType);
    if (!resource) throw new Error(`the templates declare no ${step.resourceType} for deployment step ${step.name}`);
    const properties = { ...resource.properties };
    const event = customResourceEvent({ region: options.region, stepName: step.name, resourceType: step.resourceType, properties, previous: state[step.name] });
    const handler = await options.loadHandler(step.function);
    const timeoutSeconds = options.deployment.functions.get(step.function)?.timeoutSeconds ?? 30;
    const result = (await handler(event, createInvocationContext(step.function, options.region, timeoutSeconds * 1000))) as { PhysicalResourceId?: string };
    state[step.name] = { physicalResourceId: String(result?.PhysicalResourceId ?? step.name), properties };
    runs.push({ step: step.name, requestType: event.RequestType as 'Create' | 'Update', result });
  }
  await writeSecretFile(statePath, `${JSON.stringify(state, null, 2)}\n`);
  return runs;
}
