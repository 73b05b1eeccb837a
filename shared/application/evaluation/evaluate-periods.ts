/**
 * A period's evaluation (效能评估, Art. 20-22, 25): frozen, reproducible, published only once a
 * supervisor approves it (Art. 21).
 * Run: the city supervisor for the city, a district supervisor for its own district (403
 * otherwise, audited); a complete period only — a month, a quarter or a year that has ended
 * (400 naming it); the owner's model version in force for every month of it (none, or months under
 * different versions: 422 naming them); the metrics of every department of the owner's scope from
 * the statistics; `evaluatePeriod`. If the latest stored version has the same digest (same model,
 * same inputs) it is the answer and nothing is stored; else it is stored as the latest version
 * plus one by a write that fails if another run took that number, and then the run starts again
 * from the read (two concurrent runs of the same inputs: one version).
 * The system's monthly run (`scheduled-evaluations.ts`) goes through the same run (`evaluateOwnerPeriod`).
 * Approval: the same supervisor; a stored version is published with who approved it and when
 * (audited); approving it again answers the first approval. A later version approved corrects
 * the earlier published ones, which stay listed as superseded: never a silent change.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { evaluatePeriod } from '../../domain/evaluation/evaluate-period.ts';
import { EvaluatedPeriod, evaluatedPeriodWords } from '../../domain/evaluation/evaluated-period.ts';
import { unmeasuredInputs } from '../../domain/evaluation/metrics-from-statistics.ts';
import { ModelOwner } from '../../domain/evaluation/scoring-model.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { parseStatisticsPeriod, type StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import { InvalidInput, invalidRequest, Refusal, type FieldError } from '../../domain/refusal.ts';
import type { AuditLog, Clock } from '../ports.ts';
import { wordsOfIssue } from '../schema-field-errors.ts';
import type { DepartmentMetricsSource } from './department-metrics-source.ts';
import { currentPeriod, mayKeepModel } from './manage-scoring-models.ts';
import {
  EvaluationVersionTaken,
  type EvaluationApproval,
  type PeriodEvaluationStore,
  type PublishedPeriodEvaluation,
  type StoredPeriodEvaluation,
} from './period-evaluation-store.ts';
import type { ScoringModelStore } from './scoring-model-store.ts';

export interface EvaluatePeriodsDependencies {
  readonly models: Pick<ScoringModelStore, 'listVersions'>;
  readonly metrics: DepartmentMetricsSource;
  readonly evaluations: PeriodEvaluationStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** No version of the owner's model applies to the period. */
export class NoModelInForce extends Refusal {
  readonly kind = 'unprocessable';
  readonly slug = 'unprocessable';
}

/** The caller may not run or approve that owner's evaluation. */
export class EvaluationNotYours extends Refusal {
  readonly kind = 'not-permitted';
  readonly slug = 'forbidden';
}

/** No such evaluation, or not the caller's to read: answered alike. */
export class EvaluationNotFound extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

/** The outcome of a run: the version that holds these numbers, and whether this run stored it. */
export interface EvaluationRun {
  readonly stored: StoredPeriodEvaluation;
  readonly newVersion: boolean;
  /** The version's approval, when a run answers a version already approved. */
  readonly approval: EvaluationApproval | null;
}

/** A stored version with its publication, if approved. */
export interface EvaluationVersionReading {
  readonly stored: StoredPeriodEvaluation;
  readonly approval: EvaluationApproval | null;
}

export interface EvaluationVersionList {
  readonly owner: string;
  readonly period: string;
  readonly versions: readonly {
    readonly version: number;
    readonly inputsDigest: string;
    readonly modelVersion: number;
    readonly evaluatedAt: string;
    readonly evaluatedBy: string;
    readonly approval: EvaluationApproval | null;
  }[];
}

/** What the public reads: the latest approved version, and the earlier published versions it corrects. */
export interface PublicEvaluation {
  readonly published: PublishedPeriodEvaluation;
  /** Earlier published versions, newest first: each superseded by the one after it. */
  readonly superseded: readonly EvaluationApproval[];
}

/** Writers that lose the race for a version number read again; more losses than this in a row is not a race but a storm. */
const maxAttempts = 5;
const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const targetOf = (owner: string, period: string, version?: number): string => `evaluation:${owner}/${period}${version === undefined ? '' : `@v${version}`}`;

function requireSupervisor(principal: StaffPrincipal): void {
  if (principal.role !== 'citySupervisor' && principal.role !== 'districtSupervisor') {
    throw new RoleNotPermitted(
      { zh: '该角色无权进行效能评估', en: 'Role not allowed to run evaluations' },
      { zh: `角色 ${principal.role} 不能运行、查阅或批准效能评估。`, en: `The role ${principal.role} may not run, read or approve evaluations.` },
    );
  }
}

