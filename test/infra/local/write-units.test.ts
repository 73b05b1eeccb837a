/** Write units priced from the items a request sends, by DynamoDB's rules (DynamoDB Local misreports transactions). */
import { describe, expect, it } from 'vitest';
import { itemSize, totalOf, writeUnitsOf, writeUnitsOfWireRequest } from '#infra/local/write-units.ts';

const stateItem = (padding: number) => ({
  pk: 'CASE#d#licensing#1',
  sk: 'STATE',
  stateVersion: 3,
  sweepShard: '7',
  nextCheckAt: '2025-09-16T00:00:00.000Z',
  matterKey: 'd#licensing#m',
  matterCaseOrder: '2025-09-01#1',
  note: 'x'.repeat(padding),
});

describe('write units of a request', () => {
  it('counts attribute names and values: strings by UTF-8 bytes, numbers by digits', () => {
    expect(itemSize({ pk: 'ab' })).toBe(4);
    expect(itemSize({ 名: '监督' })).toBe(3 + 6);
    expect(itemSize({ n: 12345 })).toBe(1 + 3 + 1);
    expect(itemSize({ m: { a: 'x' } })).toBe(1 + 3 + 1 + 1 + 1);
  });

  it('charges one unit per started KB, two in a transaction, whatever the number of items', () => {
    const put = writeUnitsOf('PutItem', { TableName: 'p-cases', Item: stateItem(1500) });
    expect(put.table).toBe(2);
    const ten = writeUnitsOf('TransactWriteItems', {
      TransactItems: Array.from({ length: 10 }, () => ({ Put: { TableName: 'p-cases', Item: stateItem(100) } })),
    });
    expect(ten.table).toBe(20);
  });

  it('adds a write to each index whose keys the item carries, sized by what it projects', () => {
    const item = stateItem(3000);
    const units = writeUnitsOf('PutItem', { TableName: 'p-cases', Item: item });
    // dueChecks and casesByMatter project keys only: one unit each, however large the item.
    expect(units.indexes).toEqual({ dueChecks: 1, casesByMatter: 1 });
    expect(units.table).toBe(Math.ceil(itemSize(item) / 1024));
    expect(totalOf(units)).toBe(units.table + 2);
  });

  it('prices the wire format the gateway sees as the document client items', () => {
    const item = stateItem(1500);
    const wireItem = Object.fromEntries(Object.entries(item).map(([name, value]) => [name, typeof value === 'number' ? { N: String(value) } : { S: value }]));
    const wire = writeUnitsOfWireRequest('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'p-cases', Item: wireItem } }] });
    expect(wire).toEqual(writeUnitsOf('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'p-cases', Item: item } }] }));
  });
});
