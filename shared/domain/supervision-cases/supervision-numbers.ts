/**
 * Numbers of supervision requests (`DQ<yyyymmdd><6>`) and cases (`DB<yyyymmdd><6>`): the Shanghai
 * date they were filed or opened, then six Crockford base32 characters drawn at random.
 */
import { shanghaiDate } from '../calendar/local-date.ts';

const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomLength = 6;

export const supervisionRequestNumberPattern = /^DQ\d{8}[0-9A-HJKMNP-TV-Z]{6}$/;
export const supervisionCaseNumberPattern = /^DB\d{8}[0-9A-HJKMNP-TV-Z]{6}$/;

export type SupervisionNumberPrefix = 'DQ' | 'DB';

/**
 * A new number for an item filed at `at`. `randomBelow(n)` returns a uniform integer in `0..n-1`
 * (the application passes `crypto.randomInt`), which keeps this function pure.
 */
export function supervisionNumber(prefix: SupervisionNumberPrefix, at: string, randomBelow: (n: number) => number): string {
  let random = '';
  for (let i = 0; i < randomLength; i += 1) random += crockfordAlphabet[randomBelow(crockfordAlphabet.length)];
  return `${prefix}${shanghaiDate(at).replaceAll('-', '')}${random}`;
}

/** Which aggregate a number names, from its prefix; undefined for anything else. */
export function supervisionItemKind(number: string): 'request' | 'case' | undefined {
  if (supervisionRequestNumberPattern.test(number)) return 'request';
  if (supervisionCaseNumberPattern.test(number)) return 'case';
  return undefined;
}
