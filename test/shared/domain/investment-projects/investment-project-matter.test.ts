import { describe, expect, it } from 'vitest';
import { parseMatterVersion } from '#shared/domain/catalogue/matter-version.ts';
import { InvestmentProjectMatter } from '#shared/domain/investment-projects/investment-project-matter.ts';

const aVersion = (overrides: Record<string, unknown> = {}) => ({
  department: 'development-reform',
  matterCode: 'ZFTZ-001',
  kind: 'investmentProject',
  name: '政府投资项目',
  legalBasis: '《政府投资条例》',
  version: 1,
  effectiveFrom: '2025-01-01',
  ...overrides,
});

describe('government investment project catalogue matter', () => {
  it("fills in the law's figures: no tolerance above the estimate, tendering from 4 000 000 yuan (goods 2 000 000, services 1 000 000), final accounts in 3 months", () => {
    // Act
    const matter = InvestmentProjectMatter.parse({
      department: 'development-reform',
      matterCode: 'ZFTZ-001',
      kind: 'investmentProject',
      name: '政府投资项目',
      legalBasis: '《政府投资条例》',
    });

    // Assess
    expect(matter).toEqual(
      expect.objectContaining({
        proposalRequired: true,
        overrunToleranceBasisPoints: 0,
        estimatePromptBasisPoints: 9_500,
        constructionTenderThresholdFen: 400_000_000,
        goodsTenderThresholdFen: 200_000_000,
        servicesTenderThresholdFen: 100_000_000,
        finalAccountsMonths: 3,
        maxFinalAccountsExtensionMonths: 2,
        promptDaysBefore: 15,
      }),
    );
    expect(matter.acceptanceDays).toBeUndefined();
  });

  it('accepts a stricter version: a lower threshold, a shorter limit, an acceptance limit of its own, in force from its date', () => {
    // Act
    const parsed = parseMatterVersion(
      aVersion({
        constructionTenderThresholdFen: 200_000_000,
        goodsTenderThresholdFen: 100_000_000,
        servicesTenderThresholdFen: 1,
        finalAccountsMonths: 2,
        acceptanceDays: 60,
        maxFinalAccountsExtensionMonths: 6,
        effectiveFrom: '2026-01-01',
      }),
    );

    // Assess
    expect(parsed.ok && parsed.version).toMatchObject({
      constructionTenderThresholdFen: 200_000_000,
      goodsTenderThresholdFen: 100_000_000,
      servicesTenderThresholdFen: 1,
      finalAccountsMonths: 2,
      acceptanceDays: 60,
      version: 1,
    });
  });

  it.each([
    ['overrunToleranceBasisPoints', 500, '《政府投资条例》第二十三条：建设投资不得超过经核定的投资概算'],
    ['constructionTenderThresholdFen', 400_000_001, '《必须招标的工程项目规定》（国家发展和改革委员会令第16号）第五条'],
    ['goodsTenderThresholdFen', 200_000_001, '第五条：重要设备、材料等货物采购单项合同估算价 200 万元以上的必须招标'],
    ['servicesTenderThresholdFen', 100_000_001, '第五条：勘察、设计、监理等服务采购单项合同估算价 100 万元以上的必须招标'],
    ['finalAccountsMonths', 4, '财建〔2016〕503号）第二条：竣工财务决算应在 3 个月内编报'],
    ['maxFinalAccountsExtensionMonths', 7, '大型项目不得超过 6 个月'],
  ])('refuses a version whose %s (%i) the law does not allow, naming the field and the article', (field, value, words) => {
    // Act
    const parsed = parseMatterVersion(aVersion({ [field]: value }));

    // Assess
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
      { path: [field], message: expect.stringContaining(words) },
    ]);
  });

  it('refuses an acceptance limit in working days, naming the field to use', () => {
    // Act
    const parsed = parseMatterVersion(aVersion({ acceptanceWorkingDays: 30 }));

    // Assess
    expect(!parsed.ok && parsed.issues.map((issue) => issue.words.zh)).toEqual(['该期限依法按日计算，不按工作日计算：应使用字段 acceptanceDays']);
  });
});
