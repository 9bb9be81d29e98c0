-- Her own dated items (a date an insurer told her by e-mail, her own preparation date) and her corrections of
-- computed dates with a reason (issue 20 §4). Both keep their history: every change is a row in
-- own_date_changes with who made it, when, and the old and new values (JSON), so the API can show the trail.
CREATE TABLE own_items (
  id           TEXT PRIMARY KEY,
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  insurer      TEXT,
  title        TEXT NOT NULL,
  due          TEXT NOT NULL,
  window_from  TEXT,
  time         TEXT,
  note         TEXT NOT NULL,
  done         TEXT,
  revision     INTEGER NOT NULL DEFAULT 1,
  recorded_by  TEXT NOT NULL REFERENCES api_keys (id),
  recorded_at  TEXT NOT NULL,
  updated_by   TEXT NOT NULL REFERENCES api_keys (id),
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT,
  deleted_by   TEXT REFERENCES api_keys (id),
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;
CREATE INDEX own_items_by_provider ON own_items (provider_id, deleted_at, due);

-- One live correction per computed item: `original` is the computed date when she corrected it, so a later
-- calendar version that moves the computed date is seen (the item then shows both and asks her to check).
CREATE TABLE corrections (
  id           TEXT PRIMARY KEY,
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  item         TEXT NOT NULL,
  due          TEXT NOT NULL,
  original     TEXT NOT NULL,
  reason       TEXT NOT NULL,
  recorded_by  TEXT NOT NULL REFERENCES api_keys (id),
  recorded_at  TEXT NOT NULL,
  deleted_at   TEXT,
  deleted_by   TEXT REFERENCES api_keys (id),
  CHECK ((deleted_at IS NULL) = (deleted_by IS NULL))
) STRICT;
CREATE UNIQUE INDEX corrections_live_per_item ON corrections (provider_id, item) WHERE deleted_at IS NULL;

-- subject: 'own-item' or 'correction'; action: 'created', 'changed', 'removed'; old/new: JSON or NULL.
CREATE TABLE own_date_changes (
  seq          INTEGER PRIMARY KEY,
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  subject      TEXT NOT NULL CHECK (subject IN ('own-item', 'correction')),
  subject_id   TEXT NOT NULL,
  action       TEXT NOT NULL CHECK (action IN ('created', 'changed', 'removed')),
  old          TEXT,
  new          TEXT,
  changed_by   TEXT NOT NULL REFERENCES api_keys (id),
  changed_at   TEXT NOT NULL
) STRICT;
CREATE INDEX own_date_changes_by_subject ON own_date_changes (provider_id, subject, subject_id, seq);

-- Her feed and timeline answers are versioned by the provider's feed counter: every write here moves it.
CREATE TRIGGER own_items_insert_feed_version AFTER INSERT ON own_items
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.provider_id;
END;
CREATE TRIGGER own_items_update_feed_version AFTER UPDATE ON own_items
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.provider_id;
END;
CREATE TRIGGER corrections_insert_feed_version AFTER INSERT ON corrections
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.provider_id;
END;
CREATE TRIGGER corrections_update_feed_version AFTER UPDATE ON corrections
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.provider_id;
END;
