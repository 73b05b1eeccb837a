import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldTenderCase } from '#shared/domain/tender/tender-case.ts';
import type { TenderMatter } from '#shared/domain/tender/tender-matter.ts';
import { evaluateTenderCase, tenderRuleIds } from '#shared/domain/tender/tender-rules.ts';
import { aCleanTenderUpToAward, aTenderCase, aTenderMatter, type TenderCaseBuilder } from './tender-event-mother.ts';

const matter = aTenderMatter();

const evaluate = (builder: TenderCaseBuilder, asOf: string, caseMatter: TenderMatter = matter) =>
  evaluateTenderCase(foldTenderCase(builder.build()), caseMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);

/** A notice on `noticeAt` with the given bid deadline, opened at that deadline by five bidders. */
const tender = (noticeAt: string, bidDeadline: string): TenderCaseBuilder => aTenderCase().noticePublished(noticeAt, { bidDeadline });

describe('tender bid period', () => {
  it('finds nothing when the bid deadline falls on the twentieth day after the notice', () => {
    // Act: notice Tue 4 March, the 20th day is Mon 24 March
    const evaluation = evaluate(tender('2025-03-04T17:00:00+08:00', '2025-03-24T09:30:00+08:00'), '2025-03-05T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines.earliestBidDeadline).toEqual({
      date: '2025-03-24',
      startsAt: '2025-03-23T16:00:00.000Z',
      endsAt: '2025-03-24T15:59:59.999Z',
      provisional: false,
    });
  });

  it('calls for correction when the bid deadline is fewer than twenty days after the notice', () => {
    // Act
    const evaluation = evaluate(tender('2025-03-04T09:00:00+08:00', '2025-03-21T09:30:00+08:00'), '2025-03-05T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.bid-period',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国招标投标法》第二十四条',
        summary: 'Bid deadline of 2025-03-21 leaves fewer than 20 days after the notice of 2025-03-04; the earliest lawful bid deadline is 2025-03-24.',
        message: { key: 'publicResourceTrading.bid-period', params: { deadline: '2025-03-21', earliest: '2025-03-24', minDays: 20, notice: '2025-03-04' } },
        deadline: '2025-03-23T16:00:00.000Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('moves the end of the period past a weekend: a deadline on a Sunday twentieth day is too early', () => {
    // Act: notice Mon 3 March, the 20th day is Sun 23 March, so the period ends Mon 24 March
    const sunday = evaluate(tender('2025-03-03T09:00:00+08:00', '2025-03-23T09:30:00+08:00'), '2025-03-04T09:00:00+08:00');
    const monday = evaluate(tender('2025-03-03T09:00:00+08:00', '2025-03-24T09:30:00+08:00'), '2025-03-04T09:00:00+08:00');

    // Assess
    expect(levelsOf(sunday.findings)).toEqual(['publicResourceTrading.bid-period:correction']);
    expect(monday.findings).toEqual([]);
  });

  it('moves the end of the period past the National Day holiday', () => {
    // Act: notice Thu 11 September, the 20th day is 1 October, a holiday until 8 October
    const holiday = evaluate(tender('2025-09-11T09:00:00+08:00', '2025-10-08T09:30:00+08:00'), '2025-09-12T09:00:00+08:00');
    const firstWorkingDay = evaluate(tender('2025-09-11T09:00:00+08:00', '2025-10-09T09:30:00+08:00'), '2025-09-12T09:00:00+08:00');

    // Assess
    expect(holiday.deadlines.earliestBidDeadline?.date).toBe('2025-10-09');
    expect(levelsOf(holiday.findings)).toEqual(['publicResourceTrading.bid-period:correction']);
    expect(firstWorkingDay.findings).toEqual([]);
  });

  it('ends the period on a Saturday that is a make-up working day', () => {
    // Act: notice Sun 21 September, the 20th day is Sat 11 October, a make-up working day
    const evaluation = evaluate(tender('2025-09-21T09:00:00+08:00', '2025-10-11T09:30:00+08:00'), '2025-09-22T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.earliestBidDeadline?.date).toBe('2025-10-11');
    expect(evaluation.findings).toEqual([]);
  });

  it('measures an amended deadline from the original notice', () => {
    // Prepare: the amendment shortens the period to 18 days, with 17 days' notice
    const shortened = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00').noticeAmended('2025-03-05T09:00:00+08:00', '2025-03-22T09:30:00+08:00');

    // Act
    const evaluation = evaluate(shortened, '2025-03-06T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: tenderRuleIds.bidPeriod,
        level: 'correction',
        summary:
          'Bid deadline (as amended) of 2025-03-22 leaves fewer than 20 days after the notice of 2025-03-04; the earliest lawful bid deadline is 2025-03-24.',
      }),
    ]);
  });

  it('clears the finding when an amendment extends a short bid period far enough', () => {
    // Prepare
    const extended = tender('2025-03-04T09:00:00+08:00', '2025-03-14T09:30:00+08:00').noticeAmended('2025-03-06T09:00:00+08:00', '2025-03-25T09:30:00+08:00');

    // Act
    const evaluation = evaluate(extended, '2025-03-07T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('applies a longer bid period configured for the matter', () => {
    // Act
    const evaluation = evaluate(
      tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00'),
      '2025-03-05T09:00:00+08:00',
      aTenderMatter({ minBidDays: 25 }),
    );

    // Assess
    expect(evaluation.deadlines.earliestBidDeadline?.date).toBe('2025-03-31');
    expect(levelsOf(evaluation.findings)).toEqual(['publicResourceTrading.bid-period:correction']);
  });
});

