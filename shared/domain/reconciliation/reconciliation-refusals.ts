/** Refusals of a reconciliation step, named after the rule broken. */
import { InvalidInput, Refusal } from '../refusal.ts';

/** A manifest whose totals are not what its buckets add up to, or a listing not of the bucket it names. */
export class ManifestContradictsItself extends InvalidInput {}

/** A day in the future has no records to reconcile yet. */
export class DayNotOver extends InvalidInput {}

/** No manifest of that day has been submitted (a listing needs one), or none the caller may see. */
export class NoManifestOfDay extends Refusal {
  readonly kind = 'not-found';
  readonly slug = 'not-found';
}

/** A bucket listed that the latest manifest of the day did not find differing. */
export class BucketNotDiffering extends Refusal {
  readonly kind = 'not-allowed-now';
  readonly slug = 'action-not-allowed';
}
