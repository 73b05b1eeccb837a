/**
 * Process one queued record.
 * Primary course: evaluate the record's case as of now with the record as its incoming event;
 * the event is stored in the same transaction as the case's new state and alerts. A re-delivery
 * or re-send finds its sequence already stored and changes nothing; a crash before the commit
 * leaves nothing half-written, and the redelivered message completes the work.
 */
import { caseKeyOf } from './case-key.ts';
import type { Clock, RecordEnvelope } from './ports.ts';
import { evaluateCase, type EvaluateCaseDependencies, type EvaluateCaseOutcome, type IncomingOutcome } from './evaluate-case.ts';

export interface ProcessRecordDependencies extends EvaluateCaseDependencies {
  readonly clock: Clock;
}

export interface ProcessRecordOutcome {
  readonly stored: IncomingOutcome;
  readonly evaluation: EvaluateCaseOutcome;
}

export async function processRecord(envelope: RecordEnvelope, deps: ProcessRecordDependencies): Promise<ProcessRecordOutcome> {
  const { record } = envelope;
  const evaluation = await evaluateCase(caseKeyOf(record), deps.clock(), deps, {
    event: record,
    receivedAt: envelope.receivedAt,
    contentHash: envelope.contentHash,
  });
  const stored = evaluation.result === 'noEvents' ? 'duplicate' : (evaluation.incoming ?? 'duplicate');
  return { stored, evaluation };
}
