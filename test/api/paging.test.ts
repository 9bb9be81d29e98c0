import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxStore } from '../../src/store/outbox.js';
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
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/paging.db`, { env: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' } });
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

/** Every page from `url` on, following `Link: rel="next"`, checking that `next` and the Link agree. */
async function allPages(url: string, as = key): Promise<{ pages: any[]; ids: string[] }> {
  const pages: any[] = [];
  let address: string | undefined = url;
  while (address !== undefined) {
    const response = await app.inject({ url: address, headers: bearer(as) });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    pages.push(body);
    const link = response.headers.link as string | undefined;
    if (body.next === null) {
      expect(link).toBeUndefined();
      address = undefined;
    } else {
      expect(link).toMatch(/^<\/api\/v1\/[^>]+>; rel="next"$/);
      address = /^<([^>]+)>/.exec(link!)![1];
      expect(new URL(address!, 'http://x').searchParams.get('cursor')).toBe(body.next);
    }
    expect(pages.length).toBeLessThan(50);
  }
  return { pages, ids: pages.flatMap((page) => page.items.map((item: { id: string }) => item.id)) };
}

describe('cursor paging', () => {
  it('providers: pages of `limit` by cursor give every provider once, in order; the filters stay in the link', async () => {
    const tenant = (await createKey(app, 'pager')).key;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createProvider(app, tenant, { agb: `4444000${i}` })).id as string);
    const { pages, ids } = await allPages('/api/v1/providers?limit=2&kind=verloskunde', tenant);
    expect(ids).toEqual(created);
    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    expect(pages[0].total).toBe(5);
    const second = await app.inject({
      url: `/api/v1/providers?limit=2&cursor=${pages[0].next}`,
      headers: bearer(tenant),
    });
    // The cursor belongs to the query with kind=verloskunde: another query refuses it.
    expect(second.statusCode).toBe(400);
    expect(second.json().errors[0]).toMatchObject({ field: 'cursor' });
  });

  it('providers: offset still pages (deprecated), but not together with a cursor; a made-up cursor is a 400', async () => {
    const first = (await app.inject({ url: '/api/v1/providers?limit=1', headers: bearer(ADMIN_KEY) })).json();
    const byOffset = await app.inject({ url: '/api/v1/providers?limit=1&offset=1', headers: bearer(ADMIN_KEY) });
    expect(byOffset.statusCode).toBe(200);
    const byCursor = await app.inject({
      url: `/api/v1/providers?limit=1&cursor=${first.next}`,
      headers: bearer(ADMIN_KEY),
    });
    expect(byCursor.json().items).toEqual(byOffset.json().items);
    const both = await app.inject({
      url: `/api/v1/providers?limit=1&offset=1&cursor=${first.next}`,
      headers: bearer(ADMIN_KEY),
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0]).toMatchObject({ field: 'offset' });
    for (const cursor of ['bm90LWpzb24', Buffer.from('["other",""]').toString('base64url')])
      expect(
        (await app.inject({ url: `/api/v1/providers?cursor=${cursor}`, headers: bearer(ADMIN_KEY) })).statusCode,
      ).toBe(400);
  });

  it("events: a provider's events page by cursor; a cursor of another provider is a 400", async () => {
    const provider = await createProvider(app, key, { agb: '44441001' });
    const other = await createProvider(app, key, { agb: '44441002' });
    const items = (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(key) })).json()
      .items as { id: string; type: string }[];
    const recorded: string[] = [];
    for (const [i, item] of items.slice(0, 3).entries()) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/providers/${provider.id}/events`,
        headers: bearer(key),
        payload: { item: item.id, date: `2026-05-0${i + 1}` },
      });
      expect(response.statusCode, response.body).toBe(201);
      recorded.push(response.json().id as string);
    }
    const { pages, ids } = await allPages(`/api/v1/providers/${provider.id}/events?limit=2`);
    expect(ids).toEqual(recorded);
    expect(pages).toHaveLength(2);
    // A page answered again (from the answer cache) keeps its Link.
    const again = await app.inject({ url: `/api/v1/providers/${provider.id}/events?limit=2`, headers: bearer(key) });
    expect(again.headers.link).toContain(`cursor=${pages[0].next}`);
    const foreign = await app.inject({
      url: `/api/v1/providers/${other.id}/events?cursor=${pages[0].next}`,
      headers: bearer(key),
    });
    expect(foreign.statusCode).toBe(400);
  });

  it('API keys: every key once, oldest first', async () => {
    const all = (await app.inject({ url: '/api/v1/api-keys?limit=500', headers: bearer(ADMIN_KEY) })).json();
    expect(all.next).toBeNull();
    const { ids } = await allPages('/api/v1/api-keys?limit=1', ADMIN_KEY);
    expect(ids).toEqual(all.items.map((item: { id: string }) => item.id));
    expect(ids.length).toBeGreaterThan(2);
  });

  it("webhook deliveries: an endpoint's log pages newest first", async () => {
    const endpoint = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: bearer(key),
        payload: { url: 'http://127.0.0.1:9/hook' },
      })
    ).json();
    const pings: string[] = [];
    for (let i = 0; i < 5; i++)
      pings.push(
        (await app.inject({ method: 'POST', url: `/api/v1/webhooks/${endpoint.id}/ping`, headers: bearer(key) })).json()
          .id as string,
      );
    const whole = (
      await app.inject({ url: `/api/v1/webhooks/${endpoint.id}/deliveries`, headers: bearer(key) })
    ).json();
    expect(new Set(whole.items.map((item: { id: string }) => item.id))).toEqual(new Set(pings));
    const { ids } = await allPages(`/api/v1/webhooks/${endpoint.id}/deliveries?limit=2`);
    expect(ids).toEqual(whole.items.map((item: { id: string }) => item.id));
  });

  it("webhooks, own items and corrections: a key's endpoints and a provider's own dates page too", async () => {
    const tenant = (await createKey(app, 'own dates')).key;
    const hooks: string[] = [];
    for (let i = 0; i < 3; i++)
      hooks.push(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/webhooks',
            headers: bearer(tenant),
            payload: { url: `http://127.0.0.1:9/hook${i}` },
          })
        ).json().id as string,
      );
    expect((await allPages('/api/v1/webhooks?limit=2', tenant)).ids).toEqual(hooks);

    const provider = await createProvider(app, tenant, { agb: '44443001' });
    const base = `/api/v1/providers/${provider.id}`;
    const own: string[] = [];
    for (const due of ['2026-06-20', '2026-06-10', '2026-06-30'])
      own.push(
        (
          await app.inject({
            method: 'POST',
            url: `${base}/own-items`,
            headers: bearer(tenant),
            payload: { insurer: 'vgz', title: 'Vragenlijst', due, note: 'e-mail' },
          })
        ).json().id as string,
      );
    const byDue = [own[1], own[0], own[2]];
    expect((await allPages(`${base}/own-items?limit=2`, tenant)).ids).toEqual(byDue);
    // Answered again from the answer cache: the same page with the same link.
    const again = await app.inject({ url: `${base}/own-items?limit=2`, headers: bearer(tenant) });
    expect(again.headers.link).toContain(`cursor=${again.json().next}`);

    const timeline = (await app.inject({ url: `${base}/timeline`, headers: bearer(tenant) })).json().items as any[];
    const dated = timeline.filter((item) => item.type !== 'own' && item.due !== null).slice(0, 3);
    expect(dated).toHaveLength(3);
    for (const item of dated) {
      const due = item.due === '2026-12-01' ? '2026-12-02' : '2026-12-01';
      const response = await app.inject({
        method: 'POST',
        url: `${base}/corrections`,
        headers: bearer(tenant),
        payload: { item: item.id, due, reason: 'brief' },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    const corrected = (await allPages(`${base}/corrections?limit=2`, tenant)).pages.flatMap((page) =>
      page.items.map((entry: { item: string }) => entry.item),
    );
    expect(corrected).toEqual(dated.map((item) => item.id).sort());
  });

  it('the admin outbox: newest first, ties in creation time broken by id, every mail once', async () => {
    const provider = await createProvider(app, key, { agb: '44442001' });
    const contactId = (
      app.db.prepare('SELECT id FROM contacts WHERE provider_id = ?').get(provider.id) as { id: number }
    ).id;
    const outbox = new OutboxStore(app.db);
    const times = ['2026-05-01T08:00:00.000Z', '2026-05-02T08:00:00.000Z', '2026-05-02T08:00:00.000Z'];
    for (const [i, now] of [...times, '2026-05-03T08:00:00.000Z', '2026-05-04T08:00:00.000Z'].entries())
      outbox.insert(
        {
          id: `2026-05-0${i + 1}/c${contactId}`,
          contactId,
          providerId: provider.id as string,
          day: `2026-05-0${i + 1}`,
          recipient: 'planning@verloskundigen-noord.nl',
          subject: 'Deadlines',
          messageId: `m${i}@test`,
          raw: Buffer.from('x'),
        },
        now,
      );
    const whole = (await app.inject({ url: '/api/v1/admin/outbox?limit=500', headers: bearer(ADMIN_KEY) })).json();
    const { ids } = await allPages('/api/v1/admin/outbox?limit=2', ADMIN_KEY);
    expect(ids).toEqual(whole.items.map((item: { id: string }) => item.id));
    expect(ids).toHaveLength(5);
  });
});
