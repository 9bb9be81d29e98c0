import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { linksIn } from '../mail/linkifiers.js';
import { client, csrfOf, SITUATION } from './form-client.js';
import { mailsTo, startWorld, type World } from './world.js';

/**
 * The sign-up form needs no account, so whatever it takes must not reach an inbox as a clickable text from our
 * domain: a mail to an address that has not confirmed carries no typed text at all, and every other mail prints
 * what people typed defanged. Over real HTTP, into a real SMTP server on loopback, read as a mail client would.
 */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const PHISHING = 'CZ: uw contract 2027 vervalt vandaag, bevestig via https://cz-contract.example/login';
const NAME = 'Anna www.cz-contract.example';

/** Every link a mail client could make of the text and HTML parts (and the To name), except our own. */
function foreignLinks(mail: ParsedMail, base: string): string[] {
  const toName = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) =>
    to.value.map((v) => v.name),
  );
  const html = typeof mail.html === 'string' ? mail.html : '';
  return [mail.text ?? '', html, ...toName]
    .flatMap((part) => linksIn(part))
    .filter((link) => !link.startsWith(base) && !link.startsWith(base.replace('http://', '')));
}

const toNames = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((to) => to.value.map((v) => v.name));

describe('front-door mails and typed text', () => {
  it('a confirmation to an unconfirmed address holds none of the typed text; later mails print it defanged, never as a link', async () => {
    world = await startWorld();
    const c = client(world.base);
    const page = await c.get(`/situatie?${SITUATION}`);
    const answer = await c.post('/aanmelden', {
      _csrf: csrfOf(page.body),
      situation: SITUATION,
      email: 'victim@praktijk.nl',
      name: NAME,
      practice: PHISHING,
      agb: '',
      language: 'nl',
    });
    expect(answer.status).toBe(200);

    const [confirm] = await mailsTo(world.smtp, 'victim@praktijk.nl', 1);
    const confirmParts = [confirm.mail.text ?? '', String(confirm.mail.html), ...toNames(confirm.mail)];
    for (const part of confirmParts) {
      expect(part).not.toContain('cz-contract');
      expect(part).not.toContain('vervalt vandaag');
      expect(part).not.toContain('Anna');
    }
    expect(foreignLinks(confirm.mail, world.base)).toEqual([]);
    expect(confirm.raw.toString()).not.toMatch(/cz-contract/);

    // She confirms: the welcome mail names her practice as typed, visibly defanged.
    const link = /\/bevestig\/[\w-]+/.exec(confirm.mail.text ?? '')![0];
    const confirmed = await c.post(link, { _csrf: csrfOf((await c.get(link)).body) });
    expect(confirmed.status).toBe(303);
    const [, welcome] = await mailsTo(world.smtp, 'victim@praktijk.nl', 2);
    expect(welcome.mail.text).toContain('https[:]//cz-contract[.]example/login');
    expect(foreignLinks(welcome.mail, world.base)).toEqual([]);
    expect(toNames(welcome.mail)).toEqual(['Anna www[.]cz-contract[.]example']);

    // An address change: the new, unconfirmed address gets no typed text; the confirmed ones get it defanged.
    const own = confirmed.location!;
    await c.post(`${own}/e-mailadres`, {
      _csrf: csrfOf((await c.get(`${own}/e-mailadres`)).body),
      email: 'other@praktijk.nl',
    });
    const [addressConfirm] = await mailsTo(world.smtp, 'other@praktijk.nl', 1);
    for (const part of [
      addressConfirm.mail.text ?? '',
      String(addressConfirm.mail.html),
      ...toNames(addressConfirm.mail),
    ])
      expect(part).not.toMatch(/cz-contract|Anna/);
    expect(foreignLinks(addressConfirm.mail, world.base)).toEqual([]);
    const change = /\/adres-bevestigen\/[\w-]+/.exec(addressConfirm.mail.text ?? '')![0];
    expect((await c.post(change, { _csrf: csrfOf((await c.get(change)).body) })).status).toBe(303);
    const [, changed] = await mailsTo(world.smtp, 'other@praktijk.nl', 2);
    const [, , left] = await mailsTo(world.smtp, 'victim@praktijk.nl', 3);
    for (const mail of [changed, left]) {
      expect(foreignLinks(mail.mail, world.base)).toEqual([]);
      expect(mail.mail.text).toContain('cz-contract[.]example');
    }
    // The other address is named, defanged: not a mailto link.
    expect(left.mail.text).toContain('other[@]praktijk[.]nl');
    expect(changed.mail.text).toContain('victim[@]praktijk[.]nl');
  });
});
