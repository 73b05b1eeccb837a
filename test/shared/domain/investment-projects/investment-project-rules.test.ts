import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { epochDayOf, localDateOfEpochDay } from '#shared/domain/calendar/local-date.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldInvestmentProject } from '#shared/domain/investment-projects/investment-project-case.ts';
import type { InvestmentProjectMatter } from '#shared/domain/investment-projects/investment-project-matter.ts';
import { addMonthsToEpochDay, evaluateInvestmentProject } from '#shared/domain/investment-projects/investment-project-rules.ts';
import { anInvestmentProject, anInvestmentProjectMatter, type InvestmentProjectBuilder } from './investment-project-event-mother.ts';

const matter = anInvestmentProjectMatter();

const evaluate = (builder: InvestmentProjectBuilder, asOf: string, projectMatter: InvestmentProjectMatter = matter) =>
  evaluateInvestmentProject(foldInvestmentProject(builder.build()), projectMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);
const only = (findings: readonly Finding[], ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);
const deadline = (date: string, provisional = false) => ({ date, at: `${date}T15:59:59.999Z`, provisional });

/** Approved through design (estimate 10 000 000.00 yuan), tendered and started Monday 2 September 2024. */
const aStartedProject = (): InvestmentProjectBuilder =>
  anInvestmentProject().approvedThroughDesign().tendered('2024-08-01T10:00:00+08:00').started('2024-09-02T09:00:00+08:00', 800_000_000);

describe('a clean project', () => {
  it('raises nothing from approval to final accounts in time and within the estimate', () => {
    // Act: completed Monday 30 June 2025; final accounts due three months later, Tuesday 30 September
    const { findings, deadlines, nextCheckAt } = evaluate(
      aStartedProject()
        .investmentReported('2025-03-31T18:00:00+08:00', 600_000_000)
        .completed('2025-06-30T17:00:00+08:00')
        .accepted('2025-08-15T10:00:00+08:00')
        .finalAccounts('2025-09-26T10:00:00+08:00', 980_000_000),
      '2025-10-10T10:00:00+08:00',
    );

    // Assess
    expect(findings).toEqual([]);
    expect(deadlines).toMatchObject({
      estimateFen: 1_000_000_000,
      investmentToDateFen: 600_000_000,
      finalAccounts: deadline('2025-09-30'),
      finalAccountsOutermost: deadline('2025-12-01'),
      acceptance: null,
    });
    expect(nextCheckAt).toBeNull();
  });
});

