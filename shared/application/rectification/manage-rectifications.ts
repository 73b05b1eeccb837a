/**
 * Rectification suggestions (整改建议, Art. 21, 23), from draft to acceptance.
 * Draft: a supervisor of the department (the city's, or its district's) names a department and a
 * period that has begun (the suggestion's id, `<department>.<period>`); the department's signals raised in the period are read from its alert
 * index (the earliest {@link maxSignalsDrafted}), drafted by `draftRectification`, and stored as
 * version 1 — one suggestion per department and period. Further steps: the supervisor edits the text and
 * sends it; the department's liaison reports its rectification; the supervisor accepts or returns
 * it. Each step checks the version the caller read (409 on a stale one, never a lost update), is
 * applied by the pure lifecycle, stored under the same version condition, and audited. What lies
 * outside the caller's jurisdiction, and a draft not yet sent to a liaison, answers as not found.
 */
import { rectificationPageLimits } from '../../api/rectification-contract.ts';
import { canSeeDepartment } from '../../access/jurisdiction-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import { departmentNotFound, DepartmentNotFound, OutsideJurisdiction, RoleNotPermitted } from '../../domain/access-refusals.ts';
import { renderMessage } from '../../domain/alerts/alert-messages.ts';
import type { Alert } from '../../domain/alerts/alert.ts';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import { cityJurisdiction } from '../../domain/records/identifiers.ts';
import { draftRectification, raisedWithin, type PeriodSignal } from '../../domain/rectification/draft-rectification.ts';
import {
  applyRectificationStep,
  newSuggestion,
  suggestionId,
  type RectificationSide,
  type RectificationStatus,
  type RectificationStep,
  type RectificationSuggestion,
} from '../../domain/rectification/rectification-suggestion.ts';
import { InvalidInput, invalidRequest } from '../../domain/refusal.ts';
import { parseStatisticsPeriod, type StatisticsPeriod } from '../../domain/statistics/statistics-period.ts';
import type { AuditLog, Clock, ReferenceReader } from '../ports.ts';
import {
  RectificationVersionChanged,
  type PeriodAlertReader,
  type RectificationPage,
  type RectificationScope,
  type RectificationStore,
} from './rectification-store.ts';

export interface ManageRectificationsDependencies {
  readonly rectifications: RectificationStore;
  readonly alerts: PeriodAlertReader;
  readonly reference: Pick<ReferenceReader, 'department'>;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** Signals a draft reads at most: a month of a busy department, with room; beyond, the draft says it is partial. */
export const maxSignalsDrafted = 2000;

/** No such suggestion, or not the caller's to see: answered alike. */
export class RectificationNotFound extends OutsideJurisdiction {}

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;
const targetOf = (department: string, period: string): string => `rectification:${suggestionId(department, period)}`;

function sideOf(principal: StaffPrincipal): RectificationSide | undefined {
  if (principal.role === 'departmentLiaison') return 'department';
  if (principal.role === 'citySupervisor' || principal.role === 'districtSupervisor') return 'supervisor';
  return undefined;
}

function requireSide(principal: StaffPrincipal): RectificationSide {
  const side = sideOf(principal);
  if (side === undefined) throw new RoleNotPermitted({ zh: '该角色无权办理整改建议', en: 'Role not allowed to handle rectification suggestions' });
  return side;
}

/** Whether the caller may see a stored suggestion: its supervisors always, its department once it is sent. */
const maySee = (principal: StaffPrincipal, suggestion: RectificationSuggestion): boolean =>
  canSeeDepartment(principal, { department: suggestion.department, jurisdiction: suggestion.jurisdiction, name: '' }) &&
  (principal.role !== 'departmentLiaison' || suggestion.status !== 'drafted');

const notFound = (id: string): RectificationNotFound =>
  new RectificationNotFound(
    { zh: '整改建议不存在', en: 'Rectification suggestion not found' },
    { zh: `您可查阅的整改建议中没有 ${id}。`, en: `No suggestion ${id} among those you may read.` },
  );

/** A suggestion as its id names it: its department and period (the path schema has checked both). */
export interface SuggestionName {
  readonly department: string;
  readonly period: string;
}

/** Where a refusal about the suggestion's department or period points: its id in the path. */
const idPointer = '/path/suggestion';

/** Drafts and stores the suggestion of a department's period; see the module comment. */
async function draftSuggestion(principal: StaffPrincipal, request: SuggestionName, deps: ManageRectificationsDependencies): Promise<RectificationSuggestion> {
  const action = 'rectification.draft';
  const actor = actorOf(principal);
  if (requireSide(principal) !== 'supervisor') {
    throw new RoleNotPermitted({ zh: '整改建议由监察机关起草', en: 'Rectification suggestions are drafted by a supervisor' });
  }
  const period = parseStatisticsPeriod(request.period) as StatisticsPeriod;
  const today = shanghaiDate(deps.clock());
  if ((period.months[0] as string) > today.slice(0, 7)) {
    throw new InvalidInput(invalidRequest, undefined, [
      { pointer: idPointer, detail: { zh: `${period.text} 尚未开始，没有可归纳的信号`, en: `${period.text} has not begun: it has no signals yet` } },
    ]);
  }
  const profile = await deps.reference.department(request.department);
  if (!profile || !canSeeDepartment(principal, profile)) {
    if (profile)
      await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(request.department, period.text), reason: 'outside jurisdiction' });
    throw new DepartmentNotFound(departmentNotFound, undefined, [
      { pointer: idPointer, detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
    ]);
  }
  const { from, until } = raisedWithin(period.months);
  const read = await deps.alerts.alertsRaised(profile.department, from, until, maxSignalsDrafted);
  const draft = draftRectification({
    department: profile.department,
    departmentName: profile.name,
    period: period.text,
    signals: read.alerts.map(signalOf),
    complete: read.complete,
    at: deps.clock().toISOString(),
  });
  const suggestion = newSuggestion(draft, profile.jurisdiction, actor);
  await deps.rectifications.create(suggestion);
  await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(profile.department, period.text) });
  return suggestion;
}

