/**
 * Words a person reads, in Chinese (the administration's language) and English. The domain states
 * its refusals in both; whoever answers the person picks one.
 */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}
