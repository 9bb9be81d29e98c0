-- The web front door: sign-ups waiting for their confirmation mail, confirmed sign-ups (a provider under
-- its own tenant, reached through a secret page link), one-time links sent by mail, and mail counters per
-- address. Every secret is kept as its HMAC under the server key only (src/store/web-tokens.ts); the links themselves exist only in the mails.

-- A sign-up whose confirmation link has not been followed. Nothing but that one mail goes to `email`;
-- rows older than 7 days are deleted.
CREATE TABLE web_signups (
  id          TEXT PRIMARY KEY,
  email       TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  -- What the form said (situation, name, practice, AGB, language), applied on confirmation.
  details     TEXT NOT NULL CHECK (json_valid(details)),
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX web_signups_by_email ON web_signups (email COLLATE NOCASE);
CREATE INDEX web_signups_by_expiry ON web_signups (expires_at);

-- A confirmed sign-up: the provider (with its own api_keys row as tenant) and the hash of her page link.
CREATE TABLE web_accounts (
  provider_id     TEXT PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,
  api_key_id      TEXT NOT NULL REFERENCES api_keys (id),
  page_token_hash TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL
) STRICT;

-- Links sent by mail that act once or for a while: 'sign-in' (a new page link, 24 hours) and
-- 'record' (one step of a digest, "Gedaan? Leg het vast", 60 days).
CREATE TABLE web_links (
  token_hash   TEXT PRIMARY KEY,
  purpose      TEXT NOT NULL CHECK (purpose IN ('sign-in', 'record')),
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  item         TEXT,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
) STRICT;
CREATE INDEX web_links_by_expiry ON web_links (expires_at);
CREATE INDEX web_links_by_provider ON web_links (provider_id);

-- Mails the front door sent per address (HMAC of the lower-cased address), for the per-address limit;
-- rows older than a day are deleted.
CREATE TABLE web_mail_log (
  address_hash  TEXT NOT NULL,
  sent_at       TEXT NOT NULL
) STRICT;
CREATE INDEX web_mail_log_by_address ON web_mail_log (address_hash, sent_at);
