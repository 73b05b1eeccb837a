/**
 * A person acts on a signal: a department liaison (or the department's business system, through
 * its machine API) acknowledges, responds to or disputes its department's alert; a supervisor of
 * the jurisdiction closes it or rules on a dispute.
 * Primary course: check the caller may see the case, load the alert, check the version the
 * caller saw (a stale one is refused with 409, never a lost update), apply the action, store
 * it under the same version condition, audit it.
 */
import { canSeeDepartment } from '../access/jurisdiction-scope.ts';
import { actorIdOf, type Principal } from '../access/principal.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import { alertEventsFor, type AlertEvent } from '../domain/alerts/alert-events.ts';
import { applyAlertAction, type AlertAction, type AlertActorSide } from '../domain/alerts/alert-lifecycle.ts';
import { AlertNotFound, RoleNotPermitted } from '../domain/access-refusals.ts';
import { AlertVersionChanged } from './store-refusals.ts';
import { caseKeyText, type CaseKey } from './case-key.ts';
import type { AlertStore, AuditLog, Clock, ReferenceReader } from './ports.ts';

export interface ActOnAlertDependencies {
  readonly alerts: AlertStore;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

export type AlertActionRequest = AlertAction & { readonly expectedVersion: number };

function sideOf(principal: Principal): AlertActorSide | undefined {
  if (principal.kind === 'department' || principal.role === 'departmentLiaison') return 'department';
  if (principal.role === 'citySupervisor' || principal.role === 'districtSupervisor') return 'supervisor';
  return undefined;
}

export async function actOnAlert(
  principal: Principal,
  key: CaseKey,
  ruleId: string,
  request: AlertActionRequest,
  deps: ActOnAlertDependencies,
): Promise<{ alert: Alert; events: readonly AlertEvent[] }> {
  const actor = actorIdOf(principal);
  const target = `alert:${caseKeyText(key)}/${ruleId}`;
  const notFound = new AlertNotFound({ zh: '预警不存在', en: 'Alert not found' }, { zh: '您的辖区内没有该预警。', en: 'No such alert in your jurisdiction.' });
  const profile = await deps.reference.department(key.department);
  if (!profile) throw notFound;
  if (!canSeeDepartment(principal, profile)) {
    await deps.audit.append({ action: `alert.${request.action}`, outcome: 'denied', actor, target, reason: 'outside jurisdiction' });
    throw notFound;
  }
  const side = sideOf(principal);
  if (!side) throw new RoleNotPermitted({ zh: '该角色无权处置预警', en: 'Role not allowed to act on alerts' });
  const alert = await deps.alerts.get(key, ruleId);
  if (!alert) throw notFound;
  if (alert.version !== request.expectedVersion) {
    throw new AlertVersionChanged(
      { zh: '预警在您读取后已被修改', en: 'The alert changed since you read it' },
      {
        zh: `当前为第 ${alert.version} 版（${alert.status}）；请重新读取，如仍需要再重复该操作。`,
        en: `It is at version ${alert.version} (${alert.status}); read it again and repeat the action if it still applies.`,
      },
    );
  }
  const { expectedVersion: _checked, ...action } = request;
  // The lifecycle refuses by name an action that is the other side's, or not possible now.
  const next = applyAlertAction(alert, action as AlertAction, { side, id: actor }, deps.clock().toISOString());
  const events = alertEventsFor(alert, next);
  await deps.alerts.save(key, alert, next, events);
  await deps.audit.append({ action: `alert.${request.action}`, outcome: 'allowed', actor, target });
  return { alert: next, events };
}
