/**
 * The deployment configuration the local runtime runs on: the Beijing deployment's file
 * (`infra/cdk/config/cn-north-1.json`), read and validated exactly as CDK reads it. Its city
 * structure is applied by the same deployment step, and its departments get the local signing
 * credentials, as each gets an IAM role in AWS.
 */
import { join } from 'node:path';
import { configDirectory, loadDeploymentConfig, type DeploymentConfig } from '#infra/cdk/deployment-config.ts';

/** The file the local runtime reads unless told otherwise. */
export const localConfigFile: string = join(configDirectory, 'cn-north-1.json');

/** Reads and validates the local runtime's configuration (a `DeploymentConfigError` names every bad field). */
export const loadLocalDeploymentConfig = (file: string = localConfigFile): DeploymentConfig => loadDeploymentConfig(file);

/** The departments that get signing credentials: every configured department. */
export const configuredDepartmentIds = (config: Pick<DeploymentConfig, 'departments'>): string[] => config.departments.map((department) => department.id);
