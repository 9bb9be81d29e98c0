import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
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
import { ROOT } from '../process.js';

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/api-keys.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

/** Runs `code` in a separate Node process with `db` open on this test's database file (as a CLI command opens it); its output. */
function inAnotherProcess(code: string): string {
  const module = (path: string) => JSON.stringify(pathToFileURL(`${ROOT}/${path}`).href);
  return execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `
    const { openDatabase } = await import(${module('src/store/database.ts')});
    const { ApiKeyStore } = await import(${module('src/store/api-keys.ts')});
    const db = openDatabase(${JSON.stringify(`${dir}/api-keys.db`)});
    try { ${code} } finally { db.close(); }`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
}

describe('POST /api/v1/api-keys', () => {
  it('creates a key that is shown once and stored only as a hash', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(ADMIN_KEY),
      payload: { name: 'Praktijksoftware BV' },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ name: 'Praktijksoftware BV', admin: false });
    expect(created.key).toMatch(/^gzd_[A-Za-z0-9_-]{43}$/);
    const stored = JSON.stringify(app.db.prepare('SELECT * FROM api_keys').all());
    expect(stored).not.toContain(created.key);
    expect(stored).not.toContain(created.key.slice(4));
    expect((await app.inject({ url: '/api/v1/providers', headers: bearer(created.key) })).statusCode).toBe(200);
  });

  it('creates admin keys that can manage keys', async () => {
    const admin = await createKey(app, 'second admin', true);
    expect((await app.inject({ url: '/api/v1/api-keys', headers: bearer(admin.key) })).statusCode).toBe(200);
  });

  it('refuses bad names', async () => {
    for (const payload of [
      {},
      { name: '' },
      { name: 'a\nb' },
      { name: 'x'.repeat(101) },
      { name: 'ok', admin: 'yes' },
      { name: 'ok', extra: 1 },
    ]) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: bearer(ADMIN_KEY),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().errors.length).toBeGreaterThan(0);
    }
  });
});

describe('who may manage keys', () => {
  it('answers 401 without a key, with a bad header, or with an unknown key', async () => {
    const cases = [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }, { authorization: 'Bearer nope' }];
    for (const headers of cases) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'x' } });
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json()).toMatchObject({
        status: 401,
        title: 'Unauthorized',
        errors: [{ field: 'authorization', in: 'headers' }],
      });
    }
  });

  it('answers 403 to a tenant key on every key route', async () => {
    const tenant = await createKey(app, 'tenant');
    const requests = [
      { method: 'POST' as const, url: '/api/v1/api-keys', payload: { name: 'x' } },
      { method: 'GET' as const, url: '/api/v1/api-keys' },
      { method: 'DELETE' as const, url: `/api/v1/api-keys/${tenant.id}` },
    ];
    for (const request of requests) {
      const response = await app.inject({ ...request, headers: bearer(tenant.key) });
      expect(response.statusCode, request.method).toBe(403);
      expect(response.json()).toMatchObject({ status: 403, title: 'Forbidden' });
    }
  });
});

describe('GET /api/v1/api-keys', () => {
  it('lists keys without the keys themselves', async () => {
    const created = await createKey(app, 'listed');
    const response = await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items.find((k: { id: string }) => k.id === created.id)).toEqual({
      id: created.id,
      name: 'listed',
      admin: false,
      createdAt: expect.any(String),
      revokedAt: null,
    });
    expect(items.some((k: { admin: boolean; name: string }) => k.admin && k.name.includes('ADMIN_API_KEY'))).toBe(true);
    expect(response.body).not.toContain(created.key);
  });
});