describe('tender amendment notice', () => {
  it('accepts an amendment exactly fifteen days before the bid deadline', () => {
    // Prepare: amended Mon 10 March, the 15th day is Tue 25 March
    const amended = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00').noticeAmended('2025-03-10T18:00:00+08:00', '2025-03-25T09:30:00+08:00');

    // Act
    const evaluation = evaluate(amended, '2025-03-11T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.earliestBidDeadlineAfterAmendment?.date).toBe('2025-03-25');
    expect(evaluation.findings).toEqual([]);
  });

  it('warns when tender documents are amended fewer than fifteen days before the bid deadline', () => {
    // Prepare
    const amended = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00').noticeAmended('2025-03-10T09:00:00+08:00', '2025-03-24T09:30:00+08:00');

    // Act
    const evaluation = evaluate(amended, '2025-03-11T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.amendment-notice',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国招标投标法》第二十三条',
        summary:
          'Tender documents amended on 2025-03-10, fewer than 15 days before the bid deadline of 2025-03-24; the earliest lawful bid deadline after it is 2025-03-25.',
        message: {
          key: 'publicResourceTrading.amendment-notice',
          params: { amended: '2025-03-10', deadline: '2025-03-24', earliest: '2025-03-25', minDays: 15 },
        },
        deadline: '2025-03-24T16:00:00.000Z',
      },
    ]);
  });

  it('moves the fifteenth day past the Qingming holiday', () => {
    // Prepare: amended Thu 20 March, the 15th day is Fri 4 April (Qingming), so the period ends Mon 7 April
    const amended = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00').noticeAmended('2025-03-20T09:00:00+08:00', '2025-04-05T09:30:00+08:00');

    // Act
    const evaluation = evaluate(amended, '2025-03-21T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.earliestBidDeadlineAfterAmendment?.date).toBe('2025-04-07');
    expect(levelsOf(evaluation.findings)).toEqual(['publicResourceTrading.amendment-notice:warning']);
  });

  it('judges every amendment against the final deadline, so the latest one decides', () => {
    // Prepare: a late first amendment, then a second one that moves the deadline far enough
    const amended = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .noticeAmended('2025-03-18T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .noticeAmended('2025-03-19T09:00:00+08:00', '2025-04-08T09:30:00+08:00');

    // Act
    const evaluation = evaluate(amended, '2025-03-20T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });
});

describe('tender candidate publicity', () => {
  const publicized = (from: string, to: string) =>
    tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .bidsOpened('2025-03-24T09:30:00+08:00')
      .evaluationCompleted('2025-04-10T09:00:00+08:00')
      .candidatesPublicized(from, to);

  it('finds nothing for a publicity of three days followed by the award', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward(), '2025-05-06T12:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.earliestPublicityEnd?.date).toBe('2025-04-17');
    expect(evaluation.findings).toEqual([]);
  });

  it('calls for correction when the publicity is shorter than three days', () => {
    // Act
    const evaluation = evaluate(publicized('2025-04-14T09:00:00+08:00', '2025-04-16T17:00:00+08:00'), '2025-04-15T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.publicity-period',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国招标投标法实施条例》第五十四条',
        summary: 'The candidate publicity ending 2025-04-16 is shorter than 3 days (earliest lawful end 2025-04-17).',
        message: {
          key: 'publicResourceTrading.publicity-period',
          params: { earliest: '2025-04-17', minDays: 3, problems: 'short', publicityEnd: '2025-04-16' },
        },
        deadline: '2025-04-16T16:00:00.000Z',
      },
    ]);
  });

  it('extends a publicity whose third day falls in the May Day holiday', () => {
    // Act: publicized Wed 30 April, the 3rd day is Sat 3 May, off until Mon 5 May
    const holiday = evaluate(publicized('2025-04-30T09:00:00+08:00', '2025-05-05T17:00:00+08:00'), '2025-05-01T09:00:00+08:00');
    const enough = evaluate(publicized('2025-04-30T09:00:00+08:00', '2025-05-06T09:00:00+08:00'), '2025-05-01T09:00:00+08:00');

    // Assess
    expect(holiday.deadlines.earliestPublicityEnd?.date).toBe('2025-05-06');
    expect(levelsOf(holiday.findings)).toEqual(['publicResourceTrading.publicity-period:correction']);
    expect(enough.findings).toEqual([]);
  });

  it('ends a publicity on a Sunday that is a make-up working day', () => {
    // Act: publicized Thu 24 April, the 3rd day is Sun 27 April, a make-up working day
    const evaluation = evaluate(publicized('2025-04-24T09:00:00+08:00', '2025-04-27T17:00:00+08:00'), '2025-04-25T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.earliestPublicityEnd?.date).toBe('2025-04-27');
    expect(evaluation.findings).toEqual([]);
  });

  it('calls for correction when the award comes before the publicity ends', () => {
    // Prepare
    const early = publicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00').awarded('2025-04-17T16:59:59+08:00');

    // Act
    const evaluation = evaluate(early, '2025-04-18T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: tenderRuleIds.publicityPeriod,
        level: 'correction',
        summary: 'The award was made before the candidate publicity ended.',
        message: { key: 'publicResourceTrading.publicity-period', params: { problems: 'awardedEarly' } },
      }),
    ]);
  });

  it('accepts an award at the very instant the publicity ends', () => {
    // Prepare
    const onTime = publicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00').awarded('2025-04-17T17:00:00+08:00');

    // Act
    const evaluation = evaluate(onTime, '2025-04-18T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
  });

  it('judges the award against the publicity end by time when they are written with different offsets', () => {
    // Prepare: the publicity ends at 17:00 Shanghai time (09:00Z); awards written in UTC one second
    // before and at that instant. As text, '2025-04-17T09:00:00Z' sorts before '2025-04-17T17:00:00+08:00'.
    const early = publicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00').awarded('2025-04-17T08:59:59Z');
    const onTime = publicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00').awarded('2025-04-17T09:00:00Z');

    // Act
    const earlyEvaluation = evaluate(early, '2025-04-18T09:00:00+08:00');
    const onTimeEvaluation = evaluate(onTime, '2025-04-18T09:00:00+08:00');

    // Assess
    expect(levelsOf(earlyEvaluation.findings)).toEqual(['publicResourceTrading.publicity-period:correction']);
    expect(onTimeEvaluation.findings).toEqual([]);
  });

  it('calls for correction when a tender is awarded without publicizing the candidates', () => {
    // Prepare
    const unpublicized = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .bidsOpened('2025-03-24T09:30:00+08:00')
      .awarded('2025-04-14T09:00:00+08:00');

    // Act
    const evaluation = evaluate(unpublicized, '2025-04-15T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.publicity-period',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国招标投标法实施条例》第五十四条',
        summary: 'The tender was awarded without publicizing the candidates.',
        message: { key: 'publicResourceTrading.publicity-period', params: { problems: 'notPublicized' } },
      },
    ]);
  });
});

