import { sendErrorOf, type MailTransport } from '../mail/transport.js';
import type { ClaimedMail, OutboxStore } from '../store/outbox.js';
import type { SenderLease } from './leases.js';
import type { RetryPolicy, RunLog } from './run.js';

/** Mails one worker claims at a time. */
const CLAIM_BATCH = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DeliveryOptions {
  outbox: OutboxStore;
  lease: SenderLease;
  transport: MailTransport;
  from: string;
  log: RunLog;
  concurrency: number;
  retry: RetryPolicy;
  now: () => Date;
  stopping: () => boolean;
}

/**
 * Sends what the outbox holds until nothing is left to send: retries are waited out, and rows another sender
 * holds are waited for until it finishes them or its lease runs out (then they are taken over), so a run
 * never reports finished while mails are still in someone's hands.
 */
export async function deliverOutbox(options: DeliveryOptions): Promise<{ sent: number; failed: number }> {
  const { outbox, lease, log, now, stopping } = options;
  const counts = { sent: 0, failed: 0, retry: 0 };
  const worker = async () => {
    while (!stopping()) {
      const claimed = outbox.claim(lease.owner, now(), lease.leaseMs, CLAIM_BATCH);
      if (claimed.length === 0) return;
      for (const mail of claimed) {
        if (stopping()) outbox.unclaim(mail.id, lease.owner);
        else counts[await sendOne(options, mail)]++;
      }
    }
  };
  lease.start();
  try {
    for (;;) {
      lease.releaseDeadSenders(log);
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      if (stopping()) break;
      const next = outbox.nextPendingAt();
      const heldUntil = outbox.heldByOthersUntil(lease.owner);
      if (next === null && heldUntil === null) break;
      // Look again at least every second: a retry falls due, or another sender finishes or loses its lease.
      const wake = Math.min(next?.getTime() ?? Infinity, heldUntil?.getTime() ?? Infinity);
      await sleep(Math.min(1_000, Math.max(10, wake - now().getTime())));
    }
  } finally {
    lease.stop();
  }
  return { sent: counts.sent, failed: counts.failed };
}

async function sendOne(options: DeliveryOptions, mail: ClaimedMail): Promise<'sent' | 'failed' | 'retry'> {
  const { outbox, lease, log, transport, retry, now } = options;
  try {
    await transport.send({ from: options.from, to: mail.recipient }, mail.raw, mail.id.replace('/', '-'));
    outbox.markSent(mail.id, lease.owner, now());
    return 'sent';
  } catch (thrown) {
    const error = sendErrorOf(thrown);
    if (error.permanent || mail.attempts >= retry.maxAttempts) {
      outbox.markFailed(mail.id, lease.owner, error.message);
      log.warn({ outboxId: mail.id, attempts: mail.attempts, error: error.message }, 'reminders: mail failed');
      return 'failed';
    }
    const delay = retry.firstDelayMs * 2 ** (mail.attempts - 1);
    outbox.markRetry(mail.id, lease.owner, new Date(now().getTime() + delay), error.message);
    log.info({ outboxId: mail.id, attempts: mail.attempts, retryInMs: delay, error: error.message }, 'reminders: mail will be retried');
    return 'retry';
  }
}
