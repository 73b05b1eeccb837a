import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '#shared/domain/alerts/alert.ts';
import { renderMessage } from '#shared/domain/alerts/alert-messages.ts';
import { stateCouncilCalendar as cal } from '#shared/domain/calendar/state-council-calendar.ts';
import { foldPetitionCase } from '#shared/domain/petition/petition-case.ts';
import type { PetitionMatter } from '#shared/domain/petition/petition-matter.ts';
import { evaluatePetitionCase, petitionRuleIds } from '#shared/domain/petition/petition-rules.ts';
import { aPetitionCase, aPetitionMatter, type PetitionCaseBuilder } from './petition-event-mother.ts';

// Notice in 15 日, handling in 60 日 (+30 with approval), review and re-review in 30 日, prompt at 3 日.
const matter = aPetitionMatter();

const evaluate = (builder: PetitionCaseBuilder, asOf: string, caseMatter: PetitionMatter = matter) =>
  evaluatePetitionCase(foldPetitionCase(builder.build()), caseMatter, new Date(asOf), cal);

const levelsOf = (findings: readonly Finding[]) => findings.map((finding) => `${finding.ruleId}:${finding.level}`);
const deadline = (date: string, provisional = false) => ({ date, at: `${date}T15:59:59.999Z`, provisional });

/** Accepted Friday 5 September 2025: handling limit Tuesday 4 November (60 日), with the longest extension Thursday 4 December. */
const anAcceptedPetition = (): PetitionCaseBuilder => aPetitionCase().received('2025-09-01T09:00:00+08:00').accepted('2025-09-05T10:00:00+08:00');

describe('written notice of acceptance (条例第二十三条第二款: 15 日)', () => {
  it('counts fifteen days from receipt, the receipt day not counted', () => {
    // Act
    const { deadlines, findings } = evaluate(aPetitionCase().received('2025-09-01T09:00:00+08:00'), '2025-09-10T12:00:00+08:00');

    // Assess
    expect(deadlines.acceptanceNotice).toEqual(deadline('2025-09-16'));
    expect(deadlines.unit).toBe('days');
    expect(findings).toEqual([]);
  });

  it('prompts when three days remain and checks again then', () => {
    // Act
    const before = evaluate(aPetitionCase().received('2025-09-01T09:00:00+08:00'), '2025-09-12T12:00:00+08:00');
    const from = evaluate(aPetitionCase().received('2025-09-01T09:00:00+08:00'), '2025-09-13T00:00:00+08:00');

    // Assess
    expect(before.findings).toEqual([]);
    expect(before.nextCheckAt).toBe('2025-09-12T16:00:00.000Z');
    expect(levelsOf(from.findings)).toEqual(['petition.acceptance-notice:prompt']);
  });

  it('warns when the notice is given the day after the limit', () => {
    // Act
    const { findings } = evaluate(aPetitionCase().received('2025-09-01T09:00:00+08:00').accepted('2025-09-17T09:00:00+08:00'), '2025-09-20T12:00:00+08:00');

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: petitionRuleIds.acceptanceNotice,
        level: 'warning',
        legalBasis: '《信访工作条例》第二十三条第二款',
        message: { key: 'petition.acceptance-notice.late', params: { limit: '2025-09-16' } },
        deadline: '2025-09-16T15:59:59.999Z',
      }),
    ]);
  });

  it('lets a limit whose fifteenth day is 1 October run to 9 October, after the National Day holiday', () => {
    // Prepare: received Tuesday 16 September
    const received = aPetitionCase().received('2025-09-16T16:00:00+08:00');

    // Act
    const onTime = evaluate(received.accepted('2025-10-09T17:00:00+08:00'), '2025-10-10T12:00:00+08:00');
    const pending = evaluate(aPetitionCase().received('2025-09-16T16:00:00+08:00'), '2025-10-10T00:00:00+08:00');

    // Assess
    expect(onTime.deadlines.acceptanceNotice).toEqual(deadline('2025-10-09'));
    expect(onTime.findings).toEqual([]);
    expect(pending.findings).toEqual([expect.objectContaining({ message: { key: 'petition.acceptance-notice.overdue', params: { limit: '2025-10-09' } } })]);
  });
});