describe('investment beyond the approved estimate (条例第二十三条)', () => {
  it('corrects investment above the estimate with no adjustment asked for, naming the excess', () => {
    // Act
    const { findings } = evaluate(aStartedProject().investmentReported('2025-03-31T18:00:00+08:00', 1_050_000_000), '2025-04-01T10:00:00+08:00');

    // Assess: 10 500 000.00 − 10 000 000.00 = 500 000.00 yuan
    expect(levelsOf(findings)).toEqual(['investmentProject.budget-estimate:correction']);
    const [finding] = findings;
    expect(finding?.legalBasis).toBe('《政府投资条例》第二十三条');
    expect(finding?.message).toEqual({
      key: 'investmentProject.budget-estimate.exceeded',
      params: { on: '2025-03-31', investmentFen: 1_050_000_000, estimateFen: 1_000_000_000, excessFen: 50_000_000 },
    });
    expect(renderMessage(finding!.message!, 'zh')).toBe(
      '2025-03-31 累计投资 10500000.00 元，超过核定概算 10000000.00 元（超出 500000.00 元），且未申请调整概算。',
    );
  });

  it('warns, not corrects, when an adjustment was requested but not yet approved', () => {
    // Act
    const { findings } = evaluate(
      aStartedProject().adjustmentRequested('2025-03-01T10:00:00+08:00', 'TZ-1', 1_100_000_000).investmentReported('2025-03-31T18:00:00+08:00', 1_050_000_000),
      '2025-04-01T10:00:00+08:00',
    );

    // Assess
    expect(levelsOf(findings)).toEqual(['investmentProject.budget-estimate:warning']);
    expect(findings[0]?.message?.key).toBe('investmentProject.budget-estimate.exceeded-pending');
  });

  it('judges each report by the estimate in force when it was made: an adjustment approved first covers it, with a prompt near the new estimate', () => {
    // Act: approved at 11 000 000.00 yuan on 20 March; 10 500 000.00 is 95.45 % of it
    const covered = evaluate(
      aStartedProject()
        .adjustmentRequested('2025-03-01T10:00:00+08:00', 'TZ-1', 1_100_000_000)
        .adjustmentApproved('2025-03-20T10:00:00+08:00', 'TZ-1', 1_100_000_000)
        .investmentReported('2025-03-31T18:00:00+08:00', 1_050_000_000),
      '2025-04-01T10:00:00+08:00',
    );
    const approvedLater = evaluate(
      aStartedProject()
        .adjustmentRequested('2025-03-01T10:00:00+08:00', 'TZ-1', 1_100_000_000)
        .investmentReported('2025-03-31T18:00:00+08:00', 1_050_000_000)
        .adjustmentApproved('2025-04-20T10:00:00+08:00', 'TZ-1', 1_100_000_000),
      '2025-05-01T10:00:00+08:00',
    );

    // Assess
    expect(covered.findings.map((f) => [f.level, f.message?.key])).toEqual([['prompt', 'investmentProject.budget-estimate.approaching']]);
    expect(covered.deadlines.estimateFen).toBe(1_100_000_000);
    expect(levelsOf(approvedLater.findings)).toEqual(['investmentProject.budget-estimate:warning']);
  });

  it('judges the final cost too, and no longer prompts once the accounts are closed', () => {
    // Act
    const over = evaluate(
      aStartedProject().completed('2025-06-30T17:00:00+08:00').accepted('2025-08-15T10:00:00+08:00').finalAccounts('2025-09-26T10:00:00+08:00', 1_000_000_001),
      '2025-10-10T10:00:00+08:00',
    );

    // Assess
    expect(over.findings[0]?.message?.params).toMatchObject({ on: '2025-09-26', excessFen: 1 });
  });
});

describe('a design estimate more than 10 % above the feasibility estimate (条例第十二条第二款)', () => {
  const approved = (feasibilityFen: number, estimateFen: number) =>
    anInvestmentProject()
      .proposalApproved()
      .feasibilityApproved('2024-05-06T10:00:00+08:00', feasibilityFen)
      .designApproved('2024-07-01T10:00:00+08:00', estimateFen);

  it('warns when the estimate passes 110 % of the feasibility estimate, and not at exactly 110 %', () => {
    // Act: feasibility 10 000 000.00 yuan; 11 000 000.00 is exactly 10 % more, one fen above it is more than 10 %
    const atTen = evaluate(approved(1_000_000_000, 1_100_000_000), '2024-07-02T10:00:00+08:00');
    const aboveTen = evaluate(approved(1_000_000_000, 1_100_000_001), '2024-07-02T10:00:00+08:00');

    // Assess
    expect(atTen.findings).toEqual([]);
    expect(aboveTen.findings).toEqual([
      expect.objectContaining({
        ruleId: 'investmentProject.design-over-feasibility',
        level: 'warning',
        legalBasis: '《政府投资条例》第十二条第二款',
        message: {
          key: 'investmentProject.design-over-feasibility',
          params: { estimateFen: 1_100_000_001, feasibilityFen: 1_000_000_000, excessFen: 100_000_001, percent: 10 },
        },
      }),
    ]);
    expect(renderMessage(aboveTen.findings[0]?.message ?? { key: '', params: {} }, 'zh')).toBe(
      '初步设计提出的投资概算 11000000.01 元超过经批准的可行性研究报告投资估算 10000000.00 元的 10%（超出 1000000.01 元），项目单位应当向投资主管部门报告，投资主管部门可以要求重新报送可行性研究报告。',
    );
  });

  it('compares exactly at the largest amounts, where eleven times the estimate is past 2^53', () => {
    // Act: 10^15 fen against 909 090 909 090 909 fen: 110 % of it is 999 999 999 999 999.9, one tenth of a fen below
    const above = evaluate(approved(909_090_909_090_909, 1_000_000_000_000_000), '2024-07-02T10:00:00+08:00');
    // 110 % of 909 090 909 090 910 is 1 000 000 000 000 001: not exceeded
    const within = evaluate(approved(909_090_909_090_910, 1_000_000_000_000_000), '2024-07-02T10:00:00+08:00');

    // Assess
    expect(levelsOf(above.findings)).toEqual(['investmentProject.design-over-feasibility:warning']);
    expect(above.findings[0]?.message?.params).toMatchObject({ excessFen: 90_909_090_909_091 });
    expect(within.findings).toEqual([]);
  });

  it('says nothing without a feasibility estimate to compare with', () => {
    // Act: the design approved with no feasibility approval is the stage-order rule's
    const { findings } = evaluate(
      anInvestmentProject().proposalApproved().designApproved('2024-07-01T10:00:00+08:00', 2_000_000_000),
      '2024-07-02T10:00:00+08:00',
    );

    // Assess
    expect(levelsOf(findings)).toEqual(['investmentProject.stage-order:warning']);
  });
});

