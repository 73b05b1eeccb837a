/**
 * Departments requesting supervision and supervisors deciding, against DynamoDB Local: the decision
 * deadline in working days, the requester taken from the caller, scoping, and decisions under
 * optimistic concurrency.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideSupervisionRequest } from '#shared/application/supervision/decide-supervision-request.ts';
import { supervisionTimerFiring } from '#shared/application/supervision/fire-supervision-timers.ts';
import { listSupervisionRequests } from '#shared/application/supervision/list-supervision-requests.ts';
import { requestSupervision } from '#shared/application/supervision/request-supervision.ts';
import {
  DepartmentOutsideJurisdiction,
  JurisdictionNotFound,
  NotYourDepartment,
  SupervisionRequestNotFound,
  UnknownDepartment,
} from '#shared/domain/access-refusals.ts';
import { CursorNotRecognised, SupervisionVersionChanged } from '#shared/application/store-refusals.ts';
import { SupervisionActionNotAllowed } from '#shared/application/supervision/supervision-dependencies.ts';
import { DeadlineOutOfRange } from '#shared/domain/refusal.ts';
import { aRequestInput, principals, supervisionWorld, type SupervisionWorld } from './supervision-world.ts';

let world: SupervisionWorld;
const { housingLiaison, marketLiaison, haishuSupervisor, yinzhouSupervisor, citySupervisor } = principals;
const openCase = { decision: 'openCase' as const, expectedVersion: 1, instructions: '两周内完成联合审查并报送结果。', deadline: '2025-10-24' };

beforeAll(async () => {
  world = await supervisionWorld('2025-09-30T02:00:00.000Z');
});

beforeEach(() => {
  world.setNow('2025-09-30T02:00:00.000Z');
});

describe('requesting supervision', () => {
  it("files the request for the liaison's department with a decision deadline three working days later, across National Day", async () => {
    // 23:30 Shanghai time on Tuesday 30 September, the day before the National Day holiday.
    world.setNow('2025-09-30T15:30:00.000Z');

    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);

    expect(request.requestNumber).toMatch(/^DQ20250930[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(request).toMatchObject({
      requester: 'haishu-housing',
      jurisdiction: 'haishu',
      status: 'pending',
      version: 1,
      filedBy: 'departmentLiaison:liaison-1',
    });
    expect(request.decisionDue).toEqual({ date: '2025-10-11', at: '2025-10-11T15:59:59.999Z', provisional: false });
    expect(await world.repository.request(request.requestNumber)).toEqual(request);
    expect(await world.repository.timeline(request.requestNumber)).toEqual([expect.objectContaining({ sequence: 1, action: 'requestFiled' })]);
  });

  it('refuses, and audits, a body naming another department, storing nothing', async () => {
    const before = await listSupervisionRequests(marketLiaison, {}, world.deps);

    const attempt = requestSupervision(housingLiaison, { ...aRequestInput, department: 'haishu-market-regulation' }, world.deps);

    await expect(attempt).rejects.toBeInstanceOf(NotYourDepartment);
    expect(await listSupervisionRequests(marketLiaison, {}, world.deps)).toEqual(before);
    const audit = await world.auditEntries('2025-09-30');
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'supervision.request.file',
        outcome: 'denied',
        actor: 'departmentLiaison:liaison-1',
        reason: 'names another department',
      }),
    );
  });

  it("refuses a link to another department's alert", async () => {
    const alert = { department: 'yinzhou-market-regulation', kind: 'licensing', caseId: 'C-1', ruleId: 'licensing.decision-time-limit' };
    await expect(requestSupervision(housingLiaison, { ...aRequestInput, links: { alert } }, world.deps)).rejects.toBeInstanceOf(NotYourDepartment);
  });
});

describe('deciding on a request', () => {
  it('opens a case for the requester by default, in one write with the decided request, and cancels the decision timers', async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);
    world.setNow('2025-10-09T02:00:00.000Z');

    const outcome = await decideSupervisionRequest(haishuSupervisor, request.requestNumber, openCase, world.deps);

    expect(outcome.request).toMatchObject({ status: 'caseOpened', version: 2, timers: [], decision: { caseNumber: outcome.case?.caseNumber } });
    expect(outcome.case).toMatchObject({
      responsibleDepartment: 'haishu-housing',
      jurisdiction: 'haishu',
      subject: aRequestInput.subject,
      origin: { kind: 'request', requestNumber: request.requestNumber },
    });
    expect(await world.repository.supervisionCase(outcome.case?.caseNumber ?? '')).toEqual(outcome.case);
    expect(await supervisionTimerFiring(world.deps)(request.requestNumber, new Date('2025-12-31T00:00:00.000Z'))).toEqual({ fired: 0 });
  });

  it('declines with reasons', async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);

    const outcome = await decideSupervisionRequest(
      citySupervisor,
      request.requestNumber,
      { decision: 'decline', expectedVersion: 1, reasons: '属于部门职责范围内的一般事项' },
      world.deps,
    );

    expect(outcome).toEqual({
      request: expect.objectContaining({
        status: 'declined',
        decision: expect.objectContaining({ reasons: '属于部门职责范围内的一般事项', by: 'citySupervisor:supervisor-0' }),
      }),
    });
  });

  it('answers a supervisor of another district as if the request did not exist', async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);
    await expect(decideSupervisionRequest(yinzhouSupervisor, request.requestNumber, openCase, world.deps)).rejects.toBeInstanceOf(SupervisionRequestNotFound);
    expect(await world.repository.request(request.requestNumber)).toMatchObject({ status: 'pending', version: 1 });
  });

  it('refuses a stale version with 409 and a second decision as not allowed', async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);
    await decideSupervisionRequest(haishuSupervisor, request.requestNumber, { decision: 'decline', expectedVersion: 1, reasons: '不予督办' }, world.deps);

    await expect(decideSupervisionRequest(haishuSupervisor, request.requestNumber, openCase, world.deps)).rejects.toBeInstanceOf(SupervisionVersionChanged);
    await expect(decideSupervisionRequest(haishuSupervisor, request.requestNumber, { ...openCase, expectedVersion: 2 }, world.deps)).rejects.toBeInstanceOf(
      SupervisionActionNotAllowed,
    );
  });

  it('lets exactly one of two concurrent decisions win; the loser writes no case', async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);

    const results = await Promise.allSettled([
      decideSupervisionRequest(haishuSupervisor, request.requestNumber, openCase, world.deps),
      decideSupervisionRequest(citySupervisor, request.requestNumber, openCase, world.deps),
    ]);

    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.any(SupervisionVersionChanged)]);
    const cases = await world.repository.caseQueue({ index: 'department', owner: 'haishu-housing', queue: 'supervisionCases', limit: 100 });
    expect(cases.items.filter((c) => c.origin.kind === 'request' && c.origin.requestNumber === request.requestNumber)).toHaveLength(1);
  });

  it('refuses a deadline in the past, or a department outside the district, writing nothing', async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);

    await expect(decideSupervisionRequest(haishuSupervisor, request.requestNumber, { ...openCase, deadline: '2025-09-29' }, world.deps)).rejects.toBeInstanceOf(
      DeadlineOutOfRange,
    );
    await expect(
      decideSupervisionRequest(haishuSupervisor, request.requestNumber, { ...openCase, responsibleDepartment: 'yinzhou-natural-resources' }, world.deps),
    ).rejects.toBeInstanceOf(DepartmentOutsideJurisdiction);
    await expect(
      decideSupervisionRequest(haishuSupervisor, request.requestNumber, { ...openCase, responsibleDepartment: 'no-such-department' }, world.deps),
    ).rejects.toBeInstanceOf(UnknownDepartment);
    expect(await world.repository.request(request.requestNumber)).toMatchObject({ status: 'pending', version: 1 });
  });

  it("warns the district's supervisors when the decision deadline passes undecided, once", async () => {
    const request = await requestSupervision(housingLiaison, aRequestInput, world.deps);
    const fire = supervisionTimerFiring(world.deps);

    const first = await fire(request.requestNumber, new Date('2025-10-12T00:00:00.000Z'));
    const second = await fire(request.requestNumber, new Date('2025-10-12T00:01:00.000Z'));

    expect([first.fired, second.fired]).toEqual([2, 0]);
    // The first run published nothing here: the second hands the same events back (same ids) for publishing, and fires nothing.
    expect(second.events?.map((event) => event.eventId)).toEqual(first.events?.map((event) => event.eventId));
    expect((await world.repository.request(request.requestNumber))?.signals.map((s) => [s.level, s.audience])).toEqual([
      ['prompt', { kind: 'supervisor', jurisdiction: 'haishu' }],
      ['warning', { kind: 'supervisor', jurisdiction: 'haishu' }],
    ]);
  });
});

describe('request queues', () => {
  let queues: SupervisionWorld;

  beforeAll(async () => {
    queues = await supervisionWorld('2025-09-30T02:00:00.000Z');
  });

  it("shows supervisors their jurisdiction's pending requests, soonest decision deadline first, and a liaison its own", async () => {
    queues.setNow('2025-10-09T02:00:00.000Z');
    const later = await requestSupervision(housingLiaison, aRequestInput, queues.deps);
    queues.setNow('2025-09-30T02:00:00.000Z');
    const sooner = await requestSupervision(marketLiaison, aRequestInput, queues.deps);
    const decided = await requestSupervision(housingLiaison, aRequestInput, queues.deps);
    await decideSupervisionRequest(haishuSupervisor, decided.requestNumber, { decision: 'decline', expectedVersion: 1, reasons: '不予督办' }, queues.deps);

    const numbers = async (principal: Parameters<typeof listSupervisionRequests>[0], query = {}) =>
      (await listSupervisionRequests(principal, query, queues.deps)).items.map((r) => r.requestNumber);

    expect(await numbers(haishuSupervisor)).toEqual([sooner.requestNumber, later.requestNumber]);
    expect(await numbers(citySupervisor)).toEqual([sooner.requestNumber, later.requestNumber]);
    expect(await numbers(citySupervisor, { jurisdiction: 'yinzhou' })).toEqual([]);
    expect(await numbers(yinzhouSupervisor)).toEqual([]);
    expect((await numbers(housingLiaison)).sort()).toEqual([decided.requestNumber, later.requestNumber].sort());
    await expect(listSupervisionRequests(yinzhouSupervisor, { jurisdiction: 'haishu' }, queues.deps)).rejects.toBeInstanceOf(JurisdictionNotFound);
    expect(await numbers(principals.auditor)).toEqual([]);
  });

  it('pages with a cursor bound to the listing', async () => {
    const first = await listSupervisionRequests(haishuSupervisor, { limit: 1 }, queues.deps);
    expect(first.items).toHaveLength(1);
    const second = await listSupervisionRequests(haishuSupervisor, { limit: 1, cursor: first.nextCursor }, queues.deps);
    expect(second.items[0]?.requestNumber).not.toBe(first.items[0]?.requestNumber);

    await expect(listSupervisionRequests(housingLiaison, { cursor: first.nextCursor }, queues.deps)).rejects.toBeInstanceOf(CursorNotRecognised);
    await expect(listSupervisionRequests(haishuSupervisor, { cursor: 'bm90LWEtY3Vyc29y' }, queues.deps)).rejects.toBeInstanceOf(CursorNotRecognised);
  });
});
