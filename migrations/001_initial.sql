-- Tenants, providers with their contracts and contacts, and recorded events (the audit trail).
-- Timestamps are ISO 8601 UTC strings; calendar dates are YYYY-MM-DD.

-- Each API key is a tenant. Only the SHA-256 of a key is kept; the key itself is shown once.
CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  admin       INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
) STRICT;

CREATE TABLE providers (
  id               TEXT PRIMARY KEY,
  owner_key_id     TEXT NOT NULL REFERENCES api_keys (id),
  name             TEXT NOT NULL,
  agb              TEXT NOT NULL CHECK (length(agb) = 8),
  kinds            TEXT NOT NULL CHECK (json_valid(kinds)),
  reminder_days    TEXT NOT NULL DEFAULT '[14,7,1]' CHECK (json_valid(reminder_days)),
  -- The secret part of the provider's iCal feed address; the hash is what a feed request is looked up by.
  feed_token       TEXT NOT NULL UNIQUE,
  feed_token_hash  TEXT NOT NULL UNIQUE,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (owner_key_id, agb)
) STRICT;
CREATE INDEX providers_by_owner ON providers (owner_key_id, created_at, id);
CREATE INDEX providers_by_created ON providers (created_at, id);

CREATE TABLE contracts (
  id           INTEGER PRIMARY KEY,
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  insurer      TEXT NOT NULL,
  year         INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('existing', 'new')),
  runs_until   INTEGER,
  attributes   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  UNIQUE (provider_id, insurer, year)
) STRICT;
CREATE INDEX contracts_by_insurer ON contracts (insurer, year);

CREATE TABLE contacts (
  id           INTEGER PRIMARY KEY,
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  email        TEXT NOT NULL,
  name         TEXT,
  language     TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl', 'en')),
  UNIQUE (provider_id, email COLLATE NOCASE)
) STRICT;
CREATE INDEX contacts_by_provider ON contacts (provider_id, position);

-- Undoing an event marks it deleted (who and when) instead of removing it, so the audit trail survives.
CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  item         TEXT NOT NULL,
  date         TEXT NOT NULL,
  note         TEXT,
  recorded_by  TEXT NOT NULL REFERENCES api_keys (id),
  recorded_at  TEXT NOT NULL,
  deleted_at   TEXT,
  deleted_by   TEXT REFERENCES api_keys (id),
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;
CREATE INDEX events_by_provider ON events (provider_id, deleted_at, date);
