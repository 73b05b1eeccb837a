/** Console: alert lists, case timelines, people's actions on alerts and statistics (routes in `shared/topology.ts`). */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { departmentFromCallerArn } from '#shared/access/department-identity.ts';
import type { DepartmentPrincipal, Principal } from '#shared/access/principal.ts';
import { NotYourDepartment } from '#shared/domain/access-refusals.ts';
import { DepartmentPath } from '#shared/api/city-structure-contract.ts';
import { DynamoDbAlertReader } from '#shared/adapters/dynamodb/dynamodb-alert-reader.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCaseRepository } from '#shared/adapters/dynamodb/dynamodb-case-repository.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { OfficialStatisticsQuery, OfficialStatisticsResponse, StatisticsQuery, StatisticsResponse } from '#shared/api/statistics-contract.ts';
import { readStatistics } from '#shared/application/statistics/read-statistics.ts';
import { readOfficialStatistics } from '#shared/application/statistics/read-official-statistics.ts';
import { DynamoDbPeriodAlertReader } from '#shared/adapters/dynamodb/dynamodb-period-alert-reader.ts';
import { DynamoDbReferenceReader } from '#shared/adapters/dynamodb/dynamodb-reference-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import {
  AlertActionBody,
  AlertActionPath,
  alertInLanguage,
  alertActionLimits,
  AlertPageResponse,
  AlertPath,
  AlertView,
  CaseTimelinePath,
  CaseTimelineResponse,
  ListAlertsQuery,
  ListDepartmentAlertsQuery,
} from '#shared/api/console-contract.ts';
import { readAlert } from '#shared/application/read-alert.ts';
import { actOnAlert } from '#shared/application/act-on-alert.ts';
import { DynamoDbAlertStore } from '#shared/adapters/dynamodb/dynamodb-alert-store.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { listAlerts } from '#shared/application/list-alerts.ts';
import { readCaseTimeline } from '#shared/application/read-case-timeline.ts';
import { ConsoleEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { corsHeaders } from '#shared/http/cors-headers.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { jsonResponse } from '#shared/http/http-response.ts';
import { requestLanguage, type Language } from '#shared/http/language.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { DynamoDbSignalEventOutbox } from '#shared/adapters/dynamodb/dynamodb-signal-event-outbox.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { publishCommittedEvents } from '#shared/application/relay-signal-events.ts';
import { environmentNames, staffCors } from '#shared/topology.ts';
import { DynamoDbWebhookStore } from '#shared/adapters/dynamodb/dynamodb-webhook-store.ts';
import { SystemHostResolver } from '#shared/adapters/webhooks/https-webhook-sender.ts';
import {
  CreatedWebhookView,
  CreateWebhookBody,
  ListWebhooksQuery,
  ReadWebhookQuery,
  webhookDeliveryPageLimits,
  WebhookDetailView,
  webhookLimits,
  WebhookListView,
  WebhookPath,
  WebhookStepBody,
  WebhookStepView,
} from '#shared/api/webhook-contract.ts';
import {
  createWebhookSubscription,
  listWebhookSubscriptions,
  parseOwner,
  readWebhookSubscription,
  takeWebhookSubscriptionStep,
  type ManageWebhooksDependencies,
} from '#shared/application/webhooks/manage-webhook-subscriptions.ts';
import { WebhookLoopbackEnvironment, WebhookSecretKeyEnvironment } from '#shared/config/webhook-environment.ts';
import { KmsWebhookSecretSealer } from '#shared/adapters/kms/kms-webhook-secret-sealer.ts';
import { ownerKey, type WebhookSubscription } from '#shared/domain/webhooks/webhook-subscription.ts';

const observability = createObservability('console-api');
const { logger, middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(ConsoleEnvironment);
const documentClient = createDocumentClient();
const reference = new DynamoDbReferenceReader(documentClient, env.REFERENCE_TABLE);
const audit = new DynamoDbAuditLog(documentClient, env.AUDIT_TABLE);
const cases = new DynamoDbCaseRepository(documentClient, env.CASES_TABLE);
const alerts = new DynamoDbAlertReader(documentClient, env.CASES_TABLE);
const alertStore = new DynamoDbAlertStore(documentClient, env.CASES_TABLE);
const periodAlerts = new DynamoDbPeriodAlertReader(documentClient, env.CASES_TABLE);
const statistics = new DynamoDbStatisticsReader(documentClient, env.CASES_TABLE);
const structure = new DynamoDbCityStructureRepository(documentClient, env.REFERENCE_TABLE);
const webhookStore = new DynamoDbWebhookStore(documentClient, env.REFERENCE_TABLE);
const webhookSettings = readEnvironment(WebhookLoopbackEnvironment.extend(WebhookSecretKeyEnvironment.shape));
const webhooks: ManageWebhooksDependencies = {
  store: webhookStore,
  secrets: new KmsWebhookSecretSealer(webhookSettings[environmentNames.webhookSecretKey]),
  deliveries: webhookStore,
  resolver: new SystemHostResolver(),
  loopback: webhookSettings[environmentNames.webhookLoopbackTargets],
  audit,
  clock: () => new Date(),
};
/** A subscription as answered: its owner written out. */
/** A work notice's audience without its absent lists. */
const withoutAbsent = ({
  tenantId,
  receiverIds,
  organizationCodes,
}: {
  tenantId: string;
  receiverIds?: string[] | undefined;
  organizationCodes?: string[] | undefined;
}) => ({
  tenantId,
  ...(receiverIds === undefined ? {} : { receiverIds }),
  ...(organizationCodes === undefined ? {} : { organizationCodes }),
});
const webhookView = (subscription: WebhookSubscription) => ({ ...subscription, owner: ownerKey(subscription.owner) });
/** An answer that carries a secret is never stored by a cache. */
const noStore = { 'cache-control': 'no-store' };
const clampDeliveries = (limit: number | undefined): number => Math.min(Math.max(limit ?? webhookDeliveryPageLimits.default, 1), webhookDeliveryPageLimits.max);
const relay = {
  outbox: new DynamoDbSignalEventOutbox(documentClient, env.CASES_TABLE),
  publisher: new EventBridgeSignalEventPublisher(env.ALERT_EVENT_BUS),
};

/**
 * The department behind a SigV4-signed call, which must be the path's department: its role may
 * not call another department's path (IAM refuses it first); checked here again all the same.
 */
function signingDepartmentOf(event: APIGatewayProxyEvent, pathDepartment: string): DepartmentPrincipal {
  const principal = departmentFromCallerArn(event.requestContext?.identity?.userArn, env.DEPARTMENT_ROLE_PREFIX);
  if (principal.department !== pathDepartment) {
    throw new NotYourDepartment(
      { zh: '只能读取和处置本部门的预警', en: "Only the department's own alerts" },
      { zh: `签名身份为部门 ${principal.department}，路径为部门 ${pathDepartment}。`, en: `Signed as ${principal.department}, path names ${pathDepartment}.` },
    );
  }
  return principal;
}

/** Summaries in the reader's language: Chinese unless the request prefers English. */
const contentLanguage = (language: Language) => ({ 'content-language': language });

/** An action on an alert by the caller `principalOf` establishes (given the path's department), answered with the alert after it. */
async function actedOn(event: APIGatewayProxyEvent, principalOf: (pathDepartment: string) => Principal): Promise<APIGatewayProxyResult> {
  const { ruleId, ...key } = parseInput(AlertActionPath, event.pathParameters ?? {}, '/path');
  const principal = principalOf(key.department);
  const language = requestLanguage(event);
  const body = parseInput(AlertActionBody, parseJsonBody(event, alertActionLimits.maxBodyBytes, screening), '');
  const { alert, events } = await actOnAlert(principal, key, ruleId, body, { alerts: alertStore, reference, audit, clock: () => new Date() });
  await publishCommittedEvents(events, relay).catch((error: unknown) =>
    logger.warn('alert events left in the outbox for the sweep', { reason: error instanceof Error ? error.message : String(error) }),
  );
  return jsonResponse(200, AlertView.parse(alertInLanguage(alert, language)), contentLanguage(language));
}

export async function serveConsole(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'console-api', {
    listAlerts: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const language = requestLanguage(event);
      const query = parseInput(ListAlertsQuery, event.queryStringParameters ?? {}, '/query');
      const page = await listAlerts(principal, query, { alerts, reference, audit });
      // Every answer through its view: only what the served document declares leaves the function.
      return jsonResponse(
        200,
        AlertPageResponse.parse({ ...page, items: page.items.map((alert) => alertInLanguage(alert, language)) }),
        contentLanguage(language),
      );
    },
    readStatistics: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(StatisticsQuery, event.queryStringParameters ?? {}, '/query');
      const report = await readStatistics(principal, query, { statistics, reference, structure, audit, clock: () => new Date() });
      return jsonResponse(200, StatisticsResponse.parse(report));
    },
    readOfficialStatistics: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(OfficialStatisticsQuery, event.queryStringParameters ?? {}, '/query');
      const report = await readOfficialStatistics(principal, query, { alerts: periodAlerts, reference, audit });
      return jsonResponse(200, OfficialStatisticsResponse.parse(report));
    },
    actOnAlert: async (event, route) => actedOn(event, () => staffPrincipalOf(event, route)),
    readAlert: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const language = requestLanguage(event);
      const { ruleId, ...key } = parseInput(AlertPath, event.pathParameters ?? {}, '/path');
      const { alert, official } = await readAlert(principal, key, ruleId, { alerts: alertStore, cases, reference, audit });
      return jsonResponse(200, AlertView.parse({ ...alertInLanguage(alert, language), ...(official ? { official } : {}) }), contentLanguage(language));
    },
    listDepartmentAlerts: async (event) => {
      const { department } = parseInput(DepartmentPath, event.pathParameters ?? {}, '/path');
      const principal = signingDepartmentOf(event, department);
      const language = requestLanguage(event);
      const query = parseInput(ListDepartmentAlertsQuery, event.queryStringParameters ?? {}, '/query');
      const page = await listAlerts(principal, query, { alerts, reference, audit });
      return jsonResponse(
        200,
        AlertPageResponse.parse({ ...page, items: page.items.map((alert) => alertInLanguage(alert, language)) }),
        contentLanguage(language),
      );
    },
    readDepartmentAlert: async (event) => {
      const { ruleId, ...key } = parseInput(AlertPath, event.pathParameters ?? {}, '/path');
      const principal = signingDepartmentOf(event, key.department);
      const language = requestLanguage(event);
      const { alert, official } = await readAlert(principal, key, ruleId, { alerts: alertStore, cases, reference, audit });
      return jsonResponse(200, AlertView.parse({ ...alertInLanguage(alert, language), ...(official ? { official } : {}) }), contentLanguage(language));
    },
    actOnDepartmentAlert: async (event) => actedOn(event, (department) => signingDepartmentOf(event, department)),
    listWebhookSubscriptions: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(ListWebhooksQuery, event.queryStringParameters ?? {}, '/query');
      const owner = query.owner === undefined ? undefined : parseOwner(query.owner, '/query/owner');
      const listed = await listWebhookSubscriptions(principal, owner, webhooks);
      return jsonResponse(200, WebhookListView.parse({ owner: ownerKey(listed.owner), items: listed.items.map(webhookView) }));
    },
    createWebhookSubscription: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const body = parseInput(CreateWebhookBody, parseJsonBody(event, webhookLimits.maxBodyBytes, screening), '');
      const { owner, minimumLevel, format, robotSecret, url, appCredentials, workNotice, phoneNumbers, ...fields } = body;
      const created = await createWebhookSubscription(
        principal,
        {
          ...fields,
          ...(url === undefined ? {} : { url }),
          ...(minimumLevel === undefined ? {} : { minimumLevel }),
          ...(format === undefined ? {} : { format }),
          ...(robotSecret === undefined ? {} : { robotSecret }),
          ...(appCredentials === undefined ? {} : { appCredentials }),
          ...(workNotice === undefined ? {} : { workNotice: withoutAbsent(workNotice) }),
          ...(phoneNumbers === undefined ? {} : { phoneNumbers }),
          ...(owner === undefined ? {} : { owner: parseOwner(owner, '/owner') }),
        },
        webhooks,
      );
      const answer = { subscription: webhookView(created.subscription), ...(created.secret === undefined ? {} : { secret: created.secret }) };
      return jsonResponse(201, CreatedWebhookView.parse(answer), {
        ...noStore,
        location: `/v1/webhooks/${created.subscription.id}`,
      });
    },
    readWebhookSubscription: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { subscription } = parseInput(WebhookPath, event.pathParameters ?? {}, '/path');
      const query = parseInput(ReadWebhookQuery, event.queryStringParameters ?? {}, '/query');
      const read = await readWebhookSubscription(
        principal,
        subscription,
        { limit: clampDeliveries(query.limit), ...(query.cursor === undefined ? {} : { cursor: query.cursor }) },
        webhooks,
      );
      return jsonResponse(200, WebhookDetailView.parse({ ...read, subscription: webhookView(read.subscription) }));
    },
    takeWebhookSubscriptionStep: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { subscription } = parseInput(WebhookPath, event.pathParameters ?? {}, '/path');
      const step = parseInput(WebhookStepBody, parseJsonBody(event, webhookLimits.maxBodyBytes, screening), '');
      const taken = await takeWebhookSubscriptionStep(principal, subscription, step, webhooks);
      return jsonResponse(
        200,
        WebhookStepView.parse({
          ...(taken.subscription === undefined ? {} : { subscription: webhookView(taken.subscription) }),
          ...(taken.secret === undefined ? {} : { secret: taken.secret }),
        }),
        noStore,
      );
    },
    readCaseTimeline: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const language = requestLanguage(event);
      const path = parseInput(CaseTimelinePath, event.pathParameters ?? {}, '/path');
      const timeline = await readCaseTimeline(principal, path, { cases, reference, audit });
      return jsonResponse(
        200,
        CaseTimelineResponse.parse({ ...timeline, alerts: timeline.alerts.map((alert) => alertInLanguage(alert, language)) }),
        contentLanguage(language),
      );
    },
  });
}

export const handler = middy(serveConsole, answerBeforeTimeout).use(middlewares).use(corsHeaders(staffCors)).use(httpErrorMapper(observability));
