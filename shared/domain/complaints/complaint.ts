/**
 * A complaint (投诉, Art. 19 of the Measures): what was filed, where it stands, its running clock
 * and every signal it raised. Stages:
 *
 * ```
 * awaitingDecision ──not accepted──▶ notAccepted
 *        │ accepted
 *        ├──▶ inHandling (by the supervisor) ──result──▶ concluded
 *        └──▶ forwarded (to the competent department) ──result──▶ awaitingReview
 *                   ▲                                                │ accepted ──▶ concluded
 *                   └──────────────── sent back with reasons ────────┘
 * ```
 *
 * The complainant's personal data and the complaint's content live only in `sealed` (encrypted
 * per field by the application) and in the rating's sealed comment; nothing else here is personal
 * data. When the retention period after the end runs out, both are erased (crypto-shredded: the
 * wrapped data key goes with them) and the complaint stays, without them, for statistics and its
 * timeline (`personal-data-retention.ts`).
 */
import type { LocalDate } from '../calendar/local-date.ts';
import type { WorkingDayDeadline } from '../calendar/working-days.ts';

export const complaintStages = ['awaitingDecision', 'notAccepted', 'inHandling', 'forwarded', 'awaitingReview', 'concluded'] as const;
export type ComplaintStage = (typeof complaintStages)[number];

/** Stages in which the complaint is finished (rating and re-opening are possible). */
export const closedStages: readonly ComplaintStage[] = ['notAccepted', 'concluded'];

