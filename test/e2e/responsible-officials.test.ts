/**
 * Responsible officials (经办人, Art. 18, 24) end to end through the local runtime: a department
 * names the official on its records; the signals on the case name the official's staff id, can be
 * listed and counted per official within the reader's scope; the official's name stays with the
 * record it came with, read only by those who may read the case, and never reaches the signals,
 * the event bus or the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { monthOfInstant } from '#shared/domain/statistics/statistics-period.ts';
import { bearerGet, signedGet, signedPost } from '../support/local-api-client.ts';
import { e2eOfficials } from '../support/e2e-officials.ts';
import { licensingRecordOf, pushAndProcess } from '../support/licensing-pushes.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let housing: DepartmentCredential;
let supervisor: string;
let liaison: string;
let otherLiaison: string;
let otherSupervisor: string;
const department = 'haishu-housing';
const ruleId = 'licensing.decision-time-limit';
const record = licensingRecordOf(department, 'construction-permit');
const { zhang, li } = e2eOfficials;
/** Shanghai month the signals are raised in: the processing instant's. */
let month: string;

/** A case received on 1 September 2025 and never decided: long past its legal limit, one signal on the decision time limit. */
const overdue = (caseId: string, official?: { staffId: string; name: string }) =>
  record(caseId, 1, 'received', '2025-09-01T09:00:00+08:00', official ? { official } : {});

