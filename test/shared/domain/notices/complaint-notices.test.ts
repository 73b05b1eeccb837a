import { describe, expect, it } from 'vitest';
import { acceptanceDecisionNotice, formatChineseDate, handlingResultNotice } from '#shared/domain/notices/complaint-notices.ts';

const organ = '宁波市海曙区司法局';
const decision = {
  receiptNumber: 'TS20261009K7M2Q9XA',
  addressee: '张三',
  receivedOn: '2026-10-09',
  decidedOn: '2026-10-15',
  organ,
};
const bodyOf = (paragraphs: readonly string[]): string => paragraphs.join('\n');

describe('Chinese dates on notices', () => {
  it('prints year, month and day without leading zeros', () => {
    expect(formatChineseDate('2026-10-09')).toBe('2026年10月9日');
    expect(formatChineseDate('2027-01-01')).toBe('2027年1月1日');
    expect(formatChineseDate('2028-02-29')).toBe('2028年2月29日');
  });

  it('refuses a day that does not exist rather than printing it', () => {
    expect(() => formatChineseDate('2026-02-30')).toThrow(RangeError);
    expect(() => formatChineseDate('2026-1-9')).toThrow(RangeError);
  });
});

describe('the acceptance decision notice', () => {
  it('tells a complainant their complaint is accepted and will be handled by the supervisor by a date', () => {
    // Act
    const notice = acceptanceDecisionNotice({ ...decision, accepted: true, reasons: '', handling: { by: 'supervisor', deadline: '2026-11-06' } });

    // Assess
    expect(notice).toMatchObject({
      kind: 'acceptanceDecision',
      title: '投诉受理告知书',
      reference: 'TS20261009K7M2Q9XA',
      addressee: '张三',
      organ,
      issuedOn: '2026-10-15',
    });
    const body = bodyOf(notice.paragraphs);
    expect(body).toContain('你于2026年10月9日提出的投诉（投诉编号：TS20261009K7M2Q9XA）');
    expect(body).toContain('本机关决定予以受理');
    expect(body).toContain('于2026年11月6日前将处理结果书面告知你');
    expect(body).not.toContain('不予受理');
    expect(notice.paragraphs.at(-1)).toBe('特此告知。');
  });

  it('names the department a forwarded complaint went to and its handling deadline', () => {
    const notice = acceptanceDecisionNotice({
      ...decision,
      accepted: true,
      reasons: '',
      handling: { by: 'department', departmentName: '宁波市海曙区市场监督管理局', deadline: '2026-11-13' },
    });

    const body = bodyOf(notice.paragraphs);
    expect(body).toContain('转交宁波市海曙区市场监督管理局办理，办理期限至2026年11月13日');
    expect(body).toContain('经本机关审核后，将书面告知你');
  });

  it('promises a written result without a date when handling is not arranged yet', () => {
    const notice = acceptanceDecisionNotice({ ...decision, accepted: true, reasons: '' });

    expect(bodyOf(notice.paragraphs)).toContain('本机关将依法处理，并将处理结果书面告知你。');
  });

  it('prints a remark given with an acceptance as the acceptance note', () => {
    const notice = acceptanceDecisionNotice({ ...decision, accepted: true, reasons: '  你反映的问题属于本机关监督范围。 ' });

    expect(notice.paragraphs).toContain('受理说明：你反映的问题属于本机关监督范围。');
  });

  it('states the decision not to accept, the reasons line by line and where the complainant may turn', () => {
    // Prepare
    const reasons = '你反映的事项已由人民法院受理。\r\n\n依照有关规定，不属于本机关受理范围。';

    // Act
    const notice = acceptanceDecisionNotice({ ...decision, accepted: false, reasons });

    // Assess
    expect(notice.title).toBe('投诉不予受理告知书');
    expect(notice.paragraphs).toEqual([
      '你于2026年10月9日提出的投诉（投诉编号：TS20261009K7M2Q9XA），本机关已收悉。经审查，本机关决定不予受理，理由如下：',
      '你反映的事项已由人民法院受理。',
      '依照有关规定，不属于本机关受理范围。',
      '你如对本决定有异议，可以向本机关的上一级机关反映。',
      '特此告知。',
    ]);
  });

  it('refuses to compose a refusal without reasons', () => {
    expect(() => acceptanceDecisionNotice({ ...decision, accepted: false, reasons: ' \n ' })).toThrow(/needs reasons/);
  });

  it('refuses handling arrangements for a complaint that is not accepted', () => {
    expect(() =>
      acceptanceDecisionNotice({ ...decision, accepted: false, reasons: '不属于受理范围。', handling: { by: 'supervisor', deadline: '2026-11-06' } }),
    ).toThrow(/not handled/);
  });

  it('refuses a decision dated before the complaint was received, and a deadline before the decision', () => {
    expect(() => acceptanceDecisionNotice({ ...decision, decidedOn: '2026-10-08', accepted: true, reasons: '' })).toThrow(RangeError);
    expect(() => acceptanceDecisionNotice({ ...decision, accepted: true, reasons: '', handling: { by: 'supervisor', deadline: '2026-10-14' } })).toThrow(
      RangeError,
    );
  });

  it('refuses a notice without an addressee or an organ', () => {
    expect(() => acceptanceDecisionNotice({ ...decision, addressee: ' ', accepted: true, reasons: '' })).toThrow(/addressee/);
    expect(() => acceptanceDecisionNotice({ ...decision, organ: '', accepted: true, reasons: '' })).toThrow(/organ/);
  });
});

describe('the handling result notice', () => {
  const result = {
    receiptNumber: 'TS20261009K7M2Q9XA',
    addressee: '宁波某某贸易有限公司',
    receivedOn: '2026-10-09',
    concludedOn: '2026-11-20',
    result: '经现场核查，你反映的超市销售过期食品问题属实。\n执法人员已责令其下架相关商品，并依法立案查处。',
    handledBy: '宁波市海曙区市场监督管理局',
    organ,
  };

  it('states who handled the complaint, when it concluded and the result, issued on the day of conclusion', () => {
    // Act
    const notice = handlingResultNotice(result);

    // Assess
    expect(notice).toMatchObject({
      kind: 'handlingResult',
      title: '投诉处理结果告知书',
      reference: 'TS20261009K7M2Q9XA',
      addressee: '宁波某某贸易有限公司',
      issuedOn: '2026-11-20',
      organ,
    });
    expect(notice.paragraphs[0]).toBe(
      '你于2026年10月9日提出的投诉（投诉编号：TS20261009K7M2Q9XA），经宁波市海曙区市场监督管理局调查处理，已于2026年11月20日办结。现将处理结果告知如下：',
    );
    expect(notice.paragraphs.slice(1, 3)).toEqual(['经现场核查，你反映的超市销售过期食品问题属实。', '执法人员已责令其下架相关商品，并依法立案查处。']);
    expect(bodyOf(notice.paragraphs)).toContain('可以向本机关的上一级机关反映');
    expect(notice.paragraphs.at(-1)).toBe('特此告知。');
  });

  it('refuses a result notice without a result, or concluded before receipt', () => {
    expect(() => handlingResultNotice({ ...result, result: '' })).toThrow(/needs the result/);
    expect(() => handlingResultNotice({ ...result, concludedOn: '2026-10-01' })).toThrow(RangeError);
  });
});
