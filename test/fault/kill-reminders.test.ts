import { describe, expect, it } from 'vitest';
import { removeTempDir, tempDir } from '../helper.js';
import { expectEveryMailDelivered, prepareReminderDatabase, reminderProcess } from '../reminders/reminder-process.js';
import { TestSmtpServer } from '../reminders/smtp.js';

/**
 * A larger reminder run killed (SIGKILL) several times at different points, then run to the end:
 * every planned mail arrives, and each kill costs at most one duplicate (the mail in flight).
 */
const PROVIDERS = 150;
const KILLS = 5;

describe('SIGKILL during a reminder run, several times', () => {
  it(`delivers all ${PROVIDERS} mails with at most one duplicate per kill`, async () => {
    const dir = tempDir();
    const smtp = await new TestSmtpServer().start();
    smtp.delayMs = 20;
    try {
      prepareReminderDatabase(dir, PROVIDERS);
      for (let kill = 1; kill <= KILLS; kill++) {
        const run = reminderProcess(dir, smtp.url);
        const target = Math.floor((PROVIDERS * kill) / (KILLS + 1));
        const deadline = Date.now() + 30_000;
        while (new Set(smtp.messageIds()).size < target && Date.now() < deadline && run.child.exitCode === null)
          await new Promise((r) => setTimeout(r, 10));
        expect(run.child.exitCode, run.output()).toBeNull();
        run.child.kill('SIGKILL');
        await run.exited;
      }
      expect(new Set(smtp.messageIds()).size).toBeLessThan(PROVIDERS);

      const last = reminderProcess(dir, smtp.url);
      expect(await last.exited, last.output()).toBe(0);
      expectEveryMailDelivered(dir, smtp.messageIds(), PROVIDERS, KILLS);
    } finally {
      await smtp.stop();
      removeTempDir(dir);
    }
  }, 180_000);
});
