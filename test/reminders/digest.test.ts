import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, bearer } from '../helper.js';
import { reminderWorld, unsubscribeUrl, type ReminderWorld } from './setup.js';

/** Fixture calendar voorbeeld/2027: signing (ondertekenen) is due Sunday 1 November 2026; the insurer's questionnaire 15 June 2026. */
let world: ReminderWorld;
beforeEach(async () => {
  world = await reminderWorld();
});
afterEach(async () => {
  await world.close();
});

const anna = { email: 'anna@noord.nl', name: 'Anna de Vries' };

describe('the daily digest', () => {
  it('reminds 14 days ahead in Dutch: subject, item, insurer, date, weekend flag, what to do, source, links, both parts', async () => {
    const provider = await world.provider({ contacts: [anna] });
    expect(await world.run('2026-10-18')).toEqual({
      day: '2026-10-18',
      since: '2026-10-18',
      planned: 1,
      sent: 1,
      failed: 0,
    });
    expect(world.smtp.received).toHaveLength(1);
    const { mail, to } = world.smtp.received[0];
    expect(to).toEqual(['anna@noord.nl']);
    expect(mail.from?.value).toEqual([
      { name: 'Geboortezorg deadlines', address: 'herinneringen@deadlines.example.nl' },
    ]);
    expect(mail.subject).toBe('Ondertekenen (Voorbeeld): nog 14 dagen, zondag 1 november 2026');
    const text = mail.text ?? '';
    expect(text).toContain('Beste Anna de Vries,');
    expect(text).toContain('* Ondertekenen (Voorbeeld)');
    expect(text).toContain('Uiterlijk: zondag 1 november 2026 (nog 14 dagen)');
    expect(text).toContain('valt op zondag: regel het uiterlijk vrijdag 30 oktober');
    expect(text).toContain('Wat te doen: Ondertekenen');
    expect(text).toContain('Bron: Voorbeeldbeleid geboortezorg 2027, paragraaf 4: "uiterlijk 1 november 2026"');
    expect(text).toContain(provider.feedUrl.replace(/\.ics$/, '.html'));
    expect(text).toContain(provider.feedUrl);
    // A contact practice software gave: the footer says so (a web sign-up's says she signed up, test/web/address-outbox.test.ts).
    expect(text.trimEnd().split('\n').at(-3)).toBe(
      'U ontvangt deze e-mail omdat uw adres als contactpersoon bij deze zorgaanbieder is opgegeven.',
    );
    // Every mail ends with who runs the service: the privacy statement and contact (issue 24).
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Privacyverklaring en contact: https://deadlines.example.nl/privacy?lang=nl',
    );
    const html = String(mail.html);
    expect(html).toContain('<strong>Ondertekenen (Voorbeeld)</strong>');
    expect(html).toContain('valt op zondag: regel het uiterlijk vrijdag 30 oktober');
    expect(html).toContain(`href="${provider.feedUrl}"`);
    expect(mail.headerLines.find((header) => header.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    expect(mail.headerLines.find((header) => header.key === 'auto-submitted')?.line).toBe(
      'Auto-Submitted: auto-generated',
    );
    expect(unsubscribeUrl(mail)).toMatch(/^https:\/\/deadlines\.example\.nl\/unsubscribe\/[\w-]{16,}$/);
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}\.2026-10-18@deadlines\.example\.nl>$/);
  });

  it.each([
    ['2026-10-25', 'nog 7 dagen'],
    ['2026-10-31', 'morgen'],
    ['2026-11-01', 'vandaag'],
  ])('on %s says "%s", and nothing on the days between', async (date, left) => {
    await world.provider({ contacts: [anna] });
    expect((await world.run(date)).sent).toBe(1);
    expect(world.smtp.received[0].mail.subject).toBe(`Ondertekenen (Voorbeeld): ${left}, zondag 1 november 2026`);
    expect(await world.run('2026-10-20')).toMatchObject({ planned: 0, sent: 0 });
    expect(world.smtp.received).toHaveLength(1);
  });

  it("writes in English for a contact who asked for it, and follows the provider's own reminder days", async () => {
    await world.provider({ contacts: [{ email: 'jan@noord.nl', name: 'Jan', language: 'en' }], reminderDays: [3] });
    expect((await world.run('2026-10-18')).planned).toBe(0);
    await world.run('2026-10-29');
    const { mail } = world.smtp.received[0];
    expect(mail.subject).toBe('Sign (Voorbeeld): 3 days left, Sunday 1 November 2026');
    expect(mail.text).toContain('Dear Jan,');
    expect(mail.text).toContain('falls on a Sunday: see to it by Friday 30 October at the latest');
    expect(mail.text).toContain('Source: Voorbeeldbeleid geboortezorg 2027, section 4');
  });

  it('sends one mail per contact per day, and running the day again sends nothing new', async () => {
    await world.provider({ contacts: [anna, { email: 'piet@noord.nl' }] });
    await world.provider({ contacts: [{ email: 'kees@zuid.nl' }] });
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 3, sent: 3, failed: 0 });
    expect(world.smtp.received.map((r) => r.to[0]).sort()).toEqual(['anna@noord.nl', 'kees@zuid.nl', 'piet@noord.nl']);
    expect(world.smtp.to('piet@noord.nl')[0].mail.text).toContain('Beste lezer,');
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 0, sent: 0, failed: 0 });
    expect(world.smtp.received).toHaveLength(3);
    expect(new Set(world.smtp.messageIds()).size).toBe(3);
  });

  it('tells once that an insurer date passed with nothing recorded, with whom to contact', async () => {
    await world.provider({ contacts: [anna] });
    expect((await world.run('2026-06-16')).sent).toBe(1);
    const { mail } = world.smtp.received[0];
    expect(mail.subject).toBe('Controleer: Vragenlijst ontvangen (Voorbeeld) is niet vastgelegd');
    expect(mail.text).toContain('Verwacht uiterlijk: maandag 15 juni 2026');
    expect(mail.text).toContain(
      'Voorbeeld had dit uiterlijk maandag 15 juni 2026 moeten doen; er is niets vastgelegd: kijk in VECOZO of schrijf naar inkoop@voorbeeld.nl.',
    );
    expect(mail.text).toContain('paragraaf 3: "uiterlijk 15 juni 2026"');
    expect((await world.run('2026-06-17')).planned).toBe(0);
    expect((await world.run('2026-06-20')).planned).toBe(0);
    expect(world.smtp.received).toHaveLength(1);
  });

  it('says once that a date changed when a recorded event moves a chain step', async () => {
    const provider = await world.provider({ contacts: [anna] });
    const record = (date: string) =>
      world.app.inject({
        method: 'POST',
        url: `/api/v1/providers/${provider.id}/events`,
        headers: bearer(world.key),
        payload: { item: 'voorbeeld/2027/instroom/aanmelding', date },
      });
    // Not started: the insurer's reply moves with every day, so it is never mailed.
    expect((await world.run('2026-05-25')).planned).toBe(0);
    expect((await record('2026-05-20')).statusCode).toBe(201);
    await world.run('2026-06-04'); // the reply was due 3 June
    expect(world.smtp.received[0].mail.subject).toBe('Controleer: Reactie (Voorbeeld) is niet vastgelegd');
    expect((await record('2026-06-01')).statusCode).toBe(201); // the application was later: the reply is due 15 June
    await world.run('2026-06-05');
    expect(world.smtp.received).toHaveLength(2);
    const { mail } = world.smtp.received[1];
    expect(mail.subject).toBe('Gewijzigde datum: Reactie (Voorbeeld), nu maandag 15 juni 2026');
    expect(mail.text).toContain('Datum gewijzigd: dit stond eerder op woensdag 3 juni 2026.');
    expect((await world.run('2026-06-06')).planned).toBe(0);
    expect((await world.run('2026-06-08')).planned).toBe(0);
    // Passed again, with nothing recorded: one digest with both of the insurer's dates.
    await world.run('2026-06-16');
    expect(world.smtp.received[2].mail.subject).toMatch(/^Controleer: .* is niet vastgelegd en 1 ander punt$/);
    expect(world.smtp.received).toHaveLength(3);
  });

  it('one click on List-Unsubscribe stops every further mail to that contact only', async () => {
    await world.provider({ contacts: [anna, { email: 'piet@noord.nl' }] });
    await world.run('2026-10-18');
    const link = unsubscribeUrl(world.smtp.to('anna@noord.nl')[0].mail);
    const path = new URL(link).pathname;
    const page = await world.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    // The site's look: names the address and the practice, says what stops and how to undo it.
    expect(page.body).toContain('<h1>Geen herinneringen meer?</h1>');
    expect(page.body).toMatch(/anna@noord\.nl krijgt dan geen e-mails meer over de contractdata van [^<]+\./);
    expect(page.body).toContain('Toch weer herinneringen?');
    expect(page.body).toContain(`<form method="post" action="${path}">`);
    expect(page.body).toContain('<link rel="stylesheet" href="/static/site.css">');

    const click = await world.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(click.statusCode).toBe(200);
    expect(click.body).toMatch(/anna@noord\.nl krijgt geen herinneringen meer over [^<]+\./);
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url: path,
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
          payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
        })
      ).statusCode,
    ).toBe(200);
    expect((await world.app.inject({ method: 'POST', url: '/unsubscribe/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(
      404,
    );

    expect(await world.run('2026-10-25')).toMatchObject({ planned: 1, sent: 1 });
    expect(world.smtp.to('anna@noord.nl')).toHaveLength(1);
    expect(world.smtp.to('piet@noord.nl')).toHaveLength(2);
  });

  it('runs only for an admin key, and lists the outbox for it', async () => {
    await world.provider({ contacts: [anna] });
    const tenant = await world.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reminders/run',
      headers: bearer(world.key),
      payload: { date: '2026-10-18' },
    });
    expect(tenant.statusCode).toBe(403);
    expect(
      (await world.app.inject({ method: 'POST', url: '/api/v1/admin/reminders/run', payload: {} })).statusCode,
    ).toBe(401);
    expect(
      (
        await world.app.inject({
          method: 'POST',
          url: '/api/v1/admin/reminders/run',
          headers: bearer(ADMIN_KEY),
          payload: { date: '2026-02-30' },
        })
      ).statusCode,
    ).toBe(400);
    // A day far from today would mail every contact that day's statuses: refused unless forced, and no run is made.
    const far = await world.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reminders/run',
      headers: bearer(ADMIN_KEY),
      payload: { date: '2099-01-01' },
    });
    expect(far.statusCode).toBe(400);
    expect(far.json().errors[0]).toMatchObject({ field: 'date', in: 'body' });
    expect(far.json().errors[0].message).toContain('"force": true');
    expect(
      (await world.app.inject({ url: '/api/v1/admin/reminders/runs/2099-01-01', headers: bearer(ADMIN_KEY) }))
        .statusCode,
    ).toBe(404);
    await world.run('2026-10-18');
    const outbox = (
      await world.app.inject({ url: '/api/v1/admin/outbox?status=sent', headers: bearer(ADMIN_KEY) })
    ).json();
    expect(outbox.total).toBe(1);
    expect(outbox.items[0]).toMatchObject({
      day: '2026-10-18',
      recipient: 'anna@noord.nl',
      status: 'sent',
      attempts: 1,
      lastError: null,
    });
    expect(`<${outbox.items[0].messageId}>`).toBe(world.smtp.received[0].messageId);
  });
});
