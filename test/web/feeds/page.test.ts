import { escapeHtml } from '../../../src/html.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../../helper.js';

/** The provider's timeline as a web page behind the feed's secret: where feed events and mails link to. */
let dir: string;
let app: TestApp;
let key: string;
beforeAll(async () => {
  dir = tempDir();
  app = await buildTestApp(`${dir}/page.db`);
  key = (await createKey(app)).key;
});
afterAll(async () => {
  await app.close();
  removeTempDir(dir);
});

const pagePath = (feedUrl: string) => new URL(feedUrl).pathname.replace(/\.ics$/, '.html');

describe('GET /feeds/:token.html', () => {
  it('shows every timeline item with its date, status and source, escaped, and links the feed', async () => {
    const provider = await createProvider(app, key, { name: 'Praktijk <De Wieg> & Co' });
    const timeline = (
      await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(key) })
    ).json();
    expect(provider.timelinePageUrl).toBe(provider.feedUrl.replace(/\.ics$/, '.html'));
    const response = await app.inject({ url: pagePath(provider.feedUrl) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    const html = response.body;
    expect(html).toContain('<h1>Contractdata van Praktijk &lt;De Wieg&gt; &amp; Co</h1>');
    expect(html).not.toContain('<De Wieg>');
    expect(html).toContain(`value="${provider.feedUrl}"`);
    expect(html).toContain(`href="${provider.feedUrl.replace(/^http:/, 'webcal:')}"`);
    expect(html.match(/<li class="item"/g)).toHaveLength(timeline.items.length);
    // The same page as her own one: the site's stylesheet, no inline script.
    expect(html).toContain('<link rel="stylesheet" href="/static/site.css">');
    // Only the copy button's own file (src/web/static/copy.js), never a script in the page.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/static/copy.js" defer>']);
    for (const item of timeline.items) expect(html).toContain(item.source.section);
    // Every date explains itself: the derivation of each item, escaped, on its row.
    for (const item of timeline.items) expect(html).toContain(escapeHtml(item.derivation.nl));
    expect(timeline.items.some((item: { due: string | null }) => item.due === null)).toBe(true);
    expect(html).toMatch(/nog geen datum/i);
  });

  it('answers 404 for an unknown token and for the old token after rotation', async () => {
    const provider = await createProvider(app, key, { agb: '22223333' });
    expect((await app.inject({ url: '/feeds/not-a-token.html' })).statusCode).toBe(404);
    const rotated = (
      await app.inject({ method: 'POST', url: `/api/v1/providers/${provider.id}/feed-token`, headers: bearer(key) })
    ).json();
    const old = await app.inject({ url: pagePath(provider.feedUrl) });
    expect(old.statusCode).toBe(404);
    // A person opened it: a page in the site's look that says the link no longer works (src/web/not-found.ts).
    expect(old.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(old.body).toContain('<h1>Deze link werkt niet (meer)</h1>');
    expect((await app.inject({ url: pagePath(rotated.feedUrl) })).statusCode).toBe(200);
  });
});
