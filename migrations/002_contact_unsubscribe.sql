-- Reminder e-mails carry an unsubscribe link per contact: a random token, looked up by its hash.
ALTER TABLE contacts ADD COLUMN unsubscribe_token TEXT;
ALTER TABLE contacts ADD COLUMN unsubscribed_at TEXT;
UPDATE contacts SET unsubscribe_token = lower(hex(randomblob(16))) WHERE unsubscribe_token IS NULL;
CREATE UNIQUE INDEX contacts_by_unsubscribe_token ON contacts (unsubscribe_token);
