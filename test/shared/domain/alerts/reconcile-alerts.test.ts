import { describe, expect, it } from 'vitest';
import type { Alert, Finding } from '#shared/domain/alerts/alert.ts';
import { reconcileAlerts, type AlertChange, type AlertSubject } from '#shared/domain/alerts/reconcile-alerts.ts';

const subject: AlertSubject = {
  department: 'market-regulation',
  jurisdiction: 'haishu',
  caseId: 'LIC-2025-000123',
  kind: 'licensing',
  matterCode: 'SC-FOOD-001',
};

const aFinding = (overrides: Partial<Finding> = {}): Finding => ({
  ruleId: 'licensing.decision-time-limit',
  ruleVersion: 1,
  level: 'prompt',
  legalBasis: '《中华人民共和国行政许可法》第四十二条',
  summary: 'Promised time limit for the decision (2025-10-13) is approaching.',
  deadline: '2025-10-13T15:59:59.999Z',
  ...overrides,
});

/** Applies changes the way a store would, for multi-step scenarios. */
const applied = (existing: readonly Alert[], changes: readonly AlertChange[]): Alert[] => {
  const byRule = new Map(existing.map((alert) => [alert.ruleId, alert]));
  for (const change of changes) byRule.set(change.alert.ruleId, change.alert);
  return [...byRule.values()];
};

const raise = (finding: Finding, at = '2025-10-09T01:00:00.000Z'): Alert[] => applied([], reconcileAlerts({ subject, existing: [], findings: [finding], at }));

