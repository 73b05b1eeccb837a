import { describe, expect, it } from 'vitest';
import { tenderCrossCase } from '#shared/domain/tender/tender-cross-case.ts';
import { foldTenderCase, type TenderCaseState } from '#shared/domain/tender/tender-case.ts';
import { TenderMatter } from '#shared/domain/tender/tender-matter.ts';
import { aTenderCase } from './tender-event-mother.ts';

const matter = TenderMatter.parse({
  department: 'haishu-housing',
  matterCode: 'construction-tender',
  kind: 'publicResourceTrading',
  name: '施工招标',
  legalBasis: '《中华人民共和国招标投标法》',
});
/** The parts of an awarded tender's state the cross-case rules read. */
const awarded = (caseId: string, awardedAt: string | null, amountYuan = 3_500_000) =>
  ({
    caseId,
    buyerId: 'buyer-1',
    winnerId: 'builder-7',
    awardedAt: awardedAt === null ? null : new Date(awardedAt).getTime(),
    awardedAtAsWritten: awardedAt,
    awardedAmountYuan: awardedAt === null ? null : amountYuan,
  }) as unknown as TenderCaseState;

describe("a buyer's awards across cases", () => {
  it('joins the buyer group only once awarded', () => {
    expect(tenderCrossCase.membership(awarded('T-0', null))).toBeUndefined();
    expect(tenderCrossCase.membership(awarded('T-1', '2025-06-10T10:00:00+08:00'))).toMatchObject({
      group: 'buyer#buyer-1',
      facts: { caseId: 'T-1', amountYuan: 3_500_000 },
    });
  });

  it('stores the award as the department wrote it, ordered by its instant in UTC', () => {
    // Prepare: the membership is written to the case table and read back for the buyer's other tenders.
    const state = foldTenderCase(
      aTenderCase({ caseId: 'T-9' })
        .noticePublished('2025-05-06T09:00:00+08:00', { bidDeadline: '2025-06-06T09:00:00+08:00', buyerId: 'buyer-1' })
        .bidsOpened('2025-06-06T09:00:00+08:00')
        .awarded('2025-06-10T02:00:00Z', 3_500_000, 'builder-7')
        .build(),
    );

    // Act
    const membership = tenderCrossCase.membership(state);

    // Assess
    expect(membership).toEqual({
      group: 'buyer#buyer-1',
      order: '2025-06-10T02:00:00.000Z#T-9',
      facts: { buyerId: 'buyer-1', winnerId: 'builder-7', caseId: 'T-9', amountYuan: 3_500_000, awardedAt: '2025-06-10T02:00:00Z' },
    });
  });

  it('finds splitting and a repeated winner on the award that completes them, judged as of that award', () => {
    const members = ['2025-06-10', '2025-06-20', '2025-07-01'].map((day, i) => ({
      caseId: `T-${i}`,
      facts: tenderCrossCase.membership(awarded(`T-${i}`, `${day}T10:00:00+08:00`))!.facts,
    }));
    const third = tenderCrossCase.findings(awarded('T-2', '2025-07-01T10:00:00+08:00'), matter, members, new Date('2026-11-27T00:00:00Z'));
    expect(third.map((f) => f.ruleId).sort()).toEqual(['publicResourceTrading.repeated-winner', 'publicResourceTrading.suspected-splitting']);
    expect(tenderCrossCase.findings(awarded('T-1', '2025-06-20T10:00:00+08:00'), matter, members.slice(0, 2), new Date())).toEqual([]);
  });

  it('sees no splitting when the awards reach the threshold', () => {
    const members = ['2025-06-10', '2025-06-20', '2025-07-01'].map((day, i) => ({
      caseId: `T-${i}`,
      facts: tenderCrossCase.membership(awarded(`T-${i}`, `${day}T10:00:00+08:00`, 4_200_000))!.facts,
    }));
    const findings = tenderCrossCase.findings(awarded('T-2', '2025-07-01T10:00:00+08:00', 4_200_000), matter, members, new Date());
    expect(findings.map((f) => f.ruleId)).toEqual(['publicResourceTrading.repeated-winner']);
  });
});
