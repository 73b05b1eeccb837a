/**
 * What must never appear in a log line: a resident identity number (valid check character), a
 * mobile phone number, a JWT, a secret of the shape of a query token or API key, or a name or
 * address the suite filed a complaint with.
 */
import { identityCheckCharacter } from '#shared/domain/complaints/resident-identity-number.ts';

export type PersonalDataKind = 'identity number' | 'phone number' | 'JWT' | 'secret token' | 'complainant';

export interface PersonalDataFinding {
  readonly kind: PersonalDataKind;
  readonly text: string;
}

const identityNumbers = /(?<![\dA-Za-z])[1-9]\d{16}[\dXx](?![\dA-Za-z])/g;
const phoneNumbers = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const jwts = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g;
/** A query token (32 base64url characters) or an API key (40 letters and digits), standing alone. */
const secretTokens = /(?<![\w-])(?:[\w-]{32}|[A-Za-z\d]{40})(?![\w-])/g;
/** Random secrets mix cases and digits; hex digests, names and words do not. */
const looksRandom = (text: string): boolean => /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);

/** Request and trace ids: their last group may end in eleven digits that look like a phone number. */
const uuids = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/gi;

/** Every piece of personal data or secret in one log line. */
export function personalDataIn(logLine: string, complainantTexts: readonly string[]): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const line = logLine.replace(uuids, '<uuid>');
  for (const [match] of line.matchAll(identityNumbers)) {
    if (identityCheckCharacter(match.slice(0, 17)) === match[17]!.toUpperCase()) findings.push({ kind: 'identity number', text: match });
  }
  for (const [match] of line.matchAll(phoneNumbers)) findings.push({ kind: 'phone number', text: match });
  for (const [match] of line.matchAll(jwts)) findings.push({ kind: 'JWT', text: match });
  for (const [match] of line.matchAll(secretTokens)) if (looksRandom(match)) findings.push({ kind: 'secret token', text: match });
  for (const text of complainantTexts) if (logLine.includes(text)) findings.push({ kind: 'complainant', text });
  return findings;
}
