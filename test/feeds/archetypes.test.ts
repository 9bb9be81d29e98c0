import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { kindsOf, type CompiledCalendar } from '../../src/domain/calendar.js';
import { addDays, daysBetween } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { TimelineItem } from '../../src/domain/types.js';
import { calendarUid, providerUid } from '../../src/feeds/feed-events.js';
import { archetypesOf, fixtureAsOf, providerOf, type Archetype } from '../calendar-data/archetypes.js';
import { buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { expectFeedFixture, FEED_FIXTURES, UPDATE } from './fixtures.js';
import { masked, parseAllWithPython, parseWithIcalJs, type ParsedEvent, type ParsedFeed } from './parsers.js';

/**
 * The feed of every archetype of every real calendar (kind × status, attribute values, a running agreement,
 * a started conditional chain), registered as a provider through the API and read by two independent parsers;
 * the expected feeds are stored whole, with DTSTAMP, LAST-MODIFIED, the provider id and AGB masked.
 */
const calendars = loadCalendarSet();

it('has the two real calendars to check', () => {
  expect(calendars.all().map((calendar) => calendar.key)).toEqual(
    expect.arrayContaining(['cz-groep/2027', 'zorg-en-zekerheid/2026']),
  );
});

interface Fetched {
  archetype: Archetype;
  providerId: string;
  items: TimelineItem[];
  publicItems: TimelineItem[];
  body: string;
  icalJs: ParsedFeed;
  python: ParsedFeed;
}

/**
 * What both parsers must agree on for every dated item: its UID, its dates in all-day (or timed) form, tentative
 * when projected. A window longer than a month is one day: its due date, with its opening day before it where the
 * provider acts in it; an informational one is its opening day. Items without a date yet have no event.
 */
function expectEvents(
  parsed: ParsedFeed,
  items: TimelineItem[],
  uid: (item: TimelineItem, part?: 'opens') => string,
  insurerName: string,
  label: string,
): void {
  const expected: { uid: string; start: string; end: string | null; allDay: boolean; item: TimelineItem }[] = [];
  for (const item of items) {
    if (item.due === null) continue;
    const long = item.window !== null && daysBetween(item.window.from, item.window.to) + 1 > 31;
    const timed = item.time !== null && (item.window === null || (long && item.type !== 'info'));
    if (long && item.type !== 'info' && item.actor === 'provider' && item.done === null) {
      expected.push({
        uid: uid(item, 'opens'),
        start: item.window!.from,
        end: addDays(item.window!.from, 1),
        allDay: true,
        item,
      });
    }
    if (timed) expected.push({ uid: uid(item), start: `${item.due}T${item.time}:00`, end: null, allDay: false, item });
    else if (long) {
      const day = item.type === 'info' ? item.window!.from : item.due;
      expected.push({ uid: uid(item), start: day, end: addDays(day, 1), allDay: true, item });
    } else
      expected.push({
        uid: uid(item),
        start: item.window?.from ?? item.due,
        end: addDays(item.window?.to ?? item.due, 1),
        allDay: true,
        item,
      });
  }
  expect(
    parsed.events.map((event) => event.uid),
    label,
  ).toEqual(expected.map((event) => event.uid));
  expected.forEach(({ start, end, allDay, item }, i) => {
    const event: ParsedEvent = parsed.events[i];
    expect(event, `${label} ${item.id}`).toMatchObject(
      allDay ? { allDay, start, end, zone: null } : { allDay, start, end, zone: 'Europe/Amsterdam' },
    );
    expect(event.status, `${label} ${item.id}`).toBe(
      event.uid.includes('#opens') || !item.projected ? 'CONFIRMED' : 'TENTATIVE',
    );
    expect(event.summary.startsWith(`${insurerName}`), `${label} ${event.summary}`).toBe(true);
    expect(event.sequence).toBe(0);
  });
  // A timed event needs the zone; an empty feed carries it as its one component (RFC 5545 wants one).
  const needsZone = expected.length === 0 || expected.some((event) => !event.allDay);
  expect(parsed.timezones, label).toEqual(needsZone ? ['Europe/Amsterdam'] : []);
}

describe.each(calendars.all().map((calendar) => [calendar.key, calendar] as const))(
  'feeds of %s',
  (key, calendar: CompiledCalendar) => {
    const folder = key.replace('/', '-');
    const archetypes = archetypesOf(calendar);
    const asOf = fixtureAsOf(calendar);
    let dir: string;
    let app: TestApp;
    const fetched = new Map<string, Fetched>();

    beforeAll(async () => {
      dir = tempDir();
      app = await buildTestApp(`${dir}/archetypes.db`, { calendars, env: { TODAY: asOf } });
      const tenant = await createKey(app);
      let agb = 40_000_000;
      for (const archetype of archetypes) {
        const contract = {
          insurer: calendar.file.insurer,
          year: calendar.file.year,
          status: archetype.status,
          ...(archetype.attributes ? { attributes: archetype.attributes } : {}),
          ...(archetype.runsUntil ? { runsUntil: archetype.runsUntil } : {}),
        };
        const provider = await createProvider(app, tenant.key, {
          name: `Archetype ${archetype.name}`,
          agb: String(++agb),
          kinds: [archetype.kind],
          contracts: [contract],
        });
        // Straight into the store: a conditional chain's trigger date may lie after the pinned today.
        for (const event of archetype.events ?? []) app.store.events.record(provider.id, event, tenant.id);
        const response = await app.inject({ url: new URL(provider.feedUrl).pathname });
        expect(response.statusCode).toBe(200);
        // Her feed carries the years ahead (carried contracts, expected dates); a public feed only the document's year.
        const items = computeTimeline(providerOf(calendar, archetype), calendars, archetype.events ?? [], asOf, {
          expected: true,
        });
        const publicItems = computeTimeline(providerOf(calendar, archetype), calendars, archetype.events ?? [], asOf);
        fetched.set(archetype.name, {
          archetype,
          providerId: provider.id,
          items,
          publicItems,
          body: response.body,
          icalJs: parseWithIcalJs(response.body),
          python: undefined as never,
        });
      }
      const all = [...fetched.values()];
      parseAllWithPython(all.map((feed) => feed.body)).forEach((parsed, i) => (all[i].python = parsed));
      if (UPDATE) rmSync(join(FEED_FIXTURES, folder), { recursive: true, force: true });
    });
    afterAll(async () => {
      await app.close();
      removeTempDir(dir);
    });

    it.each(archetypes.map((archetype) => [archetype.name] as const))('%s', (name) => {
      const { providerId, items, body, icalJs, python } = fetched.get(name)!;
      const uid = (item: TimelineItem, part?: 'opens') => providerUid(providerId, item.id, part);
      expectEvents(icalJs, items, uid, calendar.file.insurerName, `ical.js ${name}`);
      expectEvents(python, items, uid, calendar.file.insurerName, `python3-icalendar ${name}`);
      expect(python.events).toEqual(icalJs.events);
      expect(python.name).toBe(`Contractdeadlines Archetype ${name}`);
      expectFeedFixture(`${folder}/${name}.ics`, masked(body, providerId).replace(/\(AGB \d{8}\)/g, '(AGB <agb>)'));
    });

    it('serves the same events in the public feed of each kind and status', async () => {
      for (const archetype of archetypes.filter(
        (candidate) => !candidate.attributes && !candidate.runsUntil && !candidate.events,
      )) {
        const response = await app.inject({
          url: `/feeds/calendars/${key}.ics?kind=${archetype.kind}&status=${archetype.status}`,
        });
        if (!kindsOf(calendar).includes(archetype.kind)) {
          // A kind the calendar does not list (Z&Z contracts no VSVs): 404 naming the kinds it does list.
          expect(response.statusCode).toBe(404);
          expect(response.json().detail).toBe(
            `kind "${archetype.kind}" not found: ${key} lists ${kindsOf(calendar).join(', ')}`,
          );
          continue;
        }
        expect(response.statusCode).toBe(200);
        const { publicItems, icalJs, providerId } = fetched.get(archetype.name)!;
        const parsed = parseWithIcalJs(response.body);
        expectEvents(
          parsed,
          publicItems,
          (item, part) => calendarUid(item.id, archetype.kind, archetype.status, part),
          calendar.file.insurerName,
          `public ${archetype.name}`,
        );
        const published = new Set(
          publicItems.flatMap((item) => [providerUid(providerId, item.id), providerUid(providerId, item.id, 'opens')]),
        );
        expect(parsed.events.map(({ start, end, summary, status }) => ({ start, end, summary, status }))).toEqual(
          icalJs.events
            .filter((event) => published.has(event.uid))
            .map(({ start, end, summary, status }) => ({ start, end, summary, status })),
        );
      }
    });

    it('has no expected feed left over from a removed archetype', () => {
      const expected = new Set(archetypes.map((archetype) => `${archetype.name}.ics`));
      expect(readdirSync(join(FEED_FIXTURES, folder)).filter((file) => !expected.has(file))).toEqual([]);
    });
  },
);
