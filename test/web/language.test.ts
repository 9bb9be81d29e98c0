import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languageOf, requestLanguage } from '../../src/web/language.js';

/** A bare Fastify with the pages' cookie plugin: each route answers the language it read. */
const app = Fastify();
beforeAll(async () => {
  await app.register(cookie);
  app.get('/page', async (request, reply) => languageOf(request, reply));
  app.get('/hers', async (request, reply) => languageOf(request, reply, 'en'));
  app.get('/cached', async (request) => requestLanguage(request, { fallback: 'en', cookie: false }));
  app.get('/bare', async (request) => requestLanguage(request));
  await app.ready();
});
afterAll(() => app.close());

const ask = (url: string, cookieHeader?: string) =>
  app.inject({ url, headers: cookieHeader === undefined ? {} : { cookie: cookieHeader } });

describe("a web request's language", () => {
  it('is ?lang= first, then the cookie, then her saved language, then Dutch', async () => {
    expect((await ask('/page?lang=en', 'taal=nl')).body).toBe('en');
    expect((await ask('/page', 'other=1; taal=en')).body).toBe('en');
    expect((await ask('/hers', 'taal=nl')).body).toBe('nl');
    expect((await ask('/hers')).body).toBe('en');
    expect((await ask('/page')).body).toBe('nl');
    expect((await ask('/bare', 'taal=en')).body).toBe('en');
  });

  it('ignores a language it does not speak', async () => {
    expect((await ask('/page?lang=de', 'taal=fr')).body).toBe('nl');
    expect((await ask('/hers?lang=EN')).body).toBe('en');
    expect((await ask('/page?lang=en&lang=nl')).body).toBe('nl');
  });

  it("remembers a reader's ?lang= in a cookie, and only that", async () => {
    const chosen = await ask('/page?lang=en');
    expect(chosen.headers['set-cookie']).toMatch(/^taal=en; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    expect((await ask('/page', 'taal=en')).headers['set-cookie']).toBeUndefined();
  });

  it('leaves the cookie out for a page cached by its address', async () => {
    expect((await ask('/cached', 'taal=nl')).body).toBe('en');
    expect((await ask('/cached?lang=nl')).body).toBe('nl');
  });
});
