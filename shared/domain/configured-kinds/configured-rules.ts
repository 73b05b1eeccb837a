/**
 * The two rule shapes of a configured kind, evaluated against a folded case. Pure: the same
 * state, instant and calendar always give the same evaluation.
 *
 * A clock counts from the day of `from` (not counted). In working days its last day is the n-th
 * working day after; in calendar days it is the n-th day after, moved to the next working day
 * when that is a rest day or holiday (Civil Code Art. 203), as the built-in families count. The
 * clock is read on the day `to` happened, or today while `to` is pending.
 */
import type { Finding } from '../alerts/alert.ts';
import { epochMillisOf, shanghaiEpochDayOfMillis as dayOf } from '../calendar/local-date.ts';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.ts';
import { workingDayArithmetic as days, type WorkingDayDeadline } from '../calendar/working-days.ts';
import { ChangeDays } from '../records/change-days.ts';
import type { FamilyEvaluation } from '../records/record-family.ts';
import { provisionalParam, ruleFinding, sortByRule, type RuleMessage, type StateFinding } from '../records/rule-finding.ts';
import { occurrenceOf, type ConfiguredCaseState } from './configured-case.ts';
import type { BandRule, ClockRule, KindDefinition } from './kind-definition.ts';

/** The outcome of evaluating a case of a configured kind. */
export interface ConfiguredEvaluation extends FamilyEvaluation {
  /** Conditions that hold, at most one per rule, ordered by rule id. */
  readonly findings: Finding[];
  /** Per clock rule id: its limit, or null until `from` happened. */
  readonly deadlines: Readonly<Record<string, WorkingDayDeadline | null>>;
}

/** The limit of a clock as a count and its unit, guarded against a definition that skipped its schema. */
function limitOf(rule: ClockRule): { readonly count: number; readonly unit: 'working' | 'calendar' } {
  const raw = 'workingDays' in rule.limit ? rule.limit.workingDays : rule.limit.calendarDays;
  const count = Number.isFinite(raw) ? Math.max(1, Math.floor(raw)) : 1;
  return { count, unit: 'workingDays' in rule.limit ? 'working' : 'calendar' };
}

interface JudgedClock {
  readonly finding: Finding | null;
  readonly deadline: WorkingDayDeadline | null;
}

/** Judges one clock and tells `changes` the days its finding would change while `to` is pending. */
function judgeClock(
  rule: ClockRule,
  state: ConfiguredCaseState,
  today: number,
  cal: WorkingDayCalendar,
  finding: StateFinding,
  changes: ChangeDays,
): JudgedClock {
  const from = occurrenceOf(state, rule.from);
  if (from === undefined) return { finding: null, deadline: null };
  const { count, unit } = limitOf(rule);
  const fromDay = dayOf(from.occurredAt);
  const dueDay = unit === 'working' ? days.add(cal, fromDay, count) : days.add(cal, fromDay + count - 1, 1);
  // A period in calendar days depends on the calendar only through the move past its last day.
  const deadline = days.deadline(cal, unit === 'working' ? fromDay : fromDay + count, dueDay);
  const to = occurrenceOf(state, rule.to);
  const judgedOn = to === undefined ? today : dayOf(to.occurredAt);
  const promptBefore = rule.promptBefore !== undefined && Number.isFinite(rule.promptBefore) && rule.promptBefore >= 0 ? Math.floor(rule.promptBefore) : null;
  const promptFrom = promptBefore === null ? null : unit === 'working' ? days.firstWithin(cal, dueDay, promptBefore) : dueDay - promptBefore;
  if (to === undefined) {
    changes.consider(dueDay + 1);
    if (promptFrom !== null) changes.consider(promptFrom);
  }

  const clock = { to: rule.to, from: rule.from, count, unit };
  if (judgedOn > dueDay) {
    const message: RuleMessage =
      rule.summary === undefined
        ? {
            key: to === undefined ? 'configured.clock.overdue' : 'configured.clock.late',
            params: { ...clock, limit: deadline.date, ...provisionalParam(deadline) },
          }
        : { key: 'configured.clock.own-words', params: { ...clock, template: rule.summary, deadline: deadline.date } };
    return { finding: finding(rule.ruleId, rule.level, rule.legalBasis, message, deadline.at), deadline };
  }
  if (to === undefined && promptFrom !== null && judgedOn >= promptFrom) {
    const message: RuleMessage = { key: 'configured.clock.approaching', params: { ...clock, limit: deadline.date, ...provisionalParam(deadline) } };
    return { finding: finding(rule.ruleId, 'prompt', rule.legalBasis, message, deadline.at), deadline };
  }
  return { finding: null, deadline };
}

function judgeBand(rule: BandRule, state: ConfiguredCaseState, finding: StateFinding): Finding | null {
  const occurrence = occurrenceOf(state, rule.event);
  if (occurrence === undefined || !Object.hasOwn(occurrence.fields, rule.field)) return null;
  const value = occurrence.fields[rule.field];
  if (typeof value !== 'number') return null;
  const below = rule.min !== undefined && value < rule.min;
  const above = rule.max !== undefined && value > rule.max;
  if (!below && !above) return null;
  const params = {
    field: rule.field,
    event: rule.event,
    value,
    ...(rule.min === undefined ? {} : { min: rule.min }),
    ...(rule.max === undefined ? {} : { max: rule.max }),
  };
  return finding(rule.ruleId, rule.level, rule.legalBasis, { key: 'configured.band', params });
}

/**
 * Evaluates a case of `definition`'s kind as of `asOf`. Findings cite the rule's legal basis and
 * `definition.version`; `nextCheckAt` is the start of the first Shanghai day on which a pending
 * clock starts its prompt or passes its limit.
 */
export function evaluateConfiguredCase(definition: KindDefinition, state: ConfiguredCaseState, asOf: Date, cal: WorkingDayCalendar): ConfiguredEvaluation {
  const finding = ruleFinding(definition.version);
  const today = dayOf(epochMillisOf(asOf));
  const changes = new ChangeDays(today);
  const findings: Finding[] = [];
  const deadlines: Record<string, WorkingDayDeadline | null> = {};
  for (const rule of definition.rules) {
    if (rule.type === 'clock') {
      const judged = judgeClock(rule, state, today, cal, finding, changes);
      deadlines[rule.ruleId] = judged.deadline;
      if (judged.finding !== null) findings.push(judged.finding);
    } else {
      const found = judgeBand(rule, state, finding);
      if (found !== null) findings.push(found);
    }
  }
  return { findings: sortByRule(findings), nextCheckAt: changes.instant(), deadlines };
}
