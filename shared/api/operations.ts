/**
 * The API's operations as the document describes them, one entry per operation id of the
 * topology's routes (`shared/topology.ts`, where each path is written once). The OpenAPI document
 * (`openapi-document.ts`) joins each route — method, path, who may call it — with its entry here:
 * what it does, what it takes, what it answers and what it refuses.
 */
import type * as z from 'zod';
import type { OperationId } from '../topology.ts';
import { auditPageLimits, AuditVerificationQuery, ListAuditEntriesQuery } from './audit-contract.ts';
import { CalendarYearPath } from './calendar-contract.ts';
import { CataloguePath, catalogueLimits, MatterPath, RecordKindPath } from './catalogue-contract.ts';
import { DepartmentPath, JurisdictionPath, ListDepartmentsQuery } from './city-structure-contract.ts';
import { connectionHealthLimits, ListConnectionHealthQuery } from './connection-health-contract.ts';
import { DataQualityQuery } from './data-quality-contract.ts';
import { ManifestPath, reconciliationLimits } from './reconciliation-contract.ts';
import {
  EvaluationPeriodPath,
  EvaluationVersionPath,
  evaluationLimits,
  ListScoringModelsQuery,
  PublishedEvaluationQuery,
  ScoringModelPath,
} from './evaluation-contract.ts';
import { EvaluationReportQuery } from './evaluation-report-contract.ts';
import { complaintLimits, ComplaintNoticePath, ComplaintPath, ListComplaintsQuery, PublicComplaintPath, PublicNoticePath } from './complaint-contract.ts';
import { AlertActionPath, AlertPath, CaseTimelinePath, ListAlertsQuery, ListDepartmentAlertsQuery } from './console-contract.ts';
import { ingestLimits } from './ingest-contract.ts';
import { ListRectificationsQuery, RectificationPath } from './rectification-contract.ts';
import { ListSpecialReportsQuery, SpecialReportPath, specialReportLimits } from './special-report-contract.ts';
import { OfficialStatisticsQuery, officialStatisticsLimits, StatisticsQuery } from './statistics-contract.ts';
import { ListWebhooksQuery, ReadWebhookQuery, WebhookPath, webhookDeliveryPageLimits } from './webhook-contract.ts';
import { ListSecurityEventsQuery, securityEventPageLimits } from './security-contract.ts';
import { CaseNumberPath, RequestNumberPath, SupervisionCaseListQuery, SupervisionListQuery, supervisionLimits } from './supervision-contract.ts';
import { accountabilityLimits, DepartmentMeasurePath, ListDepartmentMeasuresQuery, ListMeasuresQuery, MeasurePath } from './accountability-contract.ts';

/** The document's groups of operations, each described Chinese first. */
export const operationTags = {
  records: '行政行为记录推送 / Records of administrative acts pushed by departments',
  alerts: '预警与案件 / Alerts and case timelines',
  statistics: '统计 / Statistics',
  calendar: '工作日历 / The working-day calendar',
  catalogue: '事项目录与记录类型 / Catalogues of matters and record kinds',
  cityStructure: '辖区与部门 / Jurisdictions and departments',
  evaluation: '效能评估 / Efficiency evaluation: scoring models, evaluations of a period, their approval',
  rectification: '整改建议 / Rectification suggestions to departments',
  webhooks: '信号推送订阅 / Webhook subscriptions: signals sent to departments and supervisor offices',
  specialReports: '专项报告 / Special reports on major or widespread problems (Art. 21 ¶2)',
  publicEvaluation: '效能评估结果（公开） / Published evaluation results',
  publicComplaints: '投诉（公众） / Complaints: the public side',
  complaints: '投诉（工作人员） / Complaints: the console side',
  supervision: '督办 / Supervision requests and cases',
  accountability: '问责措施 / Accountability measures: orders to correct, circulated criticism, referrals (Art. 23, 24)',
  audit: '审计记录 / The audit trail',
  security: '安全事件 / Security events',
  document: '接口文档 / This document',
} as const;

export type OperationTag = keyof typeof operationTags;

/**
 * Statuses an operation's own function may refuse with (a problem body). API Gateway's own
 * refusals (401, 403, 429, 502, 504) come with the route's kind of caller (`openapi-document.ts`).
 */
export type RefusalStatus = 400 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 503;

/** What an operation answers when it succeeds. */
export interface OperationSuccess {
  readonly status: 200 | 201 | 202;
  readonly description: string;
  /** The component schema of a JSON body; none for a body the document leaves open. */
  readonly schema?: string;
  /** `application/json` unless said otherwise; `application/pdf` is a binary file. */
  readonly contentType?: 'application/json' | 'application/pdf';
  /** Also answered as CSV (`text/csv`, UTF-8 with a byte-order mark) when asked for. */
  readonly csv?: boolean;
  /** Also answered as these files when asked for (binary ones as bytes). */
  readonly files?: readonly FileMediaType[];
}

/** Files an operation may answer besides JSON. */
export type FileMediaType = 'application/pdf' | 'text/csv' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One operation of the document, for the route in `shared/topology.ts` with its id. */
export interface OperationEntry {
  /** 中文 / English. */
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly OperationTag[];
  /** The path parameters' wire schema (`shared/api/*-contract.ts`). */
  readonly path?: z.ZodObject;
  /** The query's wire schema. */
  readonly query?: z.ZodObject;
  /** Request headers the operation requires (strings). */
  readonly headers?: readonly string[];
  /** The component schema of the JSON body, for an operation that takes one. */
  readonly body?: string;
  readonly success: OperationSuccess;
  /** The refusals its function answers (problem bodies), each with when. */
  readonly refusals?: Partial<Record<RefusalStatus, string>>;
}

/** The complainant's key to a complaint: a header, never in the URL. */
const queryToken = 'X-Query-Token';

