import { describe, expect, it } from 'vitest';
import { decodeIndexCursor, encodeIndexCursor } from '#shared/application/index-cursor.ts';

const attributes = ['pk', 'sk', 'queueJurisdiction', 'queueOrder'];
const key = {
  pk: 'COMPLAINT#TS20261009K7M2Q9XA',
  sk: 'STATE',
  queueJurisdiction: 'haishu#complaintsAwaitingDecision',
  queueOrder: '2026-10-16T15:59:59.999Z#TS20261009K7M2Q9XA',
};
const decode = (cursor: string, partition = 'haishu#complaintsAwaitingDecision') => decodeIndexCursor(cursor, attributes, 'queueJurisdiction', partition);

describe('index page cursors', () => {
  it('give back the key they were made from, for the same partition', () => {
    expect(decode(encodeIndexCursor(key))).toEqual(key);
  });

  it('refuse a key of another partition, with other or extra attributes, or non-string values', () => {
    expect(decode(encodeIndexCursor(key), 'yinzhou#complaintsAwaitingDecision')).toBeUndefined();
    expect(decode(encodeIndexCursor({ ...key, extra: 'x' }))).toBeUndefined();
    expect(
      decode(encodeIndexCursor({ pk: key.pk, sk: key.sk, queueJurisdiction: key.queueJurisdiction, queueCitywide: 'complaintsAwaitingDecision' })),
    ).toBeUndefined();
    expect(decode(encodeIndexCursor({ ...key, queueOrder: 42 }))).toBeUndefined();
    expect(decode(encodeIndexCursor({ ...key, queueOrder: 'x'.repeat(600) }))).toBeUndefined();
  });

  it('refuse what is not a cursor at all', () => {
    for (const cursor of ['', 'not-base64-json', Buffer.from('[1,2]').toString('base64url'), Buffer.from('null').toString('base64url')])
      expect(decode(cursor)).toBeUndefined();
  });
});
