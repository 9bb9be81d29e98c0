import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, removeTempDir, tempDir, type TestApp } from '../helper.js';

let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/rate-limit.db`, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('rate limit on /api', () => {
  it('answers 429 problem+json with Retry-After once a client goes over the limit', async () => {
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/api/v1/calendars' })).statusCode).toBe(200);
    const limited = await app.inject({ url: '/api/v1/calendars' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too many requests', instance: '/api/v1/calendars' });
  });

  it('counts unauthenticated attempts too, so keys cannot be guessed at speed', async () => {
    const response = await app.inject({ url: '/api/v1/providers', headers: { authorization: 'Bearer guess' }, remoteAddress: '10.0.0.9' });
    expect(response.statusCode).toBe(401);
    for (let i = 0; i < 3; i++) await app.inject({ url: '/api/v1/providers', headers: { authorization: 'Bearer guess' }, remoteAddress: '10.0.0.9' });
    expect((await app.inject({ url: '/api/v1/providers', headers: { authorization: 'Bearer guess' }, remoteAddress: '10.0.0.9' })).statusCode).toBe(429);
  });

  it('leaves /health, /ready and the documentation alone', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
    }
  });
});
