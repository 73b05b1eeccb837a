import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { describe, expect, it } from 'vitest';
import { PdfKitNoticeRenderer } from '#shared/adapters/pdf/pdfkit-notice-renderer.ts';
import { acceptanceDecisionNotice, handlingResultNotice } from '#shared/domain/notices/complaint-notices.ts';
import type { WrittenNotice } from '#shared/domain/notices/written-notice.ts';

// Only the committed subset: CI has no system CJK fonts.
const renderer = new PdfKitNoticeRenderer();
const a4 = { width: 595.28, height: 841.89 };
const margin = (2.5 / 2.54) * 72;

const refusal = acceptanceDecisionNotice({
  receiptNumber: 'TS20261009K7M2Q9XA',
  addressee: '张三',
  receivedOn: '2026-10-09',
  decidedOn: '2026-10-15',
  accepted: false,
  reasons: '你反映的事项已由人民法院立案受理，依照有关规定，不属于本机关受理范围。',
  organ: '宁波市海曙区司法局',
});

const forwarded = acceptanceDecisionNotice({
  receiptNumber: 'TS20261012B4D8F0HJ',
  addressee: '宁波某某贸易有限公司',
  receivedOn: '2026-10-12',
  decidedOn: '2026-10-16',
  accepted: true,
  reasons: '',
  handling: { by: 'department', departmentName: '宁波市海曙区市场监督管理局', deadline: '2026-11-13' },
  organ: '宁波市海曙区司法局',
});

interface ReadPdf {
  /** All text in reading order, without the whitespace pdf.js puts between items. */
  readonly text: string;
  readonly lines: { readonly text: string; readonly left: number; readonly right: number; readonly y: number; readonly page: number }[];
  readonly pages: number;
  readonly info: Record<string, unknown>;
}

/** What a complainant's PDF reader extracts: the text through the embedded font's ToUnicode map. */
async function read(pdf: Uint8Array): Promise<ReadPdf> {
  const document = await getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const lines: ReadPdf['lines'] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items as TextItem[]) {
        if (item.str.trim() === '') continue;
        const left = item.transform[4] as number;
        lines.push({ text: item.str, left, right: left + item.width, y: item.transform[5] as number, page: number });
      }
    }
    const { info } = await document.getMetadata();
    return {
      text: lines
        .map((line) => line.text)
        .join('')
        .replace(/\s+/g, ''),
      lines,
      pages: document.numPages,
      info: info as Record<string, unknown>,
    };
  } finally {
    await document.destroy();
  }
}

const latin1 = (pdf: Uint8Array): string => Buffer.from(pdf).toString('latin1');