describe('construction started without the approval it needs (条例第二十条)', () => {
  it('corrects a start before the preliminary design and estimate were approved', () => {
    // Act
    const { findings } = evaluate(
      anInvestmentProject().proposalApproved().feasibilityApproved().started('2024-06-01T09:00:00+08:00').designApproved('2024-07-01T10:00:00+08:00'),
      '2024-07-02T10:00:00+08:00',
    );

    // Assess
    expect(levelsOf(findings)).toEqual(['investmentProject.construction-start:correction']);
    expect(findings[0]?.message).toEqual({
      key: 'investmentProject.construction-start.before-design-approval',
      params: { started: '2024-06-01', approved: '2024-07-01' },
    });
  });

  it('corrects a start with no design approval at all', () => {
    // Act
    const { findings } = evaluate(
      anInvestmentProject().proposalApproved().feasibilityApproved().started('2024-06-01T09:00:00+08:00'),
      '2024-06-02T10:00:00+08:00',
    );

    // Assess
    expect(findings.map((f) => f.message?.key)).toEqual(['investmentProject.construction-start.without-design-approval']);
  });
});

describe('approvals and completion steps out of order (条例第九条第一款、第二十五条)', () => {
  it('warns of a later approval stamped before an earlier one, and of a missing proposal', () => {
    // Act
    const before = evaluate(
      anInvestmentProject().proposalApproved().feasibilityApproved('2024-05-06T10:00:00+08:00').designApproved('2024-04-01T10:00:00+08:00'),
      '2024-07-01T10:00:00+08:00',
    );
    const missing = evaluate(anInvestmentProject().feasibilityApproved().designApproved(), '2024-07-02T10:00:00+08:00');
    const allowed = evaluate(
      anInvestmentProject().feasibilityApproved().designApproved(),
      '2024-07-02T10:00:00+08:00',
      anInvestmentProjectMatter({ proposalRequired: false }),
    );

    // Assess
    expect(before.findings.map((f) => [f.level, f.message?.params])).toEqual([['warning', { problems: 'designBeforeFeasibility' }]]);
    expect(before.findings[0]?.legalBasis).toBe('《政府投资条例》第九条第一款、《政府投资条例》第二十五条');
    expect(missing.findings.map((f) => f.message?.params)).toEqual([{ problems: 'feasibilityWithoutProposal' }]);
    expect(allowed.findings).toEqual([]);
  });

  it('warns of final accounts before a passed acceptance', () => {
    // Act
    const { findings } = evaluate(
      aStartedProject().completed('2025-06-30T17:00:00+08:00').accepted('2025-07-15T10:00:00+08:00', false).finalAccounts('2025-09-26T10:00:00+08:00'),
      '2025-10-10T10:00:00+08:00',
    );

    // Assess
    expect(only(findings, 'investmentProject.stage-order').map((f) => f.message?.params)).toEqual([{ problems: 'finalAccountsWithoutAcceptance' }]);
  });
});

