import { afterEach, describe, expect, it } from 'vitest';
import { recordBounds } from '../../src/domain/recording.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { client, csrfOf, signUp } from './form-client.js';
import { linkIn, mailsTo, startWorld, WEB_TODAY, type World } from './world.js';

/** The audit trail names who recorded on the web (issue 24): which contact, through the web; in the API and on her page. */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const SIGNING = 'cz-groep/2027/ondertekenen';

describe('an event recorded through a digest\'s "gedaan" link', () => {
  it('names the contact the link was mailed to, through the web; the API says so, and an API record says api', async () => {
    world = await startWorld();
    const { app, base } = world;
    const { apiKey, key } = app.store.apiKeys.create('Praktijksoftware');
    const created = await fetch(`${base}/api/v1/providers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Praktijk Zuid',
        agb: '12345678',
        kinds: ['verloskunde'],
        reminderDays: [14],
        contracts: [{ insurer: 'cz-groep', year: 2027, status: 'existing' }],
        contacts: [{ email: 'anna@zuid.nl' }, { email: 'piet@zuid.nl' }],
      }),
    });
    expect(created.status).toBe(201);
    const providerId = ((await created.json()) as { id: string }).id;
    app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run();
    await app.reminders.runDay('2026-10-18');
    const [digest] = await mailsTo(world.smtp, 'piet@zuid.nl', 1);
    const c = client(base);
    const link = new URL(linkIn(digest.mail.text ?? '', `${base}/gedaan/`)).pathname;
    const posted = await c.post(link, { _csrf: csrfOf((await c.get(link)).body), date: WEB_TODAY, note: '' });
    expect(posted.status).toBe(200);

    const events = async () => {
      const response = await fetch(`${base}/api/v1/providers/${providerId}/events?includeUndone=true`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return ((await response.json()) as { items: Record<string, unknown>[] }).items;
    };
    expect(await events()).toEqual([
      expect.objectContaining({
        item: SIGNING,
        recordedBy: apiKey.id,
        recordedVia: 'web',
        recordedByContact: 'piet@zuid.nl',
        undoneVia: null,
        undoneByContact: null,
      }),
    ]);
    const viaApi = await fetch(`${base}/api/v1/providers/${providerId}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ item: SIGNING, date: '2026-09-14' }),
    });
    expect(await viaApi.json()).toMatchObject({ recordedVia: 'api', recordedByContact: null });
  });
});

describe('recording and undoing on her page', () => {
  it('names her address and the web in the audit trail, and her page says who recorded it', async () => {
    world = await startWorld();
    const c = client(world.base);
    await signUp(c, 'anna@praktijk.nl');
    const confirm = /\/bevestig\/[\w-]+/.exec(
      (await mailsTo(world.smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '',
    )![0];
    const own = (await c.post(confirm, { _csrf: csrfOf((await c.get(confirm)).body) })).location!;
    const providerId = (world.app.db.prepare('SELECT id FROM providers').get() as { id: string }).id;
    const provider = world.app.store.providers.get(providerId, { keyId: '', admin: true })!;
    // A step of hers that can have happened by today.
    const item = computeTimeline(provider, world.app.calendars, [], WEB_TODAY)
      .map((candidate) => candidate.id)
      .find((id) => (recordBounds(provider, world!.app.calendars, [], id, WEB_TODAY)?.from ?? '9999') <= WEB_TODAY)!;
    const recorded = await c.post(`${own}/vastleggen`, {
      _csrf: csrfOf((await c.get(own)).body),
      item,
      date: WEB_TODAY,
      note: '',
    });
    expect(recorded.status).toBe(303);
    const page = await c.get(recorded.location!);
    expect(page.body).toContain('vastgelegd op de website door anna@praktijk.nl');
    const eventId = new URL(recorded.location!, world.base).searchParams.get('vastgelegd')!;
    await c.post(`${own}/ongedaan`, { _csrf: csrfOf(page.body), event: eventId });
    expect(world.app.store.events.get(providerId, eventId)).toMatchObject({
      recordedVia: 'web',
      recordedByContact: 'anna@praktijk.nl',
      undoneVia: 'web',
      undoneByContact: 'anna@praktijk.nl',
    });
  });
});
