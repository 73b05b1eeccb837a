/** The record families' Chinese names: the console shows the same ones the texts sent to DingTalk, 浙政钉 and SMS use. */
import { describe, expect, it } from 'vitest';
import { recordKinds } from '../../console/src/alerts/alert-labels.ts';
import { recordKindNamesZh } from '#shared/domain/records/record-kind-names.ts';
import { recordKinds as builtInKinds } from '#shared/domain/records/record-families.ts';

describe('the record families named in Chinese', () => {
  it('names every built-in family alike in the console and in the texts sent', () => {
    expect(recordKindNamesZh).toEqual(recordKinds);
    expect(Object.keys(recordKindNamesZh).sort()).toEqual([...builtInKinds].sort());
  });
});
