import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/plain-date.js';
import { OutboxStore } from '../../src/store/outbox.js';
import { client, csrfOf, signUp, type FormClient } from './form-client.js';
import { mailsTo, startWorld, WEB_TODAY, type World } from './world.js';

/**
 * Her digests already in the outbox when she changes her e-mail address (issue 11): after the change is confirmed they
 * go to the new address only, each still once, with the same Message-ID and a working unsubscribe link. The old
 * address gets only the notice that tells it about the change. Real SQLite file, loopback SMTP, real HTTP.
 */
let world: World | undefined;

afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const OLD = 'anna@oud.nl';
const NEW = 'anna@nieuw.nl';

async function confirmedSignUp(w: World, c: FormClient): Promise<string> {
  await signUp(c, OLD);
  const link = /\/bevestig\/[\w-]+/.exec((await mailsTo(w.smtp, OLD, 1))[0].mail.text ?? '')![0];
  return (await c.post(link, { _csrf: csrfOf((await c.get(link)).body) })).location!;
}

/** Her digests planned for the coming days (not sent): at least `count` of them. */
async function queueDigests(w: World, count: number): Promise<Row[]> {
  for (let day = WEB_TODAY; queued(w).length < count && day < addDays(WEB_TODAY, 120); day = addDays(day, 1))
    await w.app.reminders.plan(day);
  const rows = queued(w);
  expect(rows.length).toBeGreaterThanOrEqual(count);
  return rows;
}

interface Row {
  id: string;
  status: string;
  recipient: string;
  message_id: string;
  raw: Buffer;
}

const queued = (w: World) =>
  w.app.db
    .prepare<[], Row>(
      'SELECT id, status, recipient, message_id, raw FROM mail_outbox WHERE length(raw) > 0 ORDER BY id',
    )
    .all();
const unsubscribeTokenIn = (raw: Buffer) =>
  /^List-Unsubscribe:\s*<[^>]*\/unsubscribe\/([\w-]+)>/m.exec(raw.toString())![1];

async function changeAddress(w: World, c: FormClient, page: string): Promise<void> {
  await c.post(`${page}/e-mailadres`, { _csrf: csrfOf((await c.get(`${page}/e-mailadres`)).body), email: NEW });
  const link = /\/adres-bevestigen\/[\w-]+/.exec((await mailsTo(w.smtp, NEW, 1))[0].mail.text ?? '')![0];
  const confirmed = await c.post(link, { _csrf: csrfOf((await c.get(link)).body) });
  expect(confirmed.status).toBe(303);
}

const subjects = (w: World, address: string) => w.smtp.to(address).map((mail) => mail.mail.subject);

