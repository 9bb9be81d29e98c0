import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/plain-date.js';
import { announceDueSoon } from '../../src/webhooks/due-soon.js';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { startReceiver, type Received } from './receiver.js';

/** item.due-soon: one signed message per (provider, item, due date), over real HTTP from a real SQLite outbox. */
let dir: string;
let app: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  dir = tempDir();
  receiver = await startReceiver();
  app = await buildTestApp(`${dir}/due-soon.db`, {
    env: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' },
    webhooks: { deliver: true, dispatcher: { retryBaseMs: 50, pollMs: 50, timeoutMs: 1_000 } },
  });
});
afterEach(async () => {
  await app.close();
  await receiver.close();
  removeTempDir(dir);
});

const run = (today: string) =>
  announceDueSoon(
    {
      db: app.db,
      calendars: app.calendars,
      providers: app.store.providers,
      events: app.store.events,
      ownDates: app.store.ownDates,
      endpoints: app.store.webhookEndpoints,
      deliveries: app.store.webhookDeliveries,
    },
    today,
  );

const outbox = (itemId: string) =>
  (app.db.prepare("SELECT payload FROM webhook_deliveries WHERE type = 'item.due-soon'").pluck().all() as string[])
    .map((payload) => JSON.parse(payload))
    .filter((message) => message.data.item.id === itemId);

async function ownItem(key: string, providerId: string, due: string) {
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/providers/${providerId}/own-items`,
    headers: bearer(key),
    payload: { insurer: 'vgz', title: 'Vragenlijst', due, note: 'e-mail van VGZ' },
  });
  expect(created.statusCode, created.body).toBe(201);
  // The timeline (and so the webhook) names an own item `own/<id>`.
  return `own/${created.json().id as string}`;
}

describe('item.due-soon', () => {
  it('sends once per item and due date, signed; a moved date due soon again is sent again', async () => {
    const today = app.today();
    const vendor = (await createKey(app, 'vendor')).key;
    const other = (await createKey(app, 'other')).key;
    const hook = await app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(vendor),
      payload: { url: `${receiver.url}/hooks`, events: ['item.due-soon'] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const { secret } = hook.json() as { secret: string };
    const provider = await createProvider(app, vendor);
    const item = await ownItem(vendor, provider.id, addDays(today, 10));
    // Another tenant, with no endpoint subscribed to item.due-soon: her item is never sent.
    const otherProvider = await createProvider(app, other, { agb: '22220099' });
    const otherItem = await ownItem(other, otherProvider.id, addDays(today, 10));

    expect(await run(today)).toBeGreaterThan(0);
    const isOurs = (r: Received) => JSON.parse(r.body).data.item.id === item;
    const [message] = await receiver.waitFor(1, isOurs);
    const payload = new Webhook(secret).verify(message!.body, message!.headers as Record<string, string>) as any;
    expect(payload).toMatchObject({
      type: 'item.due-soon',
      data: {
        providerId: provider.id,
        item: { id: item, due: addDays(today, 10), status: 'due-soon', type: 'own', insurer: 'vgz', window: null },
        daysLeft: 10,
      },
    });
    expect(payload.data.item.title).toEqual(expect.objectContaining({ nl: expect.any(String) }));

    await run(today);
    await run(addDays(today, 1));
    expect(outbox(item)).toHaveLength(1);
    expect(outbox(otherItem)).toEqual([]);
    const providerIds = (
      app.db.prepare("SELECT payload FROM webhook_deliveries WHERE type = 'item.due-soon'").pluck().all() as string[]
    ).map((p) => JSON.parse(p).data.providerId);
    expect(new Set(providerIds)).toEqual(new Set([provider.id]));

    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}/own-items/${item.slice('own/'.length)}`,
      headers: { ...bearer(vendor), 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ due: addDays(today, 12) }),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await run(addDays(today, 1));
    expect(outbox(item).map((m) => [m.data.item.due, m.data.daysLeft])).toEqual([
      [addDays(today, 10), 10],
      [addDays(today, 12), 11],
    ]);
    await receiver.waitFor(2, isOurs);
  });
});
