/**
 * Partition digests depend on what items hold, not on the order DynamoDB returns them, their
 * attributes or their set members in; a partition that differs is named with how it differs.
 */
import type { AttributeValue, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { canonicalItem, compareDigests, TableDigester } from '#infra/operations/table-digest.ts';

const keySchema: KeySchemaElement[] = [
  { AttributeName: 'pk', KeyType: 'HASH' },
  { AttributeName: 'sk', KeyType: 'RANGE' },
];

type Item = Record<string, AttributeValue>;

const item = (pk: string, sk: string, extra: Item = {}): Item => ({ pk: { S: pk }, sk: { S: sk }, ...extra });

function digestOf(items: readonly Item[]) {
  const digester = new TableDigester(keySchema);
  for (const each of items) digester.add(each);
  return digester.finish();
}

describe('canonicalItem', () => {
  it('reads the same item the same whatever the order of its attributes, map keys and set members', () => {
    // Prepare
    const one: Item = {
      tags: { SS: ['b', 'a'] },
      sizes: { NS: ['2', '10'] },
      nested: { M: { y: { N: '1' }, x: { L: [{ S: 'first' }, { BOOL: true }] } } },
      blob: { B: new Uint8Array([1, 2]) },
    };
    const other: Item = {
      blob: { B: new Uint8Array([1, 2]) },
      nested: { M: { x: { L: [{ S: 'first' }, { BOOL: true }] }, y: { N: '1' } } },
      sizes: { NS: ['10', '2'] },
      tags: { SS: ['a', 'b'] },
    };

    // Act and Assess
    expect(canonicalItem(one)).toBe(canonicalItem(other));
  });

  it('tells apart values that differ only in type or list order', () => {
    // Act and Assess
    expect(canonicalItem({ value: { S: '1' } })).not.toBe(canonicalItem({ value: { N: '1' } }));
    expect(canonicalItem({ value: { L: [{ S: 'a' }, { S: 'b' }] } })).not.toBe(canonicalItem({ value: { L: [{ S: 'b' }, { S: 'a' }] } }));
    expect(canonicalItem({ value: { NULL: true } })).not.toBe(canonicalItem({ value: { BOOL: false } }));
  });
});

describe('compareDigests', () => {
  it('matches two tables holding the same items in another order', () => {
    // Prepare
    const items = [item('P#1', 'A'), item('P#1', 'B', { n: { N: '3' } }), item('P#2', 'A')];

    // Act
    const comparison = compareDigests(digestOf(items), digestOf([...items].reverse()));

    // Assess
    expect(comparison).toEqual({
      sourceItems: 3,
      copyItems: 3,
      partitionsCompared: 2,
      partitionsMatching: 2,
      partitionsDiffering: 0,
      firstDiffering: [],
    });
  });

  it('names each differing partition: changed, missing in the copy, only in the copy', () => {
    // Prepare
    const source = [item('P#1', 'A', { n: { N: '1' } }), item('P#2', 'A'), item('P#2', 'B'), item('P#3', 'A')];
    const copy = [item('P#1', 'A', { n: { N: '2' } }), item('P#3', 'A'), item('P#4', 'A')];

    // Act
    const comparison = compareDigests(digestOf(source), digestOf(copy));

    // Assess
    expect(comparison).toMatchObject({ sourceItems: 4, copyItems: 3, partitionsCompared: 4, partitionsMatching: 1, partitionsDiffering: 3 });
    expect(comparison.firstDiffering).toEqual([
      { partitionKey: 'S:"P#1"', difference: 'contentDiffers', sourceItems: 1, copyItems: 1 },
      { partitionKey: 'S:"P#2"', difference: 'missingInCopy', sourceItems: 2, copyItems: 0 },
      { partitionKey: 'S:"P#4"', difference: 'onlyInCopy', sourceItems: 0, copyItems: 1 },
    ]);
  });

  it('names no more differing partitions than asked, and counts them all', () => {
    // Prepare
    const source = Array.from({ length: 30 }, (_, index) => item(`P#${String(index).padStart(2, '0')}`, 'A'));

    // Act
    const comparison = compareDigests(digestOf(source), digestOf([]), 5);

    // Assess
    expect(comparison.partitionsDiffering).toBe(30);
    expect(comparison.firstDiffering.map((partition) => partition.partitionKey)).toEqual(['S:"P#00"', 'S:"P#01"', 'S:"P#02"', 'S:"P#03"', 'S:"P#04"']);
  });
});