describe('an address change and the outbox', () => {
  it('re-addresses queued, held and failed digests to the new address: each goes once, there, with its Message-ID and a working unsubscribe link', async () => {
    world = await startWorld();
    const c = client(world.base);
    const page = await confirmedSignUp(world, c);
    const before = await queueDigests(world, 4);
    const outbox = new OutboxStore(world.app.db);
    const [held, killed, failed] = before.slice(0, 3).map((row) => row.id);
    // A sender holds one (its lease runs), a killed sender held another (its lease ran out), a third failed at the old address.
    const claimOne = (id: string, owner: string) => {
      world!.app.db
        .prepare("UPDATE mail_outbox SET next_attempt_at = '9999' WHERE status = 'planned' AND id <> ?")
        .run(id);
      expect(outbox.claim(owner, new Date(), 60_000, 1).map((mail) => mail.id)).toEqual([id]);
      world!.app.db
        .prepare("UPDATE mail_outbox SET next_attempt_at = ? WHERE next_attempt_at = '9999'")
        .run(new Date().toISOString());
    };
    claimOne(held, 'elsewhere:1:running');
    claimOne(failed, 'elsewhere:3:done');
    outbox.markFailed(failed, 'elsewhere:3:done', '550 mailbox unavailable');
    claimOne(killed, 'elsewhere:2:killed');
    world.app.db.prepare("UPDATE mail_outbox SET lease_until = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(killed);
    const notices = world.app.db.prepare('SELECT * FROM mail_notices ORDER BY item, notice').all();
    const oldToken = unsubscribeTokenIn(before[0].raw);

    await changeAddress(world, c, page);

    const after = queued(world);
    expect(after.map((row) => [row.id, row.status, row.message_id])).toEqual(
      before.map((row) => [
        row.id,
        row.id === failed ? 'failed' : row.id === held || row.id === killed ? 'sending' : 'planned',
        row.message_id,
      ]),
    );
    for (const row of after) {
      expect(row.recipient).toBe(NEW);
      const text = row.raw.toString();
      expect(text).toMatch(/^To: Anna <anna@nieuw\.nl>\r$/m);
      expect(text).not.toContain(OLD);
      expect(text).not.toContain(oldToken);
    }
    // What each mail tells is still recorded once, against the same rows.
    expect(world.app.db.prepare('SELECT * FROM mail_notices ORDER BY item, notice').all()).toEqual(notices);
    // The old inbox's unsubscribe link stops working; the one in the re-addressed mails works.
    expect((await c.get(`/unsubscribe/${oldToken}`)).status).toBe(404);
    const newToken = unsubscribeTokenIn(after[0].raw);
    expect((await c.get(`/unsubscribe/${newToken}`)).body).toContain('Praktijk Noord');

    // The running sender's attempt fails and is retried; the day of the failed mail is run again: both go to the new address now.
    outbox.markRetry(held, 'elsewhere:1:running', new Date(), '421 try again');
    expect(outbox.reopenFailed(after.find((row) => row.id === failed)!.id.split('/')[0], new Date())).toBe(1);
    await world.app.reminders.deliver();

    const received = await mailsTo(world.smtp, NEW, 2 + before.length);
    const digests = received.filter(
      (mail) =>
        mail.mail.messageId !== undefined && before.some((row) => `<${row.message_id}>` === mail.mail.messageId),
    );
    expect(digests.map((mail) => mail.mail.messageId).sort()).toEqual(
      before.map((row) => `<${row.message_id}>`).sort(),
    );
    for (const mail of digests) {
      expect(mail.to).toEqual([NEW]);
      expect(mail.mail.text).toContain(`/unsubscribe/${newToken}`);
      // She signed up on the site: the footer says so, with her page link (issue 11).
      expect(mail.mail.text).toContain(
        `U ontvangt deze e-mail omdat u zich op 127.0.0.1:${new URL(world.base).port} heeft aangemeld voor herinneringen.\nUw eigen pagina: ${world.base}/mijn/`,
      );
      expect(mail.mail.text).not.toContain('contactpersoon');
    }
    expect(world.app.db.prepare("SELECT count(*) FROM mail_outbox WHERE status <> 'sent'").pluck().get()).toBe(0);
    // The old address: the confirmation of the sign-up, her welcome mail, and the one notice about the change; no digest.
    expect(subjects(world, OLD)).toHaveLength(3);
    expect(subjects(world, OLD).at(-1)).toMatch(/e-mailadres/i);
    expect(
      world.smtp.received.filter(
        (mail) => mail.to.includes(OLD) && before.some((row) => `<${row.message_id}>` === mail.mail.messageId),
      ),
    ).toEqual([]);

    // The one-click unsubscribe of a delivered digest acts on her new address.
    const oneClick = await fetch(`${world.base}/unsubscribe/${newToken}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBeLessThan(300);
    expect(world.app.db.prepare('SELECT email, unsubscribed_at IS NOT NULL AS off FROM contacts').get()).toEqual({
      email: NEW,
      off: 1,
    });
  });

  it('a digest already on the wire when she confirms reaches the old address once, and nothing is sent again to the new one', async () => {
    world = await startWorld();
    const c = client(world.base);
    const page = await confirmedSignUp(world, c);
    const [row] = await queueDigests(world, 1);
    world.app.db.prepare("UPDATE mail_outbox SET status = 'cancelled', raw = x'' WHERE id <> ?").run(row.id);
    // The server has the whole message and holds its answer: the sender is in the middle of sending it.
    world.smtp.delayMs = 1_500;
    const delivery = world.app.reminders.deliver();
    await mailsTo(world.smtp, OLD, 3);
    expect(world.smtp.to(OLD).at(-1)!.mail.messageId).toBe(`<${row.message_id}>`);
    world.smtp.delayMs = 0;

    await changeAddress(world, c, page);
    await delivery;

    expect(world.app.db.prepare('SELECT status, recipient FROM mail_outbox WHERE id = ?').get(row.id)).toEqual({
      status: 'sent',
      recipient: NEW,
    });
    expect(
      world.smtp.received.filter((mail) => mail.mail.messageId === `<${row.message_id}>`).map((mail) => mail.to),
    ).toEqual([[OLD]]);
    await mailsTo(world.smtp, OLD, 4);
    expect(subjects(world, OLD).at(-1)).toMatch(/e-mailadres/i);
    expect(world.smtp.to(NEW).map((mail) => mail.mail.messageId)).not.toContain(`<${row.message_id}>`);
  });
});
