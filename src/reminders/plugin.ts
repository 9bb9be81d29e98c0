import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { transportFor, type MailTransport } from '../mail/transport.js';
import { ReminderRunner, type RetryPolicy } from './run.js';
import { ReminderSchedule } from './schedule.js';

declare module 'fastify' {
  interface FastifyInstance {
    reminders: ReminderRunner;
    /** Where mails go (SMTP or .eml files): the reminder runs and the web front door's own mails. */
    mailTransport: MailTransport;
  }
}

export interface ReminderPluginOptions {
  config: Config;
  /** Start the daily schedule and the start-up catch-up (server.ts does, when REMINDERS_ENABLED). */
  schedule?: boolean;
  /** Tests: another transport or faster retries. */
  transport?: MailTransport;
  retry?: RetryPolicy;
  concurrency?: number;
}

/** The reminder runner as a decorator (lives beside the rest of src/reminders, which it wires into the app). */
async function reminders(fastify: FastifyInstance, opts: ReminderPluginOptions): Promise<void> {
  const { config } = opts;
  const transport = opts.transport ?? transportFor(config);
  if (opts.schedule) {
    fastify.log.info(
      { transport: transport.description },
      config.smtpUrl ? 'reminders: sending over SMTP' : 'reminders: no SMTP_URL, writing .eml files',
    );
  }
  const runner = new ReminderRunner({
    stores: fastify.store,
    calendars: fastify.calendars,
    transport,
    publicBaseUrl: config.publicBaseUrl,
    mailFrom: config.mailFrom,
    log: fastify.log,
    retry: opts.retry,
    concurrency: opts.concurrency ?? config.smtpConnections,
  });
  fastify.decorate('reminders', runner);
  fastify.decorate('mailTransport', transport);
  registerMetrics(fastify);

  const schedule = new ReminderSchedule(runner, { cron: config.reminderCron, today: fastify.today, log: fastify.log });
  if (opts.schedule) fastify.addHook('onReady', async () => schedule.start());
  fastify.addHook('onClose', async () => {
    await schedule.stop();
    await runner.stop();
    transport.close();
  });
}

/** Outbox sizes per status and the last reminder run, read from the database when /metrics is scraped. */
function registerMetrics(fastify: FastifyInstance): void {
  const outbox = fastify.db.prepare('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status');
  const lastRun = fastify.db.prepare(
    'SELECT day, finished_at AS finishedAt, planned, sent, failed FROM reminder_runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1',
  );
  const counts = () => new Map((outbox.all() as { status: string; n: number }[]).map((row) => [row.status, row.n]));
  fastify.metrics.gauge('mail_outbox', 'Mails in the outbox by status.', () => {
    const byStatus = counts();
    return ['planned', 'sending', 'sent', 'failed', 'cancelled'].map((status) => ({
      labels: { status },
      value: byStatus.get(status) ?? 0,
    }));
  });
  const last = () =>
    lastRun.get() as { day: string; finishedAt: string; planned: number; sent: number; failed: number } | undefined;
  fastify.metrics.gauge(
    'reminder_last_run_finished_seconds',
    'When the last reminder run finished (Unix time; 0 if none yet).',
    () => {
      const run = last();
      return run ? Date.parse(run.finishedAt) / 1000 : 0;
    },
  );
  fastify.metrics.gauge('reminder_last_run_mails', 'Mails of the last finished reminder run, by outcome.', () => {
    const run = last();
    return (['planned', 'sent', 'failed'] as const).map((outcome) => ({
      labels: { outcome },
      value: run?.[outcome] ?? 0,
    }));
  });
}

export default fp(reminders, { name: 'reminders', dependencies: ['sqlite', 'store', 'calendars', 'metrics'] });
