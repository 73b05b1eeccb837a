/**
 * The wire contract for information sharing between departments (政务信息共享, Measures Art. 17(4)):
 * a requesting department's share request for a resource of the providing department's catalogue,
 * the providing department's answer (granted, granted with conditions, refused with reasons), the
 * delivery of the data, reports of how it was used, and revocation.
 *
 * A case is the providing department's: `department` is the providing department (the answer clock
 * is its duty), `matterCode` the resource's code in its catalogue (信息资源目录编码), and the
 * request names the requesting department. Objects are strict: an unknown field is refused, never
 * ignored. A refusal without reasons is refused (400), never stored.
 */
import * as z from 'zod';
import { DepartmentId } from '../records/identifiers.ts';
import { recordFields } from '../records/record-fields.ts';

const common = recordFields('informationSharing');

/** Text a person wrote: at least one character that is not a space. */
const statedText = (max: number) => z.string().min(1).max(max).regex(/\S/, '不能为空白 / must not be blank');

/** Who reported a use of shared data: the requesting department itself, the provider, or an audit (审计、检查). */
export const UseReporter = z.enum(['user', 'provider', 'audit']);
export type UseReporter = z.infer<typeof UseReporter>;

export const InformationSharingEvent = z.discriminatedUnion('event', [
  z.strictObject({
    ...common,
    event: z.literal('requested'),
    /** The department that asks for the data (使用部门). */
    requestingDepartment: DepartmentId,
    /** The duty the data is needed for and its use (使用依据、用途), as stated in the request. */
    purpose: statedText(1000),
    /** What is asked for: the data items or fields (共享范围). */
    scope: z.array(z.string().min(1).max(200)).min(1).max(200),
  }),
  /** Granted as asked (同意共享). */
  z.strictObject({ ...common, event: z.literal('granted') }),
  z.strictObject({
    ...common,
    event: z.literal('grantedWithConditions'),
    /** The conditions of use set by the provider (共享条件). */
    conditions: statedText(2000),
  }),
  z.strictObject({
    ...common,
    event: z.literal('refused'),
    /** Why the data is not shared (不予共享的理由); required. */
    reasons: statedText(2000),
  }),
  /** The data was made available to the requesting department (提供、交换). */
  z.strictObject({ ...common, event: z.literal('delivered') }),
  z.strictObject({
    ...common,
    event: z.literal('useReported'),
    reportedBy: UseReporter,
    /** Whether the use went beyond the purpose stated in the request (超出申请用途使用). */
    beyondStatedPurpose: z.boolean(),
    /** What the data was used for. */
    use: statedText(1000),
  }),
  z.strictObject({
    ...common,
    event: z.literal('revoked'),
    /** Why the sharing was stopped. */
    reasons: statedText(2000),
  }),
]);
export type InformationSharingEvent = z.infer<typeof InformationSharingEvent>;
export type InformationSharingEventType = InformationSharingEvent['event'];

/** How the provider answered. */
export type SharingAnswer = 'granted' | 'grantedWithConditions' | 'refused';
