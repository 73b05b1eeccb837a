/**
 * How every family's rules state a finding: one rule version per family, findings ordered by
 * rule id, and the same note on a deadline that rests on an unpublished holiday arrangement.
 */
import type { Finding } from '../alerts/alert.ts';
import { englishSummary, type KnownAlertMessage } from '../alerts/alert-messages.ts';

/** A message a rule states, its key one of the table's. */
export type RuleMessage = KnownAlertMessage;

/**
 * States one finding from its message; the English summary is the message's English rendering.
 * `deadline` (an ISO instant) is left out of the finding when absent.
 */
export type StateFinding = (ruleId: string, level: Finding['level'], legalBasis: string, message: RuleMessage, deadline?: string) => Finding;

/** A {@link StateFinding} whose findings all cite `ruleVersion`, the version of the family's rules. */
export function ruleFinding(ruleVersion: number): StateFinding {
  return (ruleId, level, basis, message, deadline) => {
    const summary = englishSummary(message);
    return deadline === undefined
      ? { ruleId, ruleVersion, level, legalBasis: basis, summary, message }
      : { ruleId, ruleVersion, level, legalBasis: basis, summary, message, deadline };
  };
}

/** The parameter that marks a limit computed for a year whose holiday arrangement is not yet published. */
export function provisionalParam(limit: { readonly provisional: boolean }): { provisional?: 1 } {
  return limit.provisional ? { provisional: 1 } : {};
}

/** Sorts `findings` in place by rule id, so an evaluation lists them in a stable order; returns them. */
export function sortByRule(findings: Finding[]): Finding[] {
  // Most evaluations find nothing or one thing, and rules mostly add theirs in id order: skip the sort then.
  let ordered = true;
  for (let i = 1; i < findings.length && ordered; i++) ordered = (findings[i - 1] as Finding).ruleId <= (findings[i] as Finding).ruleId;
  return ordered ? findings : findings.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
