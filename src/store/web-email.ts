import type { Db } from './database.js';
import { SecretTokens } from './secrets.js';
import { hashWebToken, isWebTokenShape, newWebToken, sameHash } from './web-tokens.js';

/** A change of address waits this long for the link mailed to the new address. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3600_000;

export interface EmailChange {
  providerId: string;
  contactId: number;
  email: string;
  expired: boolean;
}

/** Makes a queued mail again for the new address, with the new unsubscribe token in place of the old (src/mail/readdress.ts). */
export type Readdress = (
  mail: { raw: Buffer; subject: string },
  to: { address: string; name: string | null },
  unsubscribeToken: { old: string; new: string },
) => Promise<Buffer>;

interface QueuedMail {
  id: string;
  subject: string;
  raw: Buffer;
}

const AGAIN = Symbol('the outbox changed: rebuild');
const MAX_ATTEMPTS = 5;

function sameMails(now: QueuedMail[], before: QueuedMail[]): boolean {
  return (
    now.length === before.length &&
    now.every((mail, index) => mail.id === before[index].id && mail.raw.equals(before[index].raw))
  );
}

interface ChangeRow {
  provider_id: string;
  contact_id: number;
  email: string;
  token_hash: string;
  expires_at: string;
}

/**
 * Her new e-mail address (double opt-in): stored with the hash of the link mailed to the new address, and applied
 * only when that link is followed. The contact row stays (what she was told, her reminder days and choice);
 * its unsubscribe link is replaced, so mails in the old inbox no longer act on the new address.
 */
export class WebEmailChanges {
  private readonly statements;
  private readonly tokens: SecretTokens;

  constructor(private readonly db: Db) {
    this.tokens = new SecretTokens(db);
    this.statements = {
      upsert:
        db.prepare(`INSERT INTO web_email_changes (provider_id, contact_id, email, token_hash, created_at, expires_at)
        VALUES (@providerId, @contactId, @email, @tokenHash, @now, @expiresAt)
        ON CONFLICT (provider_id) DO UPDATE SET contact_id = excluded.contact_id, email = excluded.email, token_hash = excluded.token_hash,
          created_at = excluded.created_at, expires_at = excluded.expires_at`),
      byHash: db.prepare<[string], ChangeRow>(
        'SELECT provider_id, contact_id, email, token_hash, expires_at FROM web_email_changes WHERE token_hash = ?',
      ),
      waiting: db.prepare<[string, string], { email: string }>(
        'SELECT email FROM web_email_changes WHERE provider_id = ? AND expires_at > ?',
      ),
      delete: db.prepare<[string]>('DELETE FROM web_email_changes WHERE provider_id = ?'),
      purge: db.prepare<[string]>('DELETE FROM web_email_changes WHERE expires_at <= ?'),
      contact: db.prepare<
        [number],
        { email: string; name: string | null; unsubscribed_at: string | null; owner_key_id: string }
      >(`SELECT c.email, c.name, c.unsubscribed_at, p.owner_key_id
        FROM contacts c JOIN providers p ON p.id = c.provider_id WHERE c.id = ?`),
      contactAt: db.prepare<[string, string], { id: number }>(
        'SELECT id FROM contacts WHERE provider_id = ? AND email = ? COLLATE NOCASE',
      ),
      taken: db.prepare<[string, string, number], { id: number }>(
        'SELECT id FROM contacts WHERE provider_id = ? AND email = ? COLLATE NOCASE AND id <> ?',
      ),
      // Her mails not sent yet (waiting, being sent, or failed and kept for a re-run of their day): sent and cancelled ones hold no bytes.
      queued: db.prepare<[number], QueuedMail>(
        `SELECT id, subject, raw FROM mail_outbox WHERE contact_id = ? AND status IN ('planned', 'sending', 'failed') AND length(raw) > 0 ORDER BY id`,
      ),
      readdress: db.prepare<{ id: string; recipient: string; raw: Buffer }>(
        'UPDATE mail_outbox SET recipient = @recipient, raw = @raw WHERE id = @id',
      ),
      setEmail: db.prepare<[string, number]>('UPDATE contacts SET email = ? WHERE id = ?'),
      touch: db.prepare<[string, string]>('UPDATE providers SET updated_at = ? WHERE id = ?'),
      unsuppress: db.prepare<{ owner: string; email: string }>(`DELETE FROM mail_suppressions
        WHERE owner_key_id = @owner AND address_hash = secret_hash('address:' || lower(@email))`),
    };
  }

