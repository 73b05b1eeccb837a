import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { assetCacheControl, ConsoleSite, consoleConfigurationOf, documentCacheControl, routeDocuments, sitePaths } from '#infra/cdk/constructs/console-site.ts';
import { siteRoutingFunctionCode, viewerAddressFunctionCode } from '#infra/cdk/constructs/site-routing.ts';
import { siteOriginVerificationSecretName } from '#infra/cdk/constructs/api-firewall.ts';
import { parseDeploymentConfig, siteForwardsToApi, type DeploymentConfig } from '#infra/cdk/deployment-config.ts';
import { securityRulePacks } from '#infra/cdk/security-checks.ts';
import { complaintPageContentSecurityPolicy, consoleContentSecurityPolicy } from '#infra/site/content-security-policy.ts';
import { problemsOf, validConfig } from './deployment-config-mother.ts';
import { cdkJsonContext, standInConsoleBuild } from './synthesize-deployments.ts';

type Resources = Record<string, { Properties: Record<string, any> }>;

/** CloudFront's managed policies the `/v1/*` behaviour uses. */
const managedCachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const managedAllViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const portal = 'https://ts.ningbo.gov.cn';
const acmCertificateArn = 'arn:aws:acm:us-east-1:444455556666:certificate/0b3f6a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const iamCertificateId = 'ASCAEXAMPLE1234567890';
const chinaApiCertificateArn = 'arn:aws-cn:acm:cn-north-1:111122223333:certificate/0b3f6a7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

/** The mother's configuration (Beijing) with a site, and changes on top. */
const configWith = (changes: Record<string, unknown>): Record<string, unknown> => {
  const valid = validConfig();
  return {
    ...valid,
    api: { ...valid.api, publicCorsOrigins: [portal], customDomain: { domainName: 'api.jianc.ningbo.gov.cn', certificateArn: chinaApiCertificateArn } },
    site: { customDomain: { domainName: 'jianc.ningbo.gov.cn', iamCertificateId } },
    ...changes,
  };
};

/** Outside AWS China: Singapore, the API on its execute-api endpoint. */
const globalChanges = {
  region: 'ap-southeast-1',
  account: '444455556666',
  backup: { copyRegion: 'ap-southeast-2' },
  api: { ...validConfig().api, publicCorsOrigins: [portal] },
};

let directory: string;

/** A stack holding an API and the site, as the site stack has them. */
const synthesizeSite = (config: DeploymentConfig): { site: ConsoleSite; template: Template; stack: Stack } => {
  const app = new App({ outdir: mkdtempSync(join(directory, 'cdk.out-')), context: cdkJsonContext() });
  const stack = new Stack(app, 'Site', { env: { account: config.account, region: config.region } });
  const api = new RestApi(stack, 'Api', { deployOptions: { stageName: 'prod' } });
  api.root.addResource('v1').addMethod('GET', new MockIntegration());
  const site = new ConsoleSite(stack, 'ConsoleSite', {
    config,
    api,
    buildDirectory: standInConsoleBuild(directory),
    ...(siteForwardsToApi(config) ? { originVerificationSecretName: siteOriginVerificationSecretName(config.prefix) } : {}),
    logEncryptionKey: new Key(stack, 'Key', { enableKeyRotation: true }),
    logRetention: RetentionDays.ONE_YEAR,
  });
  return { site, template: Template.fromStack(stack), stack };
};

let china: { site: ConsoleSite; template: Template; stack: Stack; config: DeploymentConfig };
let global: { site: ConsoleSite; template: Template; stack: Stack; config: DeploymentConfig };
let globalWithApiDomain: Template;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'console-site-'));
  const chinaConfig = parseDeploymentConfig(configWith({}), 'china.json');
  const globalConfig = parseDeploymentConfig(configWith({ ...globalChanges, site: {} }), 'global.json');
  china = { ...synthesizeSite(chinaConfig), config: chinaConfig };
  global = { ...synthesizeSite(globalConfig), config: globalConfig };
  const valid = validConfig();
  globalWithApiDomain = synthesizeSite(
    parseDeploymentConfig(
      configWith({
        ...globalChanges,
        api: {
          ...valid.api,
          customDomain: { domainName: 'api.jianc.ningbo.gov.cn', certificateArn: acmCertificateArn.replace('us-east-1', 'ap-southeast-1') },
        },
        site: { customDomain: { domainName: 'jianc.ningbo.gov.cn', acmCertificateArn } },
      }),
      'global-domains.json',
    ),
  ).template;
}, 120_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const distributionConfig = (template: Template): Record<string, any> =>
  Object.values(template.findResources('AWS::CloudFront::Distribution') as Resources)[0]!.Properties.DistributionConfig;