describe('reconciling alerts with findings', () => {
  it('raises an open alert, version 1, for a finding without an alert', () => {
    // Prepare
    const finding = aFinding();

    // Act
    const changes = reconcileAlerts({ subject, existing: [], findings: [finding], at: '2025-10-09T01:00:00.000Z' });

    // Assess
    expect(changes).toEqual([
      {
        type: 'raise',
        alert: {
          ...subject,
          ruleId: 'licensing.decision-time-limit',
          ruleVersion: 1,
          level: 'prompt',
          findingLevel: 'prompt',
          levelSince: '2025-10-09T01:00:00.000Z',
          status: 'open',
          legalBasis: '《中华人民共和国行政许可法》第四十二条',
          summary: 'Promised time limit for the decision (2025-10-13) is approaching.',
          deadline: '2025-10-13T15:59:59.999Z',
          raisedAt: '2025-10-09T01:00:00.000Z',
          updatedAt: '2025-10-09T01:00:00.000Z',
          history: [
            {
              at: '2025-10-09T01:00:00.000Z',
              change: 'raised',
              level: 'prompt',
              summary: 'Promised time limit for the decision (2025-10-13) is approaching.',
            },
          ],
          version: 1,
        },
      },
    ]);
  });

  it('changes nothing when the same finding is reconciled again', () => {
    // Prepare
    const finding = aFinding();
    const existing = raise(finding);

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [finding], at: '2025-10-10T01:00:00.000Z' });

    // Assess
    expect(changes).toEqual([]);
  });

  it('escalates an open prompt to a warning and bumps its version', () => {
    // Prepare
    const existing = raise(aFinding());
    const warning = aFinding({ level: 'warning', summary: 'Decision not made by the promised time limit of 2025-10-13.' });

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [warning], at: '2025-10-13T16:00:00.000Z' });

    // Assess
    expect(changes).toHaveLength(1);
    const [change] = changes;
    expect(change).toMatchObject({ type: 'update', expectedVersion: 1, alert: { level: 'warning', status: 'open', version: 2 } });
    expect(change?.alert.history.map((entry) => entry.change)).toEqual(['raised', 'escalated']);
    expect(change?.alert.raisedAt).toBe('2025-10-09T01:00:00.000Z');
    expect(change?.alert.updatedAt).toBe('2025-10-13T16:00:00.000Z');
  });

  it('revises the level down when late data shows the case in better standing', () => {
    // Prepare
    const existing = raise(aFinding({ level: 'correction', summary: 'Decision not made by the statutory time limit of 2025-10-27.' }));

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [aFinding({ level: 'warning' })], at: '2025-10-28T02:00:00.000Z' });

    // Assess
    expect(changes[0]?.alert.level).toBe('warning');
    expect(changes[0]?.alert.version).toBe(2);
    expect(changes[0]?.alert.history.at(-1)).toMatchObject({ change: 'deescalated', level: 'warning' });
  });

  it('revises an alert of the same level whose deadline moved', () => {
    // Prepare
    const existing = raise(aFinding());
    const extended = aFinding({ summary: 'Promised time limit for the decision (2025-10-20) is approaching.', deadline: '2025-10-20T15:59:59.999Z' });

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [extended], at: '2025-10-14T02:00:00.000Z' });

    // Assess
    expect(changes[0]?.alert).toMatchObject({ level: 'prompt', deadline: '2025-10-20T15:59:59.999Z', version: 2 });
    expect(changes[0]?.alert.history.at(-1)?.change).toBe('revised');
  });

  it('resolves an open alert whose finding is gone', () => {
    // Prepare
    const existing = raise(aFinding());

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [], at: '2025-10-10T08:00:00.000Z' });

    // Assess
    expect(changes).toEqual([
      {
        type: 'update',
        expectedVersion: 1,
        alert: expect.objectContaining({ status: 'resolved', resolvedAt: '2025-10-10T08:00:00.000Z', level: 'prompt', version: 2 }),
      },
    ]);
    expect(changes[0]?.alert.history.map((entry) => entry.change)).toEqual(['raised', 'resolved']);
  });

  it('leaves a resolved alert alone while there is no finding', () => {
    // Prepare
    const open = raise(aFinding());
    const existing = applied(open, reconcileAlerts({ subject, existing: open, findings: [], at: '2025-10-10T08:00:00.000Z' }));

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [], at: '2025-10-11T08:00:00.000Z' });

    // Assess
    expect(changes).toEqual([]);
  });

  it('reopens a resolved alert when its finding returns', () => {
    // Prepare
    const open = raise(aFinding());
    const resolved = applied(open, reconcileAlerts({ subject, existing: open, findings: [], at: '2025-10-10T08:00:00.000Z' }));

    // Act
    const changes = reconcileAlerts({ subject, existing: resolved, findings: [aFinding({ level: 'warning' })], at: '2025-10-14T08:00:00.000Z' });

    // Assess
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'update', expectedVersion: 2, alert: { status: 'open', level: 'warning', version: 3 } });
    expect(changes[0]?.alert).not.toHaveProperty('resolvedAt');
    expect(changes[0]?.alert.history.map((entry) => entry.change)).toEqual(['raised', 'resolved', 'reopened']);
  });

  it('keeps one alert per rule and handles each rule on its own, in rule order', () => {
    // Prepare
    const existing = raise(aFinding());
    const procedure = aFinding({
      ruleId: 'licensing.procedure-order',
      level: 'correction',
      summary: 'Case decided without prior acceptance.',
      deadline: undefined,
    });

    // Act
    const changes = reconcileAlerts({ subject, existing, findings: [procedure], at: '2025-10-10T08:00:00.000Z' });

    // Assess
    expect(changes.map((change) => [change.type, change.alert.ruleId, change.alert.status])).toEqual([
      ['update', 'licensing.decision-time-limit', 'resolved'],
      ['raise', 'licensing.procedure-order', 'open'],
    ]);
    expect(changes[1]?.alert).not.toHaveProperty('deadline');
  });

  it('raises only the strongest of several findings for one rule', () => {
    // Act
    const changes = reconcileAlerts({
      subject,
      existing: [],
      findings: [aFinding({ level: 'prompt' }), aFinding({ level: 'correction' }), aFinding({ level: 'warning' })],
      at: '2025-10-10T08:00:00.000Z',
    });

    // Assess
    expect(changes.map((change) => change.alert.level)).toEqual(['correction']);
  });

  it('settles after one pass over any sequence of findings', () => {
    // Prepare
    const rounds: Finding[][] = [[aFinding()], [aFinding({ level: 'warning' })], [], [aFinding({ level: 'correction' })], [aFinding()]];
    let existing: Alert[] = [];

    for (const [index, findings] of rounds.entries()) {
      // Act
      const at = `2025-10-${String(10 + index).padStart(2, '0')}T08:00:00.000Z`;
      existing = applied(existing, reconcileAlerts({ subject, existing, findings, at }));

      // Assess
      expect(reconcileAlerts({ subject, existing, findings, at: '2025-12-01T00:00:00.000Z' })).toEqual([]);
    }
    expect(existing[0]?.version).toBe(5);
  });
});

