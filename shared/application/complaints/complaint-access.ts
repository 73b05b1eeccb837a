/**
 * Finding the complaint a caller may act on. Staff: out of scope answers exactly as unknown
 * (404), and the refusal is audited. Public: the receipt number and the query token together;
 * an unknown receipt, a malformed one and a wrong or missing token all answer the same 404.
 */
import { canSeeComplaint } from '../../access/complaint-scope.ts';
import type { StaffPrincipal } from '../../access/principal.ts';
import type { Complaint, NoticeKind, SealedRecord } from '../../domain/complaints/complaint.ts';
import { isReceiptNumber } from '../../domain/complaints/receipt-number.ts';
import { ComplaintNotFound } from '../../domain/access-refusals.ts';
import { ComplaintVersionChanged } from '../store-refusals.ts';
import { PersonalDataShreddedError } from '../personal-data-shredded.ts';
import type { AuditLog } from '../ports.ts';
import { actorOf } from './complaint-dependencies.ts';
import type { ComplaintRepository } from './complaint-repository.ts';
import { PersonalDataErased } from './complaint-refusals.ts';
import { queryTokenMatches } from './query-token.ts';
import type { Bilingual } from '../../domain/bilingual.ts';

const complaintNotFound: Bilingual = { zh: '投诉不存在', en: 'Complaint not found' };
const personalDataErased: Bilingual = { zh: '个人信息已删除', en: 'Personal data erased' };
export const noSuchNotice: Bilingual = { zh: '告知书不存在', en: 'No such notice' };

const notFound = () => new ComplaintNotFound(complaintNotFound, { zh: '您的辖区内没有该投诉。', en: 'No such complaint in your jurisdiction.' });

/**
 * The complaint, if the staff member may see it and `allowed` (default: may see it) holds;
 * otherwise 404, audited as denied when the complaint exists.
 */
export async function complaintForStaff(
  principal: StaffPrincipal,
  receiptNumber: string,
  action: string,
  deps: { readonly complaints: ComplaintRepository; readonly audit: AuditLog },
  allowed: (principal: StaffPrincipal, complaint: Complaint) => boolean = canSeeComplaint,
): Promise<Complaint> {
  const complaint = await deps.complaints.load(receiptNumber);
  if (complaint === undefined) throw notFound();
  if (!allowed(principal, complaint)) {
    await deps.audit.append({ action, outcome: 'denied', actor: actorOf(principal), target: `complaint:${receiptNumber}`, reason: 'outside scope' });
    throw notFound();
  }
  return complaint;
}

/** 409 when the caller read another version than the stored one. */
export function requireVersion(complaint: Complaint, expectedVersion: number): void {
  if (complaint.version !== expectedVersion) {
    throw new ComplaintVersionChanged(
      { zh: '投诉在您读取后已被修改', en: 'The complaint changed since you read it' },
      {
        zh: `当前为第 ${complaint.version} 版（${complaint.stage}）；请重新读取，如仍需要再重复该步骤。`,
        en: `It is at version ${complaint.version} (${complaint.stage}); read it again and repeat the step if it still applies.`,
      },
    );
  }
}

/** The complaint the query token opens, or the one 404 every failure shares. */
export async function complaintForTokenHolder(
  receiptNumber: string,
  token: string | undefined,
  deps: { readonly complaints: ComplaintRepository },
): Promise<Complaint> {
  const complaint = isReceiptNumber(receiptNumber) ? await deps.complaints.load(receiptNumber) : undefined;
  if (!queryTokenMatches(token, complaint?.queryTokenHash) || complaint === undefined) {
    throw new ComplaintNotFound(complaintNotFound, {
      zh: '没有与该受理编号和查询码相符的投诉。',
      en: 'No complaint matches this receipt number and query token.',
    });
  }
  return complaint;
}

/** 410 naming the erasure date, for what the erasure took with it. */
export function personalDataErasedError(complaint: Complaint, what: Bilingual): PersonalDataErased {
  const erasedOn = complaint.personalDataErasedAt?.slice(0, 10);
  return new PersonalDataErased(personalDataErased, {
    zh: `该投诉的${what.zh}已于 ${erasedOn} 保存期限届满时删除。`,
    en: `${what.en} of this complaint was erased on ${erasedOn}, at the end of its retention period.`,
  });
}

/** What a complaint's sealed personal data holds, as a refusal names it. */
export const personalDataWords: Bilingual = { zh: '个人信息', en: 'The personal data' };
export const complainantIdentityWords: Bilingual = { zh: '投诉人身份信息', en: "The complainant's identity" };
export const noticeWords = (kind: NoticeKind): Bilingual => ({ zh: kind === 'decision' ? '受理决定告知书' : '处理结果告知书', en: `The ${kind} notice` });

/**
 * What `open` opens of a complaint's sealed personal data; 410 when the key it is under is gone —
 * deleted (or pending deletion) once its retention period is over — as for erased data: a table
 * restored from before the erasure holds the sealed data, but nothing opens it any more.
 */
export async function openedUnlessShredded<T>(complaint: Complaint, what: Bilingual, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof PersonalDataShreddedError)) throw error;
    const until = complaint.personalDataRetainedUntil?.slice(0, 10);
    throw new PersonalDataErased(personalDataErased, {
      zh: `该投诉的${what.zh}已无法打开：其保存期限的密钥${until === undefined ? '' : `已于 ${until} 之后`}被删除。`,
      en: `${what.en} of this complaint can no longer be opened: the key of its retention period was deleted${until === undefined ? '' : ` after ${until}`}.`,
    });
  }
}

/** The complaint's sealed personal data, or 410 once it was erased. */
export function sealedPersonalData(complaint: Complaint, what: Bilingual = personalDataWords): SealedRecord {
  if (complaint.sealed === null) throw personalDataErasedError(complaint, what);
  return complaint.sealed;
}
