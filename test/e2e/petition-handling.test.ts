/**
 * A department's handling of letters and visits (信访, Measures Art. 17(5)) end to end through the
 * local API: the department pushes its petition cases, the supervisor reads their limits counted
 * in days (日) across the National Day holiday and the alerts the regulation's rules raise; bad
 * input is refused with 400 naming the field, a procedure out of order is reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DepartmentCredential } from '#infra/local/department-credentials.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet, signedPost, type ApiReply } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let cityToken: string;

/** Connected for `petition` in the local configuration; its catalogue holds `letters-and-visits`. */
const department = 'haishu-market-regulation';
const matterCode = 'letters-and-visits';
const run = Date.now().toString(36);

beforeAll(async () => {
  started = await startTestRuntime('petitions');
  runtime = started.runtime;
  cityToken = await runtime.mintStaffToken({ subject: 'city-petitions', role: 'citySupervisor', jurisdiction: 'city' });
});

afterAll(async () => {
  await started?.dispose();
});

const credential = () => runtime.credentials.find((c) => c.department === department) as DepartmentCredential;

interface Timeline {
  case: { stage: string; deadlines: Record<string, { date: string; provisional: boolean } | number | string | null> };
  alerts: { ruleId: string; level: string; legalBasis: string; status: string }[];
}

/** The records of one case, numbered in the order given unless a record carries its own sequence. */
const recordsOf = (caseId: string, records: Record<string, unknown>[]) =>
  records.map((record, i) => ({ kind: 'petition', department, matterCode, caseId, sequence: i + 1, ...record }));

async function push(records: Record<string, unknown>[]): Promise<ApiReply> {
  return signedPost(runtime.apiUrl, '/v1/records', JSON.stringify({ records }), credential());
}

async function timelineOf(caseId: string): Promise<Timeline> {
  await runtime.idle();
  const timeline = await bearerGet(runtime.apiUrl, `/v1/cases/${department}/petition/${caseId}/timeline`, cityToken);
  expect(timeline.status, timeline.text).toBe(200);
  return timeline.json as Timeline;
}

