import { afterEach, describe, expect, it } from 'vitest';
import { WebEmailChanges } from '../../src/store/web-email.js';
import { client, csrfOf, signUp } from './form-client.js';
import { mailsTo, startWorld, type World } from './world.js';

/**
 * The front door against misuse, over real HTTP with a real CSRF cookie: floods, mailbox bombing, account
 * enumeration, tampered and expired links. Every answer is a page, never a 500.
 */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

describe('the front door under misuse', () => {
  it('an unconfirmed address receives one mail only, and the answer is the same for new, repeated and existing addresses', async () => {
    world = await startWorld();
    const c = client(world.base);
    const first = await signUp(c, 'anna@praktijk.nl');
    expect(first.status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const again = await signUp(c, 'Anna@Praktijk.nl');
      expect(again.status).toBe(200);
      expect(again.body.replace(/Anna@Praktijk\.nl/g, 'anna@praktijk.nl').replace(/value="[^"]+"/g, '')).toBe(
        first.body.replace(/value="[^"]+"/g, ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.smtp.to('anna@praktijk.nl')).toHaveLength(1);

    // Once confirmed, signing up again answers the same page; the mail is a sign-in link.
    const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '')![0];
    const confirmPage = await c.get(link);
    const confirmed = await c.post(link, { _csrf: csrfOf(confirmPage.body) });
    expect(confirmed.status).toBe(303);
    await mailsTo(world.smtp, 'anna@praktijk.nl', 2); // the welcome mail with her page link
    for (let i = 0; i < 5; i++) {
      const existing = await signUp(c, 'anna@praktijk.nl', 'Bel 0900-OPLICHTER');
      expect(existing.body.replace(/value="[^"]+"/g, '')).toBe(first.body.replace(/value="[^"]+"/g, ''));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // At most 3 front-door mails per address per day: the confirmation and then 2 sign-in links (the welcome mail follows her own click).
    expect(world.smtp.to('anna@praktijk.nl').map((m) => m.mail.subject)).toEqual([
      'Bevestig uw aanmelding voor herinneringen',
      'Uw pagina met contractdata',
      'Nieuwe link naar uw pagina',
      'Nieuwe link naar uw pagina',
    ]);
    // A mail to someone's inbox says what is stored, never what a stranger typed into the form.
    for (const mail of world.smtp.to('anna@praktijk.nl').slice(2)) {
      expect(mail.mail.text).toContain('Praktijk Noord');
      expect(mail.mail.text).not.toContain('OPLICHTER');
    }
  });

  it('a flood of sign-ups from one client is stopped with a clear page after the hourly limit', async () => {
    world = await startWorld({ WEB_FORMS_PER_HOUR: '3' });
    const c = client(world.base);
    const statuses: number[] = [];
    let last = '';
    for (let i = 0; i < 6; i++) {
      const answer = await signUp(c, `flood${i}@praktijk.nl`);
      statuses.push(answer.status);
      last = answer.body;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(last).toContain('<h1>Even geduld</h1>');
    expect(world.smtp.received).toHaveLength(3);
  });

  it('tampered, unknown and expired links answer a clear page, never a 500', async () => {
    world = await startWorld();
    const c = client(world.base);
    for (const path of [
      '/mijn/x',
      `/mijn/${'A'.repeat(43)}`,
      `/mijn/${'A'.repeat(43)}/gegevens`,
      `/mijn/${'A'.repeat(43)}/verwijderen`,
      '/bevestig/%00',
      `/bevestig/${'b'.repeat(43)}`,
      `/gedaan/${'c'.repeat(43)}`,
      '/inloggen/zz',
      `/gedaan/${'é'.repeat(10)}`,
    ]) {
      const answer = await c.get(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.body, path).toMatch(/<h1>Deze (link|pagina) werkt niet \(meer\)<\/h1>|<h1>Deze link werkt niet/);
    }
    // Junk bodies: too large, a type no form sends. A page, not a 500, and nothing stored.
    const huge = await fetch(`${world.base}/aanmelden`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${'a'.repeat(100_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('<h1>Dit formulier kunnen we niet lezen</h1>');
    const odd = await fetch(`${world.base}/mijn/${'A'.repeat(43)}/vastleggen`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<item/>',
    });
    expect(odd.status).toBe(415);
    expect(await odd.text()).toContain('<h1>Dit formulier kunnen we niet lezen</h1>');
    expect(
      world.app.db.prepare('SELECT (SELECT count(*) FROM web_signups) + (SELECT count(*) FROM events) AS n').get(),
    ).toEqual({ n: 0 });
    // A POST without the CSRF cookie and token changes nothing and says what to do.
    const forged = await client(world.base).post(`/mijn/${'A'.repeat(43)}/verwijderen`, {});
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('Het formulier is verlopen');

    // A sign-up left unconfirmed: after 7 days its link says it expired, and the purge deletes it.
    await signUp(c, 'late@praktijk.nl');
    const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'late@praktijk.nl', 1))[0].mail.text ?? '')![0];
    const store = world.app.store.web;
    world.app.db.prepare("UPDATE web_signups SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const expired = await c.get(link);
    expect(expired.status).toBe(410);
    expect(expired.body).toContain('Deze link is verlopen');
    expect(store.purge().signups).toBe(1);
    expect(world.app.db.prepare('SELECT count(*) AS n FROM web_signups').get()).toEqual({ n: 0 });
    expect((await c.get(link)).status).toBe(404);
  });

  it('an address change answers the same for any new address, sends at most 3 mails to one address a day, is limited per client per hour, and a dead link answers a page', async () => {
    world = await startWorld({ WEB_FORMS_PER_HOUR: '6' });
    const c = client(world.base);
    const confirmed = async (email: string) => {
      await signUp(c, email);
      const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(world!.smtp, email, 1))[0].mail.text ?? '')![0];
      return (await c.post(link, { _csrf: csrfOf((await c.get(link)).body) })).location!;
    };
    const cy = await confirmed('cy@praktijk.nl');
    await confirmed('dirk@praktijk.nl');
    const ask = async (email: string) =>
      c.post(`${cy}/e-mailadres`, { _csrf: csrfOf((await c.get(`${cy}/e-mailadres`)).body), email });
    const contactEmail = () =>
      world!.app.db.prepare("SELECT email FROM contacts WHERE email LIKE 'cy@%' OR email LIKE 'nieuw@%'").pluck().get();

    // Forged (no CSRF token): refused, nothing sent.
    expect((await client(world.base).post(`${cy}/e-mailadres`, { email: 'x@praktijk.nl' })).status).toBe(403);
    // An address another account uses and one nobody uses: the same page (no account enumeration).
    const taken = await ask('dirk@praktijk.nl');
    const free = await ask('nieuw@praktijk.nl');
    expect(taken.status).toBe(200);
    expect(taken.body.replace(/dirk@/g, 'nieuw@').replace(/value="[^"]+"/g, '')).toBe(
      free.body.replace(/value="[^"]+"/g, ''),
    );
    for (let i = 0; i < 4; i++) expect((await ask('nieuw@praktijk.nl')).status).toBe(200);
    // The hourly limit per client, as for sign-up: the seventh well-formed submission in the hour is refused (the forged one did not count).
    const limited = await ask('nieuw@praktijk.nl');
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('<h1>Even geduld</h1>');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(world.smtp.to('x@praktijk.nl')).toHaveLength(0);
    const mails = world.smtp.to('nieuw@praktijk.nl');
    expect(mails.map((mail) => mail.mail.subject)).toEqual([
      'Bevestig uw nieuwe e-mailadres',
      'Bevestig uw nieuwe e-mailadres',
      'Bevestig uw nieuwe e-mailadres',
    ]);
    expect(contactEmail()).toBe('cy@praktijk.nl');

    // One waiting change per account: an earlier link stops working once a newer one is sent.
    const links = mails.map((mail) => /\/adres-bevestigen\/[\w-]+/.exec(mail.mail.text ?? '')![0]);
    expect((await c.get(links[0])).status).toBe(404);
    for (const path of ['/adres-bevestigen/x', `/adres-bevestigen/${'A'.repeat(43)}`, '/adres-bevestigen/%00']) {
      const answer = await c.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).toContain('<h1>Deze link werkt niet (meer)</h1>');
    }
    const last = links.at(-1)!;
    const confirmPage = await c.get(last);
    expect(confirmPage.status).toBe(200);
    world.app.db.prepare("UPDATE web_email_changes SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect((await c.get(last)).body).toContain('<h1>Deze link is verlopen</h1>');
    const late = await c.post(last, { _csrf: csrfOf(confirmPage.body) });
    expect(late.status).toBe(410);
    expect(contactEmail()).toBe('cy@praktijk.nl');
    expect(new WebEmailChanges(world.app.db).purge()).toBe(1);
  });

  it('a sign-in link works once and replaces the old page link; a situation feed with a made-up calendar is a 400', async () => {
    world = await startWorld();
    const c = client(world.base);
    await signUp(c, 'bo@praktijk.nl');
    const confirmLink = /\/bevestig\/[\w-]+/.exec(
      (await mailsTo(world.smtp, 'bo@praktijk.nl', 1))[0].mail.text ?? '',
    )![0];
    const oldPage = (await c.post(confirmLink, { _csrf: csrfOf((await c.get(confirmLink)).body) })).location!;
    const page = await c.get('/nieuwe-link');
    const asked = await c.post('/nieuwe-link', { _csrf: csrfOf(page.body), email: 'bo@praktijk.nl' });
    expect(asked.body).toContain('Kijk in uw e-mail');
    const unknown = await c.post('/nieuwe-link', { _csrf: csrfOf(page.body), email: 'nobody@praktijk.nl' });
    expect(unknown.body.replace(/nobody/g, 'bo')).toBe(asked.body);
    // With a slow SMTP server a known address answers as fast as an unknown one: the mail goes after the answer.
    world.smtp.delayMs = 800;
    const timed = async (email: string) => {
      const started = performance.now();
      await c.post('/nieuwe-link', { _csrf: csrfOf(page.body), email });
      return performance.now() - started;
    };
    const known = await timed('bo@praktijk.nl');
    const stranger = await timed('nobody@praktijk.nl');
    expect(known).toBeLessThan(600);
    expect(Math.abs(known - stranger)).toBeLessThan(400);
    world.smtp.delayMs = 0;
    const signIn = /\/inloggen\/[\w-]+/.exec((await mailsTo(world.smtp, 'bo@praktijk.nl', 4))[3].mail.text ?? '')![0];
    expect((await c.get(oldPage)).status).toBe(200);
    const used = await c.post(signIn, { _csrf: csrfOf((await c.get(signIn)).body) });
    expect(used.status).toBe(303);
    expect((await c.get(used.location!)).status).toBe(200);
    expect((await c.get(oldPage)).status).toBe(404);
    expect((await c.get(signIn)).status).toBe(404);
    expect(world.smtp.to('nobody@praktijk.nl')).toHaveLength(0);

    const bad = await fetch(`${world.base}/feeds/situatie.ics?kind=verloskunde&c:acme:2027=new`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
