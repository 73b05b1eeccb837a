/**
 * Process a batch of queued records.
 * Primary course: the records become the incoming events of their cases, and the case engine
 * gathers, decides and commits the whole batch (each case once, with all its records, stored in
 * the same transaction as the case's new state and alerts). A re-delivery or re-send finds its
 * sequence already stored and changes nothing; a crash before the commit leaves nothing
 * half-written, and the redelivered messages complete the work. A case that fails fails only its
 * own messages.
 */
import { caseKeyOf, caseKeyText } from './case-key.ts';
import type { CaseEngine, EngineRun, EvaluateCaseOutcome, IncomingOutcome } from './case-engine.ts';
import type { Clock, RecordEnvelope } from './ports.ts';

export interface ProcessRecordDependencies {
  readonly engine: CaseEngine;
  readonly clock: Clock;
}

export interface ProcessRecordOutcome {
  readonly stored: IncomingOutcome;
  readonly evaluation: EvaluateCaseOutcome;
}

/** Per message (by the caller's id): its outcome, or the error that failed its case. */
export type BatchOutcome<Id> = Map<Id, { ok: true; outcome: ProcessRecordOutcome } | { ok: false; error: unknown }>;

export interface ProcessedBatch<Id> {
  readonly messages: BatchOutcome<Id>;
  /** The engine's run: every alert event committed, and whether publishing them failed. */
  readonly run: EngineRun;
}

export async function processRecordBatch<Id>(
  messages: readonly { id: Id; envelope: RecordEnvelope }[],
  deps: ProcessRecordDependencies,
): Promise<ProcessedBatch<Id>> {
  const incoming = messages.map(({ envelope }) => ({
    key: caseKeyOf(envelope.record),
    incoming: [{ event: envelope.record, receivedAt: envelope.receivedAt, contentHash: envelope.contentHash }],
  }));
  const run = await deps.engine.run(incoming, deps.clock());
  // Each message's place among its case's incoming events, in batch order (how the engine merged them).
  const seen = new Map<string, number>();
  const outcomes: BatchOutcome<Id> = new Map();
  for (const { id, envelope } of messages) {
    const caseId = caseKeyText(caseKeyOf(envelope.record));
    const position = seen.get(caseId) ?? 0;
    seen.set(caseId, position + 1);
    const result = run.results.get(caseId);
    if (!result) outcomes.set(id, { ok: false, error: new Error('record not processed') });
    else if (!result.ok) outcomes.set(id, { ok: false, error: result.error });
    else {
      const evaluation = result.outcome;
      const stored = evaluation.result === 'noEvents' ? 'duplicate' : (evaluation.incoming[position] ?? 'duplicate');
      outcomes.set(id, { ok: true, outcome: { stored, evaluation } });
    }
  }
  return { messages: outcomes, run };
}

export async function processRecords<Id>(
  messages: readonly { id: Id; envelope: RecordEnvelope }[],
  deps: ProcessRecordDependencies,
): Promise<BatchOutcome<Id>> {
  return (await processRecordBatch(messages, deps)).messages;
}

/** One record on its own (tests, tools): the batch path with a batch of one. */
export async function processRecord(envelope: RecordEnvelope, deps: ProcessRecordDependencies): Promise<ProcessRecordOutcome> {
  const result = (await processRecords([{ id: 0, envelope }], deps)).get(0);
  if (!result) throw new Error('record not processed');
  if (!result.ok) throw result.error;
  return result.outcome;
}
