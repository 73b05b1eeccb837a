/**
 * Process a batch of queued records.
 * Primary course: group the records by case; evaluate each case once, as of now, with its
 * records as incoming events, which are stored in the same transaction as the case's new state
 * and alerts. A re-delivery or re-send finds its sequence already stored and changes nothing; a
 * crash before the commit leaves nothing half-written, and the redelivered messages complete the
 * work. A case that fails fails only its own messages.
 */
import { caseKeyOf, caseKeyText } from './case-key.ts';
import type { Clock, RecordEnvelope } from './ports.ts';
import { evaluateCase, type EvaluateCaseDependencies, type EvaluateCaseOutcome, type IncomingOutcome } from './evaluate-case.ts';
import { mapConcurrently } from './map-concurrently.ts';

export interface ProcessRecordDependencies extends EvaluateCaseDependencies {
  readonly clock: Clock;
}

export interface ProcessRecordOutcome {
  readonly stored: IncomingOutcome;
  readonly evaluation: EvaluateCaseOutcome;
}

/** Per message (by the caller's id): its outcome, or the error that failed its case. */
export type BatchOutcome<Id> = Map<Id, { ok: true; outcome: ProcessRecordOutcome } | { ok: false; error: unknown }>;

const caseConcurrency = 8;

export async function processRecords<Id>(messages: readonly { id: Id; envelope: RecordEnvelope }[], deps: ProcessRecordDependencies): Promise<BatchOutcome<Id>> {
  const byCase = new Map<string, { id: Id; envelope: RecordEnvelope }[]>();
  for (const message of messages) {
    const key = caseKeyText(caseKeyOf(message.envelope.record));
    byCase.set(key, [...(byCase.get(key) ?? []), message]);
  }
  const results: BatchOutcome<Id> = new Map();
  await mapConcurrently([...byCase.values()], caseConcurrency, async (group) => {
    const first = group[0];
    if (!first) return;
    try {
      const incoming = group.map(({ envelope }) => ({ event: envelope.record, receivedAt: envelope.receivedAt, contentHash: envelope.contentHash }));
      const evaluation = await evaluateCase(caseKeyOf(first.envelope.record), deps.clock(), deps, incoming);
      group.forEach(({ id }, i) => {
        const stored = evaluation.result === 'noEvents' ? 'duplicate' : (evaluation.incoming[i] ?? 'duplicate');
        results.set(id, { ok: true, outcome: { stored, evaluation } });
      });
    } catch (error) {
      for (const { id } of group) results.set(id, { ok: false, error });
    }
  });
  return results;
}

/** One record on its own (tests, tools): the batch path with a batch of one. */
export async function processRecord(envelope: RecordEnvelope, deps: ProcessRecordDependencies): Promise<ProcessRecordOutcome> {
  const result = (await processRecords([{ id: 0, envelope }], deps)).get(0);
  if (!result) throw new Error('record not processed');
  if (!result.ok) throw result.error;
  return result.outcome;
}
