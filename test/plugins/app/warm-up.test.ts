import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loggerOptions } from '../../../src/logging.js';
import { openDatabase } from '../../../src/store/database.js';
import { TestSmtpServer } from '../../reminders/smtp.js';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createProvider,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  testConfig,
  validProvider,
  type TestApp,
} from '../../helper.js';

/** Every table's rows, in full: what the database holds, to compare before and after a start with its warm-up. */
function contents(path: string): Record<string, unknown[]> {
  const db = openDatabase(path);
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM "${table}"`).raw().all()]));
  } finally {
    db.close();
  }
}

/** The app as server.ts builds it (warm-up on), logging at info into `lines`. */
function buildWarmedApp(
  path: string,
  lines: Record<string, any>[],
  options: { env?: Record<string, string>; schedule?: boolean } = {},
): Promise<TestApp> {
  const log = new PassThrough();
  log.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
  });
  return buildApp(
    {
      config: testConfig(path, options.env),
      calendars: fixtureCalendars,
      warmUp: true,
      reminders: { schedule: options.schedule ?? false },
    },
    { logger: loggerOptions('info', log) },
  );
}

describe('the start-up warm-up', () => {
  let dir: string;
  let path: string;
  let app: TestApp;
  let before: Record<string, unknown[]>;
  const lines: Record<string, any>[] = [];

  beforeAll(async () => {
    dir = tempDir();
    path = `${dir}/warm.db`;
    // A database with a provider in it, written by a start without warm-up.
    const first = await buildTestApp(path);
    await createProvider(first, ADMIN_KEY, { ...validProvider, agb: '11111111' });
    await first.close();
    before = contents(path);
    app = await buildWarmedApp(path, lines);
  });
  afterAll(async () => {
    await app.close();
    removeTempDir(dir);
  });

  it('answers each kind of request over HTTP before the service is ready, with no server error', () => {
    const warmed = lines.find((line) => line.msg?.startsWith('warmed up'));
    expect(warmed, JSON.stringify(lines)).toBeDefined();
    const answers = warmed!.answers as Record<string, number>;
    // Four rounds: a created provider and a recorded event each (the fixture calendars have a step to record on TODAY).
    expect(answers['201']).toBe(8);
    // Read, timeline, feed, page and events of each.
    expect(answers['200']).toBeGreaterThanOrEqual(20);
    expect(Object.keys(answers).filter((status) => Number(status) >= 500)).toEqual([]);
  });

  it('leaves the database exactly as it was', async () => {
    await app.close();
    expect(contents(path)).toEqual(before);
    app = await buildTestApp(path);
  });

  it('is neither logged per request nor counted in /metrics, and keeps no answers of what was rolled back', async () => {
    // Started again with its warm-up: looked at before any request of ours.
    await app.close();
    lines.length = 0;
    app = await buildWarmedApp(path, lines);
    expect(lines.filter((line) => line.req !== undefined || line.res !== undefined)).toEqual([]);
    expect(app.metrics.render()).toContain('\nhttp_requests_total 0\n');
    expect(app.metrics.render()).toContain('answer_cache_lookups_total{result="hit"} 0');
    expect(app.answerCache.sizeBytes).toBe(0);
  });

  it('leaves the service answering: its first real requests are served and stored', async () => {
    const created = await createProvider(app, ADMIN_KEY, { ...validProvider, agb: '22222222' });
    const read = await app.inject({ url: `/api/v1/providers/${created.id}`, headers: bearer(ADMIN_KEY) });
    expect(read.statusCode).toBe(200);
    const listed = await app.inject({ url: '/api/v1/providers', headers: bearer(ADMIN_KEY) });
    expect(
      listed
        .json()
        .items.map((item: { agb: string }) => item.agb)
        .sort(),
    ).toEqual(['11111111', '22222222']);
  });
});

describe('the warm-up and the reminder schedule', () => {
  it('runs before the start-up catch-up: its mail is sent and stays recorded, and no warm-up contact is mailed', async () => {
    const dir = tempDir();
    const path = `${dir}/catch-up.db`;
    const smtp = await new TestSmtpServer().start();
    // Days missed since a finished run, with a reminder to send (as in test/reminders/schedule.test.ts): the catch-up
    // at start sends it at any hour (before the cron's time of day it catches up to yesterday, after it to today).
    const env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'herinneringen@deadlines.example.nl',
      TODAY: '2026-10-20',
      REMINDER_CRON: '0 7 * * *',
    };
    let app: TestApp | undefined;
    try {
      app = await buildTestApp(path, { env });
      await createProvider(app, ADMIN_KEY, { contacts: [{ email: 'anna@noord.nl' }] });
      app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run(); // past the first mail (a short notice)
      app.db
        .prepare(
          "INSERT INTO reminder_runs (day, since, started_at, finished_at) VALUES ('2026-10-16', '2026-10-16', 'x', 'x')",
        )
        .run();
      await app.close();

      const lines: Record<string, any>[] = [];
      app = await buildWarmedApp(path, lines, { env, schedule: true });
      const deadline = Date.now() + 10_000;
      const finished = () =>
        app!.db.prepare("SELECT finished_at FROM reminder_runs WHERE day > '2026-10-16'").pluck().get() ?? null;
      while (finished() === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // Finished before the schedule started: its transaction held nothing of the run's.
      const warmed = lines.findIndex((line) => line.msg?.startsWith('warmed up'));
      const scheduled = lines.findIndex((line) => line.msg === 'reminders: scheduled');
      expect(warmed).toBeGreaterThanOrEqual(0);
      expect(scheduled).toBeGreaterThan(warmed);
      const reminderLines = lines.filter((line) => String(line.msg).startsWith('reminders'));
      expect(
        smtp.received.map((mail) => mail.to),
        JSON.stringify(reminderLines),
      ).toEqual([['anna@noord.nl']]);
      await app.close();
      app = undefined;
      // What the run wrote is there after the close: it was not inside the warm-up's transaction.
      const db = openDatabase(path);
      try {
        expect(db.prepare('SELECT status FROM mail_outbox').pluck().all()).toEqual(['sent']);
        expect(db.prepare("SELECT count(*) FROM contacts WHERE email LIKE 'opwarmen%'").pluck().get()).toBe(0);
      } finally {
        db.close();
      }
    } finally {
      await app?.close();
      await smtp.stop();
      removeTempDir(dir);
    }
  });
});
