/** The port of the periods' evaluations (效能评估结果): frozen versions per owner and period (month, quarter or year), and their approvals for publication. */
import type { EvaluationPeriod } from '../../domain/evaluation/evaluation-period.ts';
import type { PeriodEvaluation } from '../../domain/evaluation/evaluate-period.ts';
import { VersionChanged } from '../store-refusals.ts';

/** One version of a period's evaluation, as run: never changed once stored. */
export interface StoredPeriodEvaluation {
  readonly version: number;
  readonly evaluation: PeriodEvaluation;
  /** The metrics' inputs the statistics did not measure (given as zero). */
  readonly unmeasuredInputs: readonly string[];
  readonly evaluatedAt: string;
  /** `role:subject` of the supervisor who ran it. */
  readonly evaluatedBy: string;
}

/** A supervisor's approval of one version: from then on it is published (Art. 21). */
export interface EvaluationApproval {
  readonly version: number;
  readonly approvedAt: string;
  readonly approvedBy: string;
}

/** An approved version as published. */
export interface PublishedPeriodEvaluation {
  readonly stored: StoredPeriodEvaluation;
  readonly approval: EvaluationApproval;
}

/** Every version and approval of one owner's period. */
export interface PeriodEvaluationHistory {
  /** Oldest first. */
  readonly versions: readonly StoredPeriodEvaluation[];
  /** In version order. */
  readonly approvals: readonly EvaluationApproval[];
}

export interface PeriodEvaluationStore {
  /** Read consistently: a new version is numbered from it. */
  history(owner: string, period: EvaluationPeriod): Promise<PeriodEvaluationHistory>;
  /** The published versions only, each with its approval, oldest first: all the public side may read. */
  published(owner: string, period: EvaluationPeriod): Promise<PublishedPeriodEvaluation[]>;
  /** Stores version n only if none of that number exists; else {@link EvaluationVersionTaken} (versions are dense, so concurrent runs contend). */
  addVersion(owner: string, period: EvaluationPeriod, stored: StoredPeriodEvaluation): Promise<void>;
  /**
   * Publishes a stored version with its approval, only if it has none yet; answers false if it had
   * one (the first approval stands). The published copy is kept apart from the unapproved versions,
   * so the public side can read nothing else.
   */
  approve(owner: string, period: EvaluationPeriod, published: PublishedPeriodEvaluation): Promise<boolean>;
}

/** Someone stored a version of that number since the versions were read. */
export class EvaluationVersionTaken extends VersionChanged {}
