import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  removeTempDir,
  tempDir,
  validProvider,
  type TestApp,
} from '../helper.js';
import { ROOT } from '../process.js';
import { operationsOf } from './operations.js';

/** The API contract as integrators meet it: a third-party linter on the document, and the document kept. */
let dir: string;
let app: TestApp;
let document: any;
let port: number;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(join(dir, 'contract.db'));
  document = (await app.inject({ url: '/openapi.json' })).json();
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const operations = () => operationsOf(document);

/** One raw HTTP/1.1 exchange over a socket: what a client that sends odd bytes gets back. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
  });
}

describe('the OpenAPI document', () => {
  it("passes Spectral's spectral:oas ruleset with no error and no warning", async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const spectral = join(ROOT, 'node_modules', '.bin', 'spectral');
    const output = join(dir, 'spectral.json');
    await promisify(execFile)(
      spectral,
      [
        'lint',
        '--ruleset',
        join(ROOT, '.spectral.yaml'),
        '--format',
        'json',
        '--output',
        output,
        '--fail-severity',
        'hint',
        file,
      ],
      { cwd: ROOT },
    ).catch(() => undefined);
    const results = JSON.parse(readFileSync(output, 'utf8')) as {
      code: string;
      message: string;
      path: string[];
      severity: number;
    }[];
    expect(results.map((r) => `${r.code}: ${r.message} at ${r.path.join('.')}`)).toEqual([]);
  }, 60_000);

  it('gives every operation a unique operationId', () => {
    const ids = operations().map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not require fields that have defaults', () => {
    const offenders: string[] = [];
    const visit = (schema: any, where: string) => {
      if (!schema || typeof schema !== 'object') return;
      for (const [name, property] of Object.entries<any>(schema.properties ?? {})) {
        if (property?.default !== undefined && schema.required?.includes(name)) offenders.push(`${where}.${name}`);
        visit(property, `${where}.${name}`);
      }
      for (const key of ['items', 'anyOf', 'oneOf', 'allOf']) [schema[key]].flat().forEach((s: any) => visit(s, where));
    };
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters ?? [])
        if (parameter.schema?.default !== undefined && parameter.required) offenders.push(`${name} ${parameter.name}`);
      visit(operation.requestBody?.content?.['application/json']?.schema, name);
    }
    for (const [name, schema] of Object.entries<any>(document.components.schemas)) visit(schema, name);
    expect(offenders).toEqual([]);
  });

  it('documents /metrics as text/plain, header schemas once, Location on 201, and 414 and 431 as problems', () => {
    expect(Object.keys(document.paths['/metrics'].get.responses['200'].content)).toEqual(['text/plain']);
    expect(document.paths['/feeds/{token}.ics'].get.responses['200'].headers.etag).toEqual({
      schema: { type: 'string' },
      description: expect.any(String),
    });
    // The two creations that answer with a Location header (see their tests) document it.
    expect(document.paths['/api/v1/providers'].post.responses['201'].headers.location.schema.format).toBe(
      'uri-reference',
    );
    expect(document.paths['/api/v1/providers/{id}/events'].post.responses['201'].headers.location.schema.format).toBe(
      'uri-reference',
    );
    for (const { name, operation } of operations()) {
      expect(Object.keys(operation.responses['431'].content), name).toEqual(['application/problem+json']);
      if (name.includes('{'))
        expect(Object.keys(operation.responses['414'].content), name).toEqual(['application/problem+json']);
    }
  });
});

describe('answers from the HTTP layer', () => {
  it('414 for an over-long path parameter, as a problem', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/providers/${'a'.repeat(500)}`, {
      headers: bearer(ADMIN_KEY),
    });
    expect(response.status).toBe(414);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ title: 'URI too long', type: '/problems/uri-too-long' });
  });

  it('431 for headers over 16 KB, as a problem', async () => {
    const answer = await rawRequest(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/Content-Type: application\/problem\+json/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      title: 'Request header fields too large',
      type: '/problems/headers-too-large',
    });
  });

  it('400 for two Authorization headers, whichever keys they carry', async () => {
    const tenant = await createKey(app, 'second header');
    for (const [first, second] of [
      [ADMIN_KEY, tenant.key],
      [tenant.key, ADMIN_KEY],
      [ADMIN_KEY, ADMIN_KEY],
    ]) {
      const answer = await rawRequest(
        `GET /api/v1/providers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${first}\r\nauthorization: Bearer ${second}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/send one Authorization header/);
      expect(answer).toContain('"type":"/problems/ambiguous-authorization"');
    }
  });
});

describe('JSON bodies are not coerced', () => {
  it.each([
    ['/api/v1/api-keys', { name: 'x', admin: 'true' }, 'admin'],
    ['/api/v1/api-keys', { name: true }, 'name'],
    ['/api/v1/providers', { ...validProvider, agb: 12345678 }, 'agb'],
    [
      '/api/v1/providers',
      { ...validProvider, contracts: [{ insurer: 'voorbeeld', year: '2027', status: 'new' }] },
      'contracts[0].year',
    ],
    ['/api/v1/providers', { ...validProvider, name: true }, 'name'],
    ['/api/v1/providers', { ...validProvider, kinds: 'verloskunde' }, 'kinds'],
  ])('POST %s %j: 400 naming the field, nothing stored', async (url, payload, field) => {
    const before = (await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).json().items.length;
    const response = await app.inject({ method: 'POST', url, headers: bearer(ADMIN_KEY), payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).json().items.length).toBe(
      before,
    );
    expect((await app.inject({ url: '/api/v1/providers', headers: bearer(ADMIN_KEY) })).json().total).toBe(0);
  });

  it('still reads numbers and booleans from query strings, and fills in defaults', async () => {
    const page = await app.inject({ url: '/api/v1/providers?limit=5&offset=0', headers: bearer(ADMIN_KEY) });
    expect(page.json()).toMatchObject({ limit: 5, offset: 0 });
    expect((await app.inject({ url: '/api/v1/providers', headers: bearer(ADMIN_KEY) })).json()).toMatchObject({
      limit: 20,
      offset: 0,
    });
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(ADMIN_KEY),
      payload: { name: 'no admin field' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().admin).toBe(false);
  });
});

describe('names that hide or disguise themselves', () => {
  it.each([
    ['an API key name of zero-width spaces', '/api/v1/api-keys', { name: '\u200B\u200B' }, 'name'],
    [
      'a provider name with a right-to-left override',
      '/api/v1/providers',
      { ...validProvider, name: 'Praktijk \u202Etxet' },
      'name',
    ],
    ['a provider name of Hangul fillers', '/api/v1/providers', { ...validProvider, name: '\u3164\u3164' }, 'name'],
    [
      'a contact name with an isolate',
      '/api/v1/providers',
      { ...validProvider, contacts: [{ email: 'a@example.nl', name: 'Anna \u2067x\u2069' }] },
      'contacts[0].name',
    ],
  ])('refuses %s', async (_what, url, payload, field) => {
    const response = await app.inject({ method: 'POST', url, headers: bearer(ADMIN_KEY), payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});

describe('revoking admin keys', () => {
  it('the last active admin key cannot revoke itself; with a second admin key it can', async () => {
    const own = (await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) }))
      .json()
      .items.find((k: { name: string }) => k.name.includes('ADMIN_API_KEY'));
    const refused = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${own.id}`,
      headers: bearer(ADMIN_KEY),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/last active admin key/);
    expect((await app.inject({ url: '/api/v1/api-keys', headers: bearer(ADMIN_KEY) })).statusCode).toBe(200);

    const second = await createKey(app, 'second admin', true);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${own.id}`, headers: bearer(second.key) }))
        .statusCode,
    ).toBe(204);
    const last = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${second.id}`,
      headers: bearer(second.key),
    });
    expect(last.statusCode).toBe(409);
  });
});

describe('CORS', () => {
  it('is off by default: no CORS headers, preflights are not answered as allowed', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/providers',
      headers: { origin: 'https://app.example.nl', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const get = await app.inject({ url: '/api/v1/calendars', headers: { origin: 'https://app.example.nl' } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('with CORS_ORIGINS allows exactly those origins', async () => {
    const corsApp = await buildTestApp(join(dir, 'cors.db'), { env: { CORS_ORIGINS: 'https://app.example.nl' } });
    try {
      const preflight = await corsApp.inject({
        method: 'OPTIONS',
        url: '/api/v1/providers',
        headers: {
          origin: 'https://app.example.nl',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.nl');
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/);
      const other = await corsApp.inject({ url: '/api/v1/calendars', headers: { origin: 'https://evil.example' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const allowed = await corsApp.inject({ url: '/api/v1/calendars', headers: { origin: 'https://app.example.nl' } });
      expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.nl');
      expect(String(allowed.headers['access-control-expose-headers'])).toMatch(/retry-after/);
    } finally {
      await corsApp.close();
    }
  });
});
