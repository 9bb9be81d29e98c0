import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { addDays } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { PROVIDER_KINDS, type Provider, type RecordedEvent } from '../../src/domain/types.js';

/**
 * Placements and derivations are kept per calendar line and base date, and shared between timelines.
 * A timeline computed after many others (every cache warm) must equal the same timeline computed with
 * calendars loaded afresh (every cache empty), whatever came before it.
 */
const shared = loadCalendarSet();
const triggerIds = shared
  .all()
  .flatMap((calendar) => calendar.lines.filter((line) => line.trigger).map((line) => line.itemId));

const situation = fc.record({
  kinds: fc.uniqueArray(fc.constantFrom(...PROVIDER_KINDS), { minLength: 1, maxLength: 3 }),
  statuses: fc.array(fc.constantFrom('existing' as const, 'new' as const), { minLength: 2, maxLength: 2 }),
  events: fc.array(fc.record({ item: fc.constantFrom(...triggerIds), offset: fc.integer({ min: 0, max: 700 }) }), {
    maxLength: 3,
  }),
  /** Steps recorded on exactly the date computed for them: the same base date, now recorded. */
  onTheDay: fc.array(fc.nat(), { maxLength: 3 }),
  asOf: fc.integer({ min: 0, max: 700 }),
});
type Situation = typeof situation extends fc.Arbitrary<infer T> ? T : never;

function inputsOf(s: Situation): { provider: Provider; events: RecordedEvent[]; asOf: string } {
  const provider: Provider = {
    kinds: s.kinds,
    contracts: shared
      .all()
      .map((calendar, i) => ({ insurer: calendar.file.insurer, year: calendar.file.year, status: s.statuses[i % 2] })),
  };
  const events = s.events.map((e) => ({ item: e.item, date: addDays('2025-10-01', e.offset) }));
  const asOf = addDays('2025-10-01', s.asOf);
  const dated = computeTimeline(provider, shared, events, asOf).filter(
    (item) => item.due !== null && item.done === null,
  );
  for (const n of s.onTheDay)
    if (dated.length > 0) events.push({ item: dated[n % dated.length].id, date: dated[n % dated.length].due! });
  return { provider, events, asOf };
}

describe('timelines share what does not depend on the provider', () => {
  it('a timeline after many others equals it computed afresh', () => {
    const population = fc.sample(situation, { numRuns: 150, seed: 13 });
    // Warm every cache with the whole population, twice over, in two orders.
    for (const s of [...population, ...[...population].reverse()]) {
      const { provider, events, asOf } = inputsOf(s);
      computeTimeline(provider, shared, events, asOf);
    }
    for (const s of population.slice(0, 25)) {
      const { provider, events, asOf } = inputsOf(s);
      const fresh = computeTimeline(provider, loadCalendarSet(), events, asOf);
      expect(computeTimeline(provider, shared, events, asOf)).toEqual(fresh);
    }
  });

  it('the same situation on another day gets that day\'s statuses and "every N years" dates', () => {
    const s = fc.sample(situation, { numRuns: 1, seed: 7 })[0];
    const { provider, events } = inputsOf(s);
    for (const asOf of ['2026-01-05', '2026-11-23', '2027-06-30', '2026-01-05']) {
      expect(computeTimeline(provider, shared, events, asOf)).toEqual(
        computeTimeline(provider, loadCalendarSet(), events, asOf),
      );
    }
  });
});
