import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { client, signUp } from './form-client.js';
import { startWorld, type World } from './world.js';

/**
 * Behind the recommended reverse proxy every request comes from the proxy's address. With TRUST_PROXY the
 * per-address form limit is per client again, and only well-formed submissions count: forged posts (403) and
 * posts with invalid fields lock no one out. Over real HTTP, the proxy's X-Forwarded-For sent as a proxy would.
 */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

describe('TRUST_PROXY and the form limit', () => {
  it('limits each client behind the proxy on its own', async () => {
    world = await startWorld({ WEB_FORMS_PER_HOUR: '2', TRUST_PROXY: '127.0.0.1' });
    const a = client(world.base, '203.0.113.7');
    expect((await signUp(a, 'a1@praktijk.nl')).status).toBe(200);
    expect((await signUp(a, 'a2@praktijk.nl')).status).toBe(200);
    const locked = await signUp(a, 'a3@praktijk.nl');
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('<h1>Even geduld</h1>');
    // Another practice behind the same proxy still signs up.
    expect((await signUp(client(world.base, '198.51.100.9'), 'b1@praktijk.nl')).status).toBe(200);
  });

  it('a hop count trusts that many proxies', async () => {
    world = await startWorld({ WEB_FORMS_PER_HOUR: '1', TRUST_PROXY: '1' });
    expect((await signUp(client(world.base, '203.0.113.7'), 'a1@praktijk.nl')).status).toBe(200);
    expect((await signUp(client(world.base, '198.51.100.9'), 'b1@praktijk.nl')).status).toBe(200);
    expect((await signUp(client(world.base, '203.0.113.7'), 'a2@praktijk.nl')).status).toBe(429);
  });

  it('forged and malformed posts do not count: after 10 of them sign-up, new link and address change still work', async () => {
    world = await startWorld({ WEB_FORMS_PER_HOUR: '1' });
    for (let i = 0; i < 10; i++) {
      for (const path of ['/aanmelden', '/nieuwe-link', `/mijn/${'A'.repeat(43)}/e-mailadres`]) {
        const forged = await client(world.base).post(path, { email: `x${i}@praktijk.nl` });
        expect(forged.status, path).toBe(403);
      }
    }
    const c = client(world.base);
    // Invalid fields: the form again with its errors, not counted either.
    const page = await c.get('/nieuwe-link');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    for (let i = 0; i < 3; i++)
      expect((await c.post('/nieuwe-link', { _csrf: csrf, email: 'not an address' })).status).toBe(400);
    expect((await signUp(c, 'anna@praktijk.nl')).status).toBe(200);
    expect((await signUp(c, 'bea@praktijk.nl')).status).toBe(429);
  });

  it('TRUST_PROXY is validated at start-up', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.2, 172.16.0.0/12,::1' }).trustProxy).toEqual([
      '10.0.0.2',
      '172.16.0.0/12',
      '::1',
    ]);
    for (const bad of ['true', '11', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/8', '-1'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });
});
