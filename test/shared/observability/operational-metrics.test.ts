/** The measurements operators get from use-case outcomes: what is counted, per what, in which unit. */
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '#shared/domain/alerts/alert-events.ts';
import type { AlertLevel, AlertTransition } from '#shared/domain/alerts/alert.ts';
import type { ComplaintSignalEvent } from '#shared/domain/complaints/complaint-signal-events.ts';
import type { SupervisionSignalEvent } from '#shared/domain/supervision-cases/supervision-signal-events.ts';
import {
  ingestMeasurements,
  metricNames,
  signalMeasurements,
  staffUnauthenticatedMeasurement,
  sweepMeasurements,
} from '#shared/observability/operational-metrics.ts';

let sequence = 0;
const alertEvent = (change: AlertTransition['change'], level: AlertLevel): AlertEvent => {
  const eventId = `haishu-housing/licensing/JS-${(sequence += 1)}/licensing.decision-time-limit/1/0`;
  return {
    eventId,
    detailType: 'AlertRaised',
    occurredAt: '2026-03-02T02:00:00.000Z',
    detail: {
      version: 1,
      eventId,
      change,
      alert: {
        department: 'haishu-housing',
        jurisdiction: 'haishu',
        kind: 'licensing',
        caseId: `JS-${sequence}`,
        matterCode: 'construction-permit',
        ruleId: 'licensing.decision-time-limit',
        ruleVersion: 1,
        level,
        status: 'open',
        legalBasis: '《行政许可法》第四十二条',
        summaryZh: '决定超期',
        summary: 'Decision overdue',
        alertVersion: 1,
      },
    },
  };
};

const complaintEvent = (level: AlertLevel, addressee: 'supervisor' | 'department' | 'superior'): ComplaintSignalEvent => ({
  eventId: `TS20261009ABCDEFGH/acceptance-1:${level}`,
  source: 'e-supervision.complaints',
  detailType: 'ComplaintSignalRaised',
  occurredAt: '2026-10-20T00:00:00.000Z',
  detail: {
    version: 1,
    eventId: `TS20261009ABCDEFGH/acceptance-1:${level}`,
    signal: {
      receiptNumber: 'TS20261009ABCDEFGH',
      jurisdiction: 'haishu',
      clock: 'acceptance',
      round: 1,
      timerId: `acceptance-1:${level}`,
      level,
      addressee,
      deadline: '2026-10-16',
      dueAt: '2026-10-20T00:00:00.000Z',
      raisedAt: '2026-10-20T00:00:00.000Z',
    },
  },
});

const supervisionEvent = (level: AlertLevel, addressee: 'department' | 'superior'): SupervisionSignalEvent => ({
  eventId: 'DB-2026-0007/signal/2',
  source: 'e-supervision.supervision',
  detailType: 'SupervisionCaseEscalated',
  occurredAt: '2026-10-01T00:00:00.000Z',
  detail: {
    version: 1,
    eventId: 'DB-2026-0007/signal/2',
    signal: {
      item: 'case',
      number: 'DB-2026-0007',
      jurisdiction: 'haishu',
      rule: 'supervision.case-overdue',
      level,
      addressee,
      deadline: '2026-09-26',
      raisedAt: '2026-10-01T00:00:00.000Z',
    },
  },
});

describe('ingest measurements', () => {
  it('counts accepted, duplicate and refused records for the function and for the department, and refusals per reason that occurred', () => {
    // Act
    const measurements = ingestMeasurements({ department: 'haishu-housing', accepted: 3, duplicates: 1, refused: { schema: 2, classified: 1 } });

    // Assess
    const department = { department: 'haishu-housing' };
    expect(measurements).toEqual([
      { name: 'RecordsAccepted', unit: 'Count', value: 3 },
      { name: 'RecordsDuplicate', unit: 'Count', value: 1 },
      { name: 'RecordsRefused', unit: 'Count', value: 3 },
      { name: 'RecordsAccepted', unit: 'Count', value: 3, dimensions: department },
      { name: 'RecordsDuplicate', unit: 'Count', value: 1, dimensions: department },
      { name: 'RecordsRefused', unit: 'Count', value: 3, dimensions: department },
      { name: 'RecordsRefused', unit: 'Count', value: 2, dimensions: { reason: 'schema' } },
      { name: 'RecordsRefused', unit: 'Count', value: 1, dimensions: { reason: 'classified' } },
    ]);
  });

  it('counts a batch with nothing refused without any reason series', () => {
    // Act
    const measurements = ingestMeasurements({ department: 'haishu-housing', accepted: 2, duplicates: 0, refused: {} });

    // Assess
    expect(measurements.filter((m) => m.dimensions?.['reason'] !== undefined)).toEqual([]);
    expect(measurements.find((m) => m.name === metricNames.recordsRefused)?.value).toBe(0);
  });
});

