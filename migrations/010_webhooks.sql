-- Webhooks (issue 22 §1): a tenant's endpoints and a durable outbox of deliveries, written in the transaction
-- of the change it tells about, so a crash loses none; a delivery is marked delivered only after a 2xx.

-- An endpoint of a tenant (an API key). events: a JSON array of event types, NULL for all. The signing secret
-- (Standard Webhooks, whsec_ + base64) is not stored: it is HMAC(server key, 'webhook', id, nonce), rebuilt from
-- the nonce to sign (src/store/secrets.ts). After a rotation the previous one signs too until previous_secret_until.
CREATE TABLE webhook_endpoints (
  id                     TEXT PRIMARY KEY,
  owner_key_id           TEXT NOT NULL REFERENCES api_keys (id),
  url                    TEXT NOT NULL,
  events                 TEXT,
  secret_nonce           TEXT NOT NULL,
  previous_secret_nonce  TEXT,
  previous_secret_until  TEXT,
  disabled_at            TEXT,
  disabled_reason        TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_by_owner ON webhook_endpoints (owner_key_id, created_at);

-- One message to one endpoint; id is the webhook-id header, the same on every attempt. delivered_at is set
-- after a 2xx only; given_up_at when retries ran out (about three days) and the endpoint was disabled.
CREATE TABLE webhook_deliveries (
  id               TEXT PRIMARY KEY,
  endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  type             TEXT NOT NULL,
  payload          TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  delivered_at     TEXT,
  given_up_at      TEXT
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE delivered_at IS NULL AND given_up_at IS NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Each attempt: its status code (NULL when no answer came), the error, and at most 500 bytes of the answer.
CREATE TABLE webhook_attempts (
  delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt      INTEGER NOT NULL,
  at           TEXT NOT NULL,
  status       INTEGER,
  error        TEXT,
  body         TEXT,
  duration_ms  INTEGER NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
) STRICT;

-- The calendar versions webhooks have told about: at start-up a calendar newer than its row (or new) is announced
-- as calendar.published. The first start with this table records them all without announcing.
CREATE TABLE webhook_calendar_versions (
  calendar      TEXT PRIMARY KEY,
  version       INTEGER NOT NULL,
  announced_at  TEXT NOT NULL
) STRICT;