describe('tender contract time limit', () => {
  // Award Tue 6 May 2025: 30 days end Thu 5 June; the prompt starts Mon 2 June (3 days remain).
  it('finds nothing early on and checks again when the prompt starts', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward(), '2025-05-20T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.deadlines.contractSigning).toEqual({
      date: '2025-06-05',
      startsAt: '2025-06-04T16:00:00.000Z',
      endsAt: '2025-06-05T15:59:59.999Z',
      provisional: false,
    });
    expect(evaluation.nextCheckAt).toBe('2025-06-01T16:00:00.000Z');
  });

  it('prompts when three calendar days or fewer remain, a holiday included', () => {
    // Act: 2 June is the Dragon Boat holiday, still a calendar day
    const evaluation = evaluate(aCleanTenderUpToAward(), '2025-06-02T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.contract-time-limit',
        ruleVersion: 1,
        level: 'prompt',
        legalBasis: '《中华人民共和国招标投标法》第四十六条',
        summary: 'Time limit for signing the contract (2025-06-05) is approaching.',
        message: { key: 'publicResourceTrading.contract-time-limit.approaching', params: { limit: '2025-06-05' } },
        deadline: '2025-06-05T15:59:59.999Z',
      },
    ]);
    expect(evaluation.nextCheckAt).toBe('2025-06-05T16:00:00.000Z');
  });

  it('still prompts in the last millisecond of the limit', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward(), '2025-06-05T23:59:59.999+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['publicResourceTrading.contract-time-limit:prompt']);
  });

  it('warns when the contract is not signed within thirty days of the award, with nothing left to check', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward(), '2025-06-06T00:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        ruleId: tenderRuleIds.contractTimeLimit,
        level: 'warning',
        summary: 'Contract not signed by the time limit of 2025-06-05 after the award.',
        message: { key: 'publicResourceTrading.contract-time-limit.overdue', params: { limit: '2025-06-05' } },
        deadline: '2025-06-05T15:59:59.999Z',
      }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('finds nothing once the contract is signed on the last day, however late it is evaluated', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward().contractSigned('2025-06-05T23:00:00+08:00'), '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('keeps the warning when the contract is signed late', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward().contractSigned('2025-06-06T09:00:00+08:00'), '2026-06-01T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      expect.objectContaining({ level: 'warning', summary: 'Contract signed after the time limit of 2025-06-05 after the award.' }),
    ]);
    expect(evaluation.nextCheckAt).toBeNull();
  });

  it('moves a limit ending in the National Day holiday to the next working day', () => {
    // Prepare: award Mon 1 September, the 30th day is 1 October, off until 8 October
    const awarded = tender('2025-07-01T09:00:00+08:00', '2025-07-21T09:30:00+08:00')
      .bidsOpened('2025-07-21T09:30:00+08:00')
      .candidatesPublicized('2025-08-25T09:00:00+08:00', '2025-08-28T17:00:00+08:00')
      .awarded('2025-09-01T10:00:00+08:00');

    // Act
    const inHoliday = evaluate(awarded, '2025-10-02T09:00:00+08:00');
    const nearEnd = evaluate(awarded, '2025-10-06T09:00:00+08:00');

    // Assess
    expect(inHoliday.deadlines.contractSigning?.date).toBe('2025-10-09');
    expect(inHoliday.findings).toEqual([]);
    expect(inHoliday.nextCheckAt).toBe('2025-10-05T16:00:00.000Z');
    expect(levelsOf(nearEnd.findings)).toEqual(['publicResourceTrading.contract-time-limit:prompt']);
  });

  it('stops the clock when a tender is cancelled before the limit, and keeps a warning reached before', () => {
    // Act
    const cancelledEarly = evaluate(aCleanTenderUpToAward().cancelled('2025-05-20T09:00:00+08:00', 'complaintUpheld'), '2025-07-01T09:00:00+08:00');
    const closedLate = evaluate(aCleanTenderUpToAward().closed('2025-06-10T09:00:00+08:00'), '2025-07-01T09:00:00+08:00');

    // Assess
    expect(cancelledEarly.findings).toEqual([]);
    expect(cancelledEarly.nextCheckAt).toBeNull();
    expect(levelsOf(closedLate.findings)).toEqual(['publicResourceTrading.contract-time-limit:warning']);
    expect(closedLate.nextCheckAt).toBeNull();
  });

  it('marks a limit running into 2027 as provisional and says so', () => {
    // Prepare: award Thu 10 December 2026, the 30th day is Sat 9 January 2027
    const december = tender('2026-10-09T09:00:00+08:00', '2026-10-29T09:30:00+08:00')
      .bidsOpened('2026-10-29T09:30:00+08:00')
      .candidatesPublicized('2026-11-30T09:00:00+08:00', '2026-12-03T17:00:00+08:00')
      .awarded('2026-12-10T10:00:00+08:00');

    // Act
    const evaluation = evaluate(december, '2027-01-10T09:00:00+08:00');

    // Assess
    expect(evaluation.deadlines.contractSigning).toEqual(expect.objectContaining({ date: '2027-01-11', provisional: true }));
    expect(evaluation.findings[0]?.summary).toContain('provisional');
  });

  it('applies the configured limit and prompt', () => {
    // Act
    const evaluation = evaluate(aCleanTenderUpToAward(), '2025-05-20T09:00:00+08:00', aTenderMatter({ contractCalendarDays: 15, promptCalendarDaysBefore: 0 }));

    // Assess: 15 days after 6 May is Wed 21 May; the prompt holds on that day only
    expect(evaluation.deadlines.contractSigning?.date).toBe('2025-05-21');
    expect(evaluation.nextCheckAt).toBe('2025-05-20T16:00:00.000Z');
  });
});

