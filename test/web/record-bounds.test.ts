import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/plain-date.js';
import { recordBounds } from '../../src/domain/recording.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { client, csrfOf, signUp } from './form-client.js';
import { mailsTo, startWorld, WEB_TODAY, type World } from './world.js';

/**
 * Her page and a digest's "gedaan" link store only what the API would: not 1900-01-01, not a step whose window
 * opens after today. Over real HTTP, on a real SQLite file; the reason is the date field's error on the page.
 */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const events = (w: World) => (w.app.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

describe('recording a step on the web', () => {
  it('refuses a date the API refuses, with its reason as the field error, and stores nothing', async () => {
    world = await startWorld();
    const c = client(world.base);
    await signUp(c, 'anna@praktijk.nl');
    const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '')![0];
    const own = (await c.post(link, { _csrf: csrfOf((await c.get(link)).body) })).location!;
    const providerId = (world.app.db.prepare('SELECT id FROM providers').get() as { id: string }).id;
    const provider = world.app.store.providers.get(providerId, { keyId: '', admin: true })!;
    const items = computeTimeline(provider, world.app.calendars, [], WEB_TODAY).map((item) => item.id);
    const bounds = items.map((item) => ({
      item,
      bounds: recordBounds(provider, world!.app.calendars, [], item, WEB_TODAY),
    }));
    const open = bounds.find((b) => b.bounds?.from != null && b.bounds.from <= WEB_TODAY)!;
    const future = bounds.find((b) => b.bounds?.from != null && b.bounds.from > WEB_TODAY)!;
    expect(open, 'an item she can record today').toBeDefined();
    expect(future, 'an item whose window opens after today').toBeDefined();

    const record = async (item: string, date: string) =>
      c.post(`${own}/vastleggen`, { _csrf: csrfOf((await c.get(own)).body), item, date, note: '' });
    const early = await record(open.item, '1900-01-01');
    expect(early.status).toBe(400);
    expect(early.body).toContain(`Vul een datum in vanaf ${open.bounds!.from} tot en met vandaag`);
    const ahead = await record(future.item, WEB_TODAY);
    expect(ahead.status).toBe(400);
    expect(ahead.body).toContain(`Deze stap kan pas vanaf ${future.bounds!.from} gedaan zijn`);
    expect(events(world)).toBe(0);
    // Within the bounds it is stored, as before.
    const fine = await record(open.item, WEB_TODAY);
    expect(fine.status).toBe(303);
    expect(events(world)).toBe(1);
  });

  it('refuses the same bad input on her page and through the API, for the same reason, and stores nothing', async () => {
    const adminKey = 'Record-Bounds-Admin-Key-0123456789-abcdefgh';
    world = await startWorld({ ADMIN_API_KEY: adminKey });
    const c = client(world.base);
    await signUp(c, 'bea@praktijk.nl');
    const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(world.smtp, 'bea@praktijk.nl', 1))[0].mail.text ?? '')![0];
    const own = (await c.post(link, { _csrf: csrfOf((await c.get(link)).body) })).location!;
    const providerId = (world.app.db.prepare('SELECT id FROM providers').get() as { id: string }).id;
    const provider = world.app.store.providers.get(providerId, { keyId: '', admin: true })!;
    const open = computeTimeline(provider, world.app.calendars, [], WEB_TODAY)
      .map((item) => ({ item: item.id, bounds: recordBounds(provider, world!.app.calendars, [], item.id, WEB_TODAY) }))
      .find((b) => b.bounds?.from != null && b.bounds.from <= WEB_TODAY)!;
    expect(open, 'an item she can record today').toBeDefined();

    const cases = [
      { input: { item: open.item, date: '1900-01-01' }, fields: ['date'], says: open.bounds!.from! },
      { input: { item: open.item, date: addDays(WEB_TODAY, 1) }, fields: ['date'], says: null },
      { input: { item: open.item, date: '2026-02-30' }, fields: ['date'], says: null },
      { input: { item: 'voorbeeld/2099/geen-stap', date: WEB_TODAY }, fields: ['item'], says: null },
    ];
    for (const { input, fields, says } of cases) {
      const api = await world.app.inject({
        method: 'POST',
        url: `/api/v1/providers/${providerId}/events`,
        headers: { authorization: `Bearer ${adminKey}` },
        payload: input,
      });
      const page = await c.post(`${own}/vastleggen`, { _csrf: csrfOf((await c.get(own)).body), ...input, note: '' });
      const apiErrors = (api.json() as { errors: { field: string; message: string }[] }).errors;
      const summary = /class="error-summary"[\s\S]*?<\/div>/.exec(page.body)?.[0] ?? '';
      const pageFields = [...summary.matchAll(/href="#([\w-]+)"/g)].map((match) => match[1]);
      expect([api.statusCode, page.status], input.date).toEqual([400, 400]);
      expect(
        apiErrors.map((error) => error.field),
        input.date,
      ).toEqual(fields);
      expect(pageFields, input.date).toEqual(fields);
      if (says !== null) {
        expect(apiErrors[0]!.message).toContain(says);
        expect(summary).toContain(says);
      }
    }
    expect(events(world)).toBe(0);
  });
});
