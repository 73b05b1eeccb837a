/**
 * Regional WAF web ACL in front of the REST API stage (AWS China offers WAF on regional REST
 * APIs only): the AWS common rule set, and rate limits per staff token and per address so a
 * runaway client is answered 429 by WAF before it reaches a Lambda. Departments are limited per
 * department by the API's usage plan (one API key each), not here.
 */
import { Arn, ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { siteOriginVerificationHeader, viewerAddressHeader } from '#shared/access/viewer-address.ts';
import { queryTokenHeader } from '#shared/api/complaint-contract.ts';
import { acknowledge, securityAcknowledgments } from '../security-acknowledgments.ts';
import { firewallTooManyRequestsBody, firewallViewerAddressNotVerifiedBody } from '#shared/http/gateway-refusal.ts';

/** Name of the secret the site's distribution and the API's firewall share (`siteOriginVerificationHeader`). */
export const siteOriginVerificationSecretName = (prefix: string): string => `${prefix}/site-origin-verification`;

/** WAF only delivers logs to log groups whose name starts with this. */
export const wafLogGroupPrefix = 'aws-waf-logs-';

/** Headers WAF writes as `REDACTED`: credentials, the complaint query token, the site's verification value, and cookies. */
export const wafRedactedHeaders = ['authorization', 'x-amz-security-token', 'x-api-key', queryTokenHeader, siteOriginVerificationHeader, 'cookie'] as const;

/** Properties of an {@link ApiFirewall}. */
export interface ApiFirewallProps {
  /** Name of the web ACL and prefix of its metrics. */
  readonly name: string;
  /** ARN of the API Gateway stage to protect. */
  readonly stageArn: string;
  /** Requests allowed per staff bearer token in 5 minutes. */
  readonly requestsPerCredentialPer5Minutes: number;
  /** Requests allowed per client address in 5 minutes. */
  readonly requestsPerIpPer5Minutes: number;
  /**
   * A stricter per-address limit on the public routes (complaint intake and status queries),
   * which anyone may call without a credential.
   */
  readonly publicRoutes?: PublicRouteLimit;
  /**
   * When the deployment has a site whose distribution forwards `/v1/*` to the API: the name of the
   * secret (created here) whose value the distribution sends in {@link siteOriginVerificationHeader}.
   * Requests carrying it are counted per viewer (the distribution's {@link viewerAddressHeader}),
   * every other request per source address. Without it, no request may name a viewer.
   */
  readonly siteOriginVerification?: { readonly secretName: string };
  /**
   * The origin of a site whose pages call the API directly (AWS China): its console and complaint
   * page may read the 429 (CORS), as they read the gateway's refusals. None: same-origin pages only.
   */
  readonly siteOrigin?: string;
  /** Key and retention of the WAF log group (network logs, kept at least a year). */
  readonly logEncryptionKey: IKey;
  readonly logRetention: RetentionDays;
}

/** The per-address limit on the routes under one public path prefix. */
export interface PublicRouteLimit {
  /** Path prefix of the public routes, e.g. `/v1/public/`. */
  readonly pathPrefix: string;
  /** The API stage, which prefixes the path when the stage is called on its execute-api URL. */
  readonly stageName: string;
  /** Requests allowed per client address in 5 minutes on those routes. */
  readonly requestsPerIpPer5Minutes: number;
}

const tooManyRequests = 'TooManyRequests';
const viewerAddressNotVerified = 'ViewerAddressNotVerified';

/** Blocks with a fixed problem body, readable by the pages of `siteOrigin` when there is one (as the gateway's refusals are). */
const blockWith = (responseCode: 403 | 429, customResponseBodyKey: string, siteOrigin: string | undefined): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode,
      customResponseBodyKey,
      ...(siteOrigin === undefined
        ? {}
        : {
            responseHeaders: [
              { name: 'Access-Control-Allow-Origin', value: siteOrigin },
              { name: 'Vary', value: 'Origin' },
            ],
          }),
    },
  },
});

const blockAsTooManyRequests = (siteOrigin: string | undefined): CfnWebACL.RuleActionProperty => blockWith(429, tooManyRequests, siteOrigin);

/** Matches a path starting with `prefix`, after URL-decoding and path normalisation (no `//`, `./`, `../` tricks). */
const pathStartsWith = (prefix: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: prefix,
    textTransformations: [
      { priority: 0, type: 'URL_DECODE' },
      { priority: 1, type: 'NORMALIZE_PATH' },
    ],
  },
});

