/**
 * Loading a request or case the caller may see, and checking the version the caller read. An item
 * outside the caller's scope answers exactly as a missing one (404), and the attempt is audited.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { canSeeSupervisionItem, caseScope, requestScope } from '../../access/supervision-scope.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import type { SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import { NotFoundError, StaleVersionError } from '../../http/errors.ts';
import type { AuditLog } from '../ports.ts';
import { actorOf } from './supervision-dependencies.ts';
import type { SupervisionRepository } from './supervision-repository.ts';

interface FindDependencies {
  readonly supervision: SupervisionRepository;
  readonly audit: AuditLog;
}

export async function requestInScope(principal: StaffPrincipal, requestNumber: string, action: string, deps: FindDependencies): Promise<SupervisionRequest> {
  const notFound = new NotFoundError('Supervision request not found', 'No such request in your scope.');
  const request = await deps.supervision.request(requestNumber);
  if (!request) throw notFound;
  if (!canSeeSupervisionItem(principal, requestScope(request))) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: `supervisionRequest:${requestNumber}`, reason: 'outside scope' });
    throw notFound;
  }
  return request;
}

export async function caseInScope(principal: StaffPrincipal, caseNumber: string, action: string, deps: FindDependencies): Promise<SupervisionCase> {
  const notFound = new NotFoundError('Supervision case not found', 'No such case in your scope.');
  const found = await deps.supervision.supervisionCase(caseNumber);
  if (!found) throw notFound;
  if (!canSeeSupervisionItem(principal, caseScope(found))) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: `supervisionCase:${caseNumber}`, reason: 'outside scope' });
    throw notFound;
  }
  return found;
}

/** 409 when the item changed since the caller read it: never a lost update. */
export function requireVersion(item: { readonly version: number }, expectedVersion: number, what: string): void {
  if (item.version !== expectedVersion) {
    throw new StaleVersionError(`The ${what} changed since you read it`, `It is at version ${item.version}; read it again and repeat the step if it still applies.`);
  }
}
