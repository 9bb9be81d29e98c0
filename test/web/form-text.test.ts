import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordBounds } from '../../src/domain/recording.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { client, csrfOf, signUp, SITUATION, type FormClient } from './form-client.js';
import { mailsTo, startWorld, WEB_TODAY, type World } from './world.js';

/** Web form bodies are text as Unicode defines it (issue 24): invalid UTF-8 and encoded surrogates get a page naming the field. */
let world: World;
let c: FormClient;
let own: string;
let item: string;

beforeAll(async () => {
  world = await startWorld();
  c = client(world.base);
  await signUp(c, 'anna@praktijk.nl');
  const confirm = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '')![0];
  own = (await c.post(confirm, { _csrf: csrfOf((await c.get(confirm)).body) })).location!;
  const providerId = (world.app.db.prepare('SELECT id FROM providers').get() as { id: string }).id;
  const provider = world.app.store.providers.get(providerId, { keyId: '', admin: true })!;
  item = computeTimeline(provider, world.app.calendars, [], WEB_TODAY)
    .map((candidate) => candidate.id)
    .find((id) => (recordBounds(provider, world.app.calendars, [], id, WEB_TODAY)?.from ?? '9999') <= WEB_TODAY)!;
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

const count = (sql: string) => world.app.db.prepare(sql).pluck().get() as number;
const encoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('a web form with text that is not UTF-8', () => {
  it.each([
    ['a lone surrogate encoded as bytes', '%ED%A0%80'],
    ['an invalid percent-encoded byte', 'Aanbod%FF'],
  ])('records nothing and names the field: %s', async (_name, note) => {
    const csrf = csrfOf((await c.get(own)).body);
    const refused = await c.postRaw(
      `${own}/vastleggen`,
      `${encoded({ _csrf: csrf, item, date: WEB_TODAY })}&note=${note}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Deze tekst kunnen we niet lezen');
    expect(refused.body).toContain('In het veld &quot;Notitie&quot;');
    expect(count('SELECT count(*) FROM events')).toBe(0);
    // The same form with well-formed text records.
    const fine = await c.post(`${own}/vastleggen`, { _csrf: csrf, item, date: WEB_TODAY, note: 'Aanbod ✓ €' });
    expect(fine.status).toBe(303);
    expect(world.app.db.prepare('SELECT note FROM events WHERE deleted_at IS NULL').pluck().get()).toBe('Aanbod ✓ €');
    world.app.db.prepare('DELETE FROM events').run();
  });

  it('refuses raw invalid bytes in a sign-up in English, naming the field, and keeps no sign-up', async () => {
    const other = client(world.base);
    const page = await other.get(`/situatie?${SITUATION}&lang=en`);
    const head = Buffer.from(
      `${encoded({ _csrf: csrfOf(page.body), situation: SITUATION, email: 'piet@praktijk.nl', name: 'Piet', agb: '', language: 'en' })}&practice=Praktijk `,
    );
    const refused = await other.postRaw('/aanmelden', Buffer.concat([head, Buffer.from([0xc3, 0x28])]));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('The field &quot;Name of your practice or organisation&quot;');
    expect(count('SELECT count(*) FROM web_signups')).toBe(0);
  });
});
