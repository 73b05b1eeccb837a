/**
 * Licensing records of one department's matter, pushed through the local API as its business
 * system pushes them (signed, one batch), then processed: for the end-to-end tests that need a
 * department's cases in a given month.
 */
import { expect } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { signedPost } from './local-api-client.ts';

/** A licensing record of `department`'s `matterCode`, with any further fields its event needs. */
export const licensingRecordOf =
  (department: string, matterCode: string) =>
  (caseId: string, sequence: number, event: string, occurredAt: string, extra: Record<string, unknown> = {}) => ({
    kind: 'licensing',
    department,
    matterCode,
    caseId,
    sequence,
    event,
    occurredAt,
    ...extra,
  });

/** Pushes one batch with the department's credential, expects it accepted (202), and waits until it is processed. */
export async function pushAndProcess(runtime: LocalRuntime, credential: DepartmentCredential, records: readonly unknown[]): Promise<void> {
  const pushed = await signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential);
  expect(pushed.status).toBe(202);
  await runtime.idle();
}

/**
 * The month of hand-computed figures both the statistics' end-to-end test and the console's
 * statistics page test read: five licensing cases of `department`'s `construction-permit`
 * (promised 10, statutory 20 working days) around November 2026, which has no holiday.
 * November's figures: received 3 (EARLY, LAST-MINUTE, NOVEMBER-NIGHT); completed 3 (EARLY,
 * LAST-MINUTE, OCTOBER-NIGHT), all within the legal limit, 2 within the promise and early;
 * 8, 20 and 0 working days; 1 case overdue and open at the month's end (OVERDUE).
 */
export function novemberLicensingCases(department: string): unknown[] {
  const record = licensingRecordOf(department, 'construction-permit');
  const refused = { outcome: 'refused', reasons: '申请材料不符合法定形式' };
  return [
    // Decided Thu 12 Nov, 8 working days after acceptance on 2 Nov: before the promised limit (Mon 16 Nov).
    record('EARLY', 1, 'received', '2026-11-02T09:00:00+08:00'),
    record('EARLY', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
    record('EARLY', 3, 'decided', '2026-11-12T10:00:00+08:00', { outcome: 'granted' }),
    record('EARLY', 4, 'concluded', '2026-11-13T10:00:00+08:00'),
    // Decided at 23:30 on 30 November, Shanghai (15:30 UTC): the legal limit's last day, 20 working days; past the promise.
    record('LAST-MINUTE', 1, 'received', '2026-11-02T09:00:00+08:00'),
    record('LAST-MINUTE', 2, 'accepted', '2026-11-02T10:00:00+08:00'),
    record('LAST-MINUTE', 3, 'decided', '2026-11-30T23:30:00+08:00', { outcome: 'granted' }),
    record('LAST-MINUTE', 4, 'concluded', '2026-12-01T09:00:00+08:00'),
    // Received at 23:30 on Saturday 31 October, Shanghai: an October case; decided the day it was accepted (0 working days).
    record('OCTOBER-NIGHT', 1, 'received', '2026-10-31T23:30:00+08:00'),
    record('OCTOBER-NIGHT', 2, 'accepted', '2026-11-02T09:00:00+08:00'),
    record('OCTOBER-NIGHT', 3, 'decided', '2026-11-02T10:00:00+08:00', refused),
    record('OCTOBER-NIGHT', 4, 'concluded', '2026-11-02T11:00:00+08:00'),
    // Received at 23:30 on 30 November, Shanghai: a November case, decided in December.
    record('NOVEMBER-NIGHT', 1, 'received', '2026-11-30T23:30:00+08:00'),
    record('NOVEMBER-NIGHT', 2, 'accepted', '2026-12-01T09:00:00+08:00'),
    record('NOVEMBER-NIGHT', 3, 'decided', '2026-12-01T10:00:00+08:00', refused),
    record('NOVEMBER-NIGHT', 4, 'concluded', '2026-12-01T11:00:00+08:00'),
    // Accepted Fri 30 October and never decided: legal limit Fri 27 November (20 working days), overdue from 28 November.
    record('OVERDUE', 1, 'received', '2026-10-30T09:00:00+08:00'),
    record('OVERDUE', 2, 'accepted', '2026-10-30T10:00:00+08:00'),
  ];
}

let overdueCases = 0;

/**
 * A licensing case of `department`'s `construction-permit` received on 1 September 2025 and never
 * decided, pushed and processed: long past its legal limit, with one alert
 * (`licensing.decision-time-limit`). Its id starts with `label`.
 */
export async function pushOverdueCase(runtime: LocalRuntime, department: string, label: string): Promise<string> {
  const caseId = `${label}-${Date.now().toString(36)}-${(overdueCases += 1)}`;
  const credential = runtime.credentials.find((candidate) => candidate.department === department) as DepartmentCredential;
  await pushAndProcess(runtime, credential, [licensingRecordOf(department, 'construction-permit')(caseId, 1, 'received', '2025-09-01T09:00:00+08:00')]);
  return caseId;
}
