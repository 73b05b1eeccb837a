/**
 * The site of one deployment: the console and the citizen's complaint page on CloudFront, with
 * the API behind `/v1/*` (in AWS China the pages only: they call the API on its own domain; see
 * {@link ConsoleSite}). A stack of its own: a distribution takes many
 * minutes to change, and a release of the functions should not wait on it; the local runtime,
 * which serves the console itself, reads the stateful and stateless stacks only.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ConsoleSite } from './constructs/console-site.ts';
import type { DeploymentConfig } from './deployment-config.ts';

/** Properties of a {@link SiteStack}. */
export interface SiteStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly api: RestApi;
  /** The console's build (`console/dist`). */
  readonly buildDirectory: string;
  /** The secret the distribution sends to the API (see `ConsoleSite`); absent in AWS China. */
  readonly originVerificationSecretName?: string;
  readonly logEncryptionKey: IKey;
  readonly logRetention: RetentionDays;
}

/** The console and the complaint page, served beside the API. */
export class SiteStack extends Stack {
  readonly site: ConsoleSite;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    this.site = new ConsoleSite(this, 'ConsoleSite', props);
    const domain = props.config.site?.customDomain?.domainName;
    new CfnOutput(this, 'SiteUrl', {
      value: `https://${domain ?? this.site.distribution.distributionDomainName}/`,
      description: 'The console (and /complaint/, the complaint page)',
    });
    new CfnOutput(this, 'SiteDomainTarget', {
      value: this.site.distribution.distributionDomainName,
      description: "Where the site domain's DNS record (CNAME) must point",
    });
  }
}
