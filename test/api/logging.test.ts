import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loggableUrl, loggerOptions } from '../../src/logging.js';
import {
  ADMIN_KEY,
  bearer,
  createKey,
  createProvider,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  testConfig,
  type TestApp,
} from '../helper.js';

let dir: string;
let app: TestApp;
const lines: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp(
    { config: testConfig(`${dir}/logging.db`), calendars: fixtureCalendars },
    { logger: loggerOptions('trace', sink) },
  );
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

describe('logs', () => {
  it('are JSON lines with a request id, and hold no e-mail address, token or API key', async () => {
    const email = 'anna.de.vries@verloskundigen-noord.nl';
    const key = await createKey(app, 'Praktijksoftware');
    const provider = await createProvider(app, key.key, { contacts: [{ email, name: 'Anna' }] });
    const token = new URL(provider.feedUrl).pathname.replace(/^\/feeds\//, '').replace(/\.ics$/, '');
    await app.inject({ url: `/feeds/${token}.ics` });
    await app.inject({ url: `/feeds/${token}.ics?email=${encodeURIComponent(email)}` });
    await app.inject({ url: `/unsubscribe/${token}` });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/providers/${provider.id}`,
      headers: bearer(key.key),
      payload: { contacts: [{ email: `not an address ${email}` }] },
    });
    await app.inject({ url: '/api/v1/providers', headers: bearer(`${ADMIN_KEY}-wrong`) });
    await app.inject({ url: '/api/v1/providers', headers: bearer(key.key) });

    expect(lines.length).toBeGreaterThan(10);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.filter((entry) => entry.req !== undefined).every((entry) => typeof entry.reqId === 'string')).toBe(
      true,
    );
    const all = lines.join('\n');
    for (const secret of [email, token, key.key, ADMIN_KEY, encodeURIComponent(email)])
      expect(all).not.toContain(secret);
    expect(all).toContain('/feeds/[token].ics');
  });

  it('do not stall the service: /health with 2,000 × %40 in its query answers fast through the real logger, and so does a request beside it', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${address.port}`;
    const started = performance.now();
    const [crafted, plain] = await Promise.all([
      fetch(`${base}/health?q=${'%40'.repeat(2000)}`),
      fetch(`${base}/health`),
    ]);
    const ms = performance.now() - started;
    expect([crafted.status, plain.status]).toEqual([200, 200]);
    expect(ms).toBeLessThan(1000);
    expect(lines.some((line) => line.includes('/health?q=…[6010 characters, cut]'))).toBe(true);
  });

  it('keep public calendar feed paths readable', () => {
    expect(loggableUrl('/feeds/calendars/cz-groep/2027.ics?kind=kraamzorg')).toBe(
      '/feeds/calendars/cz-groep/2027.ics?kind=kraamzorg',
    );
    expect(loggableUrl('/feeds/abc_DEF-123.ics')).toBe('/feeds/[token].ics');
    expect(loggableUrl('/unsubscribe/abc_DEF-123')).toBe('/unsubscribe/[token]');
    for (const page of ['mijn', 'bevestig', 'inloggen', 'gedaan', 'adres-bevestigen'])
      expect(loggableUrl(`/${page}/abc_DEF-123/gegevens?lang=en`)).toBe(`/${page}/[token]/gegevens?lang=en`);
    expect(loggableUrl('/x?to=a.b@c.nl&y=1')).toBe('/x?to=[e-mail]&y=1');
    expect(loggableUrl('/x?to=a.b%40c.nl')).toBe('/x?to=[e-mail]');
  });
});
