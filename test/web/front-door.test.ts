import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, seriousViolations, startWorld, type World } from './world.js';

/** The front door as a careful person meets it (issue 24): real chromium, axe-core, screenshots. */
let world: World;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  world = await startWorld();
  browser = await openBrowser({ javaScript: true });
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
}, 60_000);

const text = async (selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

describe('care the insurer does not contract', () => {
  it('says that Zorg en Zekerheid does not contract VSV instead of "nothing to do"', async () => {
    await page.goto(`${world.base}/situatie?kind=vsv&c%3Azorg-en-zekerheid%3A2026=existing`);
    await screenshot(page, 'front-door-not-contracted');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await text('#niet-gecontracteerd')).toBe(
      'Zorg en Zekerheid contracteert in 2026 geen VSV: het zorginkoopbeleid noemt die zorg niet. Daarom staan hier geen data van Zorg en Zekerheid voor VSV.',
    );
    expect(await text('#next-title + p')).not.toContain('U hoeft op dit moment niets te doen');
    // Where another insurer does contract it, her dates stay and only Z&Z is named.
    await page.goto(
      `${world.base}/situatie?kind=vsv&c%3Azorg-en-zekerheid%3A2026=existing&c%3Acz-groep%3A2027=new&lang=en`,
    );
    expect(await text('#niet-gecontracteerd')).toContain(
      'Zorg en Zekerheid does not contract VSV (obstetric partnership) in 2026',
    );
    expect(await page.locator('#niet-gecontracteerd').innerText()).not.toContain('CZ');
    await page.goto(`${world.base}/situatie?kind=verloskunde&c%3Azorg-en-zekerheid%3A2026=existing&lang=nl`);
    expect(await page.locator('#niet-gecontracteerd').count()).toBe(0);
  });
});

describe('the privacy and accessibility statements in a browser', () => {
  it('are reachable from the footer, readable and without serious axe findings', async () => {
    await page.goto(`${world.base}/`);
    await page.getByRole('link', { name: 'Privacyverklaring' }).click();
    expect(await text('h1')).toBe('Privacyverklaring');
    await screenshot(page, 'front-door-privacy');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${world.base}/toegankelijkheid?lang=en`);
    expect(await text('h1')).toBe('Accessibility statement');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('narrow screens and heading order', () => {
  it('at 320 px no page scrolls sideways', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    const wide: string[] = [];
    for (const path of [
      '/',
      '/situatie?kind=verloskunde&c%3Acz-groep%3A2027=new&c%3Azorg-en-zekerheid%3A2026=existing',
      '/nieuwe-link',
      '/privacy',
      '/toegankelijkheid',
      '/nope',
    ]) {
      await page.goto(world.base + path);
      const fits = await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth);
      if (!fits) wide.push(path);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(wide).toEqual([]);
  });

  it('the "Gedaan? Leg het vast" page has no heading that skips a level', async () => {
    const providerItem = 'cz-groep/2027/aanbod-reactie/aanbod';
    const { app } = world;
    const key = app.store.apiKeys.create('test').apiKey;
    const provider = app.store.providers.create(key.id, {
      name: 'Praktijk Zuid',
      agb: '12345678',
      reminderDays: [14],
      kinds: ['verloskunde'],
      contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
      contacts: [],
    } as never);
    const link = app.store.web.prepareLink('record', provider.id, providerItem, new Date());
    link.save();
    await page.goto(`${world.base}/gedaan/${link.token}`);
    const levels = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4')].map((h) => Number(h.tagName[1])),
    );
    expect(
      levels.every((level, i) => i === 0 || level <= levels[i - 1] + 1),
      levels.join(','),
    ).toBe(true);
  });
});
