import type { Db } from './database.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A write that would take the key past its daily number of new contact addresses; nothing was written. */
export class NewContactCapError extends Error {
  override name = 'NewContactCapError';

  constructor(
    readonly cap: number,
    /** Seconds until enough of the key's last day's additions are a day old for this write to fit. */
    readonly retryAfterSeconds: number,
  ) {
    super(`at most ${cap} new contact addresses per API key in 24 hours`);
  }
}

/**
 * How many contact addresses each key added in the last 24 hours (NEW_CONTACTS_PER_KEY_PER_DAY): every new
 * address gets a first mail, so this bounds how many strangers one tenant can reach. `perDay` 0: no cap; admin keys
 * (the operator's) have none either.
 */
export class NewContactLedger {
  private readonly statements;

  constructor(
    db: Db,
    readonly perDay: number,
  ) {
    this.statements = {
      forget: db.prepare<[string, string]>('DELETE FROM new_contact_ledger WHERE key_id = ? AND added_at <= ?'),
      since: db.prepare<[string], { added_at: string }>(
        'SELECT added_at FROM new_contact_ledger WHERE key_id = ? ORDER BY added_at',
      ),
      add: db.prepare<[string, string]>('INSERT INTO new_contact_ledger (key_id, added_at) VALUES (?, ?)'),
      admin: db.prepare<[string], number>('SELECT admin FROM api_keys WHERE id = ?').pluck(),
    };
  }

  /** Counts `count` new addresses for the key, or throws NewContactCapError; run inside the write's transaction. */
  admit(keyId: string, count: number, now = new Date()): void {
    // The operator's own admin keys are not a tenant's: they are not capped.
    if (this.perDay === 0 || count === 0 || this.statements.admin.get(keyId) === 1) return;
    this.statements.forget.run(keyId, new Date(now.getTime() - DAY_MS).toISOString());
    const recent = this.statements.since.all(keyId);
    const over = recent.length + count - this.perDay;
    if (over > 0) {
      // The addition whose day ends last among the `over` oldest frees the room; more than the cap at once never fits.
      const freeing = over <= recent.length ? recent[over - 1] : undefined;
      const seconds = freeing
        ? Math.max(1, Math.ceil((Date.parse(freeing.added_at) + DAY_MS - now.getTime()) / 1000))
        : DAY_MS / 1000;
      throw new NewContactCapError(this.perDay, seconds);
    }
    const at = now.toISOString();
    for (let i = 0; i < count; i++) this.statements.add.run(keyId, at);
  }
}