describe('signal measurements', () => {
  it('counts alerts raised, released and re-opened as raised, escalations at their new level, and nothing else', () => {
    // Prepare
    const events = [
      alertEvent('raised', 'prompt'),
      alertEvent('raised', 'warning'),
      alertEvent('released', 'warning'),
      alertEvent('reopened', 'prompt'),
      alertEvent('escalated', 'correction'),
      alertEvent('resolved', 'warning'),
      alertEvent('held', 'warning'),
      alertEvent('acknowledged', 'prompt'),
    ];

    // Act
    const measurements = signalMeasurements(events);

    // Assess
    expect(measurements).toEqual([
      { name: 'SignalsRaised', unit: 'Count', value: 2, dimensions: { level: 'prompt' } },
      { name: 'SignalsRaised', unit: 'Count', value: 2, dimensions: { level: 'warning' } },
      { name: 'SignalsEscalated', unit: 'Count', value: 1, dimensions: { level: 'correction' } },
    ]);
  });

  it('counts complaint and supervision signals to the superior level as escalations, the others as raised', () => {
    // Act
    const measurements = signalMeasurements([
      complaintEvent('prompt', 'supervisor'),
      complaintEvent('correction', 'superior'),
      supervisionEvent('correction', 'department'),
      supervisionEvent('correction', 'superior'),
    ]);

    // Assess
    expect(measurements).toEqual([
      { name: 'SignalsRaised', unit: 'Count', value: 1, dimensions: { level: 'prompt' } },
      { name: 'SignalsRaised', unit: 'Count', value: 1, dimensions: { level: 'correction' } },
      { name: 'SignalsEscalated', unit: 'Count', value: 2, dimensions: { level: 'correction' } },
    ]);
  });

  it('measures nothing when nothing was raised', () => {
    expect(signalMeasurements([alertEvent('closed', 'prompt')])).toEqual([]);
  });
});

describe('sweep measurements', () => {
  const now = new Date('2026-03-02T02:10:00.000Z');

  it('measures the lag from the earliest due time, the outbox age from the oldest leftover, and the stale feeds', () => {
    // Act
    const measurements = sweepMeasurements({
      now,
      earliestDueAt: '2026-03-02T02:07:30.000Z',
      oldestPendingAt: '2026-03-02T01:55:00.000Z',
      staleDepartments: ['haishu-housing', 'jiangbei-housing'],
    });

    // Assess
    expect(measurements).toEqual([
      { name: 'SweepLag', unit: 'Seconds', value: 150 },
      { name: 'OutboxAge', unit: 'Seconds', value: 900 },
      { name: 'StaleFeeds', unit: 'Count', value: 2 },
    ]);
  });

  it('measures zero lag and zero age when nothing was due or left, so every run reports', () => {
    // Act
    const measurements = sweepMeasurements({ now, earliestDueAt: null, oldestPendingAt: null });

    // Assess
    expect(measurements).toEqual([
      { name: 'SweepLag', unit: 'Seconds', value: 0 },
      { name: 'OutboxAge', unit: 'Seconds', value: 0 },
    ]);
  });

  it('never measures a negative lag when a due time lies ahead of the clock', () => {
    // Act
    const [lag] = sweepMeasurements({ now, earliestDueAt: '2026-03-02T02:10:05.000Z', oldestPendingAt: null });

    // Assess
    expect(lag?.value).toBe(0);
  });
});

describe('staff authentication measurements', () => {
  it('counts one refused token', () => {
    expect(staffUnauthenticatedMeasurement()).toEqual({ name: 'StaffUnauthenticated', unit: 'Count', value: 1 });
  });
});
