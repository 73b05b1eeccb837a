/**
 * The wire fields every record of every family carries, to spread into each variant of the
 * family's strict event schema (the family adds its `event` literal and its own fields).
 */
import * as z from 'zod';
import { CaseId, DepartmentId, Instant, MatterCode, ResponsibleOfficial, Sequence } from './identifiers.ts';

/** Data classification a record may declare; classified levels are refused before parsing. */
const RecordClassification = z.enum(['public', 'internal']);

/** The shape `recordFields(kind)` returns. */
export interface RecordFields<K extends string> {
  kind: z.ZodLiteral<K>;
  department: typeof DepartmentId;
  matterCode: typeof MatterCode;
  caseId: typeof CaseId;
  sequence: typeof Sequence;
  occurredAt: typeof Instant;
  classification: z.ZodOptional<typeof RecordClassification>;
  official: z.ZodOptional<typeof ResponsibleOfficial>;
}

/** The common fields of a record of family `kind`, as a zod shape: `z.strictObject({ ...recordFields('penalty'), event: ... })`. */
export function recordFields<K extends string>(kind: K): RecordFields<K> {
  return {
    kind: z.literal(kind),
    department: DepartmentId,
    matterCode: MatterCode,
    caseId: CaseId,
    sequence: Sequence,
    occurredAt: Instant,
    /** Data classification of the record; classified levels are refused before anything else. */
    classification: RecordClassification.optional(),
    /** The official responsible for the act (经办人): a staff id and a name (personal data). */
    official: ResponsibleOfficial.optional(),
  };
}
