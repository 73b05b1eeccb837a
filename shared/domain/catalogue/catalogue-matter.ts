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
}

/** A department registered with the system, and the jurisdiction that supervises it. */
export interface DepartmentProfile {
  readonly department: string;
  readonly name: string;
  /** District identifier, or `city` for a city-level department. */
  readonly jurisdiction: string;
}
