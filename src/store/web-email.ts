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
      upsert: db.prepare(`INSERT INTO web_email_changes (provider_id, contact_id, email, token_hash, created_at, expires_at)
        VALUES (@providerId, @contactId, @email, @tokenHash, @now, @expiresAt)
        ON CONFLICT (provider_id) DO UPDATE SET contact_id = excluded.contact_id, email = excluded.email, token_hash = excluded.token_hash,
          created_at = excluded.created_at, expires_at = excluded.expires_at`),
      byHash: db.prepare<[string], ChangeRow>('SELECT provider_id, contact_id, email, token_hash, expires_at FROM web_email_changes WHERE token_hash = ?'),
      waiting: db.prepare<[string, string], { email: string }>('SELECT email FROM web_email_changes WHERE provider_id = ? AND expires_at > ?'),
      delete: db.prepare<[string]>('DELETE FROM web_email_changes WHERE provider_id = ?'),
      purge: db.prepare<[string]>('DELETE FROM web_email_changes WHERE expires_at <= ?'),
      contact: db.prepare<[number], { email: string; unsubscribed_at: string | null; owner_key_id: string }>(`SELECT c.email, c.unsubscribed_at, p.owner_key_id
        FROM contacts c JOIN providers p ON p.id = c.provider_id WHERE c.id = ?`),
      contactAt: db.prepare<[string, string], { id: number }>('SELECT id FROM contacts WHERE provider_id = ? AND email = ? COLLATE NOCASE'),
      taken: db.prepare<[string, string, number], { id: number }>('SELECT id FROM contacts WHERE provider_id = ? AND email = ? COLLATE NOCASE AND id <> ?'),
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
    this.statements.upsert.run({ providerId, contactId: contact.id, email, tokenHash: hash, now: now.toISOString(), expiresAt: new Date(now.getTime() + EMAIL_CHANGE_TTL_MS).toISOString() });
    return token;
  }

  /** The address she asked for and not yet confirmed (shown on her settings page), or undefined. */
  waiting(providerId: string, now = new Date()): string | undefined {
    return this.statements.waiting.get(providerId, now.toISOString())?.email;
  }

  find(token: string, now = new Date()): EmailChange | undefined {
    const row = this.row(token);
    return row && { providerId: row.provider_id, contactId: row.contact_id, email: row.email, expired: row.expires_at <= now.toISOString() };
  }

  /**
   * Applies the change the link belongs to, in one transaction: the contact's address, a new unsubscribe link, and
   * (when her reminders are on) the new address off her tenant's suppression list: she opted in by following the link.
   * Undefined when the link is unknown, expired, or the provider already has a contact with that address.
   */
  confirm(token: string, now = new Date()): { providerId: string; oldEmail: string; newEmail: string } | undefined {
    return this.db.transaction(() => {
      const row = this.row(token);
      if (!row || row.expires_at <= now.toISOString()) return undefined;
      const contact = this.statements.contact.get(row.contact_id);
      this.statements.delete.run(row.provider_id);
      if (!contact || this.statements.taken.get(row.provider_id, row.email, row.contact_id)) return undefined;
      this.statements.setEmail.run(row.email, row.contact_id);
      this.tokens.issue('unsubscribe', row.contact_id);
      if (contact.unsubscribed_at === null) this.statements.unsuppress.run({ owner: contact.owner_key_id, email: row.email });
      this.statements.touch.run(now.toISOString(), row.provider_id);
      return { providerId: row.provider_id, oldEmail: contact.email, newEmail: row.email };
    })();
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
