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

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/webhooks.db`);
  alice = (await createKey(app, 'alice')).key;
  bob = (await createKey(app, 'bob')).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const create = (key: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: bearer(key), payload });

describe('POST /api/v1/webhooks', () => {
  it('registers an endpoint for all events and shows its Standard Webhooks secret once', async () => {
    const response = await create(alice, { url: 'https://hooks.example.nl/deadlines' });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(response.headers.location).toBe(`/api/v1/webhooks/${created.id}`);
    expect(created).toMatchObject({ url: 'https://hooks.example.nl/deadlines', events: null, enabled: true });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(created.secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
    const read = await app.inject({ url: `/api/v1/webhooks/${created.id}`, headers: bearer(alice) });
    expect(read.statusCode).toBe(200);
    expect(read.json().secret).toBeUndefined();
    expect(read.body).not.toContain(created.secret.slice(6));
  });

  it('registers the event types asked for', async () => {
    const response = await create(alice, { url: 'https://hooks.example.nl/t', events: ['timeline.changed'] });
    expect(response.statusCode).toBe(201);
    expect(response.json().events).toEqual(['timeline.changed']);
  });

  it.each([
    ['not-a-url', /absolute URL/],
    ['http://hooks.example.nl/plain', /https:\/\//],
    ['ftp://hooks.example.nl/x', /https:\/\//],
    ['https://user:pw@hooks.example.nl/x', /user name or password/],
    ['https://localhost/x', /private, loopback or link-local/],
    ['https://127.0.0.1/x', /private, loopback or link-local/],
    ['https://10.1.2.3/x', /private, loopback or link-local/],
    ['https://192.168.1.10/x', /private, loopback or link-local/],
    ['https://169.254.169.254/latest/meta-data', /private, loopback or link-local/],
    ['https://[::1]/x', /private, loopback or link-local/],
    ['https://[::ffff:127.0.0.1]/x', /private, loopback or link-local/],
    ['https://[fe80::1]/x', /private, loopback or link-local/],
  ])('refuses %s with a 400 naming the url, and stores nothing', async (url, message) => {
    const before = (await app.inject({ url: '/api/v1/webhooks', headers: bearer(alice) })).json().items.length;
    const response = await create(alice, { url });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ field: 'url', message: expect.stringMatching(message) }),
    ]);
    expect((await app.inject({ url: '/api/v1/webhooks', headers: bearer(alice) })).json().items).toHaveLength(before);
  });

  it.each([[['event.unknown']], [[]], [['event.recorded', 'event.recorded']], ['event.recorded']])(
    'refuses events %j with a 400',
    async (events) => {
      const response = await create(alice, { url: 'https://hooks.example.nl/x', events });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toMatch(/^events/);
    },
  );

  it('refuses unknown fields and needs a key', async () => {
    expect((await create(alice, { url: 'https://hooks.example.nl/x', secret: 'mine' })).statusCode).toBe(400);
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://a.nl' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('a tenant sees and changes only its own endpoints', () => {
  it('lists, reads, changes, pings, rotates and deletes its own; 404 for another key', async () => {
    const own = (await create(bob, { url: 'https://bob.example.nl/hook' })).json();
    const list = (await app.inject({ url: '/api/v1/webhooks', headers: bearer(alice) })).json().items;
    expect(list.map((w: { id: string }) => w.id)).not.toContain(own.id);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/webhooks/${own.id}`, undefined],
      ['PATCH', `/api/v1/webhooks/${own.id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${own.id}`, undefined],
      ['POST', `/api/v1/webhooks/${own.id}/rotate-secret`, undefined],
      ['POST', `/api/v1/webhooks/${own.id}/ping`, undefined],
      ['GET', `/api/v1/webhooks/${own.id}/deliveries`, undefined],
    ] as const) {
      const response = await app.inject({ method, url, headers: bearer(alice), ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const mine = await app.inject({ url: `/api/v1/webhooks/${own.id}`, headers: bearer(bob) });
    expect(mine.json()).toMatchObject({ id: own.id, enabled: true });
  });

  it('PATCH changes url and events, pauses and resumes; a bad url changes nothing', async () => {
    const hook = (await create(alice, { url: 'https://hooks.example.nl/p' })).json();
    const patch = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${hook.id}`, headers: bearer(alice), payload });
    expect((await patch({ url: 'http://hooks.example.nl/p' })).statusCode).toBe(400);
    expect((await patch({})).statusCode).toBe(400);
    const changed = await patch({ url: 'https://hooks.example.nl/q', events: ['event.undone'] });
    expect(changed.json()).toMatchObject({ url: 'https://hooks.example.nl/q', events: ['event.undone'] });
    const paused = (await patch({ enabled: false })).json();
    expect(paused).toMatchObject({ enabled: false, disabledReason: 'disabled by the tenant' });
    const ping = await app.inject({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/ping`, headers: bearer(alice) });
    expect(ping.statusCode).toBe(409);
    expect((await patch({ enabled: true, events: null })).json()).toMatchObject({
      enabled: true,
      disabledReason: null,
      events: null,
    });
    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${hook.id}`, headers: bearer(alice) });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject({ url: `/api/v1/webhooks/${hook.id}`, headers: bearer(alice) })).statusCode).toBe(404);
  });

  it('rotating gives a new secret and says until when the previous one still signs', async () => {
    const hook = (await create(alice, { url: 'https://hooks.example.nl/r' })).json();
    const rotated = await app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${hook.id}/rotate-secret`,
      headers: bearer(alice),
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(hook.secret);
    const until = Date.parse(rotated.json().previousSecretValidUntil);
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it('a ping is in the delivery log at once, pending', async () => {
    const hook = (await create(alice, { url: 'https://hooks.example.nl/ping' })).json();
    const ping = await app.inject({ method: 'POST', url: `/api/v1/webhooks/${hook.id}/ping`, headers: bearer(alice) });
    expect(ping.statusCode).toBe(202);
    const log = (await app.inject({ url: `/api/v1/webhooks/${hook.id}/deliveries`, headers: bearer(alice) })).json();
    expect(log.items).toEqual([
      expect.objectContaining({
        id: ping.json().id,
        type: 'webhook.ping',
        state: 'pending',
        attempts: 0,
        attemptLog: [],
      }),
    ]);
  });
});

describe('what goes into the outbox', () => {
  const outboxOf = (endpointId: string) =>
    app.db
      .prepare('SELECT type FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY created_at')
      .pluck()
      .all(endpointId);

  it("a recorded event reaches the owner's endpoints in the same request, and no other tenant's", async () => {
    const carol = await createKey(app, 'carol');
    const mine = (await create(carol.key, { url: 'https://carol.example.nl/hook' })).json();
    const other = (await create(bob, { url: 'https://bob.example.nl/other' })).json();
    const provider = await createProvider(app, carol.key, { agb: '70000001' });
    const items = (
      await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(carol.key) })
    ).json().items;
    const recorded = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/events`,
      headers: bearer(carol.key),
      payload: { item: items[0].id, date: '2026-05-01' },
    });
    expect(recorded.statusCode).toBe(201);
    expect(outboxOf(mine.id)).toEqual(['event.recorded', 'timeline.changed']);
    expect(outboxOf(other.id)).toEqual([]);

    // A revoked key's endpoints are told nothing more.
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${carol.id}`,
      headers: bearer(ADMIN_KEY),
    });
    expect(revoked.statusCode).toBe(204);
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${provider.id}/events/${recorded.json().id}`,
      headers: bearer(ADMIN_KEY),
    });
    expect(outboxOf(mine.id)).toEqual(['event.recorded', 'timeline.changed']);
  });
});
