/**
 * The ingest's 202 body as the department reads it: each refused record's refusal as a problem
 * (`type`, `title`, `status`, `errors`) in the request's language, with the status of its kind.
 */
import type { IngestBatchResponse } from '../api/ingest-contract.ts';
import type { DecidedBatch } from '../application/ingest-records.ts';
import { statusOfRefusal } from './http-error-mapper.ts';
import type { Language } from './language.ts';
import { renderProblem } from './problem.ts';

export function batchResponseIn(batch: DecidedBatch, language: Language): IngestBatchResponse {
  return {
    ...batch,
    results: batch.results.map(({ problem, ...verdict }) => {
      if (problem === undefined) return verdict;
      const { type, title, status, errors } = renderProblem({ ...problem, status: statusOfRefusal[problem.kind] }, language);
      return { ...verdict, problem: { type, status, title, ...(errors === undefined ? {} : { errors: [...errors] }) } };
    }),
  };
}
