/**
 * Page cursors of index listings (alerts, complaint and supervision queues): the index key of
 * the last item, opaque to callers. A cursor is only ever a key of the same index partition, so
 * a forged or foreign one cannot start a page anywhere else.
 */

/** The opaque cursor of an index key (DynamoDB's `LastEvaluatedKey`). */
export const encodeIndexCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * The key a cursor carries when it has exactly `attributes`, each a short non-empty string, and
 * `partitionAttribute` equals `partition`; undefined for anything else (the caller words the error).
 */
export function decodeIndexCursor(
  cursor: string,
  attributes: readonly string[],
  partitionAttribute: string,
  partition: string,
): Record<string, string> | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) return undefined;
  const entries = Object.entries(decoded as Record<string, unknown>);
  const wellFormed =
    entries.length === attributes.length &&
    entries.every(([name, value]) => attributes.includes(name) && typeof value === 'string' && value.length > 0 && value.length < 600);
  if (!wellFormed) return undefined;
  const key = decoded as Record<string, string>;
  return key[partitionAttribute] === partition ? key : undefined;
}
