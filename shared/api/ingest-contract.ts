/**
 * Wire contract of `POST /v1/records`. The OpenAPI document is generated from these schemas.
 *
 * Limits: at most {@link ingestLimits.maxRecords} records and {@link ingestLimits.maxBodyBytes}
 * bytes a request. A record naming another department refuses the whole batch (403, nothing
 * stored); every other refusal is per record, with its own problem.
 */
import * as z from 'zod';

export const ingestLimits = { maxRecords: 100, maxBodyBytes: 256 * 1024 } as const;

export const IngestBatchRequest = z.strictObject({
  records: z
    .array(z.unknown())
    .min(1, '至少一条记录 / at least one record')
    .max(ingestLimits.maxRecords, `每批至多 ${ingestLimits.maxRecords} 条记录 / at most ${ingestLimits.maxRecords} records a batch`),
});

export const RecordVerdict = z.object({
  index: z.number().int(),
  status: z.enum(['accepted', 'duplicate', 'refused']),
  caseId: z.string().optional(),
  sequence: z.number().int().optional(),
  problem: z
    .object({
      /** The section of the problem documentation for this refusal. */
      type: z.string(),
      status: z.number().int(),
      title: z.string(),
      errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
    })
    .optional(),
});
export type RecordVerdict = z.infer<typeof RecordVerdict>;

export const IngestBatchResponse = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  results: z.array(RecordVerdict),
});
export type IngestBatchResponse = z.infer<typeof IngestBatchResponse>;
