import { unsyncedTransaction, type Db } from './database.js';

export const OUTBOX_STATUSES = ['planned', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A digest as stored before sending: the raw message is sent unchanged on every attempt. */
export interface PlannedMail {
  id: string;
  contactId: number;
  providerId: string;
  day: string;
  recipient: string;
  subject: string;
  messageId: string;
  raw: Buffer;
}

export interface OutboxEntry {
  id: string;
  providerId: string;
  day: string;
  recipient: string;
  subject: string;
  messageId: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A row this process holds the lease on, ready to send. */
export interface ClaimedMail {
  id: string;
  day: string;
  recipient: string;
  messageId: string;
  raw: Buffer;
  attempts: number;
}

interface OutboxRow {
  id: string;
  provider_id: string;
  day: string;
  recipient: string;
  subject: string;
  message_id: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    providerId: row.provider_id,
    day: row.day,
    recipient: row.recipient,
    subject: row.subject,
    messageId: row.message_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

/*
 * Rows a process may take: planned and due, or sending with a lease that ran out (its sender died).
 * The subqueries walk the index and stop at the limit, so a claim costs the same with 10 or 10,000 rows waiting.
 */
/** Checked again on each chosen row, as an expression no index serves, so SQLite looks the rows up by id. */
const STILL_CLAIMABLE = `(CASE status WHEN 'planned' THEN next_attempt_at <= @now WHEN 'sending' THEN lease_until < @now ELSE 0 END)`;

export class OutboxStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insert:
        db.prepare(`INSERT INTO mail_outbox (id, contact_id, provider_id, day, recipient, subject, message_id, raw, status, next_attempt_at, created_at, last_error)
        VALUES (@id, @contactId, @providerId, @day, @recipient, @subject, @messageId, @raw, @status, @now, @now, @lastError)
        ON CONFLICT DO NOTHING`),
      existing: db.prepare<[string, string], { contact_id: number }>(`SELECT contact_id FROM mail_outbox
        WHERE contact_id IN (SELECT value FROM json_each(?)) AND day = ?`),
      // One statement: SQLite runs it under the write lock, so two processes can never claim the same row.
      claim: db.prepare<
        { now: string; owner: string; leaseUntil: string; limit: number },
        ClaimedMail & { message_id: string }
      >(`UPDATE mail_outbox
        SET status = 'sending', lease_owner = @owner, lease_until = @leaseUntil, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM (SELECT id FROM mail_outbox WHERE status = 'planned' AND next_attempt_at <= @now ORDER BY status, next_attempt_at LIMIT @limit)
          UNION ALL SELECT id FROM (SELECT id FROM mail_outbox WHERE status = 'sending' AND lease_until < @now LIMIT @limit)
        ) AND ${STILL_CLAIMABLE}
        RETURNING id, day, recipient, message_id, raw, attempts`),
      // A sent mail keeps its head, not its bytes: they carry the recipient's unsubscribe and feed links.
      sent: db.prepare(`UPDATE mail_outbox SET status = 'sent', sent_at = @now, lease_owner = NULL, lease_until = NULL, last_error = NULL, raw = x''
        WHERE id = @id AND lease_owner = @owner AND status = 'sending'`),
      retry:
        db.prepare(`UPDATE mail_outbox SET status = 'planned', next_attempt_at = @nextAttemptAt, lease_owner = NULL, lease_until = NULL, last_error = @error
        WHERE id = @id AND lease_owner = @owner AND status = 'sending'`),
      failed:
        db.prepare(`UPDATE mail_outbox SET status = 'failed', lease_owner = NULL, lease_until = NULL, last_error = @error
        WHERE id = @id AND lease_owner = @owner AND status = 'sending'`),
      renew: db.prepare<{ owner: string; leaseUntil: string }>(
        `UPDATE mail_outbox SET lease_until = @leaseUntil WHERE status = 'sending' AND lease_owner = @owner`,
      ),
      heldUntil: db.prepare<[string], { until: string | null }>(
        `SELECT max(lease_until) AS until FROM mail_outbox WHERE status = 'sending' AND lease_owner IS NOT ?`,
      ),
      dayCounts: db.prepare<[string], { status: OutboxStatus; n: number }>(
        'SELECT status, count(*) AS n FROM mail_outbox WHERE day = ? GROUP BY status',
      ),
      owners: db.prepare<[], { lease_owner: string }>(
        `SELECT DISTINCT lease_owner FROM mail_outbox WHERE status = 'sending' AND lease_owner IS NOT NULL`,
      ),
      release: db.prepare<[string]>(
        `UPDATE mail_outbox SET status = 'planned', lease_owner = NULL, lease_until = NULL WHERE status = 'sending' AND lease_owner = ?`,
      ),
      reopen: db.prepare<[string, string]>(
        `UPDATE mail_outbox SET status = 'planned', attempts = 0, next_attempt_at = ? WHERE day = ? AND status = 'failed' AND length(raw) > 0`,
      ),
      nextPending: db.prepare<[], { at: string | null }>(
        `SELECT min(next_attempt_at) AS at FROM mail_outbox WHERE status = 'planned'`,
      ),
      unclaim:
        db.prepare(`UPDATE mail_outbox SET status = 'planned', attempts = attempts - 1, lease_owner = NULL, lease_until = NULL
        WHERE id = @id AND lease_owner = @owner AND status = 'sending'`),
      cancelContact: db.prepare<[number]>(
        `UPDATE mail_outbox SET status = 'cancelled', last_error = 'unsubscribed', raw = x'' WHERE contact_id = ? AND status IN ('planned', 'failed')`,
      ),
      page: db.prepare<
        {
          status: string | null;
          day: string | null;
          limit: number;
          offset: number;
          afterCreated: string | null;
          afterId: string | null;
        },
        OutboxRow
      >(`SELECT id, provider_id, day, recipient, subject, message_id, status,
        attempts, next_attempt_at, last_error, created_at, sent_at FROM mail_outbox
        WHERE (@status IS NULL OR status = @status) AND (@day IS NULL OR day = @day)
        AND (@afterCreated IS NULL OR created_at < @afterCreated OR (created_at = @afterCreated AND id > @afterId))
        ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`),
      count: db.prepare<
        { status: string | null; day: string | null },
        { total: number }
      >(`SELECT count(*) AS total FROM mail_outbox
        WHERE (@status IS NULL OR status = @status) AND (@day IS NULL OR day = @day)`),
    };
  }

  /**
   * Planning's writes, committed without waiting for the disk (src/store/database.ts): a power loss may undo them,
   * and sending claims the mails with a commit that syncs the log past them.
   */
  unsynced<T>(work: () => T): T {
    return unsyncedTransaction(this.db, work);
  }

  /** False when this contact already has a digest for that day (planned by an earlier or a parallel run). */
  insert(mail: PlannedMail, now: string): boolean {
    return this.statements.insert.run({ ...mail, status: 'planned', now, lastError: null }).changes === 1;
  }

  /** A mail that cannot be built (an address the database should never have held): listed as failed, never sent. */
  insertUnsendable(mail: Omit<PlannedMail, 'raw'>, error: string, now: string): boolean {
    return (
      this.statements.insert.run({ ...mail, raw: Buffer.alloc(0), status: 'failed', now, lastError: error }).changes ===
      1
    );
  }

  /** Which of these contacts already have a digest for that day. */
  contactsWithMail(contactIds: readonly number[], day: string): Set<number> {
    return new Set(this.statements.existing.all(JSON.stringify(contactIds), day).map((row) => row.contact_id));
  }

  claim(owner: string, now: Date, leaseMs: number, limit: number): ClaimedMail[] {
    const rows = this.statements.claim.all({
      now: now.toISOString(),
      owner,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      limit,
    });
    return rows.map((row) => ({
      id: row.id,
      day: row.day,
      recipient: row.recipient,
      messageId: row.message_id,
      raw: row.raw,
      attempts: row.attempts,
    }));
  }

  /** Marks several accepted mails sent in one transaction: one commit (one fsync) for all of them. */
  markSentMany(ids: readonly string[], owner: string, now: Date): number {
    const at = now.toISOString();
    return this.db
      .transaction(() =>
        ids.reduce((marked, id) => marked + this.statements.sent.run({ id, owner, now: at }).changes, 0),
      )
      .immediate();
  }

  markRetry(id: string, owner: string, nextAttemptAt: Date, error: string): void {
    this.statements.retry.run({ id, owner, nextAttemptAt: nextAttemptAt.toISOString(), error });
  }

  /** Gives back a claimed row that was not tried (the process is stopping). */
  unclaim(id: string, owner: string): void {
    this.statements.unclaim.run({ id, owner });
  }

  markFailed(id: string, owner: string, error: string): void {
    this.statements.failed.run({ id, owner, error });
  }

  /** The heartbeat: this sender still holds its rows for another lease. */
  renewLeases(owner: string, leaseUntil: Date): number {
    return this.statements.renew.run({ owner, leaseUntil: leaseUntil.toISOString() }).changes;
  }

  /** Until when other senders hold rows (their latest lease), or null when no other sender holds any. */
  heldByOthersUntil(owner: string): Date | null {
    const { until } = this.statements.heldUntil.get(owner) as { until: string | null };
    return until === null ? null : new Date(until);
  }

  /** The day's digests per status. */
  dayCounts(day: string): Record<OutboxStatus, number> {
    const counts = Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, 0])) as Record<OutboxStatus, number>;
    for (const row of this.statements.dayCounts.all(day)) counts[row.status] = row.n;
    return counts;
  }

  /** Lease owners of rows being sent right now. */
  leaseOwners(): string[] {
    return this.statements.owners.all().map((row) => row.lease_owner);
  }

  /** Gives the rows of a sender that is known to be gone back to the queue, without waiting for the lease. */
  release(owner: string): number {
    return this.statements.release.run(owner).changes;
  }

  /** Running a day again completes what failed: its failed mails are queued once more, with fresh attempts. */
  reopenFailed(day: string, now: Date): number {
    return this.statements.reopen.run(now.toISOString(), day).changes;
  }

  /** When the next queued mail may be sent; null when nothing waits (rows being sent by others are theirs to finish). */
  nextPendingAt(): Date | null {
    const { at } = this.statements.nextPending.get() as { at: string | null };
    return at === null ? null : new Date(at);
  }

  cancelForContact(contactId: number): number {
    return this.statements.cancelContact.run(contactId).changes;
  }

  /** Newest first; `after` (the last of the page before) pages by keyset, `offset` by skipping. */
  list(filter: {
    status?: OutboxStatus;
    day?: string;
    limit: number;
    offset: number;
    after?: { createdAt: string; id: string };
  }): {
    items: OutboxEntry[];
    total: number;
  } {
    const params = { status: filter.status ?? null, day: filter.day ?? null };
    return this.db.transaction(() => ({
      items: this.statements.page
        .all({
          ...params,
          limit: filter.limit,
          offset: filter.offset,
          afterCreated: filter.after?.createdAt ?? null,
          afterId: filter.after?.id ?? null,
        })
        .map(toEntry),
      total: (this.statements.count.get(params) as { total: number }).total,
    }))();
  }
}
