import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/store/migrations.js';
import { buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/health.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('GET /health and /ready', () => {
  it('answer while the database is open', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    expect((await app.inject({ url: '/ready' })).json()).toEqual({
      status: 'ready',
      calendars: 2,
      migration: readMigrations().length,
    });
  });

  it('/ready answers a 503 problem without internals when the database is gone, /health stays up', async () => {
    app.db.close();
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.json()).toMatchObject({ status: 503, detail: 'the database is not available' });
    expect(ready.body).not.toMatch(/sqlite|better-sqlite3|connection is not open/i);
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });

  it('answers an unexpected failure with a 500 problem that does not leak the error', async () => {
    const response = await app.inject({ url: '/api/v1/calendars/voorbeeld/2027/timeline?kind=verloskunde&status=new' });
    expect(response.statusCode).toBe(200);
    const broken = await app.inject({ url: '/api/v1/providers', headers: { authorization: 'Bearer anything' } });
    expect(broken.statusCode).toBe(500);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(broken.json()).toMatchObject({
      status: 500,
      title: 'Internal server error',
      detail: expect.stringContaining('requestId'),
    });
    expect(broken.body).not.toMatch(/database|sqlite|statement|stack/i);
    expect(broken.json().requestId).toBe(broken.headers['x-request-id']);
    expect(broken.json().requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
