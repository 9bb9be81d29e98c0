import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, removeTempDir, tempDir, type TestApp } from '../helper.js';

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
    expect(limited.json()).toMatchObject({
      type: '/problems/rate-limited',
      status: 429,
      title: 'Too many requests',
      instance: '/api/v1/calendars',
    });
  });

  it('counts unauthenticated attempts too, so keys cannot be guessed at speed', async () => {
    const response = await app.inject({
      url: '/api/v1/providers',
      headers: { authorization: 'Bearer guess' },
      remoteAddress: '10.0.0.9',
    });
    expect(response.statusCode).toBe(401);
    for (let i = 0; i < 3; i++)
      await app.inject({
        url: '/api/v1/providers',
        headers: { authorization: 'Bearer guess' },
        remoteAddress: '10.0.0.9',
      });
    expect(
      (
        await app.inject({
          url: '/api/v1/providers',
          headers: { authorization: 'Bearer guess' },
          remoteAddress: '10.0.0.9',
        })
      ).statusCode,
    ).toBe(429);
  });

  it('leaves /health, /ready and the documentation alone', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
    }
  });
});

describe('whose budget a request spends', () => {
  let perKey: TestApp;
  beforeAll(async () => {
    perKey = await buildTestApp(`${dir}/per-key.db`, { env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => {
    await perKey.close();
  });

  it('each live API key has its own budget, even from one client address', async () => {
    const address = '10.1.1.1';
    const keys = [
      await createKey(perKey, 'vendor a'),
      await createKey(perKey, 'vendor b'),
      await createKey(perKey, 'vendor c'),
    ];
    for (const { key } of keys) {
      for (let i = 0; i < 5; i++)
        expect(
          (await perKey.inject({ url: '/api/v1/providers', headers: bearer(key), remoteAddress: address })).statusCode,
        ).toBe(200);
    }
    // 15 requests from one address went through; each key is now at its own limit.
    const limited = await perKey.inject({
      url: '/api/v1/providers',
      headers: bearer(keys[0]!.key),
      remoteAddress: address,
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Anonymous requests from that address still have the address's own budget.
    expect((await perKey.inject({ url: '/api/v1/calendars', remoteAddress: address })).statusCode).toBe(200);
  });

  it("anonymous requests share their client address's budget; another address has its own", async () => {
    for (let i = 0; i < 5; i++)
      expect((await perKey.inject({ url: '/api/v1/calendars', remoteAddress: '10.2.2.2' })).statusCode).toBe(200);
    expect((await perKey.inject({ url: '/api/v1/calendars', remoteAddress: '10.2.2.2' })).statusCode).toBe(429);
    expect((await perKey.inject({ url: '/api/v1/calendars', remoteAddress: '10.3.3.3' })).statusCode).toBe(200);
  });

  it('answers carry RateLimit headers', async () => {
    const response = await perKey.inject({ url: '/api/v1/calendars', remoteAddress: '10.4.4.4' });
    expect(response.headers['ratelimit-limit']).toBe('5');
    expect(response.headers['ratelimit-remaining']).toBe('4');
    expect(response.headers.ratelimit).toMatch(/^limit=5, remaining=4, reset=\d+$/);
    expect(response.headers['ratelimit-policy']).toBe('5;w=60');
  });

  it('feeds are not limited per address: calendar services fetch many feeds from a few addresses', async () => {
    for (let i = 0; i < 30; i++) {
      const response = await perKey.inject({
        url: '/feeds/calendars/voorbeeld/2027.ics?kind=verloskunde&status=new',
        remoteAddress: '10.5.5.5',
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});
