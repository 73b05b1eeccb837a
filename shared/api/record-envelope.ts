import * as z from 'zod';

/**
 * Message format on the records queue (version 1). The record itself is checked again by the
 * consumer against its family's schema (`parseRecord`).
 */
export const RecordEnvelopeMessage = z.object({
  v: z.literal(1),
  receivedAt: z.iso.datetime({ offset: true }),
  contentHash: z.string().min(1).max(100),
  record: z.looseObject({ kind: z.string() }),
});
