/**
 * Wire contract of the complaint routes (Art. 19), public and console; the OpenAPI document is
 * generated from these schemas. Every string is bounded and refused with control characters;
 * unknown fields are refused. Phone and ID numbers are normalised here (digits; upper-case X) and
 * an invalid one is refused naming the field.
 */
import * as z from 'zod';
import { CalendarDate } from '../domain/calendar/calendar-overlay.ts';
import { complaintCategories, complaintFindings, complaintStages, deliveryChannels, noticeKinds } from '../domain/complaints/complaint.ts';
import { normalisePhoneNumber, phoneKindOf } from '../domain/complaints/phone-number.ts';
import { ReceiptNumber } from '../domain/complaints/receipt-number.ts';
import { identityNumberProblem, normaliseIdentityNumber } from '../domain/complaints/resident-identity-number.ts';
import { CaseId, DepartmentId, Instant, JurisdictionId } from '../domain/records/identifiers.ts';
import { complaintQueues } from '../application/complaints/complaint-repository.ts';
import { InstantView } from './instant-view.ts';

export const complaintLimits = {
  maxBodyBytes: 16 * 1024,
  maxContentCharacters: 5000,
  maxStaffTextCharacters: 2000,
  maxEvidence: 20,
  page: { default: 50, max: 100 },
} as const;

/** The header the query token travels in (never the URL, which ends up in logs). */
export const queryTokenHeader = 'x-query-token';

const controlCharacters = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Trimmed, non-empty, at most `max` characters; line breaks allowed only when `multiline`. Messages
 * here are read by residents: written `中文 / English`, said in the request's language.
 */
const text = (max: number, multiline = false) =>
  z
    .string()
    .trim()
    .min(1, '必填 / required')
    .max(max, `最多 ${max} 个字符 / at most ${max} characters`)
    .refine(
      (value) => !controlCharacters.test(value) && !loneSurrogate.test(value) && (multiline || !/[\r\n\t]/.test(value)),
      '含有控制字符 / contains control characters',
    );

const RecordKind = z.string().regex(/^[a-z][a-zA-Z0-9]{2,40}$/, '应为记录种类，如 licensing、penalty / a record kind such as licensing or penalty');

/** A resident identity number, normalised (spaces dropped, upper-case X) and checked (length, birth date, check character). */
export const IdentityNumber = z
  .string()
  .max(40, '最多 40 个字符 / at most 40 characters')
  .transform(normaliseIdentityNumber)
  .superRefine((value, context) => {
    const problem = identityNumberProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
  });

/** A mainland mobile (11 digits) or landline number with area code, normalised to digits. */
export const PhoneNumber = z
  .string()
  .max(30, '最多 30 个字符 / at most 30 characters')
  .transform(normalisePhoneNumber)
  .refine(
    (value) => phoneKindOf(value) !== undefined,
    '应为大陆手机号码（11 位）或带区号的固定电话 / a mainland mobile number (11 digits) or a landline with its area code',
  );

export const ComplainantBody = z.strictObject({
  name: text(50),
  idNumber: IdentityNumber.optional(),
  phone: PhoneNumber,
  address: text(200).optional(),
  email: z.email('an e-mail address').max(254).optional(),
});

/** `POST /v1/public/complaints`. */
export const FileComplaintBody = z
  .strictObject({
    /** The department complained about; or `jurisdiction` alone for a complaint about no particular department. */
    department: DepartmentId.optional(),
    /** One of the department's cases, as it identifies it. */
    case: z.strictObject({ kind: RecordKind, caseId: CaseId }).optional(),
    jurisdiction: JurisdictionId.optional(),
    category: z.enum(complaintCategories),
    content: text(complaintLimits.maxContentCharacters, true),
    realName: z.boolean(),
    complainant: ComplainantBody.optional(),
    /** The complainant agrees that the department complained about may see who they are. */
    identityDisclosureConsent: z.boolean().optional(),
  })
  .superRefine((body, context) => {
    const issue = (path: string, message: string) => context.addIssue({ code: 'custom', path: [path], message, input: undefined });
    if ((body.department === undefined) === (body.jurisdiction === undefined))
      issue('department', '应填写部门或辖区之一 / name either a department or a jurisdiction');
    if (body.case !== undefined && body.department === undefined)
      issue('case', '案件属于部门，请填写部门 / a case belongs to a department: name the department');
    if (body.realName && body.complainant === undefined)
      issue('complainant', '实名投诉须填写投诉人（姓名和电话） / a real-name complaint needs the complainant (name and phone)');
    if (!body.realName && body.complainant !== undefined) issue('complainant', '匿名投诉不含个人信息 / an anonymous complaint carries no personal data');
    if (!body.realName && body.identityDisclosureConsent !== undefined)
      issue('identityDisclosureConsent', '匿名投诉没有可披露的身份 / an anonymous complaint has no identity to disclose');
  });
