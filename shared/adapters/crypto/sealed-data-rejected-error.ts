/**
 * Sealed personal data that cannot be opened: tampered with, moved to another field or
 * complaint (context), or sealed under another key. The message never carries the data.
 */
export class SealedDataRejectedError extends Error {
  override readonly name = 'SealedDataRejectedError';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`sealed personal data rejected: ${reason}`, options);
  }
}
