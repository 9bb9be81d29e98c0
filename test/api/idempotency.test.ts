import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdempotencyStore } from '../../src/store/idempotency.js';
import {
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  validProvider,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;
let other: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/idempotency.db`);
  key = (await createKey(app)).key;
  other = (await createKey(app, 'other')).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const post = (url: string, apiKey: string, payload: object, idempotencyKey?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...bearer(apiKey), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    payload,
  });
const providerCount = async (apiKey: string) =>
  (await app.inject({ url: '/api/v1/providers', headers: bearer(apiKey) })).json().total as number;

/** A computed, dated item of the provider's timeline, and a date to correct it to that is not its own. */
const correctable = async (base: string) => {
  const items = (await app.inject({ url: `${base}/timeline`, headers: bearer(key) })).json().items as {
    id: string;
    due: string | null;
    type: string;
  }[];
  const item = items.find((entry) => entry.due && entry.type !== 'own')!;
  return { item, due: item.due === '2027-01-15' ? '2027-01-16' : '2027-01-15' };
};

describe('Idempotency-Key on POST /api/v1/providers', () => {
  it('a retry with the same key and body answers the first creation and creates nothing', async () => {
    const body = { ...validProvider, agb: '11110001' };
    const before = await providerCount(key);
    const first = await post('/api/v1/providers', key, body, 'create-11110001');
    const retry = await post('/api/v1/providers', key, { ...body }, 'create-11110001');
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.json().id).toBe(first.json().id);
    expect(await providerCount(key)).toBe(before + 1);
  });

  it('the same key with another body answers 422 and creates nothing', async () => {
    await post('/api/v1/providers', key, { ...validProvider, agb: '11110002' }, 'reused');
    const before = await providerCount(key);
    const reuse = await post('/api/v1/providers', key, { ...validProvider, agb: '11110003' }, 'reused');
    expect(reuse.statusCode).toBe(422);
    expect(reuse.headers['content-type']).toContain('application/problem+json');
    expect(reuse.json().type).toMatch(/idempotency-key-reused$/);
    expect(reuse.json().errors[0]).toMatchObject({ field: 'idempotency-key', in: 'headers' });
    expect(await providerCount(key)).toBe(before);
  });

  it('keys belong to their API key: another tenant with the same key creates its own', async () => {
    const mine = await post('/api/v1/providers', key, { ...validProvider, agb: '11110004' }, 'shared-key');
    const theirs = await post('/api/v1/providers', other, { ...validProvider, agb: '11110004' }, 'shared-key');
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('refuses a key that is not visible ASCII, naming the header', async () => {
    const response = await post('/api/v1/providers', key, { ...validProvider, agb: '11110005' }, 'has space');
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().errors)).toContain('idempotency-key');
  });

  it('a duplicate AGB code without a key answers 409 with the existing provider in Location', async () => {
    const existing = await createProvider(app, key, { agb: '11110006' });
    const duplicate = await post('/api/v1/providers', key, { ...validProvider, agb: '11110006' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers.location).toBe(`/api/v1/providers/${existing.id}`);
    expect(duplicate.json().detail).toContain(existing.id);
  });
});

describe('Idempotency-Key on POST /api/v1/providers/:id/events', () => {
  it('a retried event is recorded once', async () => {
    const provider = await createProvider(app, key, { agb: '11110007' });
    const items = (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(key) })).json()
      .items as { id: string; chain?: { step: number } }[];
    const trigger = items.find((item) => item.chain?.step === 1)!;
    const url = `/api/v1/providers/${provider.id}/events`;
    const body = { item: trigger.id, date: '2026-03-10' };
    const first = await post(url, key, body, 'event-1');
    const retry = await post(url, key, body, 'event-1');
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers.location).toBe(first.headers.location);
    const list = (await app.inject({ url, headers: bearer(key) })).json().items as unknown[];
    expect(list).toHaveLength(1);
    expect((await post(url, key, { ...body, date: '2026-03-11' }, 'event-1')).statusCode).toBe(422);
  });
});

describe('Idempotency-Key on POST /api/v1/providers/:id/own-items', () => {
  it('a retried own date is recorded once', async () => {
    const provider = await createProvider(app, key, { agb: '11110008' });
    const url = `/api/v1/providers/${provider.id}/own-items`;
    const body = { insurer: null, title: 'Offerte voorbereiden', due: '2027-03-01', note: 'eigen planning' };
    const first = await post(url, key, body, 'own-1');
    const retry = await post(url, key, body, 'own-1');
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect((await app.inject({ url, headers: bearer(key) })).json().items).toHaveLength(1);
  });
});

describe('Idempotency-Key on POST /api/v1/webhooks', () => {
  it('a retried registration answers the same endpoint and secret and registers one', async () => {
    const tenant = (await createKey(app, 'hooks')).key;
    const body = { url: 'https://practice-software.example/retried', events: ['event.recorded'] };
    const first = await post('/api/v1/webhooks', tenant, body, 'hook-1');
    const retry = await post('/api/v1/webhooks', tenant, body, 'hook-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.json()).toMatchObject({ id: first.json().id, secret: first.json().secret });
    expect(first.json().secret).toMatch(/^whsec_/);
    const list = await app.inject({ url: '/api/v1/webhooks', headers: bearer(tenant) });
    expect(list.json().items).toHaveLength(1);

    const other = await post(
      '/api/v1/webhooks',
      tenant,
      { ...body, url: 'https://practice-software.example/x' },
      'hook-1',
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toMatch(/idempotency-key-reused$/);
    expect((await app.inject({ url: '/api/v1/webhooks', headers: bearer(tenant) })).json().items).toHaveLength(1);
  });

  it('a retry after the endpoint was deleted says what it created is gone', async () => {
    const tenant = (await createKey(app, 'hooks-gone')).key;
    const body = { url: 'https://practice-software.example/gone' };
    const first = await post('/api/v1/webhooks', tenant, body, 'hook-2');
    const removed = await app.inject({
      method: 'DELETE',
      url: first.headers.location as string,
      headers: bearer(tenant),
    });
    expect(removed.statusCode).toBe(204);
    const retry = await post('/api/v1/webhooks', tenant, body, 'hook-2');
    expect(retry.statusCode).toBe(404);
    expect(retry.json().type).toMatch(/idempotency-key-target-gone$/);
    expect((await app.inject({ url: '/api/v1/webhooks', headers: bearer(tenant) })).json().items).toHaveLength(0);
  });
});

describe('a retried correction', () => {
  it('is keyed by its item: the same correction again changes nothing and leaves no history row', async () => {
    const provider = await createProvider(app, key, { agb: '11110009' });
    const base = `/api/v1/providers/${provider.id}`;
    const { item, due } = await correctable(base);
    const body = { item: item.id, due, reason: 'brief van de verzekeraar, 2 december' };
    const first = await post(`${base}/corrections`, key, body);
    const retry = await post(`${base}/corrections`, key, body);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers.etag).toBe(first.headers.etag);
    const history = await app.inject({ url: `${base}/corrections/${first.json().id}/history`, headers: bearer(key) });
    expect(history.json().items.map((change: { action: string }) => change.action)).toEqual(['created']);
  });
});

describe('Idempotency-Key on POST /api/v1/providers/:id/corrections', () => {
  it('a retry answers the first correction as replayed; the key with another date answers 422 and changes nothing', async () => {
    const provider = await createProvider(app, key, { agb: '11110010' });
    const base = `/api/v1/providers/${provider.id}`;
    const { item, due } = await correctable(base);
    const body = { item: item.id, due, reason: 'brief van de verzekeraar, 3 december' };
    const first = await post(`${base}/corrections`, key, body, 'correction-1');
    const retry = await post(`${base}/corrections`, key, body, 'correction-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.json()).toEqual(first.json());

    const reused = await post(`${base}/corrections`, key, { ...body, due: '2027-01-20' }, 'correction-1');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().type).toMatch(/idempotency-key-reused$/);
    const live = (await app.inject({ url: `${base}/corrections`, headers: bearer(key) })).json().items;
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ item: item.id, due });
    const history = await app.inject({ url: `${base}/corrections/${first.json().id}/history`, headers: bearer(key) });
    expect(history.json().items.map((change: { action: string }) => change.action)).toEqual(['created']);
  });

  it('a refused correction stores no key: the same key with a valid body then corrects', async () => {
    const provider = await createProvider(app, key, { agb: '11110011' });
    const base = `/api/v1/providers/${provider.id}`;
    const refused = await post(
      `${base}/corrections`,
      key,
      { item: 'no-such-item', due: '2027-01-15', reason: 'x' },
      'c-2',
    );
    expect(refused.statusCode).toBe(400);
    const { item, due } = await correctable(base);
    const retried = await post(`${base}/corrections`, key, { item: item.id, due, reason: 'x' }, 'c-2');
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('the key and what it created are one write', () => {
  it('where the key cannot be stored, nothing is created', async () => {
    const broken = await buildTestApp(`${dir}/broken.db`);
    try {
      const tenant = (await createKey(broken)).key;
      broken.db.exec('DROP TABLE idempotency_keys');
      const response = await broken.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: { ...bearer(tenant), 'idempotency-key': 'k' },
        payload: validProvider,
      });
      expect(response.statusCode).toBe(500);
      const total = (await broken.inject({ url: '/api/v1/providers', headers: bearer(tenant) })).json().total;
      expect(total).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('a key is forgotten after 24 hours', () => {
    const store = new IdempotencyStore(app.db);
    const keyId = (app.db.prepare('SELECT id FROM api_keys LIMIT 1').get() as { id: string }).id;
    store.remember(keyId, 'old', 'fingerprint', '/api/v1/providers/x');
    expect(store.find(keyId, 'old')).toMatchObject({ location: '/api/v1/providers/x' });
    expect(store.find(keyId, 'old', Date.now() + 25 * 60 * 60 * 1000)).toBeUndefined();
  });
});
