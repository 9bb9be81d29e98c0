import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyStore } from '../../src/store/api-keys.js';
import { openDatabase } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrations.js';
import { ProviderStore } from '../../src/store/providers.js';
import { removeTempDir, tempDir } from '../helper.js';
import { TestSmtpServer } from './smtp.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PROVIDERS = 40;

let dir: string;
let smtp: TestSmtpServer;

beforeAll(async () => {
  dir = tempDir();
  // The made-up calendar in the layout the command reads (calendars/<insurer>/<year>-geboortezorg.yaml).
  mkdirSync(join(dir, 'calendars', 'voorbeeld'), { recursive: true });
  copyFileSync(join(ROOT, 'test/api/fixtures/voorbeeld-2027.yaml'), join(dir, 'calendars/voorbeeld/2027-geboortezorg.yaml'));
  for (const file of ['calendar.schema.json', 'decree-days.yaml']) copyFileSync(join(ROOT, 'calendars', file), join(dir, 'calendars', file));
  const db = openDatabase(join(dir, 'crash.db'));
  migrate(db);
  const { apiKey } = new ApiKeyStore(db).create('crash test');
  const providers = new ProviderStore(db);
  for (let i = 0; i < PROVIDERS; i++) {
    providers.create(apiKey.id, {
      name: `Praktijk ${i}`, agb: String(20_000_000 + i), kinds: ['verloskunde'], reminderDays: [14, 7, 1],
      contracts: [{ insurer: 'voorbeeld', year: 2027, status: 'existing' }],
      contacts: [{ email: `praktijk${i}@example.nl`, name: null, language: 'nl' }],
    });
  }
  db.close();
  smtp = await new TestSmtpServer().start();
  smtp.delayMs = 60;
});
afterAll(async () => {
  await smtp.stop();
  removeTempDir(dir);
});

/** `tsx src/commands/reminders.ts` as its own process, one mail at a time, against the slow server. */
function reminderProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/commands/reminders.ts', '--date', '2026-10-18', '--concurrency', '1', '--calendars', join(dir, 'calendars')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: join(dir, 'crash.db'), SMTP_URL: smtp.url, MAIL_FROM: 'herinneringen@deadlines.example.nl', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

function statusCounts(): Record<string, number> {
  const db = openDatabase(join(dir, 'crash.db'));
  try {
    const rows = db.prepare('SELECT status, count(*) AS n FROM mail_outbox GROUP BY status').all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    db.close();
  }
}

describe('a reminder process killed mid-run', () => {
  it('loses no mail: the next run sends the rest, resending at most the one in flight with the same Message-ID', async () => {
    const first = reminderProcess();
    const deadline = Date.now() + 20_000;
    while (smtp.received.length < PROVIDERS / 3 && Date.now() < deadline && first.child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    expect(first.child.exitCode, first.output()).toBeNull();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(smtp.received.length).toBeLessThan(PROVIDERS);
    const left = statusCounts();
    expect(left.planned + (left.sending ?? 0), JSON.stringify(left)).toBeGreaterThan(0);

    const second = reminderProcess();
    expect(await second.exited, second.output()).toBe(0);
    const result = JSON.parse(second.output().trim().split('\n').at(-1) as string);
    expect(result.failed).toBe(0);

    const ids = smtp.messageIds();
    const unique = new Set(ids);
    expect(unique.size).toBe(PROVIDERS);
    expect(ids.length - unique.size).toBeLessThanOrEqual(1);
    const db = openDatabase(join(dir, 'crash.db'));
    try {
      const rows = db.prepare("SELECT status, message_id FROM mail_outbox").all() as { status: string; message_id: string }[];
      expect(rows).toHaveLength(PROVIDERS);
      expect(rows.every((row) => row.status === 'sent')).toBe(true);
      expect(new Set(rows.map((row) => `<${row.message_id}>`))).toEqual(unique);
    } finally {
      db.close();
    }
  });
});
