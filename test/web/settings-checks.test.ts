import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, csrfOf, signUp } from './form-client.js';
import { mailsTo, startWorld, type World } from './world.js';

/**
 * Her settings page changes her contact through the API's own operation (src/operations/providers.ts): a name the
 * API refuses is refused on the page too, on its field, and nothing changes. Over real HTTP, on a real SQLite file.
 */
const ADMIN_KEY = 'Settings-Checks-Admin-Key-0123456789-abcd';
let world: World;
let ownPath: string;
let providerId: string;

beforeAll(async () => {
  world = await startWorld({ ADMIN_API_KEY: ADMIN_KEY });
  const c = client(world.base);
  await signUp(c, 'cara@praktijk.nl');
  const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'cara@praktijk.nl', 1))[0].mail.text ?? '')![0];
  ownPath = (await c.post(link, { _csrf: csrfOf((await c.get(link)).body) })).location!;
  providerId = world.app.db.prepare('SELECT provider_id FROM web_accounts').pluck().get() as string;
});
afterAll(async () => {
  await world?.stop();
});

const contactName = () =>
  world.app.db.prepare('SELECT name FROM contacts WHERE provider_id = ?').pluck().get(providerId) as string | null;

describe('her settings and the API', () => {
  it('refuse the same contact name, each on its field, and change nothing; a good name is stored by both', async () => {
    const c = client(world.base);
    const settings = `${ownPath}/gegevens`;
    const save = async (name: string) =>
      c.post(settings, {
        _csrf: csrfOf((await c.get(settings)).body),
        kind: 'verloskunde',
        'c:cz-groep:2027': 'new',
        name,
        practice: 'Praktijk Noord',
        agb: '',
        language: 'nl',
        reminderDays: '7',
        reminders: 'on',
      });
    const patch = (name: string) =>
      world.app.inject({
        method: 'PATCH',
        url: `/api/v1/providers/${providerId}`,
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
        payload: { contacts: [{ email: 'cara@praktijk.nl', name }] },
      });
    const before = contactName();
    // A character a mail header cannot carry, and a name longer than the API's 100 characters.
    for (const name of ['Cara <planning>', 'C'.repeat(150)]) {
      const api = await patch(name);
      expect(api.statusCode, name).toBe(400);
      const fields = (api.json() as { errors: { field: string }[] }).errors.map((error) => error.field);
      expect(
        fields.map((field) => field.replace(/^\//, '').replace(/\/(\d+)\//, '[$1].')),
        name,
      ).toEqual(['contacts[0].name']);
      const page = await save(name);
      expect(page.status, name).toBe(400);
      const summary = /class="error-summary"[\s\S]*?<\/div>/.exec(page.body)?.[0] ?? '';
      expect(
        [...summary.matchAll(/href="#([\w-]+)"/g)].map((match) => match[1]),
        name,
      ).toEqual(['name']);
      expect(contactName(), name).toBe(before);
    }
    expect((await save('Cara de Wit')).status).toBe(303);
    expect(contactName()).toBe('Cara de Wit');
    expect((await patch('Cara Planning')).statusCode).toBe(200);
    expect(contactName()).toBe('Cara Planning');
  });
});