describe('changes of site, scale, content or standard (条例第二十一条)', () => {
  it('corrects a major change never approved, warns of one approved only afterwards, and ignores a minor one', () => {
    // Act
    const unapproved = evaluate(aStartedProject().changeMade('2025-01-10T10:00:00+08:00', 'BG-1', 'scale'), '2025-01-11T10:00:00+08:00');
    const retroactive = evaluate(
      aStartedProject().changeMade('2025-01-10T10:00:00+08:00', 'BG-1', 'standard').changeApproved('2025-02-01T10:00:00+08:00', 'BG-1'),
      '2025-02-02T10:00:00+08:00',
    );
    const beforehand = evaluate(
      aStartedProject().changeApproved('2025-01-05T10:00:00+08:00', 'BG-1').changeMade('2025-01-10T10:00:00+08:00', 'BG-1', 'scale'),
      '2025-02-02T10:00:00+08:00',
    );
    const minor = evaluate(aStartedProject().changeMade('2025-01-10T10:00:00+08:00', 'BG-2', 'content', false), '2025-01-11T10:00:00+08:00');

    // Assess
    expect(unapproved.findings.map((f) => [f.level, f.message?.params, f.legalBasis])).toEqual([
      ['correction', { count: 1, aspects: 'scale' }, '《政府投资条例》第二十一条'],
    ]);
    expect(renderMessage(unapproved.findings[0]!.message!, 'zh')).toBe('1 项较大变更（建设规模）未报原审批部门审批。');
    expect(levelsOf(retroactive.findings)).toEqual(['investmentProject.change-approval:warning']);
    expect(beforehand.findings).toEqual([]);
    expect(minor.findings).toEqual([]);
  });
});

describe('tendering where the law requires it (必须招标的工程项目规定第五条: 4 000 000 yuan)', () => {
  it('corrects a construction contract at the threshold started with no tender', () => {
    // Act
    const { findings } = evaluate(anInvestmentProject().approvedThroughDesign().started('2024-09-02T09:00:00+08:00', 400_000_000), '2024-09-03T10:00:00+08:00');

    // Assess
    expect(findings.map((f) => [f.level, f.message])).toEqual([
      ['correction', { key: 'investmentProject.tendering.missing', params: { contractFen: 400_000_000, thresholdFen: 400_000_000 } }],
    ]);
  });

  it('asks nothing below the threshold, or below a lower local threshold it warns', () => {
    // Act
    const below = evaluate(anInvestmentProject().approvedThroughDesign().started('2024-09-02T09:00:00+08:00', 399_999_999), '2024-09-03T10:00:00+08:00');
    const local = evaluate(
      anInvestmentProject().approvedThroughDesign().started('2024-09-02T09:00:00+08:00', 399_999_999),
      '2024-09-03T10:00:00+08:00',
      anInvestmentProjectMatter({ constructionTenderThresholdFen: 200_000_000 }),
    );

    // Assess
    expect(below.findings).toEqual([]);
    expect(levelsOf(local.findings)).toEqual(['investmentProject.tendering:correction']);
  });

  it('warns of a tender after the start, and prompts for a tender traced to no trading case', () => {
    // Act
    const late = evaluate(
      anInvestmentProject().approvedThroughDesign().started('2024-09-02T09:00:00+08:00', 800_000_000).tendered('2024-09-20T10:00:00+08:00'),
      '2024-09-21T10:00:00+08:00',
    );
    const untraced = evaluate(
      anInvestmentProject().approvedThroughDesign().tendered('2024-08-01T10:00:00+08:00', { tradingCaseId: null }).started('2024-09-02T09:00:00+08:00'),
      '2024-09-03T10:00:00+08:00',
    );

    // Assess
    expect(late.findings.map((f) => [f.level, f.message?.key])).toEqual([['warning', 'investmentProject.tendering.after-start']]);
    expect(untraced.findings.map((f) => [f.level, f.message?.key])).toEqual([['prompt', 'investmentProject.tendering.untraced']]);
  });
});

