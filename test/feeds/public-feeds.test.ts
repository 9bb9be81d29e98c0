import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/plain-date.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { calendarUid } from '../../src/feeds/feed-events.js';
import { buildTestApp, fixtureCalendars, removeTempDir, tempDir, TODAY, type TestApp } from '../helper.js';
import { parseWithIcalJs, parseWithPython, unfold } from './parsers.js';

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/public.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const generic = (keys: string[], kind: 'verloskunde' | 'kraamzorg', status: 'new' | 'existing') =>
  computeTimeline(
    {
      kinds: [kind],
      contracts: keys.map((key) => ({ insurer: key.split('/')[0], year: Number(key.split('/')[1]), status })),
    },
    fixtureCalendars,
    [],
    TODAY,
  );

describe('GET /feeds/calendars/:insurer/:year.ics', () => {
  it('serves the generic timeline of one calendar for a kind and status, with UIDs per calendar, kind, status and item', async () => {
    const response = await app.inject({ url: '/feeds/calendars/voorbeeld/2027.ics?kind=verloskunde&status=new' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, no-cache');
    const items = generic(['voorbeeld/2027'], 'verloskunde', 'new');
    const uid = (id: string, part?: 'opens') => calendarUid(`voorbeeld/2027/${id}`, 'verloskunde', 'new', part);
    // The open-instroom window (a year) is its opening and its due date; the steps after it have no date yet.
    expect(items.find((item) => item.id === 'voorbeeld/2027/instroom/reactie')).toMatchObject({
      due: null,
      status: 'waiting',
    });
    for (const parsed of [parseWithIcalJs(response.body), parseWithPython(response.body)]) {
      expect(parsed.name).toBe('Contractdeadlines Voorbeeld 2027: verloskunde, nieuwe zorgaanbieder');
      expect(parsed.events.map((event) => event.uid)).toEqual([
        uid('bezwaar'),
        uid('vragenlijst'),
        uid('ondertekenen'),
        uid('instroom/aanmelding', 'opens'),
        uid('instroom/aanmelding'),
        uid('looptijd-einde-2027'),
      ]);
      const dated = items.filter(
        (item) => item.due !== null && !item.id.endsWith('instroom/aanmelding') && !item.id.includes('/looptijd-'),
      );
      dated.forEach((item, i) =>
        expect(parsed.events[i]).toMatchObject({
          allDay: true,
          start: item.window?.from ?? item.due,
          end: addDays(item.window?.to ?? item.due!, 1),
        }),
      );
      const window = items.find((item) => item.id === 'voorbeeld/2027/instroom/aanmelding')!.window!;
      expect(parsed.events[3]).toMatchObject({ allDay: true, start: window.from, end: addDays(window.from, 1) });
      expect(parsed.events[4]).toMatchObject({ allDay: true, start: window.to, end: addDays(window.to, 1) });
      // The end of the agreement (the calendar's terms): 31 December of its last year.
      expect(parsed.events[5]).toMatchObject({ allDay: true, start: '2027-12-31', end: '2028-01-01' });
    }
    // A generic feed has no provider: no status words, and the trigger's event describes what follows it.
    const body = unfold(response.body);
    expect(body).not.toMatch(/Status:|te laat|✓ gedaan/);
    expect(body).toContain('Daarna\\, zodra u dit vastlegt (nog zonder datum):');
    expect(unfold(response.body)).toContain(
      '\r\nURL;VALUE=URI:http://127.0.0.1:3000/api/v1/calendars/voorbeeld/2027/timeline?kind=verloskunde&status=new\r\n',
    );
    expect(
      (
        await app.inject({
          url: '/feeds/calendars/voorbeeld/2027.ics?kind=verloskunde&status=new',
          headers: { 'if-none-match': String(response.headers.etag) },
        })
      ).statusCode,
    ).toBe(304);
    const existing = parseWithIcalJs(
      (await app.inject({ url: '/feeds/calendars/voorbeeld/2027.ics?kind=verloskunde&status=existing' })).body,
    );
    expect(existing.events.map((event) => event.uid)).toEqual(
      generic(['voorbeeld/2027'], 'verloskunde', 'existing').map((item) =>
        calendarUid(item.id, 'verloskunde', 'existing'),
      ),
    );
  });

  it('answers 404 naming the kinds a calendar lists for a kind it does not list', async () => {
    const response = await app.inject({ url: '/feeds/calendars/voorbeeld/2027.ics?kind=vsv&status=new' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().detail).toMatch(/^kind "vsv" not found: voorbeeld\/2027 lists verloskunde, /);
    const combined = await app.inject({ url: '/feeds/calendars.ics?calendar=voorbeeld/2027&kind=vsv&status=new' });
    expect(combined.statusCode).toBe(404);
  });

  it.each([
    ['?status=new', 'kind'],
    ['?kind=verloskunde', 'status'],
    ['?kind=bakker&status=new', 'kind'],
    ['?kind=verloskunde&status=old', 'status'],
  ])('refuses %s with 400 problem+json', async (query, field) => {
    const response = await app.inject({ url: `/feeds/calendars/voorbeeld/2027.ics${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 for a calendar that does not exist and 400 for a year that is not one', async () => {
    expect((await app.inject({ url: '/feeds/calendars/acme/2027.ics?kind=verloskunde&status=new' })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ url: '/feeds/calendars/voorbeeld/2030.ics?kind=verloskunde&status=new' })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: '/feeds/calendars/voorbeeld/volgend.ics?kind=verloskunde&status=new' })).statusCode,
    ).toBe(400);
  });
});

describe('GET /feeds/calendars.ics', () => {
  it('combines several calendars, with the same UIDs and SEQUENCE as their own feeds', async () => {
    const response = await app.inject({
      url: '/feeds/calendars.ics?calendar=voorbeeld/2027&calendar=proef/2026&kind=verloskunde&status=existing',
    });
    expect(response.statusCode).toBe(200);
    const items = generic(['proef/2026', 'voorbeeld/2027'], 'verloskunde', 'existing');
    const single = parseWithIcalJs(
      (await app.inject({ url: '/feeds/calendars/proef/2026.ics?kind=verloskunde&status=existing' })).body,
    ).events;
    for (const parsed of [parseWithIcalJs(response.body), parseWithPython(response.body)]) {
      expect(parsed.name).toBe('Contractdeadlines Proef 2026, Voorbeeld 2027: verloskunde, bestaande zorgaanbieder');
      expect(parsed.events.map((event) => event.uid)).toEqual(
        items.map((item) => calendarUid(item.id, 'verloskunde', 'existing')),
      );
      for (const event of single)
        expect(parsed.events.find((candidate) => candidate.uid === event.uid)).toMatchObject({
          sequence: event.sequence,
          start: event.start,
          summary: event.summary,
        });
    }
    const everything = await app.inject({ url: '/feeds/calendars.ics?kind=verloskunde&status=existing' });
    expect(everything.body).toBe(response.body);
    const one = await app.inject({ url: '/feeds/calendars.ics?calendar=proef/2026&kind=verloskunde&status=existing' });
    expect(parseWithIcalJs(one.body).events.map((event) => event.uid)).toEqual(single.map((event) => event.uid));
  });

  it.each([
    ['?calendar=acme/2027&kind=verloskunde&status=new', 'calendar'],
    ['?calendar=voorbeeld&kind=verloskunde&status=new', 'calendar'],
    ['?calendar=proef/2026&calendar=proef/2026&kind=verloskunde&status=new', 'calendar'],
    ['?calendar=proef/2026&status=new', 'kind'],
  ])('refuses %s with 400 problem+json', async (query, field) => {
    const response = await app.inject({ url: `/feeds/calendars.ics${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors.map((e: { field: string }) => e.field.replace(/\[\d+\]$/, ''))).toContain(field);
  });
});
