import type { ParsedMail } from 'mailparser';
import { ADMIN_KEY, bearer, buildTestApp, createKey, createProvider, removeTempDir, tempDir, type TestApp } from '../helper.js';
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
export async function reminderWorld(settings: Record<string, string> | ((dir: string) => Record<string, string>) = {}): Promise<ReminderWorld> {
  const dir = tempDir();
  const env = typeof settings === 'function' ? settings(dir) : settings;
  const smtp = await new TestSmtpServer().start();
  const app = await buildTestApp(`${dir}/reminders.db`, {
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Geboortezorg deadlines <herinneringen@deadlines.example.nl>', PUBLIC_BASE_URL: 'https://deadlines.example.nl', ...env },
    reminders: { retry: FAST_RETRY },
  });
  const { key } = await createKey(app);
  return {
    app,
    smtp,
    key,
    dir,
    async run(date) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/admin/reminders/run', headers: bearer(ADMIN_KEY), payload: { date } });
      if (response.statusCode !== 200) throw new Error(`run failed: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    async provider(body = {}, { introduced = true } = {}) {
      const provider = await createProvider(app, key, { agb: String(agb++), ...body });
      // Digest tests start after the first mail (the short notice to a new address, test/reminders/introduction.test.ts).
      if (introduced) app.db.prepare("UPDATE contacts SET introduced_on = '2000-01-01' WHERE provider_id = ?").run(provider.id);
      return provider;
    },
    async close() {
      await app.close();
      await smtp.stop();
      removeTempDir(dir);
    },
  };
}

/** The https address in the List-Unsubscribe header. */
export function unsubscribeUrl(mail: ParsedMail): string {
  const line = mail.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? '';
  return /<(https:[^>]+)>/.exec(line.replace(/\r?\n\s+/g, ''))?.[1] ?? '';
}
