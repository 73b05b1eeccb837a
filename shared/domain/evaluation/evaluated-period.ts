/**
 * The periods an evaluation covers (Art. 20): a month `YYYY-MM`, a quarter `YYYY-Qn` or a year
 * `YYYY` of Asia/Shanghai, as the statistics sum them. Scoring models are dated by months; a
 * quarter or a year is scored under the one version in force for all its months.
 */
import * as z from 'zod';
import type { Bilingual } from '../bilingual.ts';

export const evaluatedPeriodWords: Bilingual = {
  zh: '应为 2000 年至 2099 年间的月份（YYYY-MM）、季度（YYYY-Qn）或年份（YYYY），如 2027-01、2027-Q1、2027',
  en: 'a month (YYYY-MM), quarter (YYYY-Qn) or year (YYYY) between 2000 and 2099, e.g. 2027-01, 2027-Q1, 2027',
};

export const EvaluatedPeriod = z.string().regex(/^20\d\d(-(0[1-9]|1[0-2])|-Q[1-4])?$/, `${evaluatedPeriodWords.zh} / ${evaluatedPeriodWords.en}`);
