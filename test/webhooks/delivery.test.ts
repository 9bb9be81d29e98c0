import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordStep } from '../../src/web/record-step.js';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
import { startReceiver, type Received } from './receiver.js';

/**
 * Deliveries over real HTTP to receivers on loopback, from a real SQLite outbox, verified with the standardwebhooks
 * package (not our own code). Retries are fast here (retryBaseMs), so backoff and giving up fit in a test.
 */
let dir: string;
let app: TestApp;
let key: string;
const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];

async function start(dispatcher: Record<string, number> = {}) {
  app = await buildTestApp(`${dir}/deliveries.db`, {
    env: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' },
    webhooks: { deliver: true, dispatcher: { retryBaseMs: 50, pollMs: 50, timeoutMs: 1_000, ...dispatcher } },
  });
  key = (await createKey(app, 'vendor')).key;
}

beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await app?.close();
  for (const receiver of receivers.splice(0)) await receiver.close();
  removeTempDir(dir);
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
}

async function register(url: string, events?: string[]) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: bearer(key),
    payload: { url, ...(events ? { events } : {}) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string };
}

async function recordFirstItem(providerId: string) {
  const items = (await app.inject({ url: `/api/v1/providers/${providerId}/timeline`, headers: bearer(key) })).json()
    .items as { id: string }[];
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/providers/${providerId}/events`,
    headers: bearer(key),
    payload: { item: items[0]!.id, date: '2026-05-01' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; item: string };
}

const ofType = (type: string) => (r: Received) => JSON.parse(r.body).type === type;

/** Verified as a receiver would: the standardwebhooks package, with the secret the API showed. */
function verified(secret: string, r: Received) {
  return new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string; data: any };
}

const log = async (id: string) =>
  (await app.inject({ url: `/api/v1/webhooks/${id}/deliveries`, headers: bearer(key) })).json().items as any[];

describe('webhook deliveries', () => {
  it('signs event.recorded and timeline.changed as Standard Webhooks; the log says delivered', async () => {
    await start();
    const hook = await receiver();
    const { id, secret } = await register(`${hook.url}/hooks`);
    const provider = await createProvider(app, key);
    const event = await recordFirstItem(provider.id);
    const [recorded] = await hook.waitFor(1, ofType('event.recorded'));
    const [changed] = await hook.waitFor(1, ofType('timeline.changed'));
    const payload = verified(secret, recorded!);
    expect(payload).toMatchObject({
      type: 'event.recorded',
      data: { providerId: provider.id, via: 'api', event: { id: event.id, item: event.item, date: '2026-05-01' } },
    });
    expect(recorded!.headers['webhook-id']).toMatch(/^msg_/);
    const timeline = verified(secret, changed!);
    expect(timeline.data.cause).toEqual({ type: 'event.recorded', eventId: event.id, via: 'api' });
    expect(timeline.data.itemIds).toContain(event.item);
    expect(timeline.data.items.find((i: any) => i.id === event.item)).toMatchObject({ statusAfter: 'done' });
    // A tampered body or another secret does not verify.
    expect(() =>
      new Webhook(secret).verify(`${recorded!.body} `, recorded!.headers as Record<string, string>),
    ).toThrow();
    await expect.poll(async () => (await log(id)).map((d) => d.state)).toEqual(['delivered', 'delivered']);
    const [entry] = await log(id);
    expect(entry.attemptLog).toEqual([expect.objectContaining({ attempt: 1, status: 204, error: null })]);
    const metrics = (await app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^webhook_outbox\{state="delivered"\} 2$/m);
    expect(metrics).toMatch(/^webhook_outbox\{state="pending"\} 0$/m);
  });

  it('an undo, and a step recorded through the web front door, say so; events filter what an endpoint gets', async () => {
    await start();
    const all = await receiver();
    const undoneOnly = await receiver();
    const { secret } = await register(all.url);
    await register(undoneOnly.url, ['event.undone']);
    const provider = await createProvider(app, key);
    const event = await recordFirstItem(provider.id);
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/providers/${provider.id}/events/${event.id}`,
      headers: bearer(key),
    });
    const [undone] = await all.waitFor(1, ofType('event.undone'));
    expect(verified(secret, undone!).data).toMatchObject({ via: 'api', event: { id: event.id } });
    expect(verified(secret, undone!).data.event.undoneAt).not.toBeNull();
    // Her page and a digest's link record through recordStep (src/web/record-step.ts).
    const web = recordStep(
      app,
      app.store.providers.get(provider.id, { keyId: '', admin: true })!,
      {
        item: event.item,
        date: '2026-05-02',
      },
      'nl',
    );
    expect('event' in web).toBe(true);
    const fromWeb = (await all.waitFor(2, ofType('event.recorded')))[1]!;
    expect(verified(secret, fromWeb).data).toMatchObject({ via: 'web', event: { date: '2026-05-02' } });
    await all.waitFor(3, ofType('timeline.changed'));
    const onlyUndone = await undoneOnly.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(undoneOnly.received.map((r) => JSON.parse(r.body).type)).toEqual(['event.undone']);
    expect(onlyUndone).toHaveLength(1);
  });

  it('retries a failed message with the same webhook-id, logging each status and at most 500 bytes of the answer', async () => {
    await start();
    const flaky = await receiver((_r, response, index) => {
      if (index < 2)
        response.writeHead(index === 0 ? 500 : 302, { location: 'http://127.0.0.1:1/' }).end('x'.repeat(2_000));
      else response.writeHead(200).end('ok');
    });
    const { id } = await register(flaky.url);
    const ping = (
      await app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/ping`, headers: bearer(key) })
    ).json();
    const tries = await flaky.waitFor(3);
    expect(new Set(tries.map((t) => t.headers['webhook-id']))).toEqual(new Set([ping.id]));
    // Backoff: the second wait is longer than the first (×3, with ±20% jitter).
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThan(tries[1]!.at - tries[0]!.at);
    await expect.poll(async () => (await log(id))[0].state).toBe('delivered');
    const [entry] = await log(id);
    expect(entry.attemptLog.map((a: any) => a.status)).toEqual([500, 302, 200]);
    expect(entry.attemptLog[0].body).toHaveLength(500);
    expect(entry.attemptLog[1].error).toMatch(/redirects are not followed/);
    expect(flaky.received).toHaveLength(3); // the redirect was not followed
  });

  it('a slow endpoint holds back neither another endpoint nor the API', async () => {
    await start({ timeoutMs: 3_000 });
    const slow = await receiver(() => undefined); // never answers
    const fast = await receiver();
    const slowHook = await register(slow.url);
    await register(fast.url);
    // A backlog on the slow endpoint (more than the outbox reads at once) is ahead of the fast one's messages.
    for (let i = 0; i < 120; i++)
      await app.inject({ method: 'POST', url: `/api/v1/webhooks/${slowHook.id}/ping`, headers: bearer(key) });
    const provider = await createProvider(app, key);
    const started = Date.now();
    await recordFirstItem(provider.id);
    await recordFirstItem(provider.id);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Two event.recorded, one timeline.changed (the second record of the same step moves no date).
    await fast.waitFor(3, () => true, 2_000);
    expect(Date.now() - started).toBeLessThan(2_500);
    // One at a time per endpoint: the slow one has had only its first message.
    expect(slow.received).toHaveLength(1);
    // The whole log (more than the API's page of 50): the first ping's attempt timed out.
    const attempts = () => app.webhooks.deliveries.log(slowHook.id, 500).flatMap((d) => d.attemptLog);
    await expect.poll(() => attempts().some((a) => a.error), { timeout: 6_000 }).toBe(true);
    const timedOut = attempts().find((a) => a.error)!;
    expect(timedOut.error).toMatch(/no answer within the timeout/);
  });

  it('gives up after the retry period: the endpoint is disabled and the log says why; enabling it tries again', async () => {
    await start({ giveUpAfterMs: 600 });
    let up = false;
    const dead = await receiver((_r, response) => response.writeHead(up ? 204 : 503).end());
    const { id } = await register(dead.url);
    await app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/ping`, headers: bearer(key) });
    await expect.poll(async () => (await log(id))[0].state, { timeout: 5_000 }).toBe('given-up');
    const endpoint = (await app.inject({ url: `/api/v1/webhooks/${id}`, headers: bearer(key) })).json();
    expect(endpoint.enabled).toBe(false);
    expect(endpoint.disabledReason).toMatch(/was not accepted in \d+ attempts/);
    const [entry] = await log(id);
    expect(entry.nextAttemptAt).toBeNull();
    expect(entry.attemptLog.every((a: any) => a.status === 503)).toBe(true);
    // While disabled nothing is sent; a new message waits in the outbox.
    const before = dead.received.length;
    up = true;
    const provider = await createProvider(app, key);
    await recordFirstItem(provider.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dead.received).toHaveLength(before);
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${id}`,
      headers: bearer(key),
      payload: { enabled: true },
    });
    // The given-up ping and the two new messages.
    await dead.waitFor(before + 3, () => true, 3_000);
    await expect.poll(async () => (await log(id)).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('after a rotation both secrets sign for a while: the old and the new one each verify', async () => {
    await start();
    const hook = await receiver();
    const { id, secret: old } = await register(hook.url);
    const rotated = (
      await app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/rotate-secret`, headers: bearer(key) })
    ).json();
    await app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/ping`, headers: bearer(key) });
    const [ping] = await hook.waitFor(1);
    expect(String(ping!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(old, ping!).type).toBe('webhook.ping');
    expect(verified(rotated.secret, ping!).data).toEqual({ endpointId: id });
  });

  it('an attempt that cannot be recorded (a full disk) is sent again only after a wait, not at once', async () => {
    await start({ retryBaseMs: 400 });
    const hook = await receiver();
    const { id } = await register(hook.url);
    const deliveries = app.webhooks.deliveries;
    const record = deliveries.recordAttempt.bind(deliveries);
    let failures = 1;
    deliveries.recordAttempt = (...args) => {
      if (failures-- > 0) throw new Error('SQLITE_FULL: database or disk is full');
      record(...args);
    };
    await app.inject({ method: 'POST', url: `/api/v1/webhooks/${id}/ping`, headers: bearer(key) });
    const [first, second] = await hook.waitFor(2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(350);
    await expect.poll(async () => (await log(id))[0].state).toBe('delivered');
  });
});
