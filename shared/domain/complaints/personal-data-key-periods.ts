/**
 * The keys that wrap complainants' data keys, one per period, and when each may be deleted
 * (crypto-shredding that reaches every copy, backups included), pure.
 *
 * A period is a calendar month in UTC (`2029-10`). Every data key of a complaint is wrapped under
 * one of two kinds of period key:
 * - the **intake** key of the month the complaint was filed (or re-opened as a new complaint) in,
 *   while the complaint is open: its fields, and a decision notice produced before it is finished;
 * - the **retention** key of the month its personal data is erased in, from the moment it is
 *   finished (not accepted, or concluded): the finish moves every data key of the complaint under
 *   it in the write that stamps `personalDataRetainedUntil`, and the rating comment and the
 *   result notice are sealed under it.
 *
 * A retention key wraps only data keys whose retention ends within its month, so once the month is
 * over (and the sweep has erased them, {@link deletionGraceDays}) nothing it wraps may still be
 * kept: it is scheduled for deletion, and every copy of those wrapped keys — the live table's,
 * point-in-time recovery's, every recovery point's and any other copy of a table — becomes
 * unreadable when KMS deletes it. An intake key wraps data keys of complaints still open, and
 * copies of finished complaints' data keys in backups taken before they were finished. It is
 * deleted once no open complaint uses it and every backup taken while one did has expired (the
 * backup window after it was first found unused): deleting it earlier would make backups of data
 * still within its retention unreadable.
 */
import * as z from 'zod';

/** A key period: a calendar month in UTC, `YYYY-MM`. */
export const KeyPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a calendar month YYYY-MM');
export type KeyPeriod = z.infer<typeof KeyPeriod>;

/** What a period key wraps: complaints' data keys while they are open, or from their finish to their erasure. */
export const periodKeyKinds = ['intake', 'retention'] as const;
export type PeriodKeyKind = (typeof periodKeyKinds)[number];

/** A period key by what it is for: its alias is `<alias prefix><kind>-<period>`. */
export interface PeriodKeyName {
  readonly kind: PeriodKeyKind;
  readonly period: KeyPeriod;
}

/**
 * The key a data key is sealed (wrapped) under: a period key by name, or the key that already
 * wraps the complaint's other data keys (its sealed record's `keyRef`), so that everything of one
 * complaint is always under one key and moves with it.
 */
export type SealingKey = { readonly period: PeriodKeyName } | { readonly keyRef: string };

/** Months of period keys made ahead of need: the current one and the next two. */
export const keysAheadMonths = 2;

/**
 * Days after a period key stops being needed before its deletion is scheduled: the sweep erases
 * each complaint within a minute of its retention end, and a sweep late by a week is an incident
 * its lag alarm has long reported; the pending window of the deletion comes on top.
 */
export const deletionGraceDays = 7;

/** Days a table's point-in-time recovery reaches back (DynamoDB's maximum, as the stacks set it). */
export const pointInTimeRecoveryDays = 35;

const dayMs = 86_400_000;

/** The period an instant falls in (UTC). */
export function keyPeriodOf(instant: Date | string): KeyPeriod {
  return new Date(instant).toISOString().slice(0, 7);
}

/** The first instant of a period. */
export function periodStart(period: KeyPeriod): Date {
  return new Date(`${KeyPeriod.parse(period)}-01T00:00:00.000Z`);
}

/** The first instant after a period (the start of the next month). */
export function periodEnd(period: KeyPeriod): Date {
  const start = periodStart(period);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** The period `months` after (or before, when negative) `period`. */
export function addMonths(period: KeyPeriod, months: number): KeyPeriod {
  const start = periodStart(period);
  return keyPeriodOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1)));
}

/** The intake key a complaint filed at `at` is sealed under. */
export const intakeKeyAt = (at: Date | string): PeriodKeyName => ({ kind: 'intake', period: keyPeriodOf(at) });

/** The retention key of a complaint whose personal data is erased at `retainedUntil`. */
export const retentionKeyFor = (retainedUntil: string): PeriodKeyName => ({ kind: 'retention', period: keyPeriodOf(retainedUntil) });

/** `intake-2026-12`: what follows the deployment's alias prefix. */
export const periodKeyLabel = (name: PeriodKeyName): string => `${name.kind}-${name.period}`;

/** The period key a label names, or undefined when it names none. */
export function periodKeyOfLabel(label: string): PeriodKeyName | undefined {
  const match = /^(intake|retention)-(\d{4}-\d{2})$/.exec(label);
  if (!match || !KeyPeriod.safeParse(match[2]).success) return undefined;
  return { kind: match[1] as PeriodKeyKind, period: match[2]! };
}

/** Whether two names name the same period key. */
export const samePeriodKey = (a: PeriodKeyName, b: PeriodKeyName): boolean => a.kind === b.kind && a.period === b.period;

/** What the keeper must know of the deployment. */
export interface PeriodKeyPolicy {
  /** Calendar days a finished complaint's personal data is kept (the setting in force now). */
  readonly retentionDays: number;
  /** Days the longest-kept copy of a table lives: point-in-time recovery, daily and monthly recovery points (and their copies). */
  readonly backupWindowDays: number;
}

/**
 * The period keys that must exist at `at`: the intake keys of this month and the next
 * {@link keysAheadMonths}, and the retention keys of the month a complaint finished now is erased
 * in and of the next ones.
 */
export function periodKeysNeeded(at: Date, policy: Pick<PeriodKeyPolicy, 'retentionDays'>): PeriodKeyName[] {
  const intake = keyPeriodOf(at);
  const retention = keyPeriodOf(new Date(at.getTime() + policy.retentionDays * dayMs));
  const ahead = Array.from({ length: keysAheadMonths + 1 }, (_, months) => months);
  return [
    ...ahead.map((months): PeriodKeyName => ({ kind: 'intake', period: addMonths(intake, months) })),
    ...ahead.map((months): PeriodKeyName => ({ kind: 'retention', period: addMonths(retention, months) })),
  ];
}

