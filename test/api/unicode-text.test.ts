import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, removeTempDir, tempDir, validProvider, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;
let key: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/unicode.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const providers = async () =>
  (await app.inject({ url: '/api/v1/providers', headers: bearer(key) })).json().total as number;
const send = (payload: Buffer | string, contentType = 'application/json') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/providers',
    headers: { ...bearer(key), 'content-type': contentType },
    payload,
  });

describe('JSON bodies are well-formed Unicode text', () => {
  it('refuses invalid UTF-8 bytes with a 400 and stores nothing (they were stored as U+FFFD)', async () => {
    const before = await providers();
    const json = Buffer.from(JSON.stringify({ ...validProvider, name: 'Praktijk XX' }), 'utf8');
    const at = json.indexOf('XX');
    json[at] = 0xff; // not a UTF-8 byte anywhere
    json[at + 1] = 0xfe;
    const answer = await send(json);
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json().errors[0]).toMatchObject({ field: 'body', message: 'is not valid UTF-8 text' });
    expect(await providers()).toBe(before);
  });

  it('refuses a lone surrogate, naming the field, also in a merge patch', async () => {
    const before = await providers();
    const body = JSON.stringify({ ...validProvider, contacts: [{ email: 'a@b.nl', name: 'Anna' }] }).replace(
      '"Anna"',
      '"An\\ud800na"',
    );
    const answer = await send(body);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors[0]).toMatchObject({ field: 'contacts[0].name', in: 'body' });
    expect(answer.json().errors[0].message).toContain('lone UTF-16 surrogate');
    expect(await providers()).toBe(before);
    const created = await send(JSON.stringify({ ...validProvider, agb: '33330001' }));
    expect(created.statusCode).toBe(201);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${created.json().id}`,
      headers: { ...bearer(key), 'content-type': 'application/merge-patch+json' },
      payload: '{"name": "\\udc00 Praktijk"}',
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors[0].field).toBe('name');
  });

  it('accepts well-formed text of every plane, a surrogate pair included', async () => {
    const answer = await send(JSON.stringify({ ...validProvider, agb: '33330002', name: 'Praktijk \ud83c\udf3c Zoë' }));
    expect(answer.statusCode).toBe(201);
    expect(answer.json().name).toBe('Praktijk 🌼 Zoë');
  });
});
