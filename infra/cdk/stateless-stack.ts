/**
 * Everything that can be replaced without losing data: the functions of `shared/topology.ts`,
 * the REST API built from its routes, the schedules, the deployment steps (custom resources that
 * apply the configuration's reference data), the WAF web ACL and the department roles.
 * Tables, queues and keys come in through props from the stateful stack.
 */
import { CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKey,
  AuthorizationType,
  CfnAccount,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  RequestAuthorizer,
  RequestValidator,
  ResponseType,
  RestApi,
  SecurityPolicy,
  type IApiKey,
  type MethodDeploymentOptions,
  type MethodOptions,
} from 'aws-cdk-lib/aws-apigateway';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Effect, PolicyDocument, PolicyStatement, Role, ServicePrincipal, type IAssumeRolePrincipal } from 'aws-cdk-lib/aws-iam';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import {
  alertEventBus,
  deploymentSteps,
  environmentNames,
  functions,
  publicCors,
  queues,
  routes,
  schedules,
  staffAuthorizerFunction,
  staffCors,
  type FunctionSpec,
  type QueueName,
  type RouteSpec,
  type TableGrant,
  type TableName,
} from '#shared/topology.ts';
import { gatewayRefusalContentType, gatewayRefusalTemplate } from '#shared/http/gateway-refusal.ts';
import { reportMediaTypes } from '#shared/api/evaluation-report-contract.ts';
import { ApiFirewall, siteOriginVerificationSecretName } from './constructs/api-firewall.ts';
import { AppFunction, type AppQueue, type AppTable } from './constructs/app-function.ts';
import { DeadLetterQueue } from './constructs/dead-letter-queue.ts';
import { DeploymentStep } from './constructs/deployment-step.ts';
import { deploymentStepProperties } from './deployment-step-properties.ts';
import { enableCors } from './constructs/cors.ts';
import { settingVariables } from './function-settings.ts';
import { busRuleName } from './stateful-stack.ts';
import type { PersonalDataKeySet } from './constructs/personal-data-keys.ts';
import type { AuditTrailStoreSet } from './constructs/audit-trail-store.ts';
import { acknowledge, departmentOwnAlertRouteOf, securityAcknowledgments } from './security-acknowledgments.ts';
import {
  departmentRoleName,
  departmentRolePrefix,
  directApiOriginsOf,
  siteForwardsToApi,
  tracingEnabled,
  trustAnchorId,
  type DeploymentConfig,
} from './deployment-config.ts';

/** The stage every deployment serves; paths already carry the API version (`/v1/...`). */
export const apiStageName = 'prod';

/**
 * How long API Gateway reuses a staff authorizer decision for the same token: not at all. The
 * authorizer decides per route (role, second factor) and answers with a policy for that one
 * method, so a cached answer would wrongly allow or deny the token's next, different route.
 */
export const staffAuthorizerCacheTtl: Duration = Duration.seconds(0);

/**
 * Limits on the public complaint routes (Art. 19), which anyone may call without a credential:
 * a per-address WAF rule on every route under the prefix, and stage throttling of filing.
 */
export const publicComplaintLimits = {
  pathPrefix: '/v1/public/',
  requestsPerIpPer5Minutes: 100,
  filing: { method: 'POST', path: '/v1/public/complaints', rateLimit: 10, burstLimit: 20 },
} as const;

/** What the stateless stack needs from the stateful one. */
export interface StatefulResources {
  readonly key: IKey;
  readonly tables: Readonly<Record<TableName, AppTable>>;
  readonly queues: Readonly<Record<QueueName, AppQueue>>;
  readonly alarmTopic: ITopic;
  /** Keys of complainants' personal data, for the functions whose spec declares `personalData`. */
  readonly personalDataKeys: PersonalDataKeySet;
  /** The record-seal key, for the functions whose spec declares `recordSeals`. */
  readonly recordSealKey: IKey;
  /** The webhook-secret key, for the functions whose spec declares `webhookSecrets`. */
  readonly webhookSecretKey: IKey;
  /** The audit trail's digest bucket and signing key, for the functions whose spec declares `auditTrail`. */
  readonly auditTrail: AuditTrailStoreSet;
}

