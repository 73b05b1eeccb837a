/**
 * The complainant re-opens a finished complaint (beyond the regulation): a new complaint, linked
 * both ways (`reopenOf` / `reopenedAs`), about the same subject, with the new content.
 * Primary course: find the original by receipt number and token, check it may be re-opened
 * (finished, within the window, not re-opened before), open its complainant's fields and seal
 * them again under the new receipt number, start the new acceptance clock, and store the new
 * complaint and the original's link in one transaction. Answers the new receipt number and token.
 */
import { complainantFromFields } from '../../domain/complaints/complainant.ts';
import { applyReopening, newComplaint } from '../../domain/complaints/complaint-lifecycle.ts';
import { intakeKeyAt } from '../../domain/complaints/personal-data-key-periods.ts';
import { VersionChanged } from '../store-refusals.ts';
import type { ComplaintFollowUpDependencies } from './complaint-dependencies.ts';
import { complaintForTokenHolder, sealedPersonalData } from './complaint-access.ts';
import { applyingRules } from './complaint-refusals.ts';
import { ReceiptNumberTakenError } from './complaint-repository.ts';
import { drawReceiptNumber } from './draw-receipt-number.ts';
import { lookupHashesOf, sealableFields, type FiledComplaint } from './file-complaint.ts';
import { newQueryToken, queryTokenHash } from './query-token.ts';

const attempts = 4;

export async function reopenComplaint(
  receiptNumber: string,
  token: string | undefined,
  content: string,
  deps: ComplaintFollowUpDependencies,
): Promise<FiledComplaint> {
  const cal = await deps.calendar();
  for (let attempt = 1; ; attempt++) {
    const original = await complaintForTokenHolder(receiptNumber, token, deps);
    const at = deps.clock();
    const newReceiptNumber = drawReceiptNumber(at);
    const reopened = applyingRules(() => applyReopening(original, newReceiptNumber, deps.settings.reopeningWindowDays, { at, actor: 'public' }));
    const complainant = original.realName ? complainantFromFields(await deps.protector.open(sealedPersonalData(original), original.receiptNumber)) : undefined;
    const queryToken = newQueryToken();
    const filed = newComplaint(
      {
        receiptNumber: newReceiptNumber,
        receivedAt: at.toISOString(),
        subject: original.subject,
        category: original.category,
        realName: original.realName,
        identityDisclosureConsent: original.identityDisclosureConsent,
        // A new complaint: its own data key, under the intake key of this month (not the original's key).
        sealed: await deps.protector.seal(sealableFields(content, complainant), newReceiptNumber, { period: intakeKeyAt(at) }),
        queryTokenHash: queryTokenHash(queryToken),
        reopenOf: original.receiptNumber,
      },
      { cal, policy: deps.settings.clock },
    );
    try {
      await deps.complaints.save([
        { change: filed, expectedVersion: 0, lookupHashes: await lookupHashesOf(complainant, deps.protector) },
        { change: reopened, expectedVersion: original.version },
      ]);
    } catch (error) {
      const retry = error instanceof ReceiptNumberTakenError || error instanceof VersionChanged;
      if (retry && attempt < attempts) continue;
      throw error;
    }
    const { complaint } = filed;
    return {
      receiptNumber: newReceiptNumber,
      queryToken,
      receivedAt: complaint.receivedAt,
      acceptanceDueBy: complaint.acceptanceDeadline.date,
      acceptanceDeadlineProvisional: complaint.acceptanceDeadline.provisional,
      reopenOf: original.receiptNumber,
    };
  }
}
