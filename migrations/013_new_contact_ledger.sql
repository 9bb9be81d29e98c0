-- Every contact address a key adds to a provider (issue 24): a key may add at most NEW_CONTACTS_PER_KEY_PER_DAY
-- in any 24 hours, so no tenant can reach any number of new addresses. No address is kept, only that one was
-- added and when; rows older than a day are deleted as new ones are counted.
CREATE TABLE new_contact_ledger (
  key_id    TEXT NOT NULL,
  added_at  TEXT NOT NULL
) STRICT;
CREATE INDEX new_contact_ledger_by_key ON new_contact_ledger (key_id, added_at);
