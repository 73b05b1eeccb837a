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
