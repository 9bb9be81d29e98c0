import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../src/plugins/app/answer-cache.js';
import { CalendarSet } from '../../../src/domain/calendar-set.js';
import { ApiKeyStore } from '../../../src/store/api-keys.js';
import { openDatabase, type Db } from '../../../src/store/database.js';
import { rotateAllTokens } from '../../../src/store/rotation.js';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  TODAY,
  type TestApp,
} from '../../helper.js';

/**
 * Cached read answers are never stale: every read is asked twice (so the second may come from the cache), then
 * something changes, and the next read must show it. These tests check invalidation, not speed.
 */
let dir: string;
let app: TestApp;
let day: string;
let tenant: { id: string; key: string };
let provider: Record<string, any>;
/** A second connection to the same file: what another process (the tokens:rotate command, a second server) writes. */
let other: Db;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/answers.db`, { today: () => day });
  other = openDatabase(`${dir}/answers.db`);
});
afterAll(async () => {
  other.close();
  await app.close();
  removeTempDir(dir);
});
beforeEach(async () => {
  day = TODAY;
  app.calendars = fixtureCalendars;
  tenant = await createKey(app);
  provider = await createProvider(app, tenant.key, {
    agb: String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
  });
});

const pagePath = () => new URL(provider.feedUrl).pathname.replace(/\.ics$/, '.html');

/** GET twice (the second read may be answered from the cache); both answers must agree. */
async function read(url: string, key: string | null = tenant.key) {
  const headers = key === null ? {} : bearer(key);
  const first = await app.inject({ url, headers });
  const second = await app.inject({ url, headers });
  expect(second.statusCode).toBe(first.statusCode);
  if (second.statusCode === 200) expect(second.body).toBe(first.body);
  return second;
}
const timeline = async () => (await read(`/api/v1/providers/${provider.id}/timeline`)).json();
const events = async (query = '') =>
  (await read(`/api/v1/providers/${provider.id}/events${query}`)).json().items as any[];
const resource = async () => (await read(`/api/v1/providers/${provider.id}`)).json();
const page = async () => (await read(pagePath(), null)).body;

async function recordTrigger() {
  const trigger = (await timeline()).items.find((item: any) => item.chain?.step === 1);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/providers/${provider.id}/events`,
    headers: bearer(tenant.key),
    payload: { item: trigger.id, date: '2026-03-10' },
  });
  expect(response.statusCode).toBe(201);
  return { trigger, event: response.json() };
}