describe('reconciling alerts that people have acted on', () => {
  const at = '2025-10-20T01:00:00.000Z';
  const withStatus = (status: Alert['status'], level: Finding['level'] = 'warning'): Alert[] =>
    raise(aFinding({ level })).map((a) => ({ ...a, status, version: 3 }));

  it.each<Alert['status']>(['acknowledged', 'responded', 'disputed'])('resolves a %s alert when its condition clears', (status) => {
    const [change] = reconcileAlerts({ subject, existing: withStatus(status), findings: [], at });
    expect(change?.alert).toMatchObject({ status: 'resolved', version: 4 });
  });

  it('leaves a closed alert alone while the condition holds at the same level, or clears', () => {
    expect(reconcileAlerts({ subject, existing: withStatus('closed'), findings: [aFinding({ level: 'warning' })], at })).toEqual([]);
    expect(reconcileAlerts({ subject, existing: withStatus('closed'), findings: [], at })).toEqual([]);
  });

  it('reopens a closed alert when the condition grows worse', () => {
    const [change] = reconcileAlerts({ subject, existing: withStatus('closed'), findings: [aFinding({ level: 'correction' })], at });
    expect(change?.alert).toMatchObject({ status: 'open', level: 'correction' });
    expect(change?.alert.history.at(-1)?.change).toBe('escalated');
  });

  it('asks for attention again when an acknowledged alert escalates, but keeps the status on a revision', () => {
    const [escalated] = reconcileAlerts({ subject, existing: withStatus('acknowledged'), findings: [aFinding({ level: 'correction' })], at });
    expect(escalated?.alert.status).toBe('open');
    const [revised] = reconcileAlerts({
      subject,
      existing: withStatus('responded'),
      findings: [aFinding({ level: 'warning', deadline: '2025-10-27T15:59:59.999Z' })],
      at,
    });
    expect(revised?.alert).toMatchObject({ status: 'responded', deadline: '2025-10-27T15:59:59.999Z' });
  });
});

describe('withdrawing signals that late data shows were wrong', () => {
  it('withdraws rather than resolves when a record that happened before the alert clears it', () => {
    const [alert] = raise(aFinding(), '2025-10-09T01:00:00.000Z');
    const [change] = reconcileAlerts({
      subject,
      existing: [alert as Alert],
      findings: [],
      at: '2025-10-10T01:00:00.000Z',
      newRecords: [{ sequence: 4, occurredAt: '2025-10-08T08:00:00+08:00' }],
    });
    expect(change?.alert.status).toBe('withdrawn');
    expect(change?.alert.history.at(-1)).toMatchObject({ change: 'withdrawn' });
    expect(change?.alert.history.at(-1)?.summary).toContain('record 4');
  });

  it('resolves a signal awaiting a record when that record arrives, however early its act: the arrival is the correction asked for', () => {
    const [alert] = raise(aFinding(), '2025-10-09T01:00:00.000Z');
    const [change] = reconcileAlerts({
      subject,
      existing: [alert as Alert],
      findings: [],
      at: '2025-10-10T01:00:00.000Z',
      newRecords: [{ sequence: 1, occurredAt: '2025-10-08T08:00:00+08:00' }],
      awaitingRecords: [(alert as Alert).ruleId],
    });
    expect(change?.alert).toMatchObject({ status: 'resolved', resolvedAt: '2025-10-10T01:00:00.000Z' });
  });

  it('resolves when the clearing record happened after the alert was raised', () => {
    const [alert] = raise(aFinding(), '2025-10-09T01:00:00.000Z');
    const [change] = reconcileAlerts({
      subject,
      existing: [alert as Alert],
      findings: [],
      at: '2025-10-10T01:00:00.000Z',
      newRecords: [{ sequence: 4, occurredAt: '2025-10-09T16:00:00+08:00' }],
    });
    expect(change?.alert.status).toBe('resolved');
  });
});

