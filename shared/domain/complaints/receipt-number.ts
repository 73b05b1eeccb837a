/**
 * Complaint receipt numbers (受理编号): `TS<yyyymmdd><8 Crockford base32 characters>`, e.g.
 * `TS20261009K7M2Q9XA`. The date is the Shanghai date of receipt; the random part (40 bits) is
 * drawn by the caller, so this module stays pure.
 */
import * as z from 'zod';
import type { LocalDate } from '../calendar/local-date.ts';

/** Crockford's base32 alphabet: no I, L, O or U, so a number read aloud or copied by hand survives. */
export const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Length of the random part. */
export const receiptRandomLength = 8;

const pattern = /^TS20\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])[0-9A-HJKMNP-TV-Z]{8}$/;

/** A receipt number as it appears in paths. */
export const ReceiptNumber = z.string().regex(pattern, '应为投诉受理编号，如 TS20261009K7M2Q9XA / a receipt number such as TS20261009K7M2Q9XA');
export type ReceiptNumber = z.infer<typeof ReceiptNumber>;

export const isReceiptNumber = (text: string): boolean => pattern.test(text);

/**
 * The receipt number of a complaint received on `receivedOn`, with the random part chosen by
 * `indices` (each 0..31, one per character).
 */
export function receiptNumberFor(receivedOn: LocalDate, indices: readonly number[]): string {
  if (indices.length !== receiptRandomLength || indices.some((i) => !Number.isInteger(i) || i < 0 || i > 31)) {
    throw new RangeError(`a receipt number needs ${receiptRandomLength} indices in 0..31`);
  }
  return `TS${receivedOn.replaceAll('-', '')}${indices.map((i) => crockfordAlphabet[i]).join('')}`;
}
