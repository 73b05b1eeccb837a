import { describe, expect, it } from 'vitest';
import { foldOnlineServiceCase } from '#shared/domain/online-services/online-service-case.ts';
import { onlineServiceFamily } from '#shared/domain/online-services/online-service-family.ts';
import { anOnlineServiceCase } from './online-service-event-mother.ts';

const fullCase = () =>
  anOnlineServiceCase()
    .applied()
    .supplementRequested('2025-09-29T10:00:00+08:00')
    .supplemented('2025-09-30T09:00:00+08:00')
    .accepted('2025-09-30T10:00:00+08:00')
    .completed('2025-10-15T10:00:00+08:00')
    .resultDelivered('2025-10-15T10:05:00+08:00', 'online', true)
    .build();

/** Every permutation of `items` (small arrays only). */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

describe('folding an online service case', () => {
  it('gives the same state for every order of arrival and for repeated events', () => {
    // Prepare
    const events = fullCase();
    const expected = foldOnlineServiceCase(events);

    // Act
    const states = permutations(events).map((order) => foldOnlineServiceCase([...order, events[3] as (typeof events)[number]]));

    // Assess
    expect(states).toHaveLength(720);
    for (const state of states) expect(state).toEqual(expected);
    expect(expected).toMatchObject({ eventCount: 6, lastSequence: 6, deliveredOnline: true, certificateDelivered: true, anomalies: [] });
    expect(onlineServiceFamily.summarize(expected)).toEqual({
      matterCode: 'construction-waste-permit',
      lastSequence: 6,
      eventCount: 6,
      stage: 'delivered',
      completedAt: '2025-10-15T02:00:00.000Z',
    });
  });

  it('names each stage a case passes through', () => {
    const stageAfter = (count: number) => onlineServiceFamily.summarize(foldOnlineServiceCase(fullCase().slice(0, count))).stage;
    expect([1, 2, 3, 4, 5, 6].map(stageAfter)).toEqual(['applied', 'awaitingSupplement', 'applied', 'accepted', 'completed', 'delivered']);
    expect(onlineServiceFamily.summarize(foldOnlineServiceCase(anOnlineServiceCase().applied().notAccepted('2025-09-29T10:00:00+08:00').build())).stage).toBe(
      'notAccepted',
    );
  });

  it('notes two different events sent with one sequence, keeping the same one whatever the order', () => {
    // Prepare
    const [applied, accepted] = anOnlineServiceCase().applied().accepted('2025-09-30T10:00:00+08:00').build();
    const clash = { ...accepted!, event: 'notAccepted' as const, reasons: 'incomplete' };

    // Act
    const one = foldOnlineServiceCase([applied!, accepted!, clash]);
    const other = foldOnlineServiceCase([clash, applied!, accepted!]);

    // Assess
    expect(one).toEqual(other);
    expect(one.anomalies).toEqual([{ kind: 'conflictingDuplicate', sequence: 2, event: 'accepted' }]);
  });

  it('refuses to fold nothing, or the events of two cases', () => {
    const [first] = anOnlineServiceCase().applied().build();
    const [second] = anOnlineServiceCase({ caseId: 'WSBJ-OTHER' }).applied().build();
    expect(() => foldOnlineServiceCase([])).toThrow(RangeError);
    expect(() => foldOnlineServiceCase([first!, { ...second!, sequence: 2 }])).toThrow(RangeError);
  });
});
