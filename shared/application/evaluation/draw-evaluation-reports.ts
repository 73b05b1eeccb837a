/**
 * The periodic reports of an evaluated period (Art. 21 ¶1), drawn from a stored version of its
 * evaluation (never recomputed).
 * Primary course: who may read what decides first — the city supervisor any owner's evaluation,
 * a district supervisor its own district's (403 otherwise), a department liaison only its own
 * department's report (403 naming `department` for another's) and only of an approved version
 * (an unapproved one answers as not found); then the version (404 when not stored); then the
 * report: the government's (the whole scope) when no department is named, else that
 * department's (404 naming `department` when the version did not evaluate it); the names of
 * departments and jurisdictions from the city structure. Every report drawn is an export and is
 * audited, as is every refusal of scope.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { departmentReport, governmentReport, type EvaluationReport, type ReportNames, type ReportSource } from '../../domain/evaluation/evaluation-report.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import type { CityStructureRepository } from '../city-structure/city-structure-repository.ts';
import type { AuditLog } from '../ports.ts';
import { EvaluationNotFound, EvaluationNotYours } from './evaluate-periods.ts';
import { mayKeepModel } from './manage-scoring-models.ts';
import type { PeriodEvaluationStore } from './period-evaluation-store.ts';

export interface EvaluationReportDependencies {
  readonly evaluations: Pick<PeriodEvaluationStore, 'history'>;
  readonly structure: Pick<CityStructureRepository, 'departments' | 'jurisdictions'>;
  readonly audit: AuditLog;
}

/** Which report: an owner's period and version, and a department for a department's report. */
export interface EvaluationReportRequest {
  readonly owner: string;
  readonly period: string;
  readonly version: number;
  readonly department?: string;
}

const action = 'evaluation.report';
const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const targetOf = ({ owner, period, version, department }: EvaluationReportRequest): string =>
  `evaluation:${owner}/${period}@v${version}${department === undefined ? '' : `#${department}`}`;

/** The city supervisor reads every owner's evaluations; a district supervisor its own district's (as the evaluation routes). */
const supervisorMayRead = (principal: StaffPrincipal, owner: string): boolean =>
  (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction) || mayKeepModel(principal, owner);

/** Why the caller may not have the report asked for, or undefined when it may (versions aside). */
function scopeRefusal(principal: StaffPrincipal, request: EvaluationReportRequest): EvaluationNotYours | undefined {
  if (principal.role === 'departmentLiaison') {
    if (principal.department !== undefined && (request.department === undefined || request.department === principal.department)) return undefined;
    return new EvaluationNotYours(
      { zh: '无权查阅该报告', en: 'Not allowed to read this report' },
      { zh: '部门联络员只能查阅本部门的效能评估报告。', en: "A department liaison reads its own department's evaluation report only." },
      [{ pointer: '/query/department', detail: { zh: '只能是本部门', en: "must be the liaison's own department" } }],
    );
  }
  if (supervisorMayRead(principal, request.owner)) return undefined;
  return new EvaluationNotYours(
    { zh: '无权查阅该报告', en: 'Not allowed to read this report' },
    {
      zh: `${request.owner} 的效能评估报告由市级监督人员或该辖区的监督人员查阅；角色 ${principal.role}（${principal.jurisdiction}）无权查阅。`,
      en: `The evaluation reports of ${request.owner} are read by the city supervisor or that jurisdiction's supervisor, not by ${principal.role} of ${principal.jurisdiction}.`,
    },
    [{ pointer: '/path/owner', detail: { zh: `无权查阅 ${request.owner} 的效能评估报告`, en: `may not read the evaluation reports of ${request.owner}` } }],
  );
}

const versionNotFound = ({ owner, period, version }: EvaluationReportRequest, approvedOnly: boolean): EvaluationNotFound =>
  new EvaluationNotFound(
    { zh: '评估结果不存在', en: 'Evaluation not found' },
    approvedOnly
      ? {
          zh: `${owner} ${period} 的效能评估没有经批准的第 ${version} 版；部门只能查阅已批准版本的报告。`,
          en: `No approved version ${version} of the evaluation of ${owner} for ${period}: departments read the reports of approved versions only.`,
        }
      : { zh: `${owner} ${period} 的效能评估没有第 ${version} 版。`, en: `No version ${version} of the evaluation of ${owner} for ${period}.` },
  );

const departmentNotEvaluated = ({ owner, period, version, department }: EvaluationReportRequest): EvaluationNotFound =>
  new EvaluationNotFound(
    { zh: '该部门不在本次评估中', en: 'Department not in the evaluation' },
    {
      zh: `${owner} ${period} 效能评估第 ${version} 版未评估部门 ${department}。`,
      en: `Version ${version} of the evaluation of ${owner} for ${period} did not evaluate the department ${department}.`,
    },
    [{ pointer: '/query/department', detail: { zh: '不在本次评估的部门之中', en: 'not among the departments this version evaluated' } }],
  );

async function namesOf(owner: string, structure: EvaluationReportDependencies['structure']): Promise<ReportNames> {
  const [departments, jurisdictions] = await Promise.all([structure.departments(owner === cityJurisdiction ? undefined : owner), structure.jurisdictions()]);
  return {
    departments: new Map(departments.map((entry) => [entry.department, entry.name])),
    jurisdictions: new Map(jurisdictions.map((entry) => [entry.jurisdiction, entry.name])),
  };
}

/** Draws the government's or a department's report of a stored version; see the module comment for who may read which. */
export async function drawEvaluationReport(
  principal: StaffPrincipal,
  asked: EvaluationReportRequest,
  deps: EvaluationReportDependencies,
): Promise<EvaluationReport> {
  if (principal.role !== 'citySupervisor' && principal.role !== 'districtSupervisor' && principal.role !== 'departmentLiaison') {
    throw new RoleNotPermitted(
      { zh: '该角色无权查阅效能评估报告', en: 'Role not allowed to read evaluation reports' },
      { zh: `角色 ${principal.role} 不能查阅效能评估报告。`, en: `The role ${principal.role} may not read evaluation reports.` },
    );
  }
  const liaison = principal.role === 'departmentLiaison';
  // A liaison's report is its department's, named or not.
  const request: EvaluationReportRequest =
    liaison && asked.department === undefined && principal.department !== undefined ? { ...asked, department: principal.department } : asked;
  const actor = actorOf(principal);
  const refusal = scopeRefusal(principal, request);
  if (refusal !== undefined) {
    await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(request), reason: 'not in scope' });
    throw refusal;
  }

  const [history, names] = await Promise.all([deps.evaluations.history(request.owner, request.period), namesOf(request.owner, deps.structure)]);
  const stored = history.versions.find((candidate) => candidate.version === request.version);
  const approval = history.approvals.find((candidate) => candidate.version === request.version) ?? null;
  if (stored === undefined || (liaison && approval === null)) throw versionNotFound(request, liaison);
  const source: ReportSource = {
    evaluation: stored.evaluation,
    version: stored.version,
    evaluatedAt: stored.evaluatedAt,
    approvedAt: approval?.approvedAt ?? null,
    unmeasuredInputs: stored.unmeasuredInputs,
  };
  const report = request.department === undefined ? governmentReport(source, names) : departmentReport(source, names, request.department);
  if (report === undefined) throw departmentNotEvaluated(request);
  await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(request) });
  return report;
}