async function bearerPost(path: string, body: unknown): Promise<ApiReply> {
  const response = await fetch(new URL(path, runtime.apiUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${cityToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

describe('petition handling through the API', () => {
  it('counts the notice limit in days through National Day and warns of a late notice and a late handling opinion', async () => {
    // Prepare: received Tuesday 16 September 2025; its fifteenth day, 1 October, is a holiday
    const caseId = `XF-LATE-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { event: 'received', occurredAt: '2025-09-16T16:00:00+08:00', channel: 'letter' },
        { event: 'acceptanceNotified', occurredAt: '2025-10-10T10:00:00+08:00', decision: 'accepted' },
        { event: 'handled', occurredAt: '2025-12-20T10:00:00+08:00', opinion: 'partlySupported' },
      ]),
    );
    const timeline = await timelineOf(caseId);

    // Assess: the notice was due Thursday 9 October; handling sixty days from 10 October, Tuesday 9 December
    expect(pushed.status, pushed.text).toBe(202);
    expect(timeline.case.stage).toBe('handled');
    expect(timeline.case.deadlines).toMatchObject({
      unit: 'days',
      acceptanceNotice: { date: '2025-10-09', provisional: false },
      handling: { date: '2025-12-09', provisional: false },
      outermost: { date: '2026-01-08', provisional: false },
    });
    const levels = Object.fromEntries(timeline.alerts.map((alert) => [alert.ruleId, [alert.level, alert.legalBasis]]));
    expect(levels).toEqual({
      'petition.acceptance-notice': ['warning', '《信访工作条例》第二十三条第二款'],
      'petition.handling-time-limit': ['warning', '《信访工作条例》第三十四条'],
    });
  });

  it('corrects a second extension, and reports events pushed out of the procedure order whatever order they arrive in', async () => {
    // Prepare: a review decided with no request, events sent last first
    const caseId = `XF-ORDER-${run}`;
    const records = recordsOf(caseId, [
      { event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
      { event: 'acceptanceNotified', occurredAt: '2025-09-05T10:00:00+08:00', decision: 'accepted' },
      { event: 'extended', occurredAt: '2025-10-20T10:00:00+08:00', additionalDays: 20, approvedBy: '局长', petitionerNotified: true },
      { event: 'extended', occurredAt: '2025-11-20T10:00:00+08:00', additionalDays: 10, approvedBy: '局长', petitionerNotified: true },
      { event: 'handled', occurredAt: '2025-11-28T10:00:00+08:00', opinion: 'notSupported' },
      { event: 'reviewDecided', occurredAt: '2025-12-20T10:00:00+08:00', opinion: 'notSupported' },
    ]);

    // Act
    const pushed = await push([...records].reverse());
    const timeline = await timelineOf(caseId);

    // Assess: only the first extension counts (60 + 20 days from 5 September: Monday 24 November)
    expect(pushed.status, pushed.text).toBe(202);
    expect(timeline.case.deadlines).toMatchObject({ handling: { date: '2025-11-24' }, extensionDays: 20 });
    const levels = Object.fromEntries(timeline.alerts.map((alert) => [alert.ruleId, alert.level]));
    expect(levels).toEqual({
      'petition.extension': 'correction',
      'petition.handling-time-limit': 'warning',
      'petition.stage-order': 'warning',
    });
  });

  it('leaves a re-review hearing across National Day out of the re-review limit, and refuses a hearing record giving its length', async () => {
    // Prepare: re-review requested Monday 15 September 2025 (thirty days: 15 October); hearing
    // opened 29 September, closed 9 October: ten days not counted, so Saturday 25 October, a day
    // off, moves to Monday 27 October, the day the re-review opinion came
    const caseId = `XF-HEARING-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
        { event: 'acceptanceNotified', occurredAt: '2025-09-05T10:00:00+08:00', decision: 'accepted' },
        { event: 'handled', occurredAt: '2025-09-08T10:00:00+08:00', opinion: 'notSupported' },
        { event: 'reviewRequested', occurredAt: '2025-09-09T10:00:00+08:00' },
        { event: 'reviewDecided', occurredAt: '2025-09-12T10:00:00+08:00', opinion: 'notSupported' },
        { event: 'reReviewRequested', occurredAt: '2025-09-15T10:00:00+08:00' },
        { event: 'reReviewHearingEnded', occurredAt: '2025-10-09T17:00:00+08:00', hearingId: 'TZ-1', sequence: 8 },
        { event: 'reReviewHearingStarted', occurredAt: '2025-09-29T09:00:00+08:00', hearingId: 'TZ-1', sequence: 7 },
        { event: 'reReviewDecided', occurredAt: '2025-10-27T16:00:00+08:00', opinion: 'notSupported', sequence: 9 },
        { event: 'reReviewHearingEnded', occurredAt: '2025-10-10T17:00:00+08:00', hearingId: 'TZ-2', hearingDays: 3, sequence: 10 },
      ]),
    );
    const timeline = await timelineOf(caseId);

    // Assess
    expect(pushed.status, pushed.text).toBe(202);
    expect(pushed.json).toMatchObject({ accepted: 9, refused: 1 });
    expect(pushed.json.results[9].problem.errors.map((error: { pointer: string }) => error.pointer)).toContain('/records/9/hearingDays');
    expect(timeline.case.stage).toBe('reReviewed');
    expect(timeline.case.deadlines).toMatchObject({
      reReview: { date: '2025-10-27', provisional: false },
      reReviewHearingDays: 10,
      reReviewClockStopped: false,
    });
    expect(timeline.alerts).toEqual([]);
  });

  it('refuses a record giving an extension in working days, naming the field, and stores only the valid records', async () => {
    // Prepare
    const caseId = `XF-BAD-${run}`;

    // Act
    const pushed = await push(
      recordsOf(caseId, [
        { event: 'received', occurredAt: '2025-09-01T09:00:00+08:00' },
        { event: 'acceptanceNotified', occurredAt: '2025-09-05T10:00:00+08:00', decision: 'accepted' },
        { event: 'extended', occurredAt: '2025-10-20T10:00:00+08:00', additionalWorkingDays: 20, approvedBy: '局长', petitionerNotified: true },
      ]),
    );
    const timeline = await timelineOf(caseId);

    // Assess: the batch is answered record by record; the refused one names the field
    expect(pushed.status, pushed.text).toBe(202);
    expect(pushed.json).toMatchObject({ accepted: 2, refused: 1 });
    const refusal = pushed.json.results[2];
    expect(refusal.status).toBe('refused');
    expect(refusal.problem.status).toBe(400);
    expect(refusal.problem.errors.map((error: { pointer: string }) => error.pointer)).toContain('/records/2/additionalWorkingDays');
    expect(timeline.case.stage).toBe('accepted');
    expect(timeline.case.deadlines).toMatchObject({ handling: { date: '2025-11-04' }, extensionDays: 0 });
  });

  it('refuses a catalogue version with a limit the regulation does not allow, or in working days, with 400 naming the field', async () => {
    // Prepare
    const version = {
      kind: 'petition',
      name: '信访事项办理',
      legalBasis: '《信访工作条例》',
      version: 1,
      effectiveFrom: '2026-01-01',
    };
    const path = `/v1/departments/${department}/catalogue/letters-${run}/versions`;

    // Act
    const tooLong = await bearerPost(path, { ...version, handlingDays: 90 });
    const extensionTooLong = await bearerPost(path, { ...version, maxExtensionDays: 45 });
    const wrongUnit = await bearerPost(path, { ...version, handlingWorkingDays: 60 });
    const shorter = await bearerPost(path, { ...version, handlingDays: 45 });

    // Assess
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([expect.objectContaining({ pointer: '/handlingDays', detail: expect.stringContaining('第三十四条') })]);
    expect(extensionTooLong.status).toBe(400);
    expect(extensionTooLong.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/maxExtensionDays']);
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.json.errors).toEqual([expect.objectContaining({ pointer: '/handlingWorkingDays', detail: expect.stringContaining('handlingDays') })]);
    expect(shorter.status, shorter.text).toBe(201);
  });
});
