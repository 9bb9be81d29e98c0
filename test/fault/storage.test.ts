import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/**
 * The database refusing writes: SQLite's own disk-full path (a page limit the file reaches) and a
 * connection that may only read. Root ignores file permissions, so the tests use SQLite's switches
 * for the same errors (SQLITE_FULL, SQLITE_READONLY) a full disk or a read-only file raises.
 */
let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/storage.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const counts = () => ({
  providers: app.db.prepare('SELECT count(*) FROM providers').pluck().get(),
  contracts: app.db.prepare('SELECT count(*) FROM contracts').pluck().get(),
  contacts: app.db.prepare('SELECT count(*) FROM contacts').pluck().get(),
  events: app.db.prepare('SELECT count(*) FROM events').pluck().get(),
});

/** A provider whose rows need several pages: the most contacts allowed, with long names. */
const bigProvider = (agb: string) => ({
  ...validProvider,
  agb,
  contacts: Array.from({ length: 20 }, (_, i) => ({
    email: `contact${i}.${'y'.repeat(40)}@praktijk-${agb}.nl`,
    name: `Contactpersoon ${i} ${'x'.repeat(70)}`,
  })),
});

describe('a full disk', () => {
  it('answers 503 problem+json with Retry-After, writes nothing half, and recovers when space returns', async () => {
    const pageCount = app.db.pragma('page_count', { simple: true }) as number;
    let refused = 0;
    let accepted = 0;
    let agb = 20_000_000;
    // With 0, 1, 2 … free pages a create fails at a different row each time: it must never leave part of a provider.
    for (let slack = 0; slack <= 6; slack++) {
      const before = counts();
      app.db.pragma(`max_page_count = ${(app.db.pragma('page_count', { simple: true }) as number) + slack}`);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: bearer(key),
        payload: bigProvider(String(agb++)),
      });
      if (response.statusCode === 503) {
        refused++;
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('60');
        expect(response.json()).toMatchObject({
          status: 503,
          detail: expect.stringMatching(/Nothing from this request was saved/),
        });
        expect(response.body).not.toMatch(/SQLITE|full\b.*disk is/);
        expect(counts()).toEqual(before);
      } else {
        expect(response.statusCode, response.body).toBe(201);
        accepted++;
        expect(counts().contacts).toBe((before.contacts as number) + 20);
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
    expect(pageCount).toBeGreaterThan(0);

    app.db.pragma('max_page_count = 1073741823');
    const recovered = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: bearer(key),
      payload: bigProvider('29999999'),
    });
    expect(recovered.statusCode, recovered.body).toBe(201);
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('a read-only database', () => {
  it('refuses writes with 503, keeps serving reads, and writes again once writable', async () => {
    const provider = await createProvider(app, key, { agb: '31000000' });
    const before = counts();
    app.db.pragma('query_only = ON');
    try {
      const write = await app.inject({
        method: 'PATCH',
        url: `/api/v1/providers/${provider.id}`,
        headers: bearer(key),
        payload: { name: 'Nieuwe naam' },
      });
      expect(write.statusCode).toBe(503);
      expect(write.headers['content-type']).toMatch(/^application\/problem\+json/);
      const create = await app.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: bearer(key),
        payload: { ...validProvider, agb: '31000001' },
      });
      expect(create.statusCode).toBe(503);
      const read = await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(key) });
      expect(read.statusCode).toBe(200);
      expect(read.json().name).toBe(provider.name);
      expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
      expect(counts()).toEqual(before);
    } finally {
      app.db.pragma('query_only = OFF');
    }
    const write = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: bearer(key),
      payload: { name: 'Nieuwe naam' },
    });
    expect(write.statusCode, write.body).toBe(200);
    expect(write.json().name).toBe('Nieuwe naam');
  });
});
