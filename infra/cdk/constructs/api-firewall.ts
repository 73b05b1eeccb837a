/**
 * Regional WAF web ACL in front of the REST API stage (AWS China offers WAF on regional REST
 * APIs only): the AWS common rule set, and rate limits per staff token and per address so a
 * runaway client is answered 429 by WAF before it reaches a Lambda. Departments are limited per
 * department by the API's usage plan (one API key each), not here.
 */
import { Arn, ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { queryTokenHeader } from '#shared/api/complaint-contract.ts';
import { firewallTooManyRequestsBody } from '#shared/http/gateway-refusal.ts';

/** WAF only delivers logs to log groups whose name starts with this. */
export const wafLogGroupPrefix = 'aws-waf-logs-';

/** Headers WAF writes as `REDACTED`: credentials, the complaint query token, and cookies. */
export const wafRedactedHeaders = ['authorization', 'x-amz-security-token', 'x-api-key', queryTokenHeader, 'cookie'] as const;

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

/** Blocks with the 429 problem body, readable by the pages of `siteOrigin` when there is one. */
const blockAsTooManyRequests = (siteOrigin: string | undefined): CfnWebACL.RuleActionProperty => ({
  block: {
    customResponse: {
      responseCode: 429,
      customResponseBodyKey: tooManyRequests,
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

const publicRouteRule = (limit: PublicRouteLimit, priority: number, siteOrigin: string | undefined): CfnWebACL.RuleProperty => ({
  name: 'RatePerAddressOnPublicRoutes',
  priority,
  action: blockAsTooManyRequests(siteOrigin),
  visibilityConfig: visibility('RatePerAddressOnPublicRoutes'),
  statement: {
    rateBasedStatement: {
      limit: limit.requestsPerIpPer5Minutes,
      evaluationWindowSec: 300,
      aggregateKeyType: 'IP',
      // A custom domain strips the stage from the path; the execute-api URL keeps it.
      scopeDownStatement: {
        orStatement: { statements: [pathStartsWith(limit.pathPrefix), pathStartsWith(`/${limit.stageName}${limit.pathPrefix}`)] },
      },
    },
  },
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
 * 1. `AWSManagedRulesCommonRuleSet`, with the 8 KB body-size rule only counting: ingest batches are
 *    larger, and the ingest function enforces its own body and batch limits (413 / 400).
 * 3. Per staff token: the `Authorization: Bearer ...` header, constant for the token's life.
 * 4. Per client address, a higher ceiling for everyone, the public routes included.
 * 5. Per client address on the public routes (`publicRoutes`), a low ceiling: complaint intake
 *    and status queries need no credential, so the address is the only key there is.
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

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
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
      },
      rules: [
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
        {
          name: 'RatePerAddress',
          priority: 4,
          action: blockAsTooManyRequests(props.siteOrigin),
          visibilityConfig: visibility('RatePerAddress'),
          statement: {
            rateBasedStatement: { limit: props.requestsPerIpPer5Minutes, evaluationWindowSec: 300, aggregateKeyType: 'IP' },
          },
        },
        ...(props.publicRoutes ? [publicRouteRule(props.publicRoutes, 5, props.siteOrigin)] : []),
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
