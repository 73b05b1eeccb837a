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
 *   it was concluded.
 *
 * The clocks' signals are not counted here: they are timers, and a complaint's lateness is
 * measured by the in-time counters. Pure: whole numbers only.
 */
import { epochDayOf } from '../calendar/local-date.ts';
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
] as const;

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
  return into;
}