describe('PdfKitNoticeRenderer', () => {
  it('sets the title, reference, salutation, reasons, organ and date that the complainant reads', async () => {
    // Act
    const pdf = await renderer.render(refusal);

    // Assess
    expect(latin1(pdf.subarray(0, 8))).toBe('%PDF-1.7');
    const { text, pages } = await read(pdf);
    expect(pages).toBe(1);
    expect(text.startsWith('投诉不予受理告知书TS20261009K7M2Q9XA张三：')).toBe(true);
    expect(text).toContain('你于2026年10月9日提出的投诉（投诉编号：TS20261009K7M2Q9XA），本机关已收悉。经审查，本机关决定不予受理，理由如下：');
    expect(text).toContain('你反映的事项已由人民法院立案受理，依照有关规定，不属于本机关受理范围。');
    expect(text).toContain('可以向本机关的上一级机关反映。');
    expect(text.endsWith('特此告知。宁波市海曙区司法局2026年10月15日')).toBe(true);
  });

  it('embeds a subset of the notice font, so the text reads the same on any machine', async () => {
    const raw = latin1(await renderer.render(refusal));

    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(raw).toContain('/FontFile3');
    expect(raw).toContain('/ToUnicode');
  });

  it('centres the title, indents paragraphs by two characters and wraps Chinese lines within the margins', async () => {
    // Act
    const { lines } = await read(await renderer.render(forwarded));

    // Assess
    const title = lines.find((line) => line.text === '投诉受理告知书');
    expect(title).toBeDefined();
    expect(Math.abs((title?.left ?? 0) + (title?.right ?? 0) - a4.width)).toBeLessThan(2); // centred
    const salutation = lines.find((line) => line.text === '宁波某某贸易有限公司：');
    expect(salutation?.left).toBeCloseTo(margin, 0);
    const firstParagraph = lines.find((line) => line.text.startsWith('你于2026年10月12日'));
    expect(firstParagraph?.left).toBeCloseTo(margin + 32, 0);
    const bodyLines = lines.filter((line) => line.y < (salutation?.y ?? 0));
    expect(new Set(bodyLines.map((line) => line.y)).size).toBeGreaterThan(5); // the paragraphs wrapped
    for (const line of bodyLines) expect(line.right).toBeLessThanOrEqual(a4.width - margin + 0.5);
    expect(bodyLines.filter((line) => line.left < margin + 1).length).toBeGreaterThan(0); // continuation lines start at the margin
    const date = lines.find((line) => line.text === '2026年10月16日');
    expect(date?.right).toBeCloseTo(a4.width - margin - 32, 0); // right-aligned, two characters in
  });

  it('lists the distinct characters the font lacks, ignoring whitespace', () => {
    // 𠀀 and 𪚥 are CJK Extension B (outside the subset); 䶮 is Extension A (inside).
    expect(renderer.unprintable('王𠀀 𠀀\n\t𪚥䶮〔2026〕１２号 abc')).toEqual(['𠀀', '𪚥']);
    expect(renderer.unprintable('宁波市海曙区司法局 2026年10月9日')).toEqual([]);
  });

  it('prints each character the font lacks as 〓 and still renders the notice', async () => {
    // Prepare
    const notice: WrittenNotice = { ...refusal, addressee: '王𠀀', paragraphs: ['你反映的𪚥问题\r\n已收悉。'] };

    // Act
    const { text } = await read(await renderer.render(notice));

    // Assess
    expect(text).toContain('王〓：');
    expect(text).toContain('你反映的〓问题');
    expect(text).toContain('已收悉。');
    expect(text).not.toContain('𠀀');
  });

  it('gives the same bytes for the same notice, whatever was rendered before', async () => {
    // Act
    const first = await renderer.render(refusal);
    const other = await renderer.render(forwarded);
    const again = await new PdfKitNoticeRenderer().render(refusal);

    // Assess
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it('titles the document and dates it on the day of issue, Shanghai time', async () => {
    const { info } = await read(await renderer.render(refusal));

    expect(info['Title']).toBe('投诉不予受理告知书');
    expect(info['CreationDate']).toBe('D:20261014160000Z'); // 2026-10-15 00:00 in Shanghai
  });

  it('continues a long result on a second page, with the organ and date after the last paragraph', async () => {
    // Prepare
    const result = Array.from({ length: 12 }, (_, i) => `第${i + 1}项：经现场核查，执法人员已责令当事人限期整改，并将整改情况向社会公开。`).join('\n');
    const notice = handlingResultNotice({
      receiptNumber: 'TS20261009K7M2Q9XA',
      addressee: '张三',
      receivedOn: '2026-10-09',
      concludedOn: '2026-11-20',
      result,
      handledBy: '宁波市海曙区市场监督管理局',
      organ: '宁波市海曙区司法局',
    });

    // Act
    const { text, pages, lines } = await read(await renderer.render(notice));

    // Assess
    expect(pages).toBe(2);
    expect(text).toContain('第12项：经现场核查');
    expect(text.endsWith('特此告知。宁波市海曙区司法局2026年11月20日')).toBe(true);
    expect(lines.find((line) => line.text === '2026年11月20日')?.page).toBe(2);
    expect(lines.every((line) => line.y >= margin - 1)).toBe(true); // nothing in the bottom margin
  });

  it('keeps a typical notice small', async () => {
    const sizes = [(await renderer.render(refusal)).byteLength, (await renderer.render(forwarded)).byteLength];

    for (const size of sizes) expect(size).toBeLessThan(48 * 1024);
  });

  it('reads the font file it is given, as a bundled function does', async () => {
    // Prepare
    const bundled = new PdfKitNoticeRenderer({ fontFile: fileURLToPath(new URL('../../../../assets/fonts/NotoSansSC-Notice.otf', import.meta.url)) });
    const missing = new PdfKitNoticeRenderer({ fontFile: '/nonexistent/NotoSansSC-Notice.otf' });

    // Act
    const pdf = await bundled.render(refusal);

    // Assess
    expect(Buffer.from(pdf).equals(Buffer.from(await renderer.render(refusal)))).toBe(true);
    await expect(missing.render(refusal)).rejects.toThrow(/ENOENT/);
  });
});
