import { describe, expect, it } from 'vitest';
import { classifiedScanMaxDepth, classifiedScanMaxNodes, hasClassifiedMarking } from '#shared/domain/records/classified-marking.ts';

const ordinaryRecord = {
  kind: 'licensing',
  department: 'market-regulation',
  caseId: 'LIC-2025-000123',
  event: 'completionRequested',
  classification: 'internal',
  materials: ['秘密花园餐饮管理有限公司营业执照副本', 'floor plan'],
};

describe('classified markings', () => {
  it('finds nothing in an ordinary record, even with 秘密 in a company name', () => {
    // Act / Assess
    expect(hasClassifiedMarking(ordinaryRecord)).toBe(false);
  });

  it.each(['秘密', '机密', '绝密', 'secret', 'confidential', 'topSecret', 'Top Secret', ' 机密 '])(
    'refuses a classification field of %s',
    (level) => {
      // Act / Assess
      expect(hasClassifiedMarking({ ...ordinaryRecord, classification: level })).toBe(true);
    },
  );

  it('refuses a securityLevel field of a classified level, nested in the record', () => {
    // Act / Assess
    expect(hasClassifiedMarking({ ...ordinaryRecord, attachment: { securityLevel: '绝密' } })).toBe(true);
    expect(hasClassifiedMarking({ ...ordinaryRecord, attachment: { security_level: 'confidential' } })).toBe(true);
  });

  it('accepts unclassified levels in a classification field', () => {
    // Act / Assess
    expect(hasClassifiedMarking({ ...ordinaryRecord, classification: 'public' })).toBe(false);
    expect(hasClassifiedMarking({ ...ordinaryRecord, securityLevel: '内部' })).toBe(false);
  });

  it.each(['秘密★', '机密★10年', '绝密★长期', '机密 ★', '机密\u3000★', '秘密☆'])('refuses text marked %s anywhere', (marking) => {
    // Act / Assess
    expect(hasClassifiedMarking({ ...ordinaryRecord, materials: ['floor plan', `附件：${marking} 关于某事项的通知`] })).toBe(true);
  });

  it('refuses a marking in a field name', () => {
    // Act / Assess
    expect(hasClassifiedMarking({ ...ordinaryRecord, extra: { '机密★附件': 'x' } })).toBe(true);
  });

  it('refuses a marking given as an extra marker, and ignores empty markers', () => {
    // Prepare
    const record = { ...ordinaryRecord, materials: ['内部资料 注意保密'] };

    // Act / Assess
    expect(hasClassifiedMarking(record, ['注意保密'])).toBe(true);
    expect(hasClassifiedMarking(record, [''])).toBe(false);
    expect(hasClassifiedMarking(record)).toBe(false);
  });

  it('handles scalars, null and empty containers', () => {
    // Act / Assess
    expect(hasClassifiedMarking(null)).toBe(false);
    expect(hasClassifiedMarking(42)).toBe(false);
    expect(hasClassifiedMarking('机密★')).toBe(true);
    expect(hasClassifiedMarking([])).toBe(false);
    expect(hasClassifiedMarking({})).toBe(false);
  });

  it('fails closed, without throwing, on nesting deeper than it inspects', () => {
    // Prepare
    let deep: unknown = 'plain';
    for (let level = 0; level < 100_000; level++) deep = [deep];

    // Act / Assess
    expect(hasClassifiedMarking(deep)).toBe(true);
  });

  it('inspects nesting up to its depth limit', () => {
    // Prepare
    let nested: unknown = 'plain';
    for (let level = 0; level < classifiedScanMaxDepth; level++) nested = { child: nested };

    // Act / Assess
    expect(hasClassifiedMarking(nested)).toBe(false);
  });

  it('fails closed on arrays larger than it inspects', () => {
    // Prepare
    const huge = { materials: new Array<string>(classifiedScanMaxNodes + 1).fill('plain') };

    // Act / Assess
    expect(hasClassifiedMarking(huge)).toBe(true);
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
    expect(hasClassifiedMarking(hostile)).toBe(true);
  });
});