describe('DELETE /api/v1/api-keys/:id', () => {
  it('revokes a key at once; its providers stay visible to an admin', async () => {
    const tenant = await createKey(app, 'to revoke');
    const provider = await createProvider(app, tenant.key, { agb: '40000001' });
    // A read first, so the key is one the server has verified and remembers when the revocation comes.
    expect(
      (await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(tenant.key) })).statusCode,
    ).toBe(200);
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${tenant.id}`,
      headers: bearer(ADMIN_KEY),
    });
    expect(revoke.statusCode).toBe(204);
    const refused = await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(tenant.key) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toBe('the API key is unknown or revoked');
    expect((await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(ADMIN_KEY) })).statusCode).toBe(
      200,
    );
    const listed = (await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) }))
      .json()
      .items.find((k: { id: string }) => k.id === tenant.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
  });

  it("keeps its providers' feed and page addresses by default, and changes them with rotateFeeds=true", async () => {
    const kept = await createKey(app, 'kept feeds');
    const keptProvider = await createProvider(app, kept.key, { agb: '40000011' });
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${kept.id}`, headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ url: new URL(keptProvider.feedUrl).pathname })).statusCode).toBe(200);

    const rotated = await createKey(app, 'rotated feeds');
    const provider = await createProvider(app, rotated.key, { agb: '40000012' });
    const other = await createProvider(app, (await createKey(app, 'bystander')).key, { agb: '40000013' });
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/api-keys/${rotated.id}?rotateFeeds=true`,
          headers: bearer(ADMIN_KEY),
        })
      ).statusCode,
    ).toBe(204);
    for (const path of [new URL(provider.feedUrl).pathname, new URL(provider.timelinePageUrl).pathname])
      expect((await app.inject({ url: path })).statusCode, path).toBe(404);
    const now = (await app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(ADMIN_KEY) })).json();
    expect(now.feedUrl).not.toBe(provider.feedUrl);
    expect((await app.inject({ url: new URL(now.feedUrl).pathname })).statusCode).toBe(200);
    expect((await app.inject({ url: new URL(other.feedUrl).pathname })).statusCode).toBe(200);
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/api-keys/${rotated.id}?rotateFeeds=maybe`,
          headers: bearer(ADMIN_KEY),
        })
      ).statusCode,
    ).toBe(400);
  });

  it('stops a key revoked by another process on the same database on the very next request; a key it creates works at once', async () => {
    const tenant = await createKey(app, 'revoked by another process');
    const provider = await createProvider(app, tenant.key, { agb: '40000021' });
    const read = () => app.inject({ url: `/api/v1/providers/${provider.id}`, headers: bearer(tenant.key) });
    expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(200);
    const created = JSON.parse(
      inAnotherProcess(`
      const keys = new ApiKeyStore(db);
      keys.revoke(${JSON.stringify(tenant.id)});
      console.log(JSON.stringify(keys.create('made by another process')));`),
    );
    const refused = await read();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toBe('the API key is unknown or revoked');
    expect((await app.inject({ url: '/api/v1/providers', headers: bearer(created.key) })).statusCode).toBe(200);
  });

  it('answers 404 for an unknown or already revoked key', async () => {
    const tenant = await createKey(app, 'twice');
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${tenant.id}`, headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${tenant.id}`, headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/v1/api-keys/unknown', headers: bearer(ADMIN_KEY) })).statusCode,
    ).toBe(404);
  });
});

describe('ADMIN_API_KEY', () => {
  it('is ensured at start: the same key again is not a second row, and a revoked bootstrap key works again', async () => {
    const localDir = tempDir();
    try {
      const first = await buildTestApp(`${localDir}/bootstrap.db`);
      const { id } = first.store.apiKeys.authenticate(ADMIN_KEY)!;
      first.store.apiKeys.revoke(id);
      expect((await first.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).statusCode).toBe(401);
      await first.close();
      const second = await buildTestApp(`${localDir}/bootstrap.db`);
      expect((await second.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).json().items).toHaveLength(
        1,
      );
      await second.close();
      const withoutAdmin = await buildTestApp(`${localDir}/none.db`, { env: { ADMIN_API_KEY: '' } });
      expect(withoutAdmin.store.apiKeys.list()).toEqual([]);
      await withoutAdmin.close();
    } finally {
      removeTempDir(localDir);
    }
  });
});
