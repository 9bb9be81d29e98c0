import { afterEach, describe, expect, it } from 'vitest';
import { computeTimeline } from '../../src/domain/timeline.js';
import type { Provider } from '../../src/domain/types.js';
import { planDigest } from '../../src/reminders/plan.js';
import { catchUpRun } from '../../src/reminders/schedule.js';
import {
  buildTestApp,
  createKey,
  createProvider,
  fixtureCalendars,
  removeTempDir,
  tempDir,
  type TestApp,
} from '../helper.js';
import { TestSmtpServer } from './smtp.js';

const provider: Provider = { kinds: ['verloskunde'], contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'new' }] };
const nothingTold = { told: new Set<string>(), toldDue: new Map<string, string>() };
const digestOn = (day: string, since?: string) =>
  planDigest({
    timeline: computeTimeline(provider, fixtureCalendars, [], day),
    day,
    since,
    reminderDays: [14, 7, 1],
    history: nothingTold,
  });

describe('catching up missed days', () => {
  it.each([
    [null, '2026-10-20', true, { day: '2026-10-20', since: '2026-10-20' }],
    [null, '2026-10-20', false, null],
    ['2026-10-19', '2026-10-20', true, { day: '2026-10-20', since: '2026-10-20' }],
    ['2026-10-19', '2026-10-20', false, null],
    ['2026-10-20', '2026-10-20', true, null],
    ['2026-10-16', '2026-10-20', true, { day: '2026-10-20', since: '2026-10-17' }],
    ['2026-10-16', '2026-10-20', false, { day: '2026-10-19', since: '2026-10-17' }],
    ['2026-09-01', '2026-10-20', true, { day: '2026-10-20', since: '2026-10-14' }],
  ])("last finished %s, today %s, today's time passed %s → %o", (last, today, todayDue, expected) => {
    expect(catchUpRun(last, today, todayDue)).toEqual(expected);
  });

  it('a missed reminder day still sends the reminder, with the days left counted from today', () => {
    expect(digestOn('2026-10-20')).toBeNull();
    const digest = digestOn('2026-10-20', '2026-10-17');
    expect(digest?.notices.map((n) => [n.item.id, n.keys, n.daysLeft])).toEqual([
      ['voorbeeld/2027/ondertekenen', ['reminder-14'], 12],
    ]);
  });

  it('sends nothing about a date that passed while the service was down', () => {
    // Signing was due 1 November: on the 3rd, after missing the 31st (1 day) and the 1st (due today), it is too late.
    expect(digestOn('2026-11-03', '2026-10-30')).toBeNull();
  });

  it('never reminds of a step that moves with the day (a chain not started yet)', () => {
    const timeline = computeTimeline(provider, fixtureCalendars, [], '2026-06-01');
    const reply = timeline.find((item) => item.id === 'voorbeeld/2027/instroom/reactie');
    expect(reply?.projected).toBe(true);
    const digest = planDigest({
      timeline,
      day: '2026-06-16',
      reminderDays: [14],
      history: nothingTold,
      moving: new Set([reply?.id as string]),
    });
    expect(digest?.notices.map((n) => n.item.id)).toEqual(['voorbeeld/2027/vragenlijst']);
  });
});

describe('the schedule at start-up', () => {
  let dir: string;
  let app: TestApp | undefined;
  let smtp: TestSmtpServer;
  afterEach(async () => {
    await app?.close();
    await smtp.stop();
    removeTempDir(dir);
  });

  it('runs the days missed since the last finished run, once, without waiting for the cron tick', async () => {
    dir = tempDir();
    smtp = await new TestSmtpServer().start();
    const env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'herinneringen@deadlines.example.nl',
      TODAY: '2026-10-20',
      REMINDER_CRON: '0 7 * * *',
    };
    app = await buildTestApp(`${dir}/schedule.db`, { env });
    await createProvider(app, (await createKey(app)).key, { contacts: [{ email: 'anna@noord.nl' }] });
    app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run(); // past the first mail (a short notice)
    app.db
      .prepare(
        "INSERT INTO reminder_runs (day, since, started_at, finished_at) VALUES ('2026-10-16', '2026-10-16', 'x', 'x')",
      )
      .run();
    await app.close();

    app = await buildTestApp(`${dir}/schedule.db`, { env, reminders: { schedule: true } });
    const deadline = Date.now() + 10_000;
    while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].mail.subject).toMatch(
      /^Ondertekenen \(Voorbeeld\): nog 1[23] dagen, zondag 1 november 2026$/,
    );
    await app.close();

    // Started again: that run is recorded as finished, so nothing is sent twice.
    app = await buildTestApp(`${dir}/schedule.db`, { env, reminders: { schedule: true } });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received).toHaveLength(1);
    const runs = app.db
      .prepare('SELECT day, since, finished_at IS NOT NULL AS finished FROM reminder_runs ORDER BY day')
      .all();
    expect(runs.at(-1)).toMatchObject({ since: '2026-10-17', finished: 1 });
  });

  it('the cron tick runs the day, and later ticks send nothing again', async () => {
    dir = tempDir();
    smtp = await new TestSmtpServer().start();
    // Every second (node-cron's six-field form), so the test sees ticks; the service default is 07:00.
    const env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'herinneringen@deadlines.example.nl',
      TODAY: '2026-10-18',
      REMINDER_CRON: '* * * * * *',
    };
    app = await buildTestApp(`${dir}/tick.db`, { env });
    await createProvider(app, (await createKey(app)).key, { contacts: [{ email: 'anna@noord.nl' }] });
    app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run(); // past the first mail (a short notice)
    await app.close();
    app = await buildTestApp(`${dir}/tick.db`, { env, reminders: { schedule: true } });
    const deadline = Date.now() + 10_000;
    while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.received.map((r) => r.mail.subject)).toEqual([
      'Ondertekenen (Voorbeeld): nog 14 dagen, zondag 1 november 2026',
    ]);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(smtp.received).toHaveLength(1);
    expect(
      app.db.prepare("SELECT finished_at IS NOT NULL AS finished FROM reminder_runs WHERE day = '2026-10-18'").get(),
    ).toEqual({ finished: 1 });
  });
});
