/**
 * `npx tsx bench/notices.ts [samples]` (default 200): how long setting a written notice (Art. 19)
 * as a PDF takes and how big the PDF is, with the renderer the functions use
 * (`PdfKitNoticeRenderer`, the committed font subset).
 *
 * The notices vary from sample to sample (the three kinds, different names, departments and
 * reasons), so every PDF embeds a different set of glyphs, as in production. The first render is
 * reported apart: it reads and parses the 8 MB font, as the first notice of a new container does.
 * It is cold only if nothing in this process has used the notice font before; run directly, or
 * call {@link measureNoticeGeneration} before anything else renders a notice.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { PdfKitNoticeRenderer } from '#shared/adapters/pdf/pdfkit-notice-renderer.ts';
import { localDateOfEpochDay, epochDayOf } from '#shared/domain/calendar/local-date.ts';
import { acceptanceDecisionNotice, handlingResultNotice } from '#shared/domain/notices/complaint-notices.ts';
import type { WrittenNotice } from '#shared/domain/notices/written-notice.ts';

/** Figures of {@link measureNoticeGeneration}. */
export interface NoticeGenerationFigures {
  readonly samples: number;
  /** Median milliseconds per notice, warm (font loaded). */
  readonly medianMs: number;
  readonly p95Ms: number;
  /** Median size of a notice PDF in bytes. */
  readonly medianBytes: number;
  /** The first notice, cold: includes reading and parsing the font. */
  readonly firstMs: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

// Generated data only: surnames and given names combined, never real people.
const surnames = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const givenNames = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞'];
const departments = ['宁波市海曙区市场监督管理局', '宁波市海曙区住房和城乡建设局', '宁波市鄞州区市场监督管理局', '宁波市鄞州区自然资源和规划局'];
const organs = ['宁波市海曙区司法局', '宁波市鄞州区司法局'];
const refusalReasons = [
  '你反映的事项已由人民法院立案受理，依照有关规定，不属于本机关受理范围。',
  '你反映的事项已经本机关依法处理并书面答复，你未提出新的事实和理由。',
  '你反映的事项属于民事纠纷，不属于行政执法监督的范围，建议你通过协商、调解或者诉讼等途径解决。',
];
const results = [
  '经现场核查，你反映的超市销售过期食品问题属实。执法人员已责令其立即下架相关商品，并依法立案查处，拟处以罚款。\n该超市已对相关商品作退换处理，并承诺加强进货查验。',
  '经调阅案卷，你反映的建设工程规划许可办理超过承诺期限的问题属实。承办部门已向申请人说明情况并作出许可决定，对相关责任人员进行了批评教育，并完善了办理时限提醒机制。',
  '经调查核实，你反映的执法人员未出示执法证件的问题不属实。执法记录仪视频显示，执法人员在检查开始时已出示执法证件并告知当事人相关权利。',
];

/** The `index`-th sample: the three kinds in turn, every name, department and text varied. */
function sampleNotice(index: number): WrittenNotice {
  const receivedDay = epochDayOf('2026-10-09') + (index % 40);
  const receivedOn = localDateOfEpochDay(receivedDay);
  const receiptNumber = `TS${receivedOn.replaceAll('-', '')}${String(index).padStart(8, '0')}`;
  const addressee = `${surnames[index % surnames.length]}${givenNames[(index * 7) % givenNames.length]}`;
  const organ = organs[index % organs.length] as string;
  const department = departments[index % departments.length] as string;
  switch (index % 3) {
    case 0:
      return acceptanceDecisionNotice({
        receiptNumber,
        addressee,
        receivedOn,
        decidedOn: localDateOfEpochDay(receivedDay + 4),
        accepted: true,
        reasons: '',
        handling: { by: 'department', departmentName: department, deadline: localDateOfEpochDay(receivedDay + 34) },
        organ,
      });
    case 1:
      return acceptanceDecisionNotice({
        receiptNumber,
        addressee,
        receivedOn,
        decidedOn: localDateOfEpochDay(receivedDay + 3),
        accepted: false,
        reasons: refusalReasons[index % refusalReasons.length] as string,
        organ,
      });
    default:
      return handlingResultNotice({
        receiptNumber,
        addressee,
        receivedOn,
        concludedOn: localDateOfEpochDay(receivedDay + 30),
        result: results[index % results.length] as string,
        handledBy: department,
        organ,
      });
  }
}

/**
 * Renders `samples` varied notices (after a first, cold one) and reports the median and 95th
 * percentile time per notice, the median PDF size, and the time of the first notice.
 */
export async function measureNoticeGeneration(samples: number): Promise<NoticeGenerationFigures> {
  const renderer = new PdfKitNoticeRenderer();
  const coldStarted = performance.now();
  await renderer.render(sampleNotice(0));
  const firstMs = performance.now() - coldStarted;
  const times: number[] = [];
  const sizes: number[] = [];
  for (let i = 1; i <= samples; i += 1) {
    const notice = sampleNotice(i);
    const started = performance.now();
    const pdf = await renderer.render(notice);
    times.push(performance.now() - started);
    sizes.push(pdf.byteLength);
  }
  times.sort((a, b) => a - b);
  sizes.sort((a, b) => a - b);
  const round = (value: number, digits: number): number => Number(value.toFixed(digits));
  return {
    samples,
    medianMs: round(percentile(times, 50), 2),
    p95Ms: round(percentile(times, 95), 2),
    medianBytes: percentile(sizes, 50),
    firstMs: round(firstMs, 1),
  };
}

async function main(): Promise<void> {
  const requested = Number(process.argv.slice(2).find((argument) => /^\d+$/.test(argument)) ?? 200);
  const figures = await measureNoticeGeneration(requested);
  console.log(`notice bench — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  console.log('');
  console.log('| figure | measured |');
  console.log('| --- | --- |');
  console.log(`| written notice → PDF, first (cold: reads and parses the font) | ${figures.firstMs} ms |`);
  console.log(`| written notice → PDF, median of ${figures.samples} | ${figures.medianMs} ms |`);
  console.log(`| written notice → PDF, p95 | ${figures.p95Ms} ms |`);
  console.log(`| notice PDF size, median | ${(figures.medianBytes / 1024).toFixed(1)} KiB (${figures.medianBytes} bytes) |`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
