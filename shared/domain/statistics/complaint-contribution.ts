/**
 * What one complaint (Art. 19) contributes to the statistics (Art. 20), as counters per Shanghai
 * month, beside the cases' counters and added the same way: each save of the complaint adds
 * `contribution(after) − contribution(before)` in its own transaction.
 *
 * A complaint counts under the department it is about (its `subject`), or, when it names only a
 * jurisdiction, under that jurisdiction ({@link complaintStatisticsOwner}); its record kind is
 * `complaint` and its matter its category, so `?kind=complaint&matter=delay` reads one category.
 *
 * Which month a counter falls in:
 * - `complaintsReceived`: the day it was received;
 * - `complaintsAccepted` / `complaintsNotAccepted` / `complaintsDecidedInTime`: the day of the
 *   decision on acceptance (in time: on or before the acceptance clock's last day, 5 working days);
 * - `complaintsConcluded`, `complaintsConcludedInTime` (on or before the handling deadline then in
 *   force), `complaintsWithFinding`, `complaintsUpheld` (the accepted result found it true in
 *   whole or in part), `complaintHandlingDays` (calendar days from receipt to conclusion): the day
 *   it was concluded;
 * - `complaintsOverdueOpened`: the month of the first day after a clock's last day, for each clock
 *   the complaint was or is overdue on: the acceptance clock while undecided, or when it was decided
 *   after it; the handling deadline in force while it is accepted and not concluded (handling,
 *   forwarded, or a result awaiting review: conclusion is measured against that deadline), or when
 *   it was concluded after it. `complaintsOverdueClosed`: the month the late decision or the late
 *   conclusion ended that lateness. The complaints open and overdue at the end of month P are
 *   Σ over months ≤ P of (opened − closed), as for the cases: one open past its clock keeps counting
 *   in every later month until decided or concluded. A complaint decided or concluded in time adds
 *   neither; not accepted, it has no handling clock.
 *
 * An open complaint is counted in the month its clock runs out as soon as it is saved, before that
 * day comes, so that no timer has to add anything (the clocks' firings are stored apart): the
 * figure at the end of P is exact once P has ended, and `read-statistics.ts` gives it only then.
 * A new handling round (a result sent back) replaces the handling deadline: the complaint counts
 * by the deadline now in force, and an earlier round's lateness is no longer counted.
 *
 * The clocks' signals are not counted here: they are timers. Pure: whole numbers only.
 */
import { epochDayOf, nextLocalDate, type LocalDate } from '../calendar/local-date.ts';
import type { Complaint, ComplaintFinding } from '../complaints/complaint.ts';
import { addToCounter, type StatisticsContribution } from './case-contribution.ts';
import { monthOfDate, type StatisticsMonth } from './statistics-period.ts';

/** The record kind complaints count under in the aggregates. */
export const complaintStatisticsKind = 'complaint';

/** The counters a complaint adds to. */
export const complaintCounterNames = [
  'complaintsReceived',
  'complaintsAccepted',
  'complaintsNotAccepted',
  'complaintsDecidedInTime',
  'complaintsConcluded',
  'complaintsConcludedInTime',
  'complaintsWithFinding',
  'complaintsUpheld',
  'complaintHandlingDays',
  'complaintsOverdueOpened',
  'complaintsOverdueClosed',
] as const;

/** The counters whose sum from the beginning gives the complaints open and overdue at a month's end. */
export const complaintOverdueCounters = { opened: 'complaintsOverdueOpened', closed: 'complaintsOverdueClosed' } as const;

/** Findings that count as upheld: the complaint was true in whole or in part. */
const upheldFindings: readonly ComplaintFinding[] = ['upheld', 'partlyUpheld'];

/** The aggregates' owner of a jurisdiction's complaints that name no department (not a department id: ids have no `:`). */
export const jurisdictionStatisticsOwner = (jurisdiction: string): string => `jurisdiction:${jurisdiction}`;

/** Whose statistics a complaint counts in: the department it is about, else its jurisdiction. */
export const complaintStatisticsOwner = (complaint: Pick<Complaint, 'subject' | 'jurisdiction'>): string =>
  complaint.subject.kind === 'department' ? complaint.subject.department : jurisdictionStatisticsOwner(complaint.jurisdiction);

export function complaintContribution(complaint: Complaint): StatisticsContribution {
  const into: Record<StatisticsMonth, Record<string, number>> = {};
  const add = (month: StatisticsMonth, counter: (typeof complaintCounterNames)[number], amount: number): void => addToCounter(into, month, counter, amount);
  add(monthOfDate(complaint.receivedOn), 'complaintsReceived', 1);
  const decision = complaint.decision;
  if (decision !== undefined) {
    const month = monthOfDate(decision.decidedOn);
    add(month, decision.accepted ? 'complaintsAccepted' : 'complaintsNotAccepted', 1);
    add(month, 'complaintsDecidedInTime', decision.decidedOn <= complaint.acceptanceDeadline.date ? 1 : 0);
  }
  if (complaint.stage === 'concluded' && complaint.concludedOn !== undefined) {
    const month = monthOfDate(complaint.concludedOn);
    add(month, 'complaintsConcluded', 1);
    const deadline = complaint.handling?.deadline.date;
    add(month, 'complaintsConcludedInTime', deadline !== undefined && complaint.concludedOn <= deadline ? 1 : 0);
    add(month, 'complaintHandlingDays', Math.max(0, epochDayOf(complaint.concludedOn) - epochDayOf(complaint.receivedOn)));
    const finding = complaint.results.at(-1)?.finding;
    if (finding !== undefined) {
      add(month, 'complaintsWithFinding', 1);
      add(month, 'complaintsUpheld', upheldFindings.includes(finding) ? 1 : 0);
    }
  }
  for (const lateness of latenessOf(complaint)) {
    add(monthOfDate(nextLocalDate(lateness.lastDay)), 'complaintsOverdueOpened', 1);
    if (lateness.endedOn !== null) add(monthOfDate(lateness.endedOn), 'complaintsOverdueClosed', 1);
  }
  return into;
}

/** A clock the complaint is or was overdue on: its last day, and the day the lateness ended (null while it lasts). */
interface Lateness {
  readonly lastDay: LocalDate;
  readonly endedOn: LocalDate | null;
}

/** The acceptance clock's lateness, then the handling deadline's: never both at once, since handling starts with the decision. */
function latenessOf(complaint: Complaint): Lateness[] {
  const latenesses: Lateness[] = [];
  const acceptanceDue = complaint.acceptanceDeadline.date;
  const decision = complaint.decision;
  if (decision === undefined) {
    if (complaint.stage === 'awaitingDecision') latenesses.push({ lastDay: acceptanceDue, endedOn: null });
  } else if (decision.decidedOn > acceptanceDue) latenesses.push({ lastDay: acceptanceDue, endedOn: decision.decidedOn });
  const handlingDue = complaint.handling?.deadline.date;
  if (decision?.accepted === true && handlingDue !== undefined) {
    if (complaint.stage !== 'concluded') latenesses.push({ lastDay: handlingDue, endedOn: null });
    else if (complaint.concludedOn !== undefined && complaint.concludedOn > handlingDue)
      latenesses.push({ lastDay: handlingDue, endedOn: complaint.concludedOn });
  }
  return latenesses;
}
