/**
 * The skeleton every record family's test-data builder ("object mother") shares: the case's
 * identity from a seed or the family's defaults, events numbered 1, 2, 3… in the order they are
 * appended, each parsed with the family's wire schema so it comes out wire-valid.
 */
import type { z } from 'zod';

/** Identity a test may choose for a case; what it leaves out comes from the family's defaults. */
export interface RecordSeed {
  readonly department?: string;
  readonly caseId?: string;
  readonly matterCode?: string;
  readonly classification?: 'public' | 'internal';
}

/** A family's default case identity. */
export interface RecordIdentity {
  readonly department: string;
  readonly caseId: string;
  readonly matterCode: string;
}

/** The events of one case, as a builder appends them. */
export interface RecordLog<E> {
  /** Appends the next event (sequence n + 1) at `occurredAt`; throws when it is not wire-valid. */
  append(occurredAt: string, body: Readonly<Record<string, unknown>>): void;
  /** Copies of the events as appended, sequence 1..n. */
  build(): E[];
}

/** Starts the log of one case of family `kind`, whose records `schema` validates. */
export function recordLog<E>(schema: z.ZodType<E>, kind: string, seed: RecordSeed, defaults: RecordIdentity): RecordLog<E> {
  const department = seed.department ?? defaults.department;
  const caseId = seed.caseId ?? defaults.caseId;
  const matterCode = seed.matterCode ?? defaults.matterCode;
  const events: E[] = [];
  return {
    append(occurredAt, body) {
      events.push(
        schema.parse({
          kind,
          department,
          matterCode,
          caseId,
          sequence: events.length + 1,
          occurredAt,
          ...(seed.classification === undefined ? {} : { classification: seed.classification }),
          ...body,
        }),
      );
    },
    build: () => events.map((event) => ({ ...event })),
  };
}