export const operations: Record<OperationId, OperationEntry> = {
  pushRecords: {
    summary: '推送一批行政行为记录 / Push a batch of records of administrative acts',
    description: `At most ${ingestLimits.maxRecords} records and ${ingestLimits.maxBodyBytes} bytes. The department is the signing identity's; a record naming another department refuses the whole batch (403). Classified records are refused (422) and never stored. Re-sending a record is harmless (verdict \`duplicate\`).`,
    tags: ['records'],
    body: 'IngestBatch',
    success: { status: 202, description: 'A verdict per record; accepted and duplicate records are queued for processing', schema: 'IngestBatchResponse' },
    refusals: {
      400: 'Malformed batch, or every record invalid',
      403: 'Not a department identity, or a record names another department',
      413: 'Body too large',
      415: 'Not application/json',
      422: 'No record accepted (unknown matter code, classified content, reused sequence)',
      503: 'Temporarily unavailable; retry the same batch',
    },
  },
  listAlerts: {
    summary: "列出预警：调用者辖区内的预警，最新在前 / Alerts in the caller's jurisdiction, newest first",
    description:
      'City supervisors see every district, district supervisors their district, liaisons their department. `limit` is clamped to 1..100; `cursor` comes from the previous page.',
    tags: ['alerts'],
    query: ListAlertsQuery,
    success: { status: 200, description: 'A page of alerts', schema: 'AlertPage' },
    refusals: { 404: "Department not in the caller's jurisdiction" },
  },
  readStatistics: {
    summary:
      '统计：按部门、辖区、记录类别、事项和期间（月、季、年，上海时间）的受理与办结量、按时办结率、办理用时、提速率、预警及纠正、期末逾期未办结数（案件、投诉、督办） / Statistics of a period (Art. 20): volumes, on-time rates, working days taken, speed-up, signals and their correction, open overdue cases, complaints and supervision cases at the period end',
    description:
      "`period` is a Shanghai month `2026-11`, quarter `2026-Q4` or year `2026`. `kind` and `matter` narrow the figures to a record kind and a catalogue matter. Without `department` or `jurisdiction`, the caller's whole scope: the city for city supervisors, their district for district supervisors, their department for liaisons. Rates carry their numerator and denominator; p50/p90 working days are exact up to 20 and a bucket bound beyond (91: more than 90). `overdue.openAtPeriodEnd`: cases open at the period's end and evaluated past their legal limit. `complaints.openOverdueAtPeriodEnd` (undecided past the acceptance clock, or accepted and not concluded past the handling deadline in force) and `supervision.openOverdueAtPeriodEnd` (督办 not closed, their completion not reported by the deadline in force) are given once the period has ended in Asia/Shanghai and are null for a period that has not ended (the current month, a quarter or year containing it, a later one): an open one counts in the month its deadline passes, and they follow the deadline in force, so an extension or a new handling round moves them. Read from aggregates kept as cases, complaints and supervision cases are saved.",
    tags: ['statistics'],
    query: StatisticsQuery,
    success: { status: 200, description: 'The figures of the scope and of each of its departments', schema: 'Statistics' },
    refusals: {
      400: 'Invalid period, department, jurisdiction, kind or matter; `errors` names every field',
      404: "Department or jurisdiction not in the caller's scope",
    },
  },
  readOfficialStatistics: {
    summary: '按经办人统计一个部门一个期间（月、季、年，上海时间）的预警 / Signals of one department in a period, per responsible official (经办人)',
    description: `Counts the department's signals raised in the period (Shanghai month \`2026-11\`, quarter \`2026-Q4\` or year \`2026\`) by the level shown, per official they name by staff id (never a name), withdrawn signals left out, as the department's statistics count them; \`unnamed\`: signals whose case named no official. Read from the department's signals, not from aggregates: at most ${officialStatisticsLimits.maxSignals} (the earliest; \`complete\` is false beyond). A department outside the caller's scope answers 404 (the attempt is audited).`,
    tags: ['statistics'],
    query: OfficialStatisticsQuery,
    success: { status: 200, description: 'Signals per official', schema: 'OfficialStatistics' },
    refusals: {
      400: 'Invalid period or department; `errors` names every field',
      404: "Department not in the caller's scope",
    },
  },
  readCaseTimeline: {
    summary: "案件时间线：事件、状态、期限与预警 / A case's events, state, deadlines and alerts",
    tags: ['alerts'],
    path: CaseTimelinePath,
    success: { status: 200, description: 'The timeline', schema: 'CaseTimeline' },
    refusals: { 404: "No such case in the caller's jurisdiction" },
  },
  readAlert: {
    summary: '读取一条预警（含处置时须提交的版本号） / Read one alert, with the version an action must send',
    description: "An alert outside the caller's jurisdiction answers 404, as one that does not exist (the attempt is audited).",
    tags: ['alerts'],
    path: AlertPath,
    success: { status: 200, description: 'The alert', schema: 'Alert' },
    refusals: { 404: "No such alert in the caller's jurisdiction" },
  },
  actOnAlert: {
    summary:
      '处置预警：签收、回复或提出异议（联络员）；关闭或裁定异议（监督人员） / Act on an alert: acknowledge, respond or dispute (liaison); close or rule on a dispute (supervisor)',
    description:
      "`expectedVersion` is the version the caller read; if the alert changed since, the answer is 409 and nothing is written. An action the alert's status does not allow is also 409.",
    tags: ['alerts'],
    path: AlertActionPath,
    body: 'AlertAction',
    success: { status: 200, description: 'The alert after the action', schema: 'Alert' },
    refusals: { 404: "No such alert in the caller's jurisdiction", 409: "Stale version, or the action is not possible in the alert's status" },
  },
  listDepartmentAlerts: {
    summary: "部门业务系统读取本部门的预警，最新在前 / A department's business system lists its own alerts, newest first",
    description:
      "SigV4-signed with the department's own identity, as for pushing records; `{department}` must be the signing department (its role may call no other department's path: 403). Filters and pages as `GET /v1/alerts`. Each alert carries `answerDueAt` once it calls for a correction.",
    tags: ['alerts'],
    path: DepartmentPath,
    query: ListDepartmentAlertsQuery,
    success: { status: 200, description: "A page of the department's alerts", schema: 'AlertPage' },
    refusals: { 400: 'Invalid filter or cursor; `errors` names every field', 403: "Not a department identity, or another department's path" },
  },
  readDepartmentAlert: {
    summary:
      "部门业务系统读取本部门的一条预警（含处置时须提交的版本号） / A department's business system reads one of its alerts, with the version an action must send",
    description: '`{department}` must be the signing department. An alert of another department is never shown.',
    tags: ['alerts'],
    path: AlertPath,
    success: { status: 200, description: 'The alert', schema: 'Alert' },
    refusals: {
      400: 'Invalid path parameter; `errors` names it',
      403: "Not a department identity, or another department's path",
      404: 'No such alert of the department',
    },
  },
  actOnDepartmentAlert: {
    summary:
      "部门业务系统处置本部门的预警：签收、回复（已纠正或说明，附证据）或提出异议 / A department's business system acknowledges, responds to (corrected or explained, with evidence) or disputes one of its alerts",
    description:
      "The liaison's lifecycle and version rules (`actOnAlert`): `expectedVersion` is the version read; a stale one or an action the status does not allow answers 409 and writes nothing; a supervisor's action (close, rule on a dispute) answers 403. Recorded in the alert's history and the audit trail as `department:<id>`, and published on the event bus.",
    tags: ['alerts'],
    path: AlertActionPath,
    body: 'AlertAction',
    success: { status: 200, description: 'The alert after the action', schema: 'Alert' },
    refusals: {
      400: 'Invalid body; `errors` names every field',
      403: "Not a department identity, another department's path, or a supervisor's action",
      404: 'No such alert of the department',
      409: "Stale version, or the action is not possible in the alert's status",
    },
  },
  listCalendarYears: {
    summary:
      '节假日安排：监督人员载入的年份，及内置国务院数据覆盖的年份 / Holiday arrangements loaded by supervisors, and the years the packaged State Council data covers',
    description: 'A loaded year replaces the packaged data for that year. Deadlines counted across a year covered by neither are provisional.',
    tags: ['calendar'],
    success: { status: 200, description: 'The loaded years, ascending', schema: 'CalendarYears' },
  },
  readCalendarYear: {
    summary: '一年的节假日安排 / One loaded holiday arrangement',
    tags: ['calendar'],
    path: CalendarYearPath,
    success: { status: 200, description: 'The arrangement with its version', schema: 'CalendarYear' },
    refusals: { 404: 'No arrangement loaded for that year (the packaged data applies, if any)' },
  },
  arrangeCalendarYear: {
    summary: "载入或更正一年的节假日安排（市级监督人员） / Load or correct a year's holiday arrangement (city supervisors)",
    description:
      "`year` must be the path's; every date must lie in it; make-up working days must be weekend days and not holidays. `expectedVersion` is the version read (0 for a year not loaded yet); if the year changed since, the answer is 409 and nothing is written. Processing uses the year within a minute.",
    tags: ['calendar'],
    path: CalendarYearPath,
    body: 'CalendarYearArrangement',
    success: { status: 200, description: 'The stored arrangement with its new version', schema: 'CalendarYear' },
    refusals: { 409: 'Stale version' },
  },
  listCatalogue: {
    summary: "部门的事项目录：各事项的当前条目与最新版本 / A department's catalogue of matters (事项目录): each matter's current item and latest version",
    description: "City supervisors read every department, district supervisors their district's, liaisons their own.",
    tags: ['catalogue'],
    path: CataloguePath,
    success: { status: 200, description: 'The catalogue', schema: 'Catalogue' },
    refusals: { 404: "No such department in the caller's jurisdiction" },
  },
  listMatterVersions: {
    summary: "事项的各版本（由旧到新）及今日生效的版本 / A matter's versions, oldest first, and the one in force today",
    tags: ['catalogue'],
    path: MatterPath,
    success: { status: 200, description: 'The versions', schema: 'MatterVersions' },
    refusals: { 404: "No such matter in the caller's jurisdiction" },
  },
  proposeMatterVersion: {
    summary:
      '新增事项版本，自 effectiveFrom（北京时间）起生效，至 effectiveUntil 或下一版本 / Add a version of a matter, in force from `effectiveFrom` (Asia/Shanghai) until `effectiveUntil` or the next version',
    description:
      "`version` must be the latest stored version plus one (1 for a new matter); otherwise 409 `stale-version`. Dates that overlap a stored version are refused with 409 `overlapping-effective-dates`. The matter is checked by its family's schema (400 naming the field). A refused version stores nothing.",
    tags: ['catalogue'],
    path: MatterPath,
    body: 'MatterVersionProposal',
    success: { status: 201, description: 'The stored version', schema: 'MatterVersion' },
    refusals: {
      404: "No such department in the caller's jurisdiction",
      409: 'Stale version, or effective dates overlapping a stored version',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  backTestMatter: {
    summary:
      '以存量案件回测拟议版本：将产生、消除、升级或降级的预警 / Try a proposed version on stored cases: the alerts it would raise, clear, escalate or lower',
    description: `Writes nothing. At most ${catalogueLimits.maxBackTestCases} case ids of the department's cases of this matter; each is evaluated as of now with the version in force on the day it started and with the proposal.`,
    tags: ['catalogue'],
    path: MatterPath,
    body: 'BackTestRequest',
    success: { status: 200, description: 'A diff of findings per case', schema: 'BackTestReport' },
    refusals: { 404: "No such department in the caller's jurisdiction" },
  },
  listRecordKinds: {
    summary: '记录类型：内置类型及配置定义的类型 / Record kinds: the built-in families and those defined by configuration',
    tags: ['catalogue'],
    success: { status: 200, description: 'Built-in kinds and configured definitions', schema: 'RecordKinds' },
  },
  defineRecordKind: {
    summary:
      '以配置定义记录类型或其新版本（第十七条第六项；仅市级监督人员） / Define (or give a new version of) a record kind by configuration (Art. 17(6)); city supervisor only',
    description:
      'Events with their fields, and rules of two shapes: a clock between two events, or a value outside a band. `version` is 1 for a new kind, else the stored version + 1 (409 otherwise). Every problem is reported with its path; nothing is stored unless the whole definition is valid. Departments can push records of the kind once a catalogue matter of that kind exists.',
    tags: ['catalogue'],
    path: RecordKindPath,
    body: 'KindDefinition',
    success: { status: 200, description: 'The stored definition', schema: 'KindDefinition' },
    refusals: { 409: 'Stale version' },
  },
  proposeScoringModel: {
    summary:
      "新增评估模型版本：市级监督人员维护市级模型，区（县、市）监督人员维护本辖区模型（第二十五条） / Add a version of a scoring model: the city supervisor keeps the city's, a district supervisor its district's (Art. 25)",
    description:
      "The version number is the owner's latest plus one. Weights are whole percentages adding up to 100; grades excellent, good, pass, fail with strictly descending minimums, the last 0. Every problem is named at once (400). Periods overlapping a stored version of the owner are refused with 409 `overlapping-effective-periods`, naming the version. A stored version never changes: a correction is a new version. Audited. A refused model stores nothing.",
    tags: ['evaluation'],
    body: 'ScoringModelProposal',
    success: { status: 201, description: 'The stored version with its formula in words', schema: 'PublishedScoringModel' },
    refusals: {
      403: "A model of another owner than the caller's own (the city's for the city supervisor, its district's for a district supervisor)",
      409: 'Effective periods overlapping a stored version',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  listScoringModels: {
    summary: "评估模型的各版本（由旧到新）及某月适用的版本 / A scoring model's versions, oldest first, and the one in force for a period",
    description:
      "`period` (YYYY-MM) defaults to the current month in Asia/Shanghai. The city supervisor reads every owner's model; a district supervisor its own and the city's.",
    tags: ['evaluation'],
    query: ListScoringModelsQuery,
    success: { status: 200, description: 'The versions', schema: 'ScoringModelVersions' },
    refusals: { 404: 'A model the caller may not read' },
  },
  readScoringModel: {
    summary: '评估模型的一个版本及其公式说明（公式随评估结果公布） / One version of a scoring model with its formula in words (published with the results)',
    tags: ['evaluation'],
    path: ScoringModelPath,
    success: { status: 200, description: 'The version as data and its formula in words', schema: 'PublishedScoringModel' },
    refusals: { 404: 'No such version, or one the caller may not read' },
  },
  tryScoringModel: {
    summary:
      "以样本数据试算评估模型：各部门得分、等级与排名，不作存储 / Try a scoring model on sample metrics: each department's points, grade and ranks; nothing is stored",
    description: `At most ${evaluationLimits.maxTrialDepartments} departments, each once, each of a period the version applies to (and, for a district's model, of that district). Ranks within the city and within each jurisdiction; equal totals share a rank.`,
    tags: ['evaluation'],
    path: ScoringModelPath,
    body: 'ScoringTrialRequest',
    success: { status: 200, description: 'The scores, best first', schema: 'ScoringTrial' },
    refusals: { 404: 'No such version, or one the caller may not read' },
  },
  runEvaluation: {
    summary:
      '运行某一期间（月、季度或年度）的效能评估：以适用的模型版本和统计数据计算各部门得分与排名，存为不可更改的版本 / Run the evaluation of a period (month, quarter or year): score and rank every department with the model version in force and the statistics, stored as a frozen version',
    description:
      "The city supervisor runs the city's evaluation (every department), a district supervisor its district's (its departments); 403 otherwise. `period` (`YYYY-MM`, `YYYY-Qn` or `YYYY`) must have ended in Asia/Shanghai (400 naming it); a quarter or a year is scored on the sum of its months. No model version in force for a month of it, or its months under different versions: 422. If the latest stored version has the same digest (same model version, same inputs), it is the answer (`newVersion: false`) and nothing is stored; otherwise the run is stored as the next version (concurrent runs of the same inputs store one version). Inputs the statistics do not measure yet are zero and listed in `unmeasuredInputs`. Nothing is public until a version is approved. Audited.",
    tags: ['evaluation'],
    body: 'EvaluationRunRequest',
    success: { status: 200, description: 'The version holding these numbers', schema: 'EvaluationVersion' },
    refusals: {
      403: "An evaluation of another owner than the caller's own",
      409: 'Runs kept colliding; run again',
      413: 'Body too large',
      415: 'Not application/json',
      422: 'No one version of the model applies to every month of the period',
    },
  },
  listEvaluations: {
    summary: '某一期间效能评估的各版本（由旧到新）及其批准情况 / The versions of a period’s evaluation, oldest first, with their approval',
    description: "The city supervisor reads every owner's evaluations, a district supervisor its own district's.",
    tags: ['evaluation'],
    path: EvaluationPeriodPath,
    success: { status: 200, description: 'The versions', schema: 'EvaluationVersions' },
    refusals: { 404: 'No evaluation of the period, or one the caller may not read' },
  },
  readEvaluation: {
    summary:
      '效能评估的一个版本：输入、得分与排名、公式（文字及数据）、摘要、批准情况 / One version of an evaluation: inputs, scores and ranks, formula in words and as data, digest, approval',
    tags: ['evaluation'],
    path: EvaluationVersionPath,
    success: { status: 200, description: 'The version', schema: 'EvaluationVersion' },
    refusals: { 404: 'No such version, or one the caller may not read' },
  },
  approveEvaluation: {
    summary: '批准公布效能评估的一个版本（第二十一条） / Approve a version of an evaluation for publication (Art. 21)',
    description:
      'By the supervisor who runs the evaluation (403 otherwise). From then on the version is served on the public endpoint; a later version approved corrects it, and it stays listed as superseded. Approving a version again answers its first approval. Audited.',
    tags: ['evaluation'],
    path: EvaluationVersionPath,
    success: { status: 200, description: 'The version with its approval', schema: 'EvaluationVersion' },
    refusals: { 403: "An evaluation of another owner than the caller's own", 404: 'No such version' },
  },
  readEvaluationReport: {
    summary:
      '效能评估报告（第二十一条第一款）：报政府的全辖区报告，或报部门的本部门报告；PDF（含图表）、CSV、Excel 或 JSON / The report of an evaluated period (Art. 21 ¶1): to the government (the whole scope) or to a department (its own figures); PDF with tables and a chart, CSV, Excel or JSON',
    description:
      "Drawn from the stored version, never recomputed: the same version gives the same figures. `format` is `pdf`, `csv` (UTF-8 with a byte-order mark), `xlsx` or `json`. Without `department`: the report to the government — every department of the evaluation ranked, with the scope's and each jurisdiction's figures and a bar chart of the totals. With `department`: that department's report only — its total, grade, ranks, and each part with what it came from (404 naming `department` if the version did not evaluate it). The city supervisor reads every owner's reports, a district supervisor its own district's (403 otherwise); a department liaison reads only its own department's report (its department when none is named; 403 for another) of an approved version (404 for a version not approved). For PDF and Excel send `Accept` with the file's media type (`application/pdf`, `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`): API Gateway sends the bytes then. Names of departments and jurisdictions are the city structure's. Every report drawn and every refusal of scope is audited.",
    tags: ['evaluation'],
    path: EvaluationVersionPath,
    query: EvaluationReportQuery,
    success: {
      status: 200,
      description: 'The report in the format asked for',
      schema: 'EvaluationReport',
      files: ['application/pdf', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    refusals: {
      400: 'Not an owner, a period, a version, a format or a department; `errors` names each',
      403: "An owner outside the supervisor's scope, or another department than the liaison's own",
      404: 'No such version (for a liaison: no such approved version), or a department the version did not evaluate',
    },
  },
  draftSpecialReport: {
    summary:
      '起草专项报告：系统从统计数据中发现普遍性问题（同一规则在多个部门或区县被违反）和明显上升，并起草报告（第二十一条第二款） / Draft a special report: the system finds rules broken in many departments or districts and sharp rises in the statistics, and drafts the report (Art. 21 ¶2)',
    description:
      "The city supervisor drafts the city's reports (every department), a district supervisor its district's (its departments); 403 otherwise, audited, nothing stored. `period` (`YYYY-MM`, `YYYY-Qn` or `YYYY`) must have begun in Asia/Shanghai. `thresholds` (each optional): `departments` (default 5) or `districts` (default 3, a city's report only) in which the same rule was broken make it widespread; a count of signals at least `risePercent`% (default 50) above the mean of the `previousPeriods` (default 3) periods before, and at least `minimumCount` (default 5), is a sharp rise — for the owner's whole scope and for each department, in total and per rule. Every problem of the body is named at once (400). Counts come from the statistics aggregates (signals by the month they were raised, per rule). The draft (numbered within the owner's period, named `<owner>.<period>.<number>`, version 1) carries the findings as data and the words in Chinese; at most 100 findings are kept (every widespread one first), `omittedFindings` says how many more there were. Audited.",
    tags: ['specialReports'],
    body: 'SpecialReportDraftRequest',
    success: { status: 201, description: 'The stored draft', schema: 'SpecialReport' },
    refusals: {
      403: "A report of another owner than the caller's own",
      409: 'Drafts kept colliding; draft again',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  listSpecialReports: {
    summary: '某一期间的专项报告（按编号） / The special reports of an owner’s period, by number',
    description: "`?owner=&period=`. The city supervisor reads every owner's reports, a district supervisor its own district's. None yet: an empty list.",
    tags: ['specialReports'],
    query: ListSpecialReportsQuery,
    success: { status: 200, description: 'The reports', schema: 'SpecialReports' },
    refusals: { 400: 'Not an owner or a period', 404: 'Reports the caller may not read' },
  },
  takeSpecialReportStep: {
    summary:
      '对专项报告的一步：修改草稿文字（edit）或印发（issue，印发后不再修改），均须提交所读版本 / A step on a special report: edit its draft’s words, or issue it (final from then on), each at the version read',
    description: `The report is named \`<owner>.<period>.<number>\` (its \`report\` field). By the supervisor who drafts the owner's reports (403 otherwise, audited). \`edit\`: the title, summary, sections and measures replace the draft's; the findings stay as detected. A version other than the stored one: 409 \`stale-version\`; an issued report: 409 \`action-not-allowed\`. At most ${specialReportLimits.maxBodyBytes / 1024} KiB. Audited.`,
    tags: ['specialReports'],
    path: SpecialReportPath,
    body: 'SpecialReportStep',
    success: { status: 200, description: 'The report at its next version', schema: 'SpecialReport' },
    refusals: {
      403: "A report of another owner than the caller's own",
      404: 'No such report',
      409: 'Changed since read, or already issued',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  readPublishedEvaluation: {
    summary:
      '公布的效能评估结果：得分、排名、公式（文字及数据）与批准日期 / The published evaluation of a period: scores, ranks, the formula in words and as data, and the approval date',
    description:
      'The latest approved version. If it corrects an earlier published version, `corrects` names it and `superseded` lists the earlier ones. `?format=csv` or `Accept: text/csv`: the results as CSV (UTF-8 with a byte-order mark, Chinese headers). No personal data: departments only. Before any approval: 404.',
    tags: ['publicEvaluation'],
    path: EvaluationPeriodPath,
    query: PublishedEvaluationQuery,
    success: { status: 200, description: 'The published results', schema: 'PublishedEvaluation', csv: true },
    refusals: { 400: 'Not an owner or a period; an unknown format', 404: 'Nothing published for this owner and period' },
  },
  listRectifications: {
    summary:
      "整改建议列表：监察机关辖区内（或某一部门）的整改建议，联络员本部门已下发的整改建议，最新期间在前 / Rectification suggestions: a supervisor's jurisdiction or one department of it, a liaison's own department (sent ones only), newest period first",
    description:
      "The city supervisor sees every suggestion, a district supervisor those of its district, a liaison those sent to its department (never a draft). `department` narrows to one department (404 outside the caller's scope), `status` to one status (drafted 草稿, sent 已下发, reported 已整改报告, accepted 已验收, returned 退回). Each item is the whole suggestion, with its groups by rule and its history. `limit` is clamped to 1..100; `cursor` comes from the previous page.",
    tags: ['rectification'],
    query: ListRectificationsQuery,
    success: { status: 200, description: 'A page of suggestions', schema: 'RectificationPage' },
    refusals: { 400: 'Invalid department, status, limit or cursor; `errors` names every field', 404: "Department not in the caller's scope" },
  },
  takeRectificationStep: {
    summary:
      '整改建议（第二十一条、第二十三条）：监察机关起草、修改、下发、验收或退回，部门报告整改情况 / A rectification suggestion (Art. 21, 23): the supervisor drafts, edits, sends, accepts or returns it; the department reports its rectification',
    description:
      "The path names the suggestion as `<department>.<period>` (a month `YYYY-MM`, quarter `YYYY-Qn` or year `YYYY`, Asia/Shanghai). `step`: `draft` — by the city supervisor or the supervisor of the department's district, for a period that has begun: the department's signals raised in the period (withdrawn and held ones left out, at most 2,000 read, `draft.complete: false` beyond) grouped by rule with its article, counts by level, example cases, the cases still open past their limit and a suggested action in Chinese, stored as version 1 (草稿, invisible to the department until sent; one per department and period: 409 `action-not-allowed` when it exists); `edit` (the text, while drafted); `send` (已下发; from then on the text never changes); `report` (the department's liaison: text and evidence references, 已整改报告; again after a return); `accept` (已验收) or `return` (退回, with reasons) a report. Every step but `draft` carries `expectedVersion`, the version read: another is refused with 409 `stale-version`, a step the status does not allow with 409 `action-not-allowed`, the other side's step with 403; nothing changes. A department or suggestion outside the caller's scope, or a draft to a liaison: 404. Audited.",
    tags: ['rectification'],
    path: RectificationPath,
    body: 'RectificationStep',
    success: { status: 200, description: 'The suggestion after the step (after `draft`: version 1)', schema: 'Rectification' },
    refusals: {
      400: 'A malformed department or period in the id, a period not begun, an invalid step, an empty or over-long text, too many evidence references; `errors` names every field',
      403: "The other side's step",
      404: "No such department or suggestion in the caller's scope",
      409: 'Stale version, a step its status does not allow, or a second draft of the period',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  listWebhookSubscriptions: {
    summary: '列出推送订阅：本部门或本辖区的 / Webhook subscriptions of your department or supervisor office',
    description:
      "A liaison lists its department's (`owner` absent or `department:<its department>`), a district supervisor its district office's, the city supervisor the city office's (`jurisdiction:<id>`). Another owner: 403. Secrets are never listed.",
    tags: ['webhooks'],
    query: ListWebhooksQuery,
    success: { status: 200, description: "The owner's subscriptions, oldest first", schema: 'WebhookSubscriptions' },
    refusals: { 400: 'A malformed owner', 403: "Another department's or office's subscriptions" },
  },
  createWebhookSubscription: {
    summary: '创建推送订阅（第十八条：系统推送信号） / Subscribe an HTTPS endpoint to signal events (Art. 18)',
    description:
      "For the caller's own department or office (`owner` may name it; another: 403). `url` must be `https:`, without user name or password, its host a name (not an IP address) that resolves only to public addresses (private, loopback, link-local, CGNAT, multicast and reserved IPv4/IPv6 addresses, IPv4-mapped ones included, are refused with 400 naming `/url`; the check is repeated at every delivery). `eventTypes`: the `detail-type`s of docs/events.md wanted; `minimumLevel` optional. The answer carries the signing secret (`whsec_…`, Standard Webhooks) — the only time it is shown; store it. `format: dingtalkRobot`: a DingTalk group robot (`https://oapi.dingtalk.com/robot/send?access_token=…` only) with its own `robotSecret` (required, never answered back). `format: zhezhengdingWorkNotice`: a 浙政钉 work notice (`https://openplatform-pro.ding.zj.gov.cn/message/workNotification` or `https://openplatform.dg-work.cn/message/workNotification` only) with the application's `appCredentials` (required, never answered back) and its `workNotice` audience. `format: sms`: no `url`; `phoneNumbers` (1-5 mainland mobiles, personal data: sealed, answered masked). Only `standardWebhooks` answers a secret. At most 10 subscriptions an owner (409). Audited.",
    tags: ['webhooks'],
    body: 'WebhookSubscriptionRequest',
    success: { status: 201, description: 'The subscription (version 1) and its secret, shown this once', schema: 'CreatedWebhookSubscription' },
    refusals: {
      400: 'A URL refused (scheme, credentials, IP literal, an address that is not public, a name that does not resolve, a robot not at DingTalk), an unknown event type, an empty description, a robot without its secret or a secret for another format; `errors` names every field',
      403: "Another department's or office's owner",
      409: 'The owner holds 10 subscriptions already',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  readWebhookSubscription: {
    summary: '读取推送订阅及其投递记录 / A webhook subscription and its delivery log',
    description: `The subscription (never its secret) and a page of its delivery log, newest first: time, event id and type, attempt, outcome, HTTP status, duration and error class (never the body). \`limit\` is clamped to 1..${webhookDeliveryPageLimits.max} (default ${webhookDeliveryPageLimits.default}); \`cursor\` comes from the previous page. Another owner's subscription: 404.`,
    tags: ['webhooks'],
    path: WebhookPath,
    query: ReadWebhookQuery,
    success: { status: 200, description: 'The subscription and a page of its deliveries', schema: 'WebhookSubscriptionDetail' },
    refusals: { 400: 'A malformed id or cursor', 404: "No such subscription among the caller's" },
  },
  takeWebhookSubscriptionStep: {
    summary: '修改、轮换密钥、启用、停用或删除推送订阅 / Change, rotate the secret of, enable, disable or remove a webhook subscription',
    description:
      "`step`: `change` (any of `url` — checked as at creation —, `eventTypes`, `minimumLevel` (`null`: every level), `description`); `rotateSecret` (a new secret, answered once; the old one stops signing at once; a DingTalk robot's: `robotSecret`, the robot's new one, not answered; a 浙政钉 work notice's: new `appCredentials`; an SMS subscription's: new `phoneNumbers`, answered masked); `enable` (again after the system disabled it for failing too long, or after `disable`; its failures are forgotten); `disable`; `remove` (with its secret). Every step carries `expectedVersion`, the version read: another is refused with 409 `stale-version` and nothing changes. Another owner's subscription: 404. Audited.",
    tags: ['webhooks'],
    path: WebhookPath,
    body: 'WebhookSubscriptionStep',
    success: {
      status: 200,
      description: 'The subscription after the step (none after `remove`), and the new secret after `rotateSecret`',
      schema: 'WebhookSubscriptionStepResult',
    },
    refusals: {
      400: 'A malformed id, an invalid step, a URL refused; `errors` names every field',
      404: "No such subscription among the caller's",
      409: 'Stale version',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  readOpenApiDocument: {
    summary: '本文档 / This document',
    tags: ['document'],
    success: { status: 200, description: 'OpenAPI 3.1 document' },
  },
  listJurisdictions: {
    summary:
      "辖区：市本级及其区、县（市） / The city's jurisdictions: the city, its districts, counties and county-level cities, each with the organ that issues its written notices",
    description:
      'The city system administrator and city supervisors see every jurisdiction, a district supervisor its own. The deployment configuration (`city`) seeds and updates them at each deployment; a change made here survives every redeploy that does not change that field in the configuration.',
    tags: ['cityStructure'],
    success: { status: 200, description: 'The jurisdictions, the city first', schema: 'Jurisdictions' },
  },
  readJurisdiction: {
    summary: '一个辖区 / One jurisdiction with its version',
    tags: ['cityStructure'],
    path: JurisdictionPath,
    success: { status: 200, description: 'The jurisdiction', schema: 'Jurisdiction' },
    refusals: { 404: "No such jurisdiction in the caller's scope" },
  },
  saveJurisdiction: {
    summary: '新建或修改辖区（市系统管理员） / Create or change a jurisdiction (the city system administrator)',
    description:
      "`expectedVersion` is the version read (0 to create); if the jurisdiction changed since, the answer is 409 and nothing is written. `version`, `updatedAt`, `updatedBy` and unknown fields are refused (400 naming the field). Only `city` is of kind `city`. Complaints may name the jurisdiction, and its written notices are issued in `issuingOrgan`'s name, within a minute. Audited.",
    tags: ['cityStructure'],
    path: JurisdictionPath,
    body: 'JurisdictionChange',
    success: { status: 200, description: 'The stored jurisdiction with its new version', schema: 'Jurisdiction' },
    refusals: { 409: 'Stale version, or it exists already (expectedVersion 0)', 413: 'Body too large', 415: 'Not application/json' },
  },
  listDepartments: {
    summary: '部门 / Departments: their jurisdiction and the record kinds their business systems are connected for',
    description:
      "The city system administrator and city supervisors see every department, a district supervisor its district's, a liaison its own. `jurisdiction` narrows the list; a jurisdiction outside the caller's scope is 404.",
    tags: ['cityStructure'],
    query: ListDepartmentsQuery,
    success: { status: 200, description: 'The departments, by jurisdiction', schema: 'Departments' },
    refusals: { 404: "Jurisdiction outside the caller's scope" },
  },
  readDepartment: {
    summary: '一个部门 / One department with its version',
    tags: ['cityStructure'],
    path: DepartmentPath,
    success: { status: 200, description: 'The department', schema: 'Department' },
    refusals: { 404: "No such department in the caller's scope" },
  },
  saveDepartment: {
    summary: '新建或修改部门（市系统管理员） / Create or change a department (the city system administrator)',
    description:
      '`expectedVersion` is the version read (0 to create); 409 on a stale one, nothing written. The jurisdiction must exist; each connected kind must be a record kind of the system (built-in or configured). Supervisors, catalogues and complaints see the change within a minute. Audited. **A department added here cannot push records yet**: its IAM role (and the Roles Anywhere profile for its certificate) comes only from the deployment configuration\'s `departments` at the next deployment (docs/deploy.md, "Onboarding a city and its departments").',
    tags: ['cityStructure'],
    path: DepartmentPath,
    body: 'DepartmentChange',
    success: { status: 200, description: 'The stored department with its new version', schema: 'Department' },
    refusals: { 409: 'Stale version, or it exists already (expectedVersion 0)', 413: 'Body too large', 415: 'Not application/json' },
  },
  submitManifest: {
    summary:
      '部门报送某日的记录清单（一致性核查，第七条第二款）：逐事项的条数、摘要及各分桶摘要，与系统所存比对 / A department submits its manifest of a day (reconciliation, Art. 7(2)): per matter the count and digest of its records and of each bucket, compared with what the system holds',
    description: `SigV4-signed with the department's own identity; \`{department}\` must be the signing department (403 otherwise). \`{day}\` is a Shanghai date not after today: the records whose \`occurredAt\` falls on it. A record's version is the SHA-256 of its canonical JSON as pushed (base64url, 43 characters); its entry hash is SHA-256 of \`<caseId>\\n<sequence>\\n<version>\`; its bucket the first two hex characters of SHA-256 of \`<caseId>\\n<sequence>\`; a digest the sum of entry hashes modulo 2^256 (64 lower-case hex characters). A matter left out is declared to have no records. The comparison replaces the day's earlier one and is answered: each matter with its declared and held count and digest and the buckets that differ; list those buckets next (\`POST .../buckets\`). At most ${reconciliationLimits.maxMatters} matters and ${reconciliationLimits.maxBodyBytes} bytes. Only records received since reconciliation existed are held for it.`,
    tags: ['records'],
    path: ManifestPath,
    body: 'Manifest',
    success: { status: 200, description: 'The comparison of the day', schema: 'Reconciliation' },
    refusals: {
      400: "Malformed manifest (a digest not of 64 hex characters, a bucket not of 2, a matter twice), totals that are not the sum of the matter's buckets, or a day not begun; `errors` names every field. Nothing is stored",
      403: "Not a department identity, or another department's path",
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  listManifestBuckets: {
    summary:
      '部门列出有差异分桶中的记录（案件编号、序号、版本），系统逐条比对出缺失、多出和版本不一致的记录 / A department lists the records of differing buckets; the system names the missing, extra and version-mismatched ones',
    description: `\`{department}\` must be the signing department. Only buckets the day's latest comparison found differing (409 otherwise); each record must belong to its bucket and be listed once (400). At most ${reconciliationLimits.maxBucketsPerListing} buckets and ${reconciliationLimits.maxRecordsPerListing} records a request. The differences are kept with the day (each list cut to its first 50, with whole counts) and the hourly connection check raises \`reconciliation.difference\` while they stand.`,
    tags: ['records'],
    path: ManifestPath,
    body: 'ManifestBucketListing',
    success: { status: 200, description: 'The comparison of the day with the differences listed so far', schema: 'Reconciliation' },
    refusals: {
      400: 'Malformed listing, a record not of its bucket or listed twice; `errors` names every field. Nothing is stored',
      403: "Not a department identity, or another department's path",
      404: 'No manifest of that day',
      409: 'A bucket that does not differ, or the manifest was submitted again meanwhile',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  readReconciliation: {
    summary: "一致性核查结果：部门某日最新清单的比对及已列出的差异 / The latest reconciliation of a department's day, with the differences listed",
    description: "City supervisors see every department, a district supervisor its district's, a liaison its own (404 outside the scope).",
    tags: ['cityStructure'],
    path: ManifestPath,
    success: { status: 200, description: 'The comparison of the day', schema: 'Reconciliation' },
    refusals: { 400: 'Invalid path parameter; `errors` names it', 404: "No manifest of that day, or a department outside the caller's scope" },
  },
  listConnectionHealth: {
    summary: "接入状况：调用者范围内各部门（或其中一个部门）的报送情况 / Connection health of the departments in the caller's scope, or of one",
    description: `City supervisors see every department, a district supervisor its district's, a liaison its own; \`department\` names one of them (404 outside the scope), \`jurisdiction\` narrows to one jurisdiction (not both). Per department: the last push with an accepted record, the connected kinds that never produced one, and per Shanghai day of \`from\`..\`to\` (inclusive, at most ${connectionHealthLimits.maxRangeDays} days; absent: the ${connectionHealthLimits.defaultRangeDays} days up to today) the records accepted, found duplicate and refused (by refusal class), and how long after their event the accepted ones arrived; totals with the refusal rate; the latest day of the range the department reconciled (\`reconciliation\`: its status and counts, null when none). Counted at ingest: never read from the records.`,
    tags: ['cityStructure'],
    query: ListConnectionHealthQuery,
    success: { status: 200, description: 'The health of each department, by jurisdiction', schema: 'ConnectionHealth' },
    refusals: {
      400: 'Invalid date, `from` after `to`, a range too long, or both `department` and `jurisdiction`; `errors` names the field',
      404: "Department or jurisdiction outside the caller's scope",
    },
  },
  readDataQuality: {
    summary: "数据质量评分：调用者范围内各部门的报送质量、发现问题与等级 / Data-quality scorecard of the departments in the caller's scope",
    description: `Scoped and queried as the connection-health listing: city supervisors see every department, a district supervisor its district's, a liaison its own; \`department\` names one (404 outside the scope), \`jurisdiction\` narrows to one (not both); \`from\`..\`to\` Shanghai dates, inclusive, at most ${connectionHealthLimits.maxRangeDays} days (absent: the ${connectionHealthLimits.defaultRangeDays} days up to today). Per department: the records that arrived (accepted, duplicate, refused, the refusal share, those over 24 hours late and the lag classes of the median and the 95th percentile), from the connection-health counters; the data-quality findings raised in the range by kind and how many are still active, from the department's alert index (at most 5,000 signals a department; \`findings.complete\` false beyond); the latest reconciliation of the range; a score out of 100 and a grade (优 ≥ 90, 良 ≥ 75, 中 ≥ 60, 差) from the deductions \`scoring\` declares; no score when no record arrived.`,
    tags: ['cityStructure'],
    query: DataQualityQuery,
    success: { status: 200, description: 'The scorecard of each department, by jurisdiction', schema: 'DataQuality' },
    refusals: {
      400: 'Invalid date, `from` after `to`, a range too long, a malformed department, or both `department` and `jurisdiction`; `errors` names the field',
      404: "Department or jurisdiction outside the caller's scope, or unknown",
    },
  },
  fileComplaint: {
    summary:
      '投诉一个部门（可指明其案件），或不指明部门而投诉一个辖区 / File a complaint about a department (optionally one of its cases) or, naming no department, a jurisdiction',
    description: `Real-name complaints carry the complainant (name and phone required; ID number checked against its check character; phone a mainland mobile or landline); anonymous ones carry none. \`identityDisclosureConsent\`: the department complained about may see who the complainant is. Content at most ${complaintLimits.maxContentCharacters} characters, body at most ${complaintLimits.maxBodyBytes} bytes. Personal data and content are encrypted per field before storage. The answer carries the query token once: it is stored only as a hash.`,
    tags: ['publicComplaints'],
    body: 'FileComplaint',
    success: {
      status: 201,
      description: 'The receipt number, the query token (shown once) and the acceptance deadline (5 working days)',
      schema: 'FiledComplaint',
    },
    refusals: { 400: 'Invalid complaint; `errors` names the field', 413: 'Body too large', 415: 'Not application/json' },
  },
  readComplaintStatus: {
    summary:
      "投诉办理情况：阶段、日期、期限、受理决定与办理结果（凭查询码） / A complaint's stage, dates, deadlines, decision and result, for the holder of its query token",
    description: 'Header `X-Query-Token`. No personal data, no internal notes. A wrong or missing token and an unknown receipt number answer the same 404.',
    tags: ['publicComplaints'],
    path: PublicComplaintPath,
    headers: [queryToken],
    success: { status: 200, description: 'The status', schema: 'ComplaintStatus' },
    refusals: { 404: 'No complaint matches this receipt number and token' },
  },
  readComplainantNotice: {
    summary: "投诉人的受理决定或办理结果书面告知（实名投诉） / The complainant's written notice of the decision or the result (real-name complaints)",
    tags: ['publicComplaints'],
    path: PublicNoticePath,
    headers: [queryToken],
    success: { status: 200, description: 'The notice', contentType: 'application/pdf' },
    refusals: {
      400: 'No such kind of notice',
      404: 'No such complaint for this token, or no such notice',
      410: 'The notice went with the personal data when its retention ended',
    },
  },
  rateComplaint: {
    summary: '投诉办结后评价办理情况（1–5 分，可附意见；仅一次） / Rate the handling (1–5, optional comment) once the complaint is finished; once only',
    tags: ['publicComplaints'],
    path: PublicComplaintPath,
    headers: [queryToken],
    body: 'ComplaintRating',
    success: { status: 201, description: 'Rated' },
    refusals: {
      400: 'Invalid rating',
      404: 'No complaint matches this receipt number and token',
      409: 'Not finished yet, past the window, or already rated',
    },
  },
  reopenComplaint: {
    summary:
      '办结后 30 日内（可配置）重新投诉：关联原投诉的新投诉，新受理编号与查询码 / Re-open a finished complaint within 30 days (configurable): a new complaint linked to the original, with a new receipt number and token',
    tags: ['publicComplaints'],
    path: PublicComplaintPath,
    headers: [queryToken],
    body: 'ComplaintReopening',
    success: { status: 201, description: 'The new complaint', schema: 'FiledComplaint' },
    refusals: {
      400: 'Invalid content',
      404: 'No complaint matches this receipt number and token',
      409: 'Not finished, past the window, or already re-opened',
    },
  },
  listComplaints: {
    summary:
      '投诉队列，期限最近者在前：待受理、办理中、已转办、待审核（监督人员）；转至本部门的（联络员） / Complaint queues, soonest deadline first: awaitingDecision, inHandling, forwarded, awaitingReview (supervisors); forwarded to their department (liaisons)',
    description: 'Rows carry no personal data; each shows the signal of its running clock. `limit` is clamped to 1..100.',
    tags: ['complaints'],
    query: ListComplaintsQuery,
    success: { status: 200, description: 'A page of the queue', schema: 'ComplaintQueuePage' },
  },
  readComplaint: {
    summary: '一件投诉：内容、信号与时间线 / A complaint with its content, signals and timeline',
    description:
      'Supervisors see the complainant masked; the liaison of the department it was forwarded to sees the identity only when the complaint is not about that department or its staff, or the complainant agreed (otherwise `identityWithheld: true`).',
    tags: ['complaints'],
    path: ComplaintPath,
    success: { status: 200, description: 'The complaint', schema: 'ComplaintDetail' },
    refusals: { 404: "No such complaint in the caller's scope" },
  },
  decideOnComplaint: {
    summary:
      '受理（自办，或限期转办部门）或不予受理（附理由）；实名投诉同时生成受理决定告知书 / Accept (handled by the supervisor, or forwarded to a department, with a deadline) or not accept (with reasons); writes the decision notice of a real-name complaint',
    tags: ['complaints'],
    path: ComplaintPath,
    body: 'ComplaintDecision',
    success: { status: 200, description: 'The complaint after the decision', schema: 'ComplaintChanged' },
    refusals: {
      404: "No such complaint in the caller's jurisdiction",
      409: 'Stale version, or already decided',
      422: 'Reasons the notice font cannot print',
    },
  },
  reportComplaintResult: {
    summary:
      "办理结果（附证据）：监督人员自办的即办结；转办部门的待审核 / The result of handling with evidence: the supervisor's own concludes the complaint; the forwarded department's awaits review",
    tags: ['complaints'],
    path: ComplaintPath,
    body: 'ComplaintResult',
    success: { status: 200, description: 'The complaint after the result', schema: 'ComplaintChanged' },
    refusals: {
      404: "No such complaint in the caller's scope",
      409: 'Stale version, or not in handling',
      422: 'A summary the notice font cannot print',
    },
  },
  reviewComplaintResult: {
    summary:
      "审核部门的办理结果：认可（办结，生成结果告知书）或附理由与新期限退回 / Accept the department's result (concluded; result notice) or send it back with reasons and a new deadline",
    tags: ['complaints'],
    path: ComplaintPath,
    body: 'ComplaintReview',
    success: { status: 200, description: 'The complaint after the review', schema: 'ComplaintChanged' },
    refusals: {
      404: "No such complaint in the caller's jurisdiction",
      409: 'Stale version, or no result awaiting review',
      422: 'A summary the notice font cannot print',
    },
  },
  revealComplainantIdentity: {
    summary:
      "为说明的目的查看实名投诉人身份（作为个人信息读取记入审计） / Reveal a real-name complainant's identity for a stated purpose (audited as a read of personal data)",
    tags: ['complaints'],
    path: ComplaintPath,
    body: 'ComplainantIdentityRequest',
    success: { status: 200, description: 'The complainant', schema: 'ComplainantIdentity' },
    refusals: {
      404: "No such complaint in the caller's jurisdiction",
      409: 'An anonymous complaint',
      410: 'The personal data was erased when its retention ended',
    },
  },
  readComplaintNotice: {
    summary: '投诉的书面告知书（PDF） / A written notice (PDF) of a complaint',
    tags: ['complaints'],
    path: ComplaintNoticePath,
    success: { status: 200, description: 'The notice', contentType: 'application/pdf' },
    refusals: { 404: 'No such complaint or notice', 410: 'The notice went with the personal data when its retention ended' },
  },
  recordNoticeDelivery: {
    summary:
      '登记书面告知书的送达（邮寄、短信、电子邮件、当面、网上），可登记多次 / Record a delivery of a written notice (post, SMS, e-mail, in person, online); several may be recorded',
    tags: ['complaints'],
    path: ComplaintNoticePath,
    body: 'NoticeDelivery',
    success: { status: 200, description: 'The complaint after the delivery', schema: 'ComplaintChanged' },
    refusals: { 404: 'No such complaint or notice', 409: 'Stale version, or delivered before produced' },
  },
  searchComplaints: {
    summary:
      "按身份证号或电话（经带密钥散列）查找某人的投诉；仅受理编号与阶段；记入审计 / Find a person's complaints by ID number or phone (through the keyed hash); receipt numbers and stages only; audited",
    tags: ['complaints'],
    body: 'ComplaintSearch',
    success: { status: 200, description: "Complaints in the caller's jurisdiction", schema: 'ComplaintSearchResult' },
  },
  listSecurityEvents: {
    summary: "安全事件（安全管理员） / The security administrator's view: a day's security events (Asia/Shanghai), oldest first",
    description: `Classified content refused, lockouts after repeated failed authentication, integrity breaks, scope refusals. Security administrator only; every read is audited. \`kind\` narrows to one kind; \`limit\` is clamped to 1..${securityEventPageLimits.max}; \`cursor\` comes from the previous page.`,
    tags: ['security'],
    query: ListSecurityEventsQuery,
    success: { status: 200, description: 'A page of security events', schema: 'SecurityEventPage' },
  },
  requestSupervision: {
    summary:
      "部门就重大、复杂或特定事项书面提请督办（联络员） / A department's written report requesting supervision of a major, complex or specific matter (liaisons)",
    description: `The requester is the liaison's own department; a body naming another one is refused (403, audited). The supervisor's decision is due within the configured working days after the day of filing (Asia/Shanghai; default 3). At most ${supervisionLimits.maxBodyBytes} bytes.`,
    tags: ['supervision'],
    body: 'SupervisionRequestBody',
    success: { status: 201, description: 'The filed request with its decision deadline', schema: 'SupervisionRequest' },
    refusals: { 413: 'Body too large', 415: 'Not application/json' },
  },
  listSupervisionRequests: {
    summary:
      "督办申请：监督人员看本辖区待决定的（决定期限最近者在前）；联络员看本部门的 / Supervisors: their jurisdiction's requests awaiting a decision, soonest decision deadline first; liaisons: their department's requests",
    tags: ['supervision'],
    query: SupervisionListQuery,
    success: { status: 200, description: 'A page of requests', schema: 'SupervisionRequestPage' },
    refusals: { 404: "Jurisdiction outside the caller's scope" },
  },
  decideSupervisionRequest: {
    summary:
      '就申请立案督办（责任部门、督办事项、期限）或附理由不予督办 / Open a case on a request (responsible department, what must be done, deadline) or decline it with reasons',
    description:
      "The responsible department defaults to the requester and must be of the supervisor's jurisdiction (403 otherwise). The deadline is a Shanghai date, not in the past. `expectedVersion` is the version read: 409 `stale-version` if the request changed, 409 `action-not-allowed` once it is decided.",
    tags: ['supervision'],
    path: RequestNumberPath,
    body: 'SupervisionDecisionBody',
    success: { status: 200, description: 'The decided request, and the case opened', schema: 'SupervisionDecision' },
    refusals: { 404: "No such request in the caller's jurisdiction", 409: 'Stale version, or already decided' },
  },
  openSupervisionCase: {
    summary: "监督人员主动立案督办：源于预警、投诉或无 / Open a case on the supervisor's own initiative: from an alert, a complaint, or nothing",
    description:
      "A case opened from an alert makes the alert's department responsible unless another is named. Departments outside the supervisor's jurisdiction are refused (403, audited).",
    tags: ['supervision'],
    body: 'SupervisionCaseBody',
    success: { status: 201, description: 'The opened case', schema: 'SupervisionCase' },
    refusals: { 413: 'Body too large', 415: 'Not application/json' },
  },
  listSupervisionCases: {
    summary:
      "督办案件，按期限排列：监督人员看本辖区的，联络员看交本部门的；state=closed 看已结案的 / Cases by deadline: supervisors their jurisdiction's, liaisons those assigned to their department; `state=closed` for closed ones",
    tags: ['supervision'],
    query: SupervisionCaseListQuery,
    success: { status: 200, description: 'A page of cases with their signals', schema: 'SupervisionCasePage' },
    refusals: { 404: "Jurisdiction outside the caller's scope" },
  },
  readSupervisionCase: {
    summary: '一件督办案件：信号、逾期情况与时间线 / A case with its signals, overdue facts and timeline',
    tags: ['supervision'],
    path: CaseNumberPath,
    success: { status: 200, description: 'The case and its timeline', schema: 'SupervisionCaseDetail' },
    refusals: { 404: "No such case in the caller's scope" },
  },
  reportSupervisionProgress: {
    summary: "责任部门报告进展，或附证据报告办结（联络员） / The responsible department's progress report, or its completion report with evidence (liaisons)",
    description: 'A completion report cancels the deadline timers and awaits the supervisor. 409 on a stale version or once completion was reported.',
    tags: ['supervision'],
    path: CaseNumberPath,
    body: 'SupervisionProgressBody',
    success: { status: 200, description: 'The case after the report', schema: 'SupervisionCase' },
    refusals: { 404: "No such case assigned to the caller's department", 409: 'Stale version, or not open' },
  },
  extendSupervisionCase: {
    summary: '附理由延长未结案件的期限，计时随之调整 / Extend an open case to a later deadline, with reasons; its timers move with it',
    tags: ['supervision'],
    path: CaseNumberPath,
    body: 'SupervisionExtensionBody',
    success: { status: 200, description: 'The extended case', schema: 'SupervisionCase' },
    refusals: { 404: "No such case in the caller's jurisdiction", 409: 'Stale version, or not open' },
  },
  closeSupervisionCase: {
    summary:
      '结案（报告办结后；之前须附理由），或附理由退回办结报告 / Close a case (after a completion report; before one only with reasons), or send a completion report back with reasons',
    tags: ['supervision'],
    path: CaseNumberPath,
    body: 'SupervisionClosureBody',
    success: { status: 200, description: 'The case after the step', schema: 'SupervisionCase' },
    refusals: { 404: "No such case in the caller's jurisdiction", 409: 'Stale version, or not allowed in the stage' },
  },
  issueAccountabilityMeasure: {
    summary:
      '作出问责措施（第二十三条、第二十四条）：责令改正、通报批评或追究责任 / Issue an accountability measure (Art. 23, 24): an order to correct, a circulated criticism or a referral for accountability',
    description: `By the city supervisor (any department) or the supervisor of the department's district (another district's department: 404, audited, nothing stored). \`article24Item\`: the item (1–6) of Art. 24 ¶1 the department failed; \`signals\`: 1–20 alert keys of that department the measure is based on (findings of reporting and connection are signals too) — one of another department, one that does not exist or was withdrawn: 400 naming each. \`measure.type\`: \`correctionOrder\` (责令改正) with \`deadline\` \`{ workingDays }\` (counted after the day of issue by the city's working-day calendar) or \`{ date }\` (after today, within a year) and \`requirements\`; \`circulatedCriticism\` (通报批评) with \`circulatedText\` and \`circulatedTo\`; \`accountabilityReferral\` (追究责任) with \`referredTo\`, the body it goes to. The written document (number \`WZ<yyyymmdd><6>\`, title, text citing the signals and the articles, the issuing organ of the supervisor's jurisdiction from the city's structure, date) is composed once and never changes. At most ${accountabilityLimits.maxBodyBytes / 1024} KiB. Audited.`,
    tags: ['accountability'],
    body: 'AccountabilityMeasureRequest',
    success: { status: 201, description: 'The measure, version 1 (已下达)', schema: 'AccountabilityMeasure' },
    refusals: {
      400: 'An invalid field, a deadline out of range, a signal that cannot be cited; `errors` names every field',
      404: "No such department in the caller's jurisdiction",
      413: 'Body too large',
      415: 'Not application/json',
      422: "Text the document's font cannot print; `errors` names each field and its characters",
    },
  },
  listAccountabilityMeasures: {
    summary:
      "问责措施列表：监察机关辖区内（或某一部门）的，联络员本部门的 / Accountability measures: a supervisor's jurisdiction or one department of it, a liaison's own department",
    description:
      "Grouped by jurisdiction and department, newest number first. `department` narrows to one department (404 outside the caller's scope), `type` and `status` to one of each, `overdue=true` to the orders to correct past their deadline (Shanghai) with no correction reported or one rejected. Each item carries `overdue`: a correction order past its deadline with no correction reported or one rejected. `limit` is clamped to 1..100; `cursor` comes from the previous page.",
    tags: ['accountability'],
    query: ListMeasuresQuery,
    success: { status: 200, description: 'A page of measures', schema: 'AccountabilityMeasurePage' },
    refusals: { 400: 'Invalid department, type, status, overdue, limit or cursor; `errors` names every field', 404: "Department not in the caller's scope" },
  },
  readAccountabilityMeasure: {
    summary: '读取一项问责措施（含处理步骤所需的版本号） / Read one accountability measure, with the version a step must send',
    tags: ['accountability'],
    path: MeasurePath,
    success: { status: 200, description: 'The measure', schema: 'AccountabilityMeasure' },
    refusals: { 400: 'Not a measure number', 404: "No such measure in the caller's scope" },
  },
  takeAccountabilityStep: {
    summary:
      '问责措施的后续步骤：部门报告改正情况，发文机关确认或退回、登记已通报、登记处理决定 / A step on a measure: the department reports its correction; the issuing organ accepts or rejects it, records the circulation, records the decision',
    description: `\`reportCorrection\` (the department's liaison; a correction order issued or rejected: text and evidence references); \`acceptCorrection\` (已改正) or \`rejectCorrection\` (with reasons; the department reports again) of a reported correction; \`recordCirculation\` of a criticism (已通报); \`recordDecision\` of a referral: \`outcome\` \`sanctioned\` (with \`sanction\`: 警告, 记过, 记大过, 降级, 撤职, 开除), \`otherHandling\` or \`notPursued\` (不予追究), the date and text of the decision. Supervisor steps are the issuing organ's (another supervisor who may read the measure: 403, audited). \`expectedVersion\` is the version read: another is refused with 409 \`stale-version\`, a step the type or status does not allow with 409 \`action-not-allowed\`, the other side's step with 403; nothing changes. At most ${accountabilityLimits.maxBodyBytes / 1024} KiB. Audited.`,
    tags: ['accountability'],
    path: MeasurePath,
    body: 'AccountabilityStep',
    success: { status: 200, description: 'The measure after the step', schema: 'AccountabilityMeasure' },
    refusals: {
      400: 'An invalid step or field, a sanction not matching the outcome; `errors` names every field',
      403: "The other side's step, or a supervisor step of a measure another organ issued",
      404: "No such measure in the caller's scope",
      409: 'Stale version, or a step its type or status does not allow',
      413: 'Body too large',
      415: 'Not application/json',
    },
  },
  readAccountabilityDocument: {
    summary: '问责措施的书面文书（PDF） / The written document (PDF) of an accountability measure',
    description: 'Set from the text stored when the measure was issued: the same measure always gives the same document.',
    tags: ['accountability'],
    path: MeasurePath,
    success: { status: 200, description: 'The document', contentType: 'application/pdf' },
    refusals: { 400: 'Not a measure number', 404: "No such measure in the caller's scope" },
  },
  listDepartmentAccountabilityMeasures: {
    summary: "部门业务系统读取针对本部门的问责措施 / A department's business system lists the accountability measures about it",
    description:
      "SigV4-signed with the department's own identity; `{department}` must be the signing department (its role may call no other department's path: 403). Filters and pages as `GET /v1/accountability-measures`.",
    tags: ['accountability'],
    path: DepartmentPath,
    query: ListDepartmentMeasuresQuery,
    success: { status: 200, description: "A page of the department's measures", schema: 'AccountabilityMeasurePage' },
    refusals: { 400: 'Invalid filter or cursor; `errors` names every field', 403: "Not a department identity, or another department's path" },
  },
  readDepartmentAccountabilityDocument: {
    summary: "部门业务系统下载针对本部门的问责措施文书（PDF） / A department's business system downloads the document of a measure about it",
    description: '`{department}` must be the signing department; a measure about another department is never shown (404).',
    tags: ['accountability'],
    path: DepartmentMeasurePath,
    success: { status: 200, description: 'The document', contentType: 'application/pdf' },
    refusals: {
      400: 'Not a measure number',
      403: "Not a department identity, or another department's path",
      404: 'No such measure about the department',
    },
  },
  listAuditEntries: {
    summary:
      "审计记录：某日的条目，可按操作者、操作、对象筛选（仅审计员） / Audit trail: one UTC day's entries, filtered by actor, action (or its start) and object (auditors only)",
    description: `Oldest first; \`limit\` is clamped to 1..${auditPageLimits.max}. A filter is applied to the day's entries as they are read (at most 2,000 per request): a rare filter may answer a short or empty page with \`nextCursor\`; follow it. Every read is itself audited (\`audit.entries.read\`). Any other role: 403.`,
    tags: ['audit'],
    query: ListAuditEntriesQuery,
    success: { status: 200, description: 'A page of entries', schema: 'AuditEntryPage' },
  },
  verifyAuditDay: {
    summary:
      "审计记录核验：某日条目与封存摘要、摘要链和签名比对（仅审计员） / Audit trail verification: one UTC day's entries against the sealed digests, the chain and the signatures (auditors only)",
    description:
      'Names the first missing, altered or inserted entry, and any missing or broken digest or broken link, in time order (the first 100 listed, all counted). Entries after `sealedUntil` await the next seal (`unsealed.pending`). A break found is an integrity-break security event. The read is itself audited (`audit.verify`). Any other role: 403.',
    tags: ['audit'],
    query: AuditVerificationQuery,
    success: { status: 200, description: "The day's verification", schema: 'AuditVerification' },
  },
};
