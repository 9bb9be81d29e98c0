import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { emlFolderTransport, smtpTransport, type MailTransport } from '../mail/transport.js';
import { ReminderRunner, type RetryPolicy } from './run.js';
import { ReminderSchedule } from './schedule.js';

declare module 'fastify' {
  interface FastifyInstance {
    reminders: ReminderRunner;
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
  const transport = opts.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : emlFolderTransport(config.mailDir));
  if (opts.schedule) {
    fastify.log.info({ transport: transport.description }, config.smtpUrl ? 'reminders: sending over SMTP' : 'reminders: no SMTP_URL, writing .eml files');
  }
  const runner = new ReminderRunner({
    db: fastify.db,
    calendars: fastify.calendars,
    transport,
    publicBaseUrl: config.publicBaseUrl,
    mailFrom: config.mailFrom,
    log: fastify.log,
    retry: opts.retry,
    concurrency: opts.concurrency,
  });
  fastify.decorate('reminders', runner);

  const schedule = new ReminderSchedule(runner, { cron: config.reminderCron, today: fastify.today, log: fastify.log });
  if (opts.schedule) fastify.addHook('onReady', async () => schedule.start());
  fastify.addHook('onClose', async () => {
    await schedule.stop();
    await runner.stop();
    transport.close();
  });
}

export default fp(reminders, { name: 'reminders', dependencies: ['sqlite', 'calendars'] });
