import { describe, expect, it } from 'vitest';
import { parseMatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { PetitionMatter } from '#shared/domain/petition/petition-matter.ts';

const aVersion = (overrides: Record<string, unknown> = {}) => ({
  department: 'housing',
  matterCode: 'XF-001',
  kind: 'petition',
  name: '住房信访',
  legalBasis: '《信访工作条例》',
  version: 1,
  effectiveFrom: '2025-01-01',
  ...overrides,
});

describe('petition catalogue matter', () => {
  it("fills in the regulation's limits, in days", () => {
    // Act
    const matter = PetitionMatter.parse({ department: 'housing', matterCode: 'XF-001', kind: 'petition', name: '住房信访', legalBasis: '《信访工作条例》' });

    // Assess
    expect(matter).toMatchObject({ acceptanceNoticeDays: 15, handlingDays: 60, maxExtensionDays: 30, reviewDays: 30, reReviewDays: 30, promptDaysBefore: 3 });
  });

  it('accepts a version with shorter limits than the law, in force from its date', () => {
    // Act
    const parsed = parseMatterVersion(aVersion({ handlingDays: 45, maxExtensionDays: 15, effectiveFrom: '2026-01-01' }));

    // Assess
    expect(parsed.ok && parsed.version).toMatchObject({ handlingDays: 45, maxExtensionDays: 15, effectiveFrom: '2026-01-01' });
  });

  it.each([
    ['handlingDays', 61, '《信访工作条例》第三十四条：办理期限不得超过 60 日'],
    ['maxExtensionDays', 31, '《信访工作条例》第三十四条：延长办理期限不得超过 30 日'],
    ['acceptanceNoticeDays', 20, '《信访工作条例》第二十三条第二款：受理告知期限不得超过 15 日'],
    ['reviewDays', 45, '《信访工作条例》第三十五条：复查期限不得超过 30 日'],
    ['reReviewDays', 31, '《信访工作条例》第三十六条第一款：复核期限不得超过 30 日'],
  ])('refuses a version whose %s (%i) is longer than the law allows, naming the field and the article', (field, value, words) => {
    // Act
    const parsed = parseMatterVersion(aVersion({ [field]: value }));

    // Assess
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
      { path: [field], message: expect.stringContaining(words) },
    ]);
  });

  it('refuses a limit given in working days where the regulation counts days, naming the field to use', () => {
    // Act
    const parsed = parseMatterVersion(aVersion({ handlingWorkingDays: 60 }));

    // Assess
    expect(!parsed.ok && parsed.issues).toEqual([
      expect.objectContaining({
        path: ['handlingWorkingDays'],
        words: {
          zh: '该期限依法按日计算，不按工作日计算：应使用字段 handlingDays',
          en: 'the law counts this limit in days (日), not working days: use handlingDays',
        },
      }),
    ]);
  });

  it('refuses a day count for a disclosure limit the regulations count in working days', () => {
    // Act
    const parsed = parseMatterVersion({
      department: 'housing',
      matterCode: 'GK-001',
      kind: 'disclosure',
      name: '信息公开',
      legalBasis: '《政府信息公开条例》',
      version: 1,
      effectiveFrom: '2025-01-01',
      replyDays: 20,
    });

    // Assess
    expect(!parsed.ok && parsed.issues).toEqual([
      expect.objectContaining({
        path: ['replyDays'],
        words: {
          zh: '该期限依法按工作日计算，不按日计算：应使用字段 replyWorkingDays',
          en: 'the law counts this limit in working days (工作日), not days: use replyWorkingDays',
        },
      }),
    ]);
  });
});
