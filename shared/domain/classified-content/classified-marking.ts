/**
 * Recognises the markings of state secrets (国家秘密标志, 《中华人民共和国保守国家秘密法》) in
 * submitted content, so that classified information is refused before it enters the system
 * (Measures Art. 14). It looks for the forms a marking is written in, not for the words: 商业秘密,
 * 秘密投票, 机密性 or 不涉密 are ordinary text.
 *
 * Forms recognised (after NFKC normalisation, so full-width brackets, colons and asterisks count
 * as their half-width forms, and with zero-width characters removed), for each level 秘密, 机密,
 * 绝密 (traditional forms included):
 * - the star of the marking, with or without a period: `机密★10年`, `绝密★长期`, `秘密☆`, `机密级★`;
 *   an asterisk written for the star (`机密*10年`, `机密＊`) when the level does not follow another
 *   Chinese character or an asterisk, so `**机密**` (emphasis) and a footnote mark after 商业秘密
 *   are not markings;
 * - a label: `密级：机密`, `密级:秘密`, `密  级：绝密`, `保密级别：机密`;
 * - the level alone in brackets: `【绝密】`, `[秘密]`, `（机密）`, `「秘密」`, `〔机密级〕`;
 * - the graded level: `机密级`, `绝密级`, `秘密级` (not `机密级别`, not `非机密级`);
 * - a classification field (`classification`, `securityLevel`, `密级`) whose value is a classified
 *   level (秘密/机密/绝密, secret/confidential/top secret);
 * - any marker the deployment adds (`classifiedContent.markers` of its configuration).
 *
 * Runs on untrusted input before schema validation: it never throws, its walk is bounded, and what
 * it reports (a JSON pointer) never repeats content — member names that are not plain identifiers
 * are left out of the pointer.
 */

/** Deepest nesting inspected. */
export const classifiedScanMaxDepth = 64;
/** Most values (object members, array elements, scalars) inspected in one submission. */
export const classifiedScanMaxNodes = 200_000;

/** Why content was refused as classified. */
export type ClassifiedReason =
  /** A marking form or a configured marker in a string (a value or a member name). */
  | 'marking'
  /** A classification field whose value is a classified level. */
  | 'classificationField'
  /** Too deep or too large to inspect completely, or unreadable: it cannot be shown to be unmarked. */
  | 'uninspectable';

/** Where classified content was found. */
export interface ClassifiedFinding {
  /**
   * JSON pointer of the string carrying the marking (of the object, when a member name carries
   * it), cut before the first member name that is not a plain identifier.
   */
  readonly pointer: string;
  readonly reason: ClassifiedReason;
}

/** What {@link findClassifiedContent} looks with. */
export interface ClassifiedScanOptions {
  /** Markers the deployment adds to the marking forms (matched as text, case-insensitively). */
  readonly extraMarkers?: readonly string[];
  /** Pointer of the value inspected, prefixed to every finding (default: the document itself, ``). */
  readonly at?: string;
  /**
   * Pointers of arrays whose elements are not inspected here: the caller inspects each element on
   * its own (ingest refuses a classified record, not the batch).
   */
  readonly elementsInspectedApart?: readonly string[];
}

const level = '(?:[秘祕]\\s?密|[机機]\\s?密|[绝絕]\\s?密)';
const levelTight = '(?:[秘祕]密|[机機]密|[绝絕]密)';
const markingForms: readonly RegExp[] = [
  // 机密★10年, 绝密☆长期, 机密级★
  new RegExp(`${level}\\s*级?\\s*[★☆]`, 'u'),
  // 机密*10年 — but not **机密** nor 商业秘密*
  new RegExp(`(?<![\\p{Script=Han}*])${level}\\s*级?\\s*\\*`, 'u'),
  // 密级：机密, 密级 秘密, 密级机密
  new RegExp(`密\\s*级\\s*(?::|\\s)?\\s*${level}`, 'u'),
  // 保密级别：机密 (the longer label needs its colon: 密级别 alone runs into ordinary words)
  new RegExp(`密\\s*级\\s*别\\s*:\\s*${level}`, 'u'),
  // 【绝密】 [秘密] (机密) 「秘密」 〔机密级〕
  new RegExp(`[\\[【(「『〔〖]\\s*${level}\\s*级?\\s*[\\]】)」』〕〗]`, 'u'),
  // 机密级 — not 机密级别, not 非机密级
  new RegExp(`(?<!非)${levelTight}级(?!别)`, 'u'),
];

/** Normalised names of fields that carry a classification level. */
const classificationFields = new Set(['classification', 'securitylevel', '密级']);
/** Normalised classified levels. */
const classifiedLevels = new Set(['秘密', '机密', '绝密', '祕密', '機密', '絕密', '秘密级', '机密级', '绝密级', 'secret', 'confidential', 'topsecret']);

