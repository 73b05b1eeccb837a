/**
 * What findings say, in both languages: every message key renders in Chinese and in English, and
 * the English is the sentence the rule stated before messages existed, word for word (the stored
 * summaries, the reconciliation that compares them and the events stay as they were). One case
 * per key, each a finding stated by the rules for the generated cases of the engine's differential
 * test or for a scenario of the rule tests, and the sentences reconciliation writes when an alert
 * resolves or is withdrawn.
 */
import { describe, expect, it } from 'vitest';
import { alertMessageTexts, renderMessage, type AlertMessage } from '#shared/domain/alerts/alert-messages.ts';

/** A message and the English sentence its rule stated for it. */
const statutoryOverdue = { key: 'licensing.decision-time-limit.statutory-overdue', params: { limit: '2025-09-28' } };

const stated: readonly (readonly [AlertMessage, string])[] = [
  [{ key: 'alert.resolved', params: {} }, 'The condition no longer holds.'],
  [
    { key: 'alert.escalated', params: { from: 'prompt', to: 'warning', workingDays: 3 }, finding: statutoryOverdue },
    'Unanswered at level prompt; escalated to warning. Decision not made by the statutory time limit of 2025-09-28.',
  ],
  [
    { key: 'alert.held', params: { since: '2025-09-02T02:00:00.000Z' }, finding: statutoryOverdue },
    'Held for insufficient data: no records from the department since 2025-09-02T02:00:00.000Z. Decision not made by the statutory time limit of 2025-09-28.',
  ],
  [
    { key: 'alert.withdrawn', params: { sequence: 3, occurredAt: '2025-09-02T10:00:00+08:00' } },
    'Withdrawn: record 3, which happened on 2025-09-02T10:00:00+08:00 but arrived later, shows the condition did not hold.',
  ],
  [{ key: 'licensing.completion-notice', params: { requests: 1, limit: '2025-01-02' } }, 'Notice to complete materials issued after the limit of 2025-01-02.'],
  [{ key: 'licensing.decision-time-limit.statutory-overdue', params: { limit: '2025-09-28' } }, 'Decision not made by the statutory time limit of 2025-09-28.'],
  [{ key: 'licensing.decision-time-limit.statutory-late', params: { limit: '2025-11-07' } }, 'Decision made after the statutory time limit of 2025-11-07.'],
  [{ key: 'licensing.decision-time-limit.promised-overdue', params: { limit: '2025-09-15' } }, 'Decision not made by the promised time limit of 2025-09-15.'],
  [{ key: 'licensing.decision-time-limit.promised-late', params: { limit: '2026-11-11' } }, 'Decision made after the promised time limit of 2026-11-11.'],
  [
    { key: 'licensing.decision-time-limit.approaching', params: { limit: '2027-01-07', provisional: 1 } },
    'Promised time limit for the decision (2027-01-07) is approaching (provisional: no published holiday arrangement for that year).',
  ],
  [
    { key: 'licensing.extension', params: { total: 11, cap: 10 } },
    'Extensions of 11 working days exceed the cap of 10 working days; only 10 count towards the time limits.',
  ],
  [{ key: 'licensing.fee.no-standard', params: { chargedFen: 20000 } }, 'Fees of 200.00 yuan charged for a matter whose catalogue sets no fee.'],
  [
    { key: 'licensing.fee.above-standard', params: { chargedFen: 5001, standardFen: 5000 } },
    'Fees of 50.01 yuan charged, above the catalogue standard of 50.00 yuan.',
  ],
  [{ key: 'licensing.procedure-order.without-acceptance', params: {} }, 'Case decided without prior acceptance.'],
  [{ key: 'licensing.procedure-order.without-decision', params: {} }, 'Case concluded without a decision.'],
  [{ key: 'licensing.procedure-order.both', params: {} }, 'Case decided without prior acceptance and concluded without a decision.'],
  [{ key: 'licensing.refusal-reasons', params: {} }, 'Application refused without written reasons.'],
  [{ key: 'licensing.stage-time-limit', params: { delivery: '2025-09-19' } }, 'Stage time limit passed: licence not delivered by the limit of 2025-09-19.'],
  [
    { key: 'licensing.suspension', params: { limitDays: 60, unnotifiedCount: 1, unnotifiedFrom: '2025-12-26' } },
    'Case suspended without written notice to the applicant of how long it takes (from 2025-12-26).',
  ],
  [{ key: 'penalty.procedure-order', params: { problems: 'decidedWithoutPriorNotice' } }, 'Case decided without prior notice of the proposed penalty.'],
  [
    { key: 'penalty.fine-within-band.no-band', params: { circumstance: 'ordinary', violation: 'FSL-124' } },
    'No discretion band configured for violation FSL-124 (ordinary).',
  ],
  [
    { key: 'penalty.fine-within-band.outside', params: { fine: 20001, min: 1000, max: 20000, violation: 'FSL-124', circumstance: 'ordinary' } },
    'Fine of 20001 yuan is outside the discretion band of 1000-20000 yuan for violation FSL-124 (ordinary).',
  ],
  [
    { key: 'penalty.hearing-notice.fine', params: { fine: 10000, threshold: 10000 } },
    'Fine of 10000 yuan reaches the hearing threshold of 10000 yuan, but no hearing notice was issued before the decision.',
  ],
  [
    { key: 'penalty.hearing-notice.proposed-fine', params: { fine: 12000, threshold: 10000 } },
    'Proposed fine of 12000 yuan reaches the hearing threshold of 10000 yuan, but no hearing notice was issued before the decision.',
  ],
  [{ key: 'penalty.decision-time-limit.late', params: { limit: '2025-06-30' } }, 'Penalty decision made after the time limit of 2025-06-30.'],
  [{ key: 'penalty.decision-time-limit.closed-late', params: { limit: '2025-06-30' } }, 'Case closed without a decision after the time limit of 2025-06-30.'],
  [{ key: 'penalty.decision-time-limit.overdue', params: { limit: '2025-06-30' } }, 'Penalty decision not made by the time limit of 2025-06-30.'],
  [
    { key: 'penalty.decision-time-limit.approaching', params: { limit: '2027-01-13', provisional: 1 } },
    'Time limit for the penalty decision (2027-01-13 (provisional: no published holiday arrangement for that year)) is approaching.',
  ],
  [{ key: 'penalty.publication.overdue', params: { limit: '2025-05-29' } }, 'Penalty decision not published by the publication limit of 2025-05-29.'],
  [{ key: 'penalty.publication.late', params: { limit: '2025-10-13' } }, 'Penalty decision published after the publication limit of 2025-10-13.'],
  [{ key: 'penalty.publication.last-day', params: { limit: '2025-10-13' } }, 'Today is the last day to publish the penalty decision (2025-10-13).'],
  [
    { key: 'publicResourceTrading.bid-period', params: { amended: 1, deadline: '2025-03-18', earliest: '2025-03-24', minDays: 20, notice: '2025-03-04' } },
    'Bid deadline (as amended) of 2025-03-18 leaves fewer than 20 days after the notice of 2025-03-04; the earliest lawful bid deadline is 2025-03-24.',
  ],
  [
    { key: 'publicResourceTrading.amendment-notice', params: { amended: '2025-03-10', deadline: '2025-03-18', earliest: '2025-03-25', minDays: 15 } },
    'Tender documents amended on 2025-03-10, fewer than 15 days before the bid deadline of 2025-03-18; the earliest lawful bid deadline after it is 2025-03-25.',
  ],
  [{ key: 'publicResourceTrading.publicity-period', params: { problems: 'notPublicized' } }, 'The tender was awarded without publicizing the candidates.'],
  [
    { key: 'publicResourceTrading.single-bidder', params: { bidders: 2 } },
    'Tender awarded although only 2 bidders took part; fewer than three require a new tender.',
  ],
  [
    { key: 'publicResourceTrading.contract-amount', params: { contract: 12650001, awarded: 11500000, percent: 10, deviation: '10.0' } },
    'Contract amount of 12650001 yuan differs from the awarded 11500000 yuan by 10.0%, more than the 10% allowed.',
  ],
  [{ key: 'publicResourceTrading.procedure-order', params: { problems: 'contractSignedWithoutAward' } }, 'Contract signed without an award.'],
  [
    { key: 'publicResourceTrading.contract-time-limit.late', params: { limit: '2025-06-05' } },
    'Contract signed after the time limit of 2025-06-05 after the award.',
  ],
  [
    { key: 'publicResourceTrading.contract-time-limit.overdue', params: { limit: '2025-06-05' } },
    'Contract not signed by the time limit of 2025-06-05 after the award.',
  ],
  [
    { key: 'publicResourceTrading.contract-time-limit.approaching', params: { limit: '2027-01-11', provisional: 1 } },
    'Time limit for signing the contract (2027-01-11) is approaching (provisional: no published holiday arrangement for that year).',
  ],
  [
    {
      key: 'publicResourceTrading.suspected-splitting',
      params: { buyer: 'ORG-91330200-BUYER1', count: 3, lowerBound: 3200000, threshold: 4000000, upperBound: 3999999, windowDays: 90 },
    },
    'Buyer ORG-91330200-BUYER1 placed 3 contracts between 3200000 and 3999999 yuan, just under the tendering threshold of 4000000 yuan, within 90 days.',
  ],
  [
    { key: 'publicResourceTrading.repeated-winner', params: { buyer: 'ORG-91330200-BUYER1', count: 8, windowDays: 365, winner: 'ORG-91330200-WIN001' } },
    'Buyer ORG-91330200-BUYER1 awarded 8 tenders to the same winner ORG-91330200-WIN001 within 365 days.',
  ],
  [{ key: 'onlineService.acceptance-time-limit.late', params: { limit: '2025-10-09' } }, 'Acceptance decided after the time limit of 2025-10-09.'],
  [{ key: 'onlineService.acceptance-time-limit.overdue', params: { limit: '2025-10-09' } }, 'Acceptance not decided by the time limit of 2025-10-09.'],
  [
    { key: 'onlineService.completion-time-limit.statutory-overdue', params: { limit: '2025-10-28' } },
    'Not completed by the statutory time limit of 2025-10-28.',
  ],
  [{ key: 'onlineService.completion-time-limit.statutory-late', params: { limit: '2025-10-28' } }, 'Completed after the statutory time limit of 2025-10-28.'],
  [{ key: 'onlineService.completion-time-limit.promised-overdue', params: { limit: '2025-10-14' } }, 'Not completed by the promised time limit of 2025-10-14.'],
  [{ key: 'onlineService.completion-time-limit.promised-late', params: { limit: '2025-10-14' } }, 'Completed after the promised time limit of 2025-10-14.'],
  [
    { key: 'onlineService.completion-time-limit.approaching', params: { limit: '2025-10-14' } },
    'Promised time limit for completion (2025-10-14) is approaching.',
  ],
  [{ key: 'onlineService.delivery-time-limit.late', params: { limit: '2025-10-11' } }, 'Result delivered after the time limit of 2025-10-11.'],
  [{ key: 'onlineService.delivery-time-limit.overdue', params: { limit: '2025-10-11' } }, 'Result not delivered by the time limit of 2025-10-11.'],
  [
    { key: 'onlineService.online-delivery', params: { channel: 'counter', noCertificate: 1 } },
    'The result of a matter handled wholly online was not delivered online, only at a counter and the approved result came without an electronic certificate.',
  ],
  [
    { key: 'onlineService.procedure-order', params: { problems: 'completedWithoutAcceptance,deliveredWithoutCompletion' } },
    'Steps out of order: completed without acceptance and a result delivered before completion.',
  ],
  [
    { key: 'onlineService.supplement-notice', params: { requests: 2, limit: '2025-09-30' } },
    'Notice to supplement materials issued after the limit of 2025-09-30 and issued 2 times instead of once, all at once.',
  ],
  [
    { key: 'disclosure.completion-request', params: { requests: 1, limit: '2025-09-10' } },
    'Request to complete the disclosure request made after the limit of 2025-09-10.',
  ],
  [{ key: 'disclosure.refusal-reasons.refused', params: {} }, 'Disclosure refused without reasons.'],
  [{ key: 'disclosure.refusal-reasons.partly', params: {} }, 'Information withheld from a partial disclosure without reasons.'],
  [{ key: 'disclosure.extension-limit', params: { total: 25, max: 20 } }, 'Reply limit extended by 25 working days in all, more than the 20 allowed.'],
  [
    { key: 'disclosure.reply-time-limit.outermost-late', params: { limit: '2026-03-30', maxExtension: 17 } },
    'Reply given after 2026-03-30, beyond the limit even with the longest extension allowed (17 working days).',
  ],
  [
    { key: 'disclosure.reply-time-limit.outermost-overdue', params: { limit: '2025-10-31', maxExtension: 20 } },
    'Reply not given by 2025-10-31, beyond the limit even with the longest extension allowed (20 working days).',
  ],
  [{ key: 'disclosure.reply-time-limit.late', params: { limit: '2025-10-10' } }, 'Reply given after the time limit of 2025-10-10.'],
  [{ key: 'disclosure.reply-time-limit.overdue', params: { limit: '2025-09-28' } }, 'Reply not given by the time limit of 2025-09-28.'],
  [
    { key: 'disclosure.reply-time-limit.approaching', params: { limit: '2025-09-28' } },
    'Time limit for the reply to a disclosure request (2025-09-28) is approaching.',
  ],
  [
    { key: 'disclosure.proactive-time-limit.last-day', params: { change: 'changed', formedOn: '2025-06-03', limit: '2025-07-01' } },
    'Information changed on 2025-06-03 must be published by 2025-07-01, the last day of its time limit.',
  ],
  [
    { key: 'disclosure.proactive-time-limit.late', params: { change: 'changed', formedOn: '2025-01-30', limit: '2025-02-05' } },
    'Information changed on 2025-01-30 published after the time limit of 2025-02-05.',
  ],
  [
    { key: 'disclosure.proactive-time-limit.overdue', params: { change: 'changed', formedOn: '2025-06-03', limit: '2025-07-01' } },
    'Information changed on 2025-06-03 not published by the time limit of 2025-07-01.',
  ],
  [
    { key: 'petition.acceptance-notice.approaching', params: { limit: '2025-09-16' } },
    'Time limit for the written notice of acceptance (2025-09-16) is approaching.',
  ],
  [{ key: 'petition.acceptance-notice.late', params: { limit: '2025-09-16' } }, 'Written notice of acceptance given after the time limit of 2025-09-16.'],
  [{ key: 'petition.acceptance-notice.overdue', params: { limit: '2025-10-09' } }, 'Written notice of acceptance not given by the time limit of 2025-10-09.'],
  [
    { key: 'petition.handling-time-limit.outermost-late', params: { limit: '2025-12-04', maxExtension: 30 } },
    'Petition handled after 2025-12-04, beyond the limit even with the longest extension allowed (30 days).',
  ],
  [
    { key: 'petition.handling-time-limit.outermost-overdue', params: { limit: '2025-12-04', maxExtension: 30 } },
    'Petition not handled by 2025-12-04, beyond the limit even with the longest extension allowed (30 days).',
  ],
  [{ key: 'petition.handling-time-limit.late', params: { limit: '2025-11-04' } }, 'Petition handled after the time limit of 2025-11-04.'],
  [
    { key: 'petition.handling-time-limit.overdue', params: { limit: '2027-01-04', provisional: 1 } },
    'Petition not handled by the time limit of 2027-01-04 (provisional: no published holiday arrangement for that year).',
  ],
  [{ key: 'petition.handling-time-limit.approaching', params: { limit: '2025-11-04' } }, 'Time limit for handling the petition (2025-11-04) is approaching.'],
  [
    { key: 'petition.extension', params: { problems: 'second,reasonNotNotified', count: 2, total: 30, max: 30 } },
    'Handling limit extended 2 times by 30 days in all (at most 30): extended a second time (one extension is allowed) and petitioner not told the reason for the extension.',
  ],
  [{ key: 'petition.review-time-limit.approaching', params: { limit: '2025-12-31' } }, 'Time limit for the review opinion (2025-12-31) is approaching.'],
  [{ key: 'petition.review-time-limit.late', params: { limit: '2025-12-31' } }, 'Review opinion given after the time limit of 2025-12-31.'],
  [{ key: 'petition.review-time-limit.overdue', params: { limit: '2025-12-31' } }, 'Review opinion not given by the time limit of 2025-12-31.'],
  [{ key: 'petition.re-review-time-limit.approaching', params: { limit: '2026-02-09' } }, 'Time limit for the re-review opinion (2026-02-09) is approaching.'],
  [{ key: 'petition.re-review-time-limit.late', params: { limit: '2026-02-09' } }, 'Re-review opinion given after the time limit of 2026-02-09.'],
  [{ key: 'petition.re-review-time-limit.overdue', params: { limit: '2026-02-09' } }, 'Re-review opinion not given by the time limit of 2026-02-09.'],
  [
    { key: 'petition.stage-order', params: { problems: 'handledWithoutAcceptance,datedBeforePreviousStage' } },
    'Petition procedure out of order: extended or handled without being accepted and a stage dated before the one it follows.',
  ],
  [
    {
      key: 'investmentProject.budget-estimate.exceeded',
      params: { on: '2025-03-31', investmentFen: 1_050_000_000, estimateFen: 1_000_000_000, excessFen: 50_000_000 },
    },
    'Investment of 10500000.00 yuan on 2025-03-31 exceeds the approved estimate of 10000000.00 yuan by 500000.00 yuan with no adjustment requested.',
  ],
  [
    {
      key: 'investmentProject.budget-estimate.exceeded-pending',
      params: { on: '2025-03-31', investmentFen: 1_050_000_000, estimateFen: 1_000_000_000, excessFen: 50_000_000 },
    },
    'Investment of 10500000.00 yuan on 2025-03-31 exceeds the approved estimate of 10000000.00 yuan by 500000.00 yuan before the requested adjustment was approved.',
  ],
  [
    { key: 'investmentProject.budget-estimate.approaching', params: { on: '2025-03-31', investmentFen: 1_050_000_000, estimateFen: 1_100_000_000 } },
    'Investment of 10500000.00 yuan on 2025-03-31 is close to the approved estimate of 11000000.00 yuan.',
  ],
  [
    {
      key: 'investmentProject.design-over-feasibility',
      params: { estimateFen: 1_100_000_100, feasibilityFen: 1_000_000_000, excessFen: 100_000_100, percent: 10 },
    },
    "The preliminary design's estimate of 11000001.00 yuan is more than 10% above the approved feasibility study's estimate of 10000000.00 yuan (by 1000001.00 yuan): the project unit must report it, and the investment department may require the feasibility study to be submitted again.",
  ],
  [
    { key: 'investmentProject.construction-start.without-design-approval', params: { started: '2024-06-01' } },
    'Construction started on 2024-06-01 with no approved preliminary design and estimate.',
  ],
  [
    { key: 'investmentProject.construction-start.before-design-approval', params: { started: '2024-06-01', approved: '2024-07-01' } },
    'Construction started on 2024-06-01, before the preliminary design and estimate were approved on 2024-07-01.',
  ],
  [
    { key: 'investmentProject.change-approval.unapproved', params: { count: 2, aspects: 'scale,standard' } },
    "2 major changes (scale and standard) made without the original approver's approval.",
  ],
  [
    { key: 'investmentProject.change-approval.retroactive', params: { count: 1, aspects: 'site' } },
    '1 major change (site) made before the original approver approved it.',
  ],
  [
    { key: 'investmentProject.tendering.missing', params: { contractFen: 400_000_000, thresholdFen: 400_000_000 } },
    'Construction contract of 4000000.00 yuan, at or above the tendering threshold of 4000000.00 yuan, started with no tender.',
  ],
  [
    { key: 'investmentProject.tendering.after-start', params: { contractFen: 800_000_000, thresholdFen: 400_000_000 } },
    'Construction contract of 8000000.00 yuan (tendering threshold 4000000.00 yuan) tendered only after construction started.',
  ],
  [
    { key: 'investmentProject.tendering.untraced', params: { contractFen: 800_000_000, thresholdFen: 400_000_000 } },
    'Tender of the construction contract of 8000000.00 yuan (threshold 4000000.00 yuan) names no public resource trading case.',
  ],
  [
    { key: 'investmentProject.tendering.goods-untraced', params: { contractFen: 200_000_000, thresholdFen: 200_000_000, count: 1 } },
    'Tender of a goods contract of 2000000.00 yuan (threshold 2000000.00 yuan) names no public resource trading case.',
  ],
  [
    { key: 'investmentProject.tendering.services-untraced', params: { contractFen: 150_000_000, thresholdFen: 100_000_000, count: 2 } },
    'Tender of a services contract of 1500000.00 yuan (threshold 1000000.00 yuan) names no public resource trading case (2 such tenders).',
  ],
  [
    { key: 'investmentProject.acceptance-time-limit.approaching', params: { limit: '2025-10-09' } },
    'Time limit for the completion acceptance (2025-10-09) is approaching.',
  ],
  [{ key: 'investmentProject.acceptance-time-limit.late', params: { limit: '2025-10-09' } }, 'Completion acceptance held after the time limit of 2025-10-09.'],
  [
    { key: 'investmentProject.acceptance-time-limit.overdue', params: { limit: '2025-10-09' } },
    'Completion acceptance not held by the time limit of 2025-10-09.',
  ],
  [
    { key: 'investmentProject.final-accounts-time-limit.approaching', params: { limit: '2025-09-30' } },
    'Time limit for the final accounts (2025-09-30) is approaching.',
  ],
  [
    { key: 'investmentProject.final-accounts-time-limit.late', params: { limit: '2025-09-30' } },
    'Final accounts completed after the time limit of 2025-09-30.',
  ],
  [
    { key: 'investmentProject.final-accounts-time-limit.overdue', params: { limit: '2025-09-30', provisional: 1 } },
    'Final accounts not completed by the time limit of 2025-09-30 (provisional: no published holiday arrangement for that year).',
  ],
  [
    { key: 'investmentProject.final-accounts-time-limit.outermost-late', params: { limit: '2025-12-01', maxExtension: 2 } },
    'Final accounts completed after 2025-12-01, beyond the limit even with the longest extension allowed (2 months).',
  ],
  [
    { key: 'investmentProject.final-accounts-time-limit.outermost-overdue', params: { limit: '2025-12-01', maxExtension: 2 } },
    'Final accounts not completed by 2025-12-01, beyond the limit even with the longest extension allowed (2 months).',
  ],
  [
    { key: 'investmentProject.stage-order', params: { problems: 'designBeforeFeasibility,finalAccountsWithoutAcceptance' } },
    'Investment project stages out of order: preliminary design approval dated before the feasibility study approval and final accounts with no passed completion acceptance.',
  ],
  [
    { key: 'informationSharing.answer-time-limit.approaching', params: { limit: '2025-10-09' } },
    'Time limit for answering the share request (2025-10-09) is approaching.',
  ],
  [
    { key: 'informationSharing.answer-time-limit.catalogue-late', params: { limit: '2025-10-09' } },
    'Share request answered after the catalogue time limit of 2025-10-09.',
  ],
  [
    { key: 'informationSharing.answer-time-limit.catalogue-overdue', params: { limit: '2025-10-09' } },
    'Share request not answered by the catalogue time limit of 2025-10-09.',
  ],
  [
    { key: 'informationSharing.answer-time-limit.legal-late', params: { limit: '2025-10-15' } },
    'Share request answered after the legal time limit of 2025-10-15.',
  ],
  [
    { key: 'informationSharing.answer-time-limit.legal-overdue', params: { limit: '2027-01-14', provisional: 1 } },
    'Share request not answered by the legal time limit of 2027-01-14 (provisional: no published holiday arrangement for that year).',
  ],
  [
    { key: 'informationSharing.delivery-time-limit.late', params: { limit: '2025-10-11' } },
    'Data delivered after the time limit of 2025-10-11 following the grant.',
  ],
  [
    { key: 'informationSharing.delivery-time-limit.overdue', params: { limit: '2025-10-11' } },
    'Data not delivered by the time limit of 2025-10-11 following the grant.',
  ],
  [
    { key: 'informationSharing.stage-order', params: { problems: 'answeredWithoutRequest,datedBeforePreviousStage' } },
    'Sharing procedure out of order: an answer with no request and a stage dated before the one it follows.',
  ],
  [
    { key: 'informationSharing.unconditional-refused', params: { resource: 'enterprise-registration-records' } },
    'Resource enterprise-registration-records is catalogued for unconditional sharing but the request was refused.',
  ],
  [
    { key: 'informationSharing.use-beyond-purpose', params: { count: 1, reportedBy: 'audit' } },
    'Shared data used beyond the stated purpose (1 report, by an audit).',
  ],
  [
    { key: 'configured.clock.overdue', params: { to: 'constructor', from: 'started', count: 1, unit: 'working', limit: '2025-09-27' } },
    "'constructor' did not happen by the time limit of 2025-09-27 (1 working day after 'started').",
  ],
  [
    { key: 'configured.clock.late', params: { to: 'reported', from: 'started', count: 5, unit: 'working', limit: '2025-10-10' } },
    "'reported' happened after the time limit of 2025-10-10 (5 working days after 'started').",
  ],
  [
    {
      key: 'configured.clock.own-words',
      params: {
        to: 'closed',
        from: 'reported',
        count: 7,
        unit: 'calendar',
        template: "Inspection not closed by {deadline} ({limit}); '{to}' is missing.",
        deadline: '2025-10-20',
      },
    },
    "Inspection not closed by 2025-10-20 (7 calendar days after 'reported'); 'closed' is missing.",
  ],
  [
    { key: 'configured.clock.approaching', params: { to: 'reported', from: 'started', count: 5, unit: 'working', limit: '2025-10-10' } },
    "Time limit for 'reported' (2025-10-10, 5 working days after 'started') is approaching.",
  ],
  [
    { key: 'configured.band', params: { field: 'fineYuan', event: 'reported', value: 80000, min: 0, max: 50000 } },
    "'fineYuan' of 'reported' is 80000, outside the band 0 to 50000.",
  ],
  [
    {
      key: 'connection.feed-silent.since',
      params: { since: '2026-12-03T09:30:00.000Z', workingHours: 16, limit: '2026-12-07T09:30:00.000Z' },
    },
    'No records from the department since 2026-12-03T09:30:00.000Z: 16 working hours without a push (by 2026-12-07T09:30:00.000Z).',
  ],
  [
    { key: 'connection.feed-silent.never', params: { connectedOn: '2026-12-01', workingHours: 16, limit: '2026-12-02T09:00:00.000Z' } },
    'No records from the department ever since it was connected on 2026-12-01: more than 16 working hours (by 2026-12-02T09:00:00.000Z).',
  ],
  [
    { key: 'connection.delayed-connection', params: { kind: 'penalty', connectedOn: '2026-11-02', graceWorkingDays: 20, limit: '2026-11-30' } },
    'Delayed connection: no penalty record within 20 working days of 2026-11-02 (by 2026-11-30).',
  ],
  [
    {
      key: 'reconciliation.difference',
      params: { days: '2026-12-03', missing: 2, extra: 1, mismatched: 1, buckets: 3, examples: 'construction-permit/A-1#1, construction-permit/A-2#1' },
    },
    'Reconciliation: the manifest of 2026-12-03 differs from what the system holds (2 missing, 1 extra, 1 version mismatched, 3 differing buckets, e.g. construction-permit/A-1#1, construction-permit/A-2#1).',
  ],
  [
    { key: 'reconciliation.manifest-late', params: { days: '2026-12-03', limit: '2026-12-04T02:00:00.000Z' } },
    'Reconciliation: the manifest of 2026-12-03 was not submitted on time (due by 2026-12-04 10:00).',
  ],
  [
    { key: 'accountability.order-overdue', params: { measureNumber: 'WZ20261201K7M2Q9', deadline: '2026-12-15' } },
    'Order to correct WZ20261201K7M2Q9: the deadline of 2026-12-15 passed with no correction reported.',
  ],
  [
    {
      key: 'accountability.order-overdue.escalated',
      params: { measureNumber: 'WZ20261201K7M2Q9', deadline: '2026-12-15', workingDays: 5, escalatedOn: '2026-12-22' },
    },
    'Order to correct WZ20261201K7M2Q9: still no correction reported 5 working days after the deadline of 2026-12-15 (by 2026-12-22).',
  ],
  [
    {
      key: 'reporting.future-instant',
      params: { sequence: 2, event: 'accepted', occurredAt: '2026-12-05T18:00:00.000+08:00', receivedAt: '2026-12-05T16:30:00.000+08:00' },
    },
    'Record 2 (accepted) says its act happened at 2026-12-05 18:00, after it was received at 2026-12-05 16:30: the record is not accurate.',
  ],
  [
    {
      key: 'reporting.stage-order',
      params: {
        sequence: 3,
        event: 'decided',
        occurredAt: '2026-12-02T14:00:00.000+08:00',
        earlierSequence: 2,
        earlierEvent: 'accepted',
        earlierOccurredAt: '2026-12-02T15:00:00.000+08:00',
      },
    },
    "Record 3 (decided) is stamped 2026-12-02 14:00, before the earlier stage's record 2 (accepted) stamped 2026-12-02 15:00: the records contradict each other.",
  ],
  [
    {
      key: 'reporting.late',
      params: { sequence: 1, event: 'received', occurredAt: '2026-12-02T09:00:00.000+08:00', receivedAt: '2026-12-04T09:00:00.000+08:00', hours: 24, count: 1 },
    },
    'Record 1 (received) of an act at 2026-12-02 09:00 was received at 2026-12-04 09:00, more than 24 hours later: reported late.',
  ],
  [
    {
      key: 'reporting.incomplete',
      params: { missing: 'received', sequence: 1, event: 'accepted', receivedAt: '2026-12-02T10:05:00.000+08:00', limit: '2026-12-03T02:05:00.000Z' },
    },
    'Record 1 (accepted) arrived at 2026-12-02 10:05, but no record of the earlier stage (received) by 2026-12-03 10:05: the case is reported incompletely.',
  ],
  [
    { key: 'connection.data-standard', params: { from: '2026-12-02', to: '2026-12-08', arrived: 40, refused: 3, percent: 7.5, threshold: 5 } },
    '3 of 40 records pushed from 2026-12-02 to 2026-12-08 were refused for departing from the data standard (7.5%), at or above the 5% limit.',
  ],
];

