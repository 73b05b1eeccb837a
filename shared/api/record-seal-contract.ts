/**
 * What an operator asks the record-seal verifier (`npm run records:verify`, by invoking the
 * `verify-records` function) and what it answers. A request covers at most
 * {@link maxHoursPerRequest} hours; the command asks range after range.
 */
import * as z from 'zod';
import { isSealHour } from '../application/record-seals/record-seal.ts';
import { maxHoursPerRequest } from '../application/record-seals/seal-hours.ts';

/** A UTC hour, `YYYY-MM-DDTHH`. */
export const SealHour = z.string().refine(isSealHour, 'a UTC hour written YYYY-MM-DDTHH');

const hourMs = 3_600_000;

/** An operator's request: the hours from `from` to `to`, both included. */
export const SealVerificationRequest = z.strictObject({
  verify: z
    .strictObject({ from: SealHour, to: SealHour })
    .refine(({ from, to }) => to >= from, { message: 'to may not be before from', path: ['to'] })
    .refine(({ from, to }) => (Date.parse(`${to}:00:00Z`) - Date.parse(`${from}:00:00Z`)) / hourMs < maxHoursPerRequest, {
      message: `at most ${maxHoursPerRequest} hours a request`,
      path: ['to'],
    }),
});
export type SealVerificationRequest = z.infer<typeof SealVerificationRequest>;

/** What a run found (the use case's result, as it crosses the wire). */
export const SealVerificationResponse = z.object({
  hours: z.array(z.object({ hour: z.string(), records: z.number().int(), broken: z.number().int(), complete: z.boolean() })),
  records: z.number().int(),
  broken: z.number().int(),
  brokenRecords: z.array(z.object({ pk: z.string(), sk: z.string(), hour: z.string(), verdict: z.enum(['altered', 'sealMissing']) })),
  deferredHours: z.array(z.string()),
});
export type SealVerificationResponse = z.infer<typeof SealVerificationResponse>;
