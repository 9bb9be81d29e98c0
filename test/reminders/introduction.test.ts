import type { ParsedMail } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer } from '../helper.js';
import { HOSTILE_NAMES, linksIn } from '../mail/linkifiers.js';
import { reminderWorld, unsubscribeUrl, type ReminderWorld } from './setup.js';

let world: ReminderWorld;
afterEach(async () => {
  await world?.close();
});

const BASE = 'https://deadlines.example.nl/';
const oneClick = { 'content-type': 'application/x-www-form-urlencoded' };

/** Every link a mail client could make of the text part and of the HTML part's text and anchors. */
function linksOfMail(mail: ParsedMail): string[] {
  const html = mail.html || '';
  const anchors = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const htmlText = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return [...linksIn(mail.text ?? ''), ...anchors, ...linksIn(htmlText)];
}

describe('the first mail to a new address', () => {
  it('is its first digest, sent the same day, with the notice of who added it and a one-click stop on top; no tenant text becomes a link', async () => {
    world = await reminderWorld();
    const hostile = HOSTILE_NAMES.join(' ');
    await world.provider(
      {
        name: `Praktijk ${hostile}`.slice(0, 200),
        contacts: [{ email: 'anna@noord.nl', name: 'www.evil.nl http://x' }],
      },
      { introduced: false },
    );

    // Added on the day of a reminder: that reminder comes today, in one mail with the notice.
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 1, sent: 1 });
    const [first, ...more] = world.smtp.to('anna@noord.nl');
    expect(more).toEqual([]);
    const mail = first.mail;
    expect(mail.subject).toMatch(/^Ondertekenen \(Voorbeeld\)/);
    const text = mail.text ?? '';
    // The notice comes first: who added the address and the stop, before any date.
    const notice = text.indexOf('Zorgaanbieder "Praktijk www[.]evil[.]nl http[:]//x');
    expect(notice).toBeGreaterThan(0);
    expect(text).toContain('(via "tenant")');
    expect(text).toMatch(/Eén klik stopt alles: https:\/\/deadlines\.example\.nl\/unsubscribe\//);
    expect(notice).toBeLessThan(text.indexOf('Ondertekenen'));
    expect(text).toContain('Beste www[.]evil[.]nl http[:]//x,');
    expect(mail.html).toContain('Eén klik stopt alles: <a href="https://deadlines.example.nl/unsubscribe/');
    expect(unsubscribeUrl(mail)).toMatch(/^https:\/\/deadlines\.example\.nl\/unsubscribe\//);
    for (const link of linksOfMail(mail)) expect(link.startsWith(BASE), link).toBe(true);

    // Nothing is said twice the next day, and no separate notice follows.
    expect(await world.run('2026-10-19')).toMatchObject({ planned: 0 });
    expect(world.smtp.to('anna@noord.nl')).toHaveLength(1);
  });

  it('added a few days before a date, gets the reminder it would have had at once, with the notice', async () => {
    world = await reminderWorld();
    const provider = await world.provider({ contacts: [{ email: 'anna@noord.nl' }] }, { introduced: false });
    // Text the tenant wrote (an own date due the same day) stays out of a mail to an address new to the service.
    const own = await world.app.inject({
      method: 'POST',
      url: `/api/v1/providers/${provider.id}/own-items`,
      headers: bearer(world.key),
      payload: { insurer: null, title: 'Bevestig via www.evil.example', due: '2026-10-21', note: 'evil.example' },
    });
    expect(own.statusCode, own.body).toBe(201);
    // 2026-10-18 is the 14-day reminder of signing; added three days later, she still hears of it on her first day.
    expect(await world.run('2026-10-21')).toMatchObject({ planned: 1, sent: 1 });
    const mail = world.smtp.to('anna@noord.nl')[0].mail;
    expect(mail.subject).toMatch(/^Ondertekenen \(Voorbeeld\): nog 11 dagen/);
    expect(mail.text).toContain('heeft dit e-mailadres (via "tenant") opgegeven');
    expect(mail.text).not.toContain('evil');
  });

  it('on a day with nothing to remind of is the short notice alone, and reminders follow on their days', async () => {
    world = await reminderWorld();
    await world.provider({ contacts: [{ email: 'anna@noord.nl' }] }, { introduced: false });
    expect(await world.run('2026-08-01')).toMatchObject({ planned: 1, sent: 1 });
    const notice = world.smtp.to('anna@noord.nl')[0].mail;
    expect(notice.subject).toBe('Uw e-mailadres is opgegeven voor herinneringen over zorginkoop');
    expect(notice.text).not.toMatch(/Ondertekenen|feeds/);
    // Only the stop link and the service's own privacy statement (issue 24: every mail says who runs it).
    for (const link of linksOfMail(notice))
      expect(link.startsWith(`${BASE}unsubscribe/`) || link === `${BASE}privacy?lang=nl`, link).toBe(true);
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 1, sent: 1 });
    const digest = world.smtp.to('anna@noord.nl')[1].mail;
    expect(digest.subject).toMatch(/^Ondertekenen \(Voorbeeld\)/);
    expect(digest.text).not.toContain('opgegeven voor herinneringen');
  });
});