describe('goods (2 000 000 yuan) and services (1 000 000 yuan) tenders traced to a trading case (必须招标的工程项目规定第五条)', () => {
  /** Design approved, the construction contract tendered and traced, started: nothing to say about construction. */
  const underway = () => anInvestmentProject().approvedThroughDesign().tendered('2024-08-01T10:00:00+08:00').started('2024-09-02T09:00:00+08:00', 800_000_000);
  const asOf = '2024-12-01T10:00:00+08:00';

  it('prompts for a goods tender of exactly 2 000 000 yuan naming no trading case, and says nothing of one of 1 999 999.99 yuan', () => {
    // Act
    const at = evaluate(
      underway().tendered('2024-10-08T10:00:00+08:00', { contractKind: 'goods', contractEstimateFen: 200_000_000, tradingCaseId: null }),
      asOf,
    );
    const below = evaluate(
      underway().tendered('2024-10-08T10:00:00+08:00', { contractKind: 'goods', contractEstimateFen: 199_999_999, tradingCaseId: null }),
      asOf,
    );

    // Assess
    expect(at.findings.map((f) => [f.ruleId, f.level, f.legalBasis, f.message])).toEqual([
      [
        'investmentProject.tendering',
        'prompt',
        '《必须招标的工程项目规定》（国家发展和改革委员会令第16号）第五条',
        { key: 'investmentProject.tendering.goods-untraced', params: { contractFen: 200_000_000, thresholdFen: 200_000_000, count: 1 } },
      ],
    ]);
    expect(below.findings).toEqual([]);
  });

  it('counts the services tenders of 1 000 000 yuan or more naming no trading case and names the largest; a traced one or a smaller one is not counted', () => {
    // Act: 1 500 000 and 1 000 000 yuan untraced; 3 000 000 traced; 999 999.99 untraced
    const { findings } = evaluate(
      underway()
        .tendered('2024-10-08T10:00:00+08:00', { contractKind: 'services', contractEstimateFen: 150_000_000, tradingCaseId: null })
        .tendered('2024-10-09T10:00:00+08:00', { contractKind: 'services', contractEstimateFen: 100_000_000, tradingCaseId: null })
        .tendered('2024-10-10T10:00:00+08:00', { contractKind: 'services', contractEstimateFen: 300_000_000, tradingCaseId: 'ZB-2024-0040' })
        .tendered('2024-10-11T10:00:00+08:00', { contractKind: 'services', contractEstimateFen: 99_999_999, tradingCaseId: null }),
      asOf,
    );

    // Assess
    expect(findings.map((f) => [f.level, f.message])).toEqual([
      ['prompt', { key: 'investmentProject.tendering.services-untraced', params: { contractFen: 150_000_000, thresholdFen: 100_000_000, count: 2 } }],
    ]);
  });

  it("judges by the catalogue's lower thresholds: a goods tender of 1 500 000 yuan under a 1 000 000 yuan threshold", () => {
    // Act
    const { findings } = evaluate(
      underway().tendered('2024-10-08T10:00:00+08:00', { contractKind: 'goods', contractEstimateFen: 150_000_000, tradingCaseId: null }),
      asOf,
      anInvestmentProjectMatter({ goodsTenderThresholdFen: 100_000_000, servicesTenderThresholdFen: 50_000_000 }),
    );

    // Assess
    expect(findings.map((f) => f.message)).toEqual([
      { key: 'investmentProject.tendering.goods-untraced', params: { contractFen: 150_000_000, thresholdFen: 100_000_000, count: 1 } },
    ]);
  });

  it('says nothing of traced goods and services tenders, and lets a construction finding stand before them (one alert per rule)', () => {
    // Act
    const traced = evaluate(
      underway()
        .tendered('2024-10-08T10:00:00+08:00', { contractKind: 'goods', contractEstimateFen: 900_000_000 })
        .tendered('2024-10-09T10:00:00+08:00', { contractKind: 'services', contractEstimateFen: 900_000_000 }),
      asOf,
    );
    const construction = evaluate(
      anInvestmentProject()
        .approvedThroughDesign()
        .tendered('2024-08-01T10:00:00+08:00', { contractKind: 'goods', contractEstimateFen: 900_000_000, tradingCaseId: null })
        .started('2024-09-02T09:00:00+08:00', 800_000_000),
      asOf,
    );

    // Assess
    expect(traced.findings).toEqual([]);
    expect(construction.findings.map((f) => [f.level, f.message?.key])).toEqual([['correction', 'investmentProject.tendering.missing']]);
  });
});

