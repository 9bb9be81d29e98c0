import { readdirSync, readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { ReminderRunner } from '../../src/reminders/run.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { openDatabase } from '../../src/store/database.js';
import { createStores } from '../../src/store/index.js';
import { ADMIN_KEY, bearer, fixtureCalendars } from '../helper.js';
import { FAST_RETRY, reminderWorld, type ReminderWorld } from './setup.js';

let world: ReminderWorld;
afterEach(async () => {
  await world.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const contacts = (...names: string[]) => names.map((name) => ({ email: `${name}@noord.nl` }));
const outbox = async (query: string) =>
  (await world.app.inject({ url: `/api/v1/admin/outbox?${query}`, headers: bearer(ADMIN_KEY) })).json();

/** Every Message-ID arrived exactly once. */
function expectEachOnce(messageIds: string[], count: number) {
  expect(messageIds).toHaveLength(count);
  expect(new Set(messageIds).size).toBe(count);
}

describe('delivery', () => {
  it('retries while the SMTP server is down and delivers each mail exactly once when it is back', async () => {
    world = await reminderWorld();
    await world.provider({ contacts: contacts('a', 'b', 'c') });
    const { port } = world.smtp;
    await world.smtp.stop();
    const run = world.run('2026-10-18');
    // The run is a job now: wait until each mail has met the outage once (however slow the machine), then bring SMTP back.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const { items } = await outbox('day=2026-10-18');
      if (items.length === 3 && items.every((item: { lastError: string | null }) => item.lastError !== null)) break;
      await sleep(20);
    }
    await world.smtp.start(port);
    expect(await run).toMatchObject({ planned: 3, sent: 3, failed: 0 });
    expectEachOnce(world.smtp.messageIds(), 3);
    const sent = await outbox('status=sent');
    expect(sent.items.every((item: { attempts: number }) => item.attempts > 1)).toBe(true);
  });

  it('retries after 421 (busy) and delivers each mail exactly once', async () => {
    world = await reminderWorld();
    await world.provider({ contacts: contacts('a', 'b') });
    world.smtp.mode = 'busy';
    const run = world.run('2026-10-18');
    await sleep(150);
    world.smtp.mode = 'accept';
    expect(await run).toMatchObject({ planned: 2, sent: 2, failed: 0 });
    expectEachOnce(world.smtp.messageIds(), 2);
  });

  it('gives up after the last attempt, lists the mails as failed, and a run of the day again completes them', async () => {
    world = await reminderWorld();
    await world.provider({ contacts: contacts('a', 'b') });
    const { port } = world.smtp;
    await world.smtp.stop();
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 2, sent: 0, failed: 2 });
    const failed = await outbox('status=failed');
    expect(failed.total).toBe(2);
    expect(failed.items[0]).toMatchObject({ status: 'failed', attempts: FAST_RETRY.maxAttempts });
    expect(failed.items[0].lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    await world.smtp.start(port);
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 0, sent: 2, failed: 0 });
    expectEachOnce(world.smtp.messageIds(), 2);
    expect(
      (await outbox('status=sent')).items.map((item: { messageId: string }) => `<${item.messageId}>`).sort(),
    ).toEqual(world.smtp.messageIds().sort());
  });

  it('a 550 for one recipient does not hold up the others and ends failed in the admin outbox', async () => {
    world = await reminderWorld();
    await world.provider({ contacts: contacts('a', 'weg', 'c') });
    world.smtp.rejected.add('weg@noord.nl');
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 3, sent: 2, failed: 1 });
    expect(world.smtp.received.map((r) => r.to[0]).sort()).toEqual(['a@noord.nl', 'c@noord.nl']);
    const failed = await outbox('status=failed');
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ recipient: 'weg@noord.nl', status: 'failed', attempts: 1 });
    expect(failed.items[0].lastError).toContain('550');
  });

  it('refuses header injection: through the API, and for a name or address that got into the database anyway', async () => {
    world = await reminderWorld();
    const refused = await world.app.inject({
      method: 'POST',
      url: '/api/v1/providers',
      headers: bearer(world.key),
      payload: {
        name: 'Praktijk',
        agb: '87654321',
        kinds: ['verloskunde'],
        contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }],
        contacts: [{ email: 'eve@noord.nl', name: 'Eve\r\nBcc: victim@example.org' }],
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('contacts[0].name');

    await world.provider({
      contacts: [{ email: 'eve@noord.nl', name: 'Eve' }, { email: 'mallory@noord.nl' }, { email: 'ok@noord.nl' }],
    });
    world.app.db
      .prepare(
        "UPDATE contacts SET name = 'Eve' || char(13, 10) || 'Bcc: victim@example.org' WHERE email = 'eve@noord.nl'",
      )
      .run();
    world.app.db
      .prepare(
        "UPDATE contacts SET email = 'mallory@noord.nl' || char(10) || 'Bcc: victim@example.org' WHERE email = 'mallory@noord.nl'",
      )
      .run();
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 1, sent: 1, failed: 2 });
    expect(world.smtp.received.map((r) => r.to[0])).toEqual(['ok@noord.nl']);
    expect(world.smtp.received.every((r) => !/^bcc:/im.test(r.raw.toString()))).toBe(true);
    const failed = await outbox('status=failed');
    expect(failed.items.map((item: { lastError: string }) => item.lastError).sort()).toEqual([
      'refused before sending: address must not contain line breaks or control characters',
      'refused before sending: name must not contain line breaks, control characters, <, >, " or \\',
    ]);
  });

  it('without SMTP_URL writes each mail as an .eml file, the same bytes on a second run', async () => {
    world = await reminderWorld((dir) => ({ SMTP_URL: '', MAIL_DIR: `${dir}/mail` }));
    const mailDir = `${world.dir}/mail`;
    await world.provider({ contacts: contacts('a', 'b') });
    expect(await world.run('2026-10-18')).toMatchObject({ planned: 2, sent: 2, failed: 0 });
    const files = readdirSync(mailDir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((file) => /^2026-10-18-c\d+\.eml$/.test(file))).toBe(true);
    const mail = await simpleParser(readFileSync(`${mailDir}/${files[0]}`));
    expect(mail.subject).toBe('Ondertekenen (Voorbeeld): nog 14 dagen, zondag 1 november 2026');
    const ids = (await outbox('status=sent')).items.map((item: { messageId: string }) => `<${item.messageId}>`);
    expect(ids).toContain(mail.messageId);
    expect(world.smtp.received).toHaveLength(0);
  });

  it('two runners on one database never send the same mail twice', async () => {
    world = await reminderWorld();
    for (let i = 0; i < 6; i++) await world.provider({ contacts: contacts(`p${i}a`, `p${i}b`) });
    world.smtp.delayMs = 15;
    const db = openDatabase(`${world.dir}/reminders.db`);
    const transport = smtpTransport(world.smtp.url);
    const log = { info() {}, warn() {}, error() {} };
    const second = new ReminderRunner({
      stores: createStores(db),
      calendars: fixtureCalendars,
      transport,
      publicBaseUrl: 'https://deadlines.example.nl',
      mailFrom: 'herinneringen@deadlines.example.nl',
      log,
      retry: FAST_RETRY,
    });
    try {
      // The API's job and a second runner on the same day: the day's status counts both.
      const [, b] = await Promise.all([world.run('2026-10-18'), second.runDay('2026-10-18')]);
      expect(b.planned).toBeLessThanOrEqual(12);
      let status = (
        await world.app.inject({ url: '/api/v1/admin/reminders/runs/2026-10-18', headers: bearer(ADMIN_KEY) })
      ).json();
      for (let tries = 0; status.pending > 0 && tries < 200; tries++) {
        await sleep(20);
        status = (
          await world.app.inject({ url: '/api/v1/admin/reminders/runs/2026-10-18', headers: bearer(ADMIN_KEY) })
        ).json();
      }
      expect(status).toMatchObject({ planned: 12, sent: 12, pending: 0, failed: 0 });
      expectEachOnce(world.smtp.messageIds(), 12);
    } finally {
      transport.close();
      db.close();
    }
  });
});