describe('the suppression list', () => {
  it('keeps an unsubscribed address unsubscribed when the tenant deletes the contact and adds it again, until she opts in herself', async () => {
    world = await reminderWorld();
    const provider = await world.provider({ contacts: [{ email: 'anna@noord.nl' }, { email: 'piet@noord.nl' }] });
    await world.run('2026-10-18');
    const link = new URL(unsubscribeUrl(world.smtp.to('anna@noord.nl')[0].mail)).pathname;
    expect(
      (await world.app.inject({ method: 'POST', url: link, headers: oneClick, payload: 'List-Unsubscribe=One-Click' }))
        .statusCode,
    ).toBe(200);

    // Removed and added again (a new row, a new token), in another case: still nothing for her.
    const patch = (contacts: object[]) =>
      world.app.inject({
        method: 'PATCH',
        url: `/api/v1/providers/${provider.id}`,
        headers: bearer(world.key),
        payload: { contacts },
      });
    expect((await patch([{ email: 'piet@noord.nl' }])).statusCode).toBe(200);
    expect((await patch([{ email: 'piet@noord.nl' }, { email: 'ANNA@noord.nl' }])).statusCode).toBe(200);
    world.app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run();
    await world.run('2026-10-25');
    expect(world.smtp.to('anna@noord.nl')).toHaveLength(1);
    expect(world.smtp.to('ANNA@noord.nl')).toHaveLength(0);
    expect(world.smtp.to('piet@noord.nl')).toHaveLength(2);

    // Her old link is gone with the old row; a link of the current row shows she is unsubscribed and lets her opt in again.
    expect((await world.app.inject({ url: link })).statusCode).toBe(404);
    const { SecretTokens } = await import('../../src/store/secrets.js');
    const id = world.app.db.prepare("SELECT id FROM contacts WHERE email = 'ANNA@noord.nl'").pluck().get() as number;
    const current = `/unsubscribe/${new SecretTokens(world.app.db).current('unsubscribe', id)}`;
    const page = await world.app.inject({ url: current });
    expect(page.body).toContain('krijgt geen herinneringen meer');
    expect((await world.app.inject({ method: 'POST', url: `${current}/resubscribe` })).body).toContain(
      'krijgt weer herinneringen',
    );
    await world.run('2026-10-31');
    expect(world.smtp.to('ANNA@noord.nl')).toHaveLength(1);
  });
});

describe('the unsubscribe page and one-click POST', () => {
  it("is neither cached nor indexed, and the POST needs List-Unsubscribe=One-Click (the page's own button sends it)", async () => {
    world = await reminderWorld();
    await world.provider({ contacts: [{ email: 'anna@noord.nl' }] });
    await world.run('2026-10-18');
    const path = new URL(unsubscribeUrl(world.smtp.to('anna@noord.nl')[0].mail)).pathname;
    const page = await world.app.inject({ url: path });
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toMatch(/noindex/);
    expect(page.body).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');

    for (const [headers, payload] of [
      [oneClick, ''],
      [oneClick, 'List-Unsubscribe=Yes'],
      [{ 'content-type': 'text/plain' }, 'hello'],
      [{}, undefined],
    ] as const) {
      const refused = await world.app.inject({ method: 'POST', url: path, headers, payload });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(world.app.db.prepare('SELECT count(*) FROM mail_suppressions').pluck().get()).toBe(0);
    const done = await world.app.inject({
      method: 'POST',
      url: path,
      headers: oneClick,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
  });
});

describe('the outbox', () => {
  it('keeps no usable link once a mail is sent, and deleting the provider cancels its waiting mail', async () => {
    world = await reminderWorld();
    const sent = await world.provider({ contacts: [{ email: 'anna@noord.nl' }] });
    await world.run('2026-10-18');
    expect(world.app.db.prepare('SELECT status, length(raw) AS size FROM mail_outbox').all()).toEqual([
      { status: 'sent', size: 0 },
    ]);
    expect(sent.id).toBeTruthy();

    const gone = await world.provider({ contacts: [{ email: 'weg@noord.nl' }] });
    await world.smtp.stop();
    // Planned but not sent (the SMTP server is down), then the provider is deleted.
    const { ReminderRunner } = await import('../../src/reminders/run.js');
    const { fixtureCalendars } = await import('../helper.js');
    const runner = new ReminderRunner({
      stores: world.app.store,
      calendars: fixtureCalendars,
      transport: { description: 'x', send: async () => {}, close: () => {} },
      publicBaseUrl: 'https://deadlines.example.nl',
      mailFrom: 'h@deadlines.example.nl',
      log: { info() {}, warn() {}, error() {} },
    });
    expect((await runner.plan('2026-10-25')).planned).toBe(2);
    expect(
      (await world.app.inject({ method: 'DELETE', url: `/api/v1/providers/${gone.id}`, headers: bearer(world.key) }))
        .statusCode,
    ).toBe(204);
    expect(
      world.app.db
        .prepare(
          "SELECT recipient, status, length(raw) AS size FROM mail_outbox WHERE day = '2026-10-25' ORDER BY recipient",
        )
        .all(),
    ).toEqual([
      { recipient: 'anna@noord.nl', status: 'planned', size: expect.any(Number) },
      { recipient: 'weg@noord.nl', status: 'cancelled', size: 0 },
    ]);
  });
});
