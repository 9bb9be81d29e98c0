import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReminderStore } from '../../src/store/reminders.js';
import { parseWithIcalJs } from '../feeds/parsers.js';
import { linkIn, mailsTo, openBrowser, screenshot, seriousViolations, startWorld, type World } from './world.js';

/**
 * One midwife, with only a browser and an inbox, walks the whole front door: her situation, the subscribe links,
 * sign-up with the confirmation mail, her own page, recording and undoing a step (her feed follows), a digest's
 * "Gedaan? Leg het vast" link, her settings, a new feed address, and deleting everything. Once with JavaScript and
 * keyboard-only forms (screenshots and axe-core on every page), once with JavaScript off.
 */
let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.stop();
}, 120_000);

const AANBOD = 'item-cz-groep-2027-aanbod-reactie-aanbod';
const REACTIE_UID = 'cz-groep/2027/aanbod-reactie/reactie@';

async function feedOf(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  return parseWithIcalJs(await response.text());
}

/** The tables that hold `secret` in any column. */
function tablesHolding(app: World['app'], secret: string): string[] {
  const tables = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  return tables.filter((table) =>
    JSON.stringify(app.db.prepare(`SELECT * FROM "${table}"`).all(), (_key, value) =>
      Buffer.isBuffer(value) ? value.toString('latin1') : value,
    ).includes(secret),
  );
}

