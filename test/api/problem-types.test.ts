import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, PROBLEM_TYPE_NAMES, PROBLEM_TYPE_URIS } from '../../src/problems.js';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  validProvider,
  type TestApp,
} from '../helper.js';

/** Problem types per cause (issue 22 §3): host-independent, listed in the document, each resolving to a page. */
let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  // A base URL of a staging host: the type URIs must not carry it.
  app = await buildTestApp(`${dir}/problem-types.db`, { env: { PUBLIC_BASE_URL: 'https://staging.example.nl' } });
  key = (await createKey(app, 'practice software')).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const h1 = (body: string) => /<h1>([^<]+)<\/h1>/.exec(body)?.[1];

describe('the Problem schema of the document', () => {
  it('lists every type the code can raise as an enum of relative URIs, and the example is one of them', async () => {
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const problem = document.components.schemas.Problem;
    expect(problem.properties.type.enum).toEqual(PROBLEM_TYPE_URIS);
    expect(problem.properties.type.format).toBe('uri-reference');
    expect(PROBLEM_TYPE_URIS.every((uri) => /^\/problems\/[a-z]+(-[a-z]+)*$/.test(uri))).toBe(true);
    expect(problem.properties.type.enum).toContain(problem.examples[0].type);
    expect(JSON.stringify(document)).not.toContain('staging.example.nl/problems');
  });
});

describe('each type resolves to a page', () => {
  it.each(PROBLEM_TYPE_NAMES)('/problems/%s answers 200 in Dutch and English', async (name) => {
    const dutch = await app.inject({ url: `/problems/${name}` });
    expect(dutch.statusCode).toBe(200);
    expect(dutch.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(dutch.body).toContain(`<code>/problems/${name}</code> · HTTP-status ${PROBLEM_TYPES[name]}`);
    expect(dutch.body).toContain('<h2>Wat het betekent</h2>');
    expect(dutch.body).toContain('<h2>Wat u doet</h2>');
    const english = await app.inject({ url: `/problems/${name}?lang=en` });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<h2>What to do</h2>');
    expect(english.body).toContain('<html lang="en">');
    expect(h1(english.body)).toBeTruthy();
  });

  it('lists them all at /problems; an unknown type is a 404 page', async () => {
    const list = await app.inject({ url: '/problems?lang=en' });
    expect(list.statusCode).toBe(200);
    for (const uri of PROBLEM_TYPE_URIS) expect(list.body).toContain(`href="${uri}?lang=en"`);
    const unknown = await app.inject({ url: '/problems/no-such-type' });
    expect(unknown.statusCode).toBe(404);
    expect(h1(unknown.body)).toBe('Deze pagina bestaat niet');
  });
});

/** The type a request's problem answer names, checked to resolve to its page on the host that answered. */
async function typeOf(response: { statusCode: number; headers: Record<string, unknown>; json: () => any }) {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const { type, status } = response.json();
  expect(status).toBe(response.statusCode);
  const page = await app.inject({ url: new URL(type, 'https://staging.example.nl/api/v1/x').pathname });
  expect(page.statusCode, type).toBe(200);
  return type as string;
}

describe('causes that shared a type before have their own', () => {
  it('duplicate-agb and last-admin-key: both 409, told apart by type', async () => {
    await createProvider(app, key, { agb: '55555555' });
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: bearer(key),
      payload: { ...validProvider, agb: '55555555' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(await typeOf(duplicate)).toBe('/problems/duplicate-agb');
    expect(duplicate.json().title).toBe('Conflict');

    const own = (await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) }))
      .json()
      .items.find((k: { name: string }) => k.name.includes('ADMIN_API_KEY'));
    const last = await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${own.id}`, headers: bearer(ADMIN_KEY) });
    expect(last.statusCode).toBe(409);
    expect(await typeOf(last)).toBe('/problems/last-admin-key');
  });

  it('an event for a step that is not hers, a date out of range, and a field that fails its schema', async () => {
    const provider = await createProvider(app, key, { agb: '66666666' });
    const record = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/v1/providers/${provider.id}/events`, headers: bearer(key), payload });
    const items = (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(key) })).json()
      .items as { id: string }[];
    const unknownStep = await record({ item: 'voorbeeld/2027/nope', date: '2026-05-01' });
    expect(unknownStep.statusCode).toBe(400);
    expect(await typeOf(unknownStep)).toBe('/problems/unknown-step');
    const future = await record({ item: items[0]!.id, date: '2030-01-01' });
    expect(future.statusCode).toBe(400);
    expect(await typeOf(future)).toBe('/problems/event-date-out-of-range');
    expect(future.json().title).toBe('Invalid input');
    const schema = await record({ item: items[0]!.id });
    expect(schema.statusCode).toBe(400);
    expect(await typeOf(schema)).toBe('/problems/validation-failed');
  });

  it('an unknown query parameter, a body that is not JSON', async () => {
    const query = await app.inject({ url: '/api/v1/providers?status=overdue', headers: bearer(key) });
    expect(await typeOf(query)).toBe('/problems/unknown-query-parameter');
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await typeOf(notJson)).toBe('/problems/malformed-body');
  });

  it('unauthorized, forbidden, not-found, precondition-failed, idempotency-key-reused', async () => {
    expect(await typeOf(await app.inject({ url: '/api/v1/providers' }))).toBe('/problems/unauthorized');
    expect(await typeOf(await app.inject({ url: '/api/v1/api-keys', headers: bearer(key) }))).toBe(
      '/problems/forbidden',
    );
    expect(await typeOf(await app.inject({ url: '/api/v1/providers/none', headers: bearer(key) }))).toBe(
      '/problems/not-found',
    );
    const provider = await createProvider(app, key, { agb: '77777777' });
    const changed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: { ...bearer(key), 'if-match': '"stale"' },
      payload: { name: 'Praktijk Oost' },
    });
    expect(changed.statusCode).toBe(412);
    expect(await typeOf(changed)).toBe('/problems/precondition-failed');
    const create = (agb: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: { ...bearer(key), 'idempotency-key': 'problem-types-1' },
        payload: { ...validProvider, agb },
      });
    expect((await create('88888888')).statusCode).toBe(201);
    const reused = await create('99999999');
    expect(reused.statusCode).toBe(422);
    expect(await typeOf(reused)).toBe('/problems/idempotency-key-reused');
  });
});

describe('503s told apart', () => {
  it('storage-unavailable when SQLite refuses the write (here: a read-only connection), with Retry-After', async () => {
    app.db.pragma('query_only = ON');
    try {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/providers',
        headers: bearer(key),
        payload: { ...validProvider, agb: '12121212' },
      });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('60');
      expect(await typeOf(refused)).toBe('/problems/storage-unavailable');
      expect(refused.json().title).toBe('Service unavailable');
    } finally {
      app.db.pragma('query_only = OFF');
    }
  });
});
