/**
 * Sets a written notice (Art. 19) as an A4 PDF with pdfkit, in the committed subset of Noto Sans
 * CJK SC (`assets/fonts/NotoSansSC-Notice.otf`, see its README). The same notice always gives the
 * same bytes: the creation date comes from the day of issue and pdfkit derives the file ID from
 * the document info, so a stored notice can be re-created and compared.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { NoticeRenderer } from '../../application/ports.ts';
import { startOfShanghaiDay } from '../../domain/calendar/local-date.ts';
import { formatChineseDate } from '../../domain/notices/complaint-notices.ts';
import type { WrittenNotice } from '../../domain/notices/written-notice.ts';

/** The font in the repository, beside the code (tests, local runtime); a bundle passes its own path. */
export const repositoryFontFile = fileURLToPath(new URL('../../../assets/fonts/NotoSansSC-Notice.otf', import.meta.url));

/** The typesetter's mark for a missing character (geta mark). */
const missingCharacterMark = '〓';

// A4 in points, margins of 2.5 cm; sizes as in Chinese official documents: title 二号, body 三号.
const margin = (2.5 / 2.54) * 72;
const titleSize = 22;
const referenceSize = 14;
const bodySize = 16;
/** Added to the font's own line height (1.45 em) so lines are about 29 pt apart, as in GB/T 9704. */
const lineGap = 6;
/** Paragraphs start two characters in; the organ and date end two characters before the margin. */
const indent = 2 * bodySize;

/** The parts of a fontkit font (as pdfkit parses it) this adapter uses. */
export interface ParsedFont {
  readonly postscriptName: string;
  layout(text: string): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * Parsed fonts by file, kept for the life of the container: reading and parsing 8 MB takes longer
 * than setting a notice, so each file is read once and its parsed form given to every document.
 */
const loadedFonts = new Map<string, ParsedFont>();

/** The font of a file, parsed once per container (the evaluation reports are set in it too). */
export function loadFont(file: string): ParsedFont {
  const loaded = loadedFonts.get(file);
  if (loaded) return loaded;
  const font = parseFont(readFileSync(file), file);
  loadedFonts.set(file, font);
  return font;
}

/**
 * pdfkit parses a font with fontkit for each document it is given as bytes, and accepts an
 * already parsed fontkit font instead: the font is parsed here once per container.
 */
function parseFont(bytes: Buffer, file: string): ParsedFont {
  const parsed = fontkit.create(bytes);
  if (!('layout' in parsed)) throw new Error(`the notice font ${file} is a font collection; give one OpenType font`);
  const font = parsed as unknown as ParsedFont;
  if (!font.hasGlyphForCodePoint(missingCharacterMark.codePointAt(0) as number)) {
    throw new Error(`the notice font ${file} lacks ${missingCharacterMark} (U+3013), which replaces missing characters`);
  }
  return font;
}

const isWhitespace = (character: string): boolean => /^\s$/u.test(character);

/** Options of {@link PdfKitNoticeRenderer}. */
export interface PdfKitNoticeRendererOptions {
  /**
   * The OpenType font file (not a collection) to set notices in: `NOTICE_FONT_FILE` when the
   * function's environment gives one. Default: the repository's `assets/fonts/NotoSansSC-Notice.otf`.
   */
  readonly fontFile?: string;
}

/** {@link NoticeRenderer} with pdfkit: A4, title centred, body indented, organ and date at the foot. */
export class PdfKitNoticeRenderer implements NoticeRenderer {
  private readonly fontFile: string;

  constructor(options?: PdfKitNoticeRendererOptions) {
    this.fontFile = options?.fontFile ?? repositoryFontFile;
  }

  unprintable(text: string): string[] {
    const font = loadFont(this.fontFile);
    const missing = new Set<string>();
    for (const character of text) {
      if (!isWhitespace(character) && !font.hasGlyphForCodePoint(character.codePointAt(0) as number)) missing.add(character);
    }
    return [...missing];
  }

  async render(notice: WrittenNotice): Promise<Uint8Array> {
    const font = loadFont(this.fontFile);
    const printable = (text: string): string => printableText(text, font);
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: margin, bottom: margin, left: margin, right: margin },
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      font: '', // no Helvetica: every line is set in the notice font
      info: {
        Title: notice.title,
        Creator: 'e-supervision',
        Producer: 'e-supervision (PDFKit)',
        // Fixed per notice: pdfkit hashes the info into the file ID, so the bytes depend only on the notice.
        CreationDate: startOfShanghaiDay(notice.issuedOn),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });

    // pdfkit takes a parsed fontkit font where its types only list file names and bytes.
    doc.font(font as unknown as Uint8Array);
    const left = doc.page.margins.left;
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

    doc.fontSize(titleSize).text(printable(notice.title), left, doc.y, { width, align: 'center' });
    doc.moveDown(0.4);
    doc.fontSize(referenceSize).text(printable(notice.reference), { width, align: 'center' });
    doc.moveDown(1.2);
    doc.fontSize(bodySize);
    doc.text(`${printable(notice.addressee)}：`, { width, lineGap });
    for (const paragraph of notice.paragraphs) doc.text(printable(paragraph), { width, lineGap, indent });
    doc.moveDown(2);
    doc.text(printable(notice.organ), { width: width - indent, lineGap, align: 'right' });
    doc.text(formatChineseDate(notice.issuedOn), { width: width - indent, lineGap, align: 'right' });

    doc.end();
    await ended;
    return Buffer.concat(chunks);
  }
}

/**
 * `text` with every character the font lacks replaced by 〓 (whitespace it lacks by a space), and
 * line ends normalised: the reader sees where a character is missing, never a blank or a box.
 */
export function printableText(text: string, font: ParsedFont): string {
  let printable = '';
  for (const character of text.replace(/\r\n?/g, '\n')) {
    if (character === '\n' || font.hasGlyphForCodePoint(character.codePointAt(0) as number)) printable += character;
    else printable += isWhitespace(character) ? ' ' : missingCharacterMark;
  }
  return printable;
}