describe('cached read answers', () => {
  it('show a recorded event at once: timeline, events list and timeline page', async () => {
    const before = { timeline: await timeline(), events: await events(), page: await page() };
    expect(before.events).toEqual([]);
    const { trigger, event } = await recordTrigger();
    const after = await timeline();
    expect(after.items.find((item: any) => item.id === trigger.id)).toMatchObject({
      status: 'done',
      done: '2026-03-10',
    });
    expect(before.timeline.items.find((item: any) => item.id === trigger.id).status).not.toBe('done');
    expect((await events()).map((e) => e.id)).toEqual([event.id]);
    expect(await page()).not.toBe(before.page);
  });

  it('show an undone event at once', async () => {
    const { trigger, event } = await recordTrigger();
    expect((await timeline()).items.find((item: any) => item.id === trigger.id).status).toBe('done');
    expect(await events()).toHaveLength(1);
    const withEvent = await page();
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/providers/${provider.id}/events/${event.id}`,
          headers: bearer(tenant.key),
        })
      ).statusCode,
    ).toBe(204);
    expect((await timeline()).items.find((item: any) => item.id === trigger.id).status).not.toBe('done');
    expect(await events()).toEqual([]);
    expect((await events('?includeUndone=true'))[0]).toMatchObject({ id: event.id, undoneBy: tenant.id });
    expect(await page()).not.toBe(withEvent);
  });

  it('show a provider change (PATCH) at once: resource, timeline and page', async () => {
    expect((await resource()).name).toBe(provider.name);
    expect((await timeline()).provider.name).toBe(provider.name);
    expect(await page()).toContain(provider.name);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: bearer(tenant.key),
      payload: { name: 'Praktijk Zuid' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await resource()).name).toBe('Praktijk Zuid');
    expect((await timeline()).provider.name).toBe('Praktijk Zuid');
    expect(await page()).toContain('Praktijk Zuid');
  });

  it("show a contact change at once: the resource, and the page in the first contact's language", async () => {
    expect(await page()).toContain('<html lang="nl"');
    expect((await resource()).contacts).toEqual(provider.contacts);
    const contacts = [{ email: 'board@example.nl', name: 'Board', language: 'en' }];
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/providers/${provider.id}`,
          headers: bearer(tenant.key),
          payload: { contacts },
        })
      ).statusCode,
    ).toBe(200);
    expect((await resource()).contacts).toEqual(contacts);
    expect(await page()).toContain('<html lang="en"');
  });

  it('show a contract change at once (another calendar of the provider)', async () => {
    const count = (await timeline()).items.length;
    const contracts = [...provider.contracts, { insurer: 'proef', year: 2026, status: 'existing' }];
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/v1/providers/${provider.id}`,
          headers: bearer(tenant.key),
          payload: { contracts },
        })
      ).statusCode,
    ).toBe(200);
    expect((await timeline()).items.length).toBeGreaterThan(count);
    expect((await resource()).contracts).toHaveLength(2);
  });

  it('follow a calendar change (a replaced calendar set)', async () => {
    expect((await timeline()).items.length).toBeGreaterThan(0);
    const before = await page();
    app.calendars = new CalendarSet(
      fixtureCalendars
        .all()
        .filter((calendar) => calendar.key !== 'voorbeeld/2027')
        .map((calendar) => calendar.file),
    );
    expect((await timeline()).items).toEqual([]);
    expect(await page()).not.toBe(before);
  });

  it('follow a new Amsterdam day: statuses and asOf as of the new today', async () => {
    const earlier = await timeline();
    expect(earlier.asOf).toBe(TODAY);
    const before = await page();
    day = '2027-06-01';
    const later = await timeline();
    expect(later.asOf).toBe('2027-06-01');
    expect(later.items.map((item: any) => item.status)).not.toEqual(earlier.items.map((item: any) => item.status));
    expect(await page()).not.toBe(before);
  });

  it('are never given to another tenant: another key gets 404, the admin key the same answer', async () => {
    const own = await timeline();
    const stranger = await createKey(app, 'stranger');
    for (const url of [
      `/api/v1/providers/${provider.id}`,
      `/api/v1/providers/${provider.id}/timeline`,
      `/api/v1/providers/${provider.id}/events`,
    ]) {
      expect((await read(url, stranger.key)).statusCode).toBe(404);
    }
    expect((await read(`/api/v1/providers/${provider.id}/timeline`, ADMIN_KEY)).json()).toEqual(own);
  });

  it('stop with a revoked key at once, revoked here or by another process', async () => {
    await timeline();
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${tenant.id}`, headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(tenant.key) })).statusCode,
    ).toBe(401);

    const second = await createKey(app, 'second');
    const own = await createProvider(app, second.key, { agb: '87654321' });
    expect((await read(`/api/v1/providers/${own.id}`, second.key)).statusCode).toBe(200);
    expect(new ApiKeyStore(other).revoke(second.id)).toBe(true);
    expect((await app.inject({ url: `/api/v1/providers/${own.id}`, headers: bearer(second.key) })).statusCode).toBe(
      401,
    );
  });

  it('follow a new feed address made by another process (tokens:rotate): resource, old page 404', async () => {
    const before = await resource();
    const oldPage = pagePath();
    expect((await page()).length).toBeGreaterThan(0);
    rotateAllTokens(other);
    const after = await resource();
    expect(after.feedUrl).not.toBe(before.feedUrl);
    expect((await app.inject({ url: oldPage })).statusCode).toBe(404);
    provider = after;
    expect((await app.inject({ url: pagePath() })).statusCode).toBe(200);
  });

  it('answer a matching If-None-Match with 304 until the answer changes', async () => {
    for (const [url, key] of [
      [`/api/v1/providers/${provider.id}`, tenant.key],
      [`/api/v1/providers/${provider.id}/timeline`, tenant.key],
      [`/api/v1/providers/${provider.id}/events`, tenant.key],
      [pagePath(), null],
    ] as const) {
      const headers = key === null ? {} : bearer(key);
      const first = await app.inject({ url, headers });
      expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await app.inject({ url, headers: { ...headers, 'if-none-match': first.headers.etag as string } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect((await app.inject({ url, headers: { ...headers, 'if-none-match': '"other"' } })).statusCode).toBe(200);
    }
    const etag = (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(tenant.key) }))
      .headers.etag as string;
    await recordTrigger();
    const changed = await app.inject({
      url: `/api/v1/providers/${provider.id}/timeline`,
      headers: { ...bearer(tenant.key), 'if-none-match': etag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('keep a timeline page asked with another query out of the cache, and answer it right', async () => {
    const plain = await page();
    const other = await read(`${pagePath()}?utm_source=mail`, null);
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('utm_source=mail');
    expect(plain).not.toContain('utm_source');
  });
});

describe('AnswerCache', () => {
  it('answers a key only at the version it was kept with', () => {
    const cache = new AnswerCache();
    cache.set('k', 'v1', 'one', 'text/plain');
    expect(cache.get('k', 'v1')?.body.toString()).toBe('one');
    expect(cache.get('k', 'v2')).toBeUndefined();
    expect(cache.answer('k', 'v2', 'text/plain', () => 'two').body.toString()).toBe('two');
    expect(cache.get('k', 'v1')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const cache = new AnswerCache(10_000);
    const body = 'x'.repeat(2_000);
    for (let i = 0; i < 10; i++) {
      cache.set(`k${i}`, 'v', body, 'text/plain');
      cache.get('k0', 'v');
    }
    expect(cache.sizeBytes).toBeLessThanOrEqual(10_000);
    expect(cache.get('k0', 'v')).toBeDefined();
    expect(cache.get('k1', 'v')).toBeUndefined();
    expect(cache.get('k9', 'v')).toBeDefined();
  });
});
