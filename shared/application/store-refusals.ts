/**
 * Refusals in the words of the ports: a store refuses a write at a version it no longer holds,
 * and a listing a cursor it did not hand out. Adapters raise them; so do use cases that compare
 * versions themselves.
 */
import type { Bilingual } from '../domain/bilingual.ts';
import { InvalidInput, Refusal } from '../domain/refusal.ts';

/** Words several refusals share. */
export const invalidCursor: Bilingual = { zh: '分页游标无效', en: 'Invalid cursor' };
export const changedSinceRead: Bilingual = { zh: '在您读取后已被修改', en: 'Changed since you read it' };
export const rereadStep: Bilingual = { zh: '请重新读取，如仍需要再重复该步骤。', en: 'Read it again and repeat the step if it still applies.' };

/**
 * The thing changed since the caller read it (the version sent is not the stored one), or someone
 * else is changing it: nobody's change is overwritten. The subclasses name the thing.
 */
export class VersionChanged extends Refusal {
  readonly kind = 'version-changed';
  readonly slug = 'stale-version';
}

export class AlertVersionChanged extends VersionChanged {}
export class CalendarVersionChanged extends VersionChanged {}
export class CityStructureVersionChanged extends VersionChanged {}
export class ComplaintVersionChanged extends VersionChanged {}
export class MatterVersionChanged extends VersionChanged {}
export class RecordKindVersionChanged extends VersionChanged {}
export class SupervisionVersionChanged extends VersionChanged {}

/** A cursor this listing did not hand out (another listing's, another day's, or forged). */
export class CursorNotRecognised extends InvalidInput {
  constructor(detail: Bilingual) {
    super(invalidCursor, undefined, [{ pointer: '/query/cursor', detail }]);
  }
}
