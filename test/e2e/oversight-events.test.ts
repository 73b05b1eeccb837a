/**
 * Complaint and supervision signals on the event bus, through the local runtime: the oversight
 * sweep (fired by hand at a later instant) publishes each signal it raises once, and the local
 * EventBridge stand-in records it in memory and in `<data dir>/events.jsonl`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredEvent } from '#infra/local/eventbridge-endpoint.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { epochDayOf, localDateOfEpochDay, shanghaiDate } from '#shared/domain/calendar/local-date.ts';
import { callComplaintApi, daysAhead, type ComplaintCallOptions, type ComplaintReply } from '../support/complaint-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let dataDir: string;
let supervisor: string;

beforeAll(async () => {
  // Not ephemeral: the stand-in appends every event to `events.jsonl` in the data folder (and queues live there too).
  dataDir = await mkdtemp(join(tmpdir(), 'esup-oversight-events-'));
  started = await startTestRuntime('oversightevents', { ephemeral: false, dataDir });
  runtime = started.runtime;
  supervisor = await runtime.mintStaffToken({ subject: 'haishu-sup', role: 'districtSupervisor', jurisdiction: 'haishu' });
});

afterAll(async () => {
  await started?.dispose();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const call = (method: string, path: string, options?: ComplaintCallOptions): Promise<ComplaintReply> => callComplaintApi(runtime.apiUrl, method, path, options);

/** Shanghai date `days` after today (the API runs on the real clock). */
const dayFromToday = (days: number): string => localDateOfEpochDay(epochDayOf(shanghaiDate(new Date())) + days);
/** A scheduled event's time has whole seconds. */
const daysLater = (days: number): Date => new Date(Math.floor(Date.now() / 1000) * 1000 + days * 86_400_000);

type SignalDetail = { version: number; eventId: string; signal: Record<string, unknown> };
const signalEventsOf = (events: readonly DeliveredEvent[], number: string): DeliveredEvent[] =>
  events.filter((event) => (event.detail as SignalDetail | undefined)?.eventId?.startsWith(`${number}/`));

async function recordedLines(): Promise<DeliveredEvent[]> {
  const text = await readFile(join(dataDir, 'events.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DeliveredEvent);
}

describe('complaint signals on the event bus', () => {
  it("publishes a complaint's acceptance signals once, however often the sweep runs, and records them in events.jsonl", async () => {
    const filed = await call('POST', '/v1/public/complaints', {
      body: { jurisdiction: 'haishu', category: 'other', content: '匿名端到端投诉。', realName: false },
    });
    expect(filed.status).toBe(201);
    const receiptNumber = filed.json.receiptNumber as string;
    const later = daysLater(30);

    await runtime.fireSchedule('oversight-sweep', later);
    await Promise.all([runtime.fireSchedule('oversight-sweep', later), runtime.fireSchedule('oversight-sweep', later)]);

    const events = signalEventsOf(runtime.alertEvents(), receiptNumber);
    expect(events.map((event) => [event.source, event['detail-type'], (event.detail as SignalDetail).signal['level']])).toEqual([
      ['e-supervision.complaints', 'ComplaintSignalRaised', 'prompt'],
      ['e-supervision.complaints', 'ComplaintSignalRaised', 'warning'],
      ['e-supervision.complaints', 'ComplaintSignalRaised', 'correction'],
    ]);
    expect(events.at(-1)?.detail).toMatchObject({ version: 1, signal: { receiptNumber, jurisdiction: 'haishu', addressee: 'superior', escalatedTo: 'city' } });
    expect(signalEventsOf(await recordedLines(), receiptNumber).map((event) => (event.detail as SignalDetail).eventId)).toEqual(
      events.map((event) => (event.detail as SignalDetail).eventId),
    );
  });

  it("tells the department its forwarded complaint's handling deadline is near", async () => {
    const filed = await call('POST', '/v1/public/complaints', {
      body: { jurisdiction: 'haishu', category: 'other', content: '转办端到端投诉。', realName: false },
    });
    const receiptNumber = filed.json.receiptNumber as string;
    const decided = await call('POST', `/v1/complaints/${receiptNumber}/decision`, {
      bearer: supervisor,
      body: { expectedVersion: 1, accepted: true, handling: { by: 'department', department: 'haishu-housing', deadline: daysAhead(14) } },
    });
    expect(decided.status, JSON.stringify(decided.json)).toBe(200);

    await runtime.fireSchedule('oversight-sweep', daysLater(60));

    const [first] = signalEventsOf(runtime.alertEvents(), receiptNumber);
    expect(first?.detail).toMatchObject({ signal: { clock: 'handling', level: 'prompt', addressee: 'department', department: 'haishu-housing' } });
  });
});

describe('supervision signals on the event bus', () => {
  it('publishes the escalation of an overdue supervision case to the department and to the city', async () => {
    const token = await runtime.mintStaffToken({ subject: 'supervisor-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
    const opened = await fetch(new URL('/v1/supervision-cases', runtime.apiUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        origin: 'initiative',
        responsibleDepartment: 'haishu-housing',
        subject: '施工许可超期整改',
        instructions: '查明原因并整改。',
        deadline: dayFromToday(0),
      }),
    });
    expect(opened.status).toBe(201);
    const caseNumber = ((await opened.json()) as { caseNumber: string }).caseNumber;

    await runtime.fireSchedule('oversight-sweep', daysLater(30));
    await runtime.fireSchedule('oversight-sweep', daysLater(30));

    const events = signalEventsOf(runtime.alertEvents(), caseNumber);
    const escalations = events.filter((event) => event['detail-type'] === 'SupervisionCaseEscalated');
    expect(
      escalations.map((event) => [event.source, (event.detail as SignalDetail).signal['addressee'], (event.detail as SignalDetail).signal['level']]),
    ).toEqual([
      ['e-supervision.supervision', 'department', 'correction'],
      ['e-supervision.supervision', 'superior', 'correction'],
    ]);
    expect(new Set(events.map((event) => (event.detail as SignalDetail).eventId)).size).toBe(events.length);
    expect(signalEventsOf(await recordedLines(), caseNumber)).toHaveLength(events.length);
  });
});