/** How a per-address rule tells callers apart: by source address, or by the viewer the site's distribution names. */
type AddressKey = 'source' | 'viewer';

/** A rate-based statement over 5 minutes, keyed on the source address or on the viewer address header. */
const ratePer = (key: AddressKey, limit: number, scopeDownStatement: CfnWebACL.StatementProperty | undefined): CfnWebACL.StatementProperty => ({
  rateBasedStatement: {
    limit,
    evaluationWindowSec: 300,
    ...(key === 'source'
      ? { aggregateKeyType: 'IP' }
      : { aggregateKeyType: 'CUSTOM_KEYS', customKeys: [{ header: { name: viewerAddressHeader, textTransformations: [{ priority: 0, type: 'NONE' }] } }] }),
    ...(scopeDownStatement ? { scopeDownStatement } : {}),
  },
});

/** Both statements, or the one given. */
const both = (first: CfnWebACL.StatementProperty | undefined, second: CfnWebACL.StatementProperty | undefined): CfnWebACL.StatementProperty | undefined =>
  first && second ? { andStatement: { statements: [first, second] } } : (first ?? second);

/** A request carries the header, with any value. */
const carries = (header: string): CfnWebACL.StatementProperty => ({
  sizeConstraintStatement: {
    fieldToMatch: { singleHeader: { Name: header } },
    comparisonOperator: 'GT',
    size: 0,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

/** The request came through the site's distribution: it carries the verification value exactly. */
const fromSite = (verification: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { singleHeader: { Name: siteOriginVerificationHeader } },
    positionalConstraint: 'EXACTLY',
    searchString: verification,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const not = (statement: CfnWebACL.StatementProperty): CfnWebACL.StatementProperty => ({ notStatement: { statement } });

/**
 * A per-address limit as one rule, or as two when the site's distribution forwards to the API:
 * requests from the site counted per viewer, all others per source address.
 */
const perAddressRules = (
  name: string,
  priority: number,
  limit: number,
  scope: CfnWebACL.StatementProperty | undefined,
  verification: string | undefined,
  siteOrigin: string | undefined,
): CfnWebACL.RuleProperty[] => {
  const rule = (ruleName: string, rulePriority: number, statement: CfnWebACL.StatementProperty): CfnWebACL.RuleProperty => ({
    name: ruleName,
    priority: rulePriority,
    action: blockAsTooManyRequests(siteOrigin),
    visibilityConfig: visibility(ruleName),
    statement,
  });
  if (verification === undefined) return [rule(name, priority, ratePer('source', limit, scope))];
  return [
    rule(name, priority, ratePer('source', limit, both(scope, not(fromSite(verification))))),
    rule(name.replace('PerAddress', 'PerViewerAddress'), priority + 10, ratePer('viewer', limit, both(scope, fromSite(verification)))),
  ];
};

/**
 * A request that names a viewer must come from the site's distribution, which writes the header
 * over anything the viewer sent; any other is refused, so the authorizer may key its lockout on
 * the header (`shared/access/viewer-address.ts`).
 */
const forgedViewerAddressRule = (verification: string | undefined, siteOrigin: string | undefined): CfnWebACL.RuleProperty => ({
  name: 'ForgedViewerAddress',
  priority: 0,
  action: blockWith(403, viewerAddressNotVerified, siteOrigin),
  visibilityConfig: visibility('ForgedViewerAddress'),
  statement: both(carries(viewerAddressHeader), verification === undefined ? undefined : not(fromSite(verification)))!,
});

/** The public routes, under their prefix with or without the stage. */
const publicPaths = (limit: PublicRouteLimit): CfnWebACL.StatementProperty => ({
  // A custom domain strips the stage from the path; the execute-api URL keeps it.
  orStatement: { statements: [pathStartsWith(limit.pathPrefix), pathStartsWith(`/${limit.stageName}${limit.pathPrefix}`)] },
});

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const rateLimitedBy = (
  name: string,
  priority: number,
  limit: number,
  header: string,
  siteOrigin: string | undefined,
  scopeDown?: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  action: blockAsTooManyRequests(siteOrigin),
  visibilityConfig: visibility(name),
  statement: {
    rateBasedStatement: {
      limit,
      evaluationWindowSec: 300,
      aggregateKeyType: 'CUSTOM_KEYS',
      customKeys: [{ header: { name: header, textTransformations: [{ priority: 0, type: 'NONE' }] } }],
      ...(scopeDown ? { scopeDownStatement: scopeDown } : {}),
    },
  },
});

/**
 * Rules, in order:
 * 0. A request naming a viewer (`x-viewer-address`) that did not come through the site's
 *    distribution is refused (403): the header is the distribution's to write.
 * 1. `AWSManagedRulesCommonRuleSet`, with the 8 KB body-size rule only counting: ingest batches are
 *    larger, and the ingest function enforces its own body and batch limits (413 / 400).
 * 3. Per staff token: the `Authorization: Bearer ...` header, constant for the token's life.
 * 4. Per client address, a higher ceiling for everyone, the public routes included.
 * 5. Per client address on the public routes (`publicRoutes`), a low ceiling: complaint intake
 *    and status queries need no credential, so the address is the only key there is.
 * 14, 15. With a site in front (`siteOriginVerification`), rules 4 and 5 count only requests that
 *    did not come through it; these count those that did, per viewer, because behind CloudFront
 *    the source address is the edge's, shared by every viewer it serves.
 * No rule is keyed on a department's credentials: a Roles Anywhere session token changes at every
 * sign-in (a key on it would reset the limit), and a SigV4 `Authorization` header at every
 * request. Each department's limit is its API key's in the usage plan (`stateless-stack.ts`).
 * Rate-limited requests get a 429 problem body (readable by the site's pages where they call the
 * API directly). Requests are logged to a KMS-encrypted log group
 * with the credential headers (and the API key) redacted.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;
  /** The value the site's distribution and this firewall share, when there is a site in front. */
  readonly siteOriginVerification: Secret | undefined;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.siteOriginVerification =
      props.siteOriginVerification &&
      new Secret(this, 'SiteOriginVerification', {
        secretName: props.siteOriginVerification.secretName,
        description: 'Sent by the site distribution to the API (x-site-origin-verification), checked by the API firewall',
        generateSecretString: { passwordLength: 64, excludePunctuation: true },
      });
    if (this.siteOriginVerification) acknowledge(this.siteOriginVerification, securityAcknowledgments.siteOriginVerificationNotRotated);
    // Resolved by CloudFormation at deployment, in the rules and in the distribution's origin header alike.
    const verification = this.siteOriginVerification?.secretValue.unsafeUnwrap();
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      customResponseBodies: {
        [tooManyRequests]: {
          contentType: 'APPLICATION_JSON',
          content: firewallTooManyRequestsBody,
        },
        [viewerAddressNotVerified]: {
          contentType: 'APPLICATION_JSON',
          content: firewallViewerAddressNotVerifiedBody,
        },
      },
      rules: [
        forgedViewerAddressRule(verification, props.siteOrigin),
        {
          name: 'AwsCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          visibilityConfig: visibility('AwsCommonRuleSet'),
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
        },
        rateLimitedBy('RatePerStaffToken', 3, props.requestsPerCredentialPer5Minutes, 'authorization', props.siteOrigin, {
          byteMatchStatement: {
            fieldToMatch: { singleHeader: { Name: 'authorization' } },
            positionalConstraint: 'STARTS_WITH',
            searchString: 'Bearer ',
            textTransformations: [{ priority: 0, type: 'NONE' }],
          },
        }),
        ...perAddressRules('RatePerAddress', 4, props.requestsPerIpPer5Minutes, undefined, verification, props.siteOrigin),
        ...(props.publicRoutes
          ? perAddressRules(
              'RatePerAddressOnPublicRoutes',
              5,
              props.publicRoutes.requestsPerIpPer5Minutes,
              publicPaths(props.publicRoutes),
              verification,
              props.siteOrigin,
            )
          : []),
      ],
    });
    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    const logGroupName = `${wafLogGroupPrefix}${props.name}`;
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: props.logEncryptionKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logging = new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the `:*` that LogGroup.logGroupArn carries.
      logDestinationConfigs: [
        Arn.format({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, Stack.of(this)),
      ],
      // Credentials never reach a log: a query token beside its receipt number would let a log
      // reader read, rate and re-open the complaint; cookies are redacted whatever they carry.
      redactedFields: wafRedactedHeaders.map((Name) => ({ singleHeader: { Name } })),
    });
    logging.node.addDependency(this.logGroup);
  }
}
