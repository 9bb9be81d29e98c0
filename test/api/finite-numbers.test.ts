import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, bearer, buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let base: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/finite.db`);
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('numbers in queries and bodies are finite integers', () => {
  it.each([
    'limit=1e309',
    'offset=1e309',
    'limit=-1e309',
    'limit=1e2',
    'limit=0x10',
    'limit=+5',
    'offset=1.5',
    'offset=Infinity',
    'limit=NaN',
  ])('GET /api/v1/providers?%s is a 400 problem naming the field', async (query) => {
    const answer = await fetch(`${base}/api/v1/providers?${query}`, { headers: bearer(ADMIN_KEY) });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await answer.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field)).toEqual([query.split('=')[0]]);
  });

  it.each(['offset=1e309', 'limit=1e309', 'offset=-0.5e400'])('GET /api/v1/admin/outbox?%s is a 400', async (query) => {
    const answer = await fetch(`${base}/api/v1/admin/outbox?${query}`, { headers: bearer(ADMIN_KEY) });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each(['runsUntil=1e309', 'runsUntil=-1e309', 'runsUntil=Infinity'])(
    'GET /api/v1/calendars/…/timeline?%s is a 400 naming the field',
    async (query) => {
      const answer = await fetch(
        `${base}/api/v1/calendars/voorbeeld/2027/timeline?kind=verloskunde&status=existing&${query}`,
      );
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await answer.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((error) => error.field)).toContain('runsUntil');
    },
  );

  it('runsUntil 1e309 in a body is a 400 naming the field', async () => {
    const answer = await fetch(`${base}/api/v1/providers`, {
      method: 'POST',
      headers: { ...bearer(ADMIN_KEY), 'content-type': 'application/json' },
      body: '{"name":"Praktijk","kind":"verloskunde","agb":"12345678","contracts":[{"insurer":"voorbeeld","year":2027,"status":"existing","runsUntil":1e309}]}',
    });
    expect(answer.status).toBe(400);
    const problem = (await answer.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field)).toContain('contracts[0].runsUntil');
  });
});
