/**
 * Detects state-secret markings (国家秘密标志) in a raw submission, so that classified information
 * is refused before it enters the system (Measures Art. 14). Runs on untrusted input before
 * schema validation, so it never throws and its walk is bounded.
 */

/** Deepest nesting inspected. */
export const classifiedScanMaxDepth = 64;
/** Most values (object entries, array elements, scalars) inspected in one submission. */
export const classifiedScanMaxNodes = 20_000;

/** Normalised field names that carry a classification level. */
const classificationFields = new Set(['classification', 'securitylevel']);
/** Normalised classified levels: 秘密 secret, 机密 confidential, 绝密 top secret. */
const classifiedLevels = new Set(['秘密', '机密', '绝密', 'secret', 'confidential', 'topsecret']);
/**
 * A level followed by the star of the marking (秘密★, 机密★10年, 绝密 ☆): the star is what makes
 * it a marking; the bare word (a company called 秘密花园) is not one.
 */
const markingPattern = /(?:秘密|机密|绝密)\s*[★☆]/u;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/gu, '');
}

/**
 * True when `raw` carries a classification marking: a `classification` / `securityLevel` field
 * equal to 秘密/机密/绝密 (secret/confidential/topSecret), or any string (value or key) containing
 * a marking such as `机密★` or one of `extraMarkers`. Fails closed: input too deep or too large to
 * inspect completely, or that cannot be inspected at all, counts as marked.
 */
export function hasClassifiedMarking(raw: unknown, extraMarkers: readonly string[] = []): boolean {
  const markers = extraMarkers.filter((marker) => typeof marker === 'string' && marker.length > 0);
  const marked = (text: string): boolean => markingPattern.test(text) || markers.some((marker) => text.includes(marker));
  try {
    // Iterative walk: deep nesting must not exhaust the call stack.
    const pending: { value: unknown; depth: number }[] = [{ value: raw, depth: 0 }];
    let visited = 0;
    while (pending.length > 0) {
      const { value, depth } = pending.pop() as { value: unknown; depth: number };
      if (++visited > classifiedScanMaxNodes || depth > classifiedScanMaxDepth) return true;
      if (typeof value === 'string') {
        if (marked(value)) return true;
      } else if (Array.isArray(value)) {
        if (visited + value.length > classifiedScanMaxNodes) return true;
        for (const element of value) pending.push({ value: element, depth: depth + 1 });
      } else if (typeof value === 'object' && value !== null) {
        const keys = Object.keys(value);
        if (visited + keys.length > classifiedScanMaxNodes) return true;
        for (const key of keys) {
          const field = (value as Record<string, unknown>)[key];
          if (marked(key)) return true;
          if (classificationFields.has(normalise(key)) && typeof field === 'string' && classifiedLevels.has(normalise(field))) {
            return true;
          }
          pending.push({ value: field, depth: depth + 1 });
        }
      }
    }
    return false;
  } catch {
    // A getter or proxy that throws: the input cannot be shown to be free of markings.
    return true;
  }
}
