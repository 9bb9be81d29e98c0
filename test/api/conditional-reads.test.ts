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

let dir: string;
let app: TestApp;
let key: string;
let providerId: string;
let webhookId: string;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/conditional-reads.db`, { env: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'true' } });
  key = (await createKey(app)).key;
  providerId = (await createProvider(app, key, { agb: '33330001' })).id as string;
  const webhook = await app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: bearer(key),
    payload: { url: 'http://127.0.0.1:9/hook' },
  });
  webhookId = webhook.json().id as string;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const READS: [string, () => string, () => string][] = [
  ['providers', () => '/api/v1/providers', () => key],
  ['api keys', () => '/api/v1/api-keys', () => ADMIN_KEY],
  ['webhooks', () => '/api/v1/webhooks', () => key],
  ['a webhook', () => `/api/v1/webhooks/${webhookId}`, () => key],
  ['deliveries', () => `/api/v1/webhooks/${webhookId}/deliveries`, () => key],
  ['insurers', () => '/api/v1/insurers', () => key],
  ['calendars', () => '/api/v1/calendars', () => key],
  ['a calendar', () => '/api/v1/calendars/voorbeeld/2027', () => key],
  ['a generic timeline', () => '/api/v1/calendars/voorbeeld/2027/timeline?kind=verloskunde&status=new', () => key],
  ['corrections', () => `/api/v1/providers/${providerId}/corrections`, () => key],
  ['due items', () => '/api/v1/timeline', () => key],
  ['the outbox', () => '/api/v1/admin/outbox', () => ADMIN_KEY],
];

describe('ETag and 304 on every read of the API', () => {
  it.each(READS)('%s: a strong ETag, 304 while it matches, 200 again with another tag', async (_, url, who) => {
    const first = await app.inject({ url: url(), headers: bearer(who()) });
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await app.inject({ url: url(), headers: { ...bearer(who()), 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const weak = await app.inject({ url: url(), headers: { ...bearer(who()), 'if-none-match': `"x", W/${etag}` } });
    expect(weak.statusCode).toBe(304);
    const other = await app.inject({ url: url(), headers: { ...bearer(who()), 'if-none-match': '"other"' } });
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe(first.body);
  });

  it('a list changes its ETag when what it lists changes', async () => {
    const before = await app.inject({ url: '/api/v1/providers', headers: bearer(key) });
    await createProvider(app, key, { agb: '33330002' });
    const after = await app.inject({
      url: '/api/v1/providers',
      headers: { ...bearer(key), 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('problems carry no ETag and are never 304', async () => {
    const missing = await app.inject({
      url: '/api/v1/providers/nope',
      headers: { ...bearer(key), 'if-none-match': '*' },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });
});

describe('a 304 does not cost the rate budget', () => {
  let limited: TestApp;
  let tenant: string;
  beforeAll(async () => {
    limited = await buildTestApp(`${dir}/conditional-budget.db`, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
    tenant = (await createKey(limited)).key;
  });
  afterAll(async () => {
    await limited.close();
  });

  it('conditional reads answered 304 stay 304 beyond the budget; unconditional ones and changed ones get 429', async () => {
    const read = (headers: Record<string, string> = {}) =>
      limited.inject({ url: '/api/v1/providers', headers: { ...bearer(tenant), ...headers } });
    const first = await read();
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    for (let i = 0; i < 10; i++) {
      const conditional = await read({ 'if-none-match': etag });
      expect(conditional.statusCode).toBe(304);
      expect(conditional.headers['ratelimit-remaining']).toBe('2');
    }
    expect((await read()).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(200);
    const over = await read();
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
    // The budget is spent: a 304 still answers, free.
    for (let i = 0; i < 5; i++) expect((await read({ 'if-none-match': etag })).statusCode).toBe(304);
    // A conditional read whose copy is stale needs the full answer: that costs, so it is refused now.
    const stale = await read({ 'if-none-match': '"stale"' });
    expect(stale.statusCode).toBe(429);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.headers.etag).toBeUndefined();
    expect(stale.json()).toMatchObject({ status: 429 });
  });

  it('a conditional read with a wrong key is charged like any other (keys cannot be guessed for free)', async () => {
    const guess = () =>
      limited.inject({
        url: '/api/v1/providers',
        headers: { authorization: 'Bearer guess', 'if-none-match': '*' },
        remoteAddress: '10.9.9.9',
      });
    for (let i = 0; i < 3; i++) expect((await guess()).statusCode).toBe(401);
    expect((await guess()).statusCode).toBe(429);
  });
});
