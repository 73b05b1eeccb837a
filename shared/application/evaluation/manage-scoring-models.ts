/**
 * Supervisors keep the scoring models of the efficiency evaluation (效能评估, Art. 20-22): the
 * city supervisor the city's model, a district supervisor its district's own (Art. 25). Each
 * version is dated by periods and immutable once stored; a correction is a new version.
 * Primary course (propose): refuse a caller who may not keep the model the body names (403,
 * audited); check the model, naming every problem (400); read the owner's versions; refuse a
 * model whose periods overlap a stored version's (409 `overlapping-effective-periods`, naming it);
 * store it as the latest version plus one by a write that fails if another writer took that
 * number, and then start again from the read; audit it. A refused model stores nothing.
 * Reads and trials: the city supervisor any owner's, a district supervisor its own and the city's.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import type { Bilingual } from '../../domain/bilingual.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import type { DepartmentPeriodMetrics } from '../../domain/evaluation/department-period-metrics.ts';
import { describeModel, type ModelDescription } from '../../domain/evaluation/describe-model.ts';
import { findOverlappingVersions, versionInForce, type EvaluationPeriod } from '../../domain/evaluation/evaluation-period.ts';
import { rankDepartments } from '../../domain/evaluation/rank-departments.ts';
import { scoreDepartment, type DepartmentScore } from '../../domain/evaluation/score-department.ts';
import { ModelOwner, parseScoringModel, type ScoringModel, type ScoringModelIssue } from '../../domain/evaluation/scoring-model.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { InvalidInput, Refusal, type FieldError } from '../../domain/refusal.ts';
import type { AuditLog, Clock } from '../ports.ts';
import { wordsOfIssue } from '../schema-field-errors.ts';
import { ScoringModelVersionTaken, type ScoringModelStore } from './scoring-model-store.ts';

export interface ManageScoringModelsDependencies {
  readonly models: ScoringModelStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** A proposed version claims periods a stored version of the same owner already claims. */
export class OverlappingEffectivePeriods extends Refusal {
  readonly kind = 'conflicting';
  readonly slug = 'overlapping-effective-periods';
}

/** The caller may not keep (or read) the model of that owner. */
export class ScoringModelNotYours extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** No such version, or not the caller's to read: answered alike. */
export class ScoringModelNotFound extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

/** Sample metrics that a trial of the model cannot score (a period it does not apply to, another district's department). */
export class MetricsOutsideModel extends InvalidInput {}

/** A stored version and its formula in words. */
export interface PublishedScoringModel {
  readonly model: ScoringModel;
  readonly formula: ModelDescription;
}

export interface ScoringModelVersions {
  readonly owner: string;
  /** The period asked about (the current month in Asia/Shanghai unless one was given). */
  readonly period: EvaluationPeriod;
  /** The version in force for that period; null in a gap or before the first version. */
  readonly inForceVersion: number | null;
  readonly versions: readonly ScoringModel[];
}

export interface ScoringModelTrial {
  readonly owner: string;
  readonly version: number;
  readonly formula: ModelDescription;
  /** Best first, with ranks within the city and within each jurisdiction. */
  readonly results: readonly (DepartmentScore & { readonly cityRank: number; readonly jurisdictionRank: number })[];
}

const invalidModel: Bilingual = { zh: '评估模型无效', en: 'Invalid scoring model' };
/** Writers that lose the race for a version number read again; more losses than this in a row is not a race but a storm. */
const maxAttempts = 5;

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const pointerOf = (path: readonly (string | number)[]): string =>
  `/${path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`.replace(/\/$/, '') || '/';
export const fieldErrorsOfModel = (issues: readonly ScoringModelIssue[]): FieldError[] =>
  issues
    .slice(0, 20)
    .map((issue) => ({ pointer: pointerOf(issue.path), detail: issue.schemaIssue === undefined ? issue.words : wordsOfIssue(issue.schemaIssue) }));

/** The city supervisor keeps the city's model; a district supervisor its own district's (Art. 25). */
export const mayKeepModel = (principal: StaffPrincipal, owner: string): boolean =>
  (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction && owner === cityJurisdiction) ||
  (principal.role === 'districtSupervisor' && principal.jurisdiction !== cityJurisdiction && owner === principal.jurisdiction);

