/**
 * Accountability measures (问责措施, Art. 23, 24): issued by a supervisor, followed to their outcome.
 * Issue: the city supervisor (any department) or the supervisor of the department's district names
 * the department, the Art. 24 ¶1 item it failed, the facts, the signals it is based on (each an
 * alert of that department that exists and was not withdrawn) and the measure: 责令改正 with a
 * deadline (working days by the city's calendar, or a date), 通报批评 with its circulated text, or
 * 追究责任 referred to a named body. The written document (number, text, legal basis, the issuing
 * organ of the supervisor's jurisdiction from the city's structure) is composed once and stored
 * with the measure as version 1; audited. Steps: the department's liaison reports its correction;
 * the issuing organ accepts or rejects it, records a criticism circulated, or records the decision
 * on a referral. Each step checks the version read (409 on a stale one), is applied by the pure
 * lifecycle and stored under the same version condition with its event (the outbox), published,
 * and audited. An issue is stored with its event (`AccountabilityMeasureIssued`) alike. What lies outside the
 * caller's scope answers as not found, and the attempt is audited. The department (its liaison or
 * its business system) lists and reads its own measures and their documents.
 */
import { randomInt } from 'node:crypto';
import { canSeeDepartment } from '../../access/jurisdiction-scope.ts';
import { actorIdOf, type Principal, type StaffPrincipal } from '../../access/principal.ts';
import {
  applyMeasureStep,
  correctionDeadline,
  issueMeasure,
  measureNumber,
  type AccountabilityMeasure,
  type Article24Item,
  type CitedSignal,
  type DeadlineRequest,
  type MeasureOrder,
  type MeasureSide,
  type MeasureStatus,
  type MeasureStep,
  type MeasureType,
  type SignalLink,
} from '../../domain/accountability/accountability-measure.ts';
import { departmentNotFound, DepartmentNotFound, OutsideJurisdiction, RoleNotPermitted } from '../../domain/access-refusals.ts';
import { renderMessage } from '../../domain/alerts/alert-messages.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { InvalidInput, invalidRequest, type FieldError } from '../../domain/refusal.ts';
import { issuingOrganFor } from '../city-structure/issuing-organ.ts';
import { requirePrintable } from '../complaints/complaint-notices.ts';
import type { AlertStore, AuditLog, Clock, NoticeRenderer, ReferenceReader } from '../ports.ts';
import { publishCommittedEvents, type RelayDependencies } from '../relay-signal-events.ts';
import { accountabilityMeasureEvent, type AccountabilityMeasureEvent } from '../../domain/accountability/accountability-measure-events.ts';
import { calendarOf, type CalendarInput } from '../supervision/supervision-dependencies.ts';
import { MeasureNumberTaken, MeasureVersionChanged, type AccountabilityStore, type MeasurePage, type MeasureScope } from './accountability-store.ts';

export interface AccountabilityDependencies {
  readonly measures: AccountabilityStore;
  readonly alerts: Pick<AlertStore, 'get'>;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
  readonly calendar: CalendarInput;
  readonly clock: Clock;
  readonly renderer: NoticeRenderer;
  /** Uniform integer in `0..n-1` for new numbers; `crypto.randomInt` unless a test fixes it. */
  readonly randomBelow?: (n: number) => number;
  /** Where a measure's events are published once written; absent: they wait in the outbox for the sweep's relay. */
  readonly events?: RelayDependencies;
  /** Told when publishing failed (the events wait in the outbox for the relay). */
  readonly onPublicationFailed?: (error: unknown) => void;
}

/** Publishes the events just committed; a failure leaves them to the relay, never fails the step taken. */
async function published(events: readonly AccountabilityMeasureEvent[], deps: AccountabilityDependencies): Promise<void> {
  if (deps.events) await publishCommittedEvents(events, deps.events).catch((error: unknown) => deps.onPublicationFailed?.(error));
}

