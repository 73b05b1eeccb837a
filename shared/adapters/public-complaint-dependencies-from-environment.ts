/**
 * The dependencies of the complainant's side, composed once per cold start from the function
 * environment: the public filing (new complaints stored, personal data sealed, nothing read
 * back) and the holder of a query token (complaints read and written, personal data sealed and
 * opened). Neither gets the audit store or the notice renderer.
 */
import type { ComplaintFilingDependencies, ComplaintFollowUpDependencies } from '../application/complaints/complaint-dependencies.ts';
import type { PersonalDataProtector, PersonalDataSealer } from '../application/ports.ts';
import { complaintBaseFromEnvironment, protectorOnFirstUse } from './complaint-base-from-environment.ts';

/** The sealing half of a protector, and nothing to open with. */
export const sealerOf = (protector: PersonalDataProtector): PersonalDataSealer => ({
  seal: (fields, context, under) => protector.seal(fields, context, under),
  sealDocument: (bytes, context, under) => protector.sealDocument(bytes, context, under),
  lookupHash: (value) => protector.lookupHash(value),
});

/**
 * The public filing's dependencies: a sealer, not a protector, and the repository typed to save.
 * What keeps the filing from reading is its role (no read of the oversight table, no unwrapping
 * of data keys: `docs/deploy.md` §9); this keeps its code from trying.
 */
export function complaintFilingDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintFilingDependencies> {
  const { keys, base } = complaintBaseFromEnvironment(environment);
  const protector = protectorOnFirstUse(keys);
  return async () => ({ ...base, protector: sealerOf(await protector()) });
}

/** The dependencies of the query-token holder's requests: status, notices, rating, re-opening. */
export function complaintFollowUpDependenciesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): () => Promise<ComplaintFollowUpDependencies> {
  const { keys, base } = complaintBaseFromEnvironment(environment);
  const protector = protectorOnFirstUse(keys);
  return async () => ({ ...base, protector: await protector() });
}
