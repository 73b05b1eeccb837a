import { describe, expect, it } from 'vitest';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { signalsByOfficial } from '#shared/domain/statistics/official-signals.ts';

type Signal = Pick<Alert, 'level' | 'status' | 'officialStaffId'>;
const signal = (level: Alert['level'], officialStaffId?: string, status: Alert['status'] = 'open'): Signal =>
  officialStaffId === undefined ? { level, status } : { level, status, officialStaffId };
const counts = (prompt: number, warning: number, correction: number) => ({ prompt, warning, correction, total: prompt + warning + correction });

describe('signals per responsible official', () => {
  it('counts each official’s signals by level, most signals first, and those naming nobody apart', () => {
    // Prepare
    const signals = [
      signal('prompt', 'HS-0456'),
      signal('warning', 'HS-0231'),
      signal('correction', 'HS-0231', 'closed'),
      signal('warning', 'HS-0231', 'resolved'),
      signal('correction'),
      signal('prompt', 'HS-0100'),
    ];

    // Act
    const figures = signalsByOfficial(signals);

    // Assess
    expect(figures).toEqual({
      officials: [
        { staffId: 'HS-0231', signals: counts(0, 2, 1) },
        // Ties by staff id.
        { staffId: 'HS-0100', signals: counts(1, 0, 0) },
        { staffId: 'HS-0456', signals: counts(1, 0, 0) },
      ],
      unnamed: counts(0, 0, 1),
      total: counts(2, 2, 2),
    });
  });

  it('leaves out withdrawn signals, as the statistics do', () => {
    expect(signalsByOfficial([signal('warning', 'HS-0231', 'withdrawn'), signal('prompt', 'HS-0231')])).toEqual({
      officials: [{ staffId: 'HS-0231', signals: counts(1, 0, 0) }],
      unnamed: counts(0, 0, 0),
      total: counts(1, 0, 0),
    });
  });

  it('has nothing to count without signals', () => {
    expect(signalsByOfficial([])).toEqual({ officials: [], unnamed: counts(0, 0, 0), total: counts(0, 0, 0) });
  });
});
