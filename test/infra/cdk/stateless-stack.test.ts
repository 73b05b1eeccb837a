import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultTimeoutSeconds,
  deployedNoticeFontFile,
  memoryMiBOf,
  noticeRenderingMemoryMiB,
  repositoryRoot,
  tableGrantsOf,
} from '#infra/cdk/constructs/app-function.ts';
import { personalDataRoleName } from '#infra/cdk/constructs/personal-data-keys.ts';
import { recordSealRoleName } from '#infra/cdk/constructs/record-seal-key.ts';
import { settingVariables } from '#infra/cdk/function-settings.ts';
import { departmentRoleName, tracingEnabled } from '#infra/cdk/deployment-config.ts';
import { apiStageName, departmentApiKeyName, publicComplaintLimits } from '#infra/cdk/stateless-stack.ts';
import { cityStructureOf } from '#infra/cdk/deployment-step-properties.ts';
import { complaintEventSource } from '#shared/domain/complaints/complaint-signal-events.ts';
import { supervisionEventSource } from '#shared/domain/supervision-cases/supervision-signal-events.ts';
import {
  alertEventBus,
  deploymentSteps,
  environmentNames,
  functions,
  handlerPath,
  queues,
  raiseSecurityEvents,
  routes,
  schedules,
  staffAuthorizerFunction,
  type FunctionSpec,
  type TableGrant,
  type TableName,
} from '#shared/topology.ts';
import { synthesizeDeployments, type SynthesizedDeployment } from './synthesize-deployments.ts';

type Resource = { Properties: Record<string, any>; DependsOn?: string[] };
type Resources = Record<string, Resource>;

let deployments: readonly SynthesizedDeployment[];
let dispose = (): void => {};

beforeAll(() => {
  ({ deployments, dispose } = synthesizeDeployments());
}, 120_000);

afterAll(() => dispose());

const resources = (template: Template, type: string): Resources => template.findResources(type) as Resources;

/** Full path (`/v1/records`) of every API Gateway resource, by logical id. */
const resourcePaths = (template: Template): Map<string, string> => {
  const all = resources(template, 'AWS::ApiGateway::Resource');
  const pathOf = (id: string): string => {
    const resource = all[id];
    if (resource === undefined) return '';
    return `${pathOf(resource.Properties.ParentId.Ref ?? '')}/${resource.Properties.PathPart}`;
  };
  return new Map(Object.keys(all).map((id) => [id, pathOf(id)]));
};

/** Every deployed method as `METHOD /path`, with its properties. */
const deployedMethods = (template: Template): Map<string, Resource['Properties']> => {
  const paths = resourcePaths(template);
  return new Map(
    Object.values(resources(template, 'AWS::ApiGateway::Method')).map((method) => [
      `${method.Properties.HttpMethod} ${method.Properties.ResourceId.Ref ? paths.get(method.Properties.ResourceId.Ref) : '/'}`,
      method.Properties,
    ]),
  );
};

const functionLogicalId = (template: Template, functionName: string): string => {
  const found = Object.entries(resources(template, 'AWS::Lambda::Function')).find(([, fn]) => fn.Properties.FunctionName === functionName);
  if (found === undefined) throw new Error(`no function ${functionName}`);
  return found[0];
};

