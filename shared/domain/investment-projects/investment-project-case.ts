/**
 * A government investment project (政府投资项目) as the fold of the events its department pushed.
 * Events may arrive in any order and more than once: the fold orders them by the department's
 * `sequence` and counts each sequence once, so any permutation of the same events gives the same
 * state. The first event of a stage that happens once stands (a repeat is kept as an anomaly);
 * the order of the stages themselves is judged by the rules from the instants, not from arrival.
 */
import { epochMillisOf, type EpochMillis } from '../calendar/local-date.ts';
import { anomaliesInSequence, distinctInSequence } from '../records/distinct-in-sequence.ts';
import type { ChangeAspect, ContractKind, InvestmentProjectEvent, InvestmentProjectEventType } from './investment-project-event.ts';

export type InvestmentProjectAnomalyKind =
  /** Two different events sent with the same sequence (one is kept, deterministically). */
  | 'conflictingDuplicate'
  /** A second event of a stage that happens once; the first stands. */
  | 'repeatedStage';

export interface InvestmentProjectAnomaly {
  readonly kind: InvestmentProjectAnomalyKind;
  readonly sequence: number;
  readonly event: InvestmentProjectEventType;
}

export interface Tender {
  readonly at: EpochMillis;
  readonly contractKind: ContractKind;
  readonly contractEstimateFen: number;
  readonly tradingCaseId: string | null;
}

/** A figure of money at an instant: investment to date, or the final cost. */
export interface DatedAmount {
  readonly at: EpochMillis;
  readonly fen: number;
}

export interface AdjustmentStep {
  readonly id: string;
  readonly at: EpochMillis;
  readonly fen: number;
}

export interface Change {
  readonly id: string;
  readonly at: EpochMillis;
  readonly aspect: ChangeAspect;
  readonly major: boolean;
}

/** Instants are epoch milliseconds read once by the fold; lists are in sequence order. */
export interface InvestmentProjectState {
  readonly department: string;
  readonly caseId: string;
  /** Matter code of the latest event (a department may correct it). */
  readonly matterCode: string;
  readonly lastSequence: number;
  readonly eventCount: number;
  readonly proposalApprovedAt: EpochMillis | null;
  readonly feasibilityApprovedAt: EpochMillis | null;
  readonly investmentEstimateFen: number | null;
  readonly designApprovedAt: EpochMillis | null;
  /** The estimate approved with the preliminary design, before any adjustment. */
  readonly approvedEstimateFen: number | null;
  readonly tenders: readonly Tender[];
  readonly startedAt: EpochMillis | null;
  readonly constructionContractFen: number | null;
  readonly investmentReports: readonly DatedAmount[];
  readonly adjustmentRequests: readonly AdjustmentStep[];
  readonly adjustmentApprovals: readonly AdjustmentStep[];
  readonly changes: readonly Change[];
  /** Approvals of changes, by change id: the first approval of each. */
  readonly changeApprovals: Readonly<Record<string, EpochMillis>>;
  readonly completedAt: EpochMillis | null;
  readonly acceptedAt: EpochMillis | null;
  readonly acceptancePassed: boolean | null;
  /** Months of each approved extension of the final-accounts limit. */
  readonly finalAccountsExtensions: readonly DatedAmount[];
  readonly finalAccountsAt: EpochMillis | null;
  readonly finalCostFen: number | null;
  readonly anomalies: readonly InvestmentProjectAnomaly[];
}

/** Notes a second event of a stage that happens once (a function of its own, not a closure made on every fold). */
function repeated(anomalies: InvestmentProjectAnomaly[], event: InvestmentProjectEvent): void {
  anomalies.push({ kind: 'repeatedStage', sequence: event.sequence, event: event.event });
}

/**
 * Folds a project's events into its state. Order-tolerant and idempotent: duplicates (same
 * sequence) count once. Throws a `RangeError` when `events` is empty or mixes cases.
 */
