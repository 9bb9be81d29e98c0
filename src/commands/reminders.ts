import { parseArgs } from 'node:util';
import { CALENDARS_DIR, loadCalendarSet } from '../calendar/load.js';
import { todayInAmsterdam } from '../clock.js';
import { loadConfig } from '../config.js';
import { isValidPlainDate } from '../domain/plain-date.js';
import { transportFor } from '../mail/transport.js';
import { DEFAULT_LEASE_MS, ReminderRunner, type RunLog } from '../reminders/run.js';
import { catchUpRun } from '../reminders/schedule.js';
import { openDatabase } from '../store/database.js';
import { createStores } from '../store/index.js';
import { migrate } from '../store/migrations.js';

const USAGE = `usage: npm run reminders -- [--date YYYY-MM-DD | --catch-up] [--concurrency N] [--lease-seconds N] [--calendars DIR]

Runs one day's reminder e-mails against DATABASE_PATH, like the daily schedule of the service:
plans each contact's digest into the outbox and sends it (SMTP_URL, or .eml files in MAIL_DIR).
  --date         the day to run (default: today in Europe/Amsterdam, or TODAY)
  --catch-up     run what the schedule missed since the last finished run (at most 7 days back)
  --concurrency  mails sent at once, one SMTP connection each (default SMTP_CONNECTIONS, 16); a crash resends at most this many
  --lease-seconds  how long a killed sender's mails stay its own before another run takes them over
                 (default 60; renewed every third of it while the sender lives)
  --calendars    folder of calendar files (default: calendars/)
Prints { day, since, planned, sent, failed }; exits 3 when a mail failed (see GET /api/v1/admin/outbox?status=failed).`;

const { values } = parseArgs({
  options: {
    date: { type: 'string' },
    'catch-up': { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    'lease-seconds': { type: 'string', default: String(DEFAULT_LEASE_MS / 1000) },
    calendars: { type: 'string', default: CALENDARS_DIR },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.date !== undefined && !isValidPlainDate(values.date))
  fail(`--date must be a date YYYY-MM-DD, got "${values.date}"`);
const leaseSeconds = Number(values['lease-seconds']);
if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 3600)
  fail(`--lease-seconds must be a whole number from 1 to 3600, got "${values['lease-seconds']}"`);

const config = loadConfig();
const concurrency = values.concurrency === undefined ? config.smtpConnections : Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50)
  fail(`--concurrency must be a whole number from 1 to 50, got "${values.concurrency}"`);
const quiet = config.logLevel === 'silent' || config.logLevel === 'fatal' || config.logLevel === 'error';
const line = (level: string) => (details: object, message: string) => {
  if (level === 'info' && (quiet || config.logLevel === 'warn')) return;
  if (level === 'warn' && quiet) return;
  console.error(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(details)}`);
};
const log: RunLog = { info: line('info'), warn: line('warn'), error: line('error') };

const db = openDatabase(config.databasePath, config.secretKey);
migrate(db);
const transport = transportFor(config, concurrency);
if (!config.smtpUrl) log.info({ folder: transport.description }, 'reminders: no SMTP_URL, writing .eml files');
const runner = new ReminderRunner({
  stores: createStores(db),
  calendars: loadCalendarSet(values.calendars),
  transport,
  publicBaseUrl: config.publicBaseUrl,
  mailFrom: config.mailFrom,
  log,
  concurrency,
  leaseMs: leaseSeconds * 1000,
});

const stop = () => {
  log.warn({}, 'reminders: stopping after the mails in flight; the rest stays in the outbox');
  void runner.stop();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

try {
  const today = values.date ?? todayInAmsterdam(config.today);
  const run = values['catch-up']
    ? catchUpRun(runner.lastFinishedDay(today), today, true)
    : { day: today, since: today };
  if (run === null) {
    console.log(JSON.stringify({ day: today, message: 'nothing to catch up' }));
  } else {
    const result = await runner.runDay(run.day, run.since);
    console.log(JSON.stringify(result));
    if (result.failed > 0) process.exitCode = 3;
  }
} catch (error) {
  console.error(`reminders failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  transport.close();
  db.close();
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}
