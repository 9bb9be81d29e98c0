import type { ParsedMail } from 'mailparser';
import type { RetryPolicy } from '../../src/reminders/run.js';
import {
  ADMIN_KEY,
  bearer,
  buildTestApp,
  createKey,
  createProvider,
  removeTempDir,
  tempDir,
  type TestApp,
} from '../helper.js';
import { TestSmtpServer } from './smtp.js';

export const FAST_RETRY = { firstDelayMs: 40, maxAttempts: 6 };

export interface ReminderWorld {
  app: TestApp;
  smtp: TestSmtpServer;
  key: string;
  dir: string;
  run(date: string): Promise<{ day: string; since: string; planned: number; sent: number; failed: number }>;
  /** A provider of the world's tenant; its contacts count as introduced unless `introduced: false`. */
  provider(body?: Record<string, unknown>, options?: { introduced?: boolean }): Promise<Record<string, any>>;
  close(): Promise<void>;
}

let agb = 10_000_000;

/** A fresh database, the app with the fixture calendars, and a loopback SMTP server it sends to. */
export async function reminderWorld(
  settings: Record<string, string> | ((dir: string) => Record<string, string>) = {},
  retry: RetryPolicy = FAST_RETRY,
): Promise<ReminderWorld> {
  const dir = tempDir();
  const env = typeof settings === 'function' ? settings(dir) : settings;
  const smtp = await new TestSmtpServer().start();
  const app = await buildTestApp(`${dir}/reminders.db`, {
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Geboortezorg deadlines <herinneringen@deadlines.example.nl>',
      PUBLIC_BASE_URL: 'https://deadlines.example.nl',
      ...env,
    },
    reminders: { retry },
  });
  const { key } = await createKey(app);
  return {
    app,
    smtp,
    key,
    dir,
    async run(date) {
      const status = await runToTheEnd(app, date);
      return { day: status.day, since: status.since, ...status.result! };
    },
    async provider(body = {}, { introduced = true } = {}) {
      const provider = await createProvider(app, key, { agb: String(agb++), ...body });
      // Digest tests start after the first mail (the short notice to a new address, test/reminders/introduction.test.ts).
      if (introduced)
        app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01' WHERE provider_id = ?").run(provider.id);
      return provider;
    },
    async close() {
      await app.close();
      await smtp.stop();
      removeTempDir(dir);
    },
  };
}

/** Starts a day's run over the API (202) and follows its address until it is finished; the last status. */
export async function runToTheEnd(app: TestApp, date: string, timeoutMs = 60_000): Promise<Record<string, any>> {
  const started = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/reminders/run',
    headers: bearer(ADMIN_KEY),
    payload: { date, force: true }, // the tests run chosen days far from the pinned today
  });
  if (started.statusCode !== 202) throw new Error(`run failed: ${started.statusCode} ${started.body}`);
  const location = started.headers.location as string;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await app.inject({ url: location, headers: bearer(ADMIN_KEY) })).json();
    if (status.state === 'finished') return status;
    if (Date.now() > deadline) throw new Error(`run of ${date} not finished: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The https address in the List-Unsubscribe header. */
export function unsubscribeUrl(mail: ParsedMail): string {
  const line = mail.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? '';
  return /<(https:[^>]+)>/.exec(line.replace(/\r?\n\s+/g, ''))?.[1] ?? '';
}
