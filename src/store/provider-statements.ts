import type { Db } from './database.js';
import type { ContactRow, ContractRow, ProviderRow } from './provider-rows.js';

// The SQL of the provider store (providers.ts): its tenant rule, its list's filters and every statement, prepared once
// per store.

const TENANT = '(@admin = 1 OR p.owner_key_id = @keyId)';
const FILTERS = `${TENANT}
  AND (@kind IS NULL OR EXISTS (SELECT 1 FROM json_each(p.kinds) WHERE json_each.value = @kind))
  AND (@insurer IS NULL OR EXISTS (SELECT 1 FROM contracts c WHERE c.provider_id = p.id AND c.insurer = @insurer))
  AND (@agb IS NULL OR p.agb = @agb)
  AND (@changedSince IS NULL OR p.updated_at >= @changedSince
    OR EXISTS (SELECT 1 FROM events e WHERE e.provider_id = p.id
      AND (e.recorded_at >= @changedSince OR e.deleted_at >= @changedSince))
    OR EXISTS (SELECT 1 FROM own_date_changes o WHERE o.provider_id = p.id AND o.changed_at >= @changedSince))`;

/** Every statement of the provider store, prepared on `db`. */
export function prepareProviderStatements(db: Db) {
  return {
    insert:
      db.prepare(`INSERT INTO providers (id, owner_key_id, name, agb, kinds, reminder_days, show_expected, feed_token, feed_token_hash, created_at, updated_at)
      VALUES (@id, @ownerKeyId, @name, @agb, @kinds, @reminderDays, @showExpected, @id, @id, @now, @now)`),
    update:
      db.prepare(`UPDATE providers SET name = @name, agb = @agb, kinds = @kinds, reminder_days = @reminderDays, show_expected = @showExpected, updated_at = @now
      WHERE id = @id`),
    delete: db.prepare<[string]>('DELETE FROM providers WHERE id = ?'),
    get: db.prepare<{ id: string; keyId: string; admin: number }, ProviderRow>(
      `SELECT p.* FROM providers p WHERE p.id = @id AND ${TENANT}`,
    ),
    byId: db.prepare<[string], ProviderRow>('SELECT p.* FROM providers p WHERE p.id = ?'),
    version: db.prepare<
      { id: string; keyId: string; admin: number },
      { feedVersion: number; feedNonce: string | null }
    >(`SELECT p.feed_version AS feedVersion,
      (SELECT t.nonce FROM secret_tokens t WHERE t.purpose = 'feed' AND t.subject = p.id AND t.nonce IS NOT NULL) AS feedNonce
      FROM providers p WHERE p.id = @id AND ${TENANT}`),
    byIds: db.prepare<[string], ProviderRow>(
      'SELECT p.* FROM providers p WHERE p.id IN (SELECT value FROM json_each(?))',
    ),
    touch: db.prepare('UPDATE providers SET updated_at = @now WHERE id = @id'),
    contactsWithoutToken: db.prepare<
      [string],
      { id: number }
    >(`SELECT id FROM contacts c WHERE provider_id = ? AND NOT EXISTS
      (SELECT 1 FROM secret_tokens t WHERE t.purpose = 'unsubscribe' AND t.subject = CAST(c.id AS TEXT) AND t.nonce IS NOT NULL)`),
    page: db.prepare<Record<string, unknown>, ProviderRow>(`SELECT p.* FROM providers p WHERE ${FILTERS}
      AND (@afterCreated IS NULL OR (p.created_at, p.id) > (@afterCreated, @afterId))
      ORDER BY p.created_at, p.id LIMIT @limit OFFSET @offset`),
    count: db.prepare<Record<string, unknown>, { total: number }>(
      `SELECT count(*) AS total FROM providers p WHERE ${FILTERS}`,
    ),
    ownedWithAgb: db.prepare<[string, string], ProviderRow>(
      'SELECT p.* FROM providers p WHERE owner_key_id = ? AND agb = ?',
    ),
    agbTaken: db.prepare<[string, string, string], { id: string }>(
      'SELECT id FROM providers WHERE owner_key_id = ? AND agb = ? AND id <> ?',
    ),
    deleteContracts: db.prepare<[string]>('DELETE FROM contracts WHERE provider_id = ?'),
    // Contacts that stay keep their row: their unsubscribe token and choice survive an update.
    deleteOtherContacts: db.prepare<[string, string]>(`DELETE FROM contacts WHERE provider_id = ?
      AND lower(email) NOT IN (SELECT lower(value) FROM json_each(?))`),
    insertContract: db.prepare(`INSERT INTO contracts (provider_id, insurer, year, status, runs_until, attributes)
      VALUES (@providerId, @insurer, @year, @status, @runsUntil, @attributes)`),
    insertContact: db.prepare(`INSERT INTO contacts (provider_id, position, email, name, language)
      VALUES (@providerId, @position, @email, @name, @language)
      ON CONFLICT (provider_id, email COLLATE NOCASE) DO UPDATE
      SET position = excluded.position, email = excluded.email, name = excluded.name, language = excluded.language`),
    contractsOf: db.prepare<
      [string],
      ContractRow
    >(`SELECT * FROM contracts WHERE provider_id IN (SELECT value FROM json_each(?))
      ORDER BY insurer, year`),
    contactsOf: db.prepare<
      [string],
      ContactRow
    >(`SELECT * FROM contacts WHERE provider_id IN (SELECT value FROM json_each(?))
      ORDER BY position`),
  };
}

export type ProviderStatements = ReturnType<typeof prepareProviderStatements>;
