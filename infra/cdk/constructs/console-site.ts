/**
 * The console and the citizen's complaint page as a static site: the Vite build in a private S3
 * bucket, served by CloudFront over HTTPS on one origin with the API (`/v1/*`), so the console
 * calls the API same-origin. In AWS China the site serves the pages only and they call the API
 * on its own domain (`apiOrigin` in their settings, {@link directApiOriginsOf}): CloudFront there
 * has neither WAF nor functions, and the API's firewall and sign-in lockout must see the
 * viewer's address, not an edge's. CloudFront reads the bucket through Origin Access Control (Origin
 * Access Identity in AWS China, which has no OAC); every answer carries the page's
 * Content-Security-Policy from `infra/site/content-security-policy.ts`, as the local runtime's
 * site does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  CfnDistribution,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type IOrigin,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { ConsoleConfiguration } from '../../local/console-site.ts';
import { complaintPageContentSecurityPolicy, consoleContentSecurityPolicy } from '../../site/content-security-policy.ts';
import { directApiOriginsOf, partitionOf, type DeploymentConfig } from '../deployment-config.ts';
import { acknowledge, securityAcknowledgments, siteUploadAssetObjectsOf } from '../security-acknowledgments.ts';
import { siteOriginVerificationHeader } from '#shared/access/viewer-address.ts';
import { complaintPagePath, siteRoutingFunctionCode, viewerAddressFunctionCode } from './site-routing.ts';

/** Path of the console's settings on the site, as the local runtime serves it. */
export const consoleConfigurationFile = 'console-config.json';

/** The path patterns of the site's behaviours besides the default one (the console). */
export const sitePaths = {
  api: '/v1/*',
  assets: '/assets/*',
  complaintPage: `${complaintPagePath}*`,
} as const;

/** Memory of CDK's upload function (MiB): the build is a few MB, copied in one go. */
const uploadMemoryMiB = 512;

/**
 * AWS China only: the routes served as documents of their own, by key, with the page each one is
 * (CloudFront there runs no function to map a route to its page). The console's routes are
 * `console/src/frame/routes.tsx` and the sign-in callback. The complaint page is reached as
 * `/complaint/index.html` there (docs/deploy.md), under `/complaint/*` and so with its own headers.
 */
export const routeDocuments: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'alerts',
    'alerts/charts',
    'alerts/view',
    'cases/timeline',
    'complaints',
    'complaints/view',
    'supervision/requests',
    'supervision/cases',
    'supervision/cases/view',
    'catalogue',
    'calendar',
    'statistics',
    'statistics/officials',
    'connections',
    'data-quality',
    'evaluations',
    'accountability',
    'accountability/view',
    'webhooks',
    'webhooks/view',
    'auth/callback',
  ].map((route) => [route, 'index.html']),
);

/** Cache-Control of the site's documents (HTML, settings): always revalidated, so a deployment shows at once. */
export const documentCacheControl = 'no-cache';
/** Cache-Control of Vite's assets: named by content hash, so they never change. */
export const assetCacheControl = 'public, max-age=31536000, immutable';

/** HSTS: two years, subdomains included (the site and the API share the city's domain). */
const strictTransportSecurity = Duration.days(730);

/** Properties of a {@link ConsoleSite}. */
export interface ConsoleSiteProps {
  readonly config: DeploymentConfig;
  /** The API whose stage serves `/v1/*`. */
  readonly api: RestApi;
  /** The console's build (`console/dist`), as it is uploaded. */
  readonly buildDirectory: string;
  /**
   * The secret whose value the distribution sends to the API with every `/v1/*` request, so the
   * API's firewall trusts the viewer address it names (`ApiFirewall`'s `siteOriginVerification`).
   * Absent in AWS China, where the site does not forward to the API.
   */
  readonly originVerificationSecretName?: string;
  /** Key of the upload function's log group. */
  readonly logEncryptionKey: IKey;
  readonly logRetention: RetentionDays;
}

/**
 * What the pages read at start in a deployment: the city's identity provider, and in AWS China
 * the API's own origin, which they call directly.
 */
export const consoleConfigurationOf = (config: Pick<DeploymentConfig, 'identityProvider' | 'region' | 'site' | 'api'>): ConsoleConfiguration => {
  const direct = directApiOriginsOf(config);
  return {
    oidc: { authority: config.identityProvider.issuer, clientId: config.identityProvider.audience, scope: 'openid' },
    ...(direct === undefined ? {} : { apiOrigin: direct.api }),
  };
};

/**
 * The frame options that agree with the complaint page's `frame-ancestors`: none named, never
 * framed (DENY); portals named, no X-Frame-Options at all, since it can name no other origin and
 * browsers that know `frame-ancestors` follow it.
 */
export const complaintPageFrameOptions = (portalOrigins: readonly string[]): HeadersFrameOption | undefined =>
  portalOrigins.length === 0 ? HeadersFrameOption.DENY : undefined;

