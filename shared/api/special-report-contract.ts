/**
 * Wire contract of the special reports (专项报告, Art. 21 ¶2); the OpenAPI document is generated
 * from these schemas. A draft's body is checked in the use case (whose report it is decides
 * first), with the same schema.
 */
import * as z from 'zod';
import { EvaluatedPeriod, evaluatedPeriodWords } from '../domain/evaluation/evaluated-period.ts';
import { ModelOwner } from '../domain/evaluation/scoring-model.ts';
import { PatternThresholds } from '../domain/special-reports/pattern-thresholds.ts';
import { SpecialReportContent, specialReportStatuses } from '../domain/special-reports/special-report.ts';
import { InstantView } from './instant-view.ts';

export const specialReportLimits = { maxBodyBytes: 256 * 1024 } as const;

/** The reports of an owner's period: `?owner=&period=`. */
export const ListSpecialReportsQuery = z.strictObject({ owner: ModelOwner, period: EvaluatedPeriod });

/** A report's id as it is written: `<owner>.<period>.<number>`. */
export const specialReportId = (report: { readonly owner: string; readonly period: string; readonly id: number }): string =>
  `${report.owner}.${report.period}.${report.id}`;

/**
 * The report a path names, `<owner>.<period>.<number>` (e.g. `city.2026-12.1`; an owner id has no
 * dot). Each part is checked on its own, so a refusal says which is wrong.
 */
export const SpecialReportId = z
  .string()
  .max(100, '至多 100 个字符 / at most 100 characters')
  .transform((value, context) => {
    const [owner = '', period = '', id = ''] = value.split('.');
    if (value.split('.').length !== 3 || !ModelOwner.safeParse(owner).success) {
      context.addIssue({
        code: 'custom',
        message:
          '应为“所属.期间.编号”，所属为 city 或区（县、市）编号，如 city.2026-12.1 / `<owner>.<period>.<number>`, the owner `city` or a district, e.g. city.2026-12.1',
      });
    } else if (!EvaluatedPeriod.safeParse(period).success) {
      context.addIssue({ code: 'custom', message: `期间部分${evaluatedPeriodWords.zh} / the period part must be ${evaluatedPeriodWords.en}` });
    } else if (!/^[1-9]\d{0,8}$/.test(id)) {
      context.addIssue({ code: 'custom', message: '编号部分应为正整数 / the number part must be a positive integer' });
    }
    return { owner, period, id: Number(id) };
  })
  .meta({ description: '专项报告编号“所属.期间.编号”，如 city.2026-12.1 / The report id `<owner>.<period>.<number>`, e.g. city.2026-12.1' });

export const SpecialReportPath = z.strictObject({ report: SpecialReportId });

export const DraftSpecialReportBody = z
  .strictObject({ owner: ModelOwner, period: EvaluatedPeriod, thresholds: PatternThresholds.default(PatternThresholds.parse({})) })
  .describe(
    '起草专项报告：`city` 或区（县、市）的编号，已开始的月份、季度或年份，及判定标准（可选，各有默认值） / Draft a special report: whose (`city` or a district), a month, quarter or year that has begun, and the thresholds (optional, each with a default)',
  );
const expectedVersion = z.number().int().min(1);

/** A step on a report: new words for its draft, or its issue; each at the version the supervisor read. */
export const SpecialReportStepBody = z
  .discriminatedUnion('step', [
    SpecialReportContent.extend({ step: z.literal('edit'), expectedVersion }),
    z.strictObject({ step: z.literal('issue'), expectedVersion }),
  ])
  .describe(
    '对报告的一步：edit 修改草稿文字，issue 印发；均须提交所读版本 / A step on a report: `edit` its draft’s words, or `issue` it; each with the version read',
  );

const DepartmentBreachView = z.object({ department: z.string(), name: z.string(), jurisdiction: z.string(), count: z.number().int() });

const WidespreadView = z.object({
  kind: z.literal('widespread'),
  ruleId: z.string(),
  article: z.string().nullable().describe('该规则默认引用的条款；未登记为 null / The article the rule cites by default; null when unknown'),
  count: z.number().int().describe('本期该规则的信号数 / The rule’s signals in the period'),
  departments: z.array(DepartmentBreachView),
  districts: z.array(z.object({ jurisdiction: z.string(), departments: z.number().int(), count: z.number().int() })),
  met: z.object({ departments: z.boolean(), districts: z.boolean() }),
});

const SharpRiseView = z.object({
  kind: z.literal('sharpRise'),
  scope: z.discriminatedUnion('level', [
    z.object({ level: z.literal('owner'), owner: z.string() }),
    z.object({ level: z.literal('department'), department: z.string(), name: z.string(), jurisdiction: z.string() }),
  ]),
  ruleId: z.string().nullable().describe('上升的规则；null 为全部信号 / The rule whose signals rose; null: all signals'),
  article: z.string().nullable(),
  current: z.number().int(),
  previous: z
    .array(z.object({ period: z.string(), count: z.number().int() }))
    .describe('前几期的信号数，由近及远 / The previous periods’ counts, nearest first'),
  baseline: z.number().describe('前几期平均数，两位小数 / Their mean, two decimals'),
  risePercent: z
    .number()
    .nullable()
    .describe('高出平均数的百分比，一位小数；平均数为 0 时为 null / Percent above the mean, one decimal; null from a zero mean'),
});

export const SpecialReportView = z.object({
  report: z.string().describe('报告编号，用于其后各步 / The report id, for the steps on it'),
  owner: z.string(),
  period: z.string(),
  id: z.number().int(),
  version: z.number().int().describe('修改、印发时须提交所读版本 / Send the version read to edit or issue'),
  status: z.enum(specialReportStatuses).describe('draft 草稿（可修改）；issued 已印发（不再修改） / draft: editable; issued: final'),
  thresholds: PatternThresholds,
  comparedWith: z.array(z.string()),
  findings: z.array(z.discriminatedUnion('kind', [WidespreadView, SharpRiseView])),
  omittedFindings: z.number().int(),
  content: SpecialReportContent,
  draftedAt: InstantView,
  draftedBy: z.string(),
  editedAt: InstantView.optional(),
  editedBy: z.string().optional(),
  issuedAt: InstantView.optional(),
  issuedBy: z.string().optional(),
});

export const SpecialReportsView = z.object({ owner: z.string(), period: z.string(), reports: z.array(SpecialReportView) });
