import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { PROVIDER_KINDS } from '../../src/domain/types.js';
import {
  bearer,
  buildTestApp,
  createKey,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  TODAY,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/calendars.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('GET /api/v1/calendars', () => {
  it('lists every calendar without a key', async () => {
    const response = await app.inject({ url: '/api/v1/calendars' });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.map((c: { key: string }) => c.key)).toEqual(['proef/2026', 'voorbeeld/2027']);
    expect(items[1]).toMatchObject({
      insurer: 'voorbeeld',
      insurerName: 'Voorbeeld',
      year: 2027,
      contact: 'inkoop@voorbeeld.nl',
      document: { title: 'Voorbeeldbeleid geboortezorg 2027' },
      attributes: { organisatievorm: { values: ['loondienst', 'niet-loondienst'] } },
      terms: [{ kinds: ['verloskunde'], years: 1 }],
    });
    expect(items[1].kinds.sort()).toEqual(['kraamzorg', 'verloskunde']);
  });
});

describe('GET /api/v1/calendars/:insurer/:year', () => {
  it('answers the planning table with the source of every line', async () => {
    const response = await app.inject({ url: '/api/v1/calendars/voorbeeld/2027' });
    expect(response.statusCode).toBe(200);
    const calendar = response.json();
    const compiled = fixtureCalendars.get('voorbeeld', 2027)!;
    expect(calendar.lines.map((line: { id: string }) => line.id)).toEqual(compiled.lines.map((line) => line.itemId));
    for (const line of calendar.lines) expect(line.source.quote.length).toBeGreaterThan(0);
    const signing = calendar.lines.find((line: { signing: boolean }) => line.signing);
    expect(signing).toMatchObject({
      due: expect.any(String),
      rule: expect.any(Object),
      appliesTo: { status: ['existing', 'new'] },
    });
    const relative = calendar.lines.find((line: { chain: { step: number } | null }) => line.chain?.step === 2);
    expect(relative).toMatchObject({ due: null, chain: { trigger: false }, rule: { after: { weeks: 2 } } });
  });

  it('answers 404 for an unknown calendar and 400 for a year that is not a number', async () => {
    const unknown = await app.inject({ url: '/api/v1/calendars/voorbeeld/2031' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404, detail: 'calendar voorbeeld/2031 not found' });
    expect((await app.inject({ url: '/api/v1/calendars/acme/2027' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/calendars/voorbeeld/volgend-jaar' })).statusCode).toBe(400);
  });
});

describe('GET /api/v1/calendars/:insurer/:year/timeline', () => {
  const get = (query: string) => app.inject({ url: `/api/v1/calendars/voorbeeld/2027/timeline${query}` });

  it('answers the generic timeline of a kind and status', async () => {
    const response = await get('?kind=verloskunde&status=new');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      calendar: 'voorbeeld/2027',
      kind: 'verloskunde',
      status: 'new',
      attributes: {},
      asOf: TODAY,
    });
    const provider = {
      kinds: ['verloskunde' as const],
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' as const, attributes: {} }],
    };
    expect(body.items).toEqual(computeTimeline(provider, fixtureCalendars, [], TODAY));
  });

  it('selects on attributes, runsUntil and asOf', async () => {
    const ids = async (query: string) => (await get(query)).json().items.map((i: { id: string }) => i.id);
    expect(await ids('?kind=kraamzorg&status=existing&attribute=organisatievorm:loondienst')).toContain(
      'voorbeeld/2027/vragenlijst-loondienst',
    );
    expect(await ids('?kind=kraamzorg&status=existing&attribute=organisatievorm:niet-loondienst')).not.toContain(
      'voorbeeld/2027/vragenlijst-loondienst',
    );
    expect(await ids('?kind=kraamzorg&status=existing&runsUntil=2027')).not.toContain('voorbeeld/2027/ondertekenen');
    expect((await get('?kind=kraamzorg&status=existing&asOf=2025-01-01')).json().asOf).toBe('2025-01-01');
  });

  it.each([
    ['', 'kind'],
    ['?kind=verloskunde', 'status'],
    ['?kind=tandarts&status=new', 'kind'],
    ['?kind=verloskunde&status=new&asOf=2026-02-31', 'asOf'],
    ['?kind=verloskunde&status=new&attribute=grootte:groot', 'attribute'],
    ['?kind=verloskunde&status=new&attribute=organisatievorm:zzp', 'attribute'],
    ['?kind=verloskunde&status=new&attribute=zonder-dubbele-punt', 'attribute[0]'],
  ])('refuses %s with 400', async (query, field) => {
    const response = await get(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers 404 for an unknown calendar', async () => {
    expect(
      (await app.inject({ url: '/api/v1/calendars/acme/2027/timeline?kind=verloskunde&status=new' })).statusCode,
    ).toBe(404);
  });
});

/** The real calendars in calendars/: whatever lines they have, the service serves them and accepts events on them. */
describe('with the calendars in calendars/', () => {
  const real = loadCalendarSet();
  let realDir: string;
  let realApp: TestApp;

  beforeAll(async () => {
    realDir = tempDir();
    realApp = await buildTestApp(`${realDir}/real.db`, { calendars: real });
  });
  afterAll(async () => {
    await realApp.close();
    removeTempDir(realDir);
  });

  it('shows how each line is bound: the cap, the route, the request it binds on, the trigger it awaits, the earliest record', async () => {
    const cz = (await realApp.inject({ url: '/api/v1/calendars/cz-groep/2027' })).json();
    expect(cz).toMatchObject({ version: real.get('cz-groep', 2027)!.file.version, published: '2026-04-01' });
    const line = (id: string) => cz.lines.find((candidate: { id: string }) => candidate.id === id);
    expect(line('cz-groep/2027/aanbod-reactie/reactie')?.cap).toMatchObject({
      id: 'cz-groep/2027/ondertekenen',
      reason: { nl: expect.any(String) },
    });
    expect(line('cz-groep/2027/toeslag-tweede-lijn/toekenning')).toMatchObject({
      recordableFrom: '2015-01-01',
      awaits: null,
      route: null,
    });
    expect(line('cz-groep/2027/toeslag-tweede-lijn/einde-toeslag')).toMatchObject({
      recordableFrom: null,
      awaits: 'cz-groep/2027/toeslag-tweede-lijn/toekenning',
    });
    expect(
      cz.lines.some(
        (candidate: { bindsWhen: string | null }) => candidate.bindsWhen === 'cz-groep/2027/verzoek-strategisch-beleid',
      ),
    ).toBe(true);
    const zz = (await realApp.inject({ url: '/api/v1/calendars/zorg-en-zekerheid/2026' })).json();
    const routes = new Set(zz.lines.map((candidate: { route: string | null }) => candidate.route).filter(Boolean));
    expect([...routes].sort()).toEqual(['aanvraag-2025', 'aanvraag-2026']);
  });

  it('lists each of them', async () => {
    const { items } = (await realApp.inject({ url: '/api/v1/calendars' })).json();
    expect(items.map((c: { key: string }) => c.key)).toEqual(real.all().map((c) => c.key));
  });

  it.each(real.all().map((calendar) => [calendar.key, calendar] as const))(
    '%s: planning table, generic timelines, a provider and an event',
    async (key, calendar) => {
      const [insurer, year] = key.split('/');
      const table = (await realApp.inject({ url: `/api/v1/calendars/${key}` })).json();
      expect(table.lines).toHaveLength(calendar.lines.length);
      const kinds = PROVIDER_KINDS.filter((kind) => calendar.lines.some((line) => line.appliesTo.kinds.includes(kind)));
      for (const kind of kinds) {
        const generic = await realApp.inject({ url: `/api/v1/calendars/${key}/timeline?kind=${kind}&status=existing` });
        expect(generic.statusCode).toBe(200);
      }
      for (const kind of PROVIDER_KINDS.filter((candidate) => !kinds.includes(candidate))) {
        const unlisted = await realApp.inject({
          url: `/api/v1/calendars/${key}/timeline?kind=${kind}&status=existing`,
        });
        expect(unlisted.statusCode).toBe(404);
        expect(unlisted.json().detail).toBe(`kind "${kind}" not found: ${key} lists ${kinds.join(', ')}`);
      }
      const tenant = (await createKey(realApp, key)).key;
      const created = await realApp.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: bearer(tenant),
        payload: {
          name: `Praktijk ${key}`,
          agb: '70000001',
          kinds,
          contracts: [{ insurer, year: Number(year), status: 'new' }],
        },
      });
      expect(created.statusCode).toBe(201);
      const provider = created.json();
      const items = (
        await realApp.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(tenant) })
      ).json().items as { id: string }[];
      expect(items.length).toBeGreaterThan(0);
      const recorded = await realApp.inject({
        method: 'POST',
        url: `/api/v1/providers/${provider.id}/events`,
        headers: bearer(tenant),
        payload: { item: items[0].id, date: TODAY },
      });
      expect(recorded.statusCode).toBe(201);
    },
  );
});
