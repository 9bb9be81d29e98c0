import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;
let alice: string;
let bob: string;
let provider: Record<string, any>;
let eventId: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/tenancy.db`);
  alice = (await createKey(app, 'alice')).key;
  bob = (await createKey(app, 'bob')).key;
  provider = await createProvider(app, alice, { agb: '80000001' });
  await createProvider(app, bob, { agb: '80000002', name: "Bob's practice" });
  const items = (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(alice) })).json()
    .items;
  eventId = (
    await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/events`,
      headers: bearer(alice),
      payload: { item: items[0].id, date: '2026-05-01' },
    })
  ).json().id;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

/** Every route that names a provider; none may reveal or change another tenant's provider. */
const routes = () => [
  { method: 'GET' as const, url: `/api/v1/providers/${provider.id}` },
  { method: 'PATCH' as const, url: `/api/v1/providers/${provider.id}`, payload: { name: 'taken over' } },
  { method: 'GET' as const, url: `/api/v1/providers/${provider.id}/timeline` },
  { method: 'GET' as const, url: `/api/v1/providers/${provider.id}/events` },
  {
    method: 'POST' as const,
    url: `/api/v1/providers/${provider.id}/events`,
    payload: { item: 'voorbeeld/2027/bezwaar', date: '2026-05-01' },
  },
  { method: 'DELETE' as const, url: `/api/v1/providers/${provider.id}/events/${eventId}` },
  { method: 'DELETE' as const, url: `/api/v1/providers/${provider.id}` },
];

describe('tenant isolation', () => {
  it('answers 404 to another tenant on every provider route, and changes nothing', async () => {
    for (const route of routes()) {
      const response = await app.inject({ ...route, headers: bearer(bob) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.json()).toMatchObject({ status: 404, detail: 'provider not found' });
    }
    const own = await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(alice) });
    expect(own.json().name).toBe(provider.name);
    const events = (await app.inject({ url: `/api/v1/providers/${provider.id}/events`, headers: bearer(alice) })).json()
      .items;
    expect(events.map((e: { id: string }) => e.id)).toEqual([eventId]);
  });

  it('answers 401 without a key on every provider route', async () => {
    for (const route of [
      ...routes(),
      { method: 'GET' as const, url: '/api/v1/providers' },
      { method: 'POST' as const, url: '/api/v1/providers', payload: {} },
    ]) {
      const response = await app.inject(route);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it("lists only the tenant's own providers, also when filtering", async () => {
    const names = async (key: string, query = '') =>
      (await app.inject({ url: `/api/v1/providers${query}`, headers: bearer(key) }))
        .json()
        .items.map((p: { name: string }) => p.name);
    expect(await names(alice)).toEqual([provider.name]);
    expect(await names(bob)).toEqual(["Bob's practice"]);
    expect(await names(bob, '?agb=80000001')).toEqual([]);
    expect((await app.inject({ url: '/api/v1/providers?insurer=voorbeeld', headers: bearer(bob) })).json().total).toBe(
      1,
    );
  });

  it("lets an admin read and change every tenant's providers", async () => {
    for (const route of routes()) {
      const response = await app.inject({ ...route, headers: bearer(ADMIN_KEY) });
      expect(response.statusCode, `${route.method} ${route.url}`).toBeLessThan(300);
    }
    expect((await app.inject({ url: '/api/v1/providers', headers: bearer(ADMIN_KEY) })).json().total).toBe(1);
  });
});
