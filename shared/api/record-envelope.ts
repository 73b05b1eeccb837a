import { z } from 'zod';
import { LicensingEvent } from '../domain/licensing/licensing-event.ts';

/** Message format on the records queue (version 1). Validated again by the consumer. */
export const RecordEnvelopeMessage = z.object({
  v: z.literal(1),
  receivedAt: z.iso.datetime({ offset: true }),
  contentHash: z.string().min(1).max(100),
  record: LicensingEvent,
});
