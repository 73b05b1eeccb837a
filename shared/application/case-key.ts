/** The case key is the domain's; use cases import it from here as they always have. */
export { caseKeyOf, caseKeyText, type CaseKey } from '../domain/records/case-key.ts';
