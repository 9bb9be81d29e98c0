import { afterEach, describe, expect, it } from 'vitest';
import { signUp, client } from './form-client.js';
import { mailsTo, startWorld, type World } from './world.js';

/** The privacy and accessibility statements: who runs the service and how to reach them, linked from every page and mail. */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

describe('the privacy and accessibility statements', () => {
  it('name the operator and contact from the settings, in Dutch and English, and every page links them', async () => {
    world = await startWorld({
      OPERATOR_NAME: 'Stichting Geboortezorg Data',
      OPERATOR_CONTACT: 'privacy@sgd.example.nl',
    });
    const privacy = await (await fetch(`${world.base}/privacy`)).text();
    expect(privacy).toContain('<h1>Privacyverklaring</h1>');
    expect(privacy).toContain('Deze dienst wordt aangeboden door Stichting Geboortezorg Data.');
    expect(privacy).toContain('Contact: privacy@sgd.example.nl');
    const english = await (await fetch(`${world.base}/toegankelijkheid?lang=en`)).text();
    expect(english).toContain('<h1>Accessibility statement</h1>');
    expect(english).toContain('This service is run by Stichting Geboortezorg Data.');
    for (const path of ['/', '/situatie?kind=verloskunde&c%3Acz-groep%3A2027=new', '/nieuwe-link', '/nope']) {
      const body = await (await fetch(world.base + path)).text();
      expect(body, path).toContain('href="/privacy?lang=nl"');
      expect(body, path).toContain('href="/toegankelijkheid?lang=nl"');
    }
  });

  it('say plainly that the operator has not filled them in when the settings are empty', async () => {
    world = await startWorld();
    const privacy = await (await fetch(`${world.base}/privacy`)).text();
    expect(privacy).toContain('De beheerder van deze dienst heeft nog niet ingevuld wie de dienst aanbiedt.');
    expect(privacy).toContain('De beheerder heeft nog geen contactadres ingevuld.');
  });

  it('are linked in the mails the web sends', async () => {
    world = await startWorld();
    await signUp(client(world.base), 'anna@praktijk.nl');
    const [mail] = await mailsTo(world.smtp, 'anna@praktijk.nl', 1);
    expect(mail.mail.text).toContain(`Privacyverklaring en contact: ${world.base}/privacy?lang=nl`);
    expect(String(mail.mail.html)).toContain(`href="${world.base}/privacy?lang=nl"`);
  });
});
