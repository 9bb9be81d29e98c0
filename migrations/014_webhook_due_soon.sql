-- Each (provider, item, due date) that was announced as `item.due-soon` (issue 22 §1): written in the transaction
-- that enqueues the message, so a restart or a second run the same day never sends it twice; a moved date is a new row.
CREATE TABLE webhook_due_soon_sent (
  provider_id  TEXT NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
  item_id      TEXT NOT NULL,
  due          TEXT NOT NULL,
  sent_at      TEXT NOT NULL,
  PRIMARY KEY (provider_id, item_id, due)
) STRICT;
