/**
 * Supervision requests for a staff member: supervisors see their jurisdiction's requests awaiting
 * a decision, soonest decision deadline first; a liaison every request its department filed.
 * Primary course: pick the queue partition for the caller's scope (or the jurisdiction asked for,
 * if the caller may see it), read one page with an opaque cursor bound to that partition.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { supervisionListing } from '../../access/supervision-scope.ts';
import { supervisionQueues } from '../../domain/supervision-cases/supervision-queues.ts';
import type { SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import { JurisdictionNotFound } from '../../domain/access-refusals.ts';
import type { SupervisionQueuePage, SupervisionRepository } from './supervision-repository.ts';

export const supervisionPageLimits = { default: 50, max: 100 } as const;

export interface SupervisionListQuery {
  readonly jurisdiction?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

/** A page size is a wish, not a contract: clamped to 1..100. */
export const clampLimit = (limit: number | undefined): number => Math.min(Math.max(limit ?? supervisionPageLimits.default, 1), supervisionPageLimits.max);

export const outsideJurisdiction = (): JurisdictionNotFound =>
  new JurisdictionNotFound({ zh: '辖区不存在', en: 'Jurisdiction not found' }, undefined, [
    { pointer: '/query/jurisdiction', detail: { zh: '您的范围内没有该辖区', en: 'no such jurisdiction in your scope' } },
  ]);

export async function listSupervisionRequests(
  principal: StaffPrincipal,
  query: SupervisionListQuery,
  deps: { readonly supervision: SupervisionRepository },
): Promise<SupervisionQueuePage<SupervisionRequest>> {
  const listing = supervisionListing(principal, query.jurisdiction);
  if (listing.index === 'none') return { items: [] };
  if (listing.index === 'outOfScope') throw outsideJurisdiction();
  return deps.supervision.requestQueue({
    index: listing.index,
    owner: listing.owner,
    queue: listing.index === 'department' ? supervisionQueues.departmentRequests : supervisionQueues.pendingRequests,
    limit: clampLimit(query.limit),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
}