describe('handling limit (条例第三十四条: 60 日, one extension of at most 30 日)', () => {
  it('counts sixty days from acceptance and the outermost limit with thirty more', () => {
    // Act
    const { deadlines, findings } = evaluate(anAcceptedPetition(), '2025-10-01T12:00:00+08:00');

    // Assess
    expect(deadlines.handling).toEqual(deadline('2025-11-04'));
    expect(deadlines.outermost).toEqual(deadline('2025-12-04'));
    expect(deadlines.extensionDays).toBe(0);
    expect(findings).toEqual([]);
  });

  it('warns when the handling opinion comes a day late, and corrects when even the longest extension is passed', () => {
    // Act
    const late = evaluate(anAcceptedPetition().handled('2025-11-05T10:00:00+08:00'), '2025-11-10T12:00:00+08:00');
    const beyond = evaluate(anAcceptedPetition().handled('2025-12-05T10:00:00+08:00'), '2025-12-10T12:00:00+08:00');
    const overdue = evaluate(anAcceptedPetition(), '2025-12-05T00:00:00+08:00');

    // Assess
    expect(late.findings).toEqual([
      expect.objectContaining({
        level: 'warning',
        legalBasis: '《信访工作条例》第三十四条',
        message: { key: 'petition.handling-time-limit.late', params: { limit: '2025-11-04' } },
      }),
    ]);
    expect(beyond.findings).toEqual([
      expect.objectContaining({
        level: 'correction',
        message: { key: 'petition.handling-time-limit.outermost-late', params: { limit: '2025-12-04', maxExtension: 30 } },
      }),
    ]);
    expect(levelsOf(overdue.findings)).toEqual(['petition.handling-time-limit:correction']);
    expect(overdue.nextCheckAt).toBeNull();
  });

  it('lets one approved extension of thirty days cover the delay', () => {
    // Act
    const { deadlines, findings } = evaluate(
      anAcceptedPetition().extended('2025-10-20T10:00:00+08:00', 30).handled('2025-12-01T10:00:00+08:00'),
      '2025-12-02T12:00:00+08:00',
    );

    // Assess
    expect(deadlines.handling).toEqual(deadline('2025-12-04'));
    expect(deadlines.extensionDays).toBe(30);
    expect(findings).toEqual([]);
  });

  it('corrects a second extension and counts only the first', () => {
    // Act
    const { deadlines, findings } = evaluate(
      anAcceptedPetition().extended('2025-10-20T10:00:00+08:00', 10).extended('2025-11-10T10:00:00+08:00', 20),
      '2025-11-20T12:00:00+08:00',
    );

    // Assess: 60 + 10 days from 5 September is Friday 14 November 2025
    expect(deadlines.handling).toEqual(deadline('2025-11-14'));
    expect(levelsOf(findings)).toEqual(['petition.extension:correction', 'petition.handling-time-limit:warning']);
    expect(findings[0]?.message).toEqual({ key: 'petition.extension', params: { problems: 'second', count: 2, total: 30, max: 30 } });
  });

  it('corrects an extension beyond thirty days and counts thirty of it', () => {
    // Act
    const { deadlines, findings } = evaluate(anAcceptedPetition().extended('2025-10-20T10:00:00+08:00', 45), '2025-11-20T12:00:00+08:00');

    // Assess
    expect(deadlines.extensionDays).toBe(30);
    expect(deadlines.handling).toEqual(deadline('2025-12-04'));
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: petitionRuleIds.extension,
        level: 'correction',
        message: { key: 'petition.extension', params: { problems: 'tooLong', count: 1, total: 45, max: 30 } },
      }),
    ]);
  });

  it('warns of an extension approved only after the limit had passed, or without telling the petitioner why', () => {
    // Act
    const { findings } = evaluate(anAcceptedPetition().extended('2025-11-06T10:00:00+08:00', 20, false), '2025-11-07T12:00:00+08:00');

    // Assess: the extension still covers the delay (limit 24 November), but it came late and unexplained
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: petitionRuleIds.extension,
        level: 'warning',
        message: { key: 'petition.extension', params: { problems: 'afterLimit,reasonNotNotified', count: 1, total: 20, max: 30 } },
      }),
    ]);
  });

  it('lets sixty days whose last day is in the Spring Festival holiday run to Tuesday 24 February 2026', () => {
    // Prepare: accepted Wednesday 17 December 2025; its sixtieth day is Sunday 15 February 2026
    const accepted = aPetitionCase().received('2025-12-10T09:00:00+08:00').accepted('2025-12-17T10:00:00+08:00');

    // Act
    const { deadlines, findings } = evaluate(accepted.handled('2026-02-24T17:00:00+08:00'), '2026-02-25T12:00:00+08:00');

    // Assess
    expect(deadlines.handling).toEqual(deadline('2026-02-24'));
    expect(findings).toEqual([]);
  });

  it('marks a handling limit ending in a year without a published arrangement provisional, and says so', () => {
    // Prepare: accepted Thursday 5 November 2026; its sixtieth day is Monday 4 January 2027
    const accepted = aPetitionCase().received('2026-11-02T09:00:00+08:00').accepted('2026-11-05T10:00:00+08:00');

    // Act
    const { deadlines, findings } = evaluate(accepted, '2027-01-05T09:00:00+08:00');

    // Assess
    expect(deadlines.handling).toEqual(deadline('2027-01-04', true));
    expect(findings).toEqual([
      expect.objectContaining({ level: 'warning', message: { key: 'petition.handling-time-limit.overdue', params: { limit: '2027-01-04', provisional: 1 } } }),
    ]);
    expect(renderMessage(findings[0]?.message ?? { key: '', params: {} }, 'zh')).toContain('暂定');
  });

  it('sets no handling limit for a petition not accepted', () => {
    // Act
    const { deadlines, findings } = evaluate(aPetitionCase().received().notified('2025-09-05T10:00:00+08:00', 'notAccepted'), '2026-01-01T12:00:00+08:00');

    // Assess
    expect(deadlines.handling).toBeNull();
    expect(findings).toEqual([]);
  });
});

