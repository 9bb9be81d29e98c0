import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import type { CompiledCalendar } from '../../src/domain/calendar.js';
import { addDays } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { RecordedEvent } from '../../src/domain/types.js';
import { planDigest } from '../../src/reminders/plan.js';
import { archetypesOf, providerOf } from '../calendar-data/archetypes.js';

/**
 * Only what she can act on is urgent; what is over is history. For any archetype of both real calendars, any
 * recorded dates and any day from a year before the contract year to a year after it.
 */
const calendars = loadCalendarSet();
const cases = calendars.all().flatMap((calendar) =>
  archetypesOf(calendar)
    .filter((archetype) => !archetype.events)
    .map((archetype) => ({ calendar, archetype })),
);
const recordable = (calendar: CompiledCalendar) => calendar.lines.map((line) => line.itemId);

const input = fc.record({
  caseIndex: fc.integer({ min: 0, max: cases.length - 1 }),
  picks: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -300, max: 500 })), { maxLength: 6 }),
  dayOffset: fc.integer({ min: 0, max: 3 * 365 }),
});

function run({ caseIndex, picks, dayOffset }: { caseIndex: number; picks: [number, number][]; dayOffset: number }) {
  const { calendar, archetype } = cases[caseIndex];
  const ids = recordable(calendar);
  const base = `${calendar.file.year - 1}-04-01`;
  const events: RecordedEvent[] = picks.map(([pick, offset]) => ({
    item: ids[pick % ids.length],
    date: addDays(base, offset),
  }));
  const asOf = addDays(`${calendar.file.year - 2}-01-01`, dayOffset);
  const items = computeTimeline(providerOf(calendar, archetype), calendars, events, asOf);
  return { calendar, events, asOf, items };
}

const OPTIONS = { numRuns: 400, seed: 20261203 };

describe('history, not alarms', () => {
  it('no item of a closed round is ever overdue, nor in a reminder digest', () => {
    let closed = 0;
    fc.assert(
      fc.property(input, (value) => {
        const { calendar, asOf, items } = run(value);
        if (asOf < calendar.closes) return;
        for (const item of items) {
          if (item.due !== null && item.due < calendar.closes && item.done === null) closed++;
          if (item.due !== null && item.due < calendar.closes)
            expect(['overdue', 'check'], `${item.id} on ${asOf}`).not.toContain(item.status);
        }
        const digest = planDigest({
          day: asOf,
          timeline: items,
          reminderDays: [14, 7, 1],
          history: { told: new Set(), toldDue: new Map() },
        });
        for (const notice of digest?.notices ?? []) expect(notice.item.status).not.toBe('not-recorded');
      }),
      OPTIONS,
    );
    expect(closed).toBeGreaterThan(100);
  });

  it('no optional or not-started item, and no insurer item, is ever overdue', () => {
    fc.assert(
      fc.property(input, (value) => {
        for (const item of run(value).items) {
          if (item.optional || item.status === 'not-started' || item.actor === 'insurer')
            expect(item.status, item.id).not.toBe('overdue');
          if (item.status === 'not-started') expect(item.due, item.id).toBeNull();
        }
      }),
      OPTIONS,
    );
  });

  it('a recorded step that concludes its round leaves no earlier step of its round overdue', () => {
    let implied = 0;
    fc.assert(
      fc.property(input, (value) => {
        const { calendar, events, items } = run(value);
        const recorded = new Set(events.map((event) => event.item));
        const byId = new Map(items.map((item) => [item.id, item]));
        for (const id of recorded) {
          const by = calendar.byItemId.get(id);
          const concluding = byId.get(id);
          if (!by?.concludes || !concluding) continue;
          for (const item of items) {
            // A statutory item (the law's date) is no line of the calendar and of no round's signing.
            if (item.type === 'statutory') continue;
            // A contract end (from the terms) is no line either, and never overdue (info).
            const line = calendar.byItemId.get(item.id);
            if (line === undefined) {
              expect(item.type, item.id).toBe('info');
              continue;
            }
            const earlier = by.chain
              ? line.chain?.id === by.chain.id && line.chain.step < by.chain.step
              : line.signing &&
                !line.concludes &&
                line.awaits === null &&
                !line.mayStart &&
                item.due !== null &&
                concluding.due !== null &&
                item.due <= concluding.due;
            if (earlier) expect(item.status, `${item.id} after ${id}`).not.toBe('overdue');
            if (earlier && item.impliedBy !== null) implied++;
          }
        }
      }),
      { ...OPTIONS, numRuns: 300 },
    );
    expect(implied).toBeGreaterThan(0);
  });
});
