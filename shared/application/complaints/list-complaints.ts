/**
 * A staff member reads a complaint queue, soonest deadline first.
 * Primary course: choose the queue's scope from the caller (the city, a district, a department —
 * `complaint-scope.ts`), read one page with a cursor bound to that scope, and answer rows without
 * personal data. A jurisdiction or queue that is not the caller's is refused with 403.
 */
import { complaintQueueScopeFor } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import { QueueNotYours } from '../../domain/access-refusals.ts';
import { CursorNotRecognised } from '../store-refusals.ts';
import { complaintLimits } from '../../api/complaint-contract.ts';
import type { ComplaintDependencies } from './complaint-dependencies.ts';
import { InvalidComplaintCursorError, type ComplaintQueue } from './complaint-repository.ts';
import { queueRowOf } from './complaint-views.ts';

export interface ListComplaintsRequest {
  readonly queue?: ComplaintQueue;
  readonly jurisdiction?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

export async function listComplaints(principal: StaffPrincipal, request: ListComplaintsRequest, deps: Pick<ComplaintDependencies, 'complaints'>) {
  const queue = request.queue ?? (principal.role === 'departmentLiaison' ? 'forwarded' : 'awaitingDecision');
  const scope = complaintQueueScopeFor(principal, queue, request.jurisdiction);
  if (scope === undefined) {
    const pointer = request.jurisdiction !== undefined ? '/query/jurisdiction' : '/query/queue';
    throw new QueueNotYours({ zh: '不是您的投诉队列', en: 'Not your queue' }, undefined, [
      {
        pointer,
        detail:
          principal.role === 'departmentLiaison'
            ? { zh: '联络员只能查阅转交本部门的投诉', en: "liaisons read their department's forwarded queue" }
            : { zh: '不在您的辖区内', en: 'outside your jurisdiction' },
      },
    ]);
  }
  const limit = Math.min(Math.max(request.limit ?? complaintLimits.page.default, 1), complaintLimits.page.max);
  try {
    const page = await deps.complaints.queue({ queue, scope, limit, ...(request.cursor === undefined ? {} : { cursor: request.cursor }) });
    return { queue, items: page.complaints.map(queueRowOf), ...(page.cursor === undefined ? {} : { nextCursor: page.cursor }) };
  } catch (error) {
    if (error instanceof InvalidComplaintCursorError) throw new CursorNotRecognised({ zh: '不是本队列的分页游标', en: 'not a cursor of this queue' });
    throw error;
  }
}