/** Tabs (at most 300 times) until the focused element matches; keyboard only. */
async function tabTo(page: Page, matches: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, matches)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${matches}`);
}

describe.each([
  { mode: 'javascript', javaScript: true },
  { mode: 'no-javascript', javaScript: false },
])('the whole path, $mode', ({ mode, javaScript }) => {
  it('home → situation → subscribe → sign up → mail → own page → record → feed → undo → digest link → settings → new address → new feed address → delete', async () => {
    const { base, smtp, app } = world;
    const email = `anna.${mode}@praktijk-noord.nl`;
    const practice = javaScript ? 'Verloskundigenpraktijk De Wieg' : 'Kraamzorg Noord zonder JavaScript';
    const name = javaScript ? 'Anna de Vries' : 'Bea Jansen';
    const browser = await openBrowser({ javaScript });
    const page = await browser.context.newPage();
    const look = async (name: string) => {
      if (!javaScript) return;
      await screenshot(page, name);
      expect(await seriousViolations(page), name).toEqual([]);
    };
    try {
      // Home: what the service does, the calendars, the situation form.
      let response = await page.goto(`${base}/`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
      await expect(page.locator('h1').textContent()).resolves.toContain('contractdata');
      await expect(page.locator('table').textContent()).resolves.toMatch(
        /CZ[\s\S]*2027[\s\S]*Zorginkoopbeleid Geboortezorg 2027/,
      );
      await look('home');
      // What a calendar asks about (its attributes), in the page's language from the calendar file: label, hint, choices.
      await expect(page.locator('label[for="a-cz-groep-2027-organisatievorm"]').textContent()).resolves.toBe(
        'CZ: organisatievorm (alleen voor kraamzorg)',
      );
      await expect(page.locator('#a-cz-groep-2027-organisatievorm-hint').textContent()).resolves.toMatch(
        /^Hoeveel van uw kraamzorg geven kraamverzorgenden/,
      );
      await expect(page.locator('#a-cz-groep-2027-zorgaanbieder option').allTextContents()).resolves.toEqual([
        'Weet ik niet / niet van toepassing',
        'ja, de IGO is zelf zorgaanbieder',
        'nee, nog niet',
      ]);

      // Nothing chosen: the form comes back with an error summary that links to the field.
      await page.getByRole('button', { name: 'Toon mijn data' }).click();
      await expect(page.locator('.error-summary').textContent()).resolves.toContain('Kies welke zorg u geeft');
      await look('home-error');

      await page.check('#kind');
      // Existing at CZ: the 30 September offer (and the answer to it) is promised to existing providers only.
      await page.check('#c-cz-groep-2027-existing');
      await page.check('#c-zorg-en-zekerheid-2026-existing');
      await page.getByRole('button', { name: 'Toon mijn data' }).click();
      expect(page.url()).toContain('/situatie?');
      await expect(page.locator('.panel.next').textContent()).resolves.toContain('CZ: Reageren op aanbod');
      // Passed items are folded away at the bottom, not a screen of red.
      expect(await page.locator('details.fold').getAttribute('open')).toBeNull();
      const body = await page.locator('main').textContent();
      expect(body).toContain('één keer per dag');
      expect(body).toContain('Meldingen (alarmen) in een geabonneerde agenda werken vaak niet');

      // Subscribe links: all the same situation feed, which is exactly this situation.
      const feedUrl = await page.inputValue('#feed-address-situation');
      expect(feedUrl).toBe(
        `${base}/feeds/situatie.ics?kind=verloskunde&c%3Acz-groep%3A2027=existing&c%3Azorg-en-zekerheid%3A2026=existing`,
      );
      const webcal = feedUrl.replace(/^http:/, 'webcal:');
      expect(await page.getByRole('link', { name: 'Google Agenda' }).getAttribute('href')).toBe(
        `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
      );
      expect(await page.getByRole('link', { name: /Outlook op internet/ }).getAttribute('href')).toContain(
        `url=${encodeURIComponent(feedUrl)}`,
      );
      expect(await page.getByRole('link', { name: 'Outlook op uw computer' }).getAttribute('href')).toBe(webcal);
      expect(await page.getByRole('link', { name: /Apple Agenda/ }).getAttribute('href')).toBe(webcal);
      const situationFeed = await feedOf(feedUrl);
      // What may never happen (a chain not started) is on the page in words, not on the calendar.
      const notStarted = await page.locator('li.item', { hasText: 'het kan gebeuren, maar hoeft niet' }).count();
      expect(notStarted).toBeGreaterThan(0);
      expect(situationFeed.events).toHaveLength((await page.locator('li.item').count()) - notStarted);
      expect(situationFeed.events.some((event) => event.summary.startsWith('Zorg en Zekerheid'))).toBe(true);
      await look('situation');

      // Sign up (keyboard only with JavaScript on); a wrong address first gets the error next to the field.
      if (javaScript) {
        await tabTo(page, '#email');
        await page.keyboard.type('anna@');
        await page.keyboard.press('Tab');
        await page.keyboard.type(name);
        await page.keyboard.press('Tab');
        await page.keyboard.type(practice);
        await tabTo(page, 'form[action="/aanmelden"] button[type=submit]');
        await page.keyboard.press('Enter');
        await page.waitForURL(`${base}/aanmelden`);
        await expect(page.locator('.error-summary').textContent()).resolves.toContain('Vul een e-mailadres in');
        await look('signup-error');
        await tabTo(page, '#email');
        await page.keyboard.press('Control+A');
        await page.keyboard.type(email);
        await tabTo(page, 'form[action="/aanmelden"] button[type=submit]');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.title.startsWith('Kijk in uw e-mail'));
      } else {
        await page.fill('#email', email);
        await page.fill('#name', name);
        await page.fill('#practice', practice);
        await page.getByRole('button', { name: 'Herinneringen aanvragen' }).click();
      }
      await expect(page.locator('h1').textContent()).resolves.toBe('Kijk in uw e-mail');
      await look('signup-sent');

      // The confirmation mail: one link; GET shows a button, POST confirms.
      const [confirmation] = await mailsTo(smtp, email, 1);
      expect(confirmation.mail.subject).toBe('Bevestig uw aanmelding voor herinneringen');
      const confirmLink = linkIn(confirmation.mail.text ?? '', `${base}/bevestig/`);
      await page.goto(confirmLink);
      await expect(page.locator('main').textContent()).resolves.toContain(email);
      await look('confirm');
      await page.getByRole('button', { name: 'Ja, stuur mij herinneringen' }).click();
      expect(page.url()).toMatch(new RegExp(`^${base}/mijn/[A-Za-z0-9_-]{43}$`));
      let ownUrl = page.url();
      const welcome = (await mailsTo(smtp, email, 2))[1];
      expect(linkIn(welcome.mail.text ?? '', `${base}/mijn/`)).toBe(ownUrl);
      const account = app.db
        .prepare(
          'SELECT a.provider_id AS providerId, a.api_key_id AS apiKeyId FROM web_accounts a JOIN contacts c ON c.provider_id = a.provider_id WHERE c.email = ?',
        )
        .get(email) as { providerId: string; apiKeyId: string };
      expect(account.providerId).toBeTruthy();

      // Her page: next action first with days left, her personal feed.
      await expect(page.locator('h1').textContent()).resolves.toBe(`Contractdata van ${practice}`);
      await expect(page.locator('.panel.next').textContent()).resolves.toMatch(
        /CZ: Reageren op aanbod[\s\S]*woensdag 28 oktober 2026[\s\S]*nog 43 dagen/,
      );
      await look('own');
      const personalFeed = await page.inputValue('#feed-address-own');
      // Her feed's timeline page (where feed events link) in the same look.
      await page.goto(personalFeed.replace(/\.ics$/, '.html'));
      await expect(page.locator('h1').textContent()).resolves.toBe(`Contractdata van ${practice}`);
      await look('feed-page');
      await page.goto(ownUrl);
      const before = (await feedOf(personalFeed)).events.find((event) => event.uid.startsWith(REACTIE_UID))!;
      expect(before.status).toBe('TENTATIVE');

      // Record "aanbod ontvangen op 10 september": the answer deadline moves to 8 October.
      const recordForm = page.locator(`#${AANBOD}`);
      if (javaScript) {
        await tabTo(page, `#${AANBOD} details.record > summary`);
        await page.keyboard.press('Enter');
        await tabTo(page, `#date-${AANBOD}`);
        // Chromium orders the date's parts by its own language (day or month first): type, and retype the other way round if needed.
        await page.keyboard.type('10092026');
        if ((await page.inputValue(`#date-${AANBOD}`)) !== '2026-09-10') {
          await page.keyboard.press('Shift+Tab');
          await page.keyboard.press('Shift+Tab');
          await page.keyboard.type('09102026');
        }
        expect(await page.inputValue(`#date-${AANBOD}`)).toBe('2026-09-10');
        await tabTo(page, `#note-${AANBOD}`);
        await page.keyboard.type('Aanbod via VECOZO');
        await tabTo(page, `#${AANBOD} form button[type=submit]`);
        await page.keyboard.press('Enter');
        await page.waitForURL(/vastgelegd=/);
      } else {
        await recordForm.locator('summary', { hasText: 'Gebeurd?' }).click();
        await page.fill(`#date-${AANBOD}`, '2026-09-10');
        await page.fill(`#note-${AANBOD}`, 'Aanbod via VECOZO');
        await recordForm.getByRole('button', { name: /Vastleggen/ }).click();
      }
      await expect(page.locator('.notice').textContent()).resolves.toContain(
        'Vastgelegd: CZ: Aanbod overeenkomst 2027 ontvangen op donderdag 10 september 2026',
      );
      await expect(page.locator('.panel.next').textContent()).resolves.toMatch(
        /CZ: Reageren op aanbod[\s\S]*donderdag 8 oktober 2026/,
      );
      // The derivation says where the moved date comes from.
      await expect(page.locator('.panel.next').textContent()).resolves.toContain(
        'aanbod overeenkomst 2027 ontvangen 10 september 2026 (vastgelegd) + 4 weken = 8 oktober 2026',
      );
      await look('own-recorded');
      const after = (await feedOf(personalFeed)).events.find((event) => event.uid.startsWith(REACTIE_UID))!;
      expect(after.sequence).toBeGreaterThan(before.sequence);
      expect(after.start).toBe('2026-10-08');
      expect(after.status).toBe('CONFIRMED');

      // Undo it from the notice.
      await page.locator('.notice').getByRole('button', { name: 'Ongedaan maken' }).click();
      await expect(page.locator('.notice').textContent()).resolves.toContain('Ongedaan gemaakt');
      await expect(page.locator('.panel.next').textContent()).resolves.toContain('woensdag 28 oktober 2026');
      expect((await feedOf(personalFeed)).events.find((event) => event.uid.startsWith(REACTIE_UID))!.status).toBe(
        'TENTATIVE',
      );

      // A digest 14 days before signing: "Gedaan? Leg het vast" opens a form (recording nothing), POST records.
      await app.reminders.runDay('2026-10-18');
      const digest = (await mailsTo(smtp, email, 3))[2];
      expect(digest.mail.text).toContain('Gedaan? Leg het vast');
      // Her page link is in the digest instead of the read-only timeline, rebuilt from the server key when the mail was
      // made; once the mail is sent no table holds it (the outbox keeps a sent mail's subject, not its bytes).
      const pageToken = ownUrl.split('/').at(-1)!;
      expect(linkIn(digest.mail.text ?? '', `${base}/mijn/`)).toBe(ownUrl);
      expect(digest.mail.text).toContain(
        `Uw eigen pagina: alle data, vastleggen wat u deed, gegevens wijzigen: ${ownUrl}`,
      );
      expect(digest.mail.html).toContain(`href="${ownUrl}"`);
      expect(digest.mail.text).not.toMatch(/\/feeds\/[\w-]+\.html/);
      await expect.poll(() => tablesHolding(app, pageToken)).toEqual([]);
      const recordLink = linkIn(digest.mail.text ?? '', `${base}/gedaan/`);
      const liveEvents = () =>
        (
          app.db
            .prepare('SELECT count(*) AS n FROM events WHERE provider_id = ? AND deleted_at IS NULL')
            .get(account.providerId) as { n: number }
        ).n;
      expect(liveEvents()).toBe(0);
      await page.goto(recordLink);
      expect(liveEvents()).toBe(0);
      await expect(page.locator('main').textContent()).resolves.toContain('CZ: Overeenkomst 2027 ondertekenen');
      await look('record-from-mail');
      await page.getByRole('button', { name: 'Vastleggen' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Vastgelegd');
      expect(await page.getByRole('link', { name: 'Alle data van uw praktijk' }).getAttribute('href')).toBe(
        new URL(ownUrl).pathname,
      );
      expect(
        app.db
          .prepare('SELECT item, date FROM events WHERE provider_id = ? AND deleted_at IS NULL')
          .all(account.providerId),
      ).toEqual([{ item: 'cz-groep/2027/ondertekenen', date: '2026-09-15' }]);
      await look('record-done');

      // The unsubscribe page in the same look names the practice.
      await page.goto(linkIn(digest.mail.text ?? '', `${base}/unsubscribe/`));
      await expect(page.locator('main').textContent()).resolves.toContain(practice);
      await look('unsubscribe');
      await page.getByRole('button', { name: 'Stop de herinneringen' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('U bent afgemeld');
      await look('unsubscribed');
      // Her page says what is true now: no mails promised while she is unsubscribed.
      await page.goto(ownUrl);
      const afterStop = (await page.locator('main').textContent()) ?? '';
      expect(afterStop).toContain('U krijgt nu geen herinneringen per e-mail');
      expect(afterStop).not.toContain('Daarom sturen we u een e-mail');

      // Settings: reminders on again (how the unsubscribe page says to undo it), reminder days.
      await page.goto(`${ownUrl}/gegevens`);
      expect(await page.isChecked('#reminders')).toBe(false);
      await look('settings');
      await page.check('#reminders');
      await page.fill('#reminderDays', '10, 3');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await expect(page.locator('.notice').textContent()).resolves.toContain('Uw wijzigingen zijn opgeslagen');
      expect(
        JSON.parse(
          (
            app.db.prepare('SELECT reminder_days AS d FROM providers WHERE id = ?').get(account.providerId) as {
              d: string;
            }
          ).d,
        ),
      ).toEqual([10, 3]);
      expect(
        app.db.prepare('SELECT unsubscribed_at AS at FROM contacts WHERE provider_id = ?').get(account.providerId),
      ).toEqual({ at: null });
      // On again means mail again: her address is off her tenant's suppression list too.
      expect(
        [...new ReminderStore(app.db).contactsOf([account.providerId]).values()].flat().map((contact) => contact.email),
      ).toEqual([email]);

      // A new e-mail address, double opt-in: one mail to the NEW address; nothing changes until its link is followed.
      const newEmail = `bea.${mode}@nieuwe-praktijk.nl`;
      const contactEmail = () =>
        app.db.prepare('SELECT email FROM contacts WHERE provider_id = ?').pluck().get(account.providerId);
      await page.goto(`${ownUrl}/gegevens`);
      await page.getByRole('link', { name: 'E-mailadres wijzigen' }).click();
      expect(page.url()).toBe(`${ownUrl}/e-mailadres`);
      await expect(page.locator('main').textContent()).resolves.toContain(`De e-mails gaan nu naar ${email}.`);
      await look('address');
      if (javaScript) {
        await tabTo(page, '#email');
        await page.keyboard.type(email.toUpperCase());
        await tabTo(page, 'form[action$="/e-mailadres"] button[type=submit]');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.title.startsWith('Er is een probleem'));
        await expect(page.locator('.error-summary').textContent()).resolves.toContain('Dit is al uw e-mailadres');
        await look('address-error');
        await tabTo(page, '#email');
        await page.keyboard.press('Control+A');
        await page.keyboard.type(newEmail);
        await tabTo(page, 'form[action$="/e-mailadres"] button[type=submit]');
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.title.startsWith('Kijk in de e-mail'));
      } else {
        await page.fill('#email', 'geen-adres');
        await page.getByRole('button', { name: 'Stuur een bevestiging naar het nieuwe adres' }).click();
        await expect(page.locator('.error-summary').textContent()).resolves.toContain('Vul een e-mailadres in');
        await page.fill('#email', newEmail);
        await page.getByRole('button', { name: 'Stuur een bevestiging naar het nieuwe adres' }).click();
      }
      await expect(page.locator('h1').textContent()).resolves.toBe('Kijk in de e-mail van het nieuwe adres');
      await expect(page.locator('main').textContent()).resolves.toContain(
        `Tot u de link volgt, blijven de e-mails naar ${email} gaan.`,
      );
      await look('address-sent');
      const [addressMail] = await mailsTo(smtp, newEmail, 1);
      expect(addressMail.mail.subject).toBe('Bevestig uw nieuwe e-mailadres');
      // An address not confirmed yet gets no link to her page.
      expect(addressMail.mail.text).not.toContain('/mijn/');
      const addressLink = linkIn(addressMail.mail.text ?? '', `${base}/adres-bevestigen/`);
      await page.goto(addressLink);
      expect(contactEmail()).toBe(email);
      await expect(page.locator('main').textContent()).resolves.toContain(`naar ${newEmail}`);
      await look('address-confirm');
      await page.getByRole('button', { name: 'Ja, gebruik dit adres' }).click();
      expect(page.url()).toBe(`${ownUrl}?adres=1`);
      await expect(page.locator('.notice').textContent()).resolves.toContain(`De e-mails gaan nu naar ${newEmail}.`);
      await look('own-address-changed');
      expect(contactEmail()).toBe(newEmail);
      const changed = (await mailsTo(smtp, newEmail, 2))[1];
      expect(changed.mail.subject).toBe('Uw nieuwe e-mailadres is bevestigd');
      expect(linkIn(changed.mail.text ?? '', `${base}/mijn/`)).toBe(ownUrl);
      const left = (await mailsTo(smtp, email, 4))[3];
      expect(left.mail.subject).toBe('Uw e-mailadres voor herinneringen is gewijzigd');
      // The new address is named defanged, so no mail client makes a mailto link of it.
      expect(left.mail.text).toContain(newEmail.replace(/[@.]/g, '[$&]'));
      expect(left.mail.text).not.toMatch(/\/mijn\/|\/adres-bevestigen\//);
      expect(
        [...new ReminderStore(app.db).contactsOf([account.providerId]).values()].flat().map((contact) => contact.email),
      ).toEqual([newEmail]);
      // The unsubscribe link in the old inbox no longer acts on the new address; the confirmation link works once.
      const oldUnsubscribe = await fetch(linkIn(digest.mail.text ?? '', `${base}/unsubscribe/`));
      expect(oldUnsubscribe.status).toBe(404);
      expect(await oldUnsubscribe.text()).toContain('<h1>Deze link werkt niet (meer)</h1>');
      expect((await fetch(addressLink)).status).toBe(404);

      // A new feed address: the old one stops at once.
      await page.getByRole('button', { name: 'Nieuw agenda-adres maken' }).click();
      const newFeed = await page.inputValue('#feed-address-own');
      expect(newFeed).not.toBe(personalFeed);
      expect((await fetch(personalFeed)).status).toBe(404);
      expect((await fetch(newFeed)).status).toBe(200);

      // Lost her link: a one-time sign-in link to the registered (now the new) address makes a new page link; the old one stops.
      await page.goto(`${base}/nieuwe-link`);
      await page.fill('#email', newEmail);
      await page.getByRole('button', { name: 'Stuur mij een nieuwe link' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Kijk in uw e-mail');
      await look('new-link-sent');
      const signIn = (await mailsTo(smtp, newEmail, 3))[2];
      expect(signIn.mail.subject).toBe('Nieuwe link naar uw pagina');
      await page.goto(linkIn(signIn.mail.text ?? '', `${base}/inloggen/`));
      await look('sign-in');
      await page.getByRole('button', { name: 'Open mijn pagina' }).click();
      expect(page.url()).toMatch(new RegExp(`^${base}/mijn/[A-Za-z0-9_-]{43}$`));
      expect(page.url()).not.toBe(ownUrl);
      expect((await fetch(ownUrl)).status).toBe(404);
      ownUrl = page.url();

      // Delete everything, after a confirmation page.
      await page.goto(ownUrl);
      await page.getByRole('link', { name: 'Alles verwijderen' }).click();
      await look('delete');
      await page.getByRole('button', { name: 'Ja, verwijder alles' }).click();
      await expect(page.locator('h1').textContent()).resolves.toBe('Alles is verwijderd');
      await look('deleted');
      response = await page.goto(ownUrl);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Deze link werkt niet (meer)');
      await look('link-gone');

      // Nothing about her is left in any table.
      const tables = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      for (const table of tables) {
        const rows = JSON.stringify(app.db.prepare(`SELECT * FROM "${table}"`).all(), (_key, value) =>
          Buffer.isBuffer(value) ? value.toString('latin1') : value,
        ).toLowerCase();
        for (const trace of [email, newEmail, practice.toLowerCase(), account.providerId, account.apiKeyId, name])
          expect(rows, `${table} still holds ${trace}`).not.toContain(trace.toLowerCase());
      }

      if (javaScript) {
        await page.goto(`${base}/nieuwe-link`);
        await look('new-link');
        // A mistyped page address and a dead feed-page link: pages in the site's look, not the API's JSON.
        response = await page.goto(`${base}/mijn/${pageToken}/typo`);
        expect(response?.status()).toBe(404);
        await expect(page.locator('h1').textContent()).resolves.toBe('Deze pagina bestaat niet');
        await look('not-found');
        response = await page.goto(personalFeed.replace(/\.ics$/, '.html'));
        expect(response?.status()).toBe(404);
        await expect(page.locator('h1').textContent()).resolves.toBe('Deze link werkt niet (meer)');
        await look('feed-page-gone');
        await page.goto(`${base}/?lang=en`);
        await expect(page.locator('h1').textContent()).resolves.toBe(
          'Every contract date of your health insurers in one place',
        );
        await look('home-en');
        await expect(page.locator('label[for="a-cz-groep-2027-organisatievorm"]').textContent()).resolves.toBe(
          'CZ: type of organisation (only for maternity care (kraamzorg))',
        );
        await expect(page.locator('#a-cz-groep-2027-zorgaanbieder-hint').textContent()).resolves.toBe(
          'An IGO that is not yet a care provider makes an effort to become one by 2028 at the latest.',
        );
        await expect(page.locator('#a-zorg-en-zekerheid-2026-overeenkomst option').allTextContents()).resolves.toEqual([
          'Don’t know / not applicable',
          'A agreement',
          'B agreement',
          'Bemiddelingsplatform (agency) agreement',
          'individual arrangements',
        ]);
      }
    } finally {
      await browser.close();
    }
  }, 180_000);
});