/** The city supervisor reads every model; a district supervisor its own and the city's, under which its departments are also evaluated. */
export const mayReadModel = (principal: StaffPrincipal, owner: string): boolean =>
  (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction) ||
  (principal.role === 'districtSupervisor' && principal.jurisdiction !== cityJurisdiction && (owner === principal.jurisdiction || owner === cityJurisdiction));

function notYours(principal: StaffPrincipal, owner: string): ScoringModelNotYours {
  return new ScoringModelNotYours(
    { zh: '无权维护该评估模型', en: 'Not allowed to keep this scoring model' },
    owner === cityJurisdiction
      ? { zh: '市级评估模型由市级监督人员维护。', en: "The city's model is kept by the city supervisor." }
      : {
          zh: `${owner} 的评估模型由该区（县、市）的监督人员维护；角色 ${principal.role}（${principal.jurisdiction}）无权维护。`,
          en: `The model of ${owner} is kept by that district's supervisor, not by ${principal.role} of ${principal.jurisdiction}.`,
        },
    [{ pointer: '/owner', detail: { zh: `无权维护 ${owner} 的评估模型`, en: `may not keep the model of ${owner}` } }],
  );
}

function requireSupervisor(principal: StaffPrincipal): void {
  if (principal.role !== 'citySupervisor' && principal.role !== 'districtSupervisor') {
    throw new RoleNotPermitted(
      { zh: '该角色无权维护评估模型', en: 'Role not allowed to keep scoring models' },
      { zh: `角色 ${principal.role} 不能维护或试算评估模型。`, en: `The role ${principal.role} may not keep or try scoring models.` },
    );
  }
}

const notFound = (owner: string, version?: number): ScoringModelNotFound =>
  new ScoringModelNotFound(
    { zh: '评估模型不存在', en: 'Scoring model not found' },
    version === undefined
      ? { zh: `您可查阅的评估模型中没有 ${owner} 的模型。`, en: `No model of ${owner} among those you may read.` }
      : { zh: `您可查阅的评估模型中没有 ${owner} 的第 ${version} 版。`, en: `No version ${version} of ${owner} among the models you may read.` },
  );

/** The current evaluation period: this month in Asia/Shanghai. */
export const currentPeriod = (clock: Clock): EvaluationPeriod => shanghaiDate(clock()).slice(0, 7);

/** Records a new version of an owner's model; see the module comment for the course and the refusals. */
export async function proposeScoringModel(principal: StaffPrincipal, raw: unknown, deps: ManageScoringModelsDependencies): Promise<PublishedScoringModel> {
  const action = 'evaluation.model.propose';
  const actor = actorOf(principal);
  requireSupervisor(principal);
  // Whose model it is decides first: a caller never learns what is wrong with a model it may not keep.
  const named = ModelOwner.safeParse(raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)['owner'] : undefined);
  if (named.success && !mayKeepModel(principal, named.data)) {
    await deps.audit.append({ action, outcome: 'denied', actor, target: `evaluation-model:${named.data}`, reason: 'not the owner' });
    throw notYours(principal, named.data);
  }
  const parsed = parseScoringModel(raw);
  if (!parsed.ok) throw new InvalidInput(invalidModel, undefined, fieldErrorsOfModel(parsed.issues));
  const proposed = parsed.model;

  for (let attempt = 1; ; attempt += 1) {
    const stored = await deps.models.listVersions(proposed.owner);
    const version = stored.reduce((latest, model) => Math.max(latest, model.version), 0) + 1;
    const target = `evaluation-model:${proposed.owner}@v${version}`;
    const overlapping = findOverlappingVersions(stored, proposed);
    if (overlapping.length > 0) {
      await deps.audit.append({ action, outcome: 'refused', actor, target, reason: 'overlapping-effective-periods' });
      const spans = overlapping.map((v) => ({ version: v.version, from: v.effectiveFrom, until: v.effectiveUntil }));
      throw new OverlappingEffectivePeriods(
        { zh: '适用期间与已存储的版本重叠', en: 'Effective periods overlap a stored version' },
        {
          zh: `${spans.map((s) => `第 ${s.version} 版（${s.from} 至 ${s.until ?? '下一版本'}）`).join('、')}已适用于其中部分月份。`,
          en: `${spans.map((s) => `Version ${s.version} (${s.from}..${s.until ?? 'the next version'})`).join(', ')} already applies to some of these periods.`,
        },
        [
          {
            pointer: '/effectiveFrom',
            detail: { zh: `与第 ${spans.map((s) => s.version).join('、')} 版重叠`, en: `overlaps version ${spans.map((s) => s.version).join(', ')}` },
          },
        ],
      );
    }
    const model: ScoringModel = { ...proposed, version, recordedAt: deps.clock().toISOString(), recordedBy: actor };
    try {
      await deps.models.addVersion(model);
    } catch (error) {
      if (error instanceof ScoringModelVersionTaken && attempt < maxAttempts) continue;
      if (error instanceof ScoringModelVersionTaken) await deps.audit.append({ action, outcome: 'refused', actor, target, reason: error.slug });
      throw error;
    }
    await deps.audit.append({ action, outcome: 'allowed', actor, target });
    return { model, formula: describeModel(model) };
  }
}