/** Properties of a {@link StatelessStack}. */
export interface StatelessStackProps extends StackProps {
  readonly config: DeploymentConfig;
  readonly stateful: StatefulResources;
  /** Retention of every log group of the stack (from the configuration). */
  readonly logRetention: RetentionDays;
  /**
   * The functions to build; the topology's by default. Tests pass a changed declaration (a grant
   * taken away) to show that the local runtime enforces what the stack grants.
   */
  readonly functions?: readonly FunctionSpec[];
  /**
   * The origin of a site whose pages call this API on its own domain: the staff routes allow it
   * (CORS), the public complaint routes too, and the gateway's refusals may be read there. By
   * default the configuration's ({@link directApiOriginsOf}: AWS China), none elsewhere; the local
   * runtime passes its `--site-origin`.
   */
  readonly siteOrigin?: string;
}

/** What a Roles Anywhere session needs of a role's trust policy, in one statement. */
const rolesAnywhereSessionActions = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

/**
 * Trust for IAM Roles Anywhere, which needs AssumeRole, TagSession and SetSourceIdentity in one
 * statement; the conditions bind the role to one department's certificate. A revoked department's
 * role trusts no session at all (an explicit deny, as for a certificate on the revocation list).
 */
class RolesAnywherePrincipal extends ServicePrincipal implements IAssumeRolePrincipal {
  constructor(
    private readonly trustConditions: Record<string, Record<string, unknown>>,
    private readonly revoked: boolean,
  ) {
    super('rolesanywhere.amazonaws.com');
  }

  override addToAssumeRolePolicy(document: PolicyDocument): void {
    document.addStatements(
      new PolicyStatement({
        effect: this.revoked ? Effect.DENY : Effect.ALLOW,
        actions: rolesAnywhereSessionActions,
        principals: [new ServicePrincipal('rolesanywhere.amazonaws.com')],
        ...(this.revoked ? {} : { conditions: this.trustConditions }),
      }),
    );
  }
}

/**
 * The conditions under which a department's role trusts a Roles Anywhere session: through the
 * configured trust anchor only (not any anchor of the account), from a certificate issued by the
 * configured CA (issuer CN, and O when configured, as Roles Anywhere maps them to principal tags),
 * whose subject CN is the department id.
 */
export const departmentTrustConditions = (
  trustAnchorArn: string,
  certificates: DeploymentConfig['departmentCertificates'],
  departmentId: string,
): Record<string, Record<string, unknown>> => ({
  ArnEquals: { 'aws:SourceArn': trustAnchorArn },
  StringEquals: {
    'aws:PrincipalTag/x509Subject/CN': departmentId,
    'aws:PrincipalTag/x509Issuer/CN': certificates.issuerCommonName,
    ...(certificates.issuerOrganization === undefined ? {} : { 'aws:PrincipalTag/x509Issuer/O': certificates.issuerOrganization }),
  },
});

/** `{param}` segments become `*` in execute-api ARNs. */
const executeApiPath = (path: string): string => path.replace(/\{[^}]+\}/g, '*');

/**
 * Method settings of complaint filing: its own throttle, logging as on the rest of the stage
 * (a method setting does not inherit the stage-wide one).
 */
const complaintFilingThrottling = (): Record<string, MethodDeploymentOptions> => {
  const { method, path, rateLimit, burstLimit } = publicComplaintLimits.filing;
  if (!routes.some((route) => route.method === method && route.path === path && route.auth === 'public')) {
    throw new Error(`topology has no public route ${method} ${path} to throttle`);
  }
  return {
    [`${path}/${method}`]: {
      throttlingRateLimit: rateLimit,
      throttlingBurstLimit: burstLimit,
      loggingLevel: MethodLoggingLevel.ERROR,
      dataTraceEnabled: false,
      metricsEnabled: true,
    },
  };
};

const pathParameters = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');

/**
 * Name of a department's API key: what an operator looks it up by
 * (`aws apigateway get-api-keys --name-query <name> --include-values`, docs/deploy.md §4).
 */
export const departmentApiKeyName = (prefix: string, departmentId: string): string => `${prefix}-department-${departmentId}`;

