import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerPageUrl } from '../../src/feeds/urls.js';
import { SecretTokens } from '../../src/store/secrets.js';
import { feedTokenOf } from '../../src/store/web-tokens.js';
import { client, csrfOf, signUp, SITUATION } from './form-client.js';
import { linkIn, mailsTo, openBrowser, SCREENSHOT_DIR, startWorld, type World } from './world.js';

/** At 320 px (the narrowest phone WCAG 1.4.10 reflows to) no page of the front door scrolls sideways (issue 24). */
let world: World;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;
const paths: string[] = [];

beforeAll(async () => {
  world = await startWorld();
  const { base, app, smtp } = world;
  // Her account, confirmed: her page and its sub-pages.
  const c = client(base);
  await signUp(c, 'anna@praktijk.nl', 'Verloskundigenpraktijk De Zuidelijke Nederlanden en Omstreken');
  const confirm = new URL(linkIn((await mailsTo(smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '', `${base}/bevestig/`));
  const own = (await c.post(confirm.pathname, { _csrf: csrfOf((await c.get(confirm.pathname)).body) })).location!;
  // A second sign-up left unconfirmed: its confirmation page.
  await signUp(client(base), 'piet@praktijk.nl');
  const waiting = new URL(linkIn((await mailsTo(smtp, 'piet@praktijk.nl', 1))[0].mail.text ?? '', `${base}/bevestig/`));
  // An address change waiting for its link.
  await c.post(`${own}/e-mailadres`, {
    _csrf: csrfOf((await c.get(`${own}/e-mailadres`)).body),
    email: 'anna.nieuw@praktijk.nl',
  });
  const change = new URL(
    linkIn((await mailsTo(smtp, 'anna.nieuw@praktijk.nl', 1))[0].mail.text ?? '', `${base}/adres-bevestigen/`),
  );
  const providerId = (app.db.prepare('SELECT provider_id FROM web_accounts').pluck().get() as string) ?? '';
  const provider = app.store.providers.get(providerId, { keyId: '', admin: true })!;
  const web = app.store.web;
  const record = web.createLink('record', providerId, 'cz-groep/2027/ondertekenen');
  const signIn = web.createLink('sign-in', providerId);
  const contactId = app.db.prepare('SELECT id FROM contacts WHERE provider_id = ?').pluck().get(providerId) as number;
  const unsubscribe = new SecretTokens(app.db).current('unsubscribe', contactId);
  paths.push(
    '/',
    '/?lang=en',
    `/situatie?${SITUATION}&c%3Azorg-en-zekerheid%3A2026=existing`,
    `/situatie?${SITUATION}&lang=en`,
    '/situatie?kind=vsv&c%3Azorg-en-zekerheid%3A2026=existing',
    '/nieuwe-link',
    '/privacy',
    '/toegankelijkheid',
    '/nope',
    confirm.pathname,
    waiting.pathname,
    own,
    `${own}?lang=en`,
    `${own}/gegevens`,
    `${own}/e-mailadres`,
    `${own}/verwijderen`,
    change.pathname,
    `/gedaan/${record}`,
    `/inloggen/${signIn}`,
    `/unsubscribe/${unsubscribe}`,
    new URL(providerPageUrl(base, feedTokenOf(provider))).pathname,
  );
  browser = await openBrowser({ javaScript: true });
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 320, height: 800 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
}, 60_000);

describe('every page at 320 px', () => {
  it('has no sideways scroll', async () => {
    const wide: { path: string; width: number; widest: string }[] = [];
    for (const [index, path] of paths.entries()) {
      await page.goto(world.base + path);
      // Folded parts open, as she would open them: their content must fit too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const { width, widest } = await page.evaluate(() => {
        // What sticks out: a box past the edge, or content wider than its box.
        const over = [...document.querySelectorAll('body *')]
          .filter(
            (element) =>
              element.getBoundingClientRect().right > 320.5 ||
              (element.scrollWidth > element.clientWidth + 0.5 && getComputedStyle(element).overflowX === 'visible'),
          )
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}#${element.id}`);
        return { width: document.scrollingElement!.scrollWidth, widest: over.slice(-4).join(', ') };
      });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `narrow-320-${index}.png`), fullPage: true });
      if (width > 320) wide.push({ path, width, widest });
    }
    expect(wide).toEqual([]);
  }, 120_000);
});