export const measurePageLimits = { default: 20, max: 100 } as const;

/** No such measure, or not the caller's to see: answered alike. */
export class MeasureNotFound extends OutsideJurisdiction {}

/** The steps of a measure are its issuing organ's: another supervisor may read it, not act on it. */
export class MeasureNotIssuedByYou extends RoleNotPermitted {}

/** A signal cited that is not the department's, does not exist or was withdrawn. */
export class SignalNotCitable extends InvalidInput {}

const targetOf = (number: string): string => `accountabilityMeasure:${number}`;

const notFound = (number: string): MeasureNotFound =>
  new MeasureNotFound(
    { zh: '问责措施不存在', en: 'Accountability measure not found' },
    { zh: `您可查阅的问责措施中没有 ${number}。`, en: `No measure ${number} among those you may read.` },
  );

const isSupervisor = (principal: Principal): principal is StaffPrincipal =>
  principal.kind === 'staff' && (principal.role === 'citySupervisor' || principal.role === 'districtSupervisor');

function sideOf(principal: Principal): MeasureSide | undefined {
  if (principal.kind === 'department') return 'department';
  if (principal.role === 'departmentLiaison') return 'department';
  return isSupervisor(principal) ? 'supervisor' : undefined;
}

/** What a supervisor asks to issue. */
export interface MeasureRequest {
  readonly department: string;
  readonly article24Item: Article24Item;
  readonly facts: string;
  readonly signals: readonly SignalLink[];
  readonly measure:
    | { readonly type: 'correctionOrder'; readonly deadline: DeadlineRequest; readonly requirements: string }
    | { readonly type: 'circulatedCriticism'; readonly circulatedText: string; readonly circulatedTo: string }
    | { readonly type: 'accountabilityReferral'; readonly referredTo: string };
}

/** Issues a measure; see the module comment. */
export async function issueAccountabilityMeasure(
  principal: StaffPrincipal,
  request: MeasureRequest,
  deps: AccountabilityDependencies,
): Promise<AccountabilityMeasure> {
  const action = 'accountability.issue';
  const actor = actorIdOf(principal);
  if (!isSupervisor(principal)) throw new RoleNotPermitted({ zh: '问责措施由监察机关作出', en: 'Accountability measures are issued by a supervisor' });
  const profile = await deps.reference.department(request.department);
  if (!profile || !canSeeDepartment(principal, profile)) {
    if (profile) await deps.audit.append({ action, outcome: 'denied', actor, target: `department:${request.department}`, reason: 'outside jurisdiction' });
    throw new DepartmentNotFound(departmentNotFound, undefined, [
      { pointer: '/department', detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
    ]);
  }
  // Whatever the supervisor writes is printed in the document: every character must be in its font (422 otherwise).
  const { measure: written } = request;
  requirePrintable(deps.renderer, {
    '/facts': request.facts,
    ...(written.type === 'correctionOrder' ? { '/measure/requirements': written.requirements } : {}),
    ...(written.type === 'circulatedCriticism' ? { '/measure/circulatedText': written.circulatedText, '/measure/circulatedTo': written.circulatedTo } : {}),
    ...(written.type === 'accountabilityReferral' ? { '/measure/referredTo': written.referredTo } : {}),
  });
  const signals = await citedSignals(profile.department, request.signals, deps);
  const at = deps.clock().toISOString();
  const issuedOn = shanghaiDate(at);
  const order: MeasureOrder =
    request.measure.type === 'correctionOrder'
      ? {
          type: 'correctionOrder',
          deadline: correctionDeadline(request.measure.deadline, issuedOn, await calendarOf(deps.calendar)),
          requirements: request.measure.requirements,
        }
      : request.measure;
  const organ = await issuingOrganFor(principal.jurisdiction, deps.reference);
  for (let attempt = 0; ; attempt += 1) {
    const measure = issueMeasure({
      measureNumber: measureNumber(at, deps.randomBelow ?? randomInt),
      department: { department: profile.department, name: profile.name, jurisdiction: profile.jurisdiction },
      issuer: { jurisdiction: principal.jurisdiction, organ, by: actor },
      at,
      order,
      article24Item: request.article24Item,
      facts: request.facts,
      signals,
    });
    const events = [accountabilityMeasureEvent(measure)];
    try {
      await deps.measures.create(measure, events);
    } catch (error) {
      if (error instanceof MeasureNumberTaken && attempt < 4) continue;
      throw error;
    }
    await published(events, deps);
    await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(measure.measureNumber), reason: `type: ${order.type}` });
    return measure;
  }
}

