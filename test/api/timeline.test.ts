import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeTimeline } from '../../src/domain/timeline.js';
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

let dir: string;
let app: TestApp;
let key: string;
let provider: Record<string, any>;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/timeline.db`);
  key = (await createKey(app)).key;
  provider = await createProvider(app, key, {
    kinds: ['verloskunde'],
    contracts: [
      { insurer: 'voorbeeld', year: 2027, status: 'new' },
      { insurer: 'proef', year: 2026, status: 'existing' },
    ],
  });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const get = (query = '') =>
  app.inject({ url: `/api/v1/providers/${provider.id}/timeline${query}`, headers: bearer(key) });

describe('GET /api/v1/providers/:id/timeline', () => {
  it("answers the engine's timeline for the provider as of today", async () => {
    const response = await get();
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.provider).toEqual({ id: provider.id, name: provider.name, agb: provider.agb, kinds: provider.kinds });
    expect(body.asOf).toBe(TODAY);
    expect(body.items).toEqual(computeTimeline(provider as any, fixtureCalendars, [], TODAY, { expected: true }));
    // Her two contracts, and the years ahead they carry to (the law's dates, expected dates).
    const calendarsSeen = new Set(body.items.map((item: { calendar: string }) => item.calendar));
    for (const key of calendarsSeen as Set<string>) {
      const [insurer, year] = key.split('/');
      expect(Number(year), key).toBeGreaterThanOrEqual(insurer === 'voorbeeld' ? 2027 : 2026);
    }
    expect(calendarsSeen.has('voorbeeld/2027') && calendarsSeen.has('proef/2026')).toBe(true);
  });

  it('computes statuses as of asOf', async () => {
    const early = (await get('?asOf=2025-01-01')).json();
    expect(early.asOf).toBe('2025-01-01');
    expect(early.items).toEqual(
      computeTimeline(provider as any, fixtureCalendars, [], '2025-01-01', { expected: true }),
    );
    expect(early.items.some((item: { status: string }) => item.status === 'overdue')).toBe(false);
  });

  it('filters by due date and actor', async () => {
    const all = (await get()).json().items as { due: string; actor: string }[];
    const dated = all.filter((item) => item.due !== null);
    const from = dated[1].due;
    const to = dated[dated.length - 2].due;
    const filtered = (await get(`?from=${from}&to=${to}&actor=provider`)).json().items as typeof all;
    expect(filtered).toEqual(all.filter((item) => item.due >= from && item.due <= to && item.actor === 'provider'));
    expect(filtered.length).toBeGreaterThan(0);
    expect(
      (await get('?actor=insurer')).json().items.every((item: { actor: string }) => item.actor === 'insurer'),
    ).toBe(true);
  });

  it.each([
    ['?asOf=2026-13-01', 'asOf'],
    ['?asOf=yesterday', 'asOf'],
    ['?from=2026-02-30', 'from'],
    ['?from=2026-06-01&to=2026-05-01', 'to'],
    ['?actor=someone', 'actor'],
  ])('refuses %s with 400', async (query, field) => {
    const response = await get(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('filters by group, and answers a 400 problem for an unknown group or query parameter', async () => {
    const all = (await get('?asOf=2026-12-02')).json().items as Record<string, any>[];
    const now = (await get('?asOf=2026-12-02&group=now')).json().items as Record<string, any>[];
    const history = (await get('?asOf=2026-12-02&group=history')).json().items as Record<string, any>[];
    expect(history.length).toBeGreaterThan(0);
    expect(
      history.every((item) => ['done', 'passed', 'not-recorded', 'waiting', 'not-started'].includes(item.status)),
    ).toBe(true);
    expect(now.every((item) => ['overdue', 'due-soon', 'check', 'upcoming'].includes(item.status))).toBe(true);
    expect(now.length + history.length).toBeLessThanOrEqual(all.length);
    for (const query of ['?group=later', '?grop=now', '?colour=red']) {
      const response = await get(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('answers 404 for an unknown provider and 401 without a key', async () => {
    expect((await app.inject({ url: '/api/v1/providers/nope/timeline', headers: bearer(key) })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/providers/${provider.id}/timeline` })).statusCode).toBe(401);
  });

  it('leaves out the signing round while an agreement runs', async () => {
    const running = await createProvider(app, key, {
      agb: '60000001',
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing', runsUntil: 2027 }],
    });
    const plain = await createProvider(app, key, {
      agb: '60000002',
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing' }],
    });
    const ids = async (id: string) =>
      (await app.inject({ url: `/api/v1/providers/${id}/timeline`, headers: bearer(key) }))
        .json()
        .items.map((i: { id: string }) => i.id);
    const signing = fixtureCalendars
      .get('voorbeeld', 2027)!
      .lines.filter((line) => line.signing)
      .map((line) => line.itemId);
    expect(signing.length).toBeGreaterThan(0);
    expect(await ids(plain.id)).toEqual(expect.arrayContaining(signing));
    expect((await ids(running.id)).filter((id: string) => signing.includes(id))).toEqual([]);
  });
});
