import { hostname } from 'node:os';
import type { OutboxStore } from '../store/outbox.js';
import type { RunLog } from './types.js';

/**
 * Who holds which outbox row. A sender claims rows with a lease (`lease_until`) and renews it on a heartbeat
 * while it runs; a sender that stops renewing (killed, frozen, on another machine) loses its rows when the
 * lease runs out, and another sender takes them over. A pid can linger or be reused after a kill, so a pid is
 * only ever a fast path to release rows early, never the reason to leave them alone.
 */
export class SenderLease {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly outbox: OutboxStore,
    readonly owner: string,
    /** How long a claim holds without a renewal; the heartbeat renews it three times per lease. */
    readonly leaseMs: number,
    private readonly now: () => Date,
  ) {}

  /** Renews this sender's leases every third of a lease until `stop`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  renew(): number {
    return this.outbox.renewLeases(this.owner, new Date(this.now().getTime() + this.leaseMs));
  }

  /** Fast path: rows of a sender on this host whose process is certainly gone go back to the queue at once. */
  releaseDeadSenders(log: RunLog): void {
    const host = hostname();
    for (const owner of this.outbox.leaseOwners()) {
      const [ownerHost, pid] = owner.split(':');
      if (owner === this.owner || ownerHost !== host || processAlive(Number(pid))) continue;
      const released = this.outbox.release(owner);
      if (released > 0) log.warn({ owner, released }, 'reminders: mails of a stopped process queued again');
    }
  }
}

/** False only when no process has this pid; a lingering or reused pid reads as alive (then the lease decides). */
function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
