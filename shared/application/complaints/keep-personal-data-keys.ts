/**
 * The keeper of the personal-data keys per period (`personal-data-key-periods.ts`), run daily by
 * its schedule and at every deployment (so the keys a changed retention needs exist at once).
 * Primary course: list the period keys; if any intake key is due to be judged, collect the keys
 * the open complaints' data keys are under (the four queues of open complaints, citywide); let
 * the domain plan the run; create the keys needed ahead, mark intake keys unused (or in use
 * again), schedule the deletion of the keys nothing may need any more; audit every creation and
 * every scheduled deletion. A run that fails half-way is repeated by the next one: each step is
 * decided again from what exists.
 */
import { judgesIntakeKeys, periodKeyLabel, planPeriodKeys, type PeriodKeyPolicy } from '../../domain/complaints/personal-data-key-periods.ts';
import type { AuditLog } from '../ports.ts';
import { complaintQueues, type ComplaintRepository } from './complaint-repository.ts';
import type { PeriodKeyStore } from './period-key-store.ts';

/** The keeper's name in audit entries. */
export const personalDataKeyKeeper = 'system:personal-data-keys';

export interface KeepPersonalDataKeysDependencies {
  readonly keys: PeriodKeyStore;
  readonly complaints: Pick<ComplaintRepository, 'queue'>;
  readonly audit: AuditLog;
  readonly policy: PeriodKeyPolicy & {
    /** Days KMS waits before deleting a key scheduled for deletion (7–30). */
    readonly pendingWindowDays: number;
  };
}

/** What a run did, by period key label (`retention-2029-09`). */
export interface KeptPersonalDataKeys {
  readonly created: readonly string[];
  readonly markedUnused: readonly string[];
  readonly markedInUse: readonly string[];
  readonly scheduledForDeletion: readonly { readonly key: string; readonly deletionDate: string }[];
  /** Open complaints read to judge intake keys (0 when no intake key was due). */
  readonly openComplaintsRead: number;
}

const pageSize = 100;

/** The key ids the open complaints' personal data is under (the key id is the last part of the stored key ARN). */
export async function keysOfOpenComplaints(
  complaints: Pick<ComplaintRepository, 'queue'>,
): Promise<{ readonly keyIds: ReadonlySet<string>; readonly read: number }> {
  const keyIds = new Set<string>();
  let read = 0;
  for (const queue of complaintQueues) {
    let cursor: string | undefined;
    do {
      const page = await complaints.queue({ queue, scope: { kind: 'citywide' }, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) });
      for (const complaint of page.complaints) {
        read += 1;
        if (complaint.sealed !== null) keyIds.add(complaint.sealed.keyRef.slice(complaint.sealed.keyRef.lastIndexOf('/') + 1));
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
  return { keyIds, read };
}

export async function keepPersonalDataKeys(at: Date, deps: KeepPersonalDataKeysDependencies): Promise<KeptPersonalDataKeys> {
  const keys = await deps.keys.list();
  const open = judgesIntakeKeys(at, keys) ? await keysOfOpenComplaints(deps.complaints) : { keyIds: new Set<string>(), read: 0 };
  const plan = planPeriodKeys({ at, policy: deps.policy, keys, keysOfOpenComplaints: open.keyIds });
  const created: string[] = [];
  for (const name of plan.create) {
    await deps.keys.create(name);
    created.push(periodKeyLabel(name));
    await deps.audit.append({
      action: 'personalDataKey.create',
      outcome: 'allowed',
      actor: personalDataKeyKeeper,
      target: `kms-period-key:${periodKeyLabel(name)}`,
    });
  }
  for (const key of plan.markUnused) await deps.keys.markUnused(key, at.toISOString());
  for (const key of plan.markInUse) await deps.keys.markInUse(key);
  const scheduledForDeletion: { key: string; deletionDate: string }[] = [];
  for (const { key, reason } of plan.scheduleDeletion) {
    const deletionDate = await deps.keys.scheduleDeletion(key, deps.policy.pendingWindowDays);
    scheduledForDeletion.push({ key: periodKeyLabel(key.name), deletionDate });
    await deps.audit.append({
      action: 'personalDataKey.scheduleDeletion',
      outcome: 'allowed',
      actor: personalDataKeyKeeper,
      target: `kms-period-key:${periodKeyLabel(key.name)}`,
      reason: `${reason}; deleted on ${deletionDate}`,
    });
  }
  return {
    created,
    markedUnused: plan.markUnused.map((key) => periodKeyLabel(key.name)),
    markedInUse: plan.markInUse.map((key) => periodKeyLabel(key.name)),
    scheduledForDeletion,
    openComplaintsRead: open.read,
  };
}
