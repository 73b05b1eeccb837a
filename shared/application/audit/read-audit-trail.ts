/**
 * The auditor's reads of the audit trail (security.md: readable only by the auditor role; the
 * route admits no other role, and the use cases check again). Each read is itself audited.
 *
 * - list a day's entries, filtered by actor, action and object, a page at a time;
 * - verify a day against its sealed digests: what the sealer re-checks, on demand. A break found
 *   is an integrity-break security event, as when the sealer finds one.
 */
import type { StaffPrincipal } from '../../access/principal.ts';
import { auditPageLimits, type AuditEntryView, type ListAuditEntriesQuery } from '../../api/audit-contract.ts';
import type { AuditFinding } from '../../domain/audit/audit-integrity.ts';
import { RoleNotPermitted } from '../../domain/access-refusals.ts';
import { CursorNotRecognised } from '../store-refusals.ts';
import { decodeIndexCursor, encodeIndexCursor } from '../index-cursor.ts';
import type { AuditLog, Clock } from '../ports.ts';
import type { SecurityEventLog } from '../security-events.ts';
import type { AuditEntryReader, DigestSignatureVerifier, DigestStore } from './audit-trail-ports.ts';
import { describeFinding } from './describe-finding.ts';
import { verifyAuditTrail } from './verify-audit-trail.ts';

export interface ReadAuditTrailDependencies {
  readonly entries: AuditEntryReader;
  readonly digests: DigestStore;
  readonly verifier: DigestSignatureVerifier;
  readonly audit: AuditLog;
  readonly securityEvents: SecurityEventLog;
  readonly clock: Clock;
}

const actorOf = (principal: StaffPrincipal): string => `${principal.role}:${principal.subject}`;

function requireAuditor(principal: StaffPrincipal): void {
  if (principal.role !== 'auditor')
    throw new RoleNotPermitted(
      { zh: '该角色无权访问此接口', en: 'Role not allowed here' },
      { zh: '只有审计员可以查阅审计记录。', en: 'Only the auditor reads the audit trail.' },
    );
}

/** One page of a day's entries, oldest first. */
export async function listAuditEntries(
  principal: StaffPrincipal,
  query: ListAuditEntriesQuery,
  deps: ReadAuditTrailDependencies,
): Promise<{ items: AuditEntryView[]; nextCursor?: string }> {
  requireAuditor(principal);
  const limit = Math.min(Math.max(query.limit ?? auditPageLimits.default, 1), auditPageLimits.max);
  const partition = `AUDIT#${query.day}`;
  const cursor = query.cursor === undefined ? undefined : decodeIndexCursor(query.cursor, ['pk', 'sk'], 'pk', partition);
  if (query.cursor !== undefined && cursor === undefined) throw new CursorNotRecognised({ zh: '不是当日的分页游标', en: 'not a cursor of this day' });
  const page = await deps.entries.page({
    day: query.day,
    limit,
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.action === undefined ? {} : { action: query.action }),
    ...(query.object === undefined ? {} : { object: query.object }),
    ...(cursor === undefined ? {} : { after: cursor['sk'] }),
  });
  const filters = (['actor', 'action', 'object'] as const).filter((name) => query[name] !== undefined).map((name) => `${name}=${query[name]}`);
  await deps.audit.append({
    action: 'audit.entries.read',
    outcome: 'allowed',
    actor: actorOf(principal),
    target: `day:${query.day}`,
    reason: [...filters, `${page.entries.length} read`].join(' '),
  });
  const items = page.entries.map(({ key, content }) => {
    const text = (name: string): string | undefined => (typeof content[name] === 'string' ? (content[name] as string) : undefined);
    const [target, reason] = [text('target'), text('reason')];
    return {
      id: key,
      at: text('at') ?? '',
      action: text('action') ?? '',
      outcome: text('outcome') ?? '',
      actor: text('actor') ?? '',
      ...(target === undefined ? {} : { target }),
      ...(reason === undefined ? {} : { reason }),
    };
  });
  return page.after === undefined ? { items } : { items, nextCursor: encodeIndexCursor({ pk: partition, sk: page.after }) };
}

/** A finding as the auditor reads it. */
export const findingView = (finding: AuditFinding) => ({ ...finding, description: describeFinding(finding) });

/** Findings listed per verification at most; the count names them all. */
export const listedFindings = 100;

/** A day verified against its sealed digests. */
export async function verifyAuditDayForAuditor(principal: StaffPrincipal, day: string, deps: ReadAuditTrailDependencies) {
  requireAuditor(principal);
  const now = deps.clock();
  const verification = await verifyAuditTrail([day], deps, { today: now.toISOString().slice(0, 10) });
  const checked = verification.days[0]!;
  const { firstFinding } = verification;
  if (firstFinding !== undefined) {
    await deps.securityEvents.record({
      kind: 'integrityBreak',
      at: now.toISOString(),
      source: 'audit-api',
      subject: 'audit trail',
      detail: { check: 'day', day, findings: verification.findings, first: firstFinding.kind, firstAt: firstFinding.at },
    });
  }
  await deps.audit.append({
    action: 'audit.verify',
    outcome: 'allowed',
    actor: actorOf(principal),
    target: `day:${day}`,
    reason: firstFinding === undefined ? 'intact' : `${verification.findings} findings, first ${firstFinding.kind}`,
  });
  return {
    day,
    status: firstFinding === undefined ? ('intact' as const) : ('broken' as const),
    entries: checked.entries,
    digests: checked.digests,
    ...(checked.sealedUntil === undefined ? {} : { sealedUntil: checked.sealedUntil }),
    unsealed: checked.unsealed,
    findings: verification.findings,
    ...(firstFinding === undefined ? {} : { firstFinding: findingView(firstFinding) }),
    listed: checked.findings.slice(0, listedFindings).map(findingView),
    signingKey: deps.verifier.keyId,
  };
}
