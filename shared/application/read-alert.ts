/**
 * Read one alert: what a console shows before acting, with the version an action must send. An
 * alert outside the caller's jurisdiction answers 404, as one that does not exist, and the attempt
 * is audited. An alert naming a responsible official (经办人) is read with the official's name,
 * taken from the case's latest record naming that official (one more read: the case's items);
 * the name is stored nowhere else.
 */
import { canSeeDepartment } from '../access/jurisdiction-scope.ts';
import { actorIdOf, type Principal } from '../access/principal.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import { AlertNotFound } from '../domain/access-refusals.ts';
import { caseOfficial } from '../domain/records/case-official.ts';
import type { RecordBase } from '../domain/records/record-family.ts';
import { caseKeyText, type CaseKey } from './case-key.ts';
import type { AlertStore, AuditLog, CaseRepository, ReferenceReader } from './ports.ts';

export interface ReadAlertDependencies {
  readonly alerts: Pick<AlertStore, 'get'>;
  /** The case's records, for the name of the official an alert names. */
  readonly cases: Pick<CaseRepository, 'load'>;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
}

/** An alert as read, with the official it names (staff id and name), when it names one. */
export interface AlertReading {
  readonly alert: Alert;
  readonly official?: NonNullable<RecordBase['official']>;
}

export async function readAlert(principal: Principal, key: CaseKey, ruleId: string, deps: ReadAlertDependencies): Promise<AlertReading> {
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
  const staffId = alert.officialStaffId;
  if (staffId === undefined) return { alert };
  const loaded = await deps.cases.load(key);
  const official = caseOfficial(loaded.events.map((stored) => stored.event).filter((record) => record.official?.staffId === staffId));
  return official === undefined ? { alert } : { alert, official };
}
