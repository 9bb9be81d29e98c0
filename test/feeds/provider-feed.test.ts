import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendar } from '../../src/calendar/load.js';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import { providerUid } from '../../src/feeds/feed-events.js';
import {
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  TODAY,
  type TestApp,
} from '../helper.js';
import { readFileSync } from 'node:fs';
import { eventUidsOf } from './fixtures.js';
import { parseWithIcalJs, parseWithPython, unfold, type ParsedEvent } from './parsers.js';

const NAME = 'Verloskundigen De Wieg, Zuid; Noord — ë';

let dir: string;
let app: TestApp;
let key: string;
let today = TODAY;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/feeds.db`, { today: () => today });
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

let agb = 20_000_000;
/** A provider of the test tenant, with the path of its feed. */
async function provider(body: Record<string, unknown> = {}): Promise<Record<string, any> & { path: string }> {
  const created = await createProvider(app, key, { name: NAME, agb: String(++agb), ...body });
  return Object.assign(created, { path: new URL(created.feedUrl).pathname });
}

const fetchFeed = (path: string, headers: Record<string, string> = {}) => app.inject({ url: path, headers });
const timeline = async (id: string) =>
  (await app.inject({ url: `/api/v1/providers/${id}/timeline`, headers: bearer(key) })).json().items as any[];
const byUid = (events: ParsedEvent[]) => new Map(events.map((event) => [event.uid, event]));

describe('GET /feeds/:token.ics', () => {
  it("serves the provider's timeline as text/calendar with validators, a name, a refresh interval and one event per item", async () => {
    const feed = await provider();
    const response = await fetchFeed(feed.path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers.etag).toMatch(/^"[\w-]{20,}"$/);
    expect(Number.isNaN(Date.parse(String(response.headers['last-modified'])))).toBe(false);
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.body).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    expect(response.body).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n');
    expect(response.body).toContain('\r\nX-PUBLISHED-TTL:PT6H\r\n');
    const items = await timeline(feed.id);
    for (const parsed of [parseWithIcalJs(response.body), parseWithPython(response.body)]) {
      expect(parsed.name).toBe(`Contractdeadlines ${NAME}`);
      expect(parsed.events.map((event) => event.uid)).toEqual(
        eventUidsOf(items, (item, part) => providerUid(feed.id, item.id, part)),
      );
      expect(parsed.events.every((event) => event.sequence === 0 && event.allDay)).toBe(true);
    }
  });

  it('gives the same bytes and ETag for the same state, also when rendered again', async () => {
    const feed = await provider();
    const first = await fetchFeed(feed.path);
    const second = await fetchFeed(feed.path);
    app.feeds.cache.clear();
    const rendered = await fetchFeed(feed.path);
    expect(second.body).toBe(first.body);
    expect(rendered.body).toBe(first.body);
    expect(rendered.headers.etag).toBe(first.headers.etag);
    expect(rendered.headers['last-modified']).toBe(first.headers['last-modified']);
  });

  it('answers 304 to a matching If-None-Match or a later If-Modified-Since, and 200 otherwise', async () => {
    const feed = await provider();
    const { headers } = await fetchFeed(feed.path);
    const etag = String(headers.etag);
    const lastModified = String(headers['last-modified']);
    const earlier = new Date(Date.parse(lastModified) - 3_600_000).toUTCString();
    const cases: [Record<string, string>, number][] = [
      [{ 'if-none-match': etag }, 304],
      [{ 'if-none-match': `"other", ${etag}` }, 304],
      [{ 'if-none-match': `W/${etag}` }, 304],
      [{ 'if-none-match': '*' }, 304],
      [{ 'if-none-match': '"other"' }, 200],
      [{ 'if-modified-since': lastModified }, 304],
      [{ 'if-modified-since': new Date(Date.parse(lastModified) + 60_000).toUTCString() }, 304],
      [{ 'if-modified-since': earlier }, 200],
      [{ 'if-modified-since': 'not a date' }, 200],
      // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
      [{ 'if-none-match': '"other"', 'if-modified-since': lastModified }, 200],
    ];
    for (const [conditions, status] of cases) {
      const response = await fetchFeed(feed.path, conditions);
      expect(response.statusCode, JSON.stringify(conditions)).toBe(status);
      expect(response.headers.etag).toBe(etag);
      expect(response.headers['last-modified']).toBe(lastModified);
      if (status === 304) expect(response.body).toBe('');
    }
    const head = await app.inject({ method: 'HEAD', url: feed.path });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(etag);
  });

  it('raises SEQUENCE and DTSTAMP only for the events that changed when a recorded event moves a chain', async () => {
    const feed = await provider();
    const before = await fetchFeed(feed.path);
    const itemsBefore = await timeline(feed.id);
    const trigger = itemsBefore.find((item) => item.chain?.step === 1);
    const recorded = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${feed.id}/events`,
      headers: bearer(key),
      payload: { item: trigger.id, date: '2026-03-10' },
    });
    expect(recorded.statusCode).toBe(201);
    const fragmentsBefore = app.feeds.fragments.size;
    const after = await fetchFeed(feed.path);
    // Only the events that are new or changed were rendered; the others came from their cached fragments.
    const revisions = new Set(parseWithIcalJs(before.body).events.map((event) => `${event.uid} ${event.sequence}`));
    const rendered = parseWithIcalJs(after.body).events.filter(
      (event) => !revisions.has(`${event.uid} ${event.sequence}`),
    );
    expect(rendered.length).toBeGreaterThan(0);
    expect(app.feeds.fragments.size - fragmentsBefore).toBe(rendered.length);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(Date.parse(String(after.headers['last-modified']))).toBeGreaterThan(
      Date.parse(String(before.headers['last-modified'])),
    );
    expect((await fetchFeed(feed.path, { 'if-none-match': String(before.headers.etag) })).statusCode).toBe(200);

    const itemsAfter = await timeline(feed.id);
    const moved = itemsAfter
      .filter((item) => JSON.stringify(item) !== JSON.stringify(itemsBefore.find((old) => old.id === item.id)))
      .map((item) => providerUid(feed.id, item.id));
    expect(moved).toContain(providerUid(feed.id, trigger.id));
    // The application's window opening leaves (it is done); the reply that waited for it gets a date and an event.
    const opened = providerUid(feed.id, trigger.id, 'opens');
    const dated = itemsAfter
      .filter((item) => item.due !== null && itemsBefore.find((old) => old.id === item.id)?.due === null)
      .map((item) => providerUid(feed.id, item.id));
    expect(dated.length).toBeGreaterThan(0);
    for (const parse of [parseWithIcalJs, parseWithPython]) {
      const old = byUid(parse(before.body).events);
      const now = parse(after.body).events;
      expect(now.map((event) => event.uid).sort()).toEqual(
        [...[...old.keys()].filter((uid) => uid !== opened), ...dated].sort(),
      );
      for (const event of now) {
        const previous = old.get(event.uid);
        if (previous === undefined) expect(event.sequence, event.uid).toBe(0);
        else if (moved.includes(event.uid)) {
          expect(event.sequence, event.uid).toBe(1);
          expect(event.stamp > previous.stamp, event.uid).toBe(true);
          expect(event.lastModified).toBe(event.stamp);
        } else {
          expect(event, event.uid).toEqual(previous);
        }
      }
      const done = now.find((event) => event.uid === providerUid(feed.id, trigger.id))!;
      expect(done.summary).toMatch(/✓ gedaan$/);
      expect(done.description).toContain('Status: gedaan op dinsdag 10 maart 2026');
    }

    const undo = await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${feed.id}/events/${recorded.json().id}`,
      headers: bearer(key),
    });
    expect(undo.statusCode).toBe(204);
    // Undone, the trigger shows what it showed before, as a newer revision; the opening comes back as it was.
    for (const event of parseWithIcalJs((await fetchFeed(feed.path)).body).events) {
      expect(event.sequence, event.uid).toBe(event.uid === providerUid(feed.id, trigger.id) ? 2 : 0);
    }
  });

  it('follows provider changes: a new name renames the calendar without touching events; new reminder days change the alarms', async () => {
    const feed = await provider();
    const before = await fetchFeed(feed.path);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${feed.id}`,
      headers: bearer(key),
      payload: { name: 'Praktijk Zuid' },
    });
    const renamed = await fetchFeed(feed.path);
    expect(renamed.headers.etag).not.toBe(before.headers.etag);
    expect(parseWithIcalJs(renamed.body).name).toBe('Contractdeadlines Praktijk Zuid');
    expect(parseWithIcalJs(renamed.body).events).toEqual(parseWithIcalJs(before.body).events);

    await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${feed.id}`,
      headers: bearer(key),
      payload: { reminderDays: [3] },
    });
    const events = parseWithIcalJs((await fetchFeed(feed.path)).body).events;
    const withAlarms = events.filter((event) => event.alarms.length > 0);
    expect(withAlarms.length).toBeGreaterThan(0);
    expect(withAlarms.every((event) => event.alarms.length === 1 && event.sequence === 1)).toBe(true);
    expect(events.filter((event) => event.alarms.length === 0).every((event) => event.sequence === 0)).toBe(true);

    await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${feed.id}`,
      headers: bearer(key),
      payload: { contracts: [{ insurer: 'proef', year: 2026, status: 'existing' }] },
    });
    const switched = parseWithIcalJs((await fetchFeed(feed.path)).body).events;
    expect(switched.map((event) => event.uid)).toEqual(
      eventUidsOf(await timeline(feed.id), (item, part) => providerUid(feed.id, item.id, part)),
    );
    // Only proef: its 2026 round and the years her contract carries to.
    expect(switched.every((event) => event.uid.startsWith('proef/'))).toBe(true);
  });

  it('renders again when the day changes a status, and when the calendar set is replaced', async () => {
    const feed = await provider();
    const before = await fetchFeed(feed.path);
    today = '2026-06-20';
    try {
      const later = await fetchFeed(feed.path);
      expect(later.headers.etag).not.toBe(before.headers.etag);
      const overdue = parseWithIcalJs(later.body).events.filter((event) => / ⚠ /.test(event.summary));
      expect(overdue.some((event) => event.uid.startsWith('voorbeeld/2027/vragenlijst@'))).toBe(true);
    } finally {
      today = TODAY;
    }
    const restored = byUid(parseWithIcalJs((await fetchFeed(feed.path)).body).events);

    const original = app.calendars;
    const moved = readFileSync(new URL('../api/fixtures/voorbeeld-2027.yaml', import.meta.url), 'utf8').replace(
      'onOrBefore: "2026-11-01"',
      'onOrBefore: "2026-11-02"',
    );
    app.calendars = new CalendarSet([
      parseCalendar(moved, 'voorbeeld-2027.yaml'),
      fixtureCalendars.get('proef', 2026)!.file,
    ]);
    try {
      const events = parseWithIcalJs((await fetchFeed(feed.path)).body).events;
      const signing = events.find((event) => event.uid.startsWith('voorbeeld/2027/ondertekenen@'))!;
      expect(signing).toMatchObject({ start: '2026-11-02', sequence: restored.get(signing.uid)!.sequence + 1 });
      // The 2028 signing expected from it moves with it: expected dates follow the latest document.
      const expectedSigning = events.find((event) => event.uid.startsWith('voorbeeld/2028/ondertekenen@'))!;
      expect(expectedSigning).toMatchObject({ start: '2027-11-02' });
      expect(
        events.filter((event) => event.sequence !== restored.get(event.uid)!.sequence).map((event) => event.uid),
      ).toEqual([signing.uid, expectedSigning.uid]);
    } finally {
      app.calendars = original;
    }
  });

  it('escapes commas, semicolons, newlines and non-ASCII, folds lines at 75 octets and ends every line with CRLF', async () => {
    const feed = await provider({ name: `${NAME} ${'ëè€'.repeat(20)}` });
    const { body, rawPayload } = await fetchFeed(feed.path);
    expect(unfold(body)).toContain('X-WR-CALNAME:Contractdeadlines Verloskundigen De Wieg\\, Zuid\\; Noord — ë');
    expect(body).toMatch(/^DESCRIPTION:.*\\n/m);
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*\r\nEND:VCALENDAR\r\n$/);
    expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = rawPayload
      .toString('latin1')
      .split('\r\n')
      .slice(0, -1)
      .map((line) => Buffer.from(line, 'latin1'));
    expect(lines.every((line) => line.length <= 75)).toBe(true);
    expect(lines.some((line) => line[0] === 0x20)).toBe(true);
    // No line starts inside a UTF-8 sequence: every physical line decodes on its own.
    for (const line of lines) expect(new TextDecoder('utf-8', { fatal: true }).decode(line)).toBeTypeOf('string');
    expect(parseWithPython(body).name).toBe(`Contractdeadlines ${NAME} ${'ëè€'.repeat(20)}`);
  });
});