const statementsOfRole = (template: Template, roleLogicalId: string): any[] =>
  Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('stateless stack', () => {
  it('has a handler file for every function of the topology', () => {
    // Act
    const missing = functions.filter((spec) => !existsSync(join(repositoryRoot, handlerPath(spec.name))));

    // Assess
    expect(missing).toEqual([]);
  });

  it('deploys every function of the topology on Node 22, arm64, with its memory and timeout', () => {
    for (const deployment of deployments) {
      for (const spec of functions as readonly FunctionSpec[]) {
        // Act / Assess
        deployment.stateless.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: `${deployment.config.prefix}-${spec.name}`,
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          MemorySize: memoryMiBOf(spec),
          Timeout: spec.timeoutSeconds ?? defaultTimeoutSeconds,
          Environment: {
            Variables: Match.objectLike({
              POWERTOOLS_SERVICE_NAME: spec.name,
              LOG_LEVEL: 'INFO',
              NODE_OPTIONS: '--enable-source-maps',
              [environmentNames.jwtIssuer]: deployment.config.identityProvider.issuer,
              [environmentNames.jwtAudience]: deployment.config.identityProvider.audience,
              [environmentNames.jwksUrl]: deployment.config.identityProvider.jwksUri,
              [environmentNames.departmentRolePrefix]: `${deployment.config.prefix}-department-`,
            }),
          },
        });
      }
    }
  });

  it('traces functions and the API stage outside aws-cn only', () => {
    for (const deployment of deployments) {
      // Prepare
      const expected = tracingEnabled(deployment.config);

      // Act
      const functionTracing = Object.values(resources(deployment.stateless, 'AWS::Lambda::Function')).map(
        (fn) => fn.Properties.TracingConfig?.Mode === 'Active',
      );
      const stage = Object.values(resources(deployment.stateless, 'AWS::ApiGateway::Stage'))[0];

      // Assess
      expect(expected).toBe(deployment.config.region.startsWith('cn-') ? false : true);
      expect(new Set(functionTracing)).toEqual(new Set([expected]));
      expect(stage?.Properties.TracingEnabled).toBe(expected);
    }
  });

  it('gives each function exactly the item actions, indexes and leading keys its spec declares: audit append-only, no Scan anywhere', () => {
    for (const deployment of deployments) {
      // Prepare
      const tableIds = Object.fromEntries(
        Object.entries(resources(deployment.stateful, 'AWS::DynamoDB::GlobalTable')).map(([id, table]) => [table.Properties.TableName, id]),
      );
      for (const spec of functions as readonly FunctionSpec[]) {
        const fn = resources(deployment.stateless, 'AWS::Lambda::Function')[
          functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${spec.name}`)
        ]!;
        const statements = statementsOfRole(deployment.stateless, fn.Properties.Role['Fn::GetAtt'][0]);

        // Act
        const dynamoActionsByTable = new Map<TableName, Set<string>>();
        for (const statement of statements) {
          const actions = asArray<string>(statement.Action).filter((action) => action.startsWith('dynamodb:'));
          if (actions.length === 0) continue;
          for (const [name, id] of Object.entries(tableIds)) {
            const table = name.slice(deployment.config.prefix.length + 1) as TableName;
            if (JSON.stringify(statement.Resource).includes(`FnGetAtt${id}Arn`)) {
              dynamoActionsByTable.set(table, new Set([...(dynamoActionsByTable.get(table) ?? []), ...actions]));
            }
          }
        }

        // Assess
        const declared = Object.entries(spec.tables) as [TableName, TableGrant | readonly TableGrant[]][];
        expect([...dynamoActionsByTable.keys()].sort()).toEqual(declared.map(([table]) => table).sort());
        for (const [table, grant] of declared) {
          const granted = [...(dynamoActionsByTable.get(table) ?? [])].sort();
          const grants = tableGrantsOf(grant);
          const expected = new Set(
            grants.flatMap((each) => [...each.actions.map((action) => `dynamodb:${action}`), ...((each.indexes ?? []).length > 0 ? ['dynamodb:Query'] : [])]),
          );
          expect(granted).toEqual([...expected].sort());
          // The audit store is append-only for every application role, under its own partitions (security.md):
          // writers put; only the sealer and the auditor's API read (Query); no role updates or deletes.
          if (table === 'audit') {
            expect(granted).toEqual(
              spec.auditTrail === undefined ? ['dynamodb:PutItem'] : spec.auditTrail === 'seal' ? ['dynamodb:Query'] : ['dynamodb:PutItem', 'dynamodb:Query'],
            );
            expect(grants.every((each) => each.leadingKeys?.every((pattern) => pattern.startsWith('AUDIT#')) ?? false)).toBe(true);
          }
          expect(fn.Properties.Environment.Variables[environmentNames.tables[table]]).toBeDefined();
        }
        // A grant bounded by leading keys carries the condition in the template.
        const bounded = declared.flatMap(([, grant]) => tableGrantsOf(grant)).filter((each) => each.leadingKeys !== undefined);
        for (const each of bounded) {
          expect(statements).toContainEqual(
            expect.objectContaining({ Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...each.leadingKeys!] } } }),
          );
        }
        expect(JSON.stringify(statements)).not.toContain('dynamodb:Scan');
        expect(JSON.stringify(statements)).not.toMatch(/"dynamodb:\*"|"Action":"\*"/);
      }
    }
  });

  it("hands each function the settings it reads, from its deployment configuration, and no function another's", () => {
    for (const deployment of deployments) {
      // Prepare
      const settingNames = new Set<string>(Object.values(environmentNames.settings));
      for (const spec of functions as readonly FunctionSpec[]) {
        const fn = resources(deployment.stateless, 'AWS::Lambda::Function')[
          functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${spec.name}`)
        ]!;
        const variables = fn.Properties.Environment.Variables as Record<string, unknown>;

        // Act
        const expected = Object.assign({}, ...(spec.settings ?? []).map((group) => settingVariables(group, deployment.config))) as Record<string, string>;
        const given = Object.fromEntries(Object.entries(variables).filter(([name]) => settingNames.has(name)));

        // Assess
        expect(given, spec.name).toEqual(expected);
      }
    }
  });

  it('lets API Gateway invoke exactly the functions of the routes, each from this API only, and EventBridge each scheduled function from its rule', () => {
    for (const deployment of deployments) {
      // Prepare
      const permissions = Object.values(resources(deployment.stateless, 'AWS::Lambda::Permission')).map((permission) => permission.Properties);
      const [apiId] = Object.keys(resources(deployment.stateless, 'AWS::ApiGateway::RestApi'));
      const invokers = (spec: FunctionSpec, principal: string): string[] => {
        const functionId = functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${spec.name}`);
        return permissions
          .filter((permission) => permission.Principal === principal && JSON.stringify(permission.FunctionName).includes(functionId))
          .map((permission) => JSON.stringify(permission.SourceArn));
      };

      for (const spec of functions as readonly FunctionSpec[]) {
        // Act
        const fromApi = invokers(spec, 'apigateway.amazonaws.com');
        const fromSchedules = invokers(spec, 'events.amazonaws.com');

        // Assess: the local API and scheduler invoke handlers directly; AWS needs these permissions.
        // One permission a function for the methods of this API (`<api>/*/*/*`), the authorizer's apart.
        if (routes.some((route) => route.function === spec.name)) {
          expect(
            fromApi.filter((source) => !source.includes('/authorizers/')),
            spec.name,
          ).toEqual([expect.stringMatching(new RegExp(`\\{"Ref":"${apiId}"\\},"/\\*/\\*/\\*"`))]);
        }
        if (spec.name === staffAuthorizerFunction) expect(fromApi.some((source) => source.includes('/authorizers/'))).toBe(true);
        if (!routes.some((route) => route.function === spec.name) && spec.name !== staffAuthorizerFunction) expect(fromApi, spec.name).toEqual([]);
        expect(fromSchedules.length, spec.name).toBe(schedules.filter((schedule) => schedule.function === spec.name).length);
      }
    }
  });

  it('lets only the declared senders send to each queue, each knowing its URL', () => {
    for (const deployment of deployments) {
      for (const spec of functions as readonly FunctionSpec[]) {
        // Prepare
        const fn = resources(deployment.stateless, 'AWS::Lambda::Function')[
          functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${spec.name}`)
        ]!;

        // Act
        const sends = statementsOfRole(deployment.stateless, fn.Properties.Role['Fn::GetAtt'][0]).some((statement) =>
          asArray<string>(statement.Action).includes('sqs:SendMessage'),
        );

        // Assess
        const declared = spec.sendsTo.length > 0 || schedules.some((schedule) => schedule.function === spec.name);
        expect(sends).toBe(declared);
        for (const queue of spec.sendsTo) {
          expect(fn.Properties.Environment.Variables[environmentNames.queues[queue]]).toBeDefined();
        }
      }
    }
  });

  it('serves every route of the topology with the function and authorization it declares', () => {
    for (const deployment of deployments) {
      // Prepare
      const methods = deployedMethods(deployment.stateless);
      const [authorizerId, authorizer] = Object.entries(resources(deployment.stateless, 'AWS::ApiGateway::Authorizer'))[0]!;

      for (const route of routes) {
        // Act
        const method = methods.get(`${route.method} ${route.path}`);

        // Assess
        expect(method, `${route.method} ${route.path}`).toBeDefined();
        const functionId = functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${route.function}`);
        expect(JSON.stringify(method?.Integration.Uri)).toContain(`"${functionId}","Arn"`);
        expect(method?.Integration.Type).toBe('AWS_PROXY');
        const expectedAuthorization = { department: 'AWS_IAM', staff: 'CUSTOM', public: 'NONE' }[route.auth];
        expect(method?.AuthorizationType).toBe(expectedAuthorization);
        // A department's API key names its usage-plan limits; no other route asks for one.
        expect(method?.ApiKeyRequired === true, `${route.method} ${route.path}`).toBe(route.auth === 'department');
        if (route.auth === 'staff') {
          expect(method?.AuthorizerId).toEqual({ Ref: authorizerId });
        }
      }
      expect(authorizer.Properties).toMatchObject({
        // REQUEST: the lockout after repeated failed authentication needs the caller's source address.
        Type: 'REQUEST',
        IdentitySource: 'method.request.header.Authorization',
        // Per-route decisions must not be cached per token.
        AuthorizerResultTtlInSeconds: 0,
      });
      expect(authorizer.Properties.IdentityValidationExpression).toBeUndefined();
      expect(JSON.stringify(authorizer.Properties.AuthorizerUri)).toContain(
        functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${staffAuthorizerFunction}`),
      );
      // Besides the routes, only CORS preflights (OPTIONS, see constructs/public-cors.test.ts).
      expect([...methods.keys()].filter((key) => !key.startsWith('OPTIONS ')).length).toBe(routes.length);
    }
  });

  it('leaves no method unauthenticated except the routes declared public (and OPTIONS)', () => {
    for (const deployment of deployments) {
      // Prepare
      const publicRoutes = new Set(routes.filter((route) => route.auth === 'public').map((r) => `${r.method} ${r.path}`));

      // Act
      const unauthenticated = [...deployedMethods(deployment.stateless).entries()]
        .filter(([, method]) => method.AuthorizationType === undefined || method.AuthorizationType === 'NONE')
        .map(([key]) => key)
        .filter((key) => !key.startsWith('OPTIONS '));

      // Assess
      expect(unauthenticated.sort()).toEqual([...publicRoutes].sort());
    }
  });

  it('validates path parameters of every route before the function runs', () => {
    for (const deployment of deployments) {
      // Prepare
      const methods = deployedMethods(deployment.stateless);

      for (const route of routes.filter((candidate) => candidate.path.includes('{'))) {
        // Act
        const method = methods.get(`${route.method} ${route.path}`);

        // Assess
        for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
          expect(method?.RequestParameters[`method.request.path.${name}`]).toBe(true);
        }
        expect(method?.RequestValidatorId).toBeDefined();
      }
    }
  });

  it('consumes each queue with its declared consumer, batch size and partial batch failures', () => {
    for (const deployment of deployments) {
      // Prepare
      const queueIds = Object.fromEntries(
        Object.entries(resources(deployment.stateful, 'AWS::SQS::Queue')).map(([id, queue]) => [queue.Properties.QueueName, id]),
      );
      for (const spec of queues) {
        const consumerId = functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${spec.consumer}`);

        // Act
        const mappings = Object.values(resources(deployment.stateless, 'AWS::Lambda::EventSourceMapping')).filter((mapping) =>
          JSON.stringify(mapping.Properties.EventSourceArn).includes(`FnGetAtt${queueIds[`${deployment.config.prefix}-${spec.name}`]}Arn`),
        );

        // Assess
        expect(mappings).toHaveLength(1);
        expect(mappings[0]?.Properties).toMatchObject({
          FunctionName: { Ref: consumerId },
          BatchSize: spec.batchSize,
          MaximumBatchingWindowInSeconds: spec.maxBatchingWindowSeconds,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: deployment.config.processing.maxConcurrency },
        });
      }
    }
  });

  it('fires each schedule at its function with retries and an encrypted dead-letter queue', () => {
    for (const deployment of deployments) {
      for (const schedule of schedules) {
        // Prepare
        const functionId = functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${schedule.function}`);
        const fn = resources(deployment.stateless, 'AWS::Lambda::Function')[functionId]!;

        // Act / Assess
        deployment.stateless.hasResourceProperties('AWS::Events::Rule', {
          Name: `${deployment.config.prefix}-${schedule.name}`,
          ScheduleExpression: schedule.expression,
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
              RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
              DeadLetterConfig: { Arn: Match.anyValue() },
            }),
          ],
        });
        expect(fn.Properties.DeadLetterConfig?.TargetArn).toBeDefined();
      }
    }
  });

  it('writes every log group with the customer-managed key and keeps it at least a year', () => {
    for (const deployment of deployments) {
      // Prepare
      const logGroups = [deployment.stateful, deployment.stateless, deployment.monitoring, deployment.backupCopyVault].flatMap((template) =>
        Object.values(resources(template, 'AWS::Logs::LogGroup')),
      );

      // Act / Assess
      expect(logGroups.length).toBeGreaterThanOrEqual(functions.length + 2);
      for (const logGroup of logGroups) {
        expect(logGroup.Properties.KmsKeyId).toBeDefined();
        expect(logGroup.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
      }
      for (const spec of functions) {
        deployment.stateless.hasResourceProperties('AWS::Logs::LogGroup', {
          LogGroupName: `/aws/lambda/${deployment.config.prefix}-${spec.name}`,
        });
      }
    }
  });

  it('pre-creates the API execution log group, so API Gateway never makes an unencrypted one', () => {
    for (const deployment of deployments) {
      // Prepare
      const [stageId, stage] = Object.entries(resources(deployment.stateless, 'AWS::ApiGateway::Stage'))[0]!;
      const [apiId] = Object.keys(resources(deployment.stateless, 'AWS::ApiGateway::RestApi'));

      // Act
      const executionLogs = Object.entries(resources(deployment.stateless, 'AWS::Logs::LogGroup')).find(
        ([, group]) =>
          JSON.stringify(group.Properties.LogGroupName) ===
          JSON.stringify({ 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: apiId }, `/${apiStageName}`]] }),
      );

      // Assess
      expect(executionLogs, stageId).toBeDefined();
      expect(stage.DependsOn).toContain(executionLogs![0]);
      expect(stage.Properties.MethodSettings).toContainEqual(
        expect.objectContaining({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false }),
      );
      for (const setting of stage.Properties.MethodSettings) {
        expect(setting).toMatchObject({ LoggingLevel: 'ERROR', DataTraceEnabled: false });
      }
    }
  });

  it("takes the consumer's maximum concurrency from the configuration", () => {
    // Prepare: the same deployment with another limit.
    const deployment = deployments[0]!;
    const config = { ...deployment.config, processing: { maxConcurrency: 17 } };

    // Act
    const {
      deployments: [changed],
      dispose: disposeChanged,
    } = synthesizeDeployments({ configs: [config], securityChecks: false });

    // Assess
    try {
      const mappings = Object.values(resources(changed!.stateless, 'AWS::Lambda::EventSourceMapping'));
      // Every queue's consumer (the records' and the webhook deliveries').
      expect(mappings.map((mapping) => mapping.Properties.ScalingConfig)).toEqual(queues.map(() => ({ MaximumConcurrency: 17 })));
    } finally {
      disposeChanged();
    }
  });

  it('logs API access as JSON and throttles the stage as configured', () => {
    for (const deployment of deployments) {
      // Prepare
      const stage = Object.values(resources(deployment.stateless, 'AWS::ApiGateway::Stage'))[0]!;

      // Act
      const format = JSON.parse(stage.Properties.AccessLogSetting.Format) as Record<string, string>;

      // Assess
      expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
      expect(stage.Properties.MethodSettings.find((setting: any) => setting.ResourcePath === '/*')).toMatchObject({
        ThrottlingRateLimit: deployment.config.api.throttling.rateLimit,
        ThrottlingBurstLimit: deployment.config.api.throttling.burstLimit,
      });
    }
  });

  it("gives each configured department its own API key in the departments' usage plan, whose throttle and quota apply per key", () => {
    for (const deployment of deployments) {
      // Prepare
      const [planId, plan] = Object.entries(resources(deployment.stateless, 'AWS::ApiGateway::UsagePlan'))[0]!;
      const keys = resources(deployment.stateless, 'AWS::ApiGateway::ApiKey');
      const planKeys = Object.values(resources(deployment.stateless, 'AWS::ApiGateway::UsagePlanKey'));

      // Act
      const keyNames = Object.values(keys).map((key) => key.Properties.Name);
      const keysInPlan = planKeys
        .filter((planKey) => planKey.Properties.UsagePlanId.Ref === planId)
        .map((planKey) => keys[planKey.Properties.KeyId.Ref]?.Properties.Name);

      // Assess
      expect(Object.keys(resources(deployment.stateless, 'AWS::ApiGateway::UsagePlan'))).toHaveLength(1);
      expect(plan.Properties).toMatchObject({
        Throttle: { RateLimit: deployment.config.api.departmentThrottling.rateLimit, BurstLimit: deployment.config.api.departmentThrottling.burstLimit },
        Quota: { Limit: deployment.config.api.quota.limit, Period: deployment.config.api.quota.period },
      });
      const expected = deployment.config.departments.map((department) => departmentApiKeyName(deployment.config.prefix, department.id)).sort();
      expect(keyNames.sort()).toEqual(expected);
      expect(keysInPlan.sort()).toEqual(expected);
      for (const key of Object.values(keys)) {
        // API Gateway generates each value: no secret in the template, and no stage binding (the plan is the binding).
        expect(key.Properties).toMatchObject({ Enabled: true });
        expect(key.Properties.Value).toBeUndefined();
        expect(key.Properties.StageKeys).toBeUndefined();
      }
    }
  });

  it('guards the stage with a regional web ACL: common rule set, rate limits per staff token and per address, none on a session token', () => {
    for (const deployment of deployments) {
      // Prepare
      const [stageId] = Object.keys(resources(deployment.stateless, 'AWS::ApiGateway::Stage'));
      const [aclId, acl] = Object.entries(resources(deployment.stateless, 'AWS::WAFv2::WebACL'))[0]!;
      const rules = acl.Properties.Rules as any[];

      // Act
      const rateKeys = rules
        .map((rule) => rule.Statement.RateBasedStatement)
        .filter(Boolean)
        .map((rate) => (rate.AggregateKeyType === 'IP' ? 'IP' : rate.CustomKeys[0].Header.Name));

      // Assess
      expect(acl.Properties.Scope).toBe('REGIONAL');
      expect(rules.map((rule) => rule.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean)).toEqual(['AWSManagedRulesCommonRuleSet']);
      // A Roles Anywhere session token changes at each sign-in: departments are limited by their API key instead.
      // With a site in front, requests through it are counted per viewer by the header its distribution writes.
      expect(rateKeys).toEqual(
        deployment.config.site === undefined || deployment.config.region.startsWith('cn-')
          ? ['authorization', 'IP', 'IP']
          : ['authorization', 'IP', 'x-viewer-address', 'IP', 'x-viewer-address'],
      );
      // Each receipt number in a WAF log sits beside its query token unless that header is redacted.
      const [logging] = Object.values(resources(deployment.stateless, 'AWS::WAFv2::LoggingConfiguration'));
      const redacted = logging!.Properties.RedactedFields.map((field: { SingleHeader: { Name: string } }) => field.SingleHeader.Name);
      expect(redacted).toEqual(
        expect.arrayContaining(['authorization', 'x-amz-security-token', 'x-api-key', 'x-query-token', 'x-site-origin-verification', 'cookie']),
      );
      deployment.stateless.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
        WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
      });
      expect(JSON.stringify(resources(deployment.stateless, 'AWS::WAFv2::WebACLAssociation'))).toContain(`"Ref":"${stageId}"`);
    }
  });

  it('gives each configured department one role, trusted only through Roles Anywhere for its own certificate', () => {
    for (const deployment of deployments) {
      for (const department of deployment.config.departments) {
        // Act / Assess: the condition block is exactly this (department-roles.test.ts looks at each part).
        deployment.stateless.hasResourceProperties('AWS::IAM::Role', {
          RoleName: departmentRoleName(deployment.config.prefix, department.id),
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'rolesanywhere.amazonaws.com' },
                Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
                Condition: {
                  ArnEquals: { 'aws:SourceArn': Match.anyValue() },
                  StringEquals: Match.objectEquals({
                    'aws:PrincipalTag/x509Subject/CN': department.id,
                    'aws:PrincipalTag/x509Issuer/CN': deployment.config.departmentCertificates.issuerCommonName,
                    ...(deployment.config.departmentCertificates.issuerOrganization === undefined
                      ? {}
                      : { 'aws:PrincipalTag/x509Issuer/O': deployment.config.departmentCertificates.issuerOrganization }),
                  }),
                },
              },
            ],
          },
        });
      }
    }
  });

  it("lets department roles invoke the ingest route and their own department's alert, accountability and manifest routes, nothing else", () => {
    for (const deployment of deployments) {
      // Prepare
      const [apiId] = Object.keys(resources(deployment.stateless, 'AWS::ApiGateway::RestApi'));
      const departmentRoutes = routes.filter((route) => route.auth === 'department');
      const rolePrefix = `${deployment.config.prefix}-department-`;
      const expectedResourcesOf = (department: string) =>
        departmentRoutes.map((route) => ({
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              `:execute-api:${deployment.config.region}:${deployment.config.account}:`,
              { Ref: apiId },
              `/${apiStageName}/${route.method}${route.path.replace('{department}', department).replace(/\{[^}]+\}/g, '*')}`,
            ],
          ],
        }));
      const roles = Object.entries(resources(deployment.stateless, 'AWS::IAM::Role')).filter(([, role]) =>
        String(role.Properties.RoleName ?? '').startsWith(rolePrefix),
      );

      // Act
      const grants = roles.map(([id, role]) => ({
        department: String(role.Properties.RoleName).slice(rolePrefix.length),
        statements: statementsOfRole(deployment.stateless, id),
        inline: role.Properties.Policies ?? [],
        managed: role.Properties.ManagedPolicyArns ?? [],
      }));

      // Assess
      expect(departmentRoutes.map((route) => `${route.method} ${route.path}`)).toEqual([
        'POST /v1/records',
        'GET /v1/departments/{department}/alerts',
        'GET /v1/departments/{department}/alerts/{kind}/{caseId}/{ruleId}',
        'POST /v1/departments/{department}/alerts/{kind}/{caseId}/{ruleId}/actions',
        'PUT /v1/departments/{department}/manifests/{day}',
        'POST /v1/departments/{department}/manifests/{day}/buckets',
        'GET /v1/departments/{department}/accountability-measures',
        'GET /v1/departments/{department}/accountability-measures/{measureNumber}/document',
      ]);
      expect(grants).toHaveLength(deployment.config.departments.length);
      for (const grant of grants) {
        expect(grant.inline).toEqual([]);
        expect(grant.managed).toEqual([]);
        // CDK writes a statement's resources in an order of its own.
        const expected = expectedResourcesOf(grant.department);
        expect(grant.statements).toEqual([{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: expect.arrayContaining(expected) }]);
        expect(grant.statements[0]?.Resource).toHaveLength(expected.length);
      }
    }
  });

  it('has no arn:aws literal: partition, region and account come from the stack', () => {
    for (const deployment of deployments) {
      // Act
      const literals = deployment.templateTexts.flatMap((text) => text.match(/arn:aws[-a-z]*:/g) ?? []);

      // Assess
      expect(literals).toEqual([]);
    }
  });
});

