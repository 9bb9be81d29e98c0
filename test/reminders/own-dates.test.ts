import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer } from '../helper.js';
import { reminderWorld, type ReminderWorld } from './setup.js';

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
const mailsOn = async (day: string) => {
  const before = world.smtp.received.length;
  await world.run(day);
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
