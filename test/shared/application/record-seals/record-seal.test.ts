import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hourKeyMessage,
  isSealHour,
  sealed,
  sealedContent,
  sealHourOf,
  sealOf,
  verifySeal,
  type HourKey,
} from '#shared/application/record-seals/record-seal.ts';

const key: HourKey = { hour: '2026-03-02T01', key: randomBytes(32) };
const item = {
  pk: 'CASE#haishu-housing#licensing#JS-2026-001',
  sk: 'EVENT#0000000002',
  event: {
    kind: 'licensing',
    department: 'haishu-housing',
    caseId: 'JS-2026-001',
    sequence: 2,
    event: 'accepted',
    occurredAt: '2026-03-02T09:00:00+08:00',
    fee: 12.5,
  },
  receivedAt: '2026-03-02T01:00:00.000Z',
  contentHash: 'abc',
  sealHour: '2026-03-02T01#3',
};

describe('the canonical form a seal covers', () => {
  it('is the same whatever the order of the members, and leaves the seal out', () => {
    // Prepare
    const reordered = {
      sealHour: item.sealHour,
      contentHash: item.contentHash,
      receivedAt: item.receivedAt,
      event: { ...item.event },
      sk: item.sk,
      pk: item.pk,
    };

    // Act / Assess
    expect(sealedContent(reordered)).toBe(sealedContent(item));
    expect(sealedContent({ ...item, seal: 'v1.x' })).toBe(sealedContent(item));
    expect(sealedContent(item)).toBe(
      '{"contentHash":"abc","event":{"caseId":"JS-2026-001","department":"haishu-housing","event":"accepted","fee":12.5,"kind":"licensing","occurredAt":"2026-03-02T09:00:00+08:00","sequence":2},"pk":"CASE#haishu-housing#licensing#JS-2026-001","receivedAt":"2026-03-02T01:00:00.000Z","sealHour":"2026-03-02T01#3","sk":"EVENT#0000000002"}',
    );
  });
});

describe('sealing and verifying a record', () => {
  it('is HMAC-SHA-256 of the canonical form under the hour key, versioned', () => {
    // Act
    const seal = sealOf(key, item);

    // Assess
    expect(seal).toBe(`v1.${createHmac('sha256', key.key).update(sealedContent(item)).digest('base64url')}`);
  });

  it('finds an untouched record intact', () => {
    // Act / Assess
    expect(verifySeal(key, sealed(key, item))).toBe('intact');
  });

  it.each([
    ['a field of the record', (stored: any) => ({ ...stored, event: { ...stored.event, occurredAt: '2026-03-01T09:00:00+08:00' } })],
    ['a number of the record', (stored: any) => ({ ...stored, event: { ...stored.event, fee: 1.25 } })],
    ['a field added', (stored: any) => ({ ...stored, event: { ...stored.event, note: 'added' } })],
    ['the sequence it is filed under', (stored: any) => ({ ...stored, sk: 'EVENT#0000000003' })],
    ['the case it is filed under', (stored: any) => ({ ...stored, pk: 'CASE#haishu-housing#licensing#JS-2026-002' })],
    ['its hour', (stored: any) => ({ ...stored, sealHour: '2026-03-02T02#3' })],
    ['its seal', (stored: any) => ({ ...stored, seal: `${stored.seal.slice(0, -2)}AA` })],
  ])('finds a change of %s', (_what, change) => {
    // Act / Assess
    expect(verifySeal(key, change(sealed(key, item)))).toBe('altered');
  });

  it('finds a record whose seal was removed or replaced by something else', () => {
    // Act / Assess
    expect(verifySeal(key, item)).toBe('sealMissing');
    expect(verifySeal(key, { ...item, seal: 42 })).toBe('sealMissing');
    expect(verifySeal(key, { ...item, seal: 'v0.abc' })).toBe('sealMissing');
  });

  it('does not accept a seal made under another hour key', () => {
    // Prepare
    const otherHour: HourKey = { hour: '2026-03-02T02', key: randomBytes(32) };

    // Act / Assess
    expect(verifySeal(otherHour, sealed(key, item))).toBe('altered');
  });

  it('finds any change of any field of a random record', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }),
        fc.jsonValue({ maxDepth: 1 }),
        (event, replacement) => {
          // Prepare
          const stored = sealed(key, { ...item, event });
          const field = Object.keys(event)[0] as string;
          fc.pre(JSON.stringify(event[field]) !== JSON.stringify(replacement));

          // Act / Assess
          expect(verifySeal(key, stored)).toBe('intact');
          expect(verifySeal(key, { ...stored, event: { ...event, [field]: replacement } })).toBe('altered');
        },
      ),
    );
  });
});

describe('seal hours', () => {
  it('names the UTC hour of an instant, the label of its key', () => {
    // Act / Assess
    expect(sealHourOf(new Date('2026-03-02T09:59:59+08:00'))).toBe('2026-03-02T01');
    expect(new TextDecoder().decode(hourKeyMessage('2026-03-02T01'))).toBe('e-supervision/record-seal/v1/2026-03-02T01');
    expect(isSealHour('2026-03-02T01')).toBe(true);
    expect(isSealHour('2026-03-02T24')).toBe(false);
    expect(isSealHour('2026-03-02')).toBe(false);
  });
});
