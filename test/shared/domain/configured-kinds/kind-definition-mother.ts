/**
 * Test data for configured kinds: an administrative inspection (行政检查) defined by
 * configuration, and a builder of its records (wire-valid, numbered 1, 2, 3… in call order).
 *
 *   anInspectionCase().started().reported('2025-09-30T10:00:00+08:00').build();
 */
import { configuredFamily } from '#shared/domain/configured-kinds/configured-family.ts';
import type { ConfiguredEvent } from '#shared/domain/configured-kinds/configured-event.ts';
import { KindDefinition } from '#shared/domain/configured-kinds/kind-definition.ts';
import { recordLog, type RecordSeed } from '../../../support/record-builder.ts';

/**
 * An inspection kind: a report within 5 working days of the start (prompt 1 day before), closure
 * within 7 calendar days of the report (prompt 2 days before), at least two inspectors, fines up
 * to 50 000 yuan. A plain object, as a supervisor would submit it.
 */
export function anInspectionDefinition(): Record<string, unknown> {
  return {
    kind: 'inspection',
    name: '行政检查',
    legalBasis: '《某市行政检查办法》',
    version: 2,
    events: [
      { event: 'started', fields: { inspectorCount: 'integer', onSite: 'boolean' } },
      { event: 'reported', fields: { conclusion: 'string', fineYuan: 'number', rectifyBy: 'instant' } },
      { event: 'closed' },
    ],
    rules: [
      {
        type: 'clock',
        ruleId: 'inspection.report-time-limit',
        from: 'started',
        to: 'reported',
        limit: { workingDays: 5 },
        promptBefore: 1,
        level: 'warning',
        legalBasis: '《某市行政检查办法》第十条',
      },
      {
        type: 'clock',
        ruleId: 'inspection.closure-time-limit',
        from: 'reported',
        to: 'closed',
        limit: { calendarDays: 7 },
        promptBefore: 2,
        level: 'correction',
        legalBasis: '《某市行政检查办法》第十二条',
        summary: "Inspection not closed by {deadline} ({limit}); '{to}' is missing.",
      },
      {
        type: 'band',
        ruleId: 'inspection.inspector-count',
        event: 'started',
        field: 'inspectorCount',
        min: 2,
        level: 'correction',
        legalBasis: '《中华人民共和国行政处罚法》第四十二条',
      },
      {
        type: 'band',
        ruleId: 'inspection.fine-band',
        event: 'reported',
        field: 'fineYuan',
        min: 0,
        max: 50_000,
        level: 'warning',
        legalBasis: '《某市行政检查办法》第十五条',
      },
    ],
  };
}

/** A definition with only the report clock, whose findings change only with time. */
export function aReportClockDefinition(): Record<string, unknown> {
  const definition = anInspectionDefinition();
  return { ...definition, rules: (definition.rules as unknown[]).slice(0, 1) };
}

/** A matter of the inspection kind. */
export const anInspectionMatter = {
  department: 'market-regulation',
  matterCode: 'JC-001',
  kind: 'inspection',
  name: '食品经营场所监督检查',
  legalBasis: '《某市行政检查办法》',
} as const;

export interface InspectionCaseBuilder {
  started(at?: string, inspectorCount?: number): InspectionCaseBuilder;
  reported(at: string, fineYuan?: number): InspectionCaseBuilder;
  closed(at: string): InspectionCaseBuilder;
  build(): ConfiguredEvent[];
}

/** Starts an inspection case of `definition` (default: the inspection kind); default start Friday 2025-09-26 10:00. */
export function anInspectionCase(seed: RecordSeed = {}, definition: KindDefinition = KindDefinition.parse(anInspectionDefinition())): InspectionCaseBuilder {
  const family = configuredFamily(definition);
  const log = recordLog(family.eventSchema, definition.kind, seed, { department: 'market-regulation', caseId: 'JC-2025-0007', matterCode: 'JC-001' });
  const push = (at: string, body: Record<string, unknown>): InspectionCaseBuilder => {
    log.append(at, body);
    return builder;
  };
  const builder: InspectionCaseBuilder = {
    started: (at = '2025-09-26T10:00:00+08:00', inspectorCount = 2) => push(at, { event: 'started', inspectorCount, onSite: true }),
    reported: (at, fineYuan = 0) => push(at, { event: 'reported', conclusion: 'no violation found', fineYuan, rectifyBy: '2025-12-31T17:00:00+08:00' }),
    closed: (at) => push(at, { event: 'closed' }),
    build: () => log.build(),
  };
  return builder;
}