describe('final accounts within three months of completion (财建〔2016〕503号第二条)', () => {
  const completed = () => aStartedProject().completed('2025-06-30T17:00:00+08:00').accepted('2025-08-15T10:00:00+08:00');

  it('prompts fifteen days before Tuesday 30 September, warns after it, corrects after the longest extension (Sunday 30 November → Monday 1 December)', () => {
    // Act
    const quiet = evaluate(completed(), '2025-09-14T10:00:00+08:00');
    const prompt = evaluate(completed(), '2025-09-15T10:00:00+08:00');
    const overdue = evaluate(completed(), '2025-10-01T10:00:00+08:00');
    const outermost = evaluate(completed(), '2025-12-02T10:00:00+08:00');

    // Assess
    expect(quiet.findings).toEqual([]);
    expect(quiet.nextCheckAt).toBe('2025-09-14T16:00:00.000Z');
    expect(prompt.findings.map((f) => [f.level, f.message])).toEqual([
      ['prompt', { key: 'investmentProject.final-accounts-time-limit.approaching', params: { limit: '2025-09-30' } }],
    ]);
    expect(overdue.findings.map((f) => [f.level, f.message?.key])).toEqual([['warning', 'investmentProject.final-accounts-time-limit.overdue']]);
    expect(overdue.nextCheckAt).toBe('2025-12-01T16:00:00.000Z');
    expect(outermost.findings.map((f) => [f.level, f.message])).toEqual([
      ['correction', { key: 'investmentProject.final-accounts-time-limit.outermost-overdue', params: { limit: '2025-12-01', maxExtension: 2 } }],
    ]);
  });

  it('counts an approved extension up to the maximum', () => {
    // Act: three months asked, two allowed: Monday 1 December
    const { deadlines, findings } = evaluate(completed().finalAccountsExtended('2025-09-20T10:00:00+08:00', 3), '2025-10-10T10:00:00+08:00');

    // Assess
    expect(deadlines.finalAccounts).toEqual(deadline('2025-12-01'));
    expect(deadlines.finalAccountsExtensionMonths).toBe(2);
    expect(findings).toEqual([]);
  });

  it('ends a month period on the last day of a shorter month', () => {
    const after = (date: string, months: number) => localDateOfEpochDay(addMonthsToEpochDay(epochDayOf(date), months));
    expect(after('2024-11-30', 3)).toBe('2025-02-28');
    expect(after('2023-11-30', 3)).toBe('2024-02-29');
    expect(after('2025-06-30', 3)).toBe('2025-09-30');
    expect(after('2025-10-31', 14)).toBe('2026-12-31');
  });
});

describe('completion acceptance within the catalogue’s days (no statutory number)', () => {
  it('is not timed unless the catalogue sets days', () => {
    const { deadlines, findings } = evaluate(aStartedProject().completed('2025-09-05T17:00:00+08:00'), '2026-01-10T10:00:00+08:00');
    expect(deadlines.acceptance).toBeNull();
    expect(only(findings, 'investmentProject.acceptance-time-limit')).toEqual([]);
  });

  it('counts 30 days from Friday 5 September 2025: Sunday 5 October is in the National Day holiday, so Thursday 9 October', () => {
    // Act
    const projectMatter = anInvestmentProjectMatter({ acceptanceDays: 30 });
    const late = evaluate(
      aStartedProject().completed('2025-09-05T17:00:00+08:00').accepted('2025-10-10T10:00:00+08:00'),
      '2025-10-11T10:00:00+08:00',
      projectMatter,
    );
    const inTime = evaluate(
      aStartedProject().completed('2025-09-05T17:00:00+08:00').accepted('2025-10-09T10:00:00+08:00'),
      '2025-10-11T10:00:00+08:00',
      projectMatter,
    );

    // Assess
    expect(late.deadlines.acceptance).toEqual(deadline('2025-10-09'));
    expect(only(late.findings, 'investmentProject.acceptance-time-limit').map((f) => [f.level, f.message?.key, f.legalBasis])).toEqual([
      ['warning', 'investmentProject.acceptance-time-limit.late', '《政府投资条例》第二十五条（验收期限由事项目录设定，无法定天数）'],
    ]);
    expect(only(inTime.findings, 'investmentProject.acceptance-time-limit')).toEqual([]);
  });
});
