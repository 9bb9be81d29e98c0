import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderInput } from '../../src/store/providers.js';
import { client, csrfOf, signUp } from './form-client.js';
import { pdfkitText, pdfPageCount } from './pdf-text.js';
import {
  mailsTo,
  openBrowser,
  SCREENSHOT_DIR,
  screenshot,
  seriousViolations,
  startWorld,
  type World,
} from './world.js';

/**
 * The year at a glance (issue 25) in real Chromium: a practice with CZ (2027 document), Zorg en Zekerheid (2026
 * document) and VGZ (no document), on 2 December 2026, on her own page and on the situation page.
 */
const TODAY = '2026-12-02';
const SITUATION = 'kind=verloskunde&c%3Acz-groep%3A2027=existing&c%3Azorg-en-zekerheid%3A2026=existing';
let world: World;
let ownPath: string;

beforeAll(async () => {
  world = await startWorld({ TODAY });
  const c = client(world.base);
  await signUp(c, 'anna@praktijk-noord.nl');
  const link = /\/bevestig\/[\w-]+/.exec(
    (await mailsTo(world.smtp, 'anna@praktijk-noord.nl', 1))[0].mail.text ?? '',
  )![0];
  const confirmed = await c.post(link, { _csrf: csrfOf((await c.get(link)).body) });
  ownPath = new URL(confirmed.location!, world.base).pathname;
  const providerId = world.app.db.prepare('SELECT provider_id FROM web_accounts').pluck().get() as string;
  const { providers, ownDates } = world.app.store;
  const provider = providers.get(providerId, { keyId: '', admin: true })!;
  // VGZ has no document here: a contract with it gets the law's dates only (the web form offers encoded calendars).
  providers.update(provider, {
    ...provider,
    contracts: [
      { insurer: 'cz-groep', year: 2027, status: 'existing' },
      { insurer: 'zorg-en-zekerheid', year: 2026, status: 'existing' },
      { insurer: 'vgz', year: 2027, status: 'existing' },
    ],
  } as unknown as ProviderInput);
  ownDates.createItem(
    providerId,
    {
      insurer: 'vgz',
      title: 'Vragenlijst VGZ invullen',
      due: '2026-10-01',
      from: '2026-09-20',
      time: null,
      note: 'e-mail van VGZ, 3 april',
      done: null,
    },
    provider.ownerKeyId,
  );
}, 60_000);
afterAll(async () => {
  await world?.stop();
});

/** The picture's text alternative and the dated list below it, as a person reads them. */
async function readBoth(page: Page) {
  const lines = await page.locator('#jaar-lijst li').evaluateAll((items) =>
    items.map((li) => ({
      number: Number(li.getAttribute('value')),
      heading: li.querySelector('strong')!.textContent!.trim(),
      when: li.querySelector('.year-when')!.textContent!.trim(),
      status: li.querySelector('.year-status')!.textContent!.trim(),
      source: li.querySelector('.year-source')!.textContent!.trim(),
    })),
  );
  const listed = await page.locator('ul.items > li.item').evaluateAll((items) =>
    items.map((li) => ({
      heading: li.querySelector('h2, h3')!.textContent!.trim(),
      when: li.querySelector('.when')!.textContent!.trim(),
    })),
  );
  return { lines, listed };
}

/** The picture, its scroll box and the list agree: same items, same dates, numbered as drawn. */
async function checkPicture(page: Page, rows: string[]) {
  const svgText = await page.locator('.year-svg').evaluate((svg) => svg.textContent ?? '');
  for (const row of rows) expect(svgText).toContain(row);
  expect(await page.locator('.year-today').count()).toBe(1);
  const { lines, listed } = await readBoth(page);
  expect(lines.length).toBeGreaterThan(5);
  expect(lines.map((line) => line.number)).toEqual(lines.map((_, index) => index + 1));
  for (const line of lines) expect(listed, line.heading).toContainEqual({ heading: line.heading, when: line.when });
  // Every dated item of the round year in the list is in the picture (Zorg en Zekerheid's 2025 round is not).
  const inRound = listed.filter(
    (item) => /2026/.test(item.when) && !/2025|2027/.test(item.when) && !/^Zorg en Zekerheid/.test(item.heading),
  );
  for (const item of inRound) expect(lines.map((line) => line.heading)).toContain(item.heading);
  expect(await page.locator('.year-entry').count()).toBe(lines.length);
  const drawn = await page
    .locator('.year-entry')
    .evaluateAll((entries) => entries.map((entry) => Number(entry.getAttribute('data-number'))).sort((a, b) => a - b));
  expect(drawn).toEqual(lines.map((line) => line.number));
  return lines;
}

async function print(page: Page, name: string): Promise<Buffer> {
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIR, `${name}-print.pdf`), pdf);
  // What the sheet looks like, for people to look at: the print stylesheet on an A4 landscape's width.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-print.png`), fullPage: true });
  const hidden = await page.evaluate(() =>
    ['header.top', 'footer', 'form', '#coming-title', '.year-choose'].map((selector) =>
      [...document.querySelectorAll(selector)].every((element) => (element as HTMLElement).offsetParent === null),
    ),
  );
  const listShown = await page.locator('#jaar-lijst').isVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
  expect(hidden).toEqual([true, true, true, true, true]);
  expect(listShown).toBe(true);
  return pdf;
}

