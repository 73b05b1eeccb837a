/** Drawing a new request or case number, again when the repository finds it taken. */
import { randomInt } from 'node:crypto';
import { supervisionNumber, type SupervisionNumberPrefix } from '../../domain/supervision-cases/supervision-numbers.ts';
import type { SupervisionDependencies } from './supervision-dependencies.ts';
import { SupervisionNumberTakenError } from './supervision-repository.ts';

/** Attempts at drawing a free number (1 in 10^9 per day collides; more than one retry means something else is wrong). */
export const numberAttempts = 5;

const itemNames: Record<SupervisionNumberPrefix, string> = { DQ: 'request', DB: 'case' };

/**
 * Runs `store` with a number drawn for an item filed or opened at `at`, and with a fresh one while
 * it throws `SupervisionNumberTakenError`; any other error ends it.
 */
export async function withFreeSupervisionNumber<T>(
  prefix: SupervisionNumberPrefix,
  at: string,
  deps: Pick<SupervisionDependencies, 'randomBelow'>,
  store: (number: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < numberAttempts; attempt += 1) {
    try {
      return await store(supervisionNumber(prefix, at, deps.randomBelow ?? randomInt));
    } catch (error) {
      if (error instanceof SupervisionNumberTakenError) continue;
      throw error;
    }
  }
  throw new Error(`no free supervision ${itemNames[prefix]} number after ${numberAttempts} attempts`);
}
