import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCalendar } from '../../src/calendar/load.js';
import { CalendarSet } from '../../src/domain/calendar-set.js';
import { bearer, buildTestApp, type TestApp } from '../helper.js';
import { FAST_RETRY, reminderWorld, runToTheEnd, type ReminderWorld } from './setup.js';

const fixtureFile = (name: string) =>
  parseCalendar(readFileSync(new URL(`../api/fixtures/${name}`, import.meta.url), 'utf8'), `test/api/fixtures/${name}`);

/** Fixture calendar voorbeeld/2027: signing (ondertekenen) is due Sunday 1 November 2026. TODAY is 1 June 2026. */
let world: ReminderWorld;
beforeEach(async () => {
  world = await reminderWorld();
});
afterEach(async () => {
  await world.close();
});

const anna = { email: 'anna@noord.nl', name: 'Anna de Vries' };
const post = (providerId: string, path: string, payload: object) =>
  world.app.inject({
    method: 'POST',
    url: `/api/v1/providers/${providerId}${path}`,
    headers: bearer(world.key),
    payload,
  });
const mailsOn = async (day: string, app?: TestApp) => {
  const before = world.smtp.received.length;
  if (app) await runToTheEnd(app, day);
  else await world.run(day);
  return world.smtp.received.slice(before).map(({ mail }) => ({ subject: mail.subject ?? '', text: mail.text ?? '' }));
};

describe('her own dates in the digest', () => {
  it('reminds of her own item like any deadline of hers, its note as the source', async () => {
    const provider = await world.provider({ contacts: [anna] });
    const created = await post(provider.id, '/own-items', {
      insurer: 'vgz',
      title: 'Vragenlijst VGZ invullen',
      due: '2026-07-15',
      note: 'e-mail van VGZ, 3 april',
    });
    expect(created.statusCode).toBe(201);
    const [mail] = await mailsOn('2026-07-01');
    expect(mail.subject).toBe('Vragenlijst VGZ invullen (vgz): nog 14 dagen, woensdag 15 juli 2026');
    expect(mail.text).toContain('Uiterlijk: woensdag 15 juli 2026 (nog 14 dagen)');
    expect(mail.text).toContain('Wat te doen: Vragenlijst VGZ invullen');
    expect(mail.text).toContain('Bron: e-mail van VGZ, 3 april (uw eigen datum)');
    const [dayBefore] = await mailsOn('2026-07-14');
    expect(dayBefore.subject).toContain('Vragenlijst VGZ invullen');
  });

  it('keeps her own dates hers: a practice in the same situation gets none of them', async () => {
    const hers = await world.provider({ contacts: [anna] });
    await world.provider({ contacts: [{ email: 'bea@zuid.nl', name: 'Bea' }] });
    const payload = { insurer: null, title: 'Begroting voorbereiden', due: '2026-07-15', note: 'eigen planning' };
    expect((await post(hers.id, '/own-items', payload)).statusCode).toBe(201);
    await world.run('2026-07-15');
    const text = (to: string) =>
      world.smtp
        .to(to)
        .map(({ mail }) => mail.text ?? '')
        .join('\n');
    expect(text('anna@noord.nl')).toContain('Begroting voorbereiden (uw eigen datum)');
    expect(text('bea@zuid.nl')).not.toContain('Begroting voorbereiden');
  });

  it('reminds on the corrected date, with the reason, not on the computed one', async () => {
    const provider = await world.provider({ contacts: [anna] });
    const corrected = await post(provider.id, '/corrections', {
      item: 'voorbeeld/2027/ondertekenen',
      due: '2026-11-08',
      reason: 'uitstel tot 8 november, brief van 2 oktober',
    });
    expect(corrected.statusCode).toBe(201);
    // 14 days before the computed 1 November: nothing about signing.
    expect((await mailsOn('2026-10-18')).some((mail) => mail.text.includes('Ondertekenen'))).toBe(false);
    const [mail] = await mailsOn('2026-10-25');
    expect(mail.subject).toBe('Ondertekenen (Voorbeeld): nog 14 dagen, zondag 8 november 2026');
    expect(mail.text).toContain(
      'gecorrigeerd door de praktijk naar 8 november 2026 (berekend was 1 november 2026; reden: uitstel tot 8 november, brief van 2 oktober)',
    );
    expect(mail.text).toContain('valt op zondag: regel het uiterlijk vrijdag 6 november');
  });
});

describe('a correction and a later calendar version', () => {
  it('keeps her date when the calendar moves the original, and the digest asks her to check', async () => {
    const provider = await world.provider({ contacts: [anna] });
    expect(
      (
        await post(provider.id, '/corrections', {
          item: 'voorbeeld/2027/ondertekenen',
          due: '2026-11-08',
          reason: 'uitstel tot 8 november, brief van 2 oktober',
        })
      ).statusCode,
    ).toBe(201);
    // The same database under a new version of the calendar that moves signing from 1 November to 25 October 2026.
    await world.app.close();
    const moved = structuredClone(fixtureFile('voorbeeld-2027.yaml'));
    moved.version = (moved.version ?? 1) + 1;
    moved.milestones.find((line) => line.id === 'ondertekenen')!.rule = { onOrBefore: '2026-10-25' };
    const calendars = new CalendarSet([moved, fixtureFile('proef-2026.yaml')]);
    const app = await buildTestApp(`${world.dir}/reminders.db`, {
      calendars,
      env: {
        SMTP_URL: world.smtp.url,
        MAIL_FROM: 'Geboortezorg deadlines <herinneringen@deadlines.example.nl>',
        PUBLIC_BASE_URL: 'https://deadlines.example.nl',
      },
      reminders: { retry: FAST_RETRY },
    });
    const item = (await app.inject({ url: `/api/v1/providers/${provider.id}/timeline`, headers: bearer(world.key) }))
      .json()
      .items.find((entry: any) => entry.id === 'voorbeeld/2027/ondertekenen');
    expect(item.due).toBe('2026-11-08');
    expect(item.correction).toMatchObject({ original: '2026-11-01', calendarNow: '2026-10-25' });
    const listed = (
      await app.inject({ url: `/api/v1/providers/${provider.id}/corrections`, headers: bearer(world.key) })
    ).json().items;
    expect(listed).toEqual([expect.objectContaining({ original: '2026-11-01', computed: '2026-10-25' })]);

    const [notice] = await mailsOn('2026-06-02', app);
    expect(notice.subject).toBe('Controleer uw correctie: Ondertekenen (Voorbeeld), de kalender is gewijzigd');
    expect(notice.text).toContain(
      'De kalender van de verzekeraar is gewijzigd: die geeft nu zondag 25 oktober 2026 (was zondag 1 november 2026 toen u de datum corrigeerde). Uw correctie naar zondag 8 november 2026 blijft staan: controleer of die nog klopt.',
    );
    // Told once: the next day has nothing to say about it.
    expect((await mailsOn('2026-06-03', app)).some((mail) => mail.text.includes('Controleer uw correctie'))).toBe(
      false,
    );
    await app.close();
  });
});
