import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;
let mine: Record<string, any>[];
let theirs: Record<string, any>;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/due.db`);
  key = (await createKey(app)).key;
  const other = (await createKey(app, 'other')).key;
  mine = [await createProvider(app, key, { agb: '44440001' }), await createProvider(app, key, { agb: '44440002' })];
  theirs = await createProvider(app, other, { agb: '44440003' });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const get = (query: string) => app.inject({ url: `/api/v1/timeline?${query}`, headers: bearer(key) });
const RANGE = 'from=2026-06-01&to=2027-06-01';

describe('GET /api/v1/timeline: what is due across the key’s providers', () => {
  it('lists the dated items of every provider of the key in the range, by due date, and none of another key', async () => {
    const answer = await get(RANGE);
    expect(answer.statusCode).toBe(200);
    const { items, next, from, to } = answer.json();
    expect({ from, to, next }).toEqual({ from: '2026-06-01', to: '2027-06-01', next: null });
    expect(items.length).toBeGreaterThan(2);
    const providers = new Set(items.map((entry: any) => entry.provider.id));
    expect(providers).toEqual(new Set(mine.map((provider) => provider.id)));
    expect(providers.has(theirs.id)).toBe(false);
    const dues = items.map((entry: any) => entry.item.due as string);
    expect(dues).toEqual([...dues].sort());
    for (const due of dues) expect(due >= '2026-06-01' && due <= '2027-06-01').toBe(true);
    // The same items a provider's own timeline gives in that range.
    const own = (
      await app.inject({ url: `/api/v1/providers/${mine[0]!.id}/timeline?${RANGE}`, headers: bearer(key) })
    ).json().items;
    expect(items.filter((entry: any) => entry.provider.id === mine[0]!.id).map((entry: any) => entry.item.id)).toEqual(
      expect.arrayContaining(own.map((item: any) => item.id)),
    );
  });

  it('pages by cursor: the pages together are the whole list, each once, with Link rel="next"', async () => {
    const whole = (await get(RANGE)).json().items.map((entry: any) => `${entry.provider.id} ${entry.item.id}`);
    const seen: string[] = [];
    let query = `${RANGE}&limit=3`;
    for (let pages = 0; pages < 100; pages++) {
      const answer = await get(query);
      expect(answer.statusCode).toBe(200);
      const page = answer.json();
      seen.push(...page.items.map((entry: any) => `${entry.provider.id} ${entry.item.id}`));
      if (page.next === null) {
        expect(answer.headers.link).toBeUndefined();
        break;
      }
      expect(answer.headers.link).toMatch(/^<\/api\/v1\/timeline\?.*cursor=[\w-]+.*>; rel="next"$/);
      query = `${RANGE}&limit=3&cursor=${page.next}`;
    }
    expect(seen).toEqual(whole);
  });

  it('filters by group as the provider timeline does', async () => {
    const now = (await get(`${RANGE}&group=next`)).json().items;
    const own = (
      await app.inject({ url: `/api/v1/providers/${mine[0]!.id}/timeline?${RANGE}&group=next`, headers: bearer(key) })
    ).json().items;
    expect(own.length).toBeGreaterThan(0);
    expect(now.filter((entry: any) => entry.provider.id === mine[0]!.id).map((entry: any) => entry.item.id)).toEqual(
      own.filter((item: any) => item.due !== null).map((item: any) => item.id),
    );
  });

  it('filters by status and actor', async () => {
    const upcoming = (await get(`${RANGE}&status=upcoming&actor=provider`)).json().items;
    expect(upcoming.length).toBeGreaterThan(0);
    for (const entry of upcoming) expect(entry.item).toMatchObject({ status: 'upcoming', actor: 'provider' });
  });

  it('refuses a reversed or too wide range and a cursor of another query, with a problem naming the field', async () => {
    expect((await get('from=2027-01-01&to=2026-01-01')).json().errors[0].field).toBe('to');
    expect((await get('from=2026-01-01&to=2028-01-01')).statusCode).toBe(400);
    const next = (await get(`${RANGE}&limit=1`)).json().next;
    const other = await get(`from=2026-07-01&to=2027-06-01&cursor=${next}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].field).toBe('cursor');
    expect((await get('status=bogus')).statusCode).toBe(400);
  });
});
