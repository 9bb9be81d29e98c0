import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createProvider, createKey, removeTempDir, tempDir, type TestApp } from '../helper.js';

/** Every address a person may type or follow answers with a page in the site's look; addresses for programs keep problem+json. */
let dir: string;
let app: TestApp;

beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/pages.db`);
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const h1 = (body: string) => /<h1>([^<]+)<\/h1>/.exec(body)?.[1];

describe('a mistyped or dead address', () => {
  it("answers a 404 page in the site's look, in Dutch or English, for any method", async () => {
    for (const url of [
      '/foo',
      '/mijn',
      '/mijn/',
      `/mijn/${'A'.repeat(43)}/typo`,
      '/situatie/extra',
      '/static/none.css',
      '/feeds/x',
      '/feeds/cz-groep/2027',
      '/unsubscribe',
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(h1(response.body), url).toBe('Deze pagina bestaat niet');
      expect(response.body, url).toContain('<link rel="stylesheet" href="/static/site.css">');
      expect(response.body, url).toContain('<a href="/">Naar de startpagina</a>');
    }
    const english = await app.inject({ url: '/foo?lang=en' });
    expect(h1(english.body)).toBe('This page does not exist');
    expect(english.body).toContain('href="/foo?lang=nl"');
    expect(h1((await app.inject({ url: '/foo', headers: { cookie: 'taal=en' } })).body)).toBe(
      'This page does not exist',
    );
    const posted = await app.inject({
      method: 'POST',
      url: '/foo',
      payload: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(posted.statusCode).toBe(404);
    expect(h1(posted.body)).toBe('Deze pagina bestaat niet');
    const unreadable = await app.inject({ url: '/mijn/%E0%A4%A' });
    expect(unreadable.statusCode).toBe(400);
    expect(unreadable.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('answers a bad or replaced link of a feed page or an unsubscribe link with a page that says what to do', async () => {
    for (const url of [
      '/feeds/not-a-token.html',
      `/feeds/${'A'.repeat(43)}.html`,
      `/unsubscribe/${'A'.repeat(22)}`,
      '/unsubscribe/short',
      '/unsubscribe/%00%00',
    ]) {
      const response = await app.inject({ url });
      expect([400, 404], url).toContain(response.statusCode);
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(h1(response.body), url).toBe('Deze link werkt niet (meer)');
      expect(response.body, url).toContain('href="/nieuwe-link"');
    }
  });

  it('keeps problem+json for the API, feeds, metrics, health and the one-click POST of mail clients', async () => {
    const { key } = await createKey(app, 'practice software');
    const provider = await createProvider(app, key);
    for (const [method, url] of [
      ['GET', '/api/v1/nope'],
      ['GET', '/api/v1/providers/x'],
      ['GET', '/feeds/not-a-token.ics'],
      ['GET', '/feeds/calendars/acme/2027.ics'],
      ['GET', '/health/x'],
      ['GET', '/metrics/x'],
      ['GET', '/docs/x/y'],
      ['POST', `/unsubscribe/${'A'.repeat(22)}`],
      ['GET', '/api/v1/%E0%A4%A'],
    ] as const) {
      const response = await app.inject({ method, url, headers: { authorization: `Bearer ${key}` } });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
    }
    // The provider's own feed page still works.
    expect((await app.inject({ url: new URL(provider.feedUrl.replace(/\.ics$/, '.html')).pathname })).statusCode).toBe(
      200,
    );
  });
});