describe('alert event bus', () => {
  it('encrypts the bus with the key, archives a year of alert events, and lets only the publishers put events', () => {
    for (const deployment of deployments) {
      const buses = Object.values(resources(deployment.stateless, 'AWS::Events::EventBus'));
      expect(buses).toHaveLength(1);
      expect(buses[0]?.Properties.KmsKeyIdentifier).toBeDefined();
      const archives = Object.values(resources(deployment.stateless, 'AWS::Events::Archive'));
      expect(archives.map((a) => a.Properties.RetentionDays)).toEqual([365]);

      const publishers = functions.filter((spec: FunctionSpec) => spec.publishesSignalEvents).map((spec) => `${deployment.config.prefix}-${spec.name}`);
      expect(publishers.length).toBeGreaterThan(0);
      for (const [, fn] of Object.entries(resources(deployment.stateless, 'AWS::Lambda::Function'))) {
        const name = fn.Properties.FunctionName as string;
        const hasBusVariable = environmentNames.alertEventBus in (fn.Properties.Environment?.Variables ?? {});
        expect(hasBusVariable, name).toBe(publishers.includes(name));
        const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
        const canPut = statementsOfRole(deployment.stateless, role).some((s) => asArray(s.Action).includes('events:PutEvents'));
        expect(canPut, name).toBe(publishers.includes(name));
      }
    }
  });
});

