/**
 * Supervision cases through their use cases, against DynamoDB Local: opening on the supervisor's
 * initiative, reports by the responsible department, extension and closure, each under optimistic
 * concurrency and scoped to the caller.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeSupervisionCase } from '#shared/application/supervision/close-supervision-case.ts';
import { extendSupervisionCase } from '#shared/application/supervision/extend-supervision-case.ts';
import { listSupervisionCases } from '#shared/application/supervision/list-supervision-cases.ts';
import { openSupervisionCase } from '#shared/application/supervision/open-supervision-case.ts';
import { readSupervisionCase } from '#shared/application/supervision/read-supervision-case.ts';
import { reportSupervisionProgress } from '#shared/application/supervision/report-supervision-progress.ts';
import { DepartmentOutsideJurisdiction, JurisdictionNotFound, SupervisionCaseNotFound } from '#shared/domain/access-refusals.ts';
import { SupervisionVersionChanged } from '#shared/application/store-refusals.ts';
import { SupervisionActionNotAllowed } from '#shared/application/supervision/supervision-dependencies.ts';
import { DeadlineOutOfRange, RequiredForStep } from '#shared/domain/refusal.ts';
import { aCaseInput, evidence, principals, supervisionWorld, type SupervisionWorld } from './supervision-world.ts';

let world: SupervisionWorld;
const { housingLiaison, marketLiaison, haishuSupervisor, yinzhouSupervisor, citySupervisor } = principals;

beforeAll(async () => {
  world = await supervisionWorld('2025-09-15T02:00:00.000Z');
});

beforeEach(() => {
  world.setNow('2025-09-15T02:00:00.000Z');
});

describe("opening a case on the supervisor's initiative", () => {
  it('opens a case for a department of the district with its deadline timers', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    expect(opened.caseNumber).toMatch(/^DB20250915[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(opened).toMatchObject({ stage: 'open', version: 1, jurisdiction: 'haishu', origin: { kind: 'initiative' }, deadline: { date: '2025-09-26' } });
    expect(opened.timers.map((t) => t.timer)).toEqual(['deadlinePrompt', 'deadlineWarning']);
    const audit = await world.auditEntries('2025-09-15');
    expect(audit.at(-1)).toMatchObject({
      action: 'supervision.case.open',
      outcome: 'allowed',
      actor: 'districtSupervisor:supervisor-1',
      target: `supervisionCase:${opened.caseNumber}`,
    });
  });

  it("makes the alert's department responsible for a case opened from its alert", async () => {
    const alert = { department: 'haishu-market-regulation', kind: 'licensing', caseId: 'HS-M-1', ruleId: 'licensing.decision-time-limit' };
    const { responsibleDepartment: _omitted, ...withoutDepartment } = aCaseInput;

    const opened = await openSupervisionCase(haishuSupervisor, { ...withoutDepartment, origin: 'alert', alert }, world.deps);

    expect(opened).toMatchObject({ responsibleDepartment: 'haishu-market-regulation', origin: { kind: 'alert' }, links: { alert } });
  });

  it('links a complaint and requires a responsible department for it', async () => {
    const { responsibleDepartment: _omitted, ...withoutDepartment } = aCaseInput;
    await expect(
      openSupervisionCase(haishuSupervisor, { ...withoutDepartment, origin: 'complaint', complaint: 'TS20250910K7M2Q9XA' }, world.deps),
    ).rejects.toBeInstanceOf(RequiredForStep);
    const opened = await openSupervisionCase(haishuSupervisor, { ...aCaseInput, origin: 'complaint', complaint: 'TS20250910K7M2Q9XA' }, world.deps);
    expect(opened.links).toEqual({ complaint: 'TS20250910K7M2Q9XA' });
  });

  it('refuses, and audits, a department or an alert of another district', async () => {
    await expect(openSupervisionCase(yinzhouSupervisor, aCaseInput, world.deps)).rejects.toBeInstanceOf(DepartmentOutsideJurisdiction);
    const alert = { department: 'yinzhou-market-regulation', kind: 'licensing', caseId: 'YZ-1', ruleId: 'licensing.decision-time-limit' };
    await expect(openSupervisionCase(haishuSupervisor, { ...aCaseInput, origin: 'alert', alert }, world.deps)).rejects.toBeInstanceOf(
      DepartmentOutsideJurisdiction,
    );
    expect((await world.auditEntries('2025-09-15')).at(-1)).toMatchObject({
      outcome: 'denied',
      reason: 'department outside jurisdiction',
      target: 'department:yinzhou-market-regulation',
    });
  });

  it('lets the city supervisor open a case for any department, and refuses a deadline in the past', async () => {
    expect((await openSupervisionCase(citySupervisor, { ...aCaseInput, responsibleDepartment: 'yinzhou-natural-resources' }, world.deps)).jurisdiction).toBe(
      'yinzhou',
    );
    await expect(openSupervisionCase(citySupervisor, { ...aCaseInput, deadline: '2025-09-14' }, world.deps)).rejects.toBeInstanceOf(DeadlineOutOfRange);
  });
});

describe('working a case through', () => {
  it('takes a case from open through a completion report to closed, recording every step', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    world.setNow('2025-09-18T02:00:00.000Z');
    await reportSupervisionProgress(housingLiaison, opened.caseNumber, { expectedVersion: 1, report: 'progress', summary: '已召开协调会' }, world.deps);
    await reportSupervisionProgress(housingLiaison, opened.caseNumber, { expectedVersion: 2, report: 'completion', summary: '整改完成', evidence }, world.deps);
    const closed = await closeSupervisionCase(haishuSupervisor, opened.caseNumber, { action: 'close', expectedVersion: 3 }, world.deps);

    expect(closed).toMatchObject({ stage: 'closed', version: 4, timers: [], closure: { afterCompletionReport: true } });
    const detail = await readSupervisionCase(housingLiaison, opened.caseNumber, world.deps);
    expect(detail.timeline.map((s) => [s.sequence, s.action, s.actor])).toEqual([
      [1, 'caseOpened', 'districtSupervisor:supervisor-1'],
      [2, 'progressReported', 'departmentLiaison:liaison-1'],
      [3, 'completionReported', 'departmentLiaison:liaison-1'],
      [4, 'caseClosed', 'districtSupervisor:supervisor-1'],
    ]);
    expect(detail.timeline[2]?.details).toMatchObject({ evidence, withinDeadline: true });
  });

  it("answers another department's liaison and another district's supervisor with 404", async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    await expect(readSupervisionCase(marketLiaison, opened.caseNumber, world.deps)).rejects.toBeInstanceOf(SupervisionCaseNotFound);
    await expect(readSupervisionCase(yinzhouSupervisor, opened.caseNumber, world.deps)).rejects.toBeInstanceOf(SupervisionCaseNotFound);
    await expect(
      reportSupervisionProgress(marketLiaison, opened.caseNumber, { expectedVersion: 1, report: 'progress', summary: 'x' }, world.deps),
    ).rejects.toBeInstanceOf(SupervisionCaseNotFound);
    await expect(
      extendSupervisionCase(yinzhouSupervisor, opened.caseNumber, { expectedVersion: 1, deadline: '2025-10-17', reasons: 'x' }, world.deps),
    ).rejects.toBeInstanceOf(SupervisionCaseNotFound);
    await expect(
      closeSupervisionCase(yinzhouSupervisor, opened.caseNumber, { action: 'close', expectedVersion: 1, reasons: 'x' }, world.deps),
    ).rejects.toBeInstanceOf(SupervisionCaseNotFound);
    expect((await readSupervisionCase(citySupervisor, opened.caseNumber, world.deps)).case.version).toBe(1);
    await expect(readSupervisionCase(housingLiaison, 'DB20250915ZZZZZZ', world.deps)).rejects.toBeInstanceOf(SupervisionCaseNotFound);
  });

  it('refuses a stale version with 409 and leaves the case as it was', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    await reportSupervisionProgress(housingLiaison, opened.caseNumber, { expectedVersion: 1, report: 'progress', summary: '进展' }, world.deps);

    await expect(
      extendSupervisionCase(haishuSupervisor, opened.caseNumber, { expectedVersion: 1, deadline: '2025-10-17', reasons: '延期' }, world.deps),
    ).rejects.toBeInstanceOf(SupervisionVersionChanged);

    expect(await world.repository.supervisionCase(opened.caseNumber)).toMatchObject({ version: 2, deadline: { date: '2025-09-26' }, extensions: 0 });
    expect(await world.repository.timeline(opened.caseNumber)).toHaveLength(2);
  });

  it('lets exactly one of two concurrent updates win', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    const results = await Promise.allSettled([
      extendSupervisionCase(haishuSupervisor, opened.caseNumber, { expectedVersion: 1, deadline: '2025-10-17', reasons: '延期一' }, world.deps),
      reportSupervisionProgress(housingLiaison, opened.caseNumber, { expectedVersion: 1, report: 'completion', summary: '完成', evidence }, world.deps),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(SupervisionVersionChanged) });
    expect(await world.repository.timeline(opened.caseNumber)).toHaveLength(2);
  });

  it('closes a case without a completion report only with reasons', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);

    await expect(closeSupervisionCase(haishuSupervisor, opened.caseNumber, { action: 'close', expectedVersion: 1 }, world.deps)).rejects.toBeInstanceOf(
      RequiredForStep,
    );
    const closed = await closeSupervisionCase(
      haishuSupervisor,
      opened.caseNumber,
      { action: 'close', expectedVersion: 1, reasons: '事项已另案处理' },
      world.deps,
    );

    expect(closed.closure).toMatchObject({ afterCompletionReport: false, reasons: '事项已另案处理' });
    await expect(
      closeSupervisionCase(haishuSupervisor, opened.caseNumber, { action: 'close', expectedVersion: 2, reasons: 'again' }, world.deps),
    ).rejects.toBeInstanceOf(SupervisionActionNotAllowed);
  });

  it('sends an insufficient completion report back to the department', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    await reportSupervisionProgress(housingLiaison, opened.caseNumber, { expectedVersion: 1, report: 'completion', summary: '完成', evidence }, world.deps);

    const sentBack = await closeSupervisionCase(
      haishuSupervisor,
      opened.caseNumber,
      { action: 'sendBack', expectedVersion: 2, reasons: '缺少验收材料' },
      world.deps,
    );

    expect(sentBack).toMatchObject({ stage: 'open', version: 3, completionReportedAt: null });
    expect(sentBack.timers.map((t) => t.timer)).toEqual(['deadlinePrompt', 'deadlineWarning']);
  });

  it('extends the deadline with reasons, moving the timers, and refuses an earlier one', async () => {
    const opened = await openSupervisionCase(haishuSupervisor, aCaseInput, world.deps);
    world.setNow('2025-09-20T02:00:00.000Z');

    await expect(
      extendSupervisionCase(haishuSupervisor, opened.caseNumber, { expectedVersion: 1, deadline: '2025-09-25', reasons: '提前' }, world.deps),
    ).rejects.toBeInstanceOf(DeadlineOutOfRange);
    const extended = await extendSupervisionCase(
      haishuSupervisor,
      opened.caseNumber,
      { expectedVersion: 1, deadline: '2025-10-17', reasons: '需等待规划论证' },
      world.deps,
    );

    expect(extended).toMatchObject({ deadline: { date: '2025-10-17' }, originalDeadline: '2025-09-26', extensions: 1 });
    expect(extended.timers.map((t) => t.dueAt)).toEqual(['2025-10-14T16:00:00.000Z', '2025-10-17T16:00:00.000Z']);
  });
});

describe('case queues', () => {
  let queues: SupervisionWorld;

  beforeAll(async () => {
    queues = await supervisionWorld('2025-09-15T02:00:00.000Z');
  });

  it('orders each queue by deadline, scoped to the caller, with closed cases apart', async () => {
    const late = await openSupervisionCase(haishuSupervisor, { ...aCaseInput, deadline: '2025-10-31' }, queues.deps);
    const soon = await openSupervisionCase(
      haishuSupervisor,
      { ...aCaseInput, responsibleDepartment: 'haishu-market-regulation', deadline: '2025-09-19' },
      queues.deps,
    );
    const yinzhou = await openSupervisionCase(
      citySupervisor,
      { ...aCaseInput, responsibleDepartment: 'yinzhou-market-regulation', deadline: '2025-09-30' },
      queues.deps,
    );
    const closed = await openSupervisionCase(haishuSupervisor, { ...aCaseInput, deadline: '2025-09-17' }, queues.deps);
    await closeSupervisionCase(haishuSupervisor, closed.caseNumber, { action: 'close', expectedVersion: 1, reasons: '撤销' }, queues.deps);

    const numbers = async (principal: Parameters<typeof listSupervisionCases>[0], query = {}) =>
      (await listSupervisionCases(principal, query, queues.deps)).items.map((c) => c.caseNumber);

    expect(await numbers(haishuSupervisor)).toEqual([soon.caseNumber, late.caseNumber]);
    expect(await numbers(citySupervisor)).toEqual([soon.caseNumber, yinzhou.caseNumber, late.caseNumber]);
    expect(await numbers(citySupervisor, { jurisdiction: 'yinzhou' })).toEqual([yinzhou.caseNumber]);
    expect(await numbers(housingLiaison)).toEqual([late.caseNumber]);
    expect(await numbers(marketLiaison)).toEqual([soon.caseNumber]);
    expect(await numbers(haishuSupervisor, { state: 'closed' })).toEqual([closed.caseNumber]);
    expect(await numbers(housingLiaison, { state: 'closed' })).toEqual([closed.caseNumber]);
    await expect(listSupervisionCases(haishuSupervisor, { jurisdiction: 'yinzhou' }, queues.deps)).rejects.toBeInstanceOf(JurisdictionNotFound);
  });
});
