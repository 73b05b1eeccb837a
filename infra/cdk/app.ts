/**
 * CDK entry point (`cdk.json`): one Stage per deployment configuration in `infra/cdk/config/`,
 * all checked by cdk-nag before anything is written. Select deployments with
 * `-c config=cn-north-1` (comma-separated file names); without it every configuration is synthesized.
 */
import { App } from 'aws-cdk-lib';
import { DeploymentStage } from './deployment-stage.ts';
import { configDirectory, DeploymentConfigError, loadDeploymentConfigs } from './deployment-config.ts';
import { applySecurityChecks } from './security-checks.ts';

const app = new App();
const selected = String(app.node.tryGetContext('config') ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter((name) => name.length > 0);

try {
  for (const config of loadDeploymentConfigs(configDirectory, selected)) {
    new DeploymentStage(app, { config });
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
