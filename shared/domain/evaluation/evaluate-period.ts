/**
 * A period's evaluation (Art. 20-22) as one pure step, so that it can be frozen and re-run: the
 * model version in force, the metrics exactly as the statistics delivered them, and the ranked
 * results, with a digest of model and inputs. Re-running it on the same model and inputs, in any
 * order, gives the same results and the same digest. Storing and publishing it is the caller's.
 */
import { createHash } from 'node:crypto';
import type { Bilingual } from '../bilingual.ts';
import { canonicalJson } from '../canonical-json.ts';
import { cityJurisdiction } from '../records/identifiers.ts';
import type { DepartmentPeriodMetrics } from './department-period-metrics.ts';
import { describeModel, type ModelDescription } from './describe-model.ts';
import { versionInForce, type EvaluationPeriod } from './evaluation-period.ts';
import { rankDepartments } from './rank-departments.ts';
import { scoreDepartment, type DepartmentScore } from './score-department.ts';
import type { ScoringModel } from './scoring-model.ts';

export interface PeriodEvaluation {
  readonly owner: string;
  /** A month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`. */
  readonly period: string;
  /** The version in force for the period, as it was used (a copy: versions never change, but the evaluation does not depend on that). */
  readonly model: ScoringModel;
  readonly formula: ModelDescription;
  /** The metrics scored, by department. */
  readonly inputs: readonly DepartmentPeriodMetrics[];
  /** Best first, ranked within the city and within each jurisdiction. */
  readonly results: readonly (DepartmentScore & { readonly cityRank: number; readonly jurisdictionRank: number })[];
  /** SHA-256 (hex) of the canonical JSON of model and inputs: the same digest, the same results. */
  readonly inputsDigest: string;
}

/** Why a period cannot be evaluated as asked, with where in the inputs. */
export interface PeriodEvaluationProblem {
  /** Index into the metrics, or absent for the period itself. */
  readonly index?: number;
  readonly words: Bilingual;
}

export type PeriodEvaluationOutcome =
  { readonly ok: true; readonly evaluation: PeriodEvaluation } | { readonly ok: false; readonly problems: readonly PeriodEvaluationProblem[] };

const byDepartment = (a: DepartmentPeriodMetrics, b: DepartmentPeriodMetrics): number =>
  a.department < b.department ? -1 : a.department > b.department ? 1 : 0;

/**
 * The one version in force for every month of a period, or the problems: a month no version
 * applies to, or months under different versions (a quarter or a year is scored under one model).
 */
function modelForMonths(versions: readonly ScoringModel[], period: string, months: readonly EvaluationPeriod[]): ScoringModel | PeriodEvaluationProblem[] {
  const inForce = months.map((month) => ({ month, model: versionInForce(versions, month) }));
  const gaps = inForce.filter((entry) => entry.model === undefined).map((entry) => entry.month);
  if (gaps.length > 0) return [{ words: { zh: `${gaps.join('、')} 没有适用的评估模型版本`, en: `no version of the model applies to ${gaps.join(', ')}` } }];
  const used = [...new Set(inForce.map((entry) => (entry.model as ScoringModel).version))];
  if (used.length > 1) {
    return [
      {
        words: {
          zh: `${period} 的月份分属评估模型第 ${used.join('、')} 版，应按各版本的适用期间分别评估`,
          en: `the months of ${period} fall under versions ${used.join(', ')} of the model: evaluate each version's months apart`,
        },
      },
    ];
  }
  return inForce[0]!.model as ScoringModel;
}

/**
 * Evaluates one period of one owner's model over its departments' metrics; every problem named.
 * A period is a month, or a quarter or a year (`months` then lists its months, each under the
 * same version); the metrics are the period's, summed over its months.
 */
export function evaluatePeriod(
  versions: readonly ScoringModel[],
  period: string,
  metrics: readonly DepartmentPeriodMetrics[],
  months: readonly EvaluationPeriod[] = [period],
): PeriodEvaluationOutcome {
  const model = modelForMonths(versions, period, months);
  if (Array.isArray(model)) return { ok: false, problems: model };
  const problems: PeriodEvaluationProblem[] = [];
  metrics.forEach((entry, index) => {
    if (entry.period !== period)
      problems.push({ index, words: { zh: `应为 ${period} 的数据，而非 ${entry.period}`, en: `must be of ${period}, not ${entry.period}` } });
    if (model.owner !== cityJurisdiction && entry.jurisdiction !== model.owner) {
      problems.push({
        index,
        words: { zh: `${model.owner} 的评估模型只评估本辖区的部门`, en: `the model of ${model.owner} scores that jurisdiction's departments only` },
      });
    }
    if (metrics.findIndex((other) => other.department === entry.department) !== index) {
      problems.push({ index, words: { zh: `部门 ${entry.department} 重复`, en: `department ${entry.department} appears twice` } });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  const inputs = [...metrics].sort(byDepartment);
  const ranked = rankDepartments(inputs.map((entry) => scoreDepartment(model, entry)));
  return {
    ok: true,
    evaluation: {
      owner: model.owner,
      period,
      model,
      formula: describeModel(model),
      inputs,
      results: ranked.map(({ score, cityRank, jurisdictionRank }) => ({ ...score, cityRank, jurisdictionRank })),
      inputsDigest: createHash('sha256').update(canonicalJson({ model, inputs })).digest('hex'),
    },
  };
}