describe('review and re-review (条例第三十五条、第三十六条第一款: 30 日 each)', () => {
  const handled = () => anAcceptedPetition().handled('2025-10-30T10:00:00+08:00');

  it('warns when the review opinion comes after thirty days from the request', () => {
    // Act: requested Monday 1 December, limit Wednesday 31 December
    const { deadlines, findings } = evaluate(
      handled().reviewRequested('2025-12-01T10:00:00+08:00').reviewDecided('2026-01-04T10:00:00+08:00'),
      '2026-01-05T12:00:00+08:00',
    );

    // Assess
    // The petitioner's thirty days to ask for review ran from 30 October to Saturday 29 November, so to Monday 1 December.
    expect(deadlines.reviewRequestWindow).toEqual(deadline('2025-12-01'));
    expect(deadlines.review).toEqual(deadline('2025-12-31'));
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: petitionRuleIds.reviewTimeLimit,
        level: 'warning',
        legalBasis: '《信访工作条例》第三十五条',
        message: { key: 'petition.review-time-limit.late', params: { limit: '2025-12-31' } },
      }),
    ]);
  });

  it('runs the re-review limit from the re-review request and prompts near its end', () => {
    // Act: re-review requested Saturday 10 January 2026; thirty days end Monday 9 February
    const pending = handled()
      .reviewRequested('2025-12-01T10:00:00+08:00')
      .reviewDecided('2025-12-20T10:00:00+08:00')
      .reReviewRequested('2026-01-10T10:00:00+08:00');
    const { deadlines, findings } = evaluate(pending, '2026-02-07T12:00:00+08:00');

    // Assess
    expect(deadlines.reReview).toEqual(deadline('2026-02-09'));
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: petitionRuleIds.reReviewTimeLimit, level: 'prompt', legalBasis: '《信访工作条例》第三十六条第一款' }),
    ]);
  });
});

