import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { removeTempDir, tempDir } from '../helper.js';
import {
  expectEveryMailDelivered,
  prepareReminderDatabase,
  reminderProcessGroup,
} from '../reminders/reminder-process.js';
import { TestSmtpServer } from '../reminders/smtp.js';

/**
 * The whole process group of `npm run reminders` (npm → tsx → node) SIGKILLed 20 times while a CPU-burning
 * neighbour loads the machine, each next run started right after the kill, when the old pid may still be there.
 * Takeover rests on leases with a heartbeat (a short one here, --lease-seconds 2), not on the pid: every mail
 * arrives, and each kill costs at most one duplicate (the one mail in flight).
 */
const PROVIDERS = 150;
const KILLS = 20;
const LEASE_SECONDS = 2;

describe('SIGKILL of the whole reminder process group under CPU load, 20 times', () => {
  it(`delivers all ${PROVIDERS} mails with at most one duplicate per kill`, async () => {
    const dir = tempDir();
    const smtp = await new TestSmtpServer().start();
    smtp.delayMs = 10;
    const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      prepareReminderDatabase(dir, PROVIDERS);
      for (let kill = 1; kill <= KILLS; kill++) {
        const run = reminderProcessGroup(dir, smtp.url, LEASE_SECONDS);
        const target = Math.floor((PROVIDERS * kill) / (KILLS + 1));
        const deadline = Date.now() + 60_000;
        while (new Set(smtp.messageIds()).size < target && Date.now() < deadline && run.child.exitCode === null)
          await new Promise((r) => setTimeout(r, 5));
        expect(run.child.exitCode, run.output()).toBeNull();
        run.killGroup();
        await run.exited;
      }
      expect(new Set(smtp.messageIds()).size).toBeLessThan(PROVIDERS);

      const last = reminderProcessGroup(dir, smtp.url, LEASE_SECONDS);
      expect(await last.exited, last.output()).toBe(0);
      const result = JSON.parse(last.output().trim().split('\n').at(-1)!);
      expect(result.failed).toBe(0);
      expectEveryMailDelivered(dir, smtp.messageIds(), PROVIDERS, KILLS);
    } finally {
      burner.kill('SIGKILL');
      await smtp.stop();
      removeTempDir(dir);
    }
  }, 900_000);
});
