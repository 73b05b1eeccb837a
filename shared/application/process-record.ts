/**
 * Process one queued record.
 * Primary course: store the event under its (case, sequence) key — a re-delivery or re-send
 * finds it already there and changes nothing — then evaluate the case as of now. The
 * evaluation runs even for a duplicate, so a crash between storing and evaluating heals on
 * redelivery.
 */
import type { Clock, RecordEnvelope } from './ports.ts';
import { evaluateCase, type EvaluateCaseDependencies, type EvaluateCaseOutcome } from './evaluate-case.ts';

export interface ProcessRecordDependencies extends EvaluateCaseDependencies {
  readonly clock: Clock;
}

export interface ProcessRecordOutcome {
  readonly stored: 'stored' | 'duplicate' | 'conflict';
  readonly evaluation: EvaluateCaseOutcome;
}

export async function processRecord(envelope: RecordEnvelope, deps: ProcessRecordDependencies): Promise<ProcessRecordOutcome> {
  const { record } = envelope;
  const stored = await deps.cases.storeEvent({ event: record, receivedAt: envelope.receivedAt, contentHash: envelope.contentHash });
  const evaluation = await evaluateCase({ department: record.department, caseId: record.caseId }, deps.clock(), deps);
  return { stored, evaluation };
}
