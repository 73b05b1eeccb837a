/**
 * Where requests and cases wait: the supervisors' queues of a jurisdiction and the departments'
 * queues, each ordered by the deadline that matters to whoever must act next.
 */
export const supervisionQueues = {
  /** Requests awaiting a supervisor's decision, by decision deadline. */
  pendingRequests: 'supervisionRequestsPending',
  /** Every request a department filed, by decision deadline. */
  departmentRequests: 'supervisionRequests',
  /** Cases not yet closed, by case deadline (supervisors and the responsible department). */
  activeCases: 'supervisionCases',
  /** Closed cases, by their last deadline. */
  closedCases: 'supervisionCasesClosed',
} as const;
export type SupervisionQueue = (typeof supervisionQueues)[keyof typeof supervisionQueues];

/** The queues an item sits in (the shape the oversight table's queue attributes are built from). */
export interface SupervisionQueuePlacement {
  readonly supervisorQueue: SupervisionQueue | null;
  /** The jurisdiction whose supervisors own the item: a district or `city`. */
  readonly jurisdiction: string;
  readonly departmentQueue: { readonly department: string; readonly queue: SupervisionQueue } | null;
  /** ISO instant ordering the queue. */
  readonly deadline: string | null;
}
