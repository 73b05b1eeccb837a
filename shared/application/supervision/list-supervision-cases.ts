/**
 * Supervision cases for a staff member, soonest deadline first: supervisors see their
 * jurisdiction's cases, a liaison the cases assigned to its department; `state` picks the active
 * (default) or the closed ones.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { supervisionListing } from '../../access/supervision-scope.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import { supervisionQueues } from '../../domain/supervision-cases/supervision-queues.ts';
import { clampLimit, outsideJurisdiction, type SupervisionListQuery } from './list-supervision-requests.ts';
import type { SupervisionQueuePage, SupervisionRepository } from './supervision-repository.ts';

export interface SupervisionCaseListQuery extends SupervisionListQuery {
  readonly state?: 'active' | 'closed';
}

export async function listSupervisionCases(
  principal: StaffPrincipal,
  query: SupervisionCaseListQuery,
  deps: { readonly supervision: SupervisionRepository },
): Promise<SupervisionQueuePage<SupervisionCase>> {
  const listing = supervisionListing(principal, query.jurisdiction);
  if (listing.index === 'none') return { items: [] };
  if (listing.index === 'outOfScope') throw outsideJurisdiction();
  return deps.supervision.caseQueue({
    index: listing.index,
    owner: listing.owner,
    queue: query.state === 'closed' ? supervisionQueues.closedCases : supervisionQueues.activeCases,
    limit: clampLimit(query.limit),
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
  });
}