/** What the complaint is about, in the complainant's choice. */
export const complaintCategories = [
  /** 超期办理: a matter not handled within its time limit. */
  'delay',
  /** 不作为: a duty not performed. */
  'inaction',
  /** 乱作为: an act beyond or against the rules. */
  'misconduct',
  /** 违规收费: an unlawful fee. */
  'unlawfulCharge',
  /** 工作作风: conduct of staff. */
  'staffConduct',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

/** Whom the complaint is about: a department (optionally one of its cases), or only a jurisdiction. */
export type ComplaintSubject =
  | {
      readonly kind: 'department';
      readonly department: string;
      readonly departmentName: string;
      readonly jurisdiction: string;
      readonly case?: { readonly kind: string; readonly caseId: string };
    }
  | { readonly kind: 'jurisdiction'; readonly jurisdiction: string };

/** Signals (Art. 18): prompt (提示), warning (警戒), correction (纠错). */
export type ComplaintSignalLevel = 'prompt' | 'warning' | 'correction';

/** Who a signal is for: the supervisor of the jurisdiction, the department handling it, or the superior level. */
export type SignalAddressee = 'supervisor' | 'department' | 'superior';

/** Who must act while a clock runs. */
export type ClockActor = 'supervisor' | 'department';

/** A timer of a running clock; `firedAt` set once its signal was raised (so it never fires again). */
export interface ClockTimer {
  /** Unique within the complaint: `<clock>-<round>:<level>`, e.g. `acceptance-1:prompt`. */
  readonly id: string;
  readonly level: ComplaintSignalLevel;
  readonly addressee: SignalAddressee;
  /** ISO instant (UTC). */
  readonly dueAt: string;
  readonly firedAt?: string;
}

/**
 * The clock that runs now: the acceptance clock (5 working days) or a handling deadline. One at a
 * time; replacing or stopping it cancels its timers.
 */
export interface ComplaintClock {
  readonly name: 'acceptance' | 'handling';
  /** 1 for the first handling period, +1 each time a result is sent back. */
  readonly round: number;
  readonly actor: ClockActor;
  /** The department that must act, when `actor` is `department`. */
  readonly department?: string;
  readonly startedAt: string;
  readonly deadline: WorkingDayDeadline;
  readonly timers: readonly ClockTimer[];
}

/** A signal raised by a clock's timer; kept on the complaint and on its timeline. */
export interface ComplaintSignal {
  readonly timerId: string;
  readonly clock: ComplaintClock['name'];
  readonly round: number;
  readonly level: ComplaintSignalLevel;
  readonly addressee: SignalAddressee;
  /** Department a department-addressed signal is for. */
  readonly department?: string;
  /** The level a correction was escalated to (`city` above a district). */
  readonly escalatedTo?: string;
  /** The deadline the signal is about (Shanghai date). */
  readonly deadline: LocalDate;
  /** When it was due, and when the sweep raised it (later after downtime). */
  readonly dueAt: string;
  readonly raisedAt: string;
}

/** How an accepted complaint is handled. */
export type Handling =
  | { readonly by: 'supervisor' }
  | {
      readonly by: 'department';
      readonly department: string;
      readonly departmentName: string;
      /** The complaint concerns this department or its staff: the complainant's identity is withheld unless they agreed. */
      readonly aboutRecipient: boolean;
    };

/** The current handling assignment: who, until when, in which round. */
export type HandlingAssignment = Handling & { readonly deadline: WorkingDayDeadline; readonly round: number; readonly assignedAt: string };

export interface ComplaintDecision {
  readonly decidedAt: string;
  readonly decidedOn: LocalDate;
  /** `role:subject`. */
  readonly decidedBy: string;
  readonly accepted: boolean;
  /** Reasons given to the complainant (required when not accepting). */
  readonly reasons?: string;
}

/** Evidence of a handling result: a document held by the department or supervisor, identified by its digest. */
export interface Evidence {
  readonly title: string;
  /** Hex SHA-256 of the document. */
  readonly sha256: string;
  /** Where the document is kept (file number, archive reference); internal. */
  readonly reference: string;
}

/** What handling found of the complaint: true (属实), partly true (部分属实) or not true (不属实). */
export const complaintFindings = ['upheld', 'partlyUpheld', 'notUpheld'] as const;
export type ComplaintFinding = (typeof complaintFindings)[number];

export interface ResultReport {
  readonly reportedAt: string;
  readonly reportedBy: string;
  readonly by: ClockActor;
  readonly round: number;
  /** The result as it will be told to the complainant. */
  readonly summary: string;
  /** What handling found (absent in results reported before findings were asked for). */
  readonly finding?: ComplaintFinding;
  readonly evidence: readonly Evidence[];
  /** Internal note, never shown to the complainant. */
  readonly note?: string;
}

export interface ResultReview {
  readonly reviewedAt: string;
  readonly reviewedBy: string;
  readonly round: number;
  readonly verdict: 'accepted' | 'sentBack';
  /** Internal: why the result was sent back. */
  readonly reasons?: string;
}

export const noticeKinds = ['decision', 'result'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const deliveryChannels = ['post', 'sms', 'email', 'inPerson', 'online'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export interface NoticeDelivery {
  readonly channel: DeliveryChannel;
  readonly deliveredAt: string;
  readonly trackingReference?: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** A written notice produced for a real-name complaint; the sealed PDF is stored beside the complaint. */
export interface NoticeRecord {
  readonly producedAt: string;
  /** Hex SHA-256 of the PDF as produced. */
  readonly sha256: string;
  readonly byteLength: number;
  readonly deliveries: readonly NoticeDelivery[];
}

/** Sealed fields, as the personal-data protector produces them (every string base64). */
export interface SealedRecord {
  readonly keyRef: string;
  readonly wrappedKey: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface ComplaintRating {
  readonly score: number;
  readonly ratedAt: string;
  /** The complainant's comment, sealed (it may name people). */
  readonly comment?: SealedRecord;
}

export interface Complaint {
  readonly receiptNumber: string;
  /** Optimistic concurrency: 1 when filed, +1 on every change (people's and the sweep's). */
  readonly version: number;
  readonly stage: ComplaintStage;
  readonly receivedAt: string;
  readonly receivedOn: LocalDate;
  readonly subject: ComplaintSubject;
  /** The jurisdiction whose supervisors handle it: the department's district, or the one named. */
  readonly jurisdiction: string;
  readonly category: ComplaintCategory;
  readonly realName: boolean;
  /** The complainant agreed that the department complained about may see who they are. */
  readonly identityDisclosureConsent: boolean;
  /**
   * The content (`content`) and, for real-name complaints, the complainant's fields; null once
   * erased at the end of the retention period (`personalDataErasedAt` says when).
   */
  readonly sealed: SealedRecord | null;
  /** Hex SHA-256 of the query token; the token itself is never stored. */
  readonly queryTokenHash: string;
  readonly acceptanceDeadline: WorkingDayDeadline;
  /** The running clock; null when nothing is awaited from anyone. */
  readonly clock: ComplaintClock | null;
  readonly decision?: ComplaintDecision;
  readonly handling?: HandlingAssignment;
  readonly results: readonly ResultReport[];
  readonly reviews: readonly ResultReview[];
  readonly concludedAt?: string;
  readonly concludedOn?: LocalDate;
  /** The result told to the complainant. */
  readonly resultSummary?: string;
  readonly signals: readonly ComplaintSignal[];
  readonly notices: Partial<Record<NoticeKind, NoticeRecord>>;
  readonly rating?: ComplaintRating;
  readonly reopenOf?: string;
  readonly reopenedAs?: string;
  /**
   * ISO instant at which the personal data is erased: set when the complaint is finished (its end
   * plus the retention period in force then), a timer like the clocks' ones.
   */
  readonly personalDataRetainedUntil?: string;
  /** When the personal data was erased (`sealed` null, no rating comment, no notices' PDFs, no lookup hashes). */
  readonly personalDataErasedAt?: string;
  /** Number of timeline steps written so far; the next step is `stepCount + 1`. */
  readonly stepCount: number;
  readonly updatedAt: string;
}

/** A timeline step (no personal data in `details`). */
export interface ComplaintStep {
  readonly sequence: number;
  readonly at: string;
  /** `role:subject`, `system` or `public`. */
  readonly actor: string;
  readonly action: string;
  readonly details: Readonly<Record<string, string | number | boolean>>;
  /** Internal steps are for staff only. */
  readonly internal: boolean;
}

/** A change of a complaint: its next state and the steps to append to its timeline. */
export interface ComplaintChangeSet {
  readonly complaint: Complaint;
  readonly steps: readonly ComplaintStep[];
}