/** A period key as the keeper finds it. */
export interface KnownPeriodKey {
  readonly name: PeriodKeyName;
  /** The KMS key id (the last part of its ARN). */
  readonly keyId: string;
  /** Already scheduled for deletion: nothing more to do. */
  readonly pendingDeletion: boolean;
  /** Disabled by an operator (a deletion cancelled, say): their decision, the keeper leaves it alone. */
  readonly disabled?: boolean;
  /** An intake key: when a run of the keeper first found no open complaint under it (ISO), if it did. */
  readonly unusedSince?: string;
}

/** What the keeper does in one run. */
export interface PeriodKeyPlan {
  readonly create: readonly PeriodKeyName[];
  /** Intake keys found unused for the first time: remember since when. */
  readonly markUnused: readonly KnownPeriodKey[];
  /** Intake keys marked unused that an open complaint uses after all: forget the mark. */
  readonly markInUse: readonly KnownPeriodKey[];
  readonly scheduleDeletion: readonly { readonly key: KnownPeriodKey; readonly reason: string }[];
}

/** When an intake key's month is over (with the grace): no new complaint is sealed under it any more. */
const intakeClosed = (name: PeriodKeyName, at: Date): boolean => at.getTime() >= periodEnd(name.period).getTime() + deletionGraceDays * dayMs;

/**
 * Whether a run at `at` judges any intake key (one whose month and grace are over, not pending
 * deletion): only then must it know which keys the open complaints use.
 */
export const judgesIntakeKeys = (at: Date, keys: readonly KnownPeriodKey[]): boolean =>
  keys.some((key) => key.name.kind === 'intake' && !key.pendingDeletion && key.disabled !== true && intakeClosed(key.name, at));

/**
 * One run of the keeper at `at`: what to create, mark and schedule for deletion, given the period
 * keys there are and the key ids the open complaints' data keys are wrapped under.
 *
 * - A retention key is deleted once its month is over ({@link deletionGraceDays} later): every
 *   complaint under it has reached its retention end, and the sweep has erased it.
 * - An intake key is judged only once its month is over (and the grace): then, if an open complaint
 *   uses it, it stays (and a mark of being unused is withdrawn); if none does, the first run notes
 *   since when, and it is deleted once the backup window (and the grace) has passed since: every
 *   recovery point taken while an open complaint used it has expired by then.
 * - A key already pending deletion, or disabled by an operator, is left alone; a needed key that
 *   is missing is created.
 */
export function planPeriodKeys(input: {
  readonly at: Date;
  readonly policy: PeriodKeyPolicy;
  readonly keys: readonly KnownPeriodKey[];
  /** Key ids that open complaints' data keys are wrapped under. */
  readonly keysOfOpenComplaints: ReadonlySet<string>;
}): PeriodKeyPlan {
  const { at, policy, keys, keysOfOpenComplaints } = input;
  const create = periodKeysNeeded(at, policy).filter((needed) => !keys.some((key) => samePeriodKey(key.name, needed)));
  const markUnused: KnownPeriodKey[] = [];
  const markInUse: KnownPeriodKey[] = [];
  const scheduleDeletion: { key: KnownPeriodKey; reason: string }[] = [];
  for (const key of keys) {
    if (key.pendingDeletion || key.disabled === true) continue;
    if (key.name.kind === 'retention') {
      if (at.getTime() >= periodEnd(key.name.period).getTime() + deletionGraceDays * dayMs) {
        scheduleDeletion.push({ key, reason: `every retention under it ended by ${periodEnd(key.name.period).toISOString()}` });
      }
      continue;
    }
    if (!intakeClosed(key.name, at)) continue;
    if (keysOfOpenComplaints.has(key.keyId)) {
      if (key.unusedSince !== undefined) markInUse.push(key);
      continue;
    }
    if (key.unusedSince === undefined) {
      markUnused.push(key);
    } else if (at.getTime() >= Date.parse(key.unusedSince) + (policy.backupWindowDays + deletionGraceDays) * dayMs) {
      scheduleDeletion.push({ key, reason: `no open complaint under it since ${key.unusedSince}, and every backup of that time has expired` });
    }
  }
  return { create, markUnused, markInUse, scheduleDeletion };
}

/**
 * The instant by which no copy of a finished complaint's personal data can be opened any more,
 * when every copy of the table is one the deployment keeps (point-in-time recovery, the backup
 * plan's recovery points and their copies): the later of
 * - the deletion of its retention key: {@link deletionGraceDays} after the end of the month of
 *   `retainedUntil`, plus the deletion's pending window (copies taken after the finish), and
 * - the expiry of the last backup taken before the finish, `backupWindowDays` after it (copies
 *   under its intake key, which lives on while complaints filed with it are open or backed up).
 * A copy kept otherwise (an on-demand backup, a restored table left behind) opens until its
 * intake key is deleted, if it was taken before the finish.
 */
export function personalDataUnreadableEverywhereBy(input: {
  readonly finishedAt: string;
  readonly retainedUntil: string;
  readonly backupWindowDays: number;
  readonly pendingWindowDays: number;
}): string {
  const retentionKeyGone = periodEnd(keyPeriodOf(input.retainedUntil)).getTime() + (deletionGraceDays + input.pendingWindowDays) * dayMs;
  const lastEarlierBackupGone = Date.parse(input.finishedAt) + input.backupWindowDays * dayMs;
  return new Date(Math.max(retentionKeyGone, lastEarlierBackupGone)).toISOString();
}
