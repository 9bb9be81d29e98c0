-- Idempotency-Key on the POSTs that create (IETF httpapi idempotency-key draft): what a key's first request created,
-- written in the same transaction as the creation, so a retry after a crash between commit and answer finds it.
CREATE TABLE idempotency_keys (
  api_key_id       TEXT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
  idempotency_key  TEXT NOT NULL,
  fingerprint      TEXT NOT NULL,
  location         TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (api_key_id, idempotency_key)
) STRICT;
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
