/**
 * The case engine's own conflict: another writer (a second delivery of the same record, the
 * sweep, a person acting on an alert) committed the case between the engine's reading and its
 * writing. The engine decides that case again on fresh data; it is not an HTTP matter, and
 * reaches a caller only when the case kept changing through every attempt.
 */
import { caseKeyText, type CaseKey } from './case-key.ts';

export class CaseChangedConcurrently extends Error {
  constructor(
    readonly key: CaseKey,
    readonly attempts = 1,
  ) {
    super(`case ${caseKeyText(key)} changed while it was being decided (${attempts} attempt${attempts === 1 ? '' : 's'})`);
    this.name = 'CaseChangedConcurrently';
  }
}
