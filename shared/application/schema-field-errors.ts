/**
 * Schema issues as field errors, in both languages: the words of a refusal of input whose shape a
 * zod schema states. zod's own messages are said again in Chinese by its Chinese locale.
 */
import type { z } from 'zod';
// Only the two languages spoken, never zod's locale index: every locale would land in each bundle.
import englishLocale from 'zod/v4/locales/en.js';
import chineseLocale from 'zod/v4/locales/zh-CN.js';
import type { Bilingual } from '../domain/bilingual.ts';
import type { FieldError } from '../domain/refusal.ts';

const englishMessage = englishLocale().localeError;
const chineseMessage = chineseLocale().localeError;
const hasChinese = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

const messageText = (message: ReturnType<typeof englishMessage>): string | undefined =>
  typeof message === 'string' ? message : (message?.message ?? undefined);

/**
 * A schema's own message, written `中文 / English` (or `中文。/ English`), is read as a pair; one
 * in a single language is said in it either way.
 */
export function wordsOfMessage(message: string): Bilingual {
  const separator = message.indexOf('/ ');
  if (separator > 0) {
    const zh = message.slice(0, separator).trimEnd();
    const en = message.slice(separator + 2).trim();
    if (hasChinese.test(zh) && !hasChinese.test(en) && en !== '') return { zh, en };
  }
  return { zh: message, en: message };
}

/**
 * zod's message for an issue in both languages. A message zod worded itself (the English locale's,
 * which zod uses by default) is worded again by zod's Chinese locale from the same issue; the
 * issue must keep its input for that (`reportInput`, see {@link validationOptions}), as a type
 * refusal names the type received. A schema's own message is read by {@link wordsOfMessage}.
 */
export function wordsOfIssue(issue: z.core.$ZodIssue): Bilingual {
  if (issue.code !== 'custom') {
    const raw = issue as unknown as z.core.$ZodRawIssue;
    if (issue.message === messageText(englishMessage(raw))) return { zh: messageText(chineseMessage(raw)) ?? issue.message, en: issue.message };
  }
  return wordsOfMessage(issue.message);
}

/** Options for a `safeParse` whose issues become field errors: keep each issue's input, so zod's words can be said again in Chinese. */
export const validationOptions = { reportInput: true } as const;

/** Turns zod issues into field errors under a pointer prefix (`/records/0`, `/query`). */
export function fieldErrorsFromZod(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.map((segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1'));
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const pointer = `${prefix}/${path.join('/')}`.replace(/\/$/, '') || '/';
    if (keys.length > 0) {
      // Mass assignment: name the refused fields themselves.
      return {
        pointer: `${pointer === '/' ? '' : pointer}/${keys[0]}`,
        detail: { zh: `不允许的字段：${keys.join('、')}`, en: `field not allowed: ${keys.join(', ')}` },
      };
    }
    return { pointer, detail: wordsOfIssue(issue) };
  });
}