/** The city supervisor reads every owner's evaluations; a district supervisor its own district's. */
const mayReadEvaluation = (principal: StaffPrincipal, owner: string): boolean =>
  (principal.role === 'citySupervisor' && principal.jurisdiction === cityJurisdiction) || mayKeepModel(principal, owner);

function notYours(principal: StaffPrincipal, owner: string, pointer: string): EvaluationNotYours {
  return new EvaluationNotYours(
    { zh: '无权进行该效能评估', en: 'Not allowed to run or approve this evaluation' },
    owner === cityJurisdiction
      ? { zh: '市级效能评估由市级监督人员运行和批准。', en: "The city's evaluation is run and approved by the city supervisor." }
      : {
          zh: `${owner} 的效能评估由该区（县、市）的监督人员运行和批准；角色 ${principal.role}（${principal.jurisdiction}）无权进行。`,
          en: `The evaluation of ${owner} is run and approved by that district's supervisor, not by ${principal.role} of ${principal.jurisdiction}.`,
        },
    [{ pointer, detail: { zh: `无权进行 ${owner} 的效能评估`, en: `may not run or approve the evaluation of ${owner}` } }],
  );
}

const notFound = (owner: string, period: string, version?: number): EvaluationNotFound =>
  new EvaluationNotFound(
    { zh: '评估结果不存在', en: 'Evaluation not found' },
    version === undefined
      ? { zh: `您可查阅的评估结果中没有 ${owner} ${period} 的评估。`, en: `No evaluation of ${owner} for ${period} among those you may read.` }
      : {
          zh: `您可查阅的评估结果中没有 ${owner} ${period} 的第 ${version} 版。`,
          en: `No version ${version} of the evaluation of ${owner} for ${period} among those you may read.`,
        },
  );

/**
 * The problems of a requested owner and period, all named: each must be well formed, and the
 * period (a month, quarter or year) whose last month has ended in Asia/Shanghai: a period still
 * running has no final figures.
 */
export function periodProblems(raw: { readonly owner?: unknown; readonly period?: unknown }, clock: Clock, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const owner = ModelOwner.safeParse(raw.owner);
  if (!owner.success) errors.push({ pointer: `${prefix}/owner`, detail: wordsOfIssue(owner.error.issues[0]!) });
  const period = typeof raw.period === 'string' && EvaluatedPeriod.safeParse(raw.period).success ? parseStatisticsPeriod(raw.period) : undefined;
  if (period === undefined) errors.push({ pointer: `${prefix}/period`, detail: evaluatedPeriodWords });
  else if ((period.months.at(-1) as string) >= currentPeriod(clock)) {
    errors.push({
      pointer: `${prefix}/period`,
      detail: { zh: `${period.text} 尚未结束，只能评估已结束的期间`, en: `${period.text} has not ended yet: only a complete period can be evaluated` },
    });
  }
  return errors;
}

/** Runs the evaluation of an owner's period (a month, quarter or year); see the module comment for the course and the refusals. */
export async function runEvaluation(principal: StaffPrincipal, raw: unknown, deps: EvaluatePeriodsDependencies): Promise<EvaluationRun> {
  const action = 'evaluation.run';
  const actor = actorOf(principal);
  requireSupervisor(principal);
  const body = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  // Whose evaluation it is decides first: a caller never learns what is wrong with one it may not run.
  const named = ModelOwner.safeParse(body['owner']);
  if (named.success && !mayKeepModel(principal, named.data)) {
    // The period goes into the audit only when well formed: the trail never carries what a caller made up.
    const period = EvaluatedPeriod.safeParse(body['period']);
    await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(named.data, period.success ? period.data : '?'), reason: 'not the owner' });
    throw notYours(principal, named.data, '/owner');
  }
  const problems = periodProblems(body, deps.clock, '');
  for (const field of Object.keys(body))
    if (field !== 'owner' && field !== 'period') problems.push({ pointer: `/${field}`, detail: { zh: '不允许的字段', en: 'not an allowed field' } });
  if (problems.length > 0) throw new InvalidInput(invalidRequest, undefined, problems);
  return evaluateOwnerPeriod(actor, body['owner'] as string, parseStatisticsPeriod(body['period'] as string) as StatisticsPeriod, deps);
}

/**
 * The run itself, once the caller may run it and the period has ended: the model in force, the
 * metrics, and the version that holds them (stored only if the latest has another digest).
 * `actor` is who the audit names: a supervisor, or the system's monthly schedule.
 */