describe('complaint and supervision signal events', () => {
  it('lets the oversight sweep put events on the alert bus and nowhere else, and archives every source', () => {
    for (const deployment of deployments) {
      const [busId] = Object.keys(resources(deployment.stateless, 'AWS::Events::EventBus'));
      const sweep = resources(deployment.stateless, 'AWS::Lambda::Function')[
        functionLogicalId(deployment.stateless, `${deployment.config.prefix}-oversight-sweep`)
      ];
      expect(sweep?.Properties.Environment?.Variables?.[environmentNames.alertEventBus]).toBeDefined();

      const putStatements = statementsOfRole(deployment.stateless, sweep?.Properties.Role['Fn::GetAtt'][0]).filter((s) =>
        asArray(s.Action).includes('events:PutEvents'),
      );

      expect(putStatements.length).toBeGreaterThan(0);
      for (const statement of putStatements) {
        expect(asArray(statement.Action)).toEqual(['events:PutEvents']);
        expect(asArray(statement.Resource)).toEqual([{ 'Fn::GetAtt': [busId, 'Arn'] }]);
      }
      const archives = Object.values(resources(deployment.stateless, 'AWS::Events::Archive'));
      expect(archives[0]?.Properties.EventPattern.source).toEqual(expect.arrayContaining([alertEventBus.source, complaintEventSource, supervisionEventSource]));
    }
  });
});