const zeroWidth = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** The text as it is matched: compatibility forms folded (NFKC), invisible characters removed. */
function normalisedText(text: string): string {
  return text.normalize('NFKC').replace(zeroWidth, '');
}

function normalisedName(text: string): string {
  return normalisedText(text)
    .toLowerCase()
    .replace(/[\s_-]+/gu, '');
}

/** The configured markers as they are matched (empty ones dropped). */
function normalisedMarkers(markers: readonly string[] | undefined): string[] {
  return (markers ?? [])
    .filter((marker): marker is string => typeof marker === 'string')
    .map((marker) => normalisedText(marker).toLowerCase().trim())
    .filter((marker) => marker.length > 0);
}

function markedWith(markers: readonly string[]): (text: string) => boolean {
  return (text) => {
    const normal = normalisedText(text);
    if (markingForms.some((form) => form.test(normal))) return true;
    if (markers.length === 0) return false;
    const lower = normal.toLowerCase();
    return markers.some((marker) => lower.includes(marker));
  };
}

/** True when `text` carries a marking form or one of `extraMarkers`. */
export function containsClassifiedMarking(text: string, extraMarkers: readonly string[] = []): boolean {
  return markedWith(normalisedMarkers(extraMarkers))(text);
}

/** A member name that may appear in a pointer: a plain identifier (schema field names are). */
const plainName = /^[A-Za-z0-9_-]{1,64}$/;

interface Pending {
  readonly value: unknown;
  readonly depth: number;
  /** The pointer reported for this value (cut at the first name that is not plain). */
  readonly pointer: string;
  /** The full pointer, while every name so far was plain (to match `elementsInspectedApart`). */
  readonly exact: string | undefined;
}

/**
 * The first classified content in `value` (a parsed JSON document or a part of one), or
 * undefined when there is none. Member names are inspected as well as values. Fails closed:
 * content too deep or too large to inspect completely, or that cannot be read, is reported as
 * `uninspectable`.
 */
export function findClassifiedContent(value: unknown, options: ClassifiedScanOptions = {}): ClassifiedFinding | undefined {
  const marked = markedWith(normalisedMarkers(options.extraMarkers));
  const apart = new Set(options.elementsInspectedApart ?? []);
  const root = options.at ?? '';
  const pending: Pending[] = [{ value, depth: 0, pointer: root, exact: root }];
  let visited = 0;
  let current: Pending = pending[0] as Pending;
  const pointerOf = (pointer: string): string => (pointer === '' ? '/' : pointer);
  try {
    while (pending.length > 0) {
      current = pending.pop() as Pending;
      const { value: node, depth, pointer, exact } = current;
      if (++visited > classifiedScanMaxNodes || depth > classifiedScanMaxDepth) return { pointer: pointerOf(pointer), reason: 'uninspectable' };
      if (typeof node === 'string') {
        if (marked(node)) return { pointer: pointerOf(pointer), reason: 'marking' };
      } else if (Array.isArray(node)) {
        if (exact !== undefined && apart.has(exact)) continue;
        if (visited + node.length > classifiedScanMaxNodes) return { pointer: pointerOf(pointer), reason: 'uninspectable' };
        for (let index = node.length - 1; index >= 0; index -= 1) {
          pending.push({
            value: node[index],
            depth: depth + 1,
            pointer: exact === undefined ? pointer : `${pointer}/${index}`,
            exact: exact === undefined ? undefined : `${exact}/${index}`,
          });
        }
      } else if (typeof node === 'object' && node !== null) {
        const names = Object.keys(node);
        if (visited + names.length > classifiedScanMaxNodes) return { pointer: pointerOf(pointer), reason: 'uninspectable' };
        for (let index = names.length - 1; index >= 0; index -= 1) {
          const name = names[index] as string;
          if (marked(name)) return { pointer: pointerOf(pointer), reason: 'marking' };
          const plain = exact !== undefined && plainName.test(name);
          const childPointer = plain ? `${pointer}/${name}` : pointer;
          const field = (node as Record<string, unknown>)[name];
          if (typeof field === 'string' && classificationFields.has(normalisedName(name)) && classifiedLevels.has(normalisedName(field))) {
            return { pointer: pointerOf(childPointer), reason: 'classificationField' };
          }
          pending.push({ value: field, depth: depth + 1, pointer: childPointer, exact: plain ? `${exact}/${name}` : undefined });
        }
      }
    }
    return undefined;
  } catch {
    // A getter or proxy that throws: the input cannot be shown to be free of markings.
    return { pointer: pointerOf(current.pointer), reason: 'uninspectable' };
  }
}

/** True when `value` carries classified content or cannot be inspected completely. */
export function hasClassifiedMarking(value: unknown, extraMarkers: readonly string[] = []): boolean {
  return findClassifiedContent(value, { extraMarkers }) !== undefined;
}
