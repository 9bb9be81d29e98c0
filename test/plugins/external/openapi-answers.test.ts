import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsOf } from '../../api/operations.js';
import { bearer, buildTestApp, createKey, removeTempDir, tempDir, type TestApp } from '../../helper.js';

/**
 * What every /api operation of the document says about answers it shares with all (issue 22 §3): 408, 429 and 503
 * with their headers, the RateLimit fields, and the conditional headers each honours, added centrally.
 */
let dir: string;
let app: TestApp;
let document: any;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/openapi-answers.db`, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
  document = (await app.inject({ url: '/openapi.json' })).json();
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const apiOperations = () => operationsOf(document).filter((o) => o.path.startsWith('/api/'));
const RATE_LIMIT = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit', 'ratelimit-policy'];
const headerParameters = (operation: any) =>
  (operation.parameters ?? []).filter((p: any) => p.in === 'header').map((p: any) => p.name as string);

describe('every /api operation documents', () => {
  it('408, 429 with Retry-After and RateLimit, 503 with Retry-After, all as problems', () => {
    expect(apiOperations().length).toBeGreaterThan(30);
    for (const { name, operation } of apiOperations()) {
      for (const status of ['408', '429', '503'])
        expect(Object.keys(operation.responses[status]?.content ?? {}), `${name} ${status}`).toEqual([
          'application/problem+json',
        ]);
      expect(Object.keys(operation.responses['429'].headers), name).toEqual(['retry-after', ...RATE_LIMIT]);
      expect(Object.keys(operation.responses['503'].headers), name).toEqual(['retry-after']);
    }
  });

  it('the RateLimit fields on each success and 304', () => {
    for (const { name, operation } of apiOperations())
      for (const [status, response] of Object.entries<any>(operation.responses))
        if (/^2\d\d$|^304$/.test(status))
          expect(Object.keys(response.headers ?? {}), `${name} ${status}`).toEqual(expect.arrayContaining(RATE_LIMIT));
  });

  it('If-None-Match on each GET with a 304, If-Modified-Since where the 304 has Last-Modified, If-Match with each 412', () => {
    const conditional = operationsOf(document).filter((o) => o.operation.responses['304']);
    expect(conditional.map((o) => o.name)).toEqual(expect.arrayContaining(['GET /api/v1/providers/{id}']));
    for (const { name, operation } of conditional) {
      expect(headerParameters(operation), name).toContain('if-none-match');
      if (operation.responses['304'].headers?.['last-modified'])
        expect(headerParameters(operation), name).toContain('if-modified-since');
    }
    const guarded = operationsOf(document).filter((o) => o.operation.responses['412']);
    expect(guarded.map((o) => o.name)).toEqual(expect.arrayContaining(['PATCH /api/v1/providers/{id}']));
    for (const { name, operation } of guarded) expect(headerParameters(operation), name).toContain('if-match');
    // Once each, also where the route declares the header itself.
    for (const { name, operation } of operationsOf(document)) {
      const names = headerParameters(operation);
      expect(new Set(names).size, name).toBe(names.length);
    }
  });
});

describe('the headers documented are the headers sent', () => {
  it('RateLimit fields on an answer, and Retry-After with them on the 429', async () => {
    const { key } = await createKey(app, 'counted');
    const first = await app.inject({ url: '/api/v1/providers', headers: bearer(key) });
    expect(first.statusCode).toBe(200);
    for (const header of RATE_LIMIT) expect(first.headers[header], header).toBeDefined();
    for (let i = 0; i < 2; i++) await app.inject({ url: '/api/v1/providers', headers: bearer(key) });
    const limited = await app.inject({ url: '/api/v1/providers', headers: bearer(key) });
    expect(limited.statusCode).toBe(429);
    for (const header of ['retry-after', ...RATE_LIMIT]) expect(limited.headers[header], header).toBeDefined();
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
