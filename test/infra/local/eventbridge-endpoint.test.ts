/**
 * The local EventBridge stand-in receives complaint and supervision signal events through the
 * real publisher (the `@aws-sdk/client-eventbridge` client), keeps them with their own source,
 * appends them to the events file and announces each on stderr in one readable line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventBridgeEndpoint, type EventBridgeEndpoint } from '#infra/local/eventbridge-endpoint.ts';
import { EventBridgeSignalEventPublisher } from '#shared/adapters/eventbridge/eventbridge-signal-event-publisher.ts';
import { fireDueTimers } from '#shared/domain/complaints/complaint-clock.ts';
import { complaintSignalEvents } from '#shared/domain/complaints/complaint-signal-events.ts';
import { fireCaseTimers } from '#shared/domain/supervision-cases/supervision-case.ts';
import { supervisionSignalEvents } from '#shared/domain/supervision-cases/supervision-signal-events.ts';
import { captureOutput, type CapturedOutput } from '../../support/captured-output.ts';
import { aForwardedComplaint } from '../../shared/domain/complaints/complaint-mother.ts';
import { anOpenCase, calendar, policy } from '../../shared/domain/supervision-cases/supervision-mother.ts';

let dataDir: string;
let endpoint: EventBridgeEndpoint;
let output: CapturedOutput;
let publisher: EventBridgeSignalEventPublisher;
let client: EventBridgeClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'esup-eventbridge-'));
  endpoint = await startEventBridgeEndpoint({ region: 'cn-north-1', quiet: false, logFile: join(dataDir, 'events.jsonl') });
  client = new EventBridgeClient({ endpoint: endpoint.endpoint, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  publisher = new EventBridgeSignalEventPublisher('esup-local-alerts', client);
});

afterAll(async () => {
  output?.restore();
  client?.destroy();
  await endpoint?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('signal events on the local bus', () => {
  it("records a forwarded complaint's handling prompt and an overdue case's escalation with their sources, in the file and on stderr", async () => {
    const forwarded = aForwardedComplaint();
    const complaintEvents = complaintSignalEvents(forwarded, fireDueTimers(forwarded, new Date('2026-10-22T16:00:00.000Z')).complaint);
    const opened = anOpenCase();
    const caseEvents = supervisionSignalEvents(opened, { item: 'case', state: fireCaseTimers(opened, '2025-10-31T00:00:00.000Z', calendar, policy).state });
    output = captureOutput();

    await publisher.publish([...complaintEvents, ...caseEvents]);
    output.restore();

    const delivered = endpoint.events();
    expect(delivered.map((event) => [event.source, event['detail-type']])).toEqual([
      ['e-supervision.complaints', 'ComplaintSignalRaised'],
      ['e-supervision.supervision', 'SupervisionSignalRaised'],
      ['e-supervision.supervision', 'SupervisionSignalRaised'],
      ['e-supervision.supervision', 'SupervisionCaseEscalated'],
      ['e-supervision.supervision', 'SupervisionCaseEscalated'],
    ]);
    expect(delivered[0]?.detail).toEqual(complaintEvents[0]?.detail);
    const lines = (await readFile(join(dataDir, 'events.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { detail: unknown });
    expect(lines.map((line) => line.detail)).toEqual(delivered.map((event) => event.detail));
    expect(output.text()).toContain(`[event] ComplaintSignalRaised ${forwarded.receiptNumber} handling prompt → haishu-housing`);
    expect(output.text()).toContain(`[event] SupervisionCaseEscalated ${opened.caseNumber} supervision.case-overdue correction → city`);
  });
});