/** Every (action, resource, condition) a role is allowed, one per action. */
const grantsOfRole = (template: Template, roleLogicalId: string) =>
  statementsOfRole(template, roleLogicalId)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) =>
      asArray<string>(statement.Action).flatMap((action) =>
        asArray<unknown>(statement.Resource).map((resource) => ({ action, resource: JSON.stringify(resource), condition: statement.Condition })),
      ),
    );

const functionNamed = (deployment: SynthesizedDeployment, spec: FunctionSpec): Resource =>
  resources(deployment.stateless, 'AWS::Lambda::Function')[functionLogicalId(deployment.stateless, `${deployment.config.prefix}-${spec.name}`)]!;

const personalDataFunctions = (functions as readonly FunctionSpec[]).filter((spec) => spec.personalData !== undefined);

describe('complaints and supervision cases', () => {
  it('deploys the complaint and supervision functions, with the oversight table and the oversight sweep schedule', () => {
    for (const deployment of deployments) {
      for (const name of ['complaint-filing', 'complaint-follow-up', 'complaints-api', 'supervision-api', 'oversight-sweep']) {
        // Prepare
        const spec = (functions as readonly FunctionSpec[]).find((candidate) => candidate.name === name)!;

        // Act
        const variables = functionNamed(deployment, spec).Properties.Environment.Variables;

        // Assess
        expect(variables[environmentNames.tables.oversight], name).toBeDefined();
      }
      deployment.stateless.hasResourceProperties('AWS::Events::Rule', {
        Name: `${deployment.config.prefix}-oversight-sweep`,
        ScheduleExpression: 'rate(1 minute)',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId(deployment.stateless, `${deployment.config.prefix}-oversight-sweep`), 'Arn'] } })],
      });
    }
  });

  it('serves the complaint routes under /v1/public/ without authorization and every other complaint or case route to staff only', () => {
    for (const deployment of deployments) {
      // Prepare
      const methods = deployedMethods(deployment.stateless);
      const issueRoutes = routes.filter((route) => /^\/v1\/(public\/complaints|complaints|complaint-searches|supervision-)/.test(route.path));

      // Act
      const authorization = issueRoutes.map((route) => [route.path.startsWith('/v1/public/'), methods.get(`${route.method} ${route.path}`)?.AuthorizationType]);

      // Assess
      expect(issueRoutes.length).toBeGreaterThanOrEqual(20);
      for (const [isPublic, type] of authorization) expect(type).toBe(isPublic ? 'NONE' : 'CUSTOM');
    }
  });

  it('sends written notices and reports as PDF bytes and reports as Excel bytes, not base64 text', () => {
    for (const deployment of deployments) {
      // Act
      const apis = Object.values(deployment.stateless.findResources('AWS::ApiGateway::RestApi')) as { Properties: { BinaryMediaTypes?: string[] } }[];

      // Assess
      expect(apis.map((api) => api.Properties.BinaryMediaTypes)).toEqual([
        ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ]);
    }
  });
});

