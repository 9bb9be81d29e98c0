import { sendErrorOf, type MailTransport } from '../mail/transport.js';
import type { ClaimedMail, OutboxStore } from '../store/outbox.js';
import type { SenderLease } from './leases.js';
import type { RetryPolicy, RunLog } from './types.js';

/** Mails claimed per worker at a time: the workers share one claim (one commit) of this many each. */
const CLAIM_PER_WORKER = 20;
/** Longest a sent mark waits for the marks of the other mails being sent, to share their commit. */
const GATHER_MS = 2;

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
  const marks = new SentMarks(outbox, lease.owner, now);
  // Claimed and not yet taken by a worker (last first): claims are few and large, a commit each.
  let claimed: ClaimedMail[] = [];
  const worker = async () => {
    while (!stopping()) {
      if (claimed.length === 0)
        claimed = outbox.claim(lease.owner, now(), lease.leaseMs, CLAIM_PER_WORKER * options.concurrency).reverse();
      const mail = claimed.pop();
      if (mail === undefined) return;
      counts[await sendOne(options, mail, marks)]++;
    }
  };
  lease.start();
  try {
    for (;;) {
      lease.releaseDeadSenders(log);
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      // Stopping: what was claimed and not tried goes back untouched.
      for (const mail of claimed.splice(0)) outbox.unclaim(mail.id, lease.owner);
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

/**
 * Sent marks of accepted mails, committed together: once every mail being sent is back (accepted or not), or at
 * the latest GATHER_MS after the first mark waits. A worker waits for its mark before it sends again, so a kill
 * still leaves at most one accepted, unmarked mail per worker.
 */
class SentMarks {
  /** Mails handed to the server and not back yet. */
  private sending = 0;
  private waiting: { id: string; done: () => void; failed: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly owner: string,
    private readonly now: () => Date,
  ) {}

  /** Around each send: `back` when the server answered, then `mark` the accepted one. */
  out(): void {
    this.sending++;
  }

  back(): void {
    this.sending--;
    if (this.sending === 0 && this.waiting.length > 0) this.commitSoon(0);
  }

  mark(id: string): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ id, done, failed });
      this.commitSoon(this.sending === 0 ? 0 : GATHER_MS);
    });
  }

  private commitSoon(ms: number): void {
    if (this.immediate !== null || (this.timer !== null && ms > 0)) return;
    if (ms > 0) this.timer = setTimeout(() => this.commit(), ms);
    else this.immediate = setImmediate(() => this.commit());
  }

  private commit(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.immediate = null;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    try {
      this.outbox.markSentMany(
        batch.map((entry) => entry.id),
        this.owner,
        this.now(),
      );
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.failed(error);
    }
  }
}

async function sendOne(
  options: DeliveryOptions,
  mail: ClaimedMail,
  marks: SentMarks,
): Promise<'sent' | 'failed' | 'retry'> {
  const { outbox, lease, log, transport, retry, now } = options;
  marks.out();
  try {
    await transport.send(
      { from: options.from, to: mail.recipient, messageId: mail.messageId },
      mail.raw,
      mail.id.replace('/', '-'),
    );
    marks.back();
  } catch (thrown) {
    marks.back();
    const error = sendErrorOf(thrown);
    if (error.permanent || mail.attempts >= retry.maxAttempts) {
      outbox.markFailed(mail.id, lease.owner, error.message);
      log.warn({ outboxId: mail.id, attempts: mail.attempts, error: error.message }, 'reminders: mail failed');
      return 'failed';
    }
    const delay = retry.firstDelayMs * 2 ** (mail.attempts - 1);
    outbox.markRetry(mail.id, lease.owner, new Date(now().getTime() + delay), error.message);
    log.info(
      { outboxId: mail.id, attempts: mail.attempts, retryInMs: delay, error: error.message },
      'reminders: mail will be retried',
    );
    return 'retry';
  }
  await marks.mark(mail.id);
  return 'sent';
}
