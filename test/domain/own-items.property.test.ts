import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCalendarFiles } from '../../src/calendar/load.js';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import { timelineWithOwnDates, type Correction, type OwnDates, type OwnItem } from '../../src/domain/own-items.js';
import { addDays } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { CalendarFile, Provider, TimelineItem } from '../../src/domain/types.js';
import { feedEventsOf } from '../../src/feeds/feed-events.js';
import { planDigest } from '../../src/reminders/plan.js';
import { archetypesOf, providerOf } from '../calendar-data/archetypes.js';

/**
 * Her own dates over the real calendars: any archetype, any fixed date of it, any correction, any own item, any day;
 * and for the correction, any later version of the calendar that moves the date she corrected.
 */
const { files, decreeDays } = loadCalendarFiles();
const calendars = new CalendarSet(files, decreeDays);
const cases = calendars.all().flatMap((calendar) =>
  archetypesOf(calendar)
    .filter((archetype) => !archetype.events)
    .map((archetype) => ({ calendar, provider: providerOf(calendar, archetype) })),
);
const NO_HISTORY = { told: new Set<string>(), toldDue: new Map<string, string>() };
const OPTIONS = { numRuns: 200, seed: 20261203 };

/** Her dated fixed-date milestones (onOrBefore in the file): the lines a calendar version moves by editing one date. */
function fixedItems(provider: Provider, set: CalendarSet, file: CalendarFile, asOf: string) {
  const fixed = new Set(
    file.milestones.filter((line) => line.rule.onOrBefore).map((line) => `${file.insurer}/${file.year}/${line.id}`),
  );
  return computeTimeline(provider, set, [], asOf).filter((item) => fixed.has(item.id) && item.due !== null);
}

/** The same calendar set with one milestone of `file` moved by `shift` days, one version up. */
function movedSet(file: CalendarFile, itemId: string, shift: number): CalendarSet {
  const moved = structuredClone(file);
  moved.version = (moved.version ?? 1) + 1;
  const line = moved.milestones.find((entry) => `${file.insurer}/${file.year}/${entry.id}` === itemId)!;
  line.rule = { ...line.rule, onOrBefore: addDays(line.rule.onOrBefore!, shift) };
  return new CalendarSet([...files.filter((entry) => entry !== file), moved], decreeDays);
}

const digestOn = (items: readonly TimelineItem[], day: string) =>
  planDigest({ timeline: items, day, reminderDays: [7], history: NO_HISTORY });