/** How a reader in the city reads an instant: `2025-09-02 10:00` for `2025-09-02T02:00:00.000Z`. */
const shanghaiMinute = (instant: string): string => new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The message's parameters taken out of a rendering, so that what is left is the sentence's own words. */
function ownWords(text: string, message: AlertMessage): string {
  let rest = text;
  for (const value of Object.values(message.params)
    .map(String)
    .sort((a, b) => b.length - a.length))
    rest = rest.split(value).join('');
  return rest;
}

describe('alert messages', () => {
  it('has one stated case for every key', () => {
    expect(new Set(stated.map(([message]) => message.key))).toEqual(new Set(Object.keys(alertMessageTexts)));
  });

  it.each(stated.map(([message, english]) => [message.key, message, english] as const))(
    'renders %s in English exactly as the rule stated it',
    (_key, message, english) => {
      expect(renderMessage(message, 'en')).toBe(english);
    },
  );

  it.each(stated.map(([message, english]) => [message.key, message, english] as const))('renders %s in Chinese, in its own words', (_key, message, english) => {
    const chinese = renderMessage(message, 'zh') ?? '';

    expect(chinese).not.toContain('undefined');
    // Every date, figure and identifier the English gives, the Chinese gives too; an instant in Shanghai time.
    for (const value of Object.values(message.params).map(String)) {
      if (/\d/.test(value) && english.includes(value)) expect(chinese).toContain(/T\d\d:\d\d:.*Z$/.test(value) ? shanghaiMinute(value) : value);
    }
    // A configured kind's own words are its own; every other message is Chinese, with no English left but its parameters.
    if (message.key === 'configured.clock.own-words') return;
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese).toMatch(/。$/);
    expect(ownWords(chinese, message)).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('says which goods or services tender names no trading case, in yuan, and how many', () => {
    // Act
    const goods = renderMessage(
      { key: 'investmentProject.tendering.goods-untraced', params: { contractFen: 200_000_000, thresholdFen: 200_000_000, count: 1 } },
      'zh',
    );
    const services = renderMessage(
      { key: 'investmentProject.tendering.services-untraced', params: { contractFen: 150_000_000, thresholdFen: 100_000_000, count: 2 } },
      'zh',
    );

    // Assess
    expect(goods).toBe('重要设备、材料等货物采购单项合同估算价 2000000.00 元（必须招标标准 2000000.00 元）的招标未关联公共资源交易编号。');
    expect(services).toBe('勘察、设计、监理等服务采购单项合同估算价 1500000.00 元（必须招标标准 1000000.00 元）的招标未关联公共资源交易编号（共 2 项）。');
  });

  it('says a statutory limit missed as Chinese supervision does', () => {
    const message = { key: 'licensing.decision-time-limit.statutory-overdue', params: { limit: '2026-11-03' } };

    expect(renderMessage(message, 'zh')).toBe('未在法定期限内作出决定（期限 2026-11-03）。');
    expect(renderMessage(message, 'en')).toBe('Decision not made by the statutory time limit of 2026-11-03.');
    expect(renderMessage({ key: 'licensing.fee.above-standard', params: { chargedFen: 12345, standardFen: 10000 } }, 'zh')).toBe(
      '收取费用 123.45 元，超过事项目录规定的标准 100.00 元。',
    );
    expect(renderMessage({ key: 'licensing.decision-time-limit.promised-overdue', params: { limit: '2027-01-04', provisional: 1 } }, 'zh')).toBe(
      '未在承诺期限内作出决定（期限 2027-01-04）（暂定：该年度节假日安排尚未公布）。',
    );
  });

  it('renders nothing for a key it does not know, so the reader gets the stored sentence', () => {
    expect(renderMessage({ key: 'licensing.no-such-message', params: {} }, 'zh')).toBeNull();
    expect(renderMessage({ key: 'toString', params: {} }, 'en')).toBeNull();
    expect(
      renderMessage({ key: 'alert.escalated', params: { from: 'prompt', to: 'warning' }, finding: { key: 'licensing.no-such-message', params: {} } }, 'zh'),
    ).toBeNull();
  });

  it('says an escalation by time and a hold for a stale feed in Chinese around the finding it wraps', () => {
    expect(renderMessage({ key: 'alert.escalated', params: { from: 'warning', to: 'correction', workingDays: 5 }, finding: statutoryOverdue }, 'zh')).toBe(
      '警戒信号经 5 个工作日未获答复，升级为纠错。未在法定期限内作出决定（期限 2025-09-28）。',
    );
    expect(renderMessage({ key: 'alert.held', params: { since: '2025-09-02T17:30:00.000Z' }, finding: statutoryOverdue }, 'zh')).toBe(
      '因数据不足暂缓：该部门自 2025-09-03 01:30 起未报送记录。未在法定期限内作出决定（期限 2025-09-28）。',
    );
    expect(renderMessage({ key: 'alert.held', params: {}, finding: statutoryOverdue }, 'zh')).toBe(
      '因数据不足暂缓：该部门从未报送记录。未在法定期限内作出决定（期限 2025-09-28）。',
    );
    expect(renderMessage({ key: 'alert.held', params: {}, finding: statutoryOverdue }, 'en')).toBe(
      'Held for insufficient data: no records from the department ever. Decision not made by the statutory time limit of 2025-09-28.',
    );
  });
});