/** The bucket, its upload, the CloudFront distribution and its policies. */
export class ConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  /** The routing function (SPA fallback); none in AWS China, which has no CloudFront Functions. */
  readonly routing: EdgeFunction | undefined;
  /** The API behaviour's function that names the viewer (`x-viewer-address`); none in AWS China. */
  readonly viewerAddress: EdgeFunction | undefined;
  /** The response headers policies, by what they serve. */
  readonly responseHeaders: { readonly console: ResponseHeadersPolicy; readonly complaintPage: ResponseHeadersPolicy; readonly assets: ResponseHeadersPolicy };

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const { config } = props;
    const inChina = partitionOf(config) === 'aws-cn';

    // CloudFront's standard logs need ACLs on the bucket they go to; S3 log delivery takes SSE-S3 only.
    this.logBucket = new Bucket(this, 'LogBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(config.retention.logDays), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.logBucket, securityAcknowledgments.siteLogBucketLogsNothing);

    // The build is public by nature, but only CloudFront reads it. SSE-S3: an origin access identity
    // (AWS China) cannot read SSE-KMS objects, and one design serves both partitions.
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      // Kept when the stack goes: a bucket with objects cannot be deleted by CloudFormation anyway.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const bucketOrigin: IOrigin = inChina ? S3BucketOrigin.withOriginAccessIdentity(this.bucket) : S3BucketOrigin.withOriginAccessControl(this.bucket);
    // CloudFormation has no CloudFront Functions in AWS China: there the routes are documents of their own (see upload).
    this.routing = inChina
      ? undefined
      : new EdgeFunction(this, 'Routing', {
          functionName: `${config.prefix}-site-routing`,
          comment: 'Maps a route of the console or the complaint page to its index.html',
          runtime: FunctionRuntime.JS_2_0,
          code: FunctionCode.fromInline(siteRoutingFunctionCode),
        });
    this.viewerAddress = inChina
      ? undefined
      : new EdgeFunction(this, 'ViewerAddress', {
          functionName: `${config.prefix}-site-viewer-address`,
          comment: 'Names the viewer to the API (x-viewer-address): API Gateway sees only the edge',
          runtime: FunctionRuntime.JS_2_0,
          code: FunctionCode.fromInline(viewerAddressFunctionCode),
        });
    const identityProviderOrigin = new URL(config.identityProvider.issuer).origin;
    const portalOrigins = config.api.publicCorsOrigins ?? [];
    const apiOrigin = directApiOriginsOf(config)?.api;
    this.responseHeaders = {
      console: this.headersPolicy(
        'ConsoleHeaders',
        `${config.prefix}-console`,
        consoleContentSecurityPolicy(identityProviderOrigin, apiOrigin),
        HeadersFrameOption.DENY,
        documentCacheControl,
      ),
      complaintPage: this.headersPolicy(
        'ComplaintPageHeaders',
        `${config.prefix}-complaint-page`,
        complaintPageContentSecurityPolicy(portalOrigins, apiOrigin),
        complaintPageFrameOptions(portalOrigins),
        documentCacheControl,
      ),
      assets: this.headersPolicy(
        'AssetHeaders',
        `${config.prefix}-site-assets`,
        consoleContentSecurityPolicy(identityProviderOrigin, apiOrigin),
        HeadersFrameOption.DENY,
        assetCacheControl,
      ),
    };

    const document = (responseHeadersPolicy: ResponseHeadersPolicy): BehaviorOptions => ({
      origin: bucketOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      // Documents are small and must change at once with a deployment: no copy kept at the edge.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy,
      functionAssociations: this.routing ? [{ function: this.routing, eventType: FunctionEventType.VIEWER_REQUEST }] : [],
    });
    const domain = config.site?.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: apiOrigin === undefined ? `${config.prefix}: console, complaint page and API` : `${config.prefix}: console and complaint page`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: !inChina,
      defaultBehavior: document(this.responseHeaders.console),
      defaultRootObject: 'index.html',
      additionalBehaviors: {
        // Not where the pages call the API directly (AWS China): the site serves the bucket only.
        ...(apiOrigin === undefined
          ? {
              [sitePaths.api]: {
                origin: this.apiOrigin(props.api, config, props.originVerificationSecretName),
                viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
                allowedMethods: AllowedMethods.ALLOW_ALL,
                // Answers are per caller and carry personal data: never cached. With caching off, this
                // policy forwards every viewer header (Authorization, Accept-Language, Content-Type)
                // and the query string, but not Host, which API Gateway needs to be its own.
                cachePolicy: CachePolicy.CACHING_DISABLED,
                originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
                functionAssociations: this.viewerAddress ? [{ function: this.viewerAddress, eventType: FunctionEventType.VIEWER_REQUEST }] : [],
              },
            }
          : {}),
        [sitePaths.assets]: {
          origin: bucketOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.responseHeaders.assets,
        },
        [sitePaths.complaintPage]: document(this.responseHeaders.complaintPage),
      },
      ...(domain?.acmCertificateArn
        ? {
            domainNames: [domain.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.acmCertificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'distribution/',
    });
    if (domain?.iamCertificateId) {
      // The Distribution construct knows only ACM certificates; CloudFront in AWS China takes IAM ones.
      const distribution = this.distribution.node.defaultChild as CfnDistribution;
      distribution.distributionConfig = {
        ...(distribution.distributionConfig as CfnDistribution.DistributionConfigProperty),
        aliases: [domain.domainName],
        viewerCertificate: {
          iamCertificateId: domain.iamCertificateId,
          sslSupportMethod: SSLMethod.SNI,
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        },
      };
    }

    this.upload(props, inChina);
    this.acknowledgeFindings(inChina, domain !== undefined);
  }

  /**
   * The API's stage: through its own domain when it has one (its execute-api endpoint is disabled
   * then), else through the execute-api endpoint with the stage as origin path.
   */
  private apiOrigin(api: RestApi, config: DeploymentConfig, originVerificationSecretName: string | undefined): IOrigin {
    const apiDomain = config.api.customDomain?.domainName;
    // A dynamic reference: CloudFormation puts the value into the distribution at deployment; the template never holds it.
    const customHeaders =
      originVerificationSecretName === undefined
        ? undefined
        : { [siteOriginVerificationHeader]: SecretValue.secretsManager(originVerificationSecretName).unsafeUnwrap() };
    return apiDomain === undefined
      ? new RestApiOrigin(api, { ...(customHeaders ? { customHeaders } : {}) })
      : new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, ...(customHeaders ? { customHeaders } : {}) });
  }

  private headersPolicy(
    id: string,
    name: string,
    contentSecurityPolicy: string,
    frameOption: HeadersFrameOption | undefined,
    cacheControl: string,
  ): ResponseHeadersPolicy {
    return new ResponseHeadersPolicy(this, id, {
      responseHeadersPolicyName: name,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: strictTransportSecurity, includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        // The sign-in callback's address carries the authorization code: never send it on.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        ...(frameOption === undefined ? {} : { frameOptions: { frameOption, override: true } }),
      },
      customHeadersBehavior: { customHeaders: [{ header: 'Cache-Control', value: cacheControl, override: true }] },
    });
  }

  /**
   * The build and the deployment's console settings, uploaded at each deployment. Old assets stay
   * (no pruning): a browser still holding the previous index.html can load its chunks. In AWS
   * China, where no function can map a route to its page, each route of the console is a copy of
   * index.html under the route's own key.
   */
  private upload(props: ConsoleSiteProps, inChina: boolean): void {
    const logGroup = new LogGroup(this, 'UploadLogs', {
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const settings = { destinationBucket: this.bucket, prune: false, memoryLimit: uploadMemoryMiB, logGroup };
    new BucketDeployment(this, 'Upload', {
      ...settings,
      sources: [Source.asset(props.buildDirectory), Source.jsonData(consoleConfigurationFile, consoleConfigurationOf(props.config))],
    });
    if (inChina) {
      new BucketDeployment(this, 'RouteDocuments', {
        ...settings,
        contentType: 'text/html; charset=utf-8',
        sources: Object.entries(routeDocuments).map(([key, page]) => Source.data(key, readFileSync(join(props.buildDirectory, page), 'utf8'))),
      });
    }
    // CDK keeps one upload function per stack, beside this construct: its findings are acknowledged there.
    const stack = Stack.of(this);
    const siteObjects = securityAcknowledgments.siteUploadSiteObjects;
    const bucketLogicalId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)) as string;
    if (siteObjects.id !== `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`) {
      throw new Error(`the site bucket is ${bucketLogicalId} now: update siteUploadSiteObjects in security-acknowledgments.ts`);
    }
    const assetBucket = DefaultStackSynthesizer.DEFAULT_FILE_ASSETS_BUCKET_NAME.replace('${Qualifier}', DefaultStackSynthesizer.DEFAULT_QUALIFIER)
      .replace('${AWS::AccountId}', props.config.account)
      .replace('${AWS::Region}', props.config.region);
    for (const child of stack.node.children.filter((candidate) => candidate.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      acknowledge(
        child,
        securityAcknowledgments.siteUploadManagedPolicy,
        securityAcknowledgments.siteUploadReadsAssetObjects,
        securityAcknowledgments.siteUploadReadsAssetBucket,
        securityAcknowledgments.siteUploadListsBuckets,
        securityAcknowledgments.siteUploadReplacesObjects,
        securityAcknowledgments.siteUploadAbortsUploads,
        siteUploadAssetObjectsOf(assetBucket),
        siteObjects,
        securityAcknowledgments.siteUploadRuntime,
        securityAcknowledgments.siteUploadRuntimeServerless,
        securityAcknowledgments.siteUploadInvokedByCloudFormation,
        securityAcknowledgments.siteUploadTracing,
      );
    }
  }

  private acknowledgeFindings(inChina: boolean, hasDomain: boolean): void {
    acknowledge(this.distribution, securityAcknowledgments.siteGeoRestriction, securityAcknowledgments.siteWithoutEdgeFirewall);
    if (inChina) acknowledge(this.distribution, securityAcknowledgments.siteOriginAccessIdentityInChina);
    if (!hasDomain) acknowledge(this.distribution, securityAcknowledgments.siteDefaultCertificate);
  }
}
