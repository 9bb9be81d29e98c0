import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITUATION } from './form-client.js';
import { openBrowser, screenshot, seriousViolations, startWorld, type World } from './world.js';

/** Adding the feed on a phone (issue 24): steps per app, and a copy button that is an enhancement of a read-only field. */
let world: World;

beforeAll(async () => {
  world = await startWorld();
}, 60_000);

afterAll(async () => {
  await world?.stop();
}, 60_000);

const situation = () => `${world.base}/situatie?${SITUATION}`;

describe('the feed address on the situation page', () => {
  it('with JavaScript: one click copies the address and says so', async () => {
    const browser = await openBrowser({ javaScript: true });
    try {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.base });
      const page = await browser.context.newPage();
      await page.goto(situation());
      const field = page.locator('#feed-address-situation');
      const address = await field.inputValue();
      expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feeds\/public\/.+\.ics|^http:\/\/127\.0\.0\.1:\d+\/.+\.ics/);
      const button = page.getByRole('button', { name: 'Kopieer het adres' });
      await button.click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(address);
      expect(await page.locator('.copy-status').innerText()).toBe(
        'Het adres is gekopieerd. Plak het in uw agenda-app.',
      );
      await page.locator('details.phone summary').click();
      await screenshot(page, 'feed-phone-steps');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('without JavaScript: no button that does nothing, a read-only field to select, and the steps per app', async () => {
    const browser = await openBrowser({ javaScript: false });
    try {
      const page = await browser.context.newPage();
      await page.goto(situation());
      expect(await page.getByRole('button', { name: 'Kopieer het adres' }).count()).toBe(0);
      const field = page.locator('#feed-address-situation');
      expect(await field.getAttribute('readonly')).not.toBeNull();
      expect(await page.getByLabel('Of kopieer dit adres in een andere agenda-app:').inputValue()).toBe(
        await field.inputValue(),
      );
      await page.locator('details.phone summary').click();
      const steps = (await page.locator('details.phone').innerText()).replace(/\s+/g, ' ');
      expect(steps).toContain('Apple Agenda op de iPhone');
      expect(steps).toContain('Voeg agenda-abonnement toe');
      expect(steps).toContain('De Google Agenda-app op uw telefoon kan zich niet op een agenda abonneren');
      expect(steps).toContain('Outlook-app (iPhone en Android)');
      expect(await page.locator('details.phone a[href="https://calendar.google.com/"]').count()).toBe(1);

      await page.goto(`${situation()}&lang=en`);
      await page.locator('details.phone summary').click();
      const english = (await page.locator('details.phone').innerText()).replace(/\s+/g, ' ');
      expect(english).toContain('Adding it on your phone');
      expect(english).toContain('Add Subscribed Calendar');
      expect(english).toContain('The Google Calendar app on your phone cannot subscribe to a calendar');
      expect(english).toContain('Subscribe from web');
    } finally {
      await browser.close();
    }
  });
});
