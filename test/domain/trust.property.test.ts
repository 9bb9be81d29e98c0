import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import type { CompiledCalendar } from '../../src/domain/calendar.js';
import { addDays, daysBetween } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { RecordedEvent, TimelineItem } from '../../src/domain/types.js';
import { feedEventsOf, providerUid, type FeedEvent, type FeedScope } from '../../src/feeds/feed-events.js';
import { planDigest } from '../../src/reminders/plan.js';
import { archetypesOf, providerOf, type Archetype } from '../calendar-data/archetypes.js';

/**
 * What a provider must be able to trust, for every archetype of both real calendars:
 * nothing on her calendar moves by itself, no false "insurer is late", no capped date past its cap.
 */
const calendars = loadCalendarSet();

const scope: FeedScope = {
  stateFeed: () => 'provider/p',
  uid: (item, part) => providerUid('p', item.id, part),
  withStatus: true,
  insurerName: () => 'X',
  timelineUrl: () => 'https://example.nl/t',
  reminderDays: [14, 7, 1],
};

/** From the calendar's publication to the end of its contract year. */
function contractingDays(calendar: CompiledCalendar): string[] {
  const first = calendar.file.document.published ?? `${calendar.file.year - 1}-01-01`;
  const count = daysBetween(first, `${calendar.file.year}-12-31`) + 1;
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** What decides an event's SEQUENCE (its schedule fingerprint) and its DTSTART, per UID. */
function scheduleOf(events: FeedEvent[]): Map<string, { start: string; schedule: string }> {
  return new Map(
    events.map((event) => [
      event.uid,
      { start: event.allDay?.start ?? `${event.at!.date}T${event.at!.time}`, schedule: event.schedule },
    ]),
  );
}

/**
 * Every day for the new verloskunde and kraamzorg providers (whose chains used to slide); for every other archetype
 * a seventh of the days, offset by its index, so that across archetypes every day of the year is checked.
 */
const EVERY_DAY = new Set(['verloskunde-new', 'kraamzorg-new']);
function daysFor(archetype: Archetype, index: number, days: string[]): string[] {
  return EVERY_DAY.has(archetype.name) ? days : days.filter((_, i) => (i + index) % 7 === 0);
}

const plainArchetypes = (calendar: CompiledCalendar) => archetypesOf(calendar).filter((archetype) => !archetype.events);

describe.each(calendars.all().map((calendar) => [calendar.key, calendar] as const))(
  '%s, nothing recorded, every day of the contracting year',
  (_key, calendar) => {
    const days = contractingDays(calendar);

    it('no feed event changes its DTSTART or SEQUENCE from one day to the next', () => {
      let compared = 0;
      plainArchetypes(calendar).forEach((archetype, index) => {
        const provider = providerOf(calendar, archetype);
        const scheduleOn = (day: string) =>
          scheduleOf(feedEventsOf(computeTimeline(provider, calendars, [], day), scope));
        let previous: { day: string; schedule: ReturnType<typeof scheduleOf> } | null = null;
        for (const day of daysFor(archetype, index, days)) {
          // Consecutive days reuse the day before: each day is computed once.
          const today = previous?.day === day ? previous.schedule : scheduleOn(day);
          const tomorrow = scheduleOn(addDays(day, 1));
          previous = { day: addDays(day, 1), schedule: tomorrow };
          for (const [uid, event] of today) {
            const next = tomorrow.get(uid);
            if (next === undefined) continue; // a route whose window passed leaves; it does not move
            expect(next, `${archetype.name} ${uid} from ${day} to the next day`).toEqual(event);
            compared++;
          }
        }
      });
      expect(compared).toBeGreaterThan(5_000);
    }, 120_000);

    it("never plans an insurer-late notice for an informational or advisory line, or a date not the insurer's own", () => {
      let late = 0;
      plainArchetypes(calendar).forEach((archetype, index) => {
        const provider = providerOf(calendar, archetype);
        for (const day of daysFor(archetype, index, days)) {
          const timeline = computeTimeline(provider, calendars, [], day);
          const digest = planDigest({
            timeline,
            day,
            reminderDays: [14, 7, 1],
            history: { told: new Set(), toldDue: new Map() },
          });
          for (const notice of digest?.notices ?? []) {
            if (!notice.kinds.includes('insurer-late')) continue;
            late++;
            const line = calendar.byItemId.get(notice.item.id)!;
            expect(line.type, `${archetype.name} ${notice.item.id} on ${day}`).toBe('deadline');
            expect(line.actor).toBe('insurer');
            // Its own date: a fixed date of the document (nothing is recorded, so nothing else can anchor one).
            expect(line.fixed, `${notice.item.id} has no date of its own`).not.toBeNull();
            expect(notice.item.bindsWhen?.met ?? true).toBe(true);
          }
        }
      });
      expect(late).toBeGreaterThan(0);
    }, 120_000);

    it('a capped date never passes its cap', () => {
      let capped = 0;
      plainArchetypes(calendar).forEach((archetype, index) => {
        const provider = providerOf(calendar, archetype);
        for (const day of daysFor(archetype, index, days).filter((_, i) => i % 5 === 0))
          capped += expectCapsHold(computeTimeline(provider, calendars, [], day), calendar);
      });
      expect(capped).toBeGreaterThan(0);
    });
  },
);

/** Every item whose line names a cap that is on the same timeline is no later than it; returns how many were checked. */
function expectCapsHold(items: TimelineItem[], calendar: CompiledCalendar): number {
  const byId = new Map(items.map((item) => [item.id, item]));
  let checked = 0;
  for (const item of items) {
    const cap = calendar.byItemId.get(item.id)?.cap;
    const bound = cap && byId.get(cap.itemId);
    if (!cap || !bound || item.due === null || bound.due === null) continue;
    expect(item.due <= bound.due, `${item.id} (${item.due}) after ${bound.id} (${bound.due})`).toBe(true);
    if (item.window) expect(item.window.to <= bound.due).toBe(true);
    checked++;
  }
  return checked;
}

describe('with any recorded dates', () => {
  it('no line shows a later date for an act than the line that binds the same act (caps hold whatever is recorded)', () => {
    const cases = calendars.all().flatMap((calendar) =>
      archetypesOf(calendar)
        .filter((a) => !a.events)
        .map((archetype) => ({ calendar, archetype })),
    );
    const triggerIds = (calendar: CompiledCalendar) =>
      calendar.lines.filter((line) => line.trigger || line.chain !== null).map((line) => line.itemId);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: -400, max: 400 })), { maxLength: 6 }),
        fc.integer({ min: 0, max: 700 }),
        (caseIndex, picks, dayOffset) => {
          const { calendar, archetype } = cases[caseIndex];
          const ids = triggerIds(calendar);
          const base = `${calendar.file.year - 1}-06-01`;
          const events: RecordedEvent[] = picks.map(([pick, offset]) => ({
            item: ids[pick % ids.length],
            date: addDays(base, offset),
          }));
          const items = computeTimeline(
            providerOf(calendar, archetype),
            calendars,
            events,
            addDays(`${calendar.file.year - 1}-01-01`, dayOffset),
          );
          expectCapsHold(items, calendar);
        },
      ),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
