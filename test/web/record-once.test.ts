import { afterEach, describe, expect, it } from 'vitest';
import { recordBounds } from '../../src/domain/recording.js';
import { computeTimeline } from '../../src/domain/timeline.js';
import { client, csrfOf, signUp } from './form-client.js';
import { mailsTo, startWorld, WEB_TODAY, type World } from './world.js';

/** One record per form submission, and an undo that undoes what her page shows; over real HTTP on a SQLite file. */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const liveEvents = (w: World) =>
  (w.app.db.prepare('SELECT count(*) AS n FROM events WHERE deleted_at IS NULL').get() as { n: number }).n;

async function herPage(w: World) {
  const c = client(w.base);
  await signUp(c, 'anna@praktijk.nl');
  const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(w.smtp, 'anna@praktijk.nl', 1))[0].mail.text ?? '')![0];
  const own = (await c.post(link, { _csrf: csrfOf((await c.get(link)).body) })).location!;
  const providerId = (w.app.db.prepare('SELECT id FROM providers').get() as { id: string }).id;
  const provider = w.app.store.providers.get(providerId, { keyId: '', admin: true })!;
  const item = computeTimeline(provider, w.app.calendars, [], WEB_TODAY)
    .map((candidate) => candidate.id)
    .find((id) => {
      const from = recordBounds(provider, w.app.calendars, [], id, WEB_TODAY)?.from;
      return from != null && from <= WEB_TODAY;
    })!;
  return { c, own, provider, item };
}

describe('recording a step from her page', () => {
  it('records once when the same form is sent twice, and again from a new page', async () => {
    world = await startWorld();
    const { c, own, item } = await herPage(world);
    const form = { _csrf: csrfOf((await c.get(own)).body), item, date: WEB_TODAY, note: '' };
    const first = await c.post(`${own}/vastleggen`, form);
    const second = await c.post(`${own}/vastleggen`, form);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(liveEvents(world)).toBe(1);
    // Undone, and then sent again from a page shown since: that is a new submission.
    const undo = await c.post(`${own}/ongedaan`, {
      _csrf: csrfOf((await c.get(own)).body),
      event: new URL(first.location!, world.base).searchParams.get('vastgelegd')!,
    });
    expect(undo.status).toBe(303);
    expect(liveEvents(world)).toBe(0);
    await c.post(`${own}/vastleggen`, { ...form, _csrf: csrfOf((await c.get(own)).body) });
    expect(liveEvents(world)).toBe(1);
  });

  it('undo ends every record of the date the page shows, so the item is no longer done', async () => {
    world = await startWorld();
    const { c, own, provider, item } = await herPage(world);
    // Two records of the same step and date (as a double submit made before, or one from the API as well).
    const shown = world.app.store.events.record(provider.id, { item, date: WEB_TODAY }, provider.ownerKeyId);
    world.app.store.events.record(provider.id, { item, date: WEB_TODAY }, provider.ownerKeyId);
    const undo = await c.post(`${own}/ongedaan`, { _csrf: csrfOf((await c.get(own)).body), event: shown.id });
    expect(liveEvents(world)).toBe(0);
    const page = await c.get(undo.location!);
    expect(page.body).toContain('Ongedaan gemaakt:');
    expect(page.body).not.toContain('Gedaan op');
  });

  it('says so when an earlier date she recorded still stands after the undo', async () => {
    world = await startWorld();
    const { c, own, provider, item } = await herPage(world);
    const earlier = world.app.store.events.record(provider.id, { item, date: '2026-09-01' }, provider.ownerKeyId);
    const later = world.app.store.events.record(provider.id, { item, date: WEB_TODAY }, provider.ownerKeyId);
    const undo = await c.post(`${own}/ongedaan`, { _csrf: csrfOf((await c.get(own)).body), event: later.id });
    const page = await c.get(undo.location!);
    expect(world.app.store.events.get(provider.id, earlier.id)?.undoneAt).toBeNull();
    expect(page.body).toContain('Een eerdere datum die u vastlegde staat nog: gedaan op dinsdag 1 september 2026.');
  });
});