describe('her own dates', () => {
  it('an own item and a correction reach the timeline, the feed and the digest', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: -40, max: 40 }).filter((shift) => shift !== 0),
        fc.option(fc.constantFrom('vgz', 'cz-groep', 'menzis'), { nil: null }),
        (caseIndex, pick, daysAhead, shift, insurer) => {
          const { calendar, provider } = cases[caseIndex % cases.length];
          const asOf = `${calendar.file.year - 1}-01-15`;
          const own: OwnItem = {
            id: 'eigen-1',
            insurer,
            title: 'Eigen datum',
            due: addDays(asOf, daysAhead),
            from: null,
            time: null,
            note: 'e-mail, 3 april',
            done: null,
            revision: 1,
            recordedBy: 'key',
            recordedAt: '2026-01-01T00:00:00.000Z',
          };
          const candidates = fixedItems(provider, calendars, calendar.file, asOf).filter((item) => item.due! > asOf);
          const target = candidates.length > 0 ? candidates[pick % candidates.length] : undefined;
          const corrections: Correction[] = target
            ? [
                {
                  id: 'c1',
                  item: target.id,
                  due: addDays(target.due!, shift),
                  original: target.due!,
                  reason: 'brief',
                  recordedBy: 'key',
                  recordedAt: '2026-01-01T00:00:00.000Z',
                },
              ]
            : [];
          const dates: OwnDates = { items: [own], corrections };
          const items = timelineWithOwnDates(provider, calendars, [], dates, asOf);

          const ownShown = items.find((item) => item.id === 'own/eigen-1')!;
          expect(ownShown).toMatchObject({
            type: 'own',
            due: own.due,
            insurer: insurer ?? '',
            source: { quote: own.note },
          });
          const uid = (item: { id: string }) => `${item.id}@test`;
          const scope = {
            stateFeed: () => 'feed',
            uid,
            withStatus: true,
            insurerName: () => 'X',
            timelineUrl: () => 'https://example.nl',
            reminderDays: [7],
          };
          const feed = feedEventsOf(items, scope);
          expect(feed.some((event) => event.uid === uid(ownShown))).toBe(true);
          // On its day: she is told it is due today, like any deadline of hers.
          const ownTold = digestOn(items, own.due)?.notices.find((notice) => notice.item.id === ownShown.id);
          expect(ownTold?.kinds).toContain('due-today');

          if (!target) return;
          const corrected = items.find((item) => item.id === target.id)!;
          expect(corrected.due).toBe(corrections[0].due);
          expect(corrected.correction).toMatchObject({ original: target.due, calendarNow: null });
          // Its feed event (same UID) is on her date: the day itself, or the end of its window.
          const event = feed.find((entry) => entry.uid === uid(target))!;
          const due = corrected.due!;
          expect([event.at?.date, event.allDay?.start, event.allDay && addDays(event.allDay.end, -1)]).toContain(due);
          // Reminders follow her date: on it she is told it is due today (a date of hers that binds her now).
          const binds = corrected.bindsWhen === null || corrected.bindsWhen.met;
          if (corrected.actor === 'provider' && corrected.type !== 'info' && binds && corrected.due! >= asOf) {
            const told = digestOn(items, corrected.due!)?.notices.find((notice) => notice.item.id === target.id);
            expect(told?.kinds).toContain('due-today');
          }
        },
      ),
      OPTIONS,
    );
  });

  it('a correction survives a calendar version that moves the original date: both shown, she is asked to check', () => {
    let moved = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.integer({ min: -30, max: 30 }).filter((shift) => shift !== 0),
        fc.integer({ min: -30, max: 30 }).filter((shift) => shift !== 0),
        (caseIndex, pick, correctionShift, calendarShift) => {
          const { calendar, provider } = cases[caseIndex % cases.length];
          const asOf = `${calendar.file.year - 1}-01-15`;
          const candidates = fixedItems(provider, calendars, calendar.file, asOf);
          if (candidates.length === 0) return;
          const target = candidates[pick % candidates.length];
          const correction: Correction = {
            id: 'c1',
            item: target.id,
            due: addDays(target.due!, correctionShift),
            original: target.due!,
            reason: 'brief van 2 oktober',
            recordedBy: 'key',
            recordedAt: '2026-01-01T00:00:00.000Z',
          };
          let after: CalendarSet;
          try {
            after = movedSet(calendar.file, target.id, calendarShift);
          } catch {
            return; // a move the calendar's own checks refuse is no version that could be published
          }
          const computedNow = computeTimeline(provider, after, [], asOf).find((item) => item.id === target.id);
          if (computedNow?.due == null) return;
          const items = timelineWithOwnDates(provider, after, [], { items: [], corrections: [correction] }, asOf);
          const shown = items.find((item) => item.id === target.id)!;
          expect(shown.due).toBe(correction.due);
          const calendarNow = computedNow.due === target.due ? null : computedNow.due;
          expect(shown.correction).toMatchObject({ due: correction.due, original: target.due, calendarNow });
          expect(shown.derivation.nl).toContain('reden: brief van 2 oktober');
          if (calendarNow === null) return;
          moved++;
          expect(shown.derivation.nl).toContain('controleer uw correctie');
          expect(shown.derivation.en).toContain('check your correction');
          const binds = shown.bindsWhen === null || shown.bindsWhen.met;
          if (shown.due! >= asOf && shown.status !== 'not-recorded' && binds) {
            const notices = digestOn(items, asOf)?.notices.find((notice) => notice.item.id === target.id);
            expect(notices?.kinds).toContain('check-correction');
          }
        },
      ),
      OPTIONS,
    );
    // The property says something only where a calendar version did move the date she corrected.
    expect(moved).toBeGreaterThan(50);
  });
});
