/**
 * The official a case's signals concern (经办人, Art. 18, 24): the one named by the case's record of
 * the highest sequence that names one, the department's latest word on who handles the case.
 * Order-tolerant: it depends on the set of records, not on the order they arrived in.
 */
import type { RecordBase } from './record-family.ts';

/** The responsible official named by the latest record (by sequence) that names one; undefined when none does. */
export function caseOfficial(records: readonly RecordBase[]): RecordBase['official'] {
  let latest: RecordBase | undefined;
  for (const record of records) {
    if (record.official === undefined) continue;
    if (latest === undefined || record.sequence > latest.sequence) latest = record;
  }
  return latest?.official;
}
