import { randomInt } from 'node:crypto';
import { shanghaiDate } from '../../domain/calendar/local-date.ts';
import { receiptNumberFor, receiptRandomLength } from '../../domain/complaints/receipt-number.ts';

/** A fresh receipt number for a complaint received at `at` (40 random bits; a taken one is drawn again by the caller). */
export function drawReceiptNumber(at: Date): string {
  return receiptNumberFor(
    shanghaiDate(at),
    Array.from({ length: receiptRandomLength }, () => randomInt(32)),
  );
}
