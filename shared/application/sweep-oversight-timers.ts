/**
 * The oversight timer sweep (complaints' acceptance clocks, handling deadlines and the erasure of
 * their personal data when its retention ends, supervision requests' decision deadlines and cases'
 * deadlines).
 * Primary course: read the items whose earliest pending timer is due at or before the scheduled
 * time (a sparse index query that reads only what is due), and hand each to its aggregate's
 * firing function. Firing records the timers as fired and moves the item's `dueAt` in one
 * conditional write, so a second or overlapping sweep of the same window fires nothing, and a
 * sweep after downtime fires every overdue timer once, late but surely. The signals' events are
 * committed to the outbox with each firing and returned, for the caller to publish.
 */
import { VersionChanged } from './store-refusals.ts';
import { earliestOf } from './earliest-of.ts';
import { mapConcurrently } from './map-concurrently.ts';
import type { AuditLog, SignalEvent } from './ports.ts';

/** What an oversight item is: a complaint, or a supervision request or case. */
export type OversightItemType = 'complaint' | 'supervision';

export interface OversightItemRef {
  readonly type: OversightItemType;
  /** Receipt number, request number or case number. */
  readonly number: string;
}

/** An item with a timer due, and since when (ISO instant: its earliest pending timer). */
export interface DueOversightItem extends OversightItemRef {
  readonly dueAt: string;
}

/** The timers due at an instant, across every sweep shard. */
export interface OversightTimerIndex {
  due(asOf: string, limit: number): Promise<DueOversightItem[]>;
}

/** What firing did on one item. */
export interface TimerFiringOutcome {
  /** Timers fired. */
  readonly fired: number;
  /** What the firing did beyond raising signals, named for the run's audit entry and outcome (e.g. `personalDataErased`). */
  readonly effects?: readonly string[];
  /** Events of the signals raised, committed to the outbox with the firing; the caller publishes them. */
  readonly events?: readonly SignalEvent[];
}

/**
 * Events a firing left unpublished are handed back by a later firing of the item only once they
 * are this old at the sweep's instant: younger ones are left to the run that committed them (an
 * overlapping run of the same schedule does not publish them twice).
 */
export const unpublishedGraceMs = 60_000;

/** The left-over events among `events` (those a firing marked unpublished) old enough to hand back at `asOf`. */
export function leftOverEvents<E extends { readonly occurredAt: string }>(events: readonly E[], asOf: Date): E[] {
  const before = asOf.getTime() - unpublishedGraceMs;
  return events.filter((event) => Date.parse(event.occurredAt) <= before);
}

/** Fires what is due on one item; throws `VersionChanged` when another writer got there first. */
export type TimerFiring = (number: string, asOf: Date) => Promise<TimerFiringOutcome>;

export interface OversightSweepDependencies {
  readonly timers: OversightTimerIndex;
  readonly firing: Readonly<Record<OversightItemType, TimerFiring>>;
  /**
   * What a run fired is also one audit entry (each item's timeline has its own steps). One entry
   * a run, not one a firing: the audit chain takes one writer at a time.
   */
  readonly audit?: AuditLog;
}

/** The sweep's name in audit entries. */
export const oversightSweepActor = 'system:oversight-sweep';

export interface OversightSweepOptions {
  /** Items handled per run at most; the rest stay due for the next run. */
  readonly maxItems: number;
  readonly concurrency: number;
}

export interface OversightSweepOutcome {
  readonly due: number;
  readonly fired: number;
  /** Items another writer changed first; re-read once, they fired nothing more. */
  readonly contended: number;
  readonly failed: number;
  /**
   * When the earliest timer this run took up fell due (ISO), or null when none was due: how late
   * the run came for it is the sweep's lag. An item that keeps failing stays due and keeps it early.
   */
  readonly earliestDueAt: string | null;
  /** Items per effect beyond signals (e.g. `{ personalDataErased: 3 }`); empty when none. */
  readonly effects: Readonly<Record<string, number>>;
  /** Events of every signal raised, committed in the outbox: the caller publishes them (`publishCommittedEvents`). */
  readonly signalEvents: readonly SignalEvent[];
}

export async function sweepOversightTimers(
  asOf: Date,
  deps: OversightSweepDependencies,
  options: OversightSweepOptions,
  onFailure?: (ref: OversightItemRef, error: unknown) => void,
  onAuditFailure?: (error: unknown) => void,
): Promise<OversightSweepOutcome> {
  const due = await deps.timers.due(asOf.toISOString(), options.maxItems);
  let fired = 0;
  let contended = 0;
  let failed = 0;
  const firedOn: string[] = [];
  const effects: Record<string, number> = {};
  const signalEvents: SignalEvent[] = [];
  const fire = async (ref: OversightItemRef): Promise<void> => {
    // Awaited first, then added: `fired += await ...` would add to the count read before the wait.
    const firing = await deps.firing[ref.type](ref.number, asOf);
    fired += firing.fired;
    signalEvents.push(...(firing.events ?? []));
    for (const effect of firing.effects ?? []) effects[effect] = (effects[effect] ?? 0) + 1;
    if (firing.fired > 0) firedOn.push(`${ref.type}:${ref.number}×${firing.fired}${(firing.effects ?? []).map((effect) => `+${effect}`).join('')}`);
  };
  await mapConcurrently(due, options.concurrency, async (ref) => {
    try {
      await fire(ref);
    } catch (error) {
      if (!(error instanceof VersionChanged)) {
        failed += 1;
        onFailure?.(ref, error);
        return;
      }
      // Someone (a person's action or an overlapping sweep) wrote first: fire against what they wrote.
      contended += 1;
      try {
        await fire(ref);
      } catch (retryError) {
        // Still contended or broken: the item stays due and the next run tries again.
        failed += 1;
        onFailure?.(ref, retryError);
      }
    }
  });
  if (firedOn.length > 0 && deps.audit) {
    // Counts of effects first (`personalDataErased×3`), then every item: `complaint:<number>×<timers>[+<effect>]`.
    const counts = Object.entries(effects)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([effect, count]) => `${effect}×${count}`);
    try {
      await deps.audit.append({
        action: 'oversight.timers.fire',
        outcome: 'allowed',
        actor: oversightSweepActor,
        target: `sweep:${asOf.toISOString()}`,
        reason: [...counts, ...firedOn.sort()].join(' '),
      });
    } catch (error) {
      // The firings are committed and on their timelines; a lost summary must not make them fire again.
      onAuditFailure?.(error);
    }
  }
  return { due: due.length, fired, contended, failed, earliestDueAt: earliestOf(due.map((item) => item.dueAt)), effects, signalEvents };
}