describe('tender single bidder', () => {
  const withBidders = (count: number) =>
    tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .bidsOpened('2025-03-24T09:30:00+08:00', count)
      .candidatesPublicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00');

  it('warns when a tender with fewer than three bidders is still awarded', () => {
    // Act
    const evaluation = evaluate(withBidders(2).awarded('2025-04-18T09:00:00+08:00').contractSigned('2025-04-25T09:00:00+08:00'), '2025-04-25T12:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.single-bidder',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国招标投标法》第二十八条',
        summary: 'Tender awarded although only 2 bidders took part; fewer than three require a new tender.',
        message: { key: 'publicResourceTrading.single-bidder', params: { bidders: 2 } },
      },
    ]);
  });

  it('finds nothing with exactly three bidders, or with fewer but no award', () => {
    // Act
    const three = evaluate(withBidders(3).awarded('2025-04-18T09:00:00+08:00'), '2025-04-19T09:00:00+08:00');
    const oneNotAwarded = evaluate(withBidders(1).cancelled('2025-04-18T09:00:00+08:00', 'fewerThanThreeBidders'), '2025-04-19T09:00:00+08:00');

    // Assess
    expect(three.findings).toEqual([]);
    expect(oneNotAwarded.findings).toEqual([]);
  });

  it('raises the level the matter configures', () => {
    // Act
    const evaluation = evaluate(
      withBidders(1).awarded('2025-04-18T09:00:00+08:00'),
      '2025-04-19T09:00:00+08:00',
      aTenderMatter({ singleBidderLevel: 'correction' }),
    );

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual(['publicResourceTrading.single-bidder:correction']);
    expect(evaluation.findings[0]?.summary).toContain('only 1 bidder took part');
  });
});

