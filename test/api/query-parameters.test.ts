import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;
let provider: Record<string, any>;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/query.db`);
  key = (await createKey(app)).key;
  provider = await createProvider(app, key);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const get = (url: string) => app.inject({ url, headers: bearer(key) });

describe('an /api operation takes the query parameters it declares, and no others', () => {
  it('refuses a parameter the operation does not declare, naming it and the ones it takes', async () => {
    const answer = await get(`/api/v1/providers?sort=name`);
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    const [error] = answer.json().errors;
    expect(error).toMatchObject({ field: 'sort', in: 'querystring' });
    expect(error.message).toContain('limit');
  });

  it('refuses a filter a client might think it applied (timeline?frobnicate=1), changing nothing', async () => {
    const answer = await get(`/api/v1/providers/${provider.id}/timeline?frobnicate=overdue`);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors[0]).toMatchObject({ field: 'frobnicate', in: 'querystring' });
  });

  it('says an operation without parameters takes none', async () => {
    const answer = await get(`/api/v1/providers/${provider.id}?expand=contacts`);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors[0].message).toContain('takes none');
  });

  it('still answers the parameters it declares', async () => {
    expect((await get(`/api/v1/providers?limit=5&offset=0`)).statusCode).toBe(200);
    expect((await get(`/api/v1/providers/${provider.id}/events?includeUndone=true`)).statusCode).toBe(200);
  });
});
