import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifiedScanMaxDepth,
  classifiedScanMaxNodes,
  containsClassifiedMarking,
  findClassifiedContent,
  hasClassifiedMarking,
} from '#shared/domain/classified-content/classified-marking.ts';

const ordinaryRecord = {
  kind: 'licensing',
  department: 'market-regulation',
  caseId: 'LIC-2025-000123',
  event: 'completionRequested',
  classification: 'internal',
  materials: ['秘密花园餐饮管理有限公司营业执照副本', 'floor plan'],
};

/** Written forms of the markings of state secrets (国家秘密标志), each of which must be refused. */
const markings: readonly string[] = [
  // the star, with and without a period
  '秘密★',
  '机密★10年',
  '绝密★长期',
  '秘密★6个月',
  '机密 ★',
  '机密\u3000★',
  '秘密☆',
  '绝密☆30年',
  '机密级★5年',
  '机 密★1年',
  // an asterisk written for the star
  '机密*10年',
  '绝密*',
  '机密＊5年',
  '附件：秘密*1年',
  // a label
  '密级：机密',
  '密级:秘密',
  '密级 : 绝密',
  '密 级：机密',
  '密级　绝密',
  '保密级别：机密',
  '密级：机密★5年',
  // brackets
  '【绝密】',
  '[秘密]',
  '（机密）',
  '(机密)',
  '「秘密」',
  '『绝密』',
  '〔机密〕',
  '【 秘密级 】',
  '［机密］',
  // graded
  '机密级',
  '绝密级',
  '秘密级',
  '本件为机密级文件',
  // traditional characters
  '機密★10年',
  '【絕密】',
  // invisible characters do not hide a marking
  '机\u200b密★',
];

/** Ordinary text that mentions secrets without carrying a marking: never refused. */
const ordinaryTexts: readonly string[] = [
  '商业秘密',
  '秘密投票',
  '保守秘密',
  '技术秘密',
  '机密性',
  '不涉密',
  '秘密花园餐饮管理有限公司',
  '该企业要求对其商业秘密予以保护',
  '信息系统应保证数据的机密性和完整性',
  '本申请材料不涉密',
  '泄露国家秘密的行为应依法处理',
  '一份机密文件',
  '绝密档案馆开放日',
  '机密级别的划分依照保密法',
  '绝密级别',
  '非机密级信息',
  '密级：非密',
  '密级: 内部',
  '（秘密投票）',
  '《秘密》是一本书',
  '**机密**',
  '*秘密*',
  '商业秘密*',
  '技术秘密＊注',
  '机密性(confidentiality)',
  '秘密★'.replace('★', ''),
  '',
];

describe('classified markings in text', () => {
  it.each(markings)('refuses %s', (marking) => {
    // Act / Assess
    expect(containsClassifiedMarking(marking)).toBe(true);
    expect(containsClassifiedMarking(`申请人提交的材料中有一页标有「${marking}」字样`)).toBe(true);
  });

  it.each(ordinaryTexts)('accepts %s', (text) => {
    // Act / Assess
    expect(containsClassifiedMarking(text)).toBe(false);
  });

  it('refuses a configured marker, whatever its case and width, and ignores empty markers', () => {
    // Act / Assess
    expect(containsClassifiedMarking('内部资料 注意保密', ['注意保密'])).toBe(true);
    expect(containsClassifiedMarking('for internal use only', ['INTERNAL USE'])).toBe(true);
    expect(containsClassifiedMarking('ＩＮＴＥＲＮＡＬ USE', ['internal use'])).toBe(true);
    expect(containsClassifiedMarking('内部资料 注意保密', ['', '  '])).toBe(false);
    expect(containsClassifiedMarking('内部资料 注意保密')).toBe(false);
  });
});

/** Characters the recogniser gives a meaning to; random ordinary text is drawn without them. */
const meaningful = new Set([...'秘祕机機绝絕密级别非★☆*＊【】[]［］（）()「」『』〔〕〖〗:：']);
const ordinaryCharacter = fc
  .oneof(fc.integer({ min: 0x4e00, max: 0x9fa5 }), fc.constantFrom(0x20, 0x3000, 0xff0c, 0x3002, 0x3001, 0xff1b, 0x0041, 0x0031))
  .map((code) => String.fromCodePoint(code))
  .filter((character) => !meaningful.has(character));
/** Ordinary words that contain a level or its neighbours, mixed into the random text. */
const ordinaryWord = fc.constantFrom(
  '商业秘密',
  '秘密投票',
  '保守秘密',
  '技术秘密',
  '机密性',
  '不涉密',
  '级别',
  '国家秘密',
  '机密文件',
  '密码',
  '机构',
  '绝对',
);
const ordinaryText = fc.array(fc.oneof(ordinaryCharacter, ordinaryWord), { maxLength: 40 }).map((parts) => parts.join(''));

const levelOf = fc.constantFrom('秘密', '机密', '绝密');
const period = fc.constantFrom('', '10年', '长期', '6个月', '30年', '解密时间2030年1月1日');
const markingForm = fc.oneof(
  fc.tuple(levelOf, fc.constantFrom('★', '☆', ' ★', '级★'), period).map(([l, star, p]) => `${l}${star}${p}`),
  fc.tuple(levelOf, fc.constantFrom('*', '＊'), period).map(([l, star, p]) => ` ${l}${star}${p}`),
  fc.tuple(fc.constantFrom('密级：', '密级:', '密级 ：', '密 级:', '保密级别：'), levelOf).map(([label, l]) => `${label}${l}`),
  fc
    .tuple(fc.constantFrom(['【', '】'], ['[', ']'], ['（', '）'], ['(', ')'], ['「', '」'], ['〔', '〕']), levelOf, fc.constantFrom('', '级'))
    .map(([[open, close], l, grade]) => `${open}${l}${grade}${close}`),
  levelOf.map((l) => `${l}级`),
);

