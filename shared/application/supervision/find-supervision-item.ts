/**
 * Loading a request or case the caller may see, and checking the version the caller read. An item
 * outside the caller's scope answers exactly as a missing one (404), and the attempt is audited.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { canSeeSupervisionItem, caseScope, requestScope, type SupervisionScope } from '../../access/supervision-scope.ts';
import type { SupervisionCase } from '../../domain/supervision-cases/supervision-case.ts';
import type { SupervisionRequest } from '../../domain/supervision-cases/supervision-request.ts';
import { OutsideJurisdiction, SupervisionCaseNotFound, SupervisionRequestNotFound } from '../../domain/access-refusals.ts';
import { SupervisionVersionChanged } from '../store-refusals.ts';
import type { AuditLog } from '../ports.ts';
import { actorOf } from './supervision-dependencies.ts';
import type { SupervisionRepository } from './supervision-repository.ts';
import type { Bilingual } from '../../domain/bilingual.ts';

interface FindDependencies {
  readonly supervision: SupervisionRepository;
  readonly audit: AuditLog;
}

export function requestInScope(principal: StaffPrincipal, requestNumber: string, action: string, deps: FindDependencies): Promise<SupervisionRequest> {
  return inScope(principal, action, deps, {
    loading: deps.supervision.request(requestNumber),
    scopeOf: requestScope,
    target: `supervisionRequest:${requestNumber}`,
    notFound: new SupervisionRequestNotFound(
      { zh: '督办申请不存在', en: 'Supervision request not found' },
      { zh: '您的范围内没有该申请。', en: 'No such request in your scope.' },
    ),
  });
}

export function caseInScope(principal: StaffPrincipal, caseNumber: string, action: string, deps: FindDependencies): Promise<SupervisionCase> {
  return inScope(principal, action, deps, {
    loading: deps.supervision.supervisionCase(caseNumber),
    scopeOf: caseScope,
    target: `supervisionCase:${caseNumber}`,
    notFound: new SupervisionCaseNotFound(
      { zh: '督办案件不存在', en: 'Supervision case not found' },
      { zh: '您的范围内没有该案件。', en: 'No such case in your scope.' },
    ),
  });
}

/** A request or case being loaded, how it is scoped, how the audit names it, and the 404 for it. */
interface Lookup<T> {
  readonly loading: Promise<T | undefined>;
  readonly scopeOf: (item: T) => SupervisionScope;
  readonly target: string;
  readonly notFound: OutsideJurisdiction;
}

async function inScope<T>(principal: StaffPrincipal, action: string, deps: FindDependencies, lookup: Lookup<T>): Promise<T> {
  const item = await lookup.loading;
  if (!item) throw lookup.notFound;
  if (!canSeeSupervisionItem(principal, lookup.scopeOf(item))) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: lookup.target, reason: 'outside scope' });
    throw lookup.notFound;
  }
  return item;
}

/** 409 when the item changed since the caller read it: never a lost update. */
export function requireVersion(item: { readonly version: number }, expectedVersion: number, what: Bilingual): void {
  if (item.version !== expectedVersion) {
    throw new SupervisionVersionChanged(
      { zh: `${what.zh}在您读取后已被修改`, en: `The ${what.en} changed since you read it` },
      {
        zh: `当前为第 ${item.version} 版；请重新读取，如仍需要再重复该步骤。`,
        en: `It is at version ${item.version}; read it again and repeat the step if it still applies.`,
      },
    );
  }
}

/** What {@link requireVersion} names. */
export const supervisionRequestWords: Bilingual = { zh: '督办申请', en: 'request' };
export const supervisionCaseWords: Bilingual = { zh: '督办案件', en: 'case' };