export function foldInvestmentProject(events: readonly InvestmentProjectEvent[]): InvestmentProjectState {
  const { ordered, conflicts } = distinctInSequence(events);
  const first = ordered[0];
  if (first === undefined) throw new RangeError('an investment project needs at least one event');
  const anomalies: InvestmentProjectAnomaly[] = [];
  let proposalApprovedAt: EpochMillis | null = null;
  let feasibilityApprovedAt: EpochMillis | null = null;
  let investmentEstimateFen: number | null = null;
  let designApprovedAt: EpochMillis | null = null;
  let approvedEstimateFen: number | null = null;
  const tenders: Tender[] = [];
  let startedAt: EpochMillis | null = null;
  let constructionContractFen: number | null = null;
  const investmentReports: DatedAmount[] = [];
  const adjustmentRequests: AdjustmentStep[] = [];
  const adjustmentApprovals: AdjustmentStep[] = [];
  const changes: Change[] = [];
  const changeApprovals: Record<string, EpochMillis> = {};
  let completedAt: EpochMillis | null = null;
  let acceptedAt: EpochMillis | null = null;
  let acceptancePassed: boolean | null = null;
  const finalAccountsExtensions: DatedAmount[] = [];
  let finalAccountsAt: EpochMillis | null = null;
  let finalCostFen: number | null = null;

  for (const event of ordered) {
    if (event.department !== first.department || event.caseId !== first.caseId) {
      throw new RangeError(`events of different cases folded together: ${first.caseId} and ${event.caseId}`);
    }
    const at = epochMillisOf(event.occurredAt);
    switch (event.event) {
      case 'proposalApproved':
        if (proposalApprovedAt !== null) repeated(anomalies, event);
        else proposalApprovedAt = at;
        break;
      case 'feasibilityApproved':
        if (feasibilityApprovedAt !== null) repeated(anomalies, event);
        else {
          feasibilityApprovedAt = at;
          investmentEstimateFen = event.investmentEstimateFen;
        }
        break;
      case 'designApproved':
        if (designApprovedAt !== null) repeated(anomalies, event);
        else {
          designApprovedAt = at;
          approvedEstimateFen = event.approvedEstimateFen;
        }
        break;
      case 'tendered':
        tenders.push({ at, contractKind: event.contractKind, contractEstimateFen: event.contractEstimateFen, tradingCaseId: event.tradingCaseId ?? null });
        break;
      case 'constructionStarted':
        if (startedAt !== null) repeated(anomalies, event);
        else {
          startedAt = at;
          constructionContractFen = event.constructionContractFen ?? null;
        }
        break;
      case 'investmentReported':
        investmentReports.push({ at, fen: event.investmentToDateFen });
        break;
      case 'estimateAdjustmentRequested':
        adjustmentRequests.push({ id: event.adjustmentId, at, fen: event.requestedEstimateFen });
        break;
      case 'estimateAdjustmentApproved':
        adjustmentApprovals.push({ id: event.adjustmentId, at, fen: event.approvedEstimateFen });
        break;
      case 'changeMade':
        changes.push({ id: event.changeId, at, aspect: event.aspect, major: event.major });
        break;
      case 'changeApproved':
        if (Object.hasOwn(changeApprovals, event.changeId)) repeated(anomalies, event);
        else changeApprovals[event.changeId] = at;
        break;
      case 'constructionCompleted':
        if (completedAt !== null) repeated(anomalies, event);
        else completedAt = at;
        break;
      case 'completionAccepted':
        // A failed acceptance may be followed by a passing one: the first passing one stands.
        if (acceptancePassed === true) repeated(anomalies, event);
        else {
          acceptedAt = at;
          acceptancePassed = event.passed;
        }
        break;
      case 'finalAccountsExtended':
        finalAccountsExtensions.push({ at, fen: event.additionalMonths });
        break;
      case 'finalAccountsCompleted':
        if (finalAccountsAt !== null) repeated(anomalies, event);
        else {
          finalAccountsAt = at;
          finalCostFen = event.finalCostFen;
        }
        break;
    }
  }
  const last = ordered[ordered.length - 1] as InvestmentProjectEvent;
  const conflicting = conflicts.map(({ sequence, kept }): InvestmentProjectAnomaly => ({ kind: 'conflictingDuplicate', sequence, event: kept.event }));
  return {
    department: first.department,
    caseId: first.caseId,
    matterCode: last.matterCode,
    lastSequence: last.sequence,
    eventCount: ordered.length,
    proposalApprovedAt,
    feasibilityApprovedAt,
    investmentEstimateFen,
    designApprovedAt,
    approvedEstimateFen,
    tenders,
    startedAt,
    constructionContractFen,
    investmentReports,
    adjustmentRequests,
    adjustmentApprovals,
    changes,
    changeApprovals,
    completedAt,
    acceptedAt,
    acceptancePassed,
    finalAccountsExtensions,
    finalAccountsAt,
    finalCostFen,
    anomalies: anomaliesInSequence(conflicting, anomalies),
  };
}
