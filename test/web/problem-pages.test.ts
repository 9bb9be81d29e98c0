import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, seriousViolations, startWorld, type World } from './world.js';

/** The pages problem types resolve to, as a developer's browser opens them: axe-core, 320 px, the language switch. */
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

describe('problem type pages', () => {
  it('a problem answer’s type opens its page; it and the list pass axe-core and fit 320 px, in both languages', async () => {
    const answer = await fetch(`${world.base}/api/v1/providers`);
    const { type } = (await answer.json()) as { type: string };
    await page.goto(new URL(type, answer.url).href);
    expect(await page.locator('h1').innerText()).toBe('Geen geldige API-sleutel');
    expect(await page.locator('main code').first().innerText()).toBe('/problems/unauthorized');
    for (const path of ['/problems/unauthorized', '/problems/rate-limited?lang=en', '/problems']) {
      await page.goto(world.base + path);
      expect(await seriousViolations(page), path).toEqual([]);
      await page.setViewportSize({ width: 320, height: 800 });
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth), path).toBe(true);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.goto(`${world.base}/problems/duplicate-agb?lang=nl`);
    await page.locator('a.switch').click();
    expect(await page.locator('h1').innerText()).toBe('A provider with this AGB code exists');
    await page.locator('a', { hasText: 'Problem types of the API' }).click();
    expect(new URL(page.url()).pathname).toBe('/problems');
  }, 60_000);
});
