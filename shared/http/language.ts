/**
 * The language the API speaks to a person: Chinese (zh-CN) unless the request's `Accept-Language`
 * prefers English. Errors and verdicts carry their words in both languages ({@link Bilingual});
 * the edge picks one per request, so use cases never read headers.
 */
import type { Bilingual } from '../domain/bilingual.ts';
import { headerValue } from './header-value.ts';

export type { Bilingual };

export type Language = 'zh-CN' | 'en';

/** Chinese is the language of the administration; English only when asked for. */
export const defaultLanguage: Language = 'zh-CN';

export const inLanguage = (words: Bilingual, language: Language): string => (language === 'en' ? words.en : words.zh);

/** Ranges read from a header; more is noise (or an attempt to make parsing cost). */
const maxRanges = 32;
const qualityValue = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

interface Preference {
  readonly q: number;
  readonly position: number;
}

/**
 * `en` when the header prefers an English range (`en`, `en-US`, …) to every Chinese one (`zh`,
 * `zh-CN`, …): a higher weight, or the same weight listed first. Anything else — no header, no
 * English, `*`, a malformed weight — is zh-CN (RFC 9110 §12.5.4; a malformed range is ignored).
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (acceptLanguage === undefined) return defaultLanguage;
  let english: Preference | undefined;
  let chinese: Preference | undefined;
  acceptLanguage
    .split(',')
    .slice(0, maxRanges)
    .forEach((part, position) => {
      const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim());
      const weight = parameters.length === 0 ? '1' : qualityValue.exec(parameters.join(';'))?.[1];
      if (weight === undefined) return;
      const preference = { q: Number(weight), position };
      const primary = range.toLowerCase().split('-')[0];
      if (primary === 'en' && (english === undefined || preference.q > english.q)) english = preference;
      if (primary === 'zh' && (chinese === undefined || preference.q > chinese.q)) chinese = preference;
    });
  if (english === undefined || english.q === 0) return defaultLanguage;
  if (chinese === undefined) return 'en';
  const prefersEnglish = english.q > chinese.q || (english.q === chinese.q && english.position < chinese.position);
  return prefersEnglish ? 'en' : defaultLanguage;
}

/** The language of an API Gateway request (header names arrive as the client wrote them). */
export const requestLanguage = (event: { readonly headers?: Readonly<Record<string, string | undefined>> | null } | undefined): Language =>
  languageOf(headerValue(event?.headers, 'accept-language'));