/** The cache behaviour serving a path pattern (`*`: the default one). */
const behaviourFor = (template: Template, pattern: string): Record<string, any> => {
  const config = distributionConfig(template);
  const behaviour = pattern === '*' ? config.DefaultCacheBehavior : config.CacheBehaviors.find((candidate: any) => candidate.PathPattern === pattern);
  if (behaviour === undefined) throw new Error(`no behaviour for ${pattern}`);
  return behaviour;
};

/** The origin of a behaviour. */
const originOf = (template: Template, behaviour: Record<string, any>): Record<string, any> =>
  distributionConfig(template).Origins.find((origin: any) => origin.Id === behaviour.TargetOriginId);

/** The response headers policy a behaviour answers with. */
const headersPolicyOf = (template: Template, behaviour: Record<string, any>): Record<string, any> => {
  const logicalId = behaviour.ResponseHeadersPolicyId.Ref as string;
  return (template.findResources('AWS::CloudFront::ResponseHeadersPolicy') as Resources)[logicalId]!.Properties.ResponseHeadersPolicyConfig;
};

const cacheControlOf = (policy: Record<string, any>): string | undefined =>
  policy.CustomHeadersConfig.Items.find((header: any) => header.Header === 'Cache-Control')?.Value;

interface RoutingAnswer {
  readonly uri?: string;
  readonly statusCode?: number;
  readonly headers?: Record<string, { value: string }>;
}

/** Runs the routing function's very source on a viewer request, as CloudFront does. */
const route = (uri: string): RoutingAnswer => {
  const handler = new Function(`${siteRoutingFunctionCode}\nreturn handler;`)() as (event: unknown) => RoutingAnswer;
  return handler({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    viewer: { ip: '192.0.2.1' },
    request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} },
  });
};