describe('re-review hearing (条例第三十六条第二款: its time not counted)', () => {
  /** Re-review requested Monday 15 September 2025: thirty days end Wednesday 15 October with no hearing. */
  const inReReview = () =>
    anAcceptedPetition()
      .handled('2025-09-08T10:00:00+08:00')
      .reviewRequested('2025-09-09T10:00:00+08:00')
      .reviewDecided('2025-09-12T10:00:00+08:00')
      .reReviewRequested('2025-09-15T10:00:00+08:00');

  it('moves the limit out by a hearing across the National Day holiday, and past the weekend it then ends on', () => {
    // Act: hearing opened Monday 29 September, closed Thursday 9 October: 30 September to 9 October,
    // ten days, not counted. 14 days ran before it (16–29 September), 16 remain after 9 October:
    // Saturday 25 October, a day off, so Monday 27 October.
    const withHearing = inReReview().hearingStarted('2025-09-29T09:00:00+08:00').hearingEnded('2025-10-09T17:00:00+08:00');
    const onTime = evaluate(withHearing.reReviewDecided('2025-10-27T16:00:00+08:00'), '2025-10-28T12:00:00+08:00');
    const pendingMidway = evaluate(
      inReReview().hearingStarted('2025-09-29T09:00:00+08:00').hearingEnded('2025-10-09T17:00:00+08:00'),
      '2025-10-20T12:00:00+08:00',
    );
    const late = evaluate(
      inReReview().hearingStarted('2025-09-29T09:00:00+08:00').hearingEnded('2025-10-09T17:00:00+08:00').reReviewDecided('2025-10-28T10:00:00+08:00'),
      '2025-10-29T12:00:00+08:00',
    );
    const noHearing = evaluate(inReReview().reReviewDecided('2025-10-20T10:00:00+08:00'), '2025-10-21T12:00:00+08:00');

    // Assess
    expect(onTime.deadlines).toMatchObject({ reReview: deadline('2025-10-27'), reReviewHearingDays: 10, reReviewClockStopped: false });
    expect(onTime.findings).toEqual([]);
    expect(pendingMidway.findings).toEqual([]);
    expect(late.findings).toEqual([
      expect.objectContaining({
        ruleId: petitionRuleIds.reReviewTimeLimit,
        level: 'warning',
        legalBasis: '《信访工作条例》第三十六条第一款、第二款',
        message: { key: 'petition.re-review-time-limit.late', params: { limit: '2025-10-27' } },
      }),
    ]);
    expect(noHearing.deadlines).toMatchObject({ reReview: deadline('2025-10-15'), reReviewHearingDays: 0 });
    expect(levelsOf(noHearing.findings)).toEqual(['petition.re-review-time-limit:warning']);
  });

  it('stops the clock while a hearing is open, and judges it at the opening', () => {
    // Act: opened 14 October, one day before the limit, still open on 30 November
    const open = evaluate(inReReview().hearingStarted('2025-10-14T09:00:00+08:00'), '2025-11-30T12:00:00+08:00');
    const openedLate = evaluate(inReReview().hearingStarted('2025-10-16T09:00:00+08:00'), '2025-11-30T12:00:00+08:00');

    // Assess
    expect(open.deadlines).toMatchObject({ reReview: deadline('2025-10-15'), reReviewHearingDays: 0, reReviewClockStopped: true });
    expect(open.findings).toEqual([]);
    expect(open.nextCheckAt).toBeNull();
    expect(levelsOf(openedLate.findings)).toEqual(['petition.re-review-time-limit:warning']);
    expect(openedLate.findings[0]?.message).toEqual({ key: 'petition.re-review-time-limit.overdue', params: { limit: '2025-10-15' } });
  });

  it('lets a hearing after the limit ran out move nothing, and counts overlapping hearings once', () => {
    // Act
    const afterLimit = evaluate(
      inReReview().hearingStarted('2025-10-20T09:00:00+08:00').hearingEnded('2025-10-22T17:00:00+08:00').reReviewDecided('2025-10-23T10:00:00+08:00'),
      '2025-10-24T12:00:00+08:00',
    );
    // Two hearings, 20–24 and 22–26 September, cover 21–26 September once: six days, so 21 October.
    const overlapping = evaluate(
      inReReview()
        .hearingStarted('2025-09-20T09:00:00+08:00', 'TZ-1')
        .hearingStarted('2025-09-22T09:00:00+08:00', 'TZ-2')
        .hearingEnded('2025-09-24T17:00:00+08:00', 'TZ-1')
        .hearingEnded('2025-09-26T17:00:00+08:00', 'TZ-2'),
      '2025-10-10T12:00:00+08:00',
    );

    // Assess
    expect(afterLimit.deadlines).toMatchObject({ reReview: deadline('2025-10-15'), reReviewHearingDays: 0 });
    expect(afterLimit.findings).toEqual([
      expect.objectContaining({
        legalBasis: '《信访工作条例》第三十六条第一款',
        message: { key: 'petition.re-review-time-limit.late', params: { limit: '2025-10-15' } },
      }),
    ]);
    expect(overlapping.deadlines).toMatchObject({ reReview: deadline('2025-10-21'), reReviewHearingDays: 6 });
    expect(overlapping.findings).toEqual([]);
  });

  it('reports a hearing with no re-review request and a closing with no opening', () => {
    // Act
    const { findings } = evaluate(
      anAcceptedPetition().handled('2025-09-08T10:00:00+08:00').hearingStarted('2025-09-05T09:00:00+08:00').hearingEnded('2025-09-06T09:00:00+08:00', 'TZ-9'),
      '2025-09-10T12:00:00+08:00',
    );

    // Assess
    expect(findings).toEqual([
      expect.objectContaining({ message: { key: 'petition.stage-order', params: { problems: 'hearingOutsideReReview,hearingEndedWithoutStart' } } }),
    ]);
    expect(renderMessage(findings[0]?.message ?? { key: '', params: {} }, 'zh')).toBe(
      '信访办理程序顺序有误：复核听证不在复核期间（未请求复核或已提出复核意见）；复核听证未开始即结束。',
    );
  });
});

