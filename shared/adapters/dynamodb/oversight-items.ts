/**
 * Item layout shared by the aggregates of the `oversight` table (complaints, supervision
 * requests and cases; see `shared/tables.ts`). Keys and index attributes are built here, so the
 * timer sweep and the queues read every aggregate the same way.
 */
import { createHash } from 'node:crypto';
import { sweepShardCount } from '../../tables.ts';
import type { OversightItemRef, OversightItemType } from '../../application/sweep-oversight-timers.ts';

export type { OversightItemRef, OversightItemType };

const prefixes: Record<OversightItemType, string> = { complaint: 'COMPLAINT#', supervision: 'SUPERVISION#' };

export const oversightPk = (type: OversightItemType, number: string): string => `${prefixes[type]}${number}`;
export const oversightStateSk = 'STATE';
/** Timeline steps in order: `STEP#<6-digit sequence>`. */
export const oversightStepSk = (sequence: number): string => `STEP#${String(sequence).padStart(6, '0')}`;

/** The item a partition key names, or undefined for a key of another layout. */
export function oversightRefOf(pk: string): OversightItemRef | undefined {
  for (const [type, prefix] of Object.entries(prefixes) as [OversightItemType, string][]) {
    if (pk.startsWith(prefix)) return { type, number: pk.slice(prefix.length) };
  }
  return undefined;
}

/**
 * Timer attributes of a STATE item: present (in the sparse `oversightDue` index) while a timer
 * is pending, removed (listed in `remove`) when none is. `dueAt` is an ISO instant in UTC.
 */
export function timerAttributes(ref: OversightItemRef, dueAt: string | null): { set: Record<string, string>; remove: string[] } {
  if (dueAt === null) return { set: {}, remove: ['sweepShard', 'dueAt'] };
  const digest = createHash('sha256').update(oversightPk(ref.type, ref.number)).digest();
  return { set: { sweepShard: String((digest[0] ?? 0) % sweepShardCount), dueAt }, remove: [] };
}

/** Where an item waits: a supervisor's queue and/or a department's queue, ordered by deadline. */
export interface QueuePlacement {
  /** Supervisor queue name (e.g. `complaintsAwaitingDecision`), or null when it waits on no supervisor. */
  readonly supervisorQueue: string | null;
  /** The jurisdiction whose supervisors own it: a district id or `city`. */
  readonly jurisdiction: string;
  /** Department queue, when a department must act (e.g. `complaintsForwarded`). */
  readonly departmentQueue: { readonly department: string; readonly queue: string } | null;
  /** The deadline that orders the queue (ISO instant); items without one sort last. */
  readonly deadline: string | null;
}

const lastDeadline = '9999-12-31T23:59:59.999Z';

/** Queue index attributes for a STATE item; attributes of queues it left are listed in `remove`. */
export function queueAttributes(ref: OversightItemRef, placement: QueuePlacement): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const order = `${placement.deadline ?? lastDeadline}#${ref.number}`;
  if (placement.supervisorQueue) {
    set['queueJurisdiction'] = `${placement.jurisdiction}#${placement.supervisorQueue}`;
    set['queueCitywide'] = placement.supervisorQueue;
  } else remove.push('queueJurisdiction', 'queueCitywide');
  if (placement.departmentQueue) set['queueDepartment'] = `${placement.departmentQueue.department}#${placement.departmentQueue.queue}`;
  else remove.push('queueDepartment');
  if (placement.supervisorQueue || placement.departmentQueue) set['queueOrder'] = order;
  else remove.push('queueOrder');
  return { set, remove };
}
