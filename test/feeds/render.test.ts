import { foldLines } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { TimelineItem } from '../../src/domain/types.js';
import { feedEventsOf, fingerprintOf, providerUid, type FeedScope } from '../../src/feeds/feed-events.js';
import { FragmentCache } from '../../src/feeds/fragment-cache.js';
import {
  addFeedEvent,
  escapeText,
  feedCalendar,
  fold,
  renderFeed,
  type PublishedEvent,
} from '../../src/feeds/render.js';
import { flagText, summaryOf } from '../../src/feeds/wording.js';
import { feedCalendars, feedProvider } from './calendar.js';
import { expectFeedFixture } from './fixtures.js';
import { parseWithIcalJs, parseWithPython, unfold } from './parsers.js';

const PROVIDER = '00000000-0000-4000-8000-000000000001';
const AS_OF = '2026-01-01';
const CHANGED_AT = '2026-01-01T08:00:00.000Z';

const scope = (reminderDays = [14, 7, 1]): FeedScope => ({
  stateFeed: () => `provider/${PROVIDER}`,
  uid: (item, part) => providerUid(PROVIDER, item.id, part),
  withStatus: true,
  insurerName: () => 'Tijdstip',
  timelineUrl: () => `https://deadlines.example/api/v1/providers/${PROVIDER}/timeline`,
  reminderDays,
});

const HEADER = {
  name: 'Contractdeadlines Verloskundigen De Wieg, Zuid; Noord — ë',
  description: 'Regel één\nRegel twee; met, tekens',
};

const publishedEvents = (items: TimelineItem[]): PublishedEvent[] =>
  feedEventsOf(items, scope()).map((event) => ({ ...event, sequence: 0, changedAt: CHANGED_AT }));

function published(items: TimelineItem[], name = HEADER.name): string {
  return renderFeed({ ...HEADER, name }, publishedEvents(items));
}

/** ical-generator rendering the whole calendar at once: what renderFeed's fragments must add up to. */
function wholeCalendar(events: PublishedEvent[]): string {
  const calendar = feedCalendar(HEADER);
  for (const event of events) addFeedEvent(calendar, event);
  return `${calendar.toString()}\r\n`;
}

const items = computeTimeline(feedProvider, feedCalendars, [], AS_OF);
const text = published(items);

