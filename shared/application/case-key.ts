/** A case is identified by its department and the department's own case id. */
export interface CaseKey {
  readonly department: string;
  readonly caseId: string;
}

export const caseKeyText = (key: CaseKey): string => `${key.department}/${key.caseId}`;