describe('tender contract amount', () => {
  const signedFor = (amountYuan: number) => aCleanTenderUpToAward().contractSigned('2025-05-20T09:00:00+08:00', amountYuan);
  const awardedAmount = 11_500_000;

  it('accepts a contract exactly ten percent above or below the award', () => {
    // Act
    const above = evaluate(signedFor(awardedAmount + 1_150_000), '2025-05-21T09:00:00+08:00');
    const below = evaluate(signedFor(awardedAmount - 1_150_000), '2025-05-21T09:00:00+08:00');

    // Assess
    expect(above.findings).toEqual([]);
    expect(below.findings).toEqual([]);
  });

  it('warns when the contract differs from the award by more than ten percent', () => {
    // Act
    const above = evaluate(signedFor(awardedAmount + 1_150_001), '2025-05-21T09:00:00+08:00');
    const below = evaluate(signedFor(awardedAmount - 1_150_001), '2025-05-21T09:00:00+08:00');

    // Assess
    expect(above.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.contract-amount',
        ruleVersion: 1,
        level: 'warning',
        legalBasis: '《中华人民共和国招标投标法》第四十六条、《中华人民共和国招标投标法实施条例》第五十七条',
        summary: 'Contract amount of 12650001 yuan differs from the awarded 11500000 yuan by 10.0%, more than the 10% allowed.',
        message: { key: 'publicResourceTrading.contract-amount', params: { awarded: 11500000, contract: 12650001, deviation: '10.0', percent: 10 } },
      },
    ]);
    expect(levelsOf(below.findings)).toEqual(['publicResourceTrading.contract-amount:warning']);
  });

  it('applies the deviation the matter configures', () => {
    // Act
    const evaluation = evaluate(signedFor(12_100_000), '2025-05-21T09:00:00+08:00', aTenderMatter({ contractDeviationPercent: 5 }));

    // Assess
    expect(evaluation.findings[0]?.summary).toBe('Contract amount of 12100000 yuan differs from the awarded 11500000 yuan by 5.2%, more than the 5% allowed.');
  });
});