/** Functions, API, schedules, firewall and department roles of one deployment. */
export class StatelessStack extends Stack {
  readonly functions: Readonly<Record<string, AppFunction>>;
  readonly api: RestApi;
  readonly departmentRoles: readonly Role[];
  /**
   * One API key per configured department, in the departments' usage plan: API Gateway throttles
   * and counts each department by its key, whatever session its signature comes from.
   */
  readonly departmentApiKeys: Readonly<Record<string, IApiKey>>;
  readonly firewall: ApiFirewall;
  /** Every change of a signal is published here; notification channels add their own rules. */
  readonly alertEventBus: EventBus;
  /** The functions this stack builds (the monitoring stack watches them by name). */
  readonly functionSpecs: readonly FunctionSpec[];
  /** The dead-letter queues of the scheduled functions, with their alarms. */
  readonly scheduleDeadLetterQueues: readonly DeadLetterQueue[];
  /** The deployment steps of the topology, by name. */
  readonly deploymentSteps: Readonly<Record<string, DeploymentStep>>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const tracing = tracingEnabled(config);

    this.alertEventBus = new EventBus(this, 'AlertEventBus', { eventBusName: `${config.prefix}-${alertEventBus.name}`, kmsKey: stateful.key });
    // A year of alert and signal events can be replayed to a new subscriber (audit trail of signals).
    this.alertEventBus.archive('AlertEventArchive', {
      archiveName: `${config.prefix}-${alertEventBus.name}`,
      eventPattern: { source: [...alertEventBus.sources] },
      retention: Duration.days(365),
    });

    const scheduleDeadLetters = this.createScheduleDeadLetterQueues(config.prefix, stateful);
    this.scheduleDeadLetterQueues = [...scheduleDeadLetters.values()];
    this.functionSpecs = props.functions ?? functions;
    this.functions = Object.fromEntries(
      this.functionSpecs.map((spec: FunctionSpec) => [spec.name, this.createFunction(spec, props, tracing, scheduleDeadLetters.get(spec.name))]),
    );
    for (const queue of queues) {
      this.functionNamed(queue.consumer).consumeQueue(stateful.queues[queue.name], { maxConcurrency: config.processing.maxConcurrency });
    }
    this.createSchedules(config.prefix, scheduleDeadLetters);
    this.createBusRules(config.prefix, stateful);
    this.deploymentSteps = Object.fromEntries(
      deploymentSteps.map((step) => [
        step.name,
        new DeploymentStep(this, `${step.name}-step`, {
          step,
          handler: this.functionNamed(step.function),
          properties: deploymentStepProperties(step.name, config),
          prefix: config.prefix,
          logEncryptionKey: stateful.key,
          logRetention: props.logRetention,
          tracing,
        }),
      ]),
    );

    const siteOrigin = props.siteOrigin ?? directApiOriginsOf(config)?.site;
    this.api = this.createApi(config, stateful.key, props.logRetention, tracing, siteOrigin);
    this.departmentApiKeys = this.createDepartmentUsagePlan(config);
    // The complaint page on the site calls the public routes from the site's origin as a portal's form would.
    const publicCorsOrigins = [...new Set([...(config.api.publicCorsOrigins ?? []), ...(siteOrigin === undefined ? [] : [siteOrigin])])];
    enableCors({ api: this.api, policy: publicCors, allowedOrigins: publicCorsOrigins, functions: this.functions });
    enableCors({ api: this.api, policy: staffCors, allowedOrigins: siteOrigin === undefined ? [] : [siteOrigin], functions: this.functions });
    this.firewall = new ApiFirewall(this, 'Firewall', {
      name: `${config.prefix}-api`,
      stageArn: this.api.deploymentStage.stageArn,
      requestsPerCredentialPer5Minutes: config.api.waf.requestsPerCredentialPer5Minutes,
      requestsPerIpPer5Minutes: config.api.waf.requestsPerIpPer5Minutes,
      publicRoutes: {
        pathPrefix: publicComplaintLimits.pathPrefix,
        stageName: apiStageName,
        requestsPerIpPer5Minutes: publicComplaintLimits.requestsPerIpPer5Minutes,
      },
      ...(siteForwardsToApi(config) ? { siteOriginVerification: { secretName: siteOriginVerificationSecretName(config.prefix) } } : {}),
      siteOrigin,
      logEncryptionKey: stateful.key,
      logRetention: props.logRetention,
    });
    this.departmentRoles = this.createDepartmentRoles(config);