describe('classified markings, by property', () => {
  it('never refuses random ordinary Chinese text', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(containsClassifiedMarking(text)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any text that contains a marking form, wherever it stands', () => {
    fc.assert(
      fc.property(ordinaryText, markingForm, ordinaryText, (before, marking, after) => {
        expect(containsClassifiedMarking(`${before}${marking}${after}`)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('classified content in a document', () => {
  it('finds nothing in an ordinary record, even with 秘密 in a company name', () => {
    // Act / Assess
    expect(findClassifiedContent(ordinaryRecord)).toBeUndefined();
    expect(hasClassifiedMarking(ordinaryRecord)).toBe(false);
  });

  it('names the field that carries a marking, as a JSON pointer', () => {
    // Prepare
    const body = { records: [ordinaryRecord, { ...ordinaryRecord, reasons: ['材料齐全', '附件标注 密级：机密'] }] };

    // Act / Assess
    expect(findClassifiedContent(body)).toEqual({ pointer: '/records/1/reasons/1', reason: 'marking' });
    expect(findClassifiedContent(body.records[1], { at: '/records/1' })).toEqual({ pointer: '/records/1/reasons/1', reason: 'marking' });
  });

  it.each(['秘密', '机密', '绝密', 'secret', 'confidential', 'topSecret', 'Top Secret', ' 机密 ', '机密级'])(
    'refuses a classification field of %s',
    (level) => {
      // Act / Assess
      expect(findClassifiedContent({ ...ordinaryRecord, classification: level })).toEqual({ pointer: '/classification', reason: 'classificationField' });
    },
  );

  it('refuses a securityLevel or 密级 field of a classified level, nested in the record', () => {
    // Act / Assess
    expect(findClassifiedContent({ ...ordinaryRecord, attachment: { securityLevel: '绝密' } })?.pointer).toBe('/attachment/securityLevel');
    expect(findClassifiedContent({ ...ordinaryRecord, attachment: { security_level: 'confidential' } })?.pointer).toBe('/attachment/security_level');
    expect(findClassifiedContent({ ...ordinaryRecord, attachment: { 密级: '机密' } })).toEqual({ pointer: '/attachment', reason: 'classificationField' });
  });

  it('accepts unclassified levels in a classification field', () => {
    // Act / Assess
    expect(findClassifiedContent({ ...ordinaryRecord, classification: 'public' })).toBeUndefined();
    expect(findClassifiedContent({ ...ordinaryRecord, securityLevel: '内部' })).toBeUndefined();
  });

  it('refuses a marking in a member name without repeating the name in the pointer', () => {
    // Act
    const found = findClassifiedContent({ ...ordinaryRecord, extra: { '机密★附件': 'x' } });

    // Assess
    expect(found).toEqual({ pointer: '/extra', reason: 'marking' });
  });

  it('never repeats a member name that is not a plain identifier', () => {
    // Act
    const found = findClassifiedContent({ notes: { 张三的身份证号码: ['正常', '【绝密】'] } });

    // Assess
    expect(found).toEqual({ pointer: '/notes', reason: 'marking' });
  });

  it('leaves the elements of the arrays named apart to the caller, and inspects the rest', () => {
    // Prepare
    const batch = { records: [{ reasons: ['秘密★'] }] };

    // Act / Assess
    expect(findClassifiedContent(batch, { elementsInspectedApart: ['/records'] })).toBeUndefined();
    expect(findClassifiedContent({ ...batch, note: '【机密】' }, { elementsInspectedApart: ['/records'] })).toEqual({ pointer: '/note', reason: 'marking' });
  });

  it('refuses a configured marker anywhere in a document', () => {
    // Prepare
    const record = { ...ordinaryRecord, materials: ['内部资料 注意保密'] };

    // Act / Assess
    expect(findClassifiedContent(record, { extraMarkers: ['注意保密'] })).toEqual({ pointer: '/materials/0', reason: 'marking' });
    expect(findClassifiedContent(record, { extraMarkers: [''] })).toBeUndefined();
  });

  it('handles scalars, null and empty containers', () => {
    // Act / Assess
    expect(findClassifiedContent(null)).toBeUndefined();
    expect(findClassifiedContent(42)).toBeUndefined();
    expect(findClassifiedContent('机密★')).toEqual({ pointer: '/', reason: 'marking' });
    expect(findClassifiedContent([])).toBeUndefined();
    expect(findClassifiedContent({})).toBeUndefined();
  });

  it('fails closed, without throwing, on nesting deeper than it inspects', () => {
    // Prepare
    let deep: unknown = 'plain';
    for (let depth = 0; depth < 100_000; depth++) deep = [deep];

    // Act / Assess
    expect(findClassifiedContent(deep)?.reason).toBe('uninspectable');
  });

  it('inspects nesting up to its depth limit', () => {
    // Prepare
    let nested: unknown = 'plain';
    for (let depth = 0; depth < classifiedScanMaxDepth; depth++) nested = { child: nested };

    // Act / Assess
    expect(findClassifiedContent(nested)).toBeUndefined();
  });

  it('fails closed on arrays larger than it inspects', () => {
    // Prepare
    const huge = { materials: new Array<string>(classifiedScanMaxNodes + 1).fill('plain') };

    // Act / Assess
    expect(findClassifiedContent(huge)).toEqual({ pointer: '/materials', reason: 'uninspectable' });
  });

  it('fails closed instead of throwing when the input cannot be read', () => {
    // Prepare
    const hostile = Object.defineProperty({}, 'field', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });

    // Act / Assess
    expect(findClassifiedContent(hostile)?.reason).toBe('uninspectable');
  });
});
