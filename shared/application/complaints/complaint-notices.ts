/**
 * Written notices of a change (Art. 19): for a real-name complaint, the decision notice when the
 * decision is made and the result notice when the complaint is concluded. The text is composed
 * by the domain, set as a PDF by the renderer, sealed under the complaint and stored in the same
 * transaction as the change; the complaint records its digest and size.
 */
import { createHash } from 'node:crypto';
import type { Complaint, ComplaintChangeSet, NoticeKind } from '../../domain/complaints/complaint.ts';
import { withNoticeProduced, noticeDue } from '../../domain/complaints/complaint-lifecycle.ts';
import { acceptanceDecisionNotice, handlingResultNotice } from '../../domain/notices/complaint-notices.ts';
import type { WrittenNotice } from '../../domain/notices/written-notice.ts';
import { issuingOrganFor } from '../city-structure/issuing-organ.ts';
import type { NoticeRenderer, PersonalDataProtector, ReferenceReader } from '../ports.ts';
import type { StoredNotice } from './complaint-repository.ts';
import { sealedPersonalData } from './complaint-access.ts';
import { UnprintableText } from './complaint-refusals.ts';

/** The context a notice is sealed under: bound to the complaint and the kind of notice. */
export const noticeContext = (receiptNumber: string, kind: NoticeKind): string => `${receiptNumber}#notice:${kind}`;

/** Refuses staff text the notice font cannot print, naming the characters and the field (422). */
export function requirePrintable(renderer: NoticeRenderer, texts: Readonly<Record<string, string | undefined>>): void {
  const errors = Object.entries(texts).flatMap(([pointer, value]) => {
    const missing = value === undefined ? [] : renderer.unprintable(value);
    return missing.length === 0
      ? []
      : [
          {
            pointer,
            detail: {
              zh: `告知书字体无法打印以下字符：${missing.slice(0, 20).join(' ')}`,
              en: `the notice font cannot print: ${missing.slice(0, 20).join(' ')}`,
            },
          },
        ];
  });
  if (errors.length > 0) {
    throw new UnprintableText(
      { zh: '文字无法在书面告知书中打印', en: 'Text a written notice cannot print' },
      { zh: '请替换所列字符，或改用文字描述。', en: 'Replace the characters named, or describe them in words.' },
      errors,
    );
  }
}

/** The organ handling the complaint in the words of a notice. */
function handledBy(complaint: Complaint): string {
  return complaint.handling?.by === 'department' ? complaint.handling.departmentName : '本机关';
}

function composeNotice(complaint: Complaint, kind: NoticeKind, addressee: string, organ: string): WrittenNotice {
  const decision = complaint.decision;
  if (kind === 'decision') {
    if (decision === undefined) throw new Error('a decision notice needs the decision');
    const handling = complaint.handling;
    return acceptanceDecisionNotice({
      receiptNumber: complaint.receiptNumber,
      addressee,
      receivedOn: complaint.receivedOn,
      decidedOn: decision.decidedOn,
      accepted: decision.accepted,
      reasons: decision.reasons ?? '',
      ...(decision.accepted && handling
        ? {
            handling:
              handling.by === 'department'
                ? { by: 'department' as const, departmentName: handling.departmentName, deadline: handling.deadline.date }
                : { by: 'supervisor' as const, deadline: handling.deadline.date },
          }
        : {}),
      organ,
    });
  }
  if (complaint.concludedOn === undefined || complaint.resultSummary === undefined) throw new Error('a result notice needs the conclusion');
  return handlingResultNotice({
    receiptNumber: complaint.receiptNumber,
    addressee,
    receivedOn: complaint.receivedOn,
    concludedOn: complaint.concludedOn,
    result: complaint.resultSummary,
    handledBy: handledBy(complaint),
    organ,
  });
}

/** Produces every notice the change makes due and adds them to it. */
export async function withDueNotices(
  changeSet: ComplaintChangeSet,
  deps: { readonly protector: PersonalDataProtector; readonly renderer: NoticeRenderer; readonly reference: Pick<ReferenceReader, 'jurisdiction'> },
  at: Date,
): Promise<{ readonly change: ComplaintChangeSet; readonly notices: readonly StoredNotice[] }> {
  const due = (['decision', 'result'] as const).filter((kind) => noticeDue(changeSet.complaint, kind));
  if (due.length === 0) return { change: changeSet, notices: [] };
  const { receiptNumber } = changeSet.complaint;
  const opened = await deps.protector.open(sealedPersonalData(changeSet.complaint), receiptNumber);
  const addressee = opened['name'];
  if (addressee === undefined) throw new Error('a real-name complaint without a sealed name');
  // The organ as the city's structure names it now: a renamed organ issues under its new name.
  const organ = await issuingOrganFor(changeSet.complaint.jurisdiction, deps.reference);
  let change = changeSet;
  const notices: StoredNotice[] = [];
  for (const kind of due) {
    const pdf = await deps.renderer.render(composeNotice(change.complaint, kind, addressee, organ));
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    // Under the key of the complaint's other data keys: they move (and are shredded) together.
    const document = await deps.protector.sealDocument(pdf, noticeContext(receiptNumber, kind), { keyRef: sealedPersonalData(change.complaint).keyRef });
    change = withNoticeProduced(change, kind, { sha256, byteLength: pdf.byteLength }, at);
    notices.push({ kind, document, sha256, byteLength: pdf.byteLength, producedAt: at.toISOString() });
  }
  return { change, notices };
}
