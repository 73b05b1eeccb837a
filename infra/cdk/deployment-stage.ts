/**
 * One deployment of the system (one city, one account, one region): the copy-region backup
 * vault, the stateful stack, the stateless stack and its monitoring, and the site when there is
 * one, built from one validated configuration.
 * Each deployment is a CDK Stage, so several synthesize in one run (`cdk deploy '<name>/*'`).
 */
import { Stage, type StageProps } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { FunctionSpec } from '#shared/topology.ts';
import { BackupCopyVaultStack } from './backup-copy-vault-stack.ts';
import { siteOriginVerificationSecretName } from './constructs/api-firewall.ts';
import { siteForwardsToApi, type DeploymentConfig } from './deployment-config.ts';
import { MonitoringStack } from './monitoring-stack.ts';
import { StatefulStack } from './stateful-stack.ts';
import { SiteStack } from './site-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Properties of a {@link DeploymentStage}. */
export interface DeploymentStageProps extends StageProps {
  readonly config: DeploymentConfig;
  /** The functions to build; the topology's by default (see `StatelessStackProps.functions`). */
  readonly functions?: readonly FunctionSpec[];
  /**
   * The console's build (`console/dist`) to serve, for a configuration with a `site`. Without it
   * the stage has no site stack: the local runtime, which serves the console itself, passes none.
   */
  readonly consoleBuild?: string;
  /** The origin of a site whose pages call the API on its own domain (see `StatelessStackProps.siteOrigin`); the local runtime's `--site-origin`. */
  readonly siteOrigin?: string;
}

/** The stacks of one deployment, in deployment order. */
export class DeploymentStage extends Stage {
  readonly config: DeploymentConfig;
  readonly backupCopyVault: BackupCopyVaultStack;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly monitoring: MonitoringStack;
  /** The console and the complaint page on CloudFront, when the configuration has a `site` and a build was given. */
  readonly site: SiteStack | undefined;

  constructor(scope: Construct, props: DeploymentStageProps) {
    const { config } = props;
    super(scope, config.name, { ...props, env: { account: config.account, region: config.region } });
    this.config = config;
    const description = `e-supervision ${config.name}`;

    this.backupCopyVault = new BackupCopyVaultStack(this, 'BackupCopyVault', {
      stackName: `${config.prefix}-backup-copy`,
      description: `${description}: backup copy vault`,
      env: { account: config.account, region: config.backup.copyRegion },
      prefix: config.prefix,
      config,
    });
    this.stateful = new StatefulStack(this, 'Stateful', {
      stackName: `${config.prefix}-stateful`,
      description: `${description}: keys, tables, queues, alarms, backups`,
      terminationProtection: true,
      config,
    });
    // The copy actions name the copy-region vault, which must exist first.
    this.stateful.addStackDependency(this.backupCopyVault);
    this.stateless = new StatelessStack(this, 'Stateless', {
      stackName: `${config.prefix}-stateless`,
      description: `${description}: functions, API, schedules, firewall, department roles`,
      config,
      stateful: this.stateful,
      logRetention: config.retention.logDays as RetentionDays,
      functions: props.functions,
      siteOrigin: props.siteOrigin,
    });
    this.monitoring = new MonitoringStack(this, 'Monitoring', {
      stackName: `${config.prefix}-monitoring`,
      description: `${description}: alarms, metric filters, operations dashboard`,
      prefix: config.prefix,
      functions: this.stateless.functionSpecs,
      apiName: this.stateless.api.restApiName,
      deadLetterQueueNames: [...this.stateful.deadLetterQueues, ...this.stateless.scheduleDeadLetterQueues].map((queue) => queue.queueName),
      alarmTopic: this.stateful.alarmTopic,
    });
    // Its metric filters attach to the functions' log groups, which the stateless stack creates.
    this.monitoring.addStackDependency(this.stateless);
    this.site =
      config.site !== undefined && props.consoleBuild !== undefined
        ? new SiteStack(this, 'Site', {
            stackName: `${config.prefix}-site`,
            description: `${description}: console and complaint page (CloudFront, S3)`,
            config,
            api: this.stateless.api,
            buildDirectory: props.consoleBuild,
            ...(siteForwardsToApi(config) ? { originVerificationSecretName: siteOriginVerificationSecretName(config.prefix) } : {}),
            logEncryptionKey: this.stateful.key,
            logRetention: config.retention.logDays as RetentionDays,
          })
        : undefined;
  }
}