/** The signals cited, each read from the department's alerts; every one that cannot be cited named at once. */
async function citedSignals(department: string, links: readonly SignalLink[], deps: AccountabilityDependencies): Promise<CitedSignal[]> {
  const errors: FieldError[] = [];
  const cited: CitedSignal[] = [];
  for (const [i, link] of links.entries()) {
    if (link.department !== department) {
      errors.push({
        pointer: `/signals/${i}/department`,
        detail: { zh: `应为被问责部门 ${department}`, en: `must be the measure's department ${department}` },
      });
      continue;
    }
    const alert = await deps.alerts.get({ department: link.department, kind: link.kind, caseId: link.caseId }, link.ruleId);
    if (!alert || alert.status === 'withdrawn') {
      errors.push({
        pointer: `/signals/${i}`,
        detail: alert
          ? { zh: '该预警已撤回，不能作为问责依据', en: 'the signal was withdrawn: it cannot be cited' }
          : { zh: '该部门没有此预警', en: 'the department has no such signal' },
      });
      continue;
    }
    cited.push({
      ...link,
      level: alert.level,
      legalBasis: alert.legalBasis,
      summaryZh: (alert.message && renderMessage(alert.message, 'zh')) ?? alert.summary,
      raisedAt: alert.raisedAt,
    });
  }
  if (errors.length > 0) throw new SignalNotCitable(invalidRequest, { zh: '所引用的预警不能作为问责依据', en: 'A cited signal cannot be cited' }, errors);
  return cited;
}

/** A measure the caller may see (its department's scope), or the 404 for it, audited when it exists. */
async function measureInScope(principal: Principal, number: string, action: string, deps: AccountabilityDependencies): Promise<AccountabilityMeasure> {
  const measure = await deps.measures.get(number);
  if (!measure) throw notFound(number);
  if (!canSeeDepartment(principal, { department: measure.department, jurisdiction: measure.jurisdiction, name: '' })) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorIdOf(principal), target: targetOf(number), reason: 'outside jurisdiction' });
    throw notFound(number);
  }
  return measure;
}

/** Reads one measure in the caller's scope. */
export async function readAccountabilityMeasure(principal: Principal, number: string, deps: AccountabilityDependencies): Promise<AccountabilityMeasure> {
  if (sideOf(principal) === undefined) throw new RoleNotPermitted({ zh: '该角色无权查阅问责措施', en: 'Role not allowed to read accountability measures' });
  return measureInScope(principal, number, 'accountability.read', deps);
}

/** The measure's written document as a PDF, set from the text stored when it was issued. */
export async function accountabilityDocument(principal: Principal, number: string, deps: AccountabilityDependencies): Promise<Uint8Array> {
  if (sideOf(principal) === undefined) throw new RoleNotPermitted({ zh: '该角色无权查阅问责措施', en: 'Role not allowed to read accountability measures' });
  const measure = await measureInScope(principal, number, 'accountability.document', deps);
  return deps.renderer.render(measure.document);
}

