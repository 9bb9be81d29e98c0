import { nowIso, type Db } from './database.js';
import { SecretTokens } from './secrets.js';

/**
 * After a suspected leak (of the database with the key, or of links): every feed and page address and every
 * unsubscribe link gets a new token, every earlier one stops working, and every one-time link (record, sign-in,
 * address change, sign-up confirmation) ends, all in one transaction.
 * API keys are not touched: they belong to other systems and are revoked one by one (docs/security.md).
 */
export function rotateAllTokens(db: Db): {
  feeds: number;
  unsubscribeLinks: number;
  webPages: number;
  oneTimeLinks: number;
} {
  const tokens = new SecretTokens(db);
  return db
    .transaction(() => {
      const providers = db.prepare('SELECT id FROM providers').pluck().all() as string[];
      const contacts = db.prepare('SELECT id FROM contacts').pluck().all() as number[];
      for (const id of providers) tokens.issue('feed', id);
      // Her feedUrl changed: `GET /api/v1/providers?updatedSince=` must list her, as a single rotation does.
      db.prepare('UPDATE providers SET updated_at = ?').run(nowIso());
      for (const id of contacts) tokens.issue('unsubscribe', id);
      // A web sign-up's own page (it records and deletes): a new link, which her next mail carries; one from before 007 goes.
      const webPages = db.prepare('SELECT provider_id FROM web_accounts').pluck().all() as string[];
      for (const id of webPages) tokens.issue('page', id);
      db.prepare('UPDATE web_accounts SET legacy_page_token_hash = NULL').run();
      // One-time links end too (record 60 days, sign-in and address change 24 hours, sign-up confirmation 7 days):
      // a leaked mail must not record, sign in or confirm after the rotation. She asks for a new one (/nieuwe-link).
      const oneTimeLinks =
        db.prepare('DELETE FROM web_links').run().changes +
        db.prepare('DELETE FROM web_email_changes').run().changes +
        db.prepare('DELETE FROM web_signups').run().changes;
      // Tokens of subjects that no longer exist (none are left by the delete triggers; this is for safety).
      db.prepare(
        `DELETE FROM secret_tokens WHERE (purpose = 'feed' AND subject NOT IN (SELECT id FROM providers))
      OR (purpose = 'unsubscribe' AND subject NOT IN (SELECT CAST(id AS TEXT) FROM contacts))
      OR (purpose = 'page' AND subject NOT IN (SELECT provider_id FROM web_accounts))`,
      ).run();
      return { feeds: providers.length, unsubscribeLinks: contacts.length, webPages: webPages.length, oneTimeLinks };
    })
    .immediate();
}

/** Revoking an API key with rotateFeeds: its providers' feed and page addresses change, so whoever had them loses them. */
export function rotateFeedsOfOwner(db: Db, ownerKeyId: string): number {
  const tokens = new SecretTokens(db);
  return db.transaction(() => {
    const providers = db.prepare('SELECT id FROM providers WHERE owner_key_id = ?').pluck().all(ownerKeyId) as string[];
    for (const id of providers) tokens.issue('feed', id);
    db.prepare('UPDATE providers SET updated_at = ? WHERE owner_key_id = ?').run(nowIso(), ownerKeyId);
    return providers.length;
  })();
}