describe('feed tokens', () => {
  it('answers 404 problem+json for unknown or malformed tokens', async () => {
    const feed = await provider();
    for (const path of [
      '/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
      `${feed.path.slice(0, -5)}x.ics`,
      '/feeds/a.b.ics',
      '/feeds/%20.ics',
    ]) {
      const response = await fetchFeed(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 404, title: 'Not found' });
    }
  });

  it('rotates the token: a new address with the same events (their links follow the new address), the old one 404 at once', async () => {
    const feed = await provider();
    const before = await fetchFeed(feed.path);
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${feed.id}/feed-token`,
      headers: bearer(key),
    });
    expect(rotated.statusCode).toBe(200);
    const resource = rotated.json();
    expect(resource.feedUrl).not.toBe(feed.feedUrl);
    expect(resource.feedUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(resource.feedWebcalUrl).toBe(resource.feedUrl.replace('http:', 'webcal:'));
    expect(resource.feedGoogleCalendarUrl).toBe(
      `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(resource.feedWebcalUrl)}`,
    );
    expect((await fetchFeed(feed.path)).statusCode).toBe(404);
    const after = await fetchFeed(new URL(resource.feedUrl).pathname);
    expect(after.statusCode).toBe(200);
    const oldToken = feed.path.replace(/^\/feeds\/|\.ics$/g, '');
    const newToken = new URL(resource.feedUrl).pathname.replace(/^\/feeds\/|\.ics$/g, '');
    const withoutStamps = (text: string) => unfold(text).replace(/^(SEQUENCE|DTSTAMP|LAST-MODIFIED):.*$/gm, '');
    expect(unfold(before.body)).toContain(`/feeds/${oldToken}.html`);
    expect(withoutStamps(after.body)).toBe(withoutStamps(before.body).split(oldToken).join(newToken));
    expect((await app.inject({ url: `/api/v1/providers/${feed.id}`, headers: bearer(key) })).json().feedUrl).toBe(
      resource.feedUrl,
    );
  });

  it("rotates only for the provider's own tenant, with a key", async () => {
    const feed = await provider();
    const other = (await createKey(app, 'other')).key;
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/providers/${feed.id}/feed-token`, headers: bearer(other) }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/v1/providers/${feed.id}/feed-token` })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/providers/unknown/feed-token', headers: bearer(key) }))
        .statusCode,
    ).toBe(404);
    expect((await fetchFeed(feed.path)).statusCode).toBe(200);
  });

  it('stops the feed when the provider is deleted', async () => {
    const feed = await provider();
    expect((await fetchFeed(feed.path)).statusCode).toBe(200);
    await app.inject({ method: 'DELETE', url: `/api/v1/providers/${feed.id}`, headers: bearer(key) });
    expect((await fetchFeed(feed.path)).statusCode).toBe(404);
    expect(app.db.prepare('SELECT count(*) FROM feed_items WHERE provider_id = ?').pluck().get(feed.id)).toBe(0);
  });
});
