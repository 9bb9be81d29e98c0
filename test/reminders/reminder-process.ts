import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrations.js';
import { ProviderStore } from '../../src/store/providers.js';
import { madeUpCalendarDir } from './calendar-dir.js';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * A database in `dir` with `count` verloskunde providers of the made-up calendar, one contact each,
 * and that calendar in the layout the reminder command reads (calendars/<insurer>/<year>-geboortezorg.yaml).
 */
export function prepareReminderDatabase(dir: string, count: number): void {
  madeUpCalendarDir(dir);
  const db = openDatabase(join(dir, 'reminders.db'));
  try {
    migrate(db);
    const { apiKey } = new ApiKeyStore(db).create('crash test');
    const providers = new ProviderStore(db);
    for (let i = 0; i < count; i++) {
      providers.create(apiKey.id, {
        name: `Praktijk ${i}`,
        agb: String(20_000_000 + i),
        kinds: ['verloskunde'],
        reminderDays: [14, 7, 1],
        contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing' }],
        contacts: [{ email: `praktijk${i}@example.nl`, name: null, language: 'nl' }],
      });
    }
    // Past the first mail to each address (a short notice): these tests are about digests.
    db.prepare("UPDATE contacts SET introduced_on = '2000-01-01'").run();
  } finally {
    db.close();
  }
}

/** `tsx src/commands/reminders.ts` as its own process on that database, one mail at a time. */
export function reminderProcess(dir: string, smtpUrl: string, date = '2026-10-18') {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/commands/reminders.ts',
      '--date',
      date,
      '--concurrency',
      '1',
      '--calendars',
      join(dir, 'calendars'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'reminders.db'),
        SMTP_URL: smtpUrl,
        MAIL_FROM: 'herinneringen@deadlines.example.nl',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { child, ...captured(child) };
}

/** What a reminder process printed, and its exit. */
function captured(child: ChildProcess): { exited: Promise<number | null>; output: () => string } {
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { exited, output: () => output };
}

/**
 * After the kills and a last run: every provider's mail arrived, at most one duplicate per kill, and every outbox
 * row is sent under the Message-ID that arrived.
 */
export function expectEveryMailDelivered(dir: string, messageIds: string[], providers: number, kills: number): void {
  const unique = new Set(messageIds);
  expect(unique.size).toBe(providers);
  expect(messageIds.length - unique.size).toBeLessThanOrEqual(kills);
  const rows = outboxRows(dir);
  expect(rows).toHaveLength(providers);
  expect(rows.every((row) => row.status === 'sent')).toBe(true);
  expect(new Set(rows.map((row) => `<${row.message_id}>`))).toEqual(unique);
}

/** Outbox rows per status. */
export function outboxStatusCounts(dir: string): Record<string, number> {
  const db = openDatabase(join(dir, 'reminders.db'));
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status').all() as {
      status: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    db.close();
  }
}

/** Every outbox row's status and Message-ID. */
export function outboxRows(dir: string): { status: string; message_id: string }[] {
  const db = openDatabase(join(dir, 'reminders.db'));
  try {
    return db.prepare('SELECT status, message_id FROM mail_outbox').all() as { status: string; message_id: string }[];
  } finally {
    db.close();
  }
}

/**
 * `npm run reminders` as operators start it: npm → tsx → node in a process group of their own, so the test can
 * SIGKILL the whole group at once (as a container stop or an OOM kill does).
 */
export function reminderProcessGroup(dir: string, smtpUrl: string, leaseSeconds: number, date = '2026-10-18') {
  const child = spawn(
    'npm',
    [
      'run',
      '--silent',
      'reminders',
      '--',
      '--date',
      date,
      '--concurrency',
      '1',
      '--lease-seconds',
      String(leaseSeconds),
      '--calendars',
      join(dir, 'calendars'),
    ],
    {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'reminders.db'),
        SMTP_URL: smtpUrl,
        MAIL_FROM: 'herinneringen@deadlines.example.nl',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return { child, ...captured(child), killGroup: () => process.kill(-child.pid!, 'SIGKILL') };
}
