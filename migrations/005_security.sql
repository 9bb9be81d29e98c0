-- Security (issue 15): secrets kept only as keyed hashes, contact ids never reused, a suppression list
-- that outlives contacts, unsent mail cancelled with its contact, and no usable links in sent mail.
-- secret_hash() and secret_token() are HMACs under the server key (src/store/secrets.ts), which is never stored here.

-- Every token given out, as HMAC(server key, token). A token is HMAC(server key, purpose, subject, nonce), so
-- mails and the API rebuild it from the nonce; nonce is NULL for a token migrated from plain text (it cannot be
-- rebuilt and keeps working until the subject's token is rotated).
CREATE TABLE secret_tokens (
  hash        TEXT PRIMARY KEY,
  purpose     TEXT NOT NULL,
  subject     TEXT NOT NULL,
  nonce       TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX secret_tokens_current ON secret_tokens (purpose, subject) WHERE nonce IS NOT NULL;
CREATE INDEX secret_tokens_by_subject ON secret_tokens (purpose, subject);

-- Feed tokens: the address already handed out keeps working, and a derived one is what the API shows from now on.
INSERT INTO secret_tokens (hash, purpose, subject, nonce, created_at)
  SELECT secret_hash(feed_token), 'feed', id, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM providers;
INSERT INTO secret_tokens (hash, purpose, subject, nonce, created_at)
  SELECT 'pending/feed/' || id, 'feed', id, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM providers;
-- The plain columns cannot be dropped (UNIQUE) without rebuilding providers, which children reference:
-- they now hold the provider's id, which is no secret, and new rows do the same.
UPDATE providers SET feed_token = id, feed_token_hash = id;

-- Contacts: AUTOINCREMENT, so an id is never given to another contact (mail history and the outbox are keyed
-- by it); the plain unsubscribe token goes. introduced_on: the day the first mail (a short notice naming who
-- added the address, with a one-click stop) was planned; NULL until then, and no digest goes out before it.
CREATE TABLE contacts_new (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  provider_id      TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,
  email            TEXT NOT NULL,
  name             TEXT,
  language         TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
  unsubscribed_at  TEXT,
  introduced_on    TEXT,
  UNIQUE (provider_id, email COLLATE NOCASE)
) STRICT;
INSERT INTO contacts_new (id, provider_id, position, email, name, language, unsubscribed_at, introduced_on)
  SELECT id, provider_id, position, email, name, language, unsubscribed_at, date('now') FROM contacts;

INSERT INTO secret_tokens (hash, purpose, subject, nonce, created_at)
  SELECT secret_hash(unsubscribe_token), 'unsubscribe', CAST(id AS TEXT), NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM contacts WHERE unsubscribe_token IS NOT NULL;
INSERT INTO secret_tokens (hash, purpose, subject, nonce, created_at)
  SELECT 'pending/unsubscribe/' || id, 'unsubscribe', CAST(id AS TEXT), lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM contacts;
UPDATE secret_tokens SET hash = secret_hash(secret_token(purpose, subject, nonce)) WHERE hash LIKE 'pending/%';

-- Addresses that asked for no more mail, per tenant, kept as a keyed hash of the lower-case address: they stay
-- suppressed when the contact is deleted and added again, until the person opts in again herself.
CREATE TABLE mail_suppressions (
  owner_key_id   TEXT NOT NULL REFERENCES api_keys (id),
  address_hash   TEXT NOT NULL,
  suppressed_at  TEXT NOT NULL,
  PRIMARY KEY (owner_key_id, address_hash)
) STRICT;
INSERT OR IGNORE INTO mail_suppressions (owner_key_id, address_hash, suppressed_at)
  SELECT p.owner_key_id, secret_hash('address:' || lower(c.email)), c.unsubscribed_at
  FROM contacts c JOIN providers p ON p.id = c.provider_id WHERE c.unsubscribed_at IS NOT NULL;

DROP TABLE contacts;
ALTER TABLE contacts_new RENAME TO contacts;
CREATE INDEX contacts_by_provider ON contacts (provider_id, position);
-- Ids already used by contacts deleted earlier (still named in the outbox and mail history) are not given again.
INSERT INTO sqlite_sequence (name, seq) SELECT 'contacts', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'contacts');
UPDATE sqlite_sequence SET seq = max(seq,
  (SELECT coalesce(max(id), 0) FROM contacts),
  (SELECT coalesce(max(contact_id), 0) FROM mail_outbox),
  (SELECT coalesce(max(contact_id), 0) FROM mail_notices),
  (SELECT coalesce(max(contact_id), 0) FROM mail_item_dates)) WHERE name = 'contacts';

-- A deleted contact (also by deleting its provider) gets no mail that was waiting, and its link stops working.
CREATE TRIGGER contacts_delete_cancels_mail AFTER DELETE ON contacts
BEGIN
  UPDATE mail_outbox SET status = 'cancelled', raw = x'', last_error = 'contact deleted'
    WHERE contact_id = OLD.id AND status IN ('planned', 'failed');
  DELETE FROM secret_tokens WHERE purpose = 'unsubscribe' AND subject = CAST(OLD.id AS TEXT);
END;
CREATE TRIGGER providers_delete_forgets_tokens AFTER DELETE ON providers
BEGIN
  DELETE FROM secret_tokens WHERE purpose = 'feed' AND subject = OLD.id;
END;
UPDATE mail_outbox SET status = 'cancelled', raw = x'', last_error = 'contact deleted'
  WHERE status IN ('planned', 'failed') AND contact_id NOT IN (SELECT id FROM contacts);

-- A sent or cancelled mail keeps its subject and status, not its bytes (which carry the recipient's links).
UPDATE mail_outbox SET raw = x'' WHERE status IN ('sent', 'cancelled');

-- API keys: SHA-256 rows are marked; the next use of such a key rehashes it with the server key (HMAC).
UPDATE api_keys SET key_hash = 'sha256:' || key_hash;
