import { describe, expect, it } from 'vitest';
import {
  addMonths,
  deletionGraceDays,
  intakeKeyAt,
  keyPeriodOf,
  periodEnd,
  periodKeyLabel,
  periodKeyOfLabel,
  periodKeysNeeded,
  personalDataUnreadableEverywhereBy,
  planPeriodKeys,
  retentionKeyFor,
  type KnownPeriodKey,
  type PeriodKeyName,
} from '#shared/domain/complaints/personal-data-key-periods.ts';
import { retentionEndOf } from '#shared/domain/complaints/personal-data-retention.ts';

const day = 86_400_000;
const policy = { retentionDays: 1095, backupWindowDays: 365 };
const at = (iso: string) => new Date(iso);
const key = (name: PeriodKeyName, extra: Partial<KnownPeriodKey> = {}): KnownPeriodKey => ({
  name,
  keyId: `id-${periodKeyLabel(name)}`,
  pendingDeletion: false,
  ...extra,
});
const intake = (period: string): PeriodKeyName => ({ kind: 'intake', period });
const retention = (period: string): PeriodKeyName => ({ kind: 'retention', period });
const plan = (when: string, keys: KnownPeriodKey[], open: string[] = []) => planPeriodKeys({ at: at(when), policy, keys, keysOfOpenComplaints: new Set(open) });

describe('key periods', () => {
  it('are calendar months in UTC, whatever the time zone of the instant', () => {
    // Act and assess: 2026-12-31T20:00+08:00 is still December in UTC; 2027-01-01T07:59+08:00 is not yet January.
    expect(keyPeriodOf('2026-12-31T20:00:00+08:00')).toBe('2026-12');
    expect(keyPeriodOf('2027-01-01T07:59:59+08:00')).toBe('2026-12');
    expect(keyPeriodOf('2027-01-01T00:00:00.000Z')).toBe('2027-01');
    expect(periodEnd('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2027-02', -3)).toBe('2026-11');
  });

  it('name a complaint filed now its intake key, and its retention end its retention key', () => {
    // Prepare: finished on 30 September 2026, kept 1,095 days: erased on 29 September 2029.
    const retainedUntil = retentionEndOf('2026-09-30T02:00:00.000Z', 1095);

    // Act and assess
    expect(intakeKeyAt('2026-09-30T02:00:00.000Z')).toEqual(intake('2026-09'));
    expect(retentionKeyFor(retainedUntil)).toEqual(retention('2029-09'));
  });

  it('read back from an alias label, and refuse anything else', () => {
    expect(periodKeyOfLabel(periodKeyLabel(retention('2029-09')))).toEqual(retention('2029-09'));
    expect(periodKeyOfLabel('intake-2026-13')).toBeUndefined();
    expect(periodKeyOfLabel('personal-data')).toBeUndefined();
    expect(periodKeyOfLabel('retention-2029-09-x')).toBeUndefined();
  });
});

describe('the period keys needed', () => {
  it('are this and the next two months of intake, and the months a complaint finished now is erased in and after', () => {
    // Act
    const needed = periodKeysNeeded(at('2026-12-15T00:00:00.000Z'), policy);

    // Assess: 1,095 days after 15 December 2026 is 14 December 2029.
    expect(needed).toEqual([intake('2026-12'), intake('2027-01'), intake('2027-02'), retention('2029-12'), retention('2030-01'), retention('2030-02')]);
  });

  it('follow a changed retention at once', () => {
    expect(periodKeysNeeded(at('2026-12-15T00:00:00.000Z'), { retentionDays: 31 }).filter((name) => name.kind === 'retention')).toEqual([
      retention('2027-01'),
      retention('2027-02'),
      retention('2027-03'),
    ]);
  });
});

