-- Her page link becomes a derived token like the feed and unsubscribe links (src/store/secrets.ts: purpose
-- 'page', subject the provider id), so every mail to her can carry it, rebuilt from the server key when the
-- mail is made. A page link made before keeps working (its HMAC stays in legacy_page_token_hash) until she
-- asks for a new one; from now on each account also has a derived link, which the next mail carries.
CREATE TABLE web_accounts_new (
  provider_id             TEXT PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,
  api_key_id              TEXT NOT NULL REFERENCES api_keys (id),
  legacy_page_token_hash  TEXT UNIQUE,
  created_at              TEXT NOT NULL
) STRICT;
INSERT INTO web_accounts_new (provider_id, api_key_id, legacy_page_token_hash, created_at)
  SELECT provider_id, api_key_id, page_token_hash, created_at FROM web_accounts;
DROP TABLE web_accounts;
ALTER TABLE web_accounts_new RENAME TO web_accounts;

INSERT INTO secret_tokens (hash, purpose, subject, nonce, created_at)
  SELECT 'pending/page/' || provider_id, 'page', provider_id, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM web_accounts;
UPDATE secret_tokens SET hash = secret_hash(secret_token(purpose, subject, nonce)) WHERE hash LIKE 'pending/%';

-- A deleted provider's page link stops working with it.
CREATE TRIGGER providers_delete_forgets_page AFTER DELETE ON providers
BEGIN
  DELETE FROM secret_tokens WHERE purpose = 'page' AND subject = OLD.id;
END;

-- A new e-mail address she asked for on her page: it replaces the old one only when the link mailed to the
-- new address is followed (24 hours). One waiting change per account; a new request replaces it.
CREATE TABLE web_email_changes (
  provider_id  TEXT PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,
  contact_id   INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  email        TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT;
CREATE INDEX web_email_changes_by_expiry ON web_email_changes (expires_at);
