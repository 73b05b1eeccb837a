/**
 * "Insufficient data" (Art. 18 hygiene): when a department's feed is known to be stale, a
 * deadline that seems to have passed may only mean its records have not arrived. Signals driven
 * by time are then held instead of raised, and escalations by the clock wait; once the feed is
 * current again, held signals that still hold are released as open. Signals the data itself
 * proves (a decision without acceptance) are never held.
 */
import { alertLevelRank, messageOf, type Alert } from './alert.ts';
import { wrappingMessage, type MessageParams } from './alert-messages.ts';
import type { AlertChange } from './reconcile-alerts.ts';

export interface FeedState {
  /** True when the department has pushed nothing for longer than the configured period. */
  readonly stale: boolean;
  /** The department's last push (ISO), for the held signal's summary. */
  readonly lastReceivedAt?: string;
}

/** A signal about a limit passing with time (it cites a deadline), as opposed to one the data proves. */
const timeDriven = (alert: Alert): boolean => alert.deadline !== undefined;

function held(alert: Alert, feed: FeedState): Alert {
  const since = feed.lastReceivedAt ? `since ${feed.lastReceivedAt}` : 'ever';
  const summary = `Held for insufficient data: no records from the department ${since}. ${alert.summary}`.slice(0, 500);
  // The entry now says why the signal is held, wrapping the finding's sentence: its own message replaces the finding's.
  const { message: _finding, ...entry } = alert.history.at(-1) ?? { at: alert.updatedAt, level: alert.level };
  const params: MessageParams = feed.lastReceivedAt ? { since: feed.lastReceivedAt } : {};
  return {
    ...alert,
    status: 'held',
    history: [...alert.history.slice(0, -1), { ...entry, change: 'held', summary, ...wrappingMessage('alert.held', params, alert.message, summary) }],
  };
}

function released(alert: Alert, at: string, expectedVersion: number): AlertChange {
  return {
    type: 'update',
    expectedVersion,
    alert: {
      ...alert,
      status: 'open',
      updatedAt: at,
      history: [...alert.history, { at, change: 'released', level: alert.level, summary: alert.summary, ...messageOf(alert) }],
      version: alert.version + 1,
    },
  };
}

/**
 * The alert writes adjusted for the department's feed: with a stale feed, new time-driven signals
 * are raised as held and time-driven escalations wait; with a current feed, held signals are
 * released.
 */
export function applyFeedHold(changes: readonly AlertChange[], stored: readonly Alert[], feed: FeedState, at: string): AlertChange[] {
  const previous = new Map(stored.map((alert) => [alert.ruleId, alert]));
  if (feed.stale) {
    return changes.flatMap((change): AlertChange[] => {
      if (change.type === 'raise') return [timeDriven(change.alert) ? { type: 'raise', alert: held(change.alert, feed) } : change];
      const before = previous.get(change.alert.ruleId);
      const worse = before !== undefined && alertLevelRank[change.alert.level] > alertLevelRank[before.level];
      return worse && timeDriven(change.alert) ? [] : [change];
    });
  }
  const byRule = new Map(changes.map((change) => [change.alert.ruleId, change]));
  for (const alert of [...stored, ...changes.map((c) => c.alert)]) {
    const current = byRule.get(alert.ruleId)?.alert ?? previous.get(alert.ruleId);
    if (current?.status !== 'held') continue;
    const earlier = byRule.get(alert.ruleId);
    const expectedVersion = earlier?.type === 'update' ? earlier.expectedVersion : current.version;
    const next = released(current, at, expectedVersion);
    byRule.set(alert.ruleId, earlier?.type === 'raise' ? { type: 'raise', alert: next.alert } : next);
  }
  return [...byRule.values()];
}

/** While anything is held, look again soon: the feed may have caught up. */
export const heldRecheckMs = 60 * 60 * 1000;
