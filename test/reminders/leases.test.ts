import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCalendarSet } from '../../src/calendar/load.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { ReminderRunner } from '../../src/reminders/run.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { createStores } from '../../src/store/index.js';
import { OutboxStore } from '../../src/store/outbox.js';
import { removeTempDir, tempDir } from '../helper.js';
import { outboxRows, prepareReminderDatabase } from './reminder-process.js';
import { TestSmtpServer } from './smtp.js';

/** Leases decide who sends a mail: renewed on a heartbeat while a sender lives, taken over when they run out. */
let dir: string;
let smtp: TestSmtpServer;
let dbs: Db[];
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const DAY = '2026-10-18';

beforeEach(async () => {
  dir = tempDir();
  dbs = [];
  smtp = await new TestSmtpServer().start();
});
afterEach(async () => {
  for (const db of dbs) db.close();
  await smtp.stop();
  removeTempDir(dir);
});

function runner(leaseMs: number): ReminderRunner {
  const db = openDatabase(join(dir, 'reminders.db'));
  dbs.push(db);
  return new ReminderRunner({
    stores: createStores(db),
    calendars: loadCalendarSet(join(dir, 'calendars')),
    transport: smtpTransport(smtp.url, 1),
    publicBaseUrl: 'https://deadlines.example.nl',
    mailFrom: 'herinneringen@deadlines.example.nl',
    log: quiet,
    concurrency: 1,
    leaseMs,
    retry: { firstDelayMs: 50, maxAttempts: 3 },
  });
}

describe('sender leases', () => {
  it('a run does not finish while another sender holds mails, even one whose pid is alive: it takes them over when the lease runs out', async () => {
    prepareReminderDatabase(dir, 3);
    const first = runner(400);
    expect(await first.plan(DAY)).toMatchObject({ planned: 3 });
    // A sender that claimed the mails and then stopped (killed), but whose pid looks alive: this very process's pid.
    const ghost = `${hostname()}:${process.pid}:ghost`;
    expect(new OutboxStore(dbs[0]!).claim(ghost, new Date(), 400, 10)).toHaveLength(3);

    const started = Date.now();
    const result = await runner(400).runDay(DAY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(result).toMatchObject({ sent: 3, failed: 0 });
    expect(new Set(smtp.messageIds()).size).toBe(3);
    expect(outboxRows(dir).every((row) => row.status === 'sent')).toBe(true);
  });

  it('a live sender keeps its mails while a send takes longer than the lease: the heartbeat renews it, nothing is sent twice', async () => {
    prepareReminderDatabase(dir, 2);
    smtp.delayMs = 900;
    const a = runner(300);
    const b = runner(300);
    await a.plan(DAY);
    const sending = a.deliver();
    // B starts while A is inside its first 900 ms send, three leases long.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [fromA, fromB] = await Promise.all([sending, b.deliver()]);
    expect(fromA.sent + fromB.sent).toBe(2);
    expect(smtp.messageIds()).toHaveLength(2);
    expect(new Set(smtp.messageIds()).size).toBe(2);
  });
});
