/**
 * Signals grouped by the responsible official (经办人) they name (Art. 18, 24): how many prompts,
 * warnings and corrections each official's cases drew. Counted as the department's statistics
 * count signals: by the level shown, withdrawn signals (late data showed them wrong) left out.
 */
import type { Alert, AlertLevel } from '../alerts/alert.ts';

export interface SignalCounts {
  readonly prompt: number;
  readonly warning: number;
  readonly correction: number;
  readonly total: number;
}

export interface OfficialSignals {
  /** Per official by staff id, most signals first (then by staff id). */
  readonly officials: readonly { readonly staffId: string; readonly signals: SignalCounts }[];
  /** Signals naming no official. */
  readonly unnamed: SignalCounts;
  readonly total: SignalCounts;
}

type Tally = Record<AlertLevel | 'total', number>;

const emptyTally = (): Tally => ({ prompt: 0, warning: 0, correction: 0, total: 0 });

/** The signals of `alerts` per official they name. */
export function signalsByOfficial(alerts: readonly Pick<Alert, 'level' | 'status' | 'officialStaffId'>[]): OfficialSignals {
  const byOfficial = new Map<string, Tally>();
  const unnamed = emptyTally();
  const total = emptyTally();
  for (const alert of alerts) {
    if (alert.status === 'withdrawn') continue;
    const tallies = [total];
    if (alert.officialStaffId === undefined) tallies.push(unnamed);
    else {
      let tally = byOfficial.get(alert.officialStaffId);
      if (tally === undefined) byOfficial.set(alert.officialStaffId, (tally = emptyTally()));
      tallies.push(tally);
    }
    for (const tally of tallies) {
      tally[alert.level] += 1;
      tally.total += 1;
    }
  }
  const officials = [...byOfficial.entries()]
    .map(([staffId, signals]) => ({ staffId, signals }))
    .sort((a, b) => b.signals.total - a.signals.total || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
  return { officials, unnamed, total };
}
