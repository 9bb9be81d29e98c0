import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/conditional.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const read = (id: string) => app.inject({ url: `/api/v1/providers/${id}`, headers: bearer(key) });
const patch = (id: string, payload: object, ifMatch?: string) =>
  app.inject({
    method: 'PATCH',
    url: `/api/v1/providers/${id}`,
    headers: { ...bearer(key), ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    payload,
  });
const remove = (id: string, ifMatch: string) =>
  app.inject({ method: 'DELETE', url: `/api/v1/providers/${id}`, headers: { ...bearer(key), 'if-match': ifMatch } });

describe('If-Match on PATCH and DELETE of a provider', () => {
  it('two editors: the second, holding the old ETag, gets 412 and changes nothing', async () => {
    const provider = await createProvider(app, key, { agb: '22220001' });
    const etag = (await read(provider.id)).headers.etag as string;
    const first = await patch(provider.id, { name: 'Praktijk Eerste' }, etag);
    expect(first.statusCode).toBe(200);
    expect(first.json().name).toBe('Praktijk Eerste');
    const newTag = first.headers.etag as string;
    expect(newTag).toBeDefined();
    expect(newTag).not.toBe(etag);
    // The answer's ETag is the one a read gives now: the client's next If-Match.
    expect((await read(provider.id)).headers.etag).toBe(newTag);

    const second = await patch(provider.id, { name: 'Praktijk Tweede' }, etag);
    expect(second.statusCode).toBe(412);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().type).toMatch(/precondition-failed$/);
    expect(second.headers.etag).toBe(newTag);
    expect((await read(provider.id)).json().name).toBe('Praktijk Eerste');

    expect((await patch(provider.id, { name: 'Praktijk Tweede' }, newTag)).statusCode).toBe(200);
  });

  it('* matches any current provider; a weak tag never matches; without If-Match the change is made', async () => {
    const provider = await createProvider(app, key, { agb: '22220002' });
    expect((await patch(provider.id, { name: 'Met ster' }, '*')).statusCode).toBe(200);
    const etag = (await read(provider.id)).headers.etag as string;
    expect((await patch(provider.id, { name: 'Zwak' }, `W/${etag}`)).statusCode).toBe(412);
    expect((await patch(provider.id, { name: 'Zonder' })).statusCode).toBe(200);
  });

  it('DELETE with an old ETag is refused and the provider stays; with the current one it goes', async () => {
    const provider = await createProvider(app, key, { agb: '22220003' });
    const etag = (await read(provider.id)).headers.etag as string;
    await patch(provider.id, { name: 'Intussen gewijzigd' });
    expect((await remove(provider.id, etag)).statusCode).toBe(412);
    expect((await read(provider.id)).statusCode).toBe(200);
    const current = (await read(provider.id)).headers.etag as string;
    expect((await remove(provider.id, current)).statusCode).toBe(204);
    expect((await read(provider.id)).statusCode).toBe(404);
  });
});
