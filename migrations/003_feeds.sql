-- iCal feeds. What each feed last published per item, so SEQUENCE, DTSTAMP and LAST-MODIFIED move only
-- when an event's content changes (the same state always renders the same bytes and ETag), and a counter
-- per provider that tells the feed cache the provider's timeline may have changed.

-- Bumped by the triggers below on every write that can change a provider's timeline, whoever writes it.
ALTER TABLE providers ADD COLUMN feed_version INTEGER NOT NULL DEFAULT 0;

-- One row per feed: 'provider/<id>', or 'calendars/<insurer>/<year>/<kind>/<status>' (several joined by '+').
-- The fingerprint covers the feed's header and its events; changed_at is the feed's Last-Modified.
CREATE TABLE feed_states (
  feed         TEXT PRIMARY KEY,
  provider_id  TEXT REFERENCES providers (id) ON DELETE CASCADE,
  fingerprint  TEXT NOT NULL,
  changed_at   TEXT NOT NULL
) STRICT;
CREATE INDEX feed_states_by_provider ON feed_states (provider_id);

-- One row per feed and timeline item, kept when the item leaves the feed, so it comes back with its history.
CREATE TABLE feed_items (
  feed         TEXT NOT NULL,
  item         TEXT NOT NULL,
  provider_id  TEXT REFERENCES providers (id) ON DELETE CASCADE,
  fingerprint  TEXT NOT NULL,
  sequence     INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
  changed_at   TEXT NOT NULL,
  PRIMARY KEY (feed, item)
) STRICT;
CREATE INDEX feed_items_by_provider ON feed_items (provider_id);

CREATE TRIGGER providers_feed_version AFTER UPDATE ON providers WHEN NEW.feed_version = OLD.feed_version
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.id;
END;

CREATE TRIGGER contracts_insert_feed_version AFTER INSERT ON contracts
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.provider_id;
END;

CREATE TRIGGER contracts_update_feed_version AFTER UPDATE ON contracts
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id IN (OLD.provider_id, NEW.provider_id);
END;

CREATE TRIGGER contracts_delete_feed_version AFTER DELETE ON contracts
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = OLD.provider_id;
END;

CREATE TRIGGER events_insert_feed_version AFTER INSERT ON events
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = NEW.provider_id;
END;

CREATE TRIGGER events_update_feed_version AFTER UPDATE ON events
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id IN (OLD.provider_id, NEW.provider_id);
END;

CREATE TRIGGER events_delete_feed_version AFTER DELETE ON events
BEGIN
  UPDATE providers SET feed_version = feed_version + 1 WHERE id = OLD.provider_id;
END;