describe('her year in one picture', () => {
  it('on her own page: a row per insurer and her own, readable at 375 and 1280 px, one printed sheet', async () => {
    const browser = await openBrowser({ javaScript: true });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`${world.base}${ownPath}`);
      await screenshot(page, 'year-own');
      expect(await seriousViolations(page)).toEqual([]);
      const lines = await checkPicture(page, ['CZ', 'Zorg en Zekerheid', 'VGZ', 'Eigen data']);
      expect(lines).toContainEqual(
        expect.objectContaining({
          heading: 'VGZ: Controleer of u bij VGZ als gecontracteerd staat (2027)',
          source: 'de wet (NZa)',
          status: 'voorbij',
        }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ heading: 'VGZ: Vragenlijst VGZ invullen', source: 'door u vastgelegd' }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({
          heading: 'CZ: Overeenkomst 2027 ondertekenen',
          when: 'zondag 1 november 2026',
          status: 'niet vastgelegd: de ronde is gesloten, dit is voorbij',
          source: 'document van de verzekeraar',
        }),
      );
      const sources = await page
        .locator('.year-entry')
        .evaluateAll((entries) => [...new Set(entries.map((entry) => entry.getAttribute('data-source')))]);
      expect(sources.sort()).toEqual(['document', 'legal', 'own']);

      // At 375 px the picture scrolls inside its own labelled, focusable box; the page itself does not.
      await page.setViewportSize({ width: 375, height: 800 });
      const region = page.getByRole('region', { name: /Jaaroverzicht contractjaar 2027/ });
      expect(await region.getAttribute('tabindex')).toBe('0');
      const box = await region.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
      expect(box.scroll).toBeGreaterThan(box.client);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.setViewportSize({ width: 1280, height: 900 });

      const pdf = await print(page, 'year-own');
      expect(pdfPageCount(pdf)).toBe(1);

      // The next contract year: its round in 2027, today outside it.
      await page.getByRole('link', { name: '2028 (ronde in 2027)' }).click();
      expect(page.url()).toContain('jaar=2028');
      expect(await page.locator('.year-choose a[aria-current="page"]').textContent()).toBe('2028 (ronde in 2027)');
      expect(await page.locator('.year-today').count()).toBe(0);
      expect(await page.locator('.year-figure figcaption').textContent()).toContain('Contractjaar 2028');
      await screenshot(page, 'year-own-2028');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('on the situation page, above the list, printed on one sheet', async () => {
    const browser = await openBrowser({ javaScript: true });
    const page = await browser.context.newPage();
    try {
      await page.goto(`${world.base}/situatie?${SITUATION}`);
      await screenshot(page, 'year-situation');
      expect(await seriousViolations(page)).toEqual([]);
      await checkPicture(page, ['CZ', 'Zorg en Zekerheid', 'Eigen data']);
      // Above the list: the picture comes before her next action.
      expect(
        await page.evaluate(
          () =>
            document.querySelector('#jaar')!.compareDocumentPosition(document.querySelector('#next-title')!) &
            Node.DOCUMENT_POSITION_FOLLOWING,
        ),
      ).toBeTruthy();
      const pdf = await print(page, 'year-situation');
      expect(pdfPageCount(pdf)).toBe(1);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('the year overview as a PDF', () => {
  it('her own page gives one A4 landscape page naming her insurers', async () => {
    const response = await fetch(`${world.base}${ownPath}/jaaroverzicht.pdf?jaar=2027`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="jaaroverzicht-2027.pdf"');
    const pdf = Buffer.from(await response.arrayBuffer());
    writeFileSync(join(SCREENSHOT_DIR, 'year-own-jaaroverzicht.pdf'), pdf);
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    const text = pdfkitText(pdf);
    for (const name of ['CZ', 'Zorg en Zekerheid', 'VGZ', 'Eigen data', 'Jaaroverzicht 2027: Praktijk Noord'])
      expect(text).toContain(name);
    expect(text).toContain('CZ: Overeenkomst 2027 ondertekenen: zondag 1 november 2026');
  });

  it('the situation page gives the same for its situation; a year she cannot choose is a clear 400 page', async () => {
    const response = await fetch(`${world.base}/situatie/jaaroverzicht.pdf?${SITUATION}&jaar=2028`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdfPageCount(pdf)).toBe(1);
    expect(pdfkitText(pdf)).toContain('Contractjaar 2028');
    for (const url of [
      `/situatie/jaaroverzicht.pdf?${SITUATION}&jaar=2026`,
      `/situatie?${SITUATION}&jaar=2030`,
      `${ownPath}?jaar=abc`,
      `${ownPath}/jaaroverzicht.pdf?jaar=2029`,
    ]) {
      const refused = await fetch(`${world.base}${url}`);
      expect(refused.status, url).toBe(400);
      expect(refused.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
      expect(await refused.text(), url).toContain('Kies contractjaar 2027 of 2028.');
    }
    const gone = await fetch(`${world.base}/mijn/${'A'.repeat(43)}/jaaroverzicht.pdf`);
    expect(gone.status).toBe(404);
  });
});
