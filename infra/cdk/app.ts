/**
 * CDK entry point (`cdk.json`): one Stage per deployment configuration in `infra/cdk/config/`,
 * all checked by cdk-nag before anything is written. Select deployments with
 * `-c config=cn-north-1` (comma-separated file names); without it every configuration is synthesized.
 * A deployment with a site gets the console's build, built first when it is missing or stale.
 */
import { App } from 'aws-cdk-lib';
import { ensureConsoleBuilt } from '../console/console-build.ts';
import { DeploymentStage } from './deployment-stage.ts';
import { configDirectory, DeploymentConfigError, loadDeploymentConfigs } from './deployment-config.ts';
import { applySecurityChecks } from './security-checks.ts';

const app = new App();
const selected = String(app.node.tryGetContext('config') ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name.length > 0);

try {
  const configs = loadDeploymentConfigs(configDirectory, selected);
  // The site uploads the console's build: built here when missing or older than its sources, as `npm start` does (Vite, offline).
  const consoleBuild = configs.some((config) => config.site !== undefined) ? await ensureConsoleBuilt((line) => console.error(line)) : undefined;
  for (const config of configs) {
    new DeploymentStage(app, { config, consoleBuild });
  }
} catch (error) {
  if (error instanceof DeploymentConfigError) {
    // The message names every bad field; a stack trace would only bury it.
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
applySecurityChecks(app);
app.synth();