describe('tender procedure order', () => {
  it('calls for correction when bids are opened before the deadline and a contract precedes the award', () => {
    // Prepare
    const disorderly = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .bidsOpened('2025-03-24T09:00:00+08:00')
      .candidatesPublicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00')
      .contractSigned('2025-04-18T09:00:00+08:00')
      .awarded('2025-04-18T10:00:00+08:00');

    // Act
    const evaluation = evaluate(disorderly, '2025-04-19T09:00:00+08:00');

    // Assess
    expect(evaluation.findings).toEqual([
      {
        ruleId: 'publicResourceTrading.procedure-order',
        ruleVersion: 1,
        level: 'correction',
        legalBasis: '《中华人民共和国招标投标法》第二十三条、第三十四条、第四十五条、第四十六条',
        summary: 'Bids opened before the bid deadline, and contract signed without an award.',
        message: { key: 'publicResourceTrading.procedure-order', params: { problems: 'bidsOpenedBeforeDeadline,contractSignedWithoutAward' } },
      },
    ]);
  });

  it('calls for correction when documents are amended after the opening or a tender is awarded without one', () => {
    // Prepare
    const amendedLate = aCleanTenderUpToAward({ caseId: 'A' }).noticeAmended('2025-05-07T09:00:00+08:00', '2025-06-01T09:00:00+08:00');
    const unopened = tender('2025-03-04T09:00:00+08:00', '2025-03-24T09:30:00+08:00')
      .candidatesPublicized('2025-04-14T09:00:00+08:00', '2025-04-17T17:00:00+08:00')
      .awarded('2025-04-18T09:00:00+08:00');

    // Act
    const late = evaluate(amendedLate, '2025-05-08T09:00:00+08:00');
    const none = evaluate(unopened, '2025-04-19T09:00:00+08:00');

    // Assess
    expect(late.findings).toEqual([
      expect.objectContaining({ ruleId: tenderRuleIds.procedureOrder, summary: 'Tender documents amended after the bids were opened.' }),
    ]);
    expect(none.findings).toEqual([expect.objectContaining({ ruleId: tenderRuleIds.procedureOrder, summary: 'Awarded without a bid opening.' })]);
  });
});

describe('several tender findings at once', () => {
  it('orders findings by rule id', () => {
    // Prepare
    const troubled = tender('2025-03-04T09:00:00+08:00', '2025-03-14T09:30:00+08:00')
      .bidsOpened('2025-03-14T09:30:00+08:00', 1)
      .awarded('2025-03-20T09:00:00+08:00', 1_000_000)
      .contractSigned('2025-05-20T09:00:00+08:00', 2_000_000);

    // Act
    const evaluation = evaluate(troubled, '2025-05-21T09:00:00+08:00');

    // Assess
    expect(levelsOf(evaluation.findings)).toEqual([
      'publicResourceTrading.bid-period:correction',
      'publicResourceTrading.contract-amount:warning',
      'publicResourceTrading.contract-time-limit:warning',
      'publicResourceTrading.publicity-period:correction',
      'publicResourceTrading.single-bidder:warning',
    ]);
  });
});