describe('a run of the keeper', () => {
  it('creates the keys needed that are missing, and only those', () => {
    // Prepare
    const keys = [key(intake('2026-12')), key(retention('2029-12')), key(retention('2030-01'))];

    // Act
    const { create } = plan('2026-12-15T00:00:00.000Z', keys);

    // Assess
    expect(create).toEqual([intake('2027-01'), intake('2027-02'), retention('2030-02')]);
  });

  it('schedules the deletion of a retention key once its month and the grace are over, never before', () => {
    // Prepare: every retention under retention-2029-09 ends by 1 October 2029.
    const keys = [key(retention('2029-09'))];
    const due = new Date(periodEnd('2029-09').getTime() + deletionGraceDays * day);

    // Act
    const early = plan(new Date(due.getTime() - 1).toISOString(), keys);
    const onTime = plan(due.toISOString(), keys);
    const alreadyPending = plan(due.toISOString(), [key(retention('2029-09'), { pendingDeletion: true })]);

    // Assess
    expect(early.scheduleDeletion).toEqual([]);
    expect(onTime.scheduleDeletion.map(({ key: scheduled }) => scheduled.name)).toEqual([retention('2029-09')]);
    expect(alreadyPending.scheduleDeletion).toEqual([]);
  });

  it('never judges an intake key before its month and the grace are over', () => {
    // Act: in the last hour of the grace, nothing is open under intake-2026-12.
    const { markUnused, scheduleDeletion } = plan(new Date(periodEnd('2026-12').getTime() + deletionGraceDays * day - 3_600_000).toISOString(), [
      key(intake('2026-12')),
    ]);

    // Assess
    expect(markUnused).toEqual([]);
    expect(scheduleDeletion).toEqual([]);
  });

  it('keeps an intake key an open complaint uses, however old, and withdraws a mark of being unused', () => {
    // Prepare: filed in December 2026, still open ten years later.
    const used = key(intake('2026-12'), { unusedSince: '2027-01-08T00:00:00.000Z' });

    // Act
    const { markUnused, markInUse, scheduleDeletion } = plan('2036-12-01T00:00:00.000Z', [used], [used.keyId]);

    // Assess
    expect(markUnused).toEqual([]);
    expect(markInUse).toEqual([used]);
    expect(scheduleDeletion).toEqual([]);
  });

  it('marks an unused intake key first, then deletes it when every backup of the time it was used has expired', () => {
    // Prepare
    const unmarked = key(intake('2026-12'));
    const firstFound = '2027-01-10T00:00:00.000Z';
    const marked = key(intake('2026-12'), { unusedSince: firstFound });
    const due = Date.parse(firstFound) + (policy.backupWindowDays + deletionGraceDays) * day;

    // Act
    const first = plan(firstFound, [unmarked]);
    const early = plan(new Date(due - 1).toISOString(), [marked]);
    const onTime = plan(new Date(due).toISOString(), [marked]);

    // Assess
    expect(first.markUnused).toEqual([unmarked]);
    expect(first.scheduleDeletion).toEqual([]);
    expect(early.scheduleDeletion).toEqual([]);
    expect(onTime.scheduleDeletion.map(({ key: scheduled }) => scheduled.keyId)).toEqual([marked.keyId]);
  });
});

describe('the instant no copy of a finished complaint opens any more', () => {
  it('is the deletion of its retention key when its retention outlasts the backups', () => {
    // Prepare: finished 30 September 2026, erased 29 September 2029, retention key scheduled on 8 October 2029, deleted 30 days later.
    const finishedAt = '2026-09-30T02:00:00.000Z';

    // Act
    const by = personalDataUnreadableEverywhereBy({
      finishedAt,
      retainedUntil: retentionEndOf(finishedAt, 1095),
      backupWindowDays: 365,
      pendingWindowDays: 30,
    });

    // Assess
    expect(by).toBe('2029-11-07T00:00:00.000Z');
  });

  it('is the expiry of the last backup before the finish when that comes later', () => {
    // Prepare: kept only 31 days, backups kept 365.
    const finishedAt = '2026-09-30T02:00:00.000Z';

    // Act
    const by = personalDataUnreadableEverywhereBy({ finishedAt, retainedUntil: retentionEndOf(finishedAt, 31), backupWindowDays: 365, pendingWindowDays: 7 });

    // Assess
    expect(by).toBe('2027-09-30T02:00:00.000Z');
  });
});
