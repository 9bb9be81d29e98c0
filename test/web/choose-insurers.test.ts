import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWithIcalJs } from '../feeds/parsers.js';
import { linkIn, mailsTo, openBrowser, screenshot, seriousViolations, startWorld, type World } from './world.js';

/**
 * Issue 20 §1 in real Chromium: on 2 December 2026 a midwife chooses CZ, Zorg en Zekerheid and VGZ (no document
 * encoded here) on the home page, sees what each insurer's dates rest on and VGZ's legal dates, signs up, and her
 * settings keep VGZ.
 */
let world: World;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let page: Page;

beforeAll(async () => {
  world = await startWorld({ TODAY: '2026-12-02' });
  browser = await openBrowser({ javaScript: true });
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
}, 60_000);

const text = async (selector: string) => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

describe('choosing her insurers from the registry', () => {
  it('offers every registered insurer, and the situation page gives VGZ the law’s dates, saying so', async () => {
    const email = 'vera@praktijk-oost.example.nl';
    await page.goto(`${world.base}/`);
    // VGZ has no document here: offered for 2027, the contract year whose round runs on 2 December 2026.
    expect(await text('fieldset:has(#c-vgz-2027-existing) legend')).toBe('VGZ: contract voor 2027');
    await expect(page.locator('#c-vgz-2027-basis').innerText()).resolves.toBe(
      'nog geen document: wettelijke data en uw eigen data',
    );
    await expect(page.locator('#c-cz-groep-2027-basis').innerText()).resolves.toMatch(
      /^datums uit het document \(versie \d+\)$/,
    );
    for (const name of ['Menzis', 'ONVZ', 'DSW', 'a.s.r.'])
      expect(await page.locator('legend', { hasText: `${name}: contract voor 2027` }).count(), name).toBe(1);
    await page.check('#kind');
    await page.check('#c-cz-groep-2027-existing');
    await page.check('#c-zorg-en-zekerheid-2026-existing');
    await page.check('#c-vgz-2027-existing');
    await screenshot(page, 'choose-insurers-home');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Toon mijn data' }).click();

    expect(page.url()).toContain('c%3Avgz%3A2027=existing');
    const lead = await text('p.lead');
    expect(lead).toContain('bij CZ 2027 (bestaand) en VGZ 2027 (bestaand) en Zorg en Zekerheid 2026 (bestaand).');
    expect(lead).toMatch(/CZ 2027: datums uit het document \(versie \d+\)\./);
    expect(lead).toContain('VGZ 2027: nog geen document: wettelijke data en uw eigen data.');
    // VGZ's dates are the law's: the 12 November publication with her own check, and the 2028 round's 1 April.
    const vgzItems = page.locator('li.item', { hasText: 'VGZ' });
    const vgzText = (await vgzItems.allTextContents()).join(' | ').replace(/\s+/g, ' ');
    expect(vgzText).toContain('Controleer of u bij VGZ als gecontracteerd staat (2027)');
    expect(vgzText).toContain('12 november 2026');
    expect(vgzText).toContain('VGZ publiceert zorginkoopbeleid en procedure 2028');
    // Her subscribe address carries the same VGZ dates.
    const feed = parseWithIcalJs(await (await fetch(await page.inputValue('#feed-address-situation'))).text());
    const vgzEvents = feed.events.filter((event) => event.summary.includes('bij VGZ als gecontracteerd staat (2027)'));
    expect(vgzEvents, feed.events.map((event) => event.summary).join('\n')).toHaveLength(1);
    await screenshot(page, 'choose-insurers-situation');
    expect(await seriousViolations(page)).toEqual([]);

    // Sign-up keeps the three contracts; her settings page shows VGZ as she chose it.
    await page.fill('#email', email);
    await page.fill('#name', 'Vera');
    await page.fill('#practice', 'Praktijk Oost');
    await page.getByRole('button', { name: 'Herinneringen aanvragen' }).click();
    const [confirmation] = await mailsTo(world.smtp, email, 1);
    await page.goto(linkIn(confirmation.mail.text ?? '', `${world.base}/bevestig/`));
    await page.getByRole('button', { name: 'Ja, stuur mij herinneringen' }).click();
    const { providerId } = world.app.db
      .prepare('SELECT provider_id AS providerId FROM contacts WHERE email = ?')
      .get(email) as { providerId: string };
    const provider = world.app.store.providers.get(providerId, { keyId: '', admin: true })!;
    expect(provider.contracts.map((c) => `${c.insurer}/${c.year}/${c.status}`).sort()).toEqual([
      'cz-groep/2027/existing',
      'vgz/2027/existing',
      'zorg-en-zekerheid/2026/existing',
    ]);
    await page.goto(`${page.url().split('?')[0]}/gegevens`);
    expect(await page.isChecked('#c-vgz-2027-existing')).toBe(true);
    expect(await text('#c-vgz-2027-basis')).toBe('nog geen document: wettelijke data en uw eigen data');
    await screenshot(page, 'choose-insurers-settings');
    // Saving keeps VGZ and takes another insurer without a document.
    await page.check('#c-menzis-2027-new');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    expect(page.url()).toContain('opgeslagen=1');
    const saved = world.app.store.providers.get(providerId, { keyId: '', admin: true })!;
    expect(saved.contracts.map((c) => `${c.insurer}/${c.year}/${c.status}`).sort()).toEqual([
      'cz-groep/2027/existing',
      'menzis/2027/new',
      'vgz/2027/existing',
      'zorg-en-zekerheid/2026/existing',
    ]);
  });

  it('refuses an insurer that is not in the registry with a clear message on the form', async () => {
    await page.goto(`${world.base}/situatie?kind=verloskunde&c%3Anope%3A2027=new`);
    await expect(page.locator('.error-summary').innerText()).resolves.toContain(
      'Deze zorgverzekeraar of dit contractjaar kennen wij niet',
    );
  });
});
