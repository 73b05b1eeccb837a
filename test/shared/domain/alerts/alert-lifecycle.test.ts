import { describe, expect, it } from 'vitest';
import type { Alert } from '#shared/domain/alerts/alert.ts';
import { anAlert } from './alert-mother.ts';
import { AlertActionNotAllowed, AlertActionNotYours, applyAlertAction, type AlertAction } from '#shared/domain/alerts/alert-lifecycle.ts';

const department = { side: 'department' as const, id: 'departmentLiaison:l-1' };
const supervisor = { side: 'supervisor' as const, id: 'districtSupervisor:s-1' };
const at = '2025-09-17T02:00:00.000Z';

describe('the alert lifecycle', () => {
  it('lets the department acknowledge, respond, and the supervisor close, recording who did what', () => {
    const acknowledged = applyAlertAction(anAlert(), { action: 'acknowledge' }, department, at);
    const responded = applyAlertAction(
      acknowledged,
      { action: 'respond', response: 'corrected', note: 'Decision issued', evidence: ['决定书 2025-118'] },
      department,
      at,
    );
    const closed = applyAlertAction(responded, { action: 'close', note: 'Correction verified' }, supervisor, at);

    expect([acknowledged.status, responded.status, closed.status]).toEqual(['acknowledged', 'responded', 'closed']);
    expect(closed.version).toBe(4);
    expect(closed.history.slice(1).map((h) => [h.change, h.actor])).toEqual([
      ['acknowledged', department.id],
      ['responded', department.id],
      ['closed', supervisor.id],
    ]);
    expect(closed.history[2]?.note).toBe('corrected: Decision issued [evidence: 决定书 2025-118]');
  });

  it('closes a signal whose dispute is upheld, and sends back one whose dispute is rejected', () => {
    const disputed = applyAlertAction(anAlert(), { action: 'dispute', note: 'Suspension for expert review not counted' }, department, at);
    expect(applyAlertAction(disputed, { action: 'ruleOnDispute', ruling: 'upheld', note: 'Agreed' }, supervisor, at).status).toBe('closed');
    expect(applyAlertAction(disputed, { action: 'ruleOnDispute', ruling: 'rejected', note: 'No record of it' }, supervisor, at).status).toBe('acknowledged');
  });

  it.each<[string, AlertAction, 'department' | 'supervisor']>([
    ['a department closing its own signal', { action: 'close', note: 'done' }, 'department'],
    ['a supervisor acknowledging for the department', { action: 'acknowledge' }, 'supervisor'],
    ['a department ruling on its own dispute', { action: 'ruleOnDispute', ruling: 'upheld', note: 'x' }, 'department'],
  ])('refuses %s', (_label, action, side) => {
    expect(() =>
      applyAlertAction(
        anAlert({ status: action.action === 'ruleOnDispute' ? 'disputed' : 'open' }),
        action,
        side === 'department' ? department : supervisor,
        at,
      ),
    ).toThrow(AlertActionNotYours);
  });

  it.each<[Alert['status'], AlertAction, 'department' | 'supervisor']>([
    ['closed', { action: 'acknowledge' }, 'department'],
    ['resolved', { action: 'respond', response: 'explained', note: 'x' }, 'department'],
    ['responded', { action: 'dispute', note: 'x' }, 'department'],
    ['open', { action: 'ruleOnDispute', ruling: 'rejected', note: 'x' }, 'supervisor'],
    ['resolved', { action: 'close', note: 'x' }, 'supervisor'],
  ])('refuses an action out of order (status %s)', (status, action, side) => {
    const attempt = () => applyAlertAction(anAlert({ status }), action, side === 'department' ? department : supervisor, at);
    expect(attempt).toThrow(AlertActionNotAllowed);
  });

  it('names the status and the action in Chinese words when it refuses, and in English ones in English', () => {
    const attempt = () => applyAlertAction(anAlert({ status: 'closed' }), { action: 'acknowledge' }, department, at);

    expect(attempt).toThrow(
      expect.objectContaining({
        title: { zh: '预警处于“已办结”状态，不能签收', en: 'Cannot acknowledge an alert that is closed' },
        detail: { zh: '预警处于以下状态时可以签收：待签收。', en: 'Possible while the alert is: open.' },
      }),
    );
  });
});