describe('personal data', () => {
  it('gives exactly the personal-data functions the two key ARNs, under roles the key policies recognise', () => {
    for (const deployment of deployments) {
      for (const spec of functions as readonly FunctionSpec[]) {
        // Prepare
        const fn = functionNamed(deployment, spec);
        const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;

        // Act
        const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
        const roleName = resources(deployment.stateless, 'AWS::IAM::Role')[roleId]!.Properties.RoleName;

        // Assess
        if (spec.personalData) {
          expect(variables[environmentNames.personalDataKey], spec.name).toEqual({ 'Fn::ImportValue': expect.stringContaining('PersonalDataKeysDataKey') });
          expect(variables[environmentNames.lookupHashKey], spec.name).toEqual({ 'Fn::ImportValue': expect.stringContaining('PersonalDataKeysLookupHashKey') });
          expect(roleName).toBe(personalDataRoleName(deployment.config.prefix, spec.name, spec.personalData));
        } else {
          expect(variables[environmentNames.personalDataKey], spec.name).toBeUndefined();
          expect(variables[environmentNames.lookupHashKey], spec.name).toBeUndefined();
          expect(String(roleName ?? ''), spec.name).not.toContain('-pd-');
        }
      }
    }
  });

  it('grants data keys under the personal-data purpose, on the keys per period by their tags (filing: intake keys only), and lookup hashes to sealing functions, unwrapping only to opening ones, nothing to others', () => {
    for (const deployment of deployments) {
      // Prepare
      const [sample] = personalDataFunctions;
      const sampleVariables = functionNamed(deployment, sample!).Properties.Environment.Variables;
      const lookupHashKey = JSON.stringify(sampleVariables[environmentNames.lookupHashKey]);
      const prefix = deployment.config.prefix;

      for (const spec of functions as readonly FunctionSpec[]) {
        // Act
        const grants = grantsOfRole(deployment.stateless, functionNamed(deployment, spec).Properties.Role['Fn::GetAtt'][0]);
        const onPeriodKeys = grants.filter((grant) => grant.resource.includes(':key/*') && ['kms:GenerateDataKey', 'kms:Decrypt'].includes(grant.action));
        const onLookupHashKey = grants.filter((grant) => grant.resource === lookupHashKey);

        // Assess
        const expected = { seal: ['kms:GenerateDataKey'], sealAndOpen: ['kms:Decrypt', 'kms:GenerateDataKey'], none: [] }[spec.personalData ?? 'none'];
        expect(onPeriodKeys.map((grant) => grant.action).sort(), spec.name).toEqual(expected);
        for (const grant of onPeriodKeys) {
          expect(grant.condition, spec.name).toEqual({
            StringEquals: {
              'kms:EncryptionContext:purpose': 'complaint-personal-data',
              'aws:ResourceTag/esup:deployment': prefix,
              'aws:ResourceTag/esup:purpose': 'complaint-personal-data',
              ...(spec.personalData === 'seal' ? { 'aws:ResourceTag/esup:kind': ['intake'] } : {}),
            },
          });
        }
        expect(
          onLookupHashKey.map((grant) => grant.action),
          spec.name,
        ).toEqual(spec.personalData ? ['kms:GenerateMac'] : []);
        expect(grants.filter((grant) => grant.action === 'kms:GenerateMac' && !grant.resource.includes('RecordSealKey')).length, spec.name).toBe(
          spec.personalData ? 1 : 0,
        );
      }
    }
  });

  it('keeps the supervision functions and the oversight sweep away from personal data', () => {
    for (const deployment of deployments) {
      for (const name of ['supervision-api', 'oversight-sweep']) {
        // Prepare
        const spec = (functions as readonly FunctionSpec[]).find((candidate) => candidate.name === name)!;
        const fn = functionNamed(deployment, spec);

        // Act
        const kmsGrants = grantsOfRole(deployment.stateless, fn.Properties.Role['Fn::GetAtt'][0]).filter((grant) =>
          /PersonalDataKeys|kms:GenerateMac|EncryptionContext/.test(`${grant.resource} ${grant.action} ${JSON.stringify(grant.condition ?? {})}`),
        );

        // Assess
        expect(spec.personalData, name).toBeUndefined();
        expect(kmsGrants, name).toEqual([]);
        expect(JSON.stringify(fn.Properties.Environment.Variables), name).not.toContain('PersonalDataKeys');
      }
    }
  });

  it('ships the notice font with notice-rendering functions, tells them where it lies and gives them room to set PDFs', () => {
    for (const deployment of deployments) {
      for (const spec of functions as readonly FunctionSpec[]) {
        // Act
        const { Environment, MemorySize } = functionNamed(deployment, spec).Properties;

        // Assess
        expect(Environment.Variables[environmentNames.noticeFont], spec.name).toBe(spec.rendersNotices ? deployedNoticeFontFile : undefined);
        if (spec.rendersNotices) expect(MemorySize, spec.name).toBe(spec.memoryMiB ?? noticeRenderingMemoryMiB);
      }
    }
  });
});