export type FileComplaintBody = z.infer<typeof FileComplaintBody>;

/** Any string: a malformed receipt number answers the same 404 as an unknown one (nothing is revealed). */
export const PublicComplaintPath = z.strictObject({ receiptNumber: z.string().max(64) });
export const PublicNoticePath = PublicComplaintPath.extend({ notice: z.enum(noticeKinds) });

export const RatingBody = z.strictObject({ score: z.number().int('应为整数 / an integer').min(1).max(5), comment: text(500, true).optional() });
export const ReopeningBody = z.strictObject({ content: text(complaintLimits.maxContentCharacters, true) });

// Console.

export const ComplaintPath = z.strictObject({ receiptNumber: ReceiptNumber });
export const ComplaintNoticePath = ComplaintPath.extend({ notice: z.enum(noticeKinds) });

export const ListComplaintsQuery = z.strictObject({
  /** Default: `awaitingDecision` for supervisors, `forwarded` for liaisons. */
  queue: z.enum(complaintQueues).optional(),
  /** City supervisors may look at one jurisdiction. */
  jurisdiction: JurisdictionId.optional(),
  /** Clamped to 1..100. */
  limit: z.coerce.number().int('应为整数 / an integer').optional(),
  cursor: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, '应为上一页给出的游标 / an opaque cursor from a previous page')
    .optional(),
});

const expectedVersion = z.number().int('应为整数 / an integer').min(1);
const staffText = text(complaintLimits.maxStaffTextCharacters, true);

const Handling = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('supervisor'), deadline: CalendarDate }),
  z.strictObject({
    by: z.literal('department'),
    department: DepartmentId,
    deadline: CalendarDate,
    /** The complaint concerns the receiving department or its staff (always so when filed about it): identity withheld unless the complainant agreed. */
    aboutRecipient: z.boolean().optional(),
  }),
]);

/** `POST /v1/complaints/{receiptNumber}/decision`. */
export const DecisionBody = z.discriminatedUnion('accepted', [
  z.strictObject({ expectedVersion, accepted: z.literal(false), reasons: staffText }),
  z.strictObject({ expectedVersion, accepted: z.literal(true), reasons: staffText.optional(), handling: Handling }),
]);
export type DecisionBody = z.infer<typeof DecisionBody>;

export const EvidenceBody = z.strictObject({
  title: text(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '应为小写十六进制的 SHA-256 摘要 / a lower-case hex SHA-256 digest'),
  reference: text(200),
});

/** `POST /v1/complaints/{receiptNumber}/result`. */
export const ResultBody = z.strictObject({
  expectedVersion,
  /** The result as it will be told to the complainant. */
  summary: staffText,
  /** What handling found: 属实 upheld, 部分属实 partly upheld, 不属实 not upheld (counted in the statistics, Art. 20). */
  finding: z.enum(complaintFindings).optional(),
  evidence: z.array(EvidenceBody).max(complaintLimits.maxEvidence),
  /** Internal, never shown to the complainant. */
  note: staffText.optional(),
});
export type ResultBody = z.infer<typeof ResultBody>;

/** `POST /v1/complaints/{receiptNumber}/review`. */
export const ReviewBody = z.discriminatedUnion('verdict', [
  z.strictObject({ expectedVersion, verdict: z.literal('accept'), summary: staffText.optional() }),
  z.strictObject({ expectedVersion, verdict: z.literal('sendBack'), reasons: staffText, deadline: CalendarDate }),
]);
export type ReviewBody = z.infer<typeof ReviewBody>;

export const IdentityBody = z.strictObject({
  purpose: text(500).pipe(z.string().min(5, '请说明用途（至少 5 个字符） / state the purpose (at least 5 characters)')),
});

export const DeliveryBody = z.strictObject({
  expectedVersion,
  channel: z.enum(deliveryChannels),
  deliveredAt: Instant,
  trackingReference: text(100).optional(),
});
export type DeliveryBody = z.infer<typeof DeliveryBody>;

/** `POST /v1/complaint-searches`: exactly one of the two. */
export const ComplaintSearchBody = z
  .strictObject({ idNumber: IdentityNumber.optional(), phone: PhoneNumber.optional() })
  .refine((body) => (body.idNumber === undefined) !== (body.phone === undefined), {
    message: '应填写身份证号码或电话之一 / give either idNumber or phone',
    path: ['idNumber'],
  });
export type ComplaintSearchBody = z.infer<typeof ComplaintSearchBody>;

// Responses (documentation; the use cases build them).

