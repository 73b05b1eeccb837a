/**
 * What a deployment does once its resources exist, done locally, and the demonstration data on
 * top — through the paths that exist in AWS only: the deployment steps of the topology (the city
 * structure of the configuration, by the same function and event as the custom resource), then
 * the demo catalogue through the catalogue API. The runtime calls {@link deployLocally} once,
 * after its API listens and the functions' environment is set.
 */
import type { DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import type { HandlerLoader } from './api-server.ts';
import type { LocalDeployment } from './deployment/local-deployment.ts';
import { loadDemoCatalogue } from './demo-data.ts';
import { runDeploymentSteps } from './deployment-steps.ts';
import type { StaffTokenRequest } from './identity-provider.ts';

export interface LocalDeploymentOptions {
  readonly config: DeploymentConfig;
  readonly deployment: Pick<LocalDeployment, 'customResources' | 'functions'>;
  readonly region: string;
  readonly dataDir: string;
  readonly loadHandler: HandlerLoader;
  readonly apiUrl: string;
  readonly mintStaffToken: (request: StaffTokenRequest) => Promise<string>;
  /** Run the deployment steps (apply the configuration's city structure). */
  readonly applyConfiguration: boolean;
  /** Load the demo catalogue through the API (needs the structure's departments). */
  readonly seedDemo: boolean;
  readonly progress: (line: string) => void;
}

export async function deployLocally(options: LocalDeploymentOptions): Promise<void> {
  if (options.applyConfiguration) {
    const runs = await runDeploymentSteps({
      deployment: options.deployment,
      region: options.region,
      dataDir: options.dataDir,
      loadHandler: options.loadHandler,
    });
    for (const run of runs) {
      const data = (run.result as { Data?: Record<string, string> } | undefined)?.Data ?? {};
      options.progress(
        `deployment step ${run.step} (${run.requestType}): ${Object.entries(data)
          .map(([key, value]) => `${key.toLowerCase()} ${value}`)
          .join(', ')}`,
      );
    }
  }
  if (options.seedDemo) {
    const outcomes = await loadDemoCatalogue({ apiUrl: options.apiUrl, mintStaffToken: options.mintStaffToken });
    const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
    options.progress(`demo catalogue through the API: ${count('created')} created, ${count('versioned')} versioned, ${count('unchanged')} unchanged`);
  }
}