describe('IAM roles', () => {
  it('describes every role in characters IAM accepts (CloudFormation refuses e.g. Chinese in a role description)', () => {
    for (const deployment of deployments) {
      // Act
      const descriptions = Object.values(resources(deployment.stateless, 'AWS::IAM::Role')).map((role) => String(role.Properties.Description ?? ''));

      // Assess
      for (const description of descriptions) expect(description).toMatch(/^[\t\n\r\u0020-\u007E\u00A1-\u00FF]{0,1000}$/);
      expect(descriptions.filter((description) => description.startsWith('Execution role of ')).length).toBe(functions.length);
    }
  });
});

describe('limits on the public complaint routes', () => {
  it('blocks an address with 429 above its limit on every /v1/public/ route, with or without the stage in the path', () => {
    for (const deployment of deployments) {
      // Prepare
      const acl = Object.values(resources(deployment.stateless, 'AWS::WAFv2::WebACL'))[0]!;
      const startsWith = (prefix: string) => ({
        ByteMatchStatement: {
          FieldToMatch: { UriPath: {} },
          PositionalConstraint: 'STARTS_WITH',
          SearchString: prefix,
          TextTransformations: [
            { Priority: 0, Type: 'URL_DECODE' },
            { Priority: 1, Type: 'NORMALIZE_PATH' },
          ],
        },
      });

      // Act
      const rule = (acl.Properties.Rules as any[]).find((candidate) => candidate.Name === 'RatePerAddressOnPublicRoutes');

      // Assess
      expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'TooManyRequests' } } });
      const publicPaths = { OrStatement: { Statements: [startsWith('/v1/public/'), startsWith(`/${apiStageName}/v1/public/`)] } };
      expect(rule.Statement.RateBasedStatement).toMatchObject({
        Limit: publicComplaintLimits.requestsPerIpPer5Minutes,
        EvaluationWindowSec: 300,
        AggregateKeyType: 'IP',
      });
      // Behind a site, the scope also leaves out requests through it (counted per viewer: test/infra/cdk/constructs/api-firewall.test.ts).
      const scope = rule.Statement.RateBasedStatement.ScopeDownStatement;
      expect(scope.AndStatement?.Statements[0] ?? scope).toEqual(publicPaths);
      expect(publicComplaintLimits.requestsPerIpPer5Minutes).toBe(100);
    }
  });

  it('throttles filing a complaint at the stage, below the stage-wide limit, still logging errors only', () => {
    for (const deployment of deployments) {
      // Prepare
      const stage = Object.values(resources(deployment.stateless, 'AWS::ApiGateway::Stage'))[0]!;

      // Act
      const intake = (stage.Properties.MethodSettings as any[]).find((setting) => setting.HttpMethod === 'POST');

      // Assess
      expect(stage.Properties.MethodSettings).toHaveLength(2);
      expect(intake).toEqual({
        HttpMethod: 'POST',
        ResourcePath: '/~1v1~1public~1complaints',
        ThrottlingRateLimit: 10,
        ThrottlingBurstLimit: 20,
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
      });
      expect(intake.ThrottlingRateLimit).toBeLessThan(deployment.config.api.throttling.rateLimit);
    }
  });
});