describe('when to check a tender again', () => {
  const steps = ['noticeAmended', 'bidsOpened', 'candidatesPublicized', 'awarded', 'contractSigned', 'closed', 'cancelled'] as const;
  type Step = { kind: (typeof steps)[number]; afterMinutes: number; days: number; count: number };
  const aStep = fc.record({
    kind: fc.constantFrom(...steps),
    afterMinutes: fc.integer({ min: 0, max: 20 * 24 * 60 }),
    days: fc.integer({ min: 0, max: 40 }),
    count: fc.integer({ min: 0, max: 5 }),
  });
  const aCase = fc.record({
    noticeMinute: fc.integer({ min: 0, max: 650 * 24 * 60 }), // from 2025-01-01 into late 2026
    bidDays: fc.integer({ min: 5, max: 40 }),
    steps: fc.array(aStep, { maxLength: 7 }),
  });
  const aMatter = fc
    .record({
      contractCalendarDays: fc.integer({ min: 1, max: 40 }),
      promptCalendarDaysBefore: fc.integer({ min: 0, max: 10 }),
      minPublicityDays: fc.integer({ min: 1, max: 7 }),
    })
    .filter((limits) => limits.promptCalendarDaysBefore < limits.contractCalendarDays);
  const base = Date.parse('2025-01-01T00:00:00+08:00');
  const minute = 60_000;
  const day = 24 * 60 * minute;
  const iso = (millis: number): string => new Date(millis).toISOString();

  const buildCase = (spec: { noticeMinute: number; bidDays: number; steps: readonly Step[] }) => {
    const noticeMillis = base + spec.noticeMinute * minute;
    const builder = aTenderCase().noticePublished(iso(noticeMillis), { bidDeadline: iso(noticeMillis + spec.bidDays * day) });
    let at = noticeMillis;
    for (const step of spec.steps) {
      at += step.afterMinutes * minute;
      if (step.kind === 'noticeAmended') builder.noticeAmended(iso(at), iso(at + step.days * day));
      else if (step.kind === 'bidsOpened') builder.bidsOpened(iso(at), step.count);
      else if (step.kind === 'candidatesPublicized') builder.candidatesPublicized(iso(at), iso(at + step.days * day));
      else if (step.kind === 'awarded') builder.awarded(iso(at));
      else if (step.kind === 'contractSigned') builder.contractSigned(iso(at));
      else if (step.kind === 'closed') builder.closed(iso(at));
      else builder.cancelled(iso(at));
    }
    return { state: foldTenderCase(builder.build()), noticeMillis };
  };

  it('keeps the same findings from any instant until the next check, and changes them at it', () => {
    fc.assert(
      fc.property(
        aCase,
        aMatter,
        fc.integer({ min: -5 * 24 * 60, max: 150 * 24 * 60 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (spec, limits, asOfMinutes, fractions) => {
          // Prepare
          const { state, noticeMillis } = buildCase(spec);
          const caseMatter = aTenderMatter(limits);
          const asOf = noticeMillis + asOfMinutes * minute;
          const at = (millis: number) => evaluateTenderCase(state, caseMatter, new Date(millis), cal);

          // Act
          const evaluation = at(asOf);

          // Assess
          const until = evaluation.nextCheckAt === null ? asOf + 400 * day : Date.parse(evaluation.nextCheckAt);
          expect(until).toBeGreaterThan(asOf);
          if (evaluation.nextCheckAt !== null) expect(evaluation.nextCheckAt).toBe(iso(until));
          const probes = [asOf, until - 1, ...fractions.map((fraction) => asOf + Math.floor(fraction * (until - 1 - asOf)))];
          for (const probe of probes) expect(at(probe).findings).toEqual(evaluation.findings);
          if (evaluation.nextCheckAt !== null) expect(at(until).findings).not.toEqual(evaluation.findings);
        },
      ),
      { numRuns: 500 },
    );
  });
});
