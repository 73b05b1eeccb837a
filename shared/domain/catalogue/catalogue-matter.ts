/** A matter in a department's catalogue (事项目录): the limits its cases are judged by. */
export interface CatalogueMatter {
  readonly department: string;
  readonly matterCode: string;
  readonly kind: 'licensing';
  readonly name: string;
  /** The department's public promise, in working days from acceptance (承诺时限). */
  readonly promisedWorkingDays: number;
  /** The legal limit, in working days from acceptance (法定时限, Licensing Law Art. 42: 20). */
  readonly statutoryWorkingDays: number;
  /** A `prompt` is raised when this many working days (or fewer) remain before the promised limit. */
  readonly promptWorkingDaysBefore: number;
  /** Limit for a one-time notice to complete materials, in working days from receipt (Art. 32: 5). */
  readonly completionNoticeWorkingDays: number;
  /** Legal basis cited by alerts on this matter. */
  readonly legalBasis: string;
  /** Most working days approved extensions may add (Art. 42: 10; joint or centralised handling: 15); 10 when absent. */
  readonly statutoryExtensionWorkingDays?: number;
  /** Fee standard per case in yuan (Art. 58, 59); absent: the matter may charge no fee. */
  readonly feeStandardYuan?: number;
  /** A suspension longer than this many calendar days is flagged; 60 when absent. */
  readonly suspensionWarningCalendarDays?: number;
  /** Working days from receipt (or from the completed materials after a timely notice) to acceptance; 5 when absent. */
  readonly acceptanceWorkingDays?: number;
  /** Working days from a decision to grant to delivery of the licence (Art. 44); 10 when absent. */
  readonly deliveryWorkingDays?: number;
}

/** A department registered with the system, and the jurisdiction that supervises it. */
export interface DepartmentProfile {
  readonly department: string;
  readonly name: string;
  /** District identifier, or `city` for a city-level department. */
  readonly jurisdiction: string;
  /** The date its business system was connected (Shanghai), when its profile states one. */
  readonly connectedOn?: string;
}
