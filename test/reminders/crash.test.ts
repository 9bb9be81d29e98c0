import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTempDir, tempDir } from '../helper.js';
import { outboxRows, outboxStatusCounts, prepareReminderDatabase, reminderProcess } from './reminder-process.js';
import { TestSmtpServer } from './smtp.js';

const PROVIDERS = 40;

let dir: string;
let smtp: TestSmtpServer;

beforeAll(async () => {
  dir = tempDir();
  prepareReminderDatabase(dir, PROVIDERS);
  smtp = await new TestSmtpServer().start();
  smtp.delayMs = 60;
});
afterAll(async () => {
  await smtp.stop();
  removeTempDir(dir);
});

describe('a reminder process killed mid-run', () => {
  it('loses no mail: the next run sends the rest, resending at most the one in flight with the same Message-ID', async () => {
    const first = reminderProcess(dir, smtp.url);
    const deadline = Date.now() + 20_000;
    while (smtp.received.length < PROVIDERS / 3 && Date.now() < deadline && first.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 20));
    expect(first.child.exitCode, first.output()).toBeNull();
    first.child.kill('SIGKILL');
    await first.exited;
    expect(smtp.received.length).toBeLessThan(PROVIDERS);
    const left = outboxStatusCounts(dir);
    expect((left.planned ?? 0) + (left.sending ?? 0), JSON.stringify(left)).toBeGreaterThan(0);

    const second = reminderProcess(dir, smtp.url);
    expect(await second.exited, second.output()).toBe(0);
    const result = JSON.parse(second.output().trim().split('\n').at(-1) as string);
    expect(result.failed).toBe(0);

    const ids = smtp.messageIds();
    const unique = new Set(ids);
    expect(unique.size).toBe(PROVIDERS);
    expect(ids.length - unique.size).toBeLessThanOrEqual(1);
    const rows = outboxRows(dir);
    expect(rows).toHaveLength(PROVIDERS);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    expect(new Set(rows.map((row) => `<${row.message_id}>`))).toEqual(unique);
  });
});