beforeAll(async () => {
  started = await startTestRuntime('officials');
  runtime = started.runtime;
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  supervisor = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  otherSupervisor = await runtime.mintStaffToken({ subject: 'supervisor-2', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  liaison = await runtime.mintStaffToken({ subject: 'liaison-1', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  otherLiaison = await runtime.mintStaffToken({
    subject: 'liaison-2',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  month = monthOfInstant(new Date().toISOString());
  // Zhang handles two overdue cases, Li one; one case names nobody; one case Zhang received and Li took over.
  await pushAndProcess(runtime, housing, [overdue('ZHANG-1', zhang), overdue('ZHANG-2', zhang), overdue('LI-1', li), overdue('NOBODY-1')]);
  // The hand-over arrives before the record it follows: the later record's official still counts.
  await pushAndProcess(runtime, housing, [record('HANDOVER-1', 2, 'accepted', '2025-09-01T10:00:00+08:00', { official: li })]);
  await pushAndProcess(runtime, housing, [overdue('HANDOVER-1', zhang)]);
});

afterAll(async () => {
  await started?.dispose();
});

const alertPath = (caseId: string) => `/v1/cases/${department}/licensing/${caseId}/alerts/${ruleId}`;
const timelinePath = (caseId: string) => `/v1/cases/${department}/licensing/${caseId}/timeline`;

describe('signals name the responsible official', () => {
  it("names the staff id of the official on the case's latest record, whatever order the records arrived in", async () => {
    const zhangs = await bearerGet(runtime.apiUrl, alertPath('ZHANG-1'), supervisor);
    const handedOver = await bearerGet(runtime.apiUrl, alertPath('HANDOVER-1'), supervisor);
    const nobody = await bearerGet(runtime.apiUrl, alertPath('NOBODY-1'), liaison);

    expect(zhangs.status).toBe(200);
    expect(zhangs.json).toMatchObject({ caseId: 'ZHANG-1', officialStaffId: zhang.staffId });
    expect(handedOver.json).toMatchObject({ caseId: 'HANDOVER-1', officialStaffId: li.staffId });
    expect(nobody.status).toBe(200);
    expect(nobody.json.officialStaffId).toBeUndefined();
    expect(nobody.json.official).toBeUndefined();
  });

  it("lists the signals of one official within the reader's scope, and refuses a malformed staff id", async () => {
    const bySupervisor = await bearerGet(runtime.apiUrl, `/v1/alerts?official=${zhang.staffId}`, supervisor);
    const byLiaison = await bearerGet(runtime.apiUrl, `/v1/alerts?official=${li.staffId}`, liaison);
    const byOtherDepartment = await bearerGet(runtime.apiUrl, `/v1/alerts?official=${zhang.staffId}`, otherLiaison);
    const malformed = await bearerGet(runtime.apiUrl, '/v1/alerts?official=HS%200231', supervisor);

    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.json.items.map((a: { caseId: string }) => a.caseId).sort()).toEqual(['ZHANG-1', 'ZHANG-2']);
    expect(byLiaison.json.items.map((a: { caseId: string }) => a.caseId).sort()).toEqual(['HANDOVER-1', 'LI-1']);
    expect(byOtherDepartment.json.items).toEqual([]);
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].pointer).toBe('/query/official');
  });

  it("counts a department's signals of a period per official, as counted by hand", async () => {
    const reply = await bearerGet(runtime.apiUrl, `/v1/statistics/officials?department=${department}&period=${month}`, supervisor);
    const level = (await bearerGet(runtime.apiUrl, alertPath('ZHANG-1'), supervisor)).json.level as 'prompt' | 'warning' | 'correction';
    const counts = (n: number) => ({ prompt: 0, warning: 0, correction: 0, [level]: n, total: n });

    expect(reply.status).toBe(200);
    // Five overdue cases, one signal each: Zhang two, Li two (one handed over to her), one naming nobody.
    expect(reply.json).toEqual({
      department,
      period: month,
      months: [month],
      officials: [
        { staffId: zhang.staffId, signals: counts(2) },
        { staffId: li.staffId, signals: counts(2) },
      ],
      unnamed: counts(1),
      total: counts(5),
      complete: true,
    });
    // The same month a year earlier had none.
    const earlier = await bearerGet(runtime.apiUrl, `/v1/statistics/officials?department=${department}&period=${Number(month.slice(0, 4)) - 1}`, liaison);
    expect(earlier.json).toMatchObject({ officials: [], total: counts(0) });
  });

  it('answers the per-official figures within scope only, and refuses a malformed query with 400', async () => {
    const otherDepartment = await bearerGet(runtime.apiUrl, `/v1/statistics/officials?department=${department}&period=${month}`, otherLiaison);
    const otherDistrict = await bearerGet(runtime.apiUrl, `/v1/statistics/officials?department=${department}&period=${month}`, otherSupervisor);
    const badPeriod = await bearerGet(runtime.apiUrl, `/v1/statistics/officials?department=${department}&period=2026-13`, supervisor);
    const noDepartment = await bearerGet(runtime.apiUrl, `/v1/statistics/officials?period=${month}`, supervisor);

    expect(otherDepartment.status).toBe(404);
    expect(otherDistrict.status).toBe(404);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.json.errors.map((e: { pointer: string }) => e.pointer)).toContain('/query/period');
    expect(noDepartment.status).toBe(400);
    expect(noDepartment.json.errors.map((e: { pointer: string }) => e.pointer)).toContain('/query/department');
  });
});

describe("the official's name is personal data", () => {
  it("is read with one signal by the department's liaison, its business system and a supervisor in scope, never in a list", async () => {
    const bySupervisor = await bearerGet(runtime.apiUrl, alertPath('HANDOVER-1'), supervisor);
    const byLiaison = await bearerGet(runtime.apiUrl, alertPath('ZHANG-1'), liaison);
    const byDepartment = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts/licensing/ZHANG-1/${ruleId}`, housing);
    const byOtherDepartment = await bearerGet(runtime.apiUrl, alertPath('ZHANG-1'), otherLiaison);
    const byOtherDistrict = await bearerGet(runtime.apiUrl, alertPath('ZHANG-1'), otherSupervisor);
    const listed = await bearerGet(runtime.apiUrl, '/v1/alerts', supervisor);
    const listedForDepartment = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts`, housing);

    expect(bySupervisor.json.official).toEqual(li);
    expect(byLiaison.json.official).toEqual(zhang);
    expect(byDepartment.json.official).toEqual(zhang);
    expect([byOtherDepartment.status, byOtherDistrict.status]).toEqual([404, 404]);
    expect(JSON.stringify(byOtherDepartment.json) + JSON.stringify(byOtherDistrict.json)).not.toContain(zhang.name);
    // Lists name the staff id only.
    expect(listed.json.items.map((a: { officialStaffId?: string }) => a.officialStaffId).sort()).toEqual([
      zhang.staffId,
      zhang.staffId,
      li.staffId,
      li.staffId,
      undefined,
    ]);
    expect(JSON.stringify(listed.json) + JSON.stringify(listedForDepartment.json)).not.toMatch(/张晓明|李静怡/);
  });

  it("is read with the case's records by the department's liaison and a supervisor in scope, never by another department or district", async () => {
    const nameOn = (reply: { json: { events: { record: { official?: { name: string } } }[] } }) => reply.json.events.map((e) => e.record.official?.name);

    const byLiaison = await bearerGet(runtime.apiUrl, timelinePath('ZHANG-1'), liaison);
    const bySupervisor = await bearerGet(runtime.apiUrl, timelinePath('HANDOVER-1'), supervisor);
    const byOtherDepartment = await bearerGet(runtime.apiUrl, timelinePath('ZHANG-1'), otherLiaison);
    const byOtherDistrict = await bearerGet(runtime.apiUrl, timelinePath('ZHANG-1'), otherSupervisor);

    expect(byLiaison.status).toBe(200);
    expect(nameOn(byLiaison)).toEqual([zhang.name]);
    expect(nameOn(bySupervisor)).toEqual([zhang.name, li.name]);
    expect([byOtherDepartment.status, byOtherDistrict.status]).toEqual([404, 404]);
    expect(JSON.stringify(byOtherDepartment.json) + JSON.stringify(byOtherDistrict.json)).not.toContain(zhang.name);
  });

  it('never reaches the event bus or the logs; the events name the staff id', async () => {
    const events = runtime.alertEvents();
    const raised = events.filter((e) => (e.detail as { alert?: { caseId: string } }).alert?.caseId === 'ZHANG-1');

    expect(raised.map((e) => (e.detail as { alert: { officialStaffId?: string } }).alert.officialStaffId)).toEqual([zhang.staffId]);
    expect(JSON.stringify(events)).not.toMatch(/张晓明|李静怡/);
    expect(started.functionLog().length).toBeGreaterThan(0);
    expect(started.functionLog().filter((line) => /张晓明|李静怡/.test(line.line))).toEqual([]);
  });
});

describe('a malformed official is refused', () => {
  it.each([
    ['a blank name', { staffId: 'HS-0789', name: '   ' }, '/records/0/official/name'],
    ['a name past 50 characters', { staffId: 'HS-0789', name: '王'.repeat(51) }, '/records/0/official/name'],
    ['a staff id with a space', { staffId: 'HS 0789', name: '王强' }, '/records/0/official/staffId'],
    ['no staff id', { name: '王强' }, '/records/0/official/staffId'],
    ['a field of its own', { staffId: 'HS-0789', name: '王强', phone: '13800000000' }, '/records/0/official/phone'],
    ['not an object', '王强', '/records/0/official'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_label, official, pointer) => {
    const caseId = `BAD-${Date.now().toString(36)}-${pointer.length}-${JSON.stringify(official).length}`;
    const reply = await signedPost(
      runtime.apiUrl,
      '/v1/records',
      JSON.stringify({ records: [overdue(caseId, official as { staffId: string; name: string })] }),
      housing,
    );
    await runtime.idle();

    expect(reply.status).toBe(400);
    expect(reply.json.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect((await bearerGet(runtime.apiUrl, timelinePath(caseId), supervisor)).status).toBe(404);
  });
});

describe('a case changing hands', () => {
  it('moves its active signal to the new official, without a history entry or an event', async () => {
    await pushAndProcess(runtime, housing, [overdue('MOVED-1', zhang)]);
    const before = await bearerGet(runtime.apiUrl, alertPath('MOVED-1'), supervisor);

    await pushAndProcess(runtime, housing, [record('MOVED-1', 2, 'accepted', '2025-09-01T10:00:00+08:00', { official: li })]);
    const after = await bearerGet(runtime.apiUrl, alertPath('MOVED-1'), supervisor);
    const events = runtime.alertEvents().filter((e) => (e.detail as { alert?: { caseId: string } }).alert?.caseId === 'MOVED-1');

    expect(before.json).toMatchObject({ officialStaffId: zhang.staffId, official: zhang, version: 1 });
    expect(after.json).toMatchObject({ officialStaffId: li.staffId, official: li, version: 2 });
    expect(after.json.history).toHaveLength(before.json.history.length);
    expect(events.map((e) => e['detail-type'])).toEqual(['AlertRaised']);
  });
});
