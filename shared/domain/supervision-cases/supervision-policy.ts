/**
 * The time limits of supervision (督办, Art. 18 ¶2), set per deployment: how soon a supervisor
 * decides on a department's request, when a department is prompted before a case's deadline,
 * and how long a case may stay overdue before it escalates to the superior level.
 */
export interface SupervisionPolicy {
  /** Working days after the day a request is filed (not counted) within which the supervisor decides. */
  readonly decisionWorkingDays: number;
  /** The department is prompted when this many working days (or fewer) remain before a case's deadline. */
  readonly promptWorkingDaysBefore: number;
  /** Working days a case may stay overdue before the correction and the signal to the superior level. */
  readonly escalateAfterWorkingDays: number;
}

export const defaultSupervisionPolicy: SupervisionPolicy = {
  decisionWorkingDays: 3,
  promptWorkingDaysBefore: 2,
  escalateAfterWorkingDays: 3,
};

/** How far ahead a supervisor may set a case's deadline (calendar days): beyond it is a typing error. */
export const maxDeadlineHorizonDays = 730;
