import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { groupOf } from '../../src/domain/groups.js';
import { addDays } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { planDigest } from '../../src/reminders/plan.js';
import { archetypesOf, providerOf } from '../calendar-data/archetypes.js';

/**
 * The next contract year, expected from the latest policy: for any archetype of both real calendars and any day
 * from a year before its contract year to two years after, no expected item is overdue, passed, undated or in a
 * reminder digest, and each is filed under `expected`.
 */
const calendars = loadCalendarSet();
const cases = calendars.all().flatMap((calendar) =>
  archetypesOf(calendar)
    .filter((archetype) => !archetype.events)
    .map((archetype) => ({ calendar, archetype })),
);

describe('expected dates', () => {
  it('are never overdue, never passed, never in a digest, and always in the expected group', () => {
    let seen = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.integer({ min: 0, max: 3 * 365 }),
        (caseIndex, dayOffset) => {
          const { calendar, archetype } = cases[caseIndex]!;
          const asOf = addDays(`${calendar.file.year - 1}-01-01`, dayOffset);
          const items = computeTimeline(providerOf(calendar, archetype), calendars, [], asOf, { expected: true });
          for (const item of items.filter((candidate) => candidate.expected)) {
            seen++;
            expect(['upcoming', 'due-soon'], `${item.id} on ${asOf}`).toContain(item.status);
            expect(item.due! >= asOf, `${item.id} due ${item.due} on ${asOf}`).toBe(true);
            expect(groupOf(item, asOf, '9999-12-31')).toBe('expected');
            expect(item.derivation.nl).toMatch(/^verwacht op basis van het beleid \d{4}, nog niet gepubliceerd/);
            expect(item.derivation.nl).not.toContain('datum uit het document');
          }
          for (const reminderDays of [[14, 7, 1], [30]]) {
            const digest = planDigest({
              day: asOf,
              timeline: items,
              reminderDays,
              history: { told: new Set(), toldDue: new Map() },
            });
            for (const notice of digest?.notices ?? []) expect(notice.item.expected, notice.item.id).toBeUndefined();
          }
        },
      ),
      { numRuns: 300, seed: 20261203 },
    );
    expect(seen).toBeGreaterThan(100);
  });

  it('switched off, there are none', () => {
    const [{ calendar, archetype }] = cases;
    const provider = { ...providerOf(calendar!, archetype!), showExpected: false };
    const asOf = `${calendar!.file.year - 1}-12-02`;
    const on = computeTimeline({ ...provider, showExpected: true }, calendars, [], asOf, { expected: true });
    expect(on.filter((item) => item.expected).length).toBeGreaterThan(0);
    expect(computeTimeline(provider, calendars, [], asOf, { expected: true }).filter((item) => item.expected)).toEqual(
      [],
    );
  });
});