/** An alert as drafting reads it: its Chinese words from its message (the stored sentence where it has none). */
function signalOf(alert: Alert): PeriodSignal {
  return {
    caseId: alert.caseId,
    kind: alert.kind,
    ruleId: alert.ruleId,
    level: alert.level,
    status: alert.status,
    legalBasis: alert.legalBasis,
    summaryZh: (alert.message && renderMessage(alert.message, 'zh')) ?? alert.summary,
    ...(alert.deadline === undefined ? {} : { deadline: alert.deadline }),
    raisedAt: alert.raisedAt,
  };
}

/** A step as requested: a draft, or a step on the version the caller read. */
export type RectificationStepRequest = { readonly step: 'draft' } | (RectificationStep & { readonly expectedVersion: number });

/** Takes a step on a suggestion, the first being its draft; see the module comment. */
export async function takeRectificationStep(
  principal: StaffPrincipal,
  name: SuggestionName,
  request: RectificationStepRequest,
  deps: ManageRectificationsDependencies,
): Promise<RectificationSuggestion> {
  if (request.step === 'draft') return draftSuggestion(principal, name, deps);
  const action = `rectification.${request.step}`;
  const actor = actorOf(principal);
  const side = requireSide(principal);
  const { department, period } = name;
  const id = suggestionId(department, period);
  const suggestion = await deps.rectifications.get(department, period);
  if (!suggestion) throw notFound(id);
  if (!maySee(principal, suggestion)) {
    await deps.audit.append({ action, outcome: 'denied', actor, target: targetOf(department, period), reason: 'outside jurisdiction' });
    throw notFound(id);
  }
  if (suggestion.version !== request.expectedVersion) {
    throw new RectificationVersionChanged(
      { zh: '整改建议在您读取后已被修改', en: 'The suggestion changed since you read it' },
      {
        zh: `当前为第 ${suggestion.version} 版（${suggestion.status}）；请重新读取，如仍需要再重复该操作。`,
        en: `It is at version ${suggestion.version} (${suggestion.status}); read it again and repeat the step if it still applies.`,
      },
    );
  }
  const { expectedVersion, ...step } = request;
  const next = applyRectificationStep(suggestion, step as RectificationStep, { side, id: actor }, deps.clock().toISOString());
  await deps.rectifications.save(next, expectedVersion);
  await deps.audit.append({ action, outcome: 'allowed', actor, target: targetOf(department, period) });
  return next;
}

const sentStatuses: readonly RectificationStatus[] = ['sent', 'reported', 'accepted', 'returned'];

/**
 * The suggestions a caller may see, newest period first: a supervisor's whole scope or one
 * department of it, a liaison's own department (sent ones only); narrowed to a status.
 */
export async function listRectifications(
  principal: StaffPrincipal,
  query: { readonly department?: string; readonly status?: RectificationStatus; readonly limit?: number; readonly cursor?: string },
  deps: ManageRectificationsDependencies,
): Promise<RectificationPage> {
  const side = requireSide(principal);
  const limit = Math.min(Math.max(query.limit ?? rectificationPageLimits.default, 1), rectificationPageLimits.max);
  let scope: RectificationScope;
  if (query.department !== undefined) {
    const profile = await deps.reference.department(query.department);
    if (!profile || !canSeeDepartment(principal, profile)) {
      if (profile)
        await deps.audit.append({
          action: 'rectification.list',
          outcome: 'denied',
          actor: actorOf(principal),
          target: `department:${query.department}`,
          reason: 'outside jurisdiction',
        });
      throw new DepartmentNotFound(departmentNotFound, undefined, [
        { pointer: '/query/department', detail: { zh: '您的辖区内没有该部门', en: 'no such department in your jurisdiction' } },
      ]);
    }
    scope = { by: 'department', department: profile.department };
  } else if (side === 'department') {
    if (principal.department === undefined) return { items: [] };
    scope = { by: 'department', department: principal.department };
  } else if (principal.role === 'citySupervisor') {
    if (principal.jurisdiction !== cityJurisdiction) return { items: [] };
    scope = { by: 'city' };
  } else {
    if (principal.jurisdiction === cityJurisdiction) return { items: [] };
    scope = { by: 'jurisdiction', jurisdiction: principal.jurisdiction };
  }
  const visible = side === 'department' ? sentStatuses : undefined;
  const statuses = query.status === undefined ? visible : visible === undefined || visible.includes(query.status) ? [query.status] : [];
  if (statuses !== undefined && statuses.length === 0) return { items: [] };
  return deps.rectifications.page({ scope, limit, ...(statuses ? { statuses } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) });
}
