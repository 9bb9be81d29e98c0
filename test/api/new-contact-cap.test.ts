import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { bearer, buildTestApp, createKey, removeTempDir, tempDir, validProvider, type TestApp } from '../helper.js';

/** A per-key daily cap on new contact addresses (issue 24): no tenant reaches any number of strangers. */
let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/cap.db`, { env: { NEW_CONTACTS_PER_KEY_PER_DAY: '5' } });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const addresses = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ email: `contact${from + i}@praktijk.nl` }));

const post = (key: string, agb: string, contacts: object[]) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: bearer(key),
    payload: { ...validProvider, agb, contacts },
  });

const patch = (key: string, id: string, body: object) =>
  app.inject({ method: 'PATCH', url: `/api/v1/providers/${id}`, headers: bearer(key), payload: body });

const count = (sql: string) => app.db.prepare(sql).pluck().get() as number;

describe('NEW_CONTACTS_PER_KEY_PER_DAY', () => {
  it('defaults to 200', () => {
    expect(loadConfig({}).newContactsPerKeyPerDay).toBe(200);
    expect(() => loadConfig({ NEW_CONTACTS_PER_KEY_PER_DAY: 'many' })).toThrow(/NEW_CONTACTS_PER_KEY_PER_DAY/);
  });

  it('refuses a write past the cap whole with a 429 problem and Retry-After; other keys are not affected', async () => {
    const { key } = await createKey(app, 'cap tenant');
    const first = await post(key, '20000001', addresses(0, 3));
    expect(first.statusCode).toBe(201);

    const refused = await post(key, '20000002', addresses(3, 3));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    expect(refused.json()).toMatchObject({
      status: 429,
      detail: expect.stringMatching(/added 5 new contact addresses in the last 24 hours.*nothing was changed/),
      errors: [{ field: 'contacts', in: 'body' }],
    });
    expect(count("SELECT count(*) FROM providers WHERE agb = '20000002'")).toBe(0);

    // Contacts that stay are not new; two more fill the day exactly.
    const id = first.json().id as string;
    expect((await patch(key, id, { name: 'Praktijk Oost' })).statusCode).toBe(200);
    expect((await patch(key, id, { contacts: addresses(0, 5) })).statusCode).toBe(200);
    const over = await patch(key, id, { contacts: addresses(0, 6) });
    expect(over.statusCode).toBe(429);
    expect(count(`SELECT count(*) FROM contacts WHERE provider_id = '${id}'`)).toBe(5);

    // Another tenant has its own day.
    const other = await createKey(app, 'other tenant');
    expect((await post(other.key, '20000003', addresses(10, 5))).statusCode).toBe(201);

    // The operator's admin key is not a tenant's: not capped.
    const admin = await createKey(app, 'operator', true);
    expect((await post(admin.key, '20000004', addresses(20, 6))).statusCode).toBe(201);

    // A day later the additions no longer count.
    app.db.prepare("UPDATE new_contact_ledger SET added_at = '2000-01-01T00:00:00.000Z'").run();
    expect((await patch(key, id, { contacts: addresses(0, 6) })).statusCode).toBe(200);
  });
});
