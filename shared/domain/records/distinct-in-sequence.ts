/**
 * The first step of every family's fold: a department may push events in any order and more than
 * once, so a case is folded from its events ordered by `sequence`, one per sequence.
 */
import type { RecordBase } from './record-family.ts';

/** A sequence sent with two or more different events, and the one kept. */
export interface ConflictingDuplicate<E extends RecordBase> {
  readonly sequence: number;
  readonly kept: E;
}

/** Events in sequence order, one per sequence, and the sequences whose duplicates disagreed. */
export interface DistinctEvents<E extends RecordBase> {
  readonly ordered: E[];
  /** In sequence order. */
  readonly conflicts: ConflictingDuplicate<E>[];
}

/** Canonical text of an event, independent of property order: the tie-break for equal sequences. */
function canonicalText(event: RecordBase): string {
  return JSON.stringify(event, Object.keys(event).sort());
}

/** True when the events already come one per sequence, in order: how a case's events are mostly stored and sent. */
function isStrictlyIncreasing(events: readonly RecordBase[]): boolean {
  for (let i = 1; i < events.length; i++) if (!((events[i] as RecordBase).sequence > (events[i - 1] as RecordBase).sequence)) return false;
  return true;
}

/**
 * Orders `events` by sequence and keeps one per sequence. Among different events sent with the
 * same sequence it keeps the canonically smallest, so the choice does not depend on arrival
 * order, and reports the sequence as a conflict; identical repeats are not conflicts.
 */
export function distinctInSequence<E extends RecordBase>(events: readonly E[]): DistinctEvents<E> {
  if (isStrictlyIncreasing(events)) return { ordered: events.slice(), conflicts: [] };
  const sorted = [...events].sort((a, b) => a.sequence - b.sequence);
  const ordered: E[] = [];
  const conflicts: ConflictingDuplicate<E>[] = [];
  let index = 0;
  while (index < sorted.length) {
    const first = sorted[index] as E;
    let end = index + 1;
    while (end < sorted.length && (sorted[end] as E).sequence === first.sequence) end++;
    if (end - index === 1) {
      ordered.push(first);
    } else {
      const versions = sorted.slice(index, end).map((event) => ({ event, text: canonicalText(event) }));
      versions.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      const kept = versions[0] as { event: E; text: string };
      ordered.push(kept.event);
      if (versions.some((version) => version.text !== kept.text)) {
        conflicts.push({ sequence: first.sequence, kept: kept.event });
      }
    }
    index = end;
  }
  return { ordered, conflicts };
}

/**
 * A fold's anomalies in sequence order: the conflicting duplicates, then the fold's own notes
 * (made while walking the events in order, so already in sequence order); within one sequence
 * the conflict comes first.
 */
export function anomaliesInSequence<A extends { readonly sequence: number }>(conflicts: readonly A[], notes: A[]): A[] {
  return conflicts.length === 0 ? notes : [...conflicts, ...notes].sort((a, b) => a.sequence - b.sequence);
}
