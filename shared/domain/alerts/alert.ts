import type { AlertMessage } from './alert-messages.ts';

/** Signals (Art. 18): prompt (提示), warning (警戒, yellow card), correction (纠错, red card). */
export const alertLevels = ['prompt', 'warning', 'correction'] as const;
export type AlertLevel = (typeof alertLevels)[number];

export const alertLevelRank: Record<AlertLevel, number> = { prompt: 1, warning: 2, correction: 3 };

/** The higher of two levels. */
export const higherLevel = (a: AlertLevel, b: AlertLevel | undefined): AlertLevel => (b !== undefined && alertLevelRank[b] > alertLevelRank[a] ? b : a);

/**
 * Lifecycle (Art. 18): raised `open` → `acknowledged` by the department → `responded` (corrected,
 * or explained with evidence) → `closed` by a supervisor. A department may instead `dispute` a
 * signal; the supervisor rules on it. `resolved`: the condition cleared by itself. `withdrawn`:
 * late data showed the signal was wrong (the record that showed it is named in the history).
 * `held`: a time-driven signal found while the department's feed was stale ("insufficient data");
 * released as `open` once the feed is current again, if it still holds.
 */
export const alertStatuses = ['open', 'acknowledged', 'responded', 'disputed', 'closed', 'resolved', 'withdrawn', 'held'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** Statuses in which a signal still asks something of someone. */
export const activeAlertStatuses: readonly AlertStatus[] = ['open', 'acknowledged', 'responded', 'disputed', 'held'];

/** What a rule concludes about a case at an instant: a condition that holds now. */
export interface Finding {
  /** Stable rule identifier, e.g. `licensing.decision-time-limit`. */
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly level: AlertLevel;
  /** Article cited, e.g. `《行政许可法》第四十二条`. */
  readonly legalBasis: string;
  /** One sentence a supervisor reads, in English: the English rendering of `message`. No personal data. */
  readonly summary: string;
  /** What the finding says as a key and parameters, rendered in the reader's language (every rule states one). */
  readonly message?: AlertMessage;
  /** The limit the finding is about, if any (ISO instant). */
  readonly deadline?: string;
}

export interface AlertTransition {
  readonly at: string;
  /**
   * `deescalated`: the level went down (late data showed the case in better standing);
   * `revised`: same level, but the cited deadline or summary changed (e.g. an approved extension).
   */
  readonly change:
    | 'raised'
    | 'escalated'
    | 'deescalated'
    | 'revised'
    | 'resolved'
    | 'withdrawn'
    | 'held'
    | 'released'
    | 'reopened'
    | 'acknowledged'
    | 'responded'
    | 'disputed'
    | 'disputeRejected'
    | 'disputeUpheld'
    | 'closed';
  readonly level: AlertLevel;
  readonly summary: string;
  /** The finding's message, when the transition states what a finding says (raised, revised, a level change). */
  readonly message?: AlertMessage;
  /** Who acted (`role:subject`), for changes made by people; absent for the system's own. */
  readonly actor?: string;
  /** What the actor wrote: the response, the grounds of a dispute, the ruling. No personal data. */
  readonly note?: string;
}

/** The message of a finding or alert, to copy into an alert or a history entry; nothing when it has none. */
export function messageOf(source: { readonly message?: AlertMessage }): { readonly message?: AlertMessage } {
  return source.message === undefined ? {} : { message: source.message };
}

/** A stored signal: one per (case, rule). */
export interface Alert {
  readonly department: string;
  readonly jurisdiction: string;
  readonly caseId: string;
  /** Record family of the case (`licensing`, `penalty`, ...). */
  readonly kind: string;
  readonly matterCode: string;
  /**
   * Staff id of the responsible official (经办人) the signal concerns: the one named by the case's
   * latest record naming one, followed while the signal is active; kept once it is resolved,
   * withdrawn or closed. Opaque and pseudonymous; the official's name stays in the record that named it.
   */
  readonly officialStaffId?: string;
  readonly ruleId: string;
  readonly ruleVersion: number;
  /** The level shown: the rule's level, or higher when the signal went unanswered too long. */
  readonly level: AlertLevel;
  /** The level the rule's finding asserts (absent on alerts stored before escalation existed: `level`). */
  readonly findingLevel?: AlertLevel;
  /** Set when time escalated the signal above its finding (unanswered prompt → warning → correction). */
  readonly escalatedLevel?: AlertLevel;
  /** When `level` last changed: the start of the unanswered period escalation counts from. */
  readonly levelSince?: string;
  readonly status: AlertStatus;
  readonly legalBasis: string;
  readonly summary: string;
  /** The finding's message (absent on alerts stored before messages existed: then `summary`, in English). */
  readonly message?: AlertMessage;
  readonly deadline?: string;
  readonly raisedAt: string;
  readonly updatedAt: string;
  readonly resolvedAt?: string;
  /**
   * When a warning or correction signal must have been corrected or explained by (the first
   * instant past the time set, `answer-due.ts`); set when it first calls for a correction.
   */
  readonly answerDueAt?: string;
  readonly history: readonly AlertTransition[];
  /** Incremented on every change; optimistic concurrency for console actions. */
  readonly version: number;
}