describe('stage order', () => {
  it('reports a handling opinion with no acceptance, and a review decided without a request', () => {
    // Act
    const { findings } = evaluate(
      aPetitionCase().received().handled('2025-09-20T10:00:00+08:00').reviewDecided('2025-10-20T10:00:00+08:00'),
      '2025-10-21T12:00:00+08:00',
    );

    // Assess: the missing notice is also overdue
    expect(levelsOf(findings)).toEqual(['petition.acceptance-notice:warning', 'petition.stage-order:warning']);
    expect(findings[1]).toEqual(
      expect.objectContaining({
        ruleId: petitionRuleIds.stageOrder,
        level: 'warning',
        message: { key: 'petition.stage-order', params: { problems: 'handledWithoutAcceptance,decidedWithoutRequest' } },
      }),
    );
    expect(renderMessage(findings[1]?.message ?? { key: '', params: {} }, 'zh')).toBe(
      '信访办理程序顺序有误：未受理即延期或出具处理意见；未收到复查或复核请求即提出意见。',
    );
  });

  it('reports a handling opinion dated before the acceptance it follows', () => {
    // Act
    const { findings } = evaluate(anAcceptedPetition().handled('2025-09-04T10:00:00+08:00'), '2025-09-10T12:00:00+08:00');

    // Assess
    expect(findings).toEqual([expect.objectContaining({ message: { key: 'petition.stage-order', params: { problems: 'datedBeforePreviousStage' } } })]);
  });

  it('gives the same evaluation whatever order the events arrive in, duplicates included', () => {
    const events = anAcceptedPetition()
      .extended('2025-10-20T10:00:00+08:00', 40)
      .handled('2025-12-10T10:00:00+08:00')
      .reviewRequested('2025-12-20T10:00:00+08:00')
      .reviewDecided('2026-01-05T10:00:00+08:00')
      .reReviewRequested('2026-01-08T10:00:00+08:00')
      .hearingStarted('2026-01-12T09:00:00+08:00')
      .hearingEnded('2026-01-16T17:00:00+08:00')
      .build();
    const expected = evaluatePetitionCase(foldPetitionCase(events), matter, new Date('2026-01-30T12:00:00+08:00'), cal);
    expect(expected.deadlines.reReviewHearingDays).toBe(4);
    fc.assert(
      fc.property(fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2, maxLength: events.length * 2 }), (arrived) => {
        expect(evaluatePetitionCase(foldPetitionCase(arrived), matter, new Date('2026-01-30T12:00:00+08:00'), cal)).toEqual(expected);
      }),
    );
  });
});