/** An owner's versions, oldest first, and the one in force for a period (this month unless given). */
export async function listScoringModels(
  principal: StaffPrincipal,
  owner: string,
  period: EvaluationPeriod | undefined,
  deps: ManageScoringModelsDependencies,
): Promise<ScoringModelVersions> {
  requireSupervisor(principal);
  if (!mayReadModel(principal, owner)) throw notFound(owner);
  const versions = await deps.models.listVersions(owner);
  const asked = period ?? currentPeriod(deps.clock);
  return { owner, period: asked, inForceVersion: versionInForce(versions, asked)?.version ?? null, versions };
}

/** One version with its formula in words. */
export async function readScoringModel(
  principal: StaffPrincipal,
  owner: string,
  version: number,
  deps: ManageScoringModelsDependencies,
): Promise<PublishedScoringModel> {
  requireSupervisor(principal);
  const model = mayReadModel(principal, owner) ? await deps.models.version(owner, version) : undefined;
  if (!model) throw notFound(owner, version);
  return { model, formula: describeModel(model) };
}

/** The problems of sample metrics for a version: each must be of a period it applies to, and of the owner's jurisdiction for a district's model. */
function metricsIssues(model: ScoringModel, departments: readonly DepartmentPeriodMetrics[]): FieldError[] {
  const errors: FieldError[] = [];
  departments.forEach((metrics, index) => {
    const applies = metrics.period >= model.effectiveFrom && (model.effectiveUntil === undefined || metrics.period <= model.effectiveUntil);
    if (!applies) {
      errors.push({
        pointer: `/departments/${index}/period`,
        detail: {
          zh: `第 ${model.version} 版不适用于 ${metrics.period}（适用于 ${model.effectiveFrom} 至 ${model.effectiveUntil ?? '下一版本'}）`,
          en: `version ${model.version} does not apply to ${metrics.period} (it applies ${model.effectiveFrom}..${model.effectiveUntil ?? 'the next version'})`,
        },
      });
    }
    if (model.owner !== cityJurisdiction && metrics.jurisdiction !== model.owner) {
      errors.push({
        pointer: `/departments/${index}/jurisdiction`,
        detail: { zh: `${model.owner} 的评估模型只评估本辖区的部门`, en: `the model of ${model.owner} scores that jurisdiction's departments only` },
      });
    }
    const first = departments.findIndex((other) => other.department === metrics.department);
    if (first !== index) {
      errors.push({
        pointer: `/departments/${index}/department`,
        detail: { zh: `部门 ${metrics.department} 已在第 ${first + 1} 项中`, en: `department ${metrics.department} is already item ${first + 1}` },
      });
    }
  });
  return errors;
}

/** Scores and ranks sample metrics under a stored version, writing nothing (a supervisor tries a model before statistics exist). */
export async function tryScoringModel(
  principal: StaffPrincipal,
  owner: string,
  version: number,
  departments: readonly DepartmentPeriodMetrics[],
  deps: ManageScoringModelsDependencies,
): Promise<ScoringModelTrial> {
  const { model, formula } = await readScoringModel(principal, owner, version, deps);
  const problems = metricsIssues(model, departments);
  if (problems.length > 0)
    throw new MetricsOutsideModel({ zh: '试算数据不适用于该模型', en: 'Metrics the model cannot score' }, undefined, problems.slice(0, 20));
  const ranked = rankDepartments(departments.map((metrics) => scoreDepartment(model, metrics)));
  return { owner, version, formula, results: ranked.map(({ score, cityRank, jurisdictionRank }) => ({ ...score, cityRank, jurisdictionRank })) };
}