const Deadline = z.object({ date: z.string(), at: InstantView, provisional: z.boolean() });
const Stage = z.enum(complaintStages);

export const FiledComplaintResponse = z.object({
  receiptNumber: z.string(),
  /** Shown once: keep it, it is needed to follow the complaint. */
  queryToken: z.string(),
  receivedAt: InstantView,
  acceptanceDueBy: z.string(),
  acceptanceDeadlineProvisional: z.boolean(),
  reopenOf: z.string().optional(),
});

export const PublicComplaintStatus = z.object({
  receiptNumber: z.string(),
  stage: z.enum(['awaitingDecision', 'notAccepted', 'inHandling', 'concluded']),
  receivedOn: z.string(),
  acceptanceDueBy: z.string(),
  acceptanceDeadlineProvisional: z.boolean(),
  decision: z
    .object({
      decidedOn: z.string(),
      accepted: z.boolean(),
      reasons: z.string().optional(),
      handledBy: z.string().optional(),
      handlingDueBy: z.string().optional(),
    })
    .optional(),
  result: z.object({ concludedOn: z.string(), summary: z.string() }).optional(),
  notices: z.array(z.enum(noticeKinds)),
  rating: z.object({ score: z.number(), ratedOn: z.string() }).optional(),
  ratingOpen: z.boolean(),
  reopeningOpenUntil: z.string().optional(),
  reopenOf: z.string().optional(),
  reopenedAs: z.string().optional(),
});

export const ComplaintQueueRow = z.object({
  receiptNumber: z.string(),
  version: z.number(),
  stage: Stage,
  category: z.enum(complaintCategories),
  jurisdiction: z.string(),
  department: z.string().optional(),
  realName: z.boolean(),
  receivedOn: z.string(),
  deadline: Deadline.nullable(),
  signal: z.enum(['prompt', 'warning', 'correction']).nullable(),
  escalated: z.boolean(),
});
export const ComplaintQueuePageResponse = z.object({ queue: z.enum(complaintQueues), items: z.array(ComplaintQueueRow), nextCursor: z.string().optional() });

const Complainant = z.object({
  name: z.string(),
  idNumber: z.string().optional(),
  phone: z.string(),
  address: z.string().optional(),
  email: z.string().optional(),
});

export const ComplaintDetailResponse = z.object({
  receiptNumber: z.string(),
  version: z.number(),
  stage: Stage,
  category: z.enum(complaintCategories),
  subject: z.record(z.string(), z.unknown()),
  jurisdiction: z.string(),
  receivedAt: InstantView,
  acceptanceDeadline: Deadline,
  /** Absent once the personal data was erased (see `personalData`). */
  content: z.string().optional(),
  realName: z.boolean(),
  identityDisclosureConsent: z.boolean(),
  identity: z.enum(['anonymous', 'masked', 'full', 'withheld']),
  complainant: Complainant.optional(),
  identityWithheld: z.literal(true).optional(),
  clock: z
    .object({
      name: z.string(),
      round: z.number(),
      actor: z.string(),
      deadline: Deadline,
      pending: z.array(z.object({ level: z.string(), dueAt: InstantView })),
    })
    .nullable(),
  decision: z.record(z.string(), z.unknown()).optional(),
  handling: z.record(z.string(), z.unknown()).optional(),
  results: z.array(z.record(z.string(), z.unknown())),
  reviews: z.array(z.record(z.string(), z.unknown())),
  resultSummary: z.string().optional(),
  concludedOn: z.string().optional(),
  signals: z.array(z.record(z.string(), z.unknown())),
  notices: z.record(z.string(), z.unknown()),
  rating: z.object({ score: z.number(), ratedAt: InstantView, comment: z.string().optional() }).optional(),
  reopenOf: z.string().optional(),
  reopenedAs: z.string().optional(),
  /** When the personal data (content, complainant, rating comment, notice PDFs) is or was erased; absent while the complaint is not finished. */
  personalData: z.object({ retainedUntil: InstantView.optional(), erasedAt: InstantView.optional() }).optional(),
  timeline: z.array(
    z.object({
      sequence: z.number(),
      at: InstantView,
      actor: z.string(),
      action: z.string(),
      details: z.record(z.string(), z.unknown()),
      internal: z.boolean(),
    }),
  ),
});

export const ComplaintChangedResponse = z.object({ receiptNumber: z.string(), version: z.number(), stage: Stage, notices: z.array(z.enum(noticeKinds)) });
export const ComplainantIdentityResponse = z.object({ receiptNumber: z.string(), complainant: Complainant });
export const ComplaintSearchResponse = z.object({ items: z.array(z.object({ receiptNumber: z.string(), stage: Stage })) });
