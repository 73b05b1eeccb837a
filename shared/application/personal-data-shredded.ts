/**
 * Sealed personal data whose key is gone: the key that wrapped its data key was scheduled for
 * deletion (or deleted) at the end of the retention period of its month, so the data cannot be
 * opened, here or in any copy of the table. The protector says so in these words; the use cases
 * answer it as erased personal data (410).
 */
export class PersonalDataShreddedError extends Error {
  override readonly name = 'PersonalDataShreddedError';

  constructor(options?: { cause?: unknown }) {
    super('sealed personal data cannot be opened: the key that wrapped its data key was deleted or is pending deletion', options);
  }
}
