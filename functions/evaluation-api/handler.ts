/**
 * The efficiency evaluation: scoring models kept by supervisors, read with their formula, tried on
 * sample metrics; a month's evaluation run from the statistics, read, and approved for publication;
 * its reports drawn as PDF, CSV, Excel or JSON (routes in `shared/topology.ts`); rectification
 * suggestions drafted from a department's signals, edited, sent, reported on and accepted or returned;
 * special reports drafted from the patterns in the statistics, edited and issued.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { staffPrincipalOf } from '#shared/access/staff-principal.ts';
import { DynamoDbAuditLog } from '#shared/adapters/dynamodb/dynamodb-audit-log.ts';
import { DynamoDbCityStructureRepository } from '#shared/adapters/dynamodb/dynamodb-city-structure-repository.ts';
import { DynamoDbPeriodAlertReader } from '#shared/adapters/dynamodb/dynamodb-period-alert-reader.ts';
import { DynamoDbPeriodEvaluationStore } from '#shared/adapters/dynamodb/dynamodb-period-evaluation-store.ts';
import { DynamoDbRectificationStore } from '#shared/adapters/dynamodb/dynamodb-rectification-store.ts';
import { DynamoDbScoringModelStore } from '#shared/adapters/dynamodb/dynamodb-scoring-model-store.ts';
import { DynamoDbSpecialReportStore } from '#shared/adapters/dynamodb/dynamodb-special-report-store.ts';
import { DynamoDbStatisticsReader } from '#shared/adapters/dynamodb/dynamodb-statistics-reader.ts';
import { createDocumentClient } from '#shared/adapters/dynamodb/document-client.ts';
import {
  EvaluationPeriodPath,
  EvaluationVersionPath,
  EvaluationVersionsView,
  EvaluationVersionView,
  evaluationLimits,
  ListScoringModelsQuery,
  PublishedScoringModelView,
  ScoringModelPath,
  ScoringModelVersionsView,
  ScoringTrialView,
  TrialBody,
} from '#shared/api/evaluation-contract.ts';
import { evaluationReportFile } from '#shared/adapters/reports/evaluation-report-files.ts';
import { PdfKitEvaluationReportRenderer } from '#shared/adapters/reports/pdfkit-evaluation-report-renderer.ts';
import { EvaluationReportQuery, EvaluationReportView } from '#shared/api/evaluation-report-contract.ts';
import { drawEvaluationReport } from '#shared/application/evaluation/draw-evaluation-reports.ts';
import { StatisticsMetricsSource } from '#shared/application/evaluation/department-metrics-source.ts';
import {
  approveEvaluation,
  listEvaluations,
  readEvaluation,
  runEvaluation,
  type EvaluationVersionReading,
} from '#shared/application/evaluation/evaluate-periods.ts';
import { listScoringModels, proposeScoringModel, readScoringModel, tryScoringModel } from '#shared/application/evaluation/manage-scoring-models.ts';
import { listRectifications, takeRectificationStep } from '#shared/application/rectification/manage-rectifications.ts';
import {
  ListRectificationsQuery,
  RectificationPageView,
  rectificationBodyLimits,
  RectificationPath,
  RectificationStepBody,
  RectificationView,
} from '#shared/api/rectification-contract.ts';
import { suggestionId, type RectificationSuggestion } from '#shared/domain/rectification/rectification-suggestion.ts';
import { StatisticsSignalCounts } from '#shared/application/special-reports/signal-counts-source.ts';
import { draftSpecialReportFor, listSpecialReports, takeSpecialReportStep } from '#shared/application/special-reports/special-reports.ts';
import {
  ListSpecialReportsQuery,
  specialReportId,
  SpecialReportPath,
  SpecialReportsView,
  SpecialReportView,
  specialReportLimits,
} from '#shared/api/special-report-contract.ts';
import { NoticeRenderingEnvironment, readEnvironment, tablesEnvironment } from '#shared/config/function-environment.ts';
import { builtInRuleArticles } from '#shared/domain/special-reports/rule-article-registry.ts';
import type { SpecialReport } from '#shared/domain/special-reports/special-report.ts';
import { contentScreeningFromEnvironment } from '#shared/http/content-screening.ts';
import { answerBeforeTimeout, httpErrorMapper } from '#shared/http/http-error-mapper.ts';
import { fileResponse, jsonResponse } from '#shared/http/http-response.ts';
import { parseJsonBody } from '#shared/http/json-body.ts';
import { dispatch } from '#shared/http/operation-dispatch.ts';
import { parseInput } from '#shared/http/request-input.ts';
import { createObservability } from '#shared/observability/function-observability.ts';
import { environmentNames } from '#shared/topology.ts';

const EvaluationEnvironment = z.object({
  ...tablesEnvironment.cases.shape,
  ...tablesEnvironment.reference.shape,
  ...tablesEnvironment.audit.shape,
  ...NoticeRenderingEnvironment.shape,
});

const observability = createObservability('evaluation-api');
const { middlewares } = observability;
const screening = contentScreeningFromEnvironment();
const env = readEnvironment(EvaluationEnvironment);
const documentClient = createDocumentClient();
const referenceTable = env[environmentNames.tables.reference];
const cityStructure = new DynamoDbCityStructureRepository(documentClient, referenceTable);
const statistics = new DynamoDbStatisticsReader(documentClient, env[environmentNames.tables.cases]);
const deps = {
  models: new DynamoDbScoringModelStore(documentClient, referenceTable),
  metrics: new StatisticsMetricsSource(statistics, cityStructure),
  evaluations: new DynamoDbPeriodEvaluationStore(documentClient, referenceTable),
  reports: new DynamoDbSpecialReportStore(documentClient, referenceTable),
  signals: new StatisticsSignalCounts(statistics, cityStructure),
  structure: cityStructure,
  articles: builtInRuleArticles,
  audit: new DynamoDbAuditLog(documentClient, env[environmentNames.tables.audit]),
  clock: () => new Date(),
};
const pdfRenderer = new PdfKitEvaluationReportRenderer(env.NOTICE_FONT_FILE === undefined ? {} : { fontFile: env.NOTICE_FONT_FILE });
const rectificationDeps = {
  rectifications: new DynamoDbRectificationStore(documentClient, referenceTable),
  alerts: new DynamoDbPeriodAlertReader(documentClient, env[environmentNames.tables.cases]),
  reference: cityStructure,
  audit: deps.audit,
  clock: deps.clock,
};

/** A suggestion as answered, with its id. */
const rectificationView = (suggestion: RectificationSuggestion) =>
  RectificationView.parse({ suggestion: suggestionId(suggestion.department, suggestion.period), ...suggestion });

