import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderWorld, unsubscribeUrl, type ReminderWorld } from '../../reminders/setup.js';

/** The unsubscribe pages (src/web/unsubscribe/) at /unsubscribe/<token>: in the mail's language unless she switches. */
let world: ReminderWorld;
let path: string;
beforeAll(async () => {
  world = await reminderWorld();
  await world.provider({ contacts: [{ email: 'jane@noord.nl', name: 'Jane', language: 'en' }] });
  await world.run('2026-10-18');
  path = new URL(unsubscribeUrl(world.smtp.to('jane@noord.nl')[0].mail)).pathname;
});
afterAll(async () => {
  await world.close();
});

const heading = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
const oneClick = (url: string) =>
  world.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });

describe('the unsubscribe pages', () => {
  it("speak the contact's language, switch with ?lang= and, opened from a mail, leave the site's cookie out", async () => {
    const page = await world.app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(heading(page.body)).toBe('No more reminders?');
    expect(page.body).toContain(`href="${path}?lang=nl"`);
    expect(heading((await world.app.inject({ url: `${path}?lang=nl` })).body)).toBe('Geen herinneringen meer?');
    expect(heading((await world.app.inject({ url: path, headers: { cookie: 'taal=nl' } })).body)).toBe(
      'No more reminders?',
    );
  });

  it('unsubscribe and subscribe again, each page in her language', async () => {
    expect(heading((await oneClick(path)).body)).toBe('You are unsubscribed');
    expect(heading((await world.app.inject({ url: `${path}?lang=nl` })).body)).toBe('U bent afgemeld');
    const again = await world.app.inject({ method: 'POST', url: `${path}/resubscribe` });
    expect(again.statusCode).toBe(200);
    expect(heading(again.body)).toBe('You will get reminders again');
  });

  it("stay out of the pages' error look for a mail client: a bad one-click is a problem, nothing changes", async () => {
    const bad = await world.app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=Yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(heading((await world.app.inject({ url: path })).body)).toBe('No more reminders?');
  });
});