describe('deployment steps', () => {
  it("applies the city's structure as a custom resource whose properties are the configuration's structure, so a change of it is an update", () => {
    for (const deployment of deployments) {
      // Act
      const customResources = Object.values(resources(deployment.stateless, 'Custom::CityStructure'));

      // Assess
      expect(deploymentSteps.map((step) => step.resourceType)).toEqual(['Custom::CityStructure', 'Custom::PersonalDataKeys']);
      expect(customResources).toHaveLength(1);
      const { ServiceToken: _token, ...properties } = customResources[0]!.Properties;
      expect(properties).toEqual(cityStructureOf(deployment.config));
    }
  });

  it('lets the provider framework invoke the apply-city-structure function only, and writes its logs encrypted for as long as the others', () => {
    for (const deployment of deployments) {
      // Prepare
      const providerName = `${deployment.config.prefix}-city-structure-provider`;
      const applyId = functionLogicalId(deployment.stateless, `${deployment.config.prefix}-apply-city-structure`);
      const provider = resources(deployment.stateless, 'AWS::Lambda::Function')[functionLogicalId(deployment.stateless, providerName)]!;

      // Act
      const statements = statementsOfRole(deployment.stateless, provider.Properties.Role['Fn::GetAtt'][0]);
      const invokes = statements.filter((statement) => asArray<string>(statement.Action).some((action) => action.startsWith('lambda:')));
      const logGroup = Object.values(resources(deployment.stateless, 'AWS::Logs::LogGroup')).find(
        (group) => group.Properties.LogGroupName === `/aws/lambda/${providerName}`,
      );

      // Assess
      expect(JSON.stringify(invokes)).toContain(applyId);
      for (const statement of invokes) {
        for (const resource of asArray<unknown>(statement.Resource)) expect(JSON.stringify(resource)).toContain(applyId);
      }
      expect(JSON.stringify(statements)).not.toMatch(/dynamodb:|sqs:|kms:Decrypt/);
      expect(provider.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
      expect(logGroup?.Properties.KmsKeyId).toBeDefined();
      expect(logGroup?.Properties.RetentionInDays).toBe(deployment.config.retention.logDays);
    }
  });
});

describe('security events', () => {
  it('lets every function that screens bodies for classified content add the security event it raises, and nothing more', () => {
    // Prepare
    const screening = (functions as readonly FunctionSpec[]).filter((spec) => (spec.settings as readonly string[] | undefined)?.includes('classifiedMarkers'));

    // Act
    const lacking = screening
      .filter((spec) => !tableGrantsOf(spec.tables.security ?? []).some((grant) => grant === raiseSecurityEvents))
      .map((spec) => spec.name);

    // Assess
    expect(screening.length).toBeGreaterThan(8);
    expect(lacking).toEqual([]);
    expect(raiseSecurityEvents).toEqual({ actions: ['PutItem'], leadingKeys: ['EVENTS#*'] });
  });
});

describe('record seals', () => {
  it('gives exactly the record writer and the verifier the record-seal key, under roles its policy recognises, to derive hour keys and nothing else', () => {
    for (const deployment of deployments) {
      for (const spec of functions as readonly FunctionSpec[]) {
        // Prepare
        const fn = functionNamed(deployment, spec);
        const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;

        // Act
        const keyReference = fn.Properties.Environment.Variables[environmentNames.integrityKeyId];
        const roleName = resources(deployment.stateless, 'AWS::IAM::Role')[roleId]!.Properties.RoleName;
        const onSealKey = grantsOfRole(deployment.stateless, roleId).filter((grant) => grant.resource.includes('RecordSealKey'));

        // Assess
        if (spec.recordSeals) {
          expect(keyReference, spec.name).toEqual({ 'Fn::ImportValue': expect.stringContaining('RecordSealKey') });
          expect(roleName).toBe(recordSealRoleName(deployment.config.prefix, spec.name, spec.recordSeals));
          expect(
            onSealKey.map((grant) => grant.action),
            spec.name,
          ).toEqual(['kms:GenerateMac']);
        } else {
          expect(keyReference, spec.name).toBeUndefined();
          expect(String(roleName ?? ''), spec.name).not.toContain('-rs-');
          expect(onSealKey, spec.name).toEqual([]);
        }
      }
    }
  });

  it('seals in the consumer of the records queue and verifies in a function that cannot write the cases table', () => {
    // Act
    const bySeals = (functions as readonly FunctionSpec[]).filter((spec) => spec.recordSeals !== undefined).map((spec) => [spec.name, spec.recordSeals]);
    const verifier = (functions as readonly FunctionSpec[]).find((spec) => spec.recordSeals === 'verify')!;

    // Assess
    expect(bySeals).toEqual([
      [queues[0]?.consumer, 'seal'],
      ['verify-records', 'verify'],
    ]);
    expect(Object.keys(verifier.tables)).toEqual(['cases', 'security']);
    expect(verifier.tables.security).toEqual(raiseSecurityEvents);
    for (const grant of tableGrantsOf(verifier.tables.cases!))
      expect(grant.actions.filter((action) => ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].includes(action))).toEqual([]);
  });

  it('runs the verifier five minutes past every hour', () => {
    for (const deployment of deployments) {
      // Act / Assess
      deployment.stateless.hasResourceProperties('AWS::Events::Rule', {
        Name: `${deployment.config.prefix}-verify-records`,
        ScheduleExpression: 'cron(5 * * * ? *)',
        State: 'ENABLED',
      });
    }
  });
});