/** Takes a step on a measure at the version the caller read; see the module comment. */
export async function takeMeasureStep(
  principal: StaffPrincipal,
  number: string,
  request: MeasureStep & { readonly expectedVersion: number },
  deps: AccountabilityDependencies,
): Promise<AccountabilityMeasure> {
  const action = `accountability.${request.step}`;
  const actor = actorIdOf(principal);
  const side = sideOf(principal);
  if (side === undefined) throw new RoleNotPermitted({ zh: '该角色无权办理问责措施', en: 'Role not allowed to handle accountability measures' });
  const measure = await measureInScope(principal, number, action, deps);
  if (side === 'supervisor' && principal.jurisdiction !== measure.issuer.jurisdiction) {
    await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(number), reason: 'not the issuing organ' });
    throw new MeasureNotIssuedByYou(
      { zh: '问责措施由发文机关办理', en: 'The issuing organ handles the measure' },
      {
        zh: `${number} 由${measure.issuer.organ}作出，后续步骤由其办理。`,
        en: `${number} was issued by ${measure.issuer.jurisdiction}; its steps are that organ's.`,
      },
    );
  }
  if (measure.version !== request.expectedVersion) {
    throw new MeasureVersionChanged(
      { zh: '问责措施在您读取后已被修改', en: 'The measure changed since you read it' },
      {
        zh: `当前为第 ${measure.version} 版；请重新读取，如仍需要再重复该步骤。`,
        en: `It is at version ${measure.version}; read it again and repeat the step if it still applies.`,
      },
    );
  }
  const { expectedVersion, ...step } = request;
  const next = applyMeasureStep(measure, step as MeasureStep, { side, id: actor }, deps.clock().toISOString());
  const events = [accountabilityMeasureEvent(next)];
  await deps.measures.save(next, expectedVersion, events);
  await published(events, deps);
  await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(number) });
  return next;
}

export interface MeasureListQuery {
  readonly department?: string;
  readonly type?: MeasureType;
  readonly status?: MeasureStatus;
  /** `true`: only the orders to correct overdue today (Shanghai). */
  readonly overdue?: boolean;
  readonly limit?: number;
  readonly cursor?: string;
}

/**
 * The measures a caller may see: a supervisor's whole scope or one department of it, a
 * department's own (its liaison, its business system); narrowed to a type, a status, the overdue.
 */
export async function listAccountabilityMeasures(principal: Principal, query: MeasureListQuery, deps: AccountabilityDependencies): Promise<MeasurePage> {
  const side = sideOf(principal);
  if (side === undefined) throw new RoleNotPermitted({ zh: '该角色无权查阅问责措施', en: 'Role not allowed to read accountability measures' });
  const limit = Math.min(Math.max(query.limit ?? measurePageLimits.default, 1), measurePageLimits.max);
  const own = principal.kind === 'department' ? principal.department : principal.role === 'departmentLiaison' ? principal.department : undefined;
  const department = query.department ?? own;
  let scope: MeasureScope;
  if (department !== undefined) {
    const profile = await deps.reference.department(department);
    if (!profile || !canSeeDepartment(principal, profile)) {
      if (profile)
        await deps.audit.append({
          action: 'accountability.list',
          outcome: 'denied',
          actor: actorIdOf(principal),
          target: `department:${department}`,
          reason: 'outside jurisdiction',
        });
      throw new DepartmentNotFound(departmentNotFound, undefined, [
        { pointer: '/query/department', detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
      ]);
    }
    scope = { by: 'department', department: profile.department, jurisdiction: profile.jurisdiction };
  } else if (side === 'department') {
    return { items: [] };
  } else if ((principal as StaffPrincipal).jurisdiction === cityJurisdiction) {
    if ((principal as StaffPrincipal).role !== 'citySupervisor') return { items: [] };
    scope = { by: 'city' };
  } else {
    scope = { by: 'jurisdiction', jurisdiction: (principal as StaffPrincipal).jurisdiction };
  }
  return deps.measures.page({
    scope,
    limit,
    ...(query.type ? { type: query.type } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.overdue ? { overdueOn: shanghaiDate(deps.clock()) } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}
