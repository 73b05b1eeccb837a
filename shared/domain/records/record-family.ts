/**
 * A record family (Art. 17): one kind of supervised administrative act — licensing, penalty,
 * public resource trading, disclosure, ... — with its wire schema, the parameters its catalogue
 * matters carry, how its events fold into a case, and the rules that judge a case. The ingest,
 * processing and sweep use cases work on any family through this interface; a family is pure
 * domain code (no AWS, no I/O).
 */
import type { z } from 'zod';
import type { Finding } from '../alerts/alert.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';

/** Fields every record of every family carries (the family's schema adds `kind` and `event` literals). */
export interface RecordBase {
  readonly kind: string;
  readonly event: string;
  readonly department: string;
  readonly matterCode: string;
  readonly caseId: string;
  readonly sequence: number;
  /** ISO 8601 instant with offset. */
  readonly occurredAt: string;
  /** The official responsible for the act (经办人), when the department names one; the name is personal data. */
  readonly official?: { readonly staffId: string; readonly name: string };
}

/** Fields every catalogue matter carries, whatever its family. */
export interface MatterBase {
  readonly department: string;
  readonly matterCode: string;
  readonly kind: string;
  readonly name: string;
  /** Legal basis cited by alerts on this matter when a rule has no more specific article. */
  readonly legalBasis: string;
}

/** What a family's rules conclude about a case at an instant. */
export interface FamilyEvaluation {
  /** Conditions that hold now, at most one per rule id. */
  readonly findings: readonly Finding[];
  /**
   * The earliest instant (ISO, `YYYY-MM-DDTHH:mm:ss.sssZ`) strictly after the evaluation instant at
   * which a time-driven finding could change; null when nothing time-driven is pending.
   */
  readonly nextCheckAt: string | null;
  /** The limits that apply to the case, for timelines (JSON-serialisable). */
  readonly deadlines: Readonly<Record<string, unknown>>;
}

/** Summary of a folded case every family provides. */
export interface CaseSummary {
  readonly matterCode: string;
  /** Highest sequence folded. */
  readonly lastSequence: number;
  /** Distinct sequences folded. */
  readonly eventCount: number;
  /** Where the case stands, in the family's words (e.g. `accepted`, `decided`). */
  readonly stage: string;
  /** ISO instant the case was decided (the act its time limits run to), once it is; families without one leave it out. */
  readonly completedAt?: string;
}

/**
 * Rules that look across cases (e.g. one buyer's awards: contracts split below the tendering
 * threshold, the same winner again and again). A case joins a group with a few facts; its
 * evaluation then sees the group's facts.
 */
export interface CrossCaseRules<State, Matter> {
  /** The group this case belongs to and what it contributes, or undefined while it contributes nothing. */
  membership(state: State): { readonly group: string; readonly order: string; readonly facts: Readonly<Record<string, unknown>> } | undefined;
  /** Findings about this case given the facts of its group's members (itself included). */
  findings(
    state: State,
    matter: Matter,
    members: readonly { readonly caseId: string; readonly facts: Readonly<Record<string, unknown>> }[],
    asOf: Date,
  ): readonly Finding[];
}

export interface RecordFamily<Event extends RecordBase = RecordBase, State = unknown, Matter extends MatterBase = MatterBase> {
  /** The `kind` field of its records and matters, e.g. `penalty`. */
  readonly kind: string;
  /** Strict wire schema of one record (a discriminated union on `event`); unknown fields are refused. */
  readonly eventSchema: z.ZodType<Event>;
  /** Schema of the family's catalogue matter (limits, bands, thresholds), checked on load. */
  readonly matterSchema: z.ZodType<Matter>;
  /** Order-tolerant fold: any permutation of the same events (duplicates counted once) gives the same state. Throws RangeError when empty. */
  fold(events: readonly Event[]): State;
  summarize(state: State): CaseSummary;
  /** Pure: the same state, matter, instant and calendar always give the same evaluation. */
  evaluate(state: State, matter: Matter, asOf: Date, calendar: WorkingDayCalendar): FamilyEvaluation;
  /** Rules across cases of a group, if the family has any. */
  readonly crossCase?: CrossCaseRules<State, Matter>;
}