describe('naming the responsible official (经办人)', () => {
  const zhangs = { ...subject, officialStaffId: 'HS-0231' };
  const lis = { ...subject, officialStaffId: 'HS-0456' };

  it("raises a signal naming the staff id of the case's official", () => {
    const [change] = reconcileAlerts({ subject: zhangs, existing: [], findings: [aFinding()], at: '2025-10-09T01:00:00.000Z' });
    expect(change?.alert.officialStaffId).toBe('HS-0231');
  });

  it('raises a signal naming nobody when the case names nobody', () => {
    const [alert] = raise(aFinding());
    expect(alert).not.toHaveProperty('officialStaffId');
  });

  it('names the official who has the case now when the signal is restated, and keeps the one it named when it resolves', () => {
    const [raised] = reconcileAlerts({ subject: zhangs, existing: [], findings: [aFinding()], at: '2025-10-09T01:00:00.000Z' });
    const [escalated] = reconcileAlerts({
      subject: lis,
      existing: [raised?.alert as Alert],
      findings: [aFinding({ level: 'warning' })],
      at: '2025-10-14T01:00:00.000Z',
    });
    const [resolved] = reconcileAlerts({ subject: zhangs, existing: [escalated?.alert as Alert], findings: [], at: '2025-10-15T01:00:00.000Z' });

    expect(escalated?.alert.officialStaffId).toBe('HS-0456');
    expect(resolved?.alert).toMatchObject({ status: 'resolved', officialStaffId: 'HS-0456' });
  });

  it('names the new official on a signal still active when the case changes hands, without a history entry, and settles', () => {
    const [raised] = reconcileAlerts({ subject: zhangs, existing: [], findings: [aFinding()], at: '2025-10-09T01:00:00.000Z' });
    const changes = reconcileAlerts({ subject: lis, existing: [raised?.alert as Alert], findings: [aFinding()], at: '2025-10-10T01:00:00.000Z' });

    expect(changes).toEqual([
      { type: 'update', expectedVersion: 1, alert: { ...raised?.alert, officialStaffId: 'HS-0456', updatedAt: '2025-10-10T01:00:00.000Z', version: 2 } },
    ]);
    expect(reconcileAlerts({ subject: lis, existing: [changes[0]?.alert as Alert], findings: [aFinding()], at: '2025-10-11T01:00:00.000Z' })).toEqual([]);
  });

  it('keeps the official a closed signal named, and names nobody anew when the case names nobody', () => {
    const [raised] = reconcileAlerts({ subject: zhangs, existing: [], findings: [aFinding()], at: '2025-10-09T01:00:00.000Z' });
    const closed: Alert = { ...(raised?.alert as Alert), status: 'closed' };

    expect(reconcileAlerts({ subject: lis, existing: [closed], findings: [aFinding()], at: '2025-10-10T01:00:00.000Z' })).toEqual([]);
    expect(reconcileAlerts({ subject, existing: [raised?.alert as Alert], findings: [aFinding()], at: '2025-10-10T01:00:00.000Z' })).toEqual([]);
  });
});