  /**
   * A waiting change of her contact at `current` to `email`, with the token for the one mail to the new address;
   * replaces an earlier one. Undefined when the provider has no contact at `current`.
   */
  request(providerId: string, current: string, email: string, now = new Date()): string | undefined {
    const contact = this.statements.contactAt.get(providerId, current);
    if (!contact) return undefined;
    const { token, hash } = newWebToken(this.db);
    this.statements.upsert.run({
      providerId,
      contactId: contact.id,
      email,
      tokenHash: hash,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS).toISOString(),
    });
    return token;
  }

  /** The address she asked for and not yet confirmed (shown on her settings page), or undefined. */
  waiting(providerId: string, now = new Date()): string | undefined {
    return this.statements.waiting.get(providerId, now.toISOString())?.email;
  }

  find(token: string, now = new Date()): EmailChange | undefined {
    const row = this.row(token);
    return (
      row && {
        providerId: row.provider_id,
        contactId: row.contact_id,
        email: row.email,
        expired: row.expires_at <= now.toISOString(),
      }
    );
  }

  /**
   * Applies the change the link belongs to, in one transaction: the contact's address, a new unsubscribe link, her
   * mails still in the outbox made again for the new address (`readdress`), and (when her reminders are on) the new
   * address off her tenant's suppression list: she opted in by following the link. Undefined when the link is
   * unknown, expired, or the provider already has a contact with that address.
   *
   * Queued mails keep their row, Message-ID and what they tell (so each notice still goes out once, now to the new
   * address). They are rebuilt before the transaction (parsing is asynchronous); if the outbox changed meanwhile (a
   * mail sent or planned), it is done again. A mail a sender holds is rebuilt too: what is already on the wire goes
   * to the old address, but a retry or a takeover after a crash sends the new bytes.
   */
  async confirm(
    token: string,
    readdress: Readdress,
    now = new Date(),
  ): Promise<{ providerId: string; oldEmail: string; newEmail: string } | undefined> {
    for (let attempt = 1; ; attempt++) {
      const change = this.row(token);
      const contact = change && this.statements.contact.get(change.contact_id);
      if (!change || !contact || change.expires_at <= now.toISOString()) return this.discard(token, now);
      const queued = this.statements.queued.all(change.contact_id);
      const unsubscribe = this.tokens.prepare('unsubscribe', change.contact_id);
      const previous = this.tokens.current('unsubscribe', change.contact_id);
      const oldToken = previous ?? unsubscribe.token;
      const to = { address: change.email, name: contact.name };
      const rebuilt = await Promise.all(
        queued.map(async (mail) => ({
          id: mail.id,
          raw: await readdress(mail, to, { old: oldToken, new: unsubscribe.token }),
        })),
      );
      const outcome = this.db
        .transaction(() => {
          const row = this.row(token);
          if (!row || row.email !== change.email || row.contact_id !== change.contact_id) return AGAIN;
          if (!sameMails(this.statements.queued.all(row.contact_id), queued)) return AGAIN;
          if (this.tokens.current('unsubscribe', row.contact_id) !== previous) return AGAIN;
          const current = this.statements.contact.get(row.contact_id);
          this.statements.delete.run(row.provider_id);
          if (!current || this.statements.taken.get(row.provider_id, row.email, row.contact_id)) return undefined;
          this.statements.setEmail.run(row.email, row.contact_id);
          unsubscribe.save();
          for (const mail of rebuilt)
            this.statements.readdress.run({ id: mail.id, recipient: row.email, raw: mail.raw });
          if (current.unsubscribed_at === null)
            this.statements.unsuppress.run({ owner: current.owner_key_id, email: row.email });
          this.statements.touch.run(now.toISOString(), row.provider_id);
          return { providerId: row.provider_id, oldEmail: current.email, newEmail: row.email };
        })
        .immediate();
      if (outcome !== AGAIN) return outcome;
      if (attempt === MAX_ATTEMPTS) throw new Error('the outbox kept changing while an address change was applied');
    }
  }

  /** A link that cannot be applied any more: its waiting change goes (as before, when the contact is gone). */
  private discard(token: string, now: Date): undefined {
    const row = this.row(token);
    if (row && row.expires_at > now.toISOString()) this.statements.delete.run(row.provider_id);
    return undefined;
  }

  purge(now = new Date()): number {
    return this.statements.purge.run(now.toISOString()).changes;
  }

  private row(token: string): ChangeRow | undefined {
    if (!isWebTokenShape(token)) return undefined;
    const hash = hashWebToken(this.db, token);
    const row = this.statements.byHash.get(hash);
    return row && sameHash(row.token_hash, hash) ? row : undefined;
  }
}
