/**
 * A case is identified by its department, its record family and the department's own case id
 * (two business systems of one department may number their cases alike).
 */
export interface CaseKey {
  readonly department: string;
  readonly kind: string;
  readonly caseId: string;
}

export const caseKeyText = (key: CaseKey): string => `${key.department}/${key.kind}/${key.caseId}`;

export const caseKeyOf = (record: { department: string; kind: string; caseId: string }): CaseKey => ({
  department: record.department,
  kind: record.kind,
  caseId: record.caseId,
});