    const domain = config.api.customDomain?.domainName;
    new CfnOutput(this, 'ApiUrl', { value: domain ? `https://${domain}/` : this.api.url, description: 'Base URL of the API' });
    if (this.api.domainName) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.api.domainName.domainNameAliasDomainName,
        description: "Where the API domain's DNS record (CNAME or alias) must point",
      });
    }
  }

  private functionNamed(name: string): AppFunction {
    const found = this.functions[name];
    if (found === undefined) {
      throw new Error(`topology refers to function ${name}, which is not declared in functions`);
    }
    return found;
  }

  private createFunction(spec: FunctionSpec, props: StatelessStackProps, tracing: boolean, scheduleDeadLetters: DeadLetterQueue | undefined): AppFunction {
    const { config, stateful } = props;
    const appFunction = new AppFunction(this, spec.name, {
      spec,
      asyncFailureQueue: scheduleDeadLetters && { queue: scheduleDeadLetters.queue, encryptionKey: stateful.key },
      prefix: config.prefix,
      logEncryptionKey: stateful.key,
      logRetention: props.logRetention,
      tracing,
      environment: {
        [environmentNames.jwtIssuer]: config.identityProvider.issuer,
        [environmentNames.jwtAudience]: config.identityProvider.audience,
        [environmentNames.jwksUrl]: config.identityProvider.jwksUri,
        [environmentNames.departmentRolePrefix]: departmentRolePrefix(config.prefix),
      },
    });
    for (const group of spec.settings ?? []) {
      for (const [name, value] of Object.entries(settingVariables(group, config))) appFunction.function.addEnvironment(name, value);
    }
    for (const [table, grant] of Object.entries(spec.tables) as [TableName, TableGrant | readonly TableGrant[]][]) {
      appFunction.bindTable(stateful.tables[table], grant);
    }
    for (const queue of spec.sendsTo) {
      appFunction.bindQueue(stateful.queues[queue]);
    }
    if (spec.personalData) {
      appFunction.bindPersonalDataKeys(stateful.personalDataKeys);
    }
    if (spec.recordSeals) {
      appFunction.bindRecordSealKey(stateful.recordSealKey);
    }
    if (spec.keepsPersonalDataKeys) {
      appFunction.keepPersonalDataKeys();
    }
    if (spec.auditTrail) {
      appFunction.bindAuditTrail(stateful.auditTrail);
    }
    if (spec.webhookSecrets) {
      appFunction.bindWebhookSecretKey(stateful.webhookSecretKey);
    }
    if (spec.callsWebhookEndpoints) {
      // Fixed, never from the configuration: only the local runtime's switch allows loopback endpoints.
      appFunction.function.addEnvironment(environmentNames.webhookLoopbackTargets, 'refused');
    }
    if (spec.sendsSms) {
      // No SMS provider in China is configured yet: attempts fail as `unavailable` (the local runtime writes them to its sink).
      appFunction.function.addEnvironment(environmentNames.smsSink, 'unavailable');
    }
    if (spec.publishesSignalEvents) {
      this.alertEventBus.grantPutEventsTo(appFunction.function);
      appFunction.function.addEnvironment(environmentNames.alertEventBus, this.alertEventBus.eventBusName);
    }
    return appFunction;
  }

  /**
   * One dead-letter queue per scheduled function: ticks EventBridge could not deliver and ticks
   * that still failed after Lambda's own retries both land there, and both raise the alarm.
   */
  private createScheduleDeadLetterQueues(prefix: string, stateful: StatefulResources): Map<string, DeadLetterQueue> {
    const byFunction = new Map<string, DeadLetterQueue>();
    for (const schedule of schedules) {
      if (!byFunction.has(schedule.function)) {
        byFunction.set(
          schedule.function,
          new DeadLetterQueue(this, `${schedule.function}-schedule-dead-letters`, {
            queueName: `${prefix}-${schedule.function}-schedule-dlq`,
            encryptionKey: stateful.key,
            alarmTopic: stateful.alarmTopic,
            purpose: `Scheduled invocations of ${schedule.function} that failed after retries.`,
            source: 'schedule',
          }),
        );
      }
    }
    return byFunction;
  }

  private createSchedules(prefix: string, deadLetters: ReadonlyMap<string, DeadLetterQueue>): void {
    for (const schedule of schedules) {
      new Rule(this, `${schedule.name}-schedule`, {
        ruleName: `${prefix}-${schedule.name}`,
        description: schedule.description,
        schedule: Schedule.expression(schedule.expression),
        targets: [
          new LambdaFunction(this.functionNamed(schedule.function).function, {
            retryAttempts: 3,
            // A later tick catches up on everything due, so a stale tick is not worth retrying.
            maxEventAge: Duration.minutes(10),
            deadLetterQueue: deadLetters.get(schedule.function)?.queue,
          }),
        ],
      });
    }
  }

  /**
   * The bus rules that fill queues (`QueueSpec.fedBy`): every event of the sources, as EventBridge
   * delivers it, onto the queue. The queue's own policy (stateful stack) lets this rule, by name,
   * send; the queue is referenced by ARN only, so CDK adds nothing to that policy from here.
   */
  private createBusRules(prefix: string, stateful: StatefulResources): void {
    for (const spec of queues) {
      if (spec.fedBy === undefined) continue;
      const queue = stateful.queues[spec.name];
      const target = Queue.fromQueueAttributes(this, `${spec.name}-bus-target`, { queueArn: queue.queue.queueArn, keyArn: stateful.key.keyArn });
      // Events the rule could not put on the queue wait in the queue's own dead-letter queue (alarmed; `npm run redrive` moves them back).
      const deadLetters = Queue.fromQueueAttributes(this, `${spec.name}-bus-dead-letters`, {
        queueArn: queue.deadLetterQueue.queueArn,
        keyArn: stateful.key.keyArn,
      });
      const rule = new Rule(this, `${spec.fedBy.rule}-rule`, {
        ruleName: busRuleName(prefix, spec.fedBy.rule),
        description: `Signal events of ${spec.fedBy.sources.join(', ')} onto the ${spec.name} queue.`,
        eventBus: this.alertEventBus,
        eventPattern: { source: [...spec.fedBy.sources] },
        targets: [new SqsQueue(target, { deadLetterQueue: deadLetters, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
      });
      acknowledge(rule, securityAcknowledgments.busRuleTargetOfTheSameDeployment);
    }
  }

  /** @param siteOrigin the origin of a site whose pages call the API directly: its gateway refusals are readable there */
  private createApi(config: DeploymentConfig, key: IKey, logRetention: RetentionDays, tracing: boolean, siteOrigin: string | undefined): RestApi {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${config.prefix}-access`,
      encryptionKey: key,
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const api = new RestApi(this, 'Api', {
      restApiName: `${config.prefix}-api`,
      description: 'e-supervision: department ingest (SigV4), console (OIDC JWT), public documents',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // Written notices and evaluation reports are served as PDF, reports also as Excel: the proxy
      // integration's base64 body is sent as bytes to callers that accept these types.
      binaryMediaTypes: ['application/pdf', reportMediaTypes.xlsx],
      cloudWatchRole: false,
      // With a domain of its own, the API answers there only (TLS 1.2 at least): the default
      // execute-api endpoint would be a second door with the gateway's own certificate and policy.
      ...(config.api.customDomain
        ? {
            disableExecuteApiEndpoint: true,
            domainName: {
              domainName: config.api.customDomain.domainName,
              certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', config.api.customDomain.certificateArn),
              endpointType: EndpointType.REGIONAL,
              securityPolicy: SecurityPolicy.TLS_1_2,
            },
          }
        : {}),
      deployOptions: {
        stageName: apiStageName,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            extendedRequestId: AccessLogField.contextExtendedRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            sourceIp: AccessLogField.contextIdentitySourceIp(),
            caller: AccessLogField.contextIdentityUserArn(),
            httpMethod: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            protocol: AccessLogField.contextProtocol(),
            responseLength: AccessLogField.contextResponseLength(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            wafStatus: AccessLogField.contextWafStatus(),
            authorizerStatus: AccessLogField.contextAuthorizerStatus(),
            errorType: AccessLogField.contextErrorResponseType(),
          }),
        ),
        // Execution logs at ERROR only, never request or response bodies: they carry personal data.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: tracing,
        throttlingRateLimit: config.api.throttling.rateLimit,
        throttlingBurstLimit: config.api.throttling.burstLimit,
        methodOptions: complaintFilingThrottling(),
      },
    });

    // API Gateway would create the execution log group itself, unencrypted and kept forever.
    const executionLogs = new LogGroup(this, 'ApiExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${api.restApiId}/${apiStageName}`,
      encryptionKey: key,
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    api.deploymentStage.node.addDependency(executionLogs, this.createApiGatewayLogging(accessLogs, executionLogs));

    for (const type of [ResponseType.DEFAULT_4XX, ResponseType.DEFAULT_5XX]) {
      api.addGatewayResponse(`Problem${type.responseType}`, {
        type,
        // A console on the site's own origin reads the refusal (401: sign in again; 429; 5xx); one origin, so a static header does.
        responseHeaders: {
          'Content-Type': `'${gatewayRefusalContentType}'`,
          ...(siteOrigin === undefined ? {} : { 'Access-Control-Allow-Origin': `'${siteOrigin}'`, Vary: "'Origin'" }),
        },
        // Refused before any function ran (authorizer, throttling, unknown route): API Gateway's own
        // English message, so the documented type says it in Chinese; `instance` as in every problem.
        templates: {
          'application/json': gatewayRefusalTemplate,
        },
      });
    }

    const requestValidator = new RequestValidator(this, 'RequestValidator', {
      restApi: api,
      requestValidatorName: `${config.prefix}-parameters`,
      // Bodies are validated by the functions with the zod wire schemas (per-record verdicts).
      validateRequestParameters: true,
      validateRequestBody: false,
    });
    // A REQUEST authorizer (not TOKEN): the lockout after repeated failed authentication needs the
    // caller's source address, which only a REQUEST authorizer receives. The Authorization header is
    // still its identity source, so a request without one is answered 401 before any Lambda runs; a
    // department's SigV4 header reaches it and gets its 403 (known caller, wrong route).
    const staffAuthorizer = new RequestAuthorizer(this, 'StaffAuthorizer', {
      authorizerName: `${config.prefix}-staff`,
      handler: this.functionNamed(staffAuthorizerFunction).function,
      identitySources: [IdentitySource.header('Authorization')],
      resultsCacheTtl: staffAuthorizerCacheTtl,
    });

    const authorization = (route: RouteSpec): MethodOptions => {
      switch (route.auth) {
        case 'department':
          // The signature says who the department is; its API key which usage plan limits apply.
          return { authorizationType: AuthorizationType.IAM, apiKeyRequired: true };
        case 'staff':
          return { authorizationType: AuthorizationType.CUSTOM, authorizer: staffAuthorizer };
        case 'public':
          return { authorizationType: AuthorizationType.NONE };
      }
    };
    for (const route of routes) {
      const method = api.root
        .resourceForPath(route.path)
        // One invoke permission a function for this API, not one a method: per-method permissions took 78 of the
        // stack's resources (CloudFormation allows 500). API Gateway still calls a function only from the methods integrated with it.
        .addMethod(route.method, new LambdaIntegration(this.functionNamed(route.function).function, { scopePermissionToMethod: false }), {
          ...authorization(route),
          requestValidator,
          requestParameters: Object.fromEntries(pathParameters(route.path).map((name) => [`method.request.path.${name}`, true])),
        });
      if (route.auth === 'public') {
        acknowledge(
          method,
          route.path.startsWith(publicComplaintLimits.pathPrefix) ? securityAcknowledgments.publicComplaintRoute : securityAcknowledgments.publicRoute,
        );
      }
    }
    acknowledge(api, securityAcknowledgments.bodyValidatedByFunction, securityAcknowledgments.noCognitoUserPools);
    if (!tracing) {
      acknowledge(api, securityAcknowledgments.noApiTracingInChina);
    }
    return api;
  }

  /**
   * The departments' usage plan and one API key per configured department. API Gateway applies a
   * usage plan's throttle (token bucket) and quota to each API key on its own, so each department
   * has its own limits: a new Roles Anywhere session (a new `x-amz-security-token`) does not reset
   * them, and one department cannot spend another's without holding that department's key. The
   * keys' values are generated by API Gateway and never appear in a template.
   */
  private createDepartmentUsagePlan(config: DeploymentConfig): Record<string, IApiKey> {
    const plan = this.api.addUsagePlan('UsagePlan', {
      name: `${config.prefix}-departments`,
      description: "Each department's limits, applied per API key (one key per department); the stage throttle caps the whole API.",
      throttle: { rateLimit: config.api.departmentThrottling.rateLimit, burstLimit: config.api.departmentThrottling.burstLimit },
      quota: { limit: config.api.quota.limit, period: Period[config.api.quota.period] },
      apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
    });
    return Object.fromEntries(
      config.departments.map((department) => {
        const key = new ApiKey(this, `DepartmentApiKey-${department.id}`, {
          apiKeyName: departmentApiKeyName(config.prefix, department.id),
          description: `Department ${department.id}: identifies its requests to the departments' usage plan (throttle and quota)`,
          enabled: true,
        });
        Tags.of(key).add('department', department.id);
        plan.addApiKey(key);
        return [department.id, key];
      }),
    );
  }

  /**
   * The region-wide API Gateway setting that lets it write logs, with a role limited to this
   * API's two log groups (instead of the AWS managed policy on every log group).
   */
  private createApiGatewayLogging(accessLogs: LogGroup, executionLogs: LogGroup): CfnAccount {
    const role = new Role(this, 'ApiGatewayLoggingRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write the access and execution logs of this API',
      inlinePolicies: {
        WriteApiLogs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
              resources: [accessLogs.logGroupArn, executionLogs.logGroupArn],
            }),
          ],
        }),
      },
    });
    // The setting outlives this stack: other APIs of the account may rely on it.
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const account = new CfnAccount(this, 'ApiGatewayAccount', { cloudWatchRoleArn: role.roleArn });
    account.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return account;
  }

  /**
   * One role per configured department, trusted only through the configured trust anchor for a
   * certificate of the configured CA naming the department. A revoked department's role trusts
   * no session and denies its routes outright, so the sessions it already has stop at once.
   */
  private createDepartmentRoles(config: DeploymentConfig): Role[] {
    const departmentRoutes = routes.filter((route) => route.auth === 'department');
    const trustAnchorArn = this.formatArn({ service: 'rolesanywhere', resource: 'trust-anchor', resourceName: trustAnchorId(config) });
    return config.departments.map((department) => {
      const revoked = department.revoked !== undefined;
      const role = new Role(this, `Department-${department.id}`, {
        roleName: departmentRoleName(config.prefix, department.id),
        description: revoked
          ? `Department ${department.id} (${department.jurisdiction}): certificate revoked since ${department.revoked?.since}; may do nothing`
          : `Department ${department.id} (${department.jurisdiction}): may push records, read and answer its own alerts, and read the accountability measures about it`,
        maxSessionDuration: Duration.hours(1),
        assumedBy: new RolesAnywherePrincipal(departmentTrustConditions(trustAnchorArn, config.departmentCertificates, department.id), revoked),
      });
      // Tags carry the department and its jurisdiction on the role itself, for access reviews.
      Tags.of(role).add('department', department.id);
      Tags.of(role).add('jurisdiction', department.jurisdiction);
      if (department.revoked) Tags.of(role).add('revoked', department.revoked.since);
      // A route naming a department is the role's own department's only.
      const ownPaths = departmentRoutes.map((route) => ({ method: route.method, path: executeApiPath(route.path.replace('{department}', department.id)) }));
      role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: revoked ? Effect.DENY : Effect.ALLOW,
          actions: ['execute-api:Invoke'],
          resources: ownPaths.map(({ method, path }) => this.api.arnForExecuteApi(method, path, apiStageName)),
        }),
      );
      const apiReference = `<${this.getLogicalId(this.api.node.defaultChild as CfnElement)}>`;
      for (const { method, path } of ownPaths.filter(({ path }) => path.includes('*'))) {
        acknowledge(
          role,
          departmentOwnAlertRouteOf(`arn:<AWS::Partition>:execute-api:${this.region}:${this.account}:${apiReference}/${apiStageName}/${method}${path}`),
        );
      }
      return role;
    });
  }
}