export async function evaluateOwnerPeriod(actor: string, owner: string, asked: StatisticsPeriod, deps: EvaluatePeriodsDependencies): Promise<EvaluationRun> {
  const action = 'evaluation.run';
  const period = asked.text;
  const [versions, metrics] = await Promise.all([deps.models.listVersions(owner), deps.metrics.metricsFor(asked, owner)]);
  const outcome = evaluatePeriod(versions, period, metrics, asked.months);
  if (!outcome.ok) {
    throw new NoModelInForce(
      { zh: '该期间没有适用的评估模型', en: 'No scoring model applies to the period' },
      { zh: `${owner} 的评估模型没有适用于 ${period} 各月份的同一版本。`, en: `No one version of the model of ${owner} applies to every month of ${period}.` },
      outcome.problems.slice(0, 20).map((problem) => ({ pointer: '/period', detail: problem.words })),
    );
  }
  const evaluation = outcome.evaluation;
  for (let attempt = 1; ; attempt += 1) {
    const { versions: stored, approvals } = await deps.evaluations.history(owner, period);
    const latest = stored.at(-1);
    if (latest !== undefined && latest.evaluation.inputsDigest === evaluation.inputsDigest)
      return { stored: latest, newVersion: false, approval: approvals.find((approval) => approval.version === latest.version) ?? null };
    const version = (latest?.version ?? 0) + 1;
    const candidate: StoredPeriodEvaluation = { version, evaluation, unmeasuredInputs, evaluatedAt: deps.clock().toISOString(), evaluatedBy: actor };
    try {
      await deps.evaluations.addVersion(owner, period, candidate);
    } catch (error) {
      if (error instanceof EvaluationVersionTaken && attempt < maxAttempts) continue;
      throw error;
    }
    await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(owner, period, version) });
    return { stored: candidate, newVersion: true, approval: null };
  }
}

/** An owner's period: its versions, oldest first, each with its approval. */
export async function listEvaluations(
  principal: StaffPrincipal,
  owner: string,
  period: string,
  deps: EvaluatePeriodsDependencies,
): Promise<EvaluationVersionList> {
  requireSupervisor(principal);
  if (!mayReadEvaluation(principal, owner)) throw notFound(owner, period);
  const history = await deps.evaluations.history(owner, period);
  if (history.versions.length === 0) throw notFound(owner, period);
  return {
    owner,
    period,
    versions: history.versions.map(({ version, evaluation, evaluatedAt, evaluatedBy }) => ({
      version,
      inputsDigest: evaluation.inputsDigest,
      modelVersion: evaluation.model.version,
      evaluatedAt,
      evaluatedBy,
      approval: history.approvals.find((approval) => approval.version === version) ?? null,
    })),
  };
}

/** One version in full: inputs, results, formula, digest, and its approval. */
export async function readEvaluation(
  principal: StaffPrincipal,
  owner: string,
  period: string,
  version: number,
  deps: EvaluatePeriodsDependencies,
): Promise<EvaluationVersionReading> {
  requireSupervisor(principal);
  if (!mayReadEvaluation(principal, owner)) throw notFound(owner, period, version);
  const history = await deps.evaluations.history(owner, period);
  const stored = history.versions.find((candidate) => candidate.version === version);
  if (!stored) throw notFound(owner, period, version);
  return { stored, approval: history.approvals.find((approval) => approval.version === version) ?? null };
}

/** Approves a stored version for publication; see the module comment. */
export async function approveEvaluation(
  principal: StaffPrincipal,
  owner: string,
  period: string,
  version: number,
  deps: EvaluatePeriodsDependencies,
): Promise<EvaluationVersionReading> {
  const action = 'evaluation.approve';
  const actor = actorOf(principal);
  requireSupervisor(principal);
  if (!mayKeepModel(principal, owner)) {
    await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(owner, period, version), reason: 'not the owner' });
    throw notYours(principal, owner, '/path/owner');
  }
  const history = await deps.evaluations.history(owner, period);
  const stored = history.versions.find((candidate) => candidate.version === version);
  if (!stored) throw notFound(owner, period, version);
  const approval: EvaluationApproval = { version, approvedAt: deps.clock().toISOString(), approvedBy: actor };
  if (!(await deps.evaluations.approve(owner, period, { stored, approval }))) {
    const first = (await deps.evaluations.history(owner, period)).approvals.find((candidate) => candidate.version === version) ?? null;
    return { stored, approval: first };
  }
  await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(owner, period, version) });
  return { stored, approval };
}

/** The published evaluation of an owner's period, for anyone: the latest approved version; none approved answers as if none existed. */
export async function readPublishedEvaluation(
  owner: string,
  period: string,
  deps: Pick<EvaluatePeriodsDependencies, 'evaluations'>,
): Promise<PublicEvaluation> {
  const published = await deps.evaluations.published(owner, period);
  const latest = published.at(-1);
  if (!latest) {
    throw new EvaluationNotFound(
      { zh: '评估结果尚未公布', en: 'Evaluation not published' },
      { zh: `${owner} ${period} 的效能评估结果尚未经批准公布。`, en: `No evaluation of ${owner} for ${period} has been approved for publication.` },
    );
  }
  return {
    published: latest,
    superseded: published
      .slice(0, -1)
      .map((entry) => entry.approval)
      .reverse(),
  };
}
