/**
 * Accountability measures end to end through the local runtime's HTTP API (Art. 23, 24): each
 * type issued from a real signal by the district's supervisor, with its written document as a PDF
 * in Chinese from the district's organ; an order to correct reported on by the department's
 * liaison, rejected, reported again and accepted; a criticism circulated; a referral's decision
 * recorded. Another district's supervisor cannot issue or act, another department sees nothing,
 * the department's business system lists its own measures and downloads their documents, a stale
 * version is refused with 409, bad input with 400 and nothing stored, and every step is audited.
 * An order past its deadline with no correction reported raises a signal against the department
 * at the hourly check (the deadline sweep, fired by hand at chosen times), escalates it, and the
 * accepted correction clears it.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyStatisticsIn } from '#infra/operations/statistics-verify.ts';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { callComplaintApi, runtimeDynamoClient, type ComplaintReply } from '../support/complaint-client.ts';
import { pushOverdueCase } from '../support/licensing-pushes.ts';
import { signedGet } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { pdfText } from '../shared/application/complaints/complaint-test-setup.ts';
import { escalationDay } from '#shared/domain/accountability/overdue-order.ts';
import { nextLocalDate } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar } from '#shared/domain/calendar/state-council-calendar.ts';
import { monthOfInstant, parseStatisticsPeriod } from '#shared/domain/statistics/statistics-period.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let haishuSupervisor: string;
let yinzhouSupervisor: string;
let citySupervisor: string;
let housingLiaison: string;
let marketLiaison: string;
let housing: DepartmentCredential;
let market: DepartmentCredential;

const department = 'haishu-housing';
const ruleId = 'licensing.decision-time-limit';
const signalOf = (caseId: string) => ({ department, kind: 'licensing', caseId, ruleId });

beforeAll(async () => {
  started = await startTestRuntime('accountability');
  runtime = started.runtime;
  haishuSupervisor = await runtime.mintStaffToken({ subject: 'hs-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  yinzhouSupervisor = await runtime.mintStaffToken({ subject: 'yz-1', role: 'districtSupervisor', jurisdiction: 'yinzhou' });
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-1', role: 'citySupervisor', jurisdiction: 'city' });
  housingLiaison = await runtime.mintStaffToken({ subject: 'l-housing', role: 'departmentLiaison', jurisdiction: 'haishu', department, secondFactor: false });
  marketLiaison = await runtime.mintStaffToken({
    subject: 'l-market',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-market-regulation',
    secondFactor: false,
  });
  housing = runtime.credentials.find((c) => c.department === department) as DepartmentCredential;
  market = runtime.credentials.find((c) => c.department === 'haishu-market-regulation') as DepartmentCredential;
});

afterAll(async () => {
  await started?.dispose();
});

const call = (token: string, method: string, path: string, body?: unknown): Promise<ComplaintReply> =>
  callComplaintApi(runtime.apiUrl, method, path, { bearer: token, ...(body === undefined ? {} : { body }) });
const issue = (token: string, body: unknown) => call(token, 'POST', '/v1/accountability-measures', body);
const step = (token: string, number: string, body: unknown) => call(token, 'POST', `/v1/accountability-measures/${number}`, body);
const read = (token: string, number: string) => call(token, 'GET', `/v1/accountability-measures/${number}`);
const list = (token: string, query = '') => call(token, 'GET', `/v1/accountability-measures${query}`);
const pointers = (reply: ComplaintReply): string[] => (reply.json.errors as { pointer: string }[]).map((e) => e.pointer).sort();

const correctionOrder = (caseId: string) => ({
  department,
  article24Item: 4,
  facts: '该局一件建设工程施工许可申请自 2025 年 9 月 1 日受理后逾期未作决定。',
  signals: [signalOf(caseId)],
  measure: { type: 'correctionOrder', deadline: { workingDays: 5 }, requirements: '请依法作出许可决定，并报送改正情况。' },
});

async function auditedActions(number: string): Promise<string[]> {
  const documents = DynamoDBDocumentClient.from(runtimeDynamoClient(runtime));
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: runtime.tables.audit,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}` },
      ConsistentRead: true,
    }),
  );
  return Items.filter((entry) => entry['target'] === `accountabilityMeasure:${number}`)
    .sort((a, b) => String(a['at'] ?? a['sk']).localeCompare(String(b['at'] ?? b['sk'])))
    .map((entry) => `${String(entry['action'])} ${String(entry['outcome'])} ${String(entry['actor'])}`);
}

describe('an order to correct (责令改正)', () => {
  it('is issued from a signal with a deadline in working days, reported on, rejected, reported again and accepted; every step audited', async () => {
    // Prepare: an overdue licensing case with its signal.
    const caseId = await pushOverdueCase(runtime, department, 'WZ');

    // Act: issue.
    const issued = await issue(haishuSupervisor, correctionOrder(caseId));

    // Assess: the measure, its document and the signal it cites.
    expect(issued.status).toBe(201);
    expect(issued.json).toMatchObject({
      type: 'correctionOrder',
      status: 'issued',
      overdue: false,
      department,
      jurisdiction: 'haishu',
      issuer: { jurisdiction: 'haishu', organ: '宁波市海曙区监察委员会', by: 'districtSupervisor:hs-1' },
      article24Item: 4,
      legalBasis: '《宁波市行政电子监察管理办法》第二十三条、第二十四条第一款第（四）项',
      version: 1,
      signals: [{ ...signalOf(caseId), level: 'correction', legalBasis: expect.stringContaining('第四十二条') }],
      document: { title: '责令改正通知书', organ: '宁波市海曙区监察委员会' },
    });
    expect(issued.json.measureNumber).toMatch(/^WZ\d{8}[0-9A-Z]{6}$/);
    expect(issued.json.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(issued.json.deadline > issued.json.issuedAt.slice(0, 10)).toBe(true);
    const number = issued.json.measureNumber as string;

    // The PDF: Chinese, from the district's organ, citing the case and the articles.
    const pdf = await call(haishuSupervisor, 'GET', `/v1/accountability-measures/${number}/document`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('责令改正通知书');
    expect(text).toContain(number);
    expect(text).toContain(caseId);
    expect(text).toContain('第二十四条第一款第（四）项');
    expect(text).toContain('宁波市海曙区监察委员会');

    // The department's liaison sees it and reports; the supervisor rejects; the liaison reports again; the supervisor accepts.
    expect((await read(housingLiaison, number)).json.version).toBe(1);
    const reported = await step(housingLiaison, number, {
      step: 'reportCorrection',
      expectedVersion: 1,
      text: '已作出许可决定。',
      evidence: ['海住建许〔2026〕8号'],
    });
    expect(reported.status).toBe(200);
    expect(reported.json).toMatchObject({ status: 'correctionReported', version: 2 });
    const rejected = await step(haishuSupervisor, number, { step: 'rejectCorrection', expectedVersion: 2, reasons: '决定书未送达申请人。' });
    expect(rejected.json).toMatchObject({ status: 'correctionRejected', version: 3 });
    const again = await step(housingLiaison, number, { step: 'reportCorrection', expectedVersion: 3, text: '决定书已送达。' });
    expect(again.json).toMatchObject({ status: 'correctionReported', version: 4 });
    const accepted = await step(haishuSupervisor, number, { step: 'acceptCorrection', expectedVersion: 4 });
    expect(accepted.json).toMatchObject({ status: 'corrected', version: 5 });
    expect(accepted.json.history.map((entry: { change: string }) => entry.change)).toEqual([
      'issued',
      'correctionReported',
      'correctionRejected',
      'correctionReported',
      'correctionAccepted',
    ]);

    expect(await auditedActions(number)).toEqual([
      'accountability.issue allowed districtSupervisor:hs-1',
      'accountability.reportCorrection allowed departmentLiaison:l-housing',
      'accountability.rejectCorrection allowed districtSupervisor:hs-1',
      'accountability.reportCorrection allowed departmentLiaison:l-housing',
      'accountability.acceptCorrection allowed districtSupervisor:hs-1',
    ]);
  });

  it('refuses a stale version with 409 and changes nothing, and the other side or another organ with 403', async () => {
    const caseId = await pushOverdueCase(runtime, department, 'WZ-STALE');
    const number = (await issue(haishuSupervisor, correctionOrder(caseId))).json.measureNumber as string;
    await step(housingLiaison, number, { step: 'reportCorrection', expectedVersion: 1, text: '已改正。' });

    const stale = await step(haishuSupervisor, number, { step: 'acceptCorrection', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.title).toContain('问责措施在您读取后已被修改');
    const notYours = await step(housingLiaison, number, { step: 'acceptCorrection', expectedVersion: 2 });
    expect(notYours.status).toBe(403);
    // The city supervisor reads the district's measure, but its steps are the issuing organ's.
    expect((await read(citySupervisor, number)).status).toBe(200);
    const otherOrgan = await step(citySupervisor, number, { step: 'acceptCorrection', expectedVersion: 2 });
    expect(otherOrgan.status).toBe(403);
    const notNow = await step(haishuSupervisor, number, { step: 'recordCirculation', expectedVersion: 2, note: '已通报' });
    expect(notNow.status).toBe(409);
    expect((await read(haishuSupervisor, number)).json).toMatchObject({ status: 'correctionReported', version: 2 });
    expect(await auditedActions(number)).toContain('accountability.acceptCorrection denied citySupervisor:city-1');
  });
});

describe('a circulated criticism (通报批评) and a referral for accountability (追究责任)', () => {
  it('issues a criticism with its circulated text and records it circulated', async () => {
    const caseId = await pushOverdueCase(runtime, department, 'WZ-TB');
    const issued = await issue(haishuSupervisor, {
      department,
      article24Item: 4,
      facts: '该局多次逾期未作许可决定，经提示、警戒仍未纠正。',
      signals: [signalOf(caseId)],
      measure: { type: 'circulatedCriticism', circulatedText: '望各部门引以为戒。', circulatedTo: '全区各部门' },
    });
    expect(issued.status).toBe(201);
    expect(issued.json).toMatchObject({ type: 'circulatedCriticism', circulatedTo: '全区各部门', document: { title: '通报批评决定书' } });
    const circulated = await step(haishuSupervisor, issued.json.measureNumber, {
      step: 'recordCirculation',
      expectedVersion: 1,
      note: '已在全区电子政务内网通报。',
    });
    expect(circulated.json).toMatchObject({ status: 'circulated', version: 2 });
  });

  it('refers to the named body and records the sanction it decided; the city supervisor may issue for any department', async () => {
    const caseId = await pushOverdueCase(runtime, department, 'WZ-ZJ');
    const issued = await issue(citySupervisor, {
      department,
      article24Item: 6,
      facts: '逾期未作决定造成申请人重大损失。',
      signals: [signalOf(caseId)],
      measure: { type: 'accountabilityReferral', referredTo: '宁波市海曙区纪委监委' },
    });
    expect(issued.status).toBe(201);
    expect(issued.json).toMatchObject({
      type: 'accountabilityReferral',
      referredTo: '宁波市海曙区纪委监委',
      issuer: { jurisdiction: 'city', organ: '宁波市监察委员会' },
      document: { title: '追究责任移送函', addressee: '宁波市海曙区纪委监委' },
    });
    const decided = await step(citySupervisor, issued.json.measureNumber, {
      step: 'recordDecision',
      expectedVersion: 1,
      decision: { outcome: 'sanctioned', sanction: 'demerit', documentNumber: '海纪〔2026〕3号', decidedOn: '2026-12-01', text: '给予直接责任人记过处分。' },
    });
    expect(decided.status).toBe(200);
    expect(decided.json).toMatchObject({ status: 'decided', decision: { outcome: 'sanctioned', sanction: 'demerit' }, version: 2 });
  });

  it('publishes each measure issued and each step recorded on the bus, with ids and no names, texts or sanction', async () => {
    // Prepare
    const caseId = await pushOverdueCase(runtime, department, 'WZ-BUS');

    // Act
    const issued = await issue(haishuSupervisor, {
      department,
      article24Item: 6,
      facts: '经办人张三逾期未作决定。',
      signals: [signalOf(caseId)],
      measure: { type: 'accountabilityReferral', referredTo: '宁波市海曙区纪委监委' },
    });
    const number = issued.json.measureNumber as string;
    await step(haishuSupervisor, number, {
      step: 'recordDecision',
      expectedVersion: 1,
      decision: { outcome: 'sanctioned', sanction: 'warning', decidedOn: '2026-12-01', text: '给予张三警告处分。' },
    });
    const events = runtime.alertEvents().filter((e) => (e.detail as { measure?: { measureNumber: string } }).measure?.measureNumber === number);

    // Assess
    expect(events.map((e) => `${e.source} ${e['detail-type']} ${(e.detail as { eventId: string }).eventId}`)).toEqual([
      `e-supervision.accountability AccountabilityMeasureIssued ${number}/1`,
      `e-supervision.accountability AccountabilityMeasureStepRecorded ${number}/2`,
    ]);
    expect(events[0]?.detail).toEqual({
      version: 1,
      eventId: `${number}/1`,
      actor: 'districtSupervisor:hs-1',
      change: 'issued',
      measure: {
        measureNumber: number,
        department,
        jurisdiction: 'haishu',
        issuerJurisdiction: 'haishu',
        type: 'accountabilityReferral',
        status: 'issued',
        article24Item: 6,
        signals: [signalOf(caseId)],
        issuedAt: expect.stringMatching(/Z$/),
        measureVersion: 1,
      },
    });
    expect(events[1]?.detail).toMatchObject({ change: 'decisionRecorded', measure: { status: 'decided', decisionOutcome: 'sanctioned', measureVersion: 2 } });
    const published = JSON.stringify(events);
    for (const words of ['张三', '纪委监委', '海曙区住房', 'warning', '逾期未作决定']) expect(published).not.toContain(words);
  });
});

describe('who sees and issues what', () => {
  it("refuses another district's supervisor (404, audited, nothing stored) and shows a department only its own measures", async () => {
    const caseId = await pushOverdueCase(runtime, department, 'WZ-SCOPE');
    const refused = await issue(yinzhouSupervisor, correctionOrder(caseId));
    expect(refused.status).toBe(404);
    expect(pointers(refused)).toEqual(['/department']);
    expect((await list(yinzhouSupervisor)).json.items).toEqual([]);

    const number = (await issue(haishuSupervisor, correctionOrder(caseId))).json.measureNumber as string;
    expect((await read(yinzhouSupervisor, number)).status).toBe(404);
    expect((await step(yinzhouSupervisor, number, { step: 'acceptCorrection', expectedVersion: 1 })).status).toBe(404);

    // The department's liaison and its business system list it; another department's see nothing of it.
    const listedByLiaison = (await list(housingLiaison)).json.items.map((m: { measureNumber: string }) => m.measureNumber);
    expect(listedByLiaison).toContain(number);
    expect((await list(marketLiaison)).json.items).toEqual([]);
    expect((await list(marketLiaison, `?department=${department}`)).status).toBe(404);
    expect((await read(marketLiaison, number)).status).toBe(404);
    expect((await call(marketLiaison, 'GET', `/v1/accountability-measures/${number}/document`)).status).toBe(404);

    const machine = await signedGet(runtime.apiUrl, `/v1/departments/${department}/accountability-measures?type=correctionOrder&limit=100`, housing);
    expect(machine.status).toBe(200);
    expect(machine.json.items.map((m: { measureNumber: string }) => m.measureNumber)).toContain(number);
    expect(machine.json.items.every((m: { department: string; type: string }) => m.department === department && m.type === 'correctionOrder')).toBe(true);
    const document = await signedGet(runtime.apiUrl, `/v1/departments/${department}/accountability-measures/${number}/document`, housing);
    expect(document.status).toBe(200);
    expect(document.text.startsWith('%PDF')).toBe(true);
    // Another department's identity: its role may not call the path, and on its own path the measure is not there.
    expect((await signedGet(runtime.apiUrl, `/v1/departments/${department}/accountability-measures`, market)).status).toBe(403);
    expect((await signedGet(runtime.apiUrl, `/v1/departments/haishu-market-regulation/accountability-measures`, market)).json.items).toEqual([]);
    expect((await signedGet(runtime.apiUrl, `/v1/departments/haishu-market-regulation/accountability-measures/${number}/document`, market)).status).toBe(404);

    // An order whose deadline is still ahead is not among the overdue.
    const overdue = (await list(haishuSupervisor, `?department=${department}&overdue=true&limit=100`)).json.items;
    expect(overdue.map((m: { measureNumber: string }) => m.measureNumber)).not.toContain(number);
    expect(overdue.every((m: { overdue: boolean }) => m.overdue)).toBe(true);

    // The supervisors' lists: the district's and the city's have it.
    expect(
      (await list(haishuSupervisor, `?department=${department}&status=issued`)).json.items.map((m: { measureNumber: string }) => m.measureNumber),
    ).toContain(number);
    expect((await list(citySupervisor, '?limit=100')).json.items.map((m: { measureNumber: string }) => m.measureNumber)).toContain(number);
  });
});

describe('bad input', () => {
  it('is refused with 400 naming every field, and nothing is stored', async () => {
    const caseId = await pushOverdueCase(runtime, department, 'WZ-BAD');
    const before = (await list(haishuSupervisor, `?department=${department}&limit=100`)).json.items.length;

    const malformed = await issue(haishuSupervisor, {
      department,
      article24Item: 7,
      facts: '',
      signals: [],
      measure: { type: 'correctionOrder', deadline: { workingDays: 0 }, requirements: '改正' },
    });
    expect(malformed.status).toBe(400);
    expect(pointers(malformed)).toEqual(['/article24Item', '/facts', '/measure/deadline/workingDays', '/signals']);

    // Well formed, but a signal of another department, one that does not exist, and a date in the past.
    const uncitable = await issue(haishuSupervisor, {
      ...correctionOrder(caseId),
      signals: [signalOf(caseId), { ...signalOf(caseId), department: 'haishu-market-regulation' }, signalOf('NO-SUCH-CASE')],
    });
    expect(uncitable.status).toBe(400);
    expect(pointers(uncitable)).toEqual(['/signals/1/department', '/signals/2']);
    const past = await issue(haishuSupervisor, {
      ...correctionOrder(caseId),
      measure: { type: 'correctionOrder', deadline: { date: '2026-01-05' }, requirements: '改正' },
    });
    expect(past.status).toBe(400);
    expect(pointers(past)).toEqual(['/measure/deadline/date']);
    expect((await issue(housingLiaison, correctionOrder(caseId))).status).toBe(403);
    // Characters the document's font lacks would print as 〓: refused by name.
    const unprintable = await issue(haishuSupervisor, { ...correctionOrder(caseId), facts: '申请人𠀀先生的申请逾期未决定。' });
    expect(unprintable.status).toBe(422);
    expect(pointers(unprintable)).toEqual(['/facts']);

    expect((await list(haishuSupervisor, `?department=${department}&limit=100`)).json.items.length).toBe(before);
    expect((await read(haishuSupervisor, 'WZ-NOT-A-NUMBER')).status).toBe(400);
    const badFilter = await list(haishuSupervisor, '?overdue=maybe&type=warning');
    expect(badFilter.status).toBe(400);
    expect(pointers(badFilter)).toEqual(['/query/overdue', '/query/type']);
  });
});

describe('an order to correct left uncorrected past its deadline', () => {
  it('warns the department once its deadline passes, escalates to a correction signal five working days later, and clears when the correction is accepted', async () => {
    // Prepare: an order to correct by the next working day.
    const caseId = await pushOverdueCase(runtime, department, 'WZLATE');
    const ordered = correctionOrder(caseId);
    const issued = await issue(haishuSupervisor, { ...ordered, measure: { ...ordered.measure, deadline: { workingDays: 1 } } });
    expect(issued.status).toBe(201);
    const number = issued.json.measureNumber as string;
    const deadline = issued.json.deadline as string;
    const signal = `/v1/departments/${department}/alerts/accountability/${number}/accountability.order-overdue`;
    // The hourly check at 09:15 Shanghai (01:15 UTC) of a day.
    const checkOn = (day: string, hours = 0) => runtime.fireSchedule('deadline-sweep', new Date(Date.parse(`${day}T01:15:00.000Z`) + hours * 3_600_000));
    const eventsOfTheOrder = () =>
      runtime
        .alertEvents()
        .filter((e) => (e.detail as { alert?: { caseId: string } }).alert?.caseId === number)
        .map((e) => `${e['detail-type']} ${(e.detail as { alert: { level: string } }).alert.level}`);

    // Act: the check on the deadline's day, and on the day after.
    await checkOn(deadline);
    const onTheDay = await signedGet(runtime.apiUrl, signal, housing);
    const dayAfter = nextLocalDate(deadline);
    await checkOn(dayAfter);
    const warning = await signedGet(runtime.apiUrl, signal, housing);
    const listed = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts?kind=accountability&limit=100`, housing);

    // Assess: nothing on the deadline's day; a warning against the department the day after, in its alerts, on the bus.
    expect(onTheDay.status).toBe(404);
    expect(warning.status).toBe(200);
    expect(warning.json).toMatchObject({
      department,
      kind: 'accountability',
      caseId: number,
      ruleId: 'accountability.order-overdue',
      level: 'warning',
      status: 'open',
      legalBasis: '《宁波市行政电子监察管理办法》第二十三条、第二十四条',
    });
    expect(warning.json.summaryZh ?? warning.json.summary).toContain(number);
    expect(listed.json.items.map((alert: { caseId: string }) => alert.caseId)).toContain(number);
    expect(eventsOfTheOrder()).toEqual(['AlertRaised warning']);

    // Act: the check on the day after the fifth working day after the deadline (the city calendar), once a report was rejected.
    const escalatedOn = escalationDay(deadline, stateCouncilCalendar, { escalateAfterWorkingDays: 5 });
    await checkOn(escalatedOn);
    const stillWarning = await signedGet(runtime.apiUrl, signal, housing);
    await checkOn(nextLocalDate(escalatedOn));
    const escalated = await signedGet(runtime.apiUrl, signal, housing);
    const reported = await step(housingLiaison, number, { step: 'reportCorrection', expectedVersion: 1, text: '已作出许可决定。' });
    await step(haishuSupervisor, number, { step: 'rejectCorrection', expectedVersion: 2, reasons: '决定书未送达申请人。' });
    await checkOn(nextLocalDate(escalatedOn), 1);
    const afterRejection = await signedGet(runtime.apiUrl, signal, housing);

    // Assess
    expect(stillWarning.json).toMatchObject({ level: 'warning', version: 1 });
    expect(escalated.json).toMatchObject({ level: 'correction', status: 'open', version: 2 });
    expect(reported.status).toBe(200);
    expect(afterRejection.json).toMatchObject({ level: 'correction', status: 'open', version: 2 });

    // Act: the correction reported again and accepted; the next hour's check.
    await step(housingLiaison, number, { step: 'reportCorrection', expectedVersion: 3, text: '决定书已送达。' });
    const accepted = await step(haishuSupervisor, number, { step: 'acceptCorrection', expectedVersion: 4 });
    await checkOn(nextLocalDate(escalatedOn), 2);
    const cleared = await signedGet(runtime.apiUrl, signal, housing);
    const open = await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts?kind=accountability&status=open&limit=100`, housing);

    // Assess
    expect(accepted.json).toMatchObject({ status: 'corrected' });
    expect(cleared.json).toMatchObject({ level: 'correction', status: 'resolved', version: 3 });
    expect(cleared.json.history.map((entry: { change: string }) => entry.change)).toEqual(['raised', 'escalated', 'resolved']);
    expect(open.json.items.map((alert: { caseId: string }) => alert.caseId)).not.toContain(number);
    expect(eventsOfTheOrder()).toEqual(['AlertRaised warning', 'AlertEscalated correction', 'AlertResolved correction']);

    // Act: the department's statistics of the month the signal was raised, and their verification.
    const month = monthOfInstant(cleared.json.raisedAt);
    const ofTheOrders = await call(haishuSupervisor, 'GET', `/v1/statistics?period=${month}&department=${department}&kind=accountability`);
    const verified = await verifyStatisticsIn(runtimeDynamoClient(runtime), runtime.tables, parseStatisticsPeriod(month)!, department);
    // The orders of the tests before, left uncorrected, were found overdue by the same checks: every signal of the month's orders, by level.
    const ofTheMonth = (await signedGet(runtime.apiUrl, `/v1/departments/${department}/alerts?kind=accountability&limit=100`, housing)).json.items.filter(
      (alert: { raisedAt: string; status: string }) => monthOfInstant(alert.raisedAt) === month && alert.status !== 'withdrawn',
    ) as { level: string; status: string }[];
    const byLevel = (level: string) => ofTheMonth.filter((alert) => alert.level === level).length;

    // Assess: the order's signal counts as one correction signal (the warning it was raised as moved up), corrected;
    // under the kind of its own, the department's signals are its orders' signals; the recomputation agrees.
    expect(ofTheOrders.status).toBe(200);
    expect(byLevel('correction')).toBeGreaterThanOrEqual(1);
    expect(ofTheOrders.json.figures.signals).toEqual({
      prompt: byLevel('prompt'),
      warning: byLevel('warning'),
      correction: byLevel('correction'),
      total: ofTheMonth.length,
    });
    expect(ofTheOrders.json.figures.signalCorrection).toMatchObject({
      numerator: ofTheMonth.filter((alert) => alert.status === 'resolved').length,
      denominator: ofTheMonth.length,
    });
    expect(ofTheOrders.json.figures.signalsAnsweredInTime).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(verified.differences).toEqual([]);
  });
});