describe('renderFeed', () => {
  it('writes the expected feed, byte for byte (same state, same bytes)', () => {
    expect(published(items)).toBe(text);
    expectFeedFixture('tijdstip-verloskunde-new.ics', text);
  });

  it('ends every line with CRLF, folds at 75 octets without splitting a character, and ends with CRLF', () => {
    const long = published(items, `Praktijk ${'ë'.repeat(60)} — ${'€'.repeat(30)}`);
    expect(long.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(long.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = long.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(parseWithIcalJs(long).name).toBe(`Praktijk ${'ë'.repeat(60)} — ${'€'.repeat(30)}`);
    expect(parseWithPython(long).name).toBe(`Praktijk ${'ë'.repeat(60)} — ${'€'.repeat(30)}`);
  });

  it('escapes commas, semicolons, backslashes and newlines in names and texts, and both parsers read them back', () => {
    expect(escapeText('a, b; c\\d\ne')).toBe('a\\, b\\; c\\\\d\\ne');
    expect(unfold(text)).toContain('X-WR-CALNAME:Contractdeadlines Verloskundigen De Wieg\\, Zuid\\; Noord — ë\r\n');
    expect(unfold(text)).toContain('X-WR-CALDESC:Regel één\\nRegel twee\\; met\\, tekens\r\n');
    for (const parsed of [parseWithIcalJs(text), parseWithPython(text)]) {
      expect(parsed.name).toBe('Contractdeadlines Verloskundigen De Wieg, Zuid; Noord — ë');
      const description = parsed.events[0].description;
      expect(description.split('\n').length).toBeGreaterThan(3);
      expect(description).toContain('Bron: Inkoopbeleid geboortezorg 2027; versie 2, definitief, paragraaf');
    }
  });

  it('gives dates all-day with an exclusive end, windows as multi-day events, and a time of day with TZID and VTIMEZONE', () => {
    for (const parsed of [parseWithIcalJs(text), parseWithPython(text)]) {
      const dated = items.filter((item) => item.due !== null);
      const isLong = (item: TimelineItem) =>
        item.window !== null && daysBetween(item.window.from, item.window.to) + 1 > 31;
      // A long window the provider acts in also gets its opening day, just before its due date.
      expect(parsed.events.map((event) => event.uid)).toEqual(
        dated.flatMap((item) => [
          ...(isLong(item) && item.actor === 'provider' && item.type !== 'info'
            ? [providerUid(PROVIDER, item.id, 'opens')]
            : []),
          providerUid(PROVIDER, item.id),
        ]),
      );
      const byUid = new Map(parsed.events.map((event) => [event.uid, event]));
      for (const item of dated) {
        const event = byUid.get(providerUid(PROVIDER, item.id))!;
        if (item.time !== null && (item.window === null || isLong(item))) {
          expect(event).toMatchObject({
            allDay: false,
            start: `${item.due}T${item.time}:00`,
            end: null,
            zone: 'Europe/Amsterdam',
          });
        } else if (isLong(item)) {
          const day = item.type === 'info' ? item.window!.from : item.due!;
          expect(event).toMatchObject({ allDay: true, start: day, end: addDays(day, 1), zone: null });
        } else {
          expect(event).toMatchObject({
            allDay: true,
            start: item.window?.from ?? item.due,
            end: addDays(item.window?.to ?? item.due!, 1),
            zone: null,
          });
        }
        expect(event).toMatchObject({
          sequence: 0,
          status: item.projected ? 'TENTATIVE' : 'CONFIRMED',
          stamp: '2026-01-01T08:00:00Z',
          lastModified: '2026-01-01T08:00:00Z',
        });
      }
      // No event runs over more than a month.
      for (const event of parsed.events)
        if (event.allDay) expect(daysBetween(event.start, event.end!)).toBeLessThanOrEqual(31);
      expect(parsed.timezones).toEqual(['Europe/Amsterdam']);
    }
    expect(items.some((item) => item.time !== null)).toBe(true);
    expect(
      parseWithIcalJs(text).events.find((event) => event.uid.startsWith('tijdstip/2027/gesprekken@')),
    ).toMatchObject({ allDay: true, start: '2026-06-01', end: '2026-07-01' });
    expect(
      parseWithIcalJs(text).events.find((event) => event.uid.startsWith('tijdstip/2027/vragenlijst@')),
    ).toMatchObject({ allDay: false, start: '2026-08-01T17:00:00' });
    const untimed = items.filter((item) => item.time === null);
    expect(parseWithIcalJs(published(untimed)).timezones).toEqual([]);
  });

  it('gives a feed without events one component, its time zone, as RFC 5545 asks', () => {
    const empty = published([]);
    expect(empty).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Amsterdam\r\n[\s\S]*END:VTIMEZONE\r\nEND:VCALENDAR\r\n$/);
    expect(parseWithIcalJs(empty)).toMatchObject({ events: [], timezones: ['Europe/Amsterdam'] });
  });

  it("sets alarms for the provider's deadlines at 09:00 on each reminder day, none for the insurer's promises", () => {
    const parsed = parseWithIcalJs(text);
    const atNine = (item: TimelineItem, days: number) =>
      (daysBetween(item.window?.from ?? item.due!, item.due!) - days) * 86_400 + 9 * 3_600;
    let checked = 0;
    const byUid = new Map(parsed.events.map((event) => [event.uid, event]));
    items
      .filter((item) => item.due !== null)
      .forEach((item) => {
        const alarms = byUid.get(providerUid(PROVIDER, item.id))!.alarms;
        if (item.actor !== 'provider' || item.type !== 'deadline') expect(alarms, item.id).toEqual([]);
        // A window longer than a month is an event on its due date: the alarms count from that day.
        else if (
          item.time === null &&
          item.window !== null &&
          daysBetween(item.window.from, item.window.to) >= 31 &&
          ++checked
        ) {
          expect(alarms, item.id).toEqual([-14 * 86_400 + 9 * 3_600, -7 * 86_400 + 9 * 3_600, -86_400 + 9 * 3_600]);
        } else if (item.time === null && ++checked)
          expect(alarms, item.id).toEqual([atNine(item, 14), atNine(item, 7), atNine(item, 1)]);
      });
    expect(checked).toBeGreaterThan(2);
    expect(unfold(text)).toMatch(/^TRIGGER;RELATED=START:-P\d+DT15H$/m);
    expect(parseWithPython(text).events.map((event) => event.alarms)).toEqual(
      parsed.events.map((event) => event.alarms),
    );
  });
});

describe('renderFeed from fragments', () => {
  const events = publishedEvents(items);
  const untimed = publishedEvents(items.filter((item) => item.time === null));

  it('gives the bytes ical-generator gives for the whole calendar, with and without a time of day, rendered anew or from cached fragments', () => {
    expect(events.some((event) => event.at !== null)).toBe(true);
    const fragments = new FragmentCache();
    for (const set of [events, untimed, events.slice(0, 1)]) {
      const whole = wholeCalendar(set);
      expect(renderFeed(HEADER, set)).toBe(whole);
      expect(renderFeed(HEADER, set, fragments)).toBe(whole);
      expect(renderFeed(HEADER, set, fragments)).toBe(whole);
    }
    expect(wholeCalendar(untimed)).not.toContain('BEGIN:VTIMEZONE');
    expect(fragments.size).toBe(events.length + 2);
  });

  it('renders an event again when anything it shows changes, its SEQUENCE and change time included', () => {
    const fragments = new FragmentCache();
    renderFeed(HEADER, events, fragments);
    const changes: ((event: PublishedEvent) => PublishedEvent)[] = [
      (event) => ({ ...event, sequence: event.sequence + 1 }),
      (event) => ({ ...event, changedAt: '2026-01-02T08:00:00.000Z' }),
      (event) => ({ ...event, description: `${event.description} (gewijzigd)` }),
      (event) => ({ ...event, status: 'TENTATIVE' }),
      (event) => ({ ...event, alarms: [] }),
    ];
    for (const change of changes) {
      const changed = [change(events[0]), ...events.slice(1)];
      expect(renderFeed(HEADER, changed, fragments)).toBe(wholeCalendar(changed));
    }
    const renamed = { ...HEADER, name: 'Praktijk Zuid' };
    expect(parseWithIcalJs(renderFeed(renamed, events, fragments)).name).toBe('Praktijk Zuid');
    expect(renderFeed(HEADER, [], fragments)).toBe(published([]));
  });

  it('folds with ical-generator only the lines longer than 74 octets, to the same bytes', () => {
    const lines = ['kort', 'x'.repeat(74), 'x'.repeat(75), `DESCRIPTION:${'ë€'.repeat(40)}`, '', 'END:VEVENT', ''];
    expect(fold(lines.join('\r\n'))).toBe(foldLines(lines.join('\r\n')));
    expect(fold('x'.repeat(75))).toBe(`${'x'.repeat(74)}\r\n x`);
  });
});

describe('feed events', () => {
  it('marks done items, keeps them, and changes the fingerprint only with what the event shows', () => {
    const trigger = items.find((item) => item.chain?.step === 1)!;
    const done = computeTimeline(feedProvider, feedCalendars, [{ item: trigger.id, date: AS_OF }], AS_OF);
    const before = feedEventsOf(items, scope());
    const after = feedEventsOf(done, scope());
    // Recorded: the long window's opening leaves; the steps that waited for it get dates and events of their own.
    const waited = items.filter((item) => item.waitsFor === trigger.id).map((item) => providerUid(PROVIDER, item.id));
    expect(waited.length).toBeGreaterThan(0);
    expect(after.map((event) => event.uid).sort()).toEqual(
      [
        ...before.map((event) => event.uid).filter((uid) => uid !== providerUid(PROVIDER, trigger.id, 'opens')),
        ...waited,
      ].sort(),
    );
    const fingerprints = new Map(before.map((event) => [event.uid, fingerprintOf(event)]));
    const changed = after
      .filter((event) => fingerprints.has(event.uid) && fingerprintOf(event) !== fingerprints.get(event.uid))
      .map((event) => event.state.item);
    const itemsBefore = new Map(items.map((item) => [item.id, JSON.stringify(item)]));
    const movedOrDone = done
      .filter(
        (item) =>
          itemsBefore.has(item.id) &&
          item.due !== null &&
          JSON.stringify(item) !== itemsBefore.get(item.id) &&
          items.find((i) => i.id === item.id)!.due !== null,
      )
      .map((item) => item.id);
    expect(movedOrDone).toContain(trigger.id);
    expect(movedOrDone.length).toBeLessThan(items.length);
    expect(changed.sort()).toEqual(movedOrDone.sort());
    const marked = after.find((event) => event.state.item === trigger.id)!;
    expect(marked.summary).toMatch(/✓ gedaan$/);
    expect(marked.description).toContain('Status: gedaan op donderdag 1 januari 2026');
    expect(feedEventsOf(items, scope([3])).map(fingerprintOf)).not.toEqual(before.map(fingerprintOf));
  });

  it('starts the summary with the insurer and says who acts', () => {
    const provider = items.find((item) => item.actor === 'provider')!;
    const insurer = { ...items.find((item) => item.actor === 'insurer')!, type: 'deadline' as const };
    expect(summaryOf({ ...provider, title: { nl: 'Vragenlijst kraamzorg indienen', en: '' } }, 'CZ')).toBe(
      'CZ: vragenlijst kraamzorg indienen',
    );
    expect(summaryOf({ ...provider, title: { nl: 'VECOZO-account aanvragen', en: '' } }, 'CZ')).toBe(
      'CZ: VECOZO-account aanvragen',
    );
    expect(
      summaryOf(
        { ...insurer, status: 'upcoming', title: { nl: 'CZ maakt aanvullende zorginkoop bekend', en: '' } },
        'CZ',
      ),
    ).toBe('CZ maakt aanvullende zorginkoop bekend (CZ is aan zet)');
    expect(summaryOf({ ...insurer, status: 'upcoming', title: { nl: 'Aanbod ontvangen', en: '' } }, 'CZ')).toBe(
      'CZ: aanbod ontvangen (CZ is aan zet)',
    );
  });

  it('writes weekend and holiday flags in Dutch, with the last working day before', () => {
    expect(flagText([{ code: 'weekend', day: 'zondag', lastWorkingDay: '2026-10-30' }])).toBe(
      'valt op zondag: uiterlijk vrijdag 30 oktober',
    );
    expect(
      flagText([
        { code: 'weekend', day: 'zaterdag', lastWorkingDay: '2026-04-24' },
        { code: 'holiday', name: 'Koningsdag', lastWorkingDay: '2026-04-24' },
      ]),
    ).toBe('valt op zaterdag en Koningsdag: uiterlijk vrijdag 24 april');
    expect(flagText([])).toBeNull();
    const flagged = items.find((item) => item.flags.length > 0)!;
    expect(flagged).toBeDefined();
    expect(feedEventsOf([flagged], scope())[0].description).toContain(`Let op: ${flagText(flagged.flags)}.`);
  });
});
