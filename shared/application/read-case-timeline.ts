/**
 * Read a case's timeline: its events in sequence order, its current state and deadlines, and its
 * alerts with their history. A case outside the caller's jurisdiction answers 404, and the
 * attempt is audited.
 */
import { canSeeDepartment } from '../access/jurisdiction-scope.ts';
import type { StaffPrincipal } from '../access/principal.ts';
import type { Alert } from '../domain/alerts/alert.ts';
import type { RecordBase } from '../domain/records/record-family.ts';
import { CaseNotFound } from '../domain/access-refusals.ts';
import { caseKeyText, type CaseKey } from './case-key.ts';
import type { AuditLog, CaseRepository, CaseSnapshot, ReferenceReader } from './ports.ts';

export interface ReadCaseTimelineDependencies {
  readonly cases: CaseRepository;
  readonly reference: ReferenceReader;
  readonly audit: AuditLog;
}

export interface CaseTimeline {
  readonly case: Pick<CaseSnapshot, 'jurisdiction' | 'matterCode' | 'stage' | 'nextCheckAt' | 'deadlines'> & CaseKey;
  readonly events: readonly { sequence: number; event: string; occurredAt: string; receivedAt: string; record: RecordBase }[];
  readonly alerts: readonly Alert[];
}

export async function readCaseTimeline(principal: StaffPrincipal, key: CaseKey, deps: ReadCaseTimelineDependencies): Promise<CaseTimeline> {
  const notFound = new CaseNotFound({ zh: '案件不存在', en: 'Case not found' }, { zh: '您的辖区内没有该案件。', en: 'No such case in your jurisdiction.' });
  const profile = await deps.reference.department(key.department);
  if (!profile) throw notFound;
  if (!canSeeDepartment(principal, profile)) {
    await deps.audit.append({
      action: 'case.timeline.read',
      outcome: 'denied',
      actor: `${principal.role}:${principal.subject}`,
      target: `case:${caseKeyText(key)}`,
      reason: 'outside jurisdiction',
    });
    throw notFound;
  }
  const loaded = await deps.cases.load(key);
  if (!loaded.snapshot || loaded.events.length === 0) throw notFound;
  const events = [...loaded.events]
    .sort((a, b) => a.event.sequence - b.event.sequence)
    .map((stored) => ({
      sequence: stored.event.sequence,
      event: stored.event.event,
      occurredAt: stored.event.occurredAt,
      receivedAt: stored.receivedAt,
      record: stored.event,
    }));
  const { snapshot } = loaded;
  return {
    case: {
      ...key,
      jurisdiction: snapshot.jurisdiction,
      matterCode: snapshot.matterCode,
      stage: snapshot.stage,
      nextCheckAt: snapshot.nextCheckAt,
      deadlines: snapshot.deadlines,
    },
    events,
    alerts: loaded.alerts,
  };
}
