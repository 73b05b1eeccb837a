/**
 * What one oversight timer firing costs in write units, as DynamoDB Local reports them
 * (`ReturnConsumedCapacity: 'INDEXES'`, index writes included): the firing's write and the mark
 * that its events were published. Units, not time: a firing that wrote the large STATE item, a
 * transaction, timeline step items or whole-item index projections again would exceed the bound.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { firingWriteUnitsTarget, measureFiringWriteUnits, type FiringUnitsFigures } from '../../../bench/oversight-firing-units.ts';
import { createTestTables } from '../../support/dynamodb.ts';

let figures: FiringUnitsFigures;
beforeAll(async () => {
  const db = await createTestTables();
  figures = await measureFiringWriteUnits(db.endpoint, db.tables);
});

describe('write units of an oversight timer firing', () => {
  it("fires each of a complaint's acceptance timers within the bound", () => {
    expect(figures.complaint.map((firing) => firing.fired)).toEqual([1, 1, 1]);
    for (const firing of figures.complaint) expect(firing.writeUnits).toBeLessThanOrEqual(firingWriteUnitsTarget);
    // One small update for the firing, one for its publication (the due index moves once): 4, then 3 when nothing follows.
    expect(figures.complaint.map((firing) => firing.writeUnits)).toEqual([4, 4, 3]);
  });

  it("fires each of a supervision case's deadline timers within the bound", () => {
    expect(figures.supervisionCase.map((firing) => firing.fired)).toEqual([1, 1, 1]);
    for (const firing of figures.supervisionCase) expect(firing.writeUnits).toBeLessThanOrEqual(firingWriteUnitsTarget);
    expect(figures.supervisionCase.map((firing) => firing.writeUnits)).toEqual([4, 4, 3]);
  });
});