describe('console site: the bucket', () => {
  it.each([
    ['aws-cn', () => china.template],
    ['aws', () => global.template],
  ])('keeps the build private, encrypted and behind TLS (%s)', (_partition, template) => {
    // Act
    const bucket = template().findResources('AWS::S3::Bucket', { Properties: { LoggingConfiguration: Match.anyValue() } }) as Resources;
    const [siteBucket] = Object.values(bucket);
    const policies = Object.values(template().findResources('AWS::S3::BucketPolicy') as Resources);

    // Assess
    expect(Object.keys(bucket)).toHaveLength(1);
    expect(siteBucket!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(siteBucket!.Properties.WebsiteConfiguration).toBeUndefined();
    const siteBucketId = Object.keys(bucket)[0]!;
    const sitePolicy = policies.find((policy) => policy.Properties.Bucket.Ref === siteBucketId)!;
    expect(sitePolicy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    // Nobody but CloudFront reads it.
    const allows = sitePolicy.Properties.PolicyDocument.Statement.filter((statement: any) => statement.Effect === 'Allow');
    expect(allows.every((statement: any) => JSON.stringify(statement.Principal).match(/cloudfront|CanonicalUser|S3CanonicalUserId/))).toBe(true);
  });

  it('is read through origin access control outside AWS China, only by this distribution', () => {
    // Act
    const s3Origin = originOf(global.template, behaviourFor(global.template, '*'));
    const [oac] = Object.values(global.template.findResources('AWS::CloudFront::OriginAccessControl') as Resources);
    const policy = JSON.stringify(global.template.findResources('AWS::S3::BucketPolicy'));

    // Assess
    expect(oac!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(policy).toContain('"Service":"cloudfront.amazonaws.com"');
    expect(policy).toContain('AWS:SourceArn');
    expect(global.template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual({});
  });

  it('is read through an origin access identity in AWS China, which has no origin access control', () => {
    // Act
    const s3Origin = originOf(china.template, behaviourFor(china.template, '*'));
    const identities = Object.keys(china.template.findResources('AWS::CloudFront::CloudFrontOriginAccessIdentity'));

    // Assess
    expect(china.template.findResources('AWS::CloudFront::OriginAccessControl')).toEqual({});
    expect(identities).toHaveLength(1);
    expect(JSON.stringify(s3Origin.S3OriginConfig.OriginAccessIdentity)).toContain(identities[0]);
  });

  it("uploads the build with the deployment's console settings beside it, keeping earlier assets", () => {
    // Act
    const [upload] = Object.values(global.template.findResources('Custom::CDKBucketDeployment') as Resources);

    // Assess
    expect(upload!.Properties.Prune).toBe(false);
    expect(upload!.Properties.SourceObjectKeys).toHaveLength(2);
    expect(consoleConfigurationOf(global.config)).toEqual({
      oidc: { authority: global.config.identityProvider.issuer, clientId: global.config.identityProvider.audience, scope: 'openid' },
    });
  });
});

describe('console site: the API on the same origin (outside AWS China)', () => {
  it.each([
    ['aws', () => global.template],
    ['aws, the API on its own domain', () => globalWithApiDomain],
  ])('sends /v1/* to the API, uncached, with every viewer header but Host and the query string (%s)', (_partition, template) => {
    // Act
    const behaviour = behaviourFor(template(), sitePaths.api);

    // Assess
    expect(behaviour).toMatchObject({
      CachePolicyId: managedCachingDisabled,
      OriginRequestPolicyId: managedAllViewerExceptHostHeader,
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
    });
    expect(behaviour.ResponseHeadersPolicyId).toBeUndefined();
  });

  it('names the viewer to the API in x-viewer-address, written over what the viewer sent, and proves the request came through the site', () => {
    // Prepare
    const behaviour = behaviourFor(global.template, sitePaths.api);
    const functions = global.template.findResources('AWS::CloudFront::Function') as Resources;
    const [viewerFunctionId, viewerFunction] = Object.entries(functions).find(([, fn]) => fn.Properties.FunctionCode === viewerAddressFunctionCode)!;
    const handler = new Function(`${viewerAddressFunctionCode}\nreturn handler;`)() as (event: unknown) => { headers: Record<string, { value: string }> };

    // Act
    const forwarded = handler({
      version: '1.0',
      context: { eventType: 'viewer-request' },
      viewer: { ip: '2001:db8::7' },
      request: { method: 'GET', uri: '/v1/alerts', querystring: {}, headers: { 'x-viewer-address': { value: '10.0.0.1' } }, cookies: {} },
    });

    // Assess
    expect(forwarded.headers['x-viewer-address']).toEqual({ value: '2001:db8::7' });
    expect(viewerFunction!.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(behaviour.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [viewerFunctionId, 'FunctionARN'] } }]);
    // The value itself is resolved by CloudFormation from the secret the API's firewall holds; the template names only the secret.
    const headers = originOf(global.template, behaviour).OriginCustomHeaders;
    expect(headers).toEqual([
      { HeaderName: 'x-site-origin-verification', HeaderValue: `{{resolve:secretsmanager:${global.config.prefix}/site-origin-verification:SecretString:::}}` },
    ]);
  });

  it('goes to the execute-api endpoint of the stage when the API has no domain of its own', () => {
    // Act
    const origin = originOf(global.template, behaviourFor(global.template, sitePaths.api));

    // Assess
    expect(JSON.stringify(origin.DomainName)).toContain('execute-api');
    // The stage's own name, taken from the API's URL (https://<id>.execute-api.<region>.<suffix>/<stage>/).
    expect(JSON.stringify(origin.OriginPath)).toMatch(/"Fn::Select":\[3,.*ApiDeploymentStageprod/);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it("goes to the API's own domain when it has one (its execute-api endpoint is disabled then)", () => {
    // Act
    const origin = originOf(globalWithApiDomain, behaviourFor(globalWithApiDomain, sitePaths.api));

    // Assess
    expect(origin.DomainName).toBe('api.jianc.ningbo.gov.cn');
    expect(origin.OriginPath).toBeUndefined();
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });
});

describe('console site: the pages call the API on its own domain in AWS China', () => {
  it('serves the bucket only: no /v1/* behaviour and no origin but the bucket', () => {
    // Act
    const config = distributionConfig(china.template);

    // Assess
    expect(config.CacheBehaviors.map((behaviour: any) => behaviour.PathPattern).sort()).toEqual([sitePaths.assets, sitePaths.complaintPage].sort());
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].S3OriginConfig).toBeDefined();
    expect(JSON.stringify(config)).not.toContain('api.jianc.ningbo.gov.cn');
  });

  it("names the API's ICP-filed domain in the settings the pages read, and nothing more elsewhere", () => {
    // Act
    const chinaSettings = consoleConfigurationOf(china.config);
    const globalSettings = consoleConfigurationOf(parseDeploymentConfig(configWith({ ...globalChanges, site: {} }), 'global.json'));

    // Assess
    expect(chinaSettings).toEqual({
      oidc: { authority: china.config.identityProvider.issuer, clientId: china.config.identityProvider.audience, scope: 'openid' },
      apiOrigin: 'https://api.jianc.ningbo.gov.cn',
    });
    expect(globalSettings).not.toHaveProperty('apiOrigin');
  });

  it('uploads those settings as console-config.json beside the build', () => {
    // Prepare: each upload source is an asset staged in the cloud assembly under its hash.
    const outdir = (china.stack.node.root as App).outdir;
    const [upload] = Object.values(china.template.findResources('Custom::CDKBucketDeployment') as Resources).filter(
      (candidate) => candidate.Properties.SourceObjectKeys.length === 2,
    );

    // Act
    const uploaded = (upload!.Properties.SourceObjectKeys as string[])
      .map((key) => join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'console-config.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as unknown);

    // Assess
    expect(uploaded).toEqual([consoleConfigurationOf(china.config)]);
  });

  it("lets both pages connect to the API's origin, and only there besides the site and the identity provider", () => {
    // Act
    const policyOf = (pattern: string): string =>
      headersPolicyOf(china.template, behaviourFor(china.template, pattern)).SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    const connectSources = (policy: string): string | undefined => policy.split('; ').find((directive) => directive.startsWith('connect-src '));

    // Assess
    const identityProvider = new URL(china.config.identityProvider.issuer).origin;
    expect(connectSources(policyOf('*'))).toBe(`connect-src 'self' https://api.jianc.ningbo.gov.cn ${identityProvider}`);
    expect(connectSources(policyOf(sitePaths.assets))).toBe(`connect-src 'self' https://api.jianc.ningbo.gov.cn ${identityProvider}`);
    expect(connectSources(policyOf(sitePaths.complaintPage))).toBe(`connect-src 'self' https://api.jianc.ningbo.gov.cn`);
  });

  it('leaves the pages outside AWS China connecting to the site alone', () => {
    // Act
    const policy = headersPolicyOf(global.template, behaviourFor(global.template, sitePaths.complaintPage)).SecurityHeadersConfig.ContentSecurityPolicy
      .ContentSecurityPolicy as string;

    // Assess
    expect(policy).toContain("connect-src 'self';");
  });
});

describe('console site: headers', () => {
  it.each([
    ['aws-cn', () => china],
    ['aws', () => global],
  ])("answers the console's paths with the console's policy and the complaint page's with its own (%s)", (_partition, deployment) => {
    // Prepare
    const { template, config } = deployment();
    const apiOrigin = config === china.config ? 'https://api.jianc.ningbo.gov.cn' : undefined;
    const consolePolicy = consoleContentSecurityPolicy(new URL(config.identityProvider.issuer).origin, apiOrigin);

    // Act
    const policyOf = (pattern: string) => headersPolicyOf(template, behaviourFor(template, pattern)).SecurityHeadersConfig.ContentSecurityPolicy;

    // Assess
    expect(policyOf('*')).toEqual({ ContentSecurityPolicy: consolePolicy, Override: true });
    expect(policyOf(sitePaths.complaintPage)).toEqual({ ContentSecurityPolicy: complaintPageContentSecurityPolicy([portal], apiOrigin), Override: true });
    expect(policyOf(sitePaths.assets)).toEqual({ ContentSecurityPolicy: consolePolicy, Override: true });
    expect(policyOf(sitePaths.complaintPage).ContentSecurityPolicy).toContain(`frame-ancestors ${portal}`);
  });

  it('sends HSTS, nosniff and no referrer everywhere, and frame options that agree with frame-ancestors', () => {
    // Prepare
    const template = global.template;

    // Act
    const headers = (pattern: string) => headersPolicyOf(template, behaviourFor(template, pattern)).SecurityHeadersConfig;

    // Assess
    for (const pattern of ['*', sitePaths.complaintPage, sitePaths.assets]) {
      expect(headers(pattern)).toMatchObject({
        StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      });
    }
    expect(headers('*').FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    // The portals may frame the complaint page: no X-Frame-Options to contradict frame-ancestors.
    expect(headers(sitePaths.complaintPage).FrameOptions).toBeUndefined();
  });

  it('never lets the complaint page be framed when no portal is named', () => {
    // Prepare
    const valid = validConfig();
    const { template } = synthesizeSite(parseDeploymentConfig(configWith({ ...globalChanges, site: {}, api: valid.api }), 'no-portals.json'));

    // Act
    const headers = headersPolicyOf(template, behaviourFor(template, sitePaths.complaintPage)).SecurityHeadersConfig;

    // Assess
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(complaintPageContentSecurityPolicy([]));
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
  });

  it('keeps hashed assets for a year and revalidates documents every time, at the edge and in the browser', () => {
    // Prepare
    const template = global.template;

    // Act
    const assets = behaviourFor(template, sitePaths.assets);
    const documents = ['*', sitePaths.complaintPage].map((pattern) => behaviourFor(template, pattern));

    // Assess
    expect(cacheControlOf(headersPolicyOf(template, assets))).toBe(assetCacheControl);
    expect(assets.CachePolicyId).not.toBe(managedCachingDisabled);
    for (const document of documents) {
      expect(cacheControlOf(headersPolicyOf(template, document))).toBe(documentCacheControl);
      expect(document.CachePolicyId).toBe(managedCachingDisabled);
    }
    expect(documentCacheControl).toBe('no-cache');
  });
});

describe('console site: routes of the single-page applications', () => {
  it.each([
    ['/', '/index.html'],
    ['/alerts', '/index.html'],
    ['/auth/callback', '/index.html'],
    ['/cases/2026-0042', '/index.html'],
    ['/complaint/', '/complaint/index.html'],
    ['/complaint/status', '/complaint/index.html'],
    ['/complaint/receipts/TS-2026-000123', '/complaint/index.html'],
    ['/assets/index-0a1b2c3d.js', '/assets/index-0a1b2c3d.js'],
    ['/console-config.json', '/console-config.json'],
    ['/complaint/index.html', '/complaint/index.html'],
    ['/complaints.v2/x', '/index.html'],
  ])('maps %s to %s', (uri, expected) => {
    // Act
    const answer = route(uri);

    // Assess
    expect(answer.uri).toBe(expected);
  });

  it('redirects /complaint to /complaint/, where the page and its headers are', () => {
    // Act
    const answer = route('/complaint');

    // Assess
    expect(answer.statusCode).toBe(301);
    expect(answer.headers?.['location']?.value).toBe('/complaint/');
  });

  it('runs this very code at the edge, on viewer requests of the documents only (outside AWS China)', () => {
    // Act
    const [routingId, fn] = Object.entries(global.template.findResources('AWS::CloudFront::Function') as Resources).find(
      ([, candidate]) => candidate.Properties.FunctionCode === siteRoutingFunctionCode,
    )!;
    const associated = (pattern: string) => behaviourFor(global.template, pattern).FunctionAssociations ?? [];

    // Assess
    expect(fn!.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    for (const pattern of ['*', sitePaths.complaintPage]) {
      expect(associated(pattern)).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [routingId, 'FunctionARN'] } }]);
    }
    expect(associated(sitePaths.assets)).toEqual([]);
    expect(JSON.stringify(associated(sitePaths.api))).not.toContain(routingId);
  });

  it('uploads each console route as a copy of index.html in AWS China, where CloudFormation has no CloudFront Functions', () => {
    // Prepare: the console's routes and its sign-in callback, as its sources declare them.
    const routesSource = readFileSync(join(repositoryRoot, 'console/src/frame/routes.tsx'), 'utf8');
    const signInSource = readFileSync(join(repositoryRoot, 'console/src/auth/sign-in.ts'), 'utf8');
    const consoleRoutes = [
      ...[...routesSource.matchAll(/\{ path: '([^']+)'/g)].map((match) => match[1]!),
      /signInCallbackPath = '([^']+)'/.exec(signInSource)![1]!,
    ].filter((path) => path !== '/');

    // Act
    const uploads = Object.values(china.template.findResources('Custom::CDKBucketDeployment') as Resources);

    // Assess
    expect(china.template.findResources('AWS::CloudFront::Function')).toEqual({});
    expect(
      Object.keys(routeDocuments)
        .map((key) => `/${key}`)
        .sort(),
    ).toEqual(consoleRoutes.sort());
    expect(uploads.map((upload) => upload.Properties.SystemMetadata?.['content-type'])).toContain('text/html; charset=utf-8');
    expect(distributionConfig(china.template).DefaultRootObject).toBe('index.html');
  });
});

describe('console site: the security gate', () => {
  it.each([
    ['aws-cn', () => china.stack],
    ['aws', () => global.stack],
  ])('leaves no finding of the rule packs unacknowledged on the site and its upload function (%s)', (_partition, stack) => {
    // Act: the packs over the stack; the stand-in API's own findings are the stateless stack's business.
    const findings = securityRulePacks().flatMap((pack) =>
      pack
        .validateScope(stack())
        .violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`)),
    );

    // Assess
    expect(findings.filter((finding) => /\/ConsoleSite\/|Custom::CDKBucketDeployment/.test(finding))).toEqual([]);
  });
});

describe('console site: the domain', () => {
  it('serves in AWS China on the configured domain only, with the IAM certificate and TLS 1.2 at least', () => {
    // Act
    const config = distributionConfig(china.template);

    // Assess
    expect(config.Aliases).toEqual(['jianc.ningbo.gov.cn']);
    expect(config.ViewerCertificate).toEqual({ IamCertificateId: iamCertificateId, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
  });

  it('takes an ACM certificate of us-east-1 outside AWS China', () => {
    // Act
    const config = distributionConfig(globalWithApiDomain);

    // Assess
    expect(config.Aliases).toEqual(['jianc.ningbo.gov.cn']);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: acmCertificateArn,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
  });

  it.each([
    [{}, 'site.customDomain', /ICP 备案.*ICP-filed/],
    [{ customDomain: { domainName: 'jianc.ningbo.gov.cn' } }, 'site.customDomain.iamCertificateId', /ICP 备案.*ICP-filed/],
    [{ customDomain: { domainName: 'jianc.ningbo.gov.cn', iamCertificateId, acmCertificateArn } }, 'site.customDomain.acmCertificateArn', /不支持 ACM.*no ACM/],
  ])('refuses a site in AWS China without an ICP-filed domain and its IAM certificate (%j)', (site, field, message) => {
    // Act
    const problems = problemsOf(configWith({ site }));

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual([field]);
    expect(problems[0]!.message).toMatch(message);
  });

  it('refuses a site in AWS China whose API has no ICP-filed domain of its own', () => {
    // Prepare
    const valid = validConfig();

    // Act
    const problems = problemsOf(configWith({ api: { ...valid.api } }));

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual(['api.customDomain']);
    expect(problems[0]!.message).toMatch(/ICP 备案.*ICP-filed/);
  });

  it('refuses a domain outside AWS China without exactly one certificate', () => {
    // Act
    const problems = problemsOf(configWith({ ...globalChanges, site: { customDomain: { domainName: 'jianc.ningbo.gov.cn' } } }));

    // Assess
    expect(problems.map((problem) => problem.field)).toEqual(['site.customDomain']);
  });

  it('accepts a deployment in AWS China without a site (the API alone)', () => {
    // Act
    const config = parseDeploymentConfig({ ...configWith({}), site: undefined }, 'api-only.json');

    // Assess
    expect(config.site).toBeUndefined();
  });
});
