/**
 * Read one alert: what a console shows before acting, with the version an action must send. An
 * alert outside the caller's jurisdiction answers 404, as one that does not exist, and the attempt
 * is audited.
 */
import { canSeeDepartment } from '../access/jurisdiction-scope.ts';
import { actorIdOf, type Principal } from '../access/principal.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import { AlertNotFound } from '../domain/access-refusals.ts';
import { caseKeyText, type CaseKey } from './case-key.ts';
import type { AlertStore, AuditLog, ReferenceReader } from './ports.ts';

export interface ReadAlertDependencies {
  readonly alerts: Pick<AlertStore, 'get'>;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
}

export async function readAlert(principal: Principal, key: CaseKey, ruleId: string, deps: ReadAlertDependencies): Promise<Alert> {
  const notFound = new AlertNotFound({ zh: '预警不存在', en: 'Alert not found' }, { zh: '您的辖区内没有该预警。', en: 'No such alert in your jurisdiction.' });
  const profile = await deps.reference.department(key.department);
  if (!profile) throw notFound;
  if (!canSeeDepartment(principal, profile)) {
    await deps.audit.append({
      action: 'alert.read',
      outcome: 'denied',
      actor: actorIdOf(principal),
      target: `alert:${caseKeyText(key)}/${ruleId}`,
      reason: 'outside jurisdiction',
    });
    throw notFound;
  }
  const alert = await deps.alerts.get(key, ruleId);
  if (!alert) throw notFound;
  return alert;
}