/** A special report as answered, with its id. */
const specialReportView = (report: SpecialReport) => SpecialReportView.parse({ ...report, report: specialReportId(report) });

/** A version as answered: the evaluation, its formula as data and in words, and its approval. */
const versionView = ({ stored, approval }: EvaluationVersionReading, newVersion?: boolean) =>
  EvaluationVersionView.parse({
    owner: stored.evaluation.owner,
    period: stored.evaluation.period,
    version: stored.version,
    ...(newVersion === undefined ? {} : { newVersion }),
    evaluatedAt: stored.evaluatedAt,
    evaluatedBy: stored.evaluatedBy,
    model: stored.evaluation.model,
    formula: stored.evaluation.formula,
    inputsDigest: stored.evaluation.inputsDigest,
    inputs: stored.evaluation.inputs,
    unmeasuredInputs: stored.unmeasuredInputs,
    results: stored.evaluation.results,
    approval,
  });

export async function serveEvaluation(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  return dispatch(event, 'evaluation-api', {
    proposeScoringModel: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const body = parseJsonBody(event, evaluationLimits.maxBodyBytes, screening);
      return jsonResponse(201, PublishedScoringModelView.parse(await proposeScoringModel(principal, body, deps)));
    },
    listScoringModels: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period } = parseInput(ListScoringModelsQuery, event.queryStringParameters ?? {}, '/query');
      return jsonResponse(200, ScoringModelVersionsView.parse(await listScoringModels(principal, owner, period, deps)));
    },
    readScoringModel: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, version } = parseInput(ScoringModelPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, PublishedScoringModelView.parse(await readScoringModel(principal, owner, version, deps)));
    },
    tryScoringModel: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, version } = parseInput(ScoringModelPath, event.pathParameters ?? {}, '/path');
      const { departments } = parseInput(TrialBody, parseJsonBody(event, evaluationLimits.maxBodyBytes, screening), '');
      return jsonResponse(200, ScoringTrialView.parse(await tryScoringModel(principal, owner, version, departments, deps)));
    },
    runEvaluation: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const body = parseJsonBody(event, evaluationLimits.maxBodyBytes, screening);
      const { stored, newVersion, approval } = await runEvaluation(principal, body, deps);
      return jsonResponse(200, versionView({ stored, approval }, newVersion));
    },
    listEvaluations: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period } = parseInput(EvaluationPeriodPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, EvaluationVersionsView.parse(await listEvaluations(principal, owner, period, deps)));
    },
    readEvaluation: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period, version } = parseInput(EvaluationVersionPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, versionView(await readEvaluation(principal, owner, period, version, deps)));
    },
    approveEvaluation: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period, version } = parseInput(EvaluationVersionPath, event.pathParameters ?? {}, '/path');
      return jsonResponse(200, versionView(await approveEvaluation(principal, owner, period, version, deps)));
    },
    listRectifications: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const query = parseInput(ListRectificationsQuery, event.queryStringParameters ?? {}, '/query');
      const page = await listRectifications(principal, query, rectificationDeps);
      return jsonResponse(
        200,
        RectificationPageView.parse({ items: page.items.map(rectificationView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }),
      );
    },
    takeRectificationStep: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { suggestion } = parseInput(RectificationPath, event.pathParameters ?? {}, '/path');
      const step = parseInput(RectificationStepBody, parseJsonBody(event, rectificationBodyLimits.maxBodyBytes, screening), '');
      return jsonResponse(200, rectificationView(await takeRectificationStep(principal, suggestion, step, rectificationDeps)));
    },
    readEvaluationReport: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period, version } = parseInput(EvaluationVersionPath, event.pathParameters ?? {}, '/path');
      const { format, department } = parseInput(EvaluationReportQuery, event.queryStringParameters ?? {}, '/query');
      const report = await drawEvaluationReport(principal, { owner, period, version, ...(department === undefined ? {} : { department }) }, deps);
      if (format === 'json') return jsonResponse(200, EvaluationReportView.parse(report));
      const file = await evaluationReportFile(report, format, pdfRenderer);
      return fileResponse(file.content, file.mediaType, file.fileName);
    },
    draftSpecialReport: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const body = parseJsonBody(event, specialReportLimits.maxBodyBytes, screening);
      return jsonResponse(201, specialReportView(await draftSpecialReportFor(principal, body, deps)));
    },
    listSpecialReports: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { owner, period } = parseInput(ListSpecialReportsQuery, event.queryStringParameters ?? {}, '/query');
      const reports = await listSpecialReports(principal, owner, period, deps);
      return jsonResponse(200, SpecialReportsView.parse({ owner, period, reports: reports.map((report) => ({ ...report, report: specialReportId(report) })) }));
    },
    takeSpecialReportStep: async (event, route) => {
      const principal = staffPrincipalOf(event, route);
      const { report } = parseInput(SpecialReportPath, event.pathParameters ?? {}, '/path');
      const body = parseJsonBody(event, specialReportLimits.maxBodyBytes, screening);
      return jsonResponse(200, specialReportView(await takeSpecialReportStep(principal, report.owner, report.period, report.id, body, deps)));
    },
  });
}

export const handler = middy(serveEvaluation, answerBeforeTimeout).use(middlewares).use(httpErrorMapper(observability));
