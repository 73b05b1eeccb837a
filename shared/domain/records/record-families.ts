/**
 * The record families the system supervises (Art. 17). Ingest, processing and the sweep find a
 * record's family by its `kind`; adding a family is adding it here.
 */
import { licensingFamily } from '../licensing/licensing-family.ts';
import { disclosureFamily } from '../disclosure/disclosure-family.ts';
import { penaltyFamily } from '../penalty/penalty-family.ts';
import { tenderFamily } from '../tender/tender-family.ts';
import type { MatterBase, RecordBase, RecordFamily } from './record-family.ts';

/** A family with its own types erased, as the use cases handle it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRecordFamily = RecordFamily<any, any, any>;

export const recordFamilies: readonly AnyRecordFamily[] = [licensingFamily, penaltyFamily, tenderFamily, disclosureFamily];

export const recordKinds: readonly string[] = recordFamilies.map((family) => family.kind);

const byKind = new Map(recordFamilies.map((family) => [family.kind, family]));

export function familyOf(kind: unknown): AnyRecordFamily | undefined {
  return typeof kind === 'string' ? byKind.get(kind) : undefined;
}

export type { MatterBase, RecordBase };

export type RecordParse =
  | { readonly ok: true; readonly family: AnyRecordFamily; readonly record: RecordBase }
  | { readonly ok: false; readonly issue: 'unknownKind' }
  | { readonly ok: false; readonly issue: 'invalid'; readonly error: import('zod').ZodError };

/** Validates a raw record against the schema of the family its `kind` names. */
export function parseRecord(raw: unknown): RecordParse {
  const family = familyOf(raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined);
  if (!family) return { ok: false, issue: 'unknownKind' };
  const parsed = family.eventSchema.safeParse(raw);
  return parsed.success ? { ok: true, family, record: parsed.data as RecordBase } : { ok: false, issue: 'invalid', error: parsed.error };
}
