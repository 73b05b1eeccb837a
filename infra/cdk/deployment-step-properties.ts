/**
 * The properties of each deployment step (`deploymentSteps` in `shared/topology.ts`), built from
 * the deployment configuration by one pure function per step. CDK sets them on the step's
 * custom resource, so CloudFormation invokes the step whenever they change; the local runtime
 * sends the same properties in the same event at start (`infra/local/deployment-steps.ts`).
 */
import type { CityStructure } from '#shared/domain/city-structure/city-structure.ts';
import { cityJurisdiction } from '#shared/domain/records/identifiers.ts';
import { deploymentSteps } from '#shared/topology.ts';
import { backupWindowDaysOf, type DeploymentConfig } from './deployment-config.ts';

/**
 * The city's structure a deployment applies: the city (jurisdiction `city`), every configured
 * jurisdiction below it, and every configured department, in the configuration's order. The
 * `apply-city-structure` function validates it with the same domain schema (`CityStructure`).
 */
export function cityStructureOf(config: Pick<DeploymentConfig, 'city' | 'departments'>): CityStructure {
  return {
    jurisdictions: [
      { jurisdiction: cityJurisdiction, name: config.city.name, kind: 'city', issuingOrgan: config.city.issuingOrgan },
      ...config.city.jurisdictions.map(({ id, name, kind, issuingOrgan }) => ({ jurisdiction: id, name, kind, issuingOrgan })),
    ],
    departments: config.departments.map(({ id, name, jurisdiction, connectedKinds, connectedOn }) => ({
      department: id,
      name,
      jurisdiction,
      connectedKinds: [...connectedKinds],
      ...(connectedOn === undefined ? {} : { connectedOn }),
    })),
  };
}

/** Builds a step's custom-resource properties from the configuration. */
export type StepProperties = (config: DeploymentConfig) => Record<string, unknown>;

const propertiesByStep: Readonly<Record<string, StepProperties>> = {
  'city-structure': (config) => ({ ...cityStructureOf(config) }),
  // What decides which keys per period are needed: a change of any runs the keeper at the deployment.
  'personal-data-keys': (config) => ({
    RetentionDays: config.complaints.personalDataRetentionDays,
    BackupWindowDays: backupWindowDaysOf(config),
    PendingWindowDays: config.personalDataKeys.pendingWindowDays,
  }),
};

/**
 * The properties of one deployment step.
 * @throws Error for a step the topology declares but nothing here builds (a bug caught at synth)
 */
export function deploymentStepProperties(stepName: string, config: DeploymentConfig): Record<string, unknown> {
  const build = propertiesByStep[stepName];
  if (build === undefined || !deploymentSteps.some((step) => step.name === stepName)) {
    throw new Error(`no properties for deployment step ${stepName}; declare it in shared/topology.ts and build its properties here`);
  }
  return build(config);
}
