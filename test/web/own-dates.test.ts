import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, csrfOf, signUp } from './form-client.js';
import { mailsTo, openBrowser, screenshot, seriousViolations, startWorld, type World } from './world.js';

/** Her own page (CZ 2027, new midwifery practice; today 15 September 2026): add an own date, correct one, remove both. */
let world: World;
let ownPath: string;
let providerId: string;

beforeAll(async () => {
  world = await startWorld({ ADMIN_API_KEY: ADMIN_KEY });
  const c = client(world.base);
  await signUp(c, 'anna@praktijk-noord.nl');
  const link = /\/bevestig\/[\w-]+/.exec(
    (await mailsTo(world.smtp, 'anna@praktijk-noord.nl', 1))[0].mail.text ?? '',
  )![0];
  const confirmed = await c.post(link, { _csrf: csrfOf((await c.get(link)).body) });
  ownPath = new URL(confirmed.location!, world.base).pathname;
  providerId = world.app.db.prepare('SELECT provider_id FROM web_accounts').pluck().get() as string;
});
afterAll(async () => {
  await world?.stop();
});

const ADMIN_KEY = 'Own-Dates-Admin-Key-0123456789-abcdefgh';

const stored = () => world.app.store.ownDates.ownDates(providerId);

describe('her own dates on her page', () => {
  it('adds an own date, corrects a computed one with a reason, and removes both; bad input changes nothing', async () => {
    const browser = await openBrowser({ javaScript: true });
    const page = await browser.context.newPage();
    const look = async (name: string) => {
      await screenshot(page, name);
      expect(await seriousViolations(page), name).toEqual([]);
    };
    try {
      await page.goto(`${world.base}${ownPath}`);
      await expect(page.locator('#eigen-data').textContent()).resolves.toBe('Eigen data en correcties');
      await look('own-dates');

      // An insurer that is no id: the page says so, 400, nothing stored.
      await page.fill('#own-title', 'Vragenlijst VGZ invullen');
      await page.fill('#own-due', '2026-10-01');
      await page.fill('#own-insurerOther', 'VGZ!');
      await page.fill('#own-note', 'e-mail van VGZ, 3 april');
      const refused = page.waitForResponse((response) => response.url().endsWith('/eigen-datum'));
      await page.getByRole('button', { name: 'Eigen datum toevoegen' }).click();
      expect((await refused).status()).toBe(400);
      await expect(page.locator('.error-summary').textContent()).resolves.toContain('Kies een verzekeraar');
      expect(stored().items).toEqual([]);
      await look('own-dates-error');
      // What she typed is still there, and the error leads to the field she filled in.
      expect(await page.inputValue('#own-title')).toBe('Vragenlijst VGZ invullen');
      expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#own-insurerOther');
      await page.fill('#own-insurerOther', 'vgz');
      await page.fill('#own-from', '2026-09-20');
      await page.fill('#own-time', '17:00');
      await page.getByRole('button', { name: 'Eigen datum toevoegen' }).click();
      await page.waitForURL(/\?eigen-datum=/);
      await expect(page.locator('#eigen-data ~ .notice').first().textContent()).resolves.toContain(
        'Toegevoegd: Vragenlijst VGZ invullen.',
      );
      expect(stored().items).toEqual([
        expect.objectContaining({ insurer: 'vgz', due: '2026-10-01', from: '2026-09-20', time: '17:00' }),
      ]);
      // In her overview like any date of hers, its source her note.
      await expect(page.locator('main').textContent()).resolves.toContain('VGZ: Vragenlijst VGZ invullen');
      await expect(page.locator('main').textContent()).resolves.toContain('bron: e-mail van VGZ, 3 april');

      const option = page.locator('#correction-item option').first();
      const item = (await option.getAttribute('value'))!;
      await page.selectOption('#correction-item', item);
      await page.fill('#correction-due', '2026-11-20');
      await page.fill('#correction-reason', 'CZ gaf ons tot 20 november, brief van 2 oktober');
      await page.getByRole('button', { name: 'Datum corrigeren' }).click();
      await page.waitForURL(/\?gecorrigeerd=/);
      expect(stored().corrections).toEqual([expect.objectContaining({ item, due: '2026-11-20' })]);
      await expect(page.locator('main').textContent()).resolves.toContain(
        'gecorrigeerd door de praktijk naar 20 november 2026',
      );
      await look('own-dates-added');

      await page.getByRole('button', { name: /^Correctie ongedaan maken/ }).click();
      await page.waitForURL(/\?correctie-ongedaan=1/);
      expect(stored().corrections).toEqual([]);
      await page.getByRole('button', { name: /^Verwijderen/ }).click();
      await page.waitForURL(/\?verwijderd=1/);
      expect(stored().items).toEqual([]);
      await look('own-dates-removed');
    } finally {
      await browser.close();
    }
  });

  it('refuses a form without its CSRF token, an item not hers and an impossible date, changing nothing', async () => {
    const c = client(world.base);
    const page = await c.get(ownPath);
    const csrf = csrfOf(page.body);
    const own = { title: 'Begroting', due: '2026-10-01', insurer: '', note: 'eigen planning' };
    expect((await c.post(`${ownPath}/eigen-datum`, own)).status).toBe(403);
    const late = await c.post(`${ownPath}/eigen-datum`, { _csrf: csrf, ...own, from: '2026-10-02', time: '7 uur' });
    expect(late.status).toBe(400);
    expect(late.body).toContain('De periode begint op of vóór de uiterste datum');
    expect(late.body).toContain('Vul een tijd in zoals 17:00.');
    const impossible = await c.post(`${ownPath}/eigen-datum`, { _csrf: csrf, ...own, due: '2026-02-30' });
    expect(impossible.status).toBe(400);
    expect(impossible.body).toContain('Vul een bestaande datum in.');
    const notHers = await c.post(`${ownPath}/correctie`, {
      _csrf: csrf,
      item: 'cz-groep/2027/nergens',
      due: '2026-11-20',
      reason: 'brief',
    });
    expect(notHers.status).toBe(400);
    expect(notHers.body).toContain('Kies een datum uit uw overzicht.');
    expect(stored()).toEqual({ items: [], corrections: [] });
  });

  it('refuses the same bad own date or correction on her page and through the API, for the same fields', async () => {
    const c = client(world.base);
    const csrf = csrfOf((await c.get(ownPath)).body);
    const api = (path: string, payload: object) =>
      world.app.inject({
        method: 'POST',
        url: `/api/v1/providers/${providerId}/${path}`,
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
        payload,
      });
    const fieldsOf = (body: string) =>
      [...(/class="error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '').matchAll(/href="#([\w-]+)"/g)].map(
        (match) => match[1],
      );
    const ownItem = { title: 'Begroting', due: '2026-10-01', from: '2026-10-02', note: 'eigen' };
    const byApi = await api('own-items', { ...ownItem, insurer: 'VGZ!' });
    const onPage = await c.post(`${ownPath}/eigen-datum`, { _csrf: csrf, ...ownItem, insurerOther: 'VGZ!' });
    expect([byApi.statusCode, onPage.status]).toEqual([400, 400]);
    const apiFields = (byApi.json() as { errors: { field: string }[] }).errors.map((error) => error.field);
    expect(apiFields).toEqual(['insurer', 'from']);
    expect(fieldsOf(onPage.body)).toEqual(['own-insurerOther', 'own-from']);

    const correction = { item: 'cz-groep/2027/nergens', due: '2026-11-20', reason: 'brief' };
    const apiCorrection = await api('corrections', correction);
    const pageCorrection = await c.post(`${ownPath}/correctie`, { _csrf: csrf, ...correction });
    expect([apiCorrection.statusCode, pageCorrection.status]).toEqual([400, 400]);
    expect((apiCorrection.json() as { errors: { field: string }[] }).errors.map((error) => error.field)).toEqual([
      'item',
    ]);
    expect(fieldsOf(pageCorrection.body)).toEqual(['correction-item']);
    expect(stored()).toEqual({ items: [], corrections: [] });
  });
});
