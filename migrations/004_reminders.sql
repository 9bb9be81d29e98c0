-- E-mail reminders: an outbox of rendered digests, what each contact has been told, and the daily runs.

-- One digest per contact per day (id = '<contact id>/<day>'). The raw message is stored before sending,
-- so a resend after a crash has the same bytes and Message-ID. A row is claimed with a lease
-- (status 'sending', lease_owner, lease_until): two processes never send the same row at once.
CREATE TABLE mail_outbox (
  id               TEXT PRIMARY KEY,
  contact_id       INTEGER NOT NULL,
  provider_id      TEXT NOT NULL,
  day              TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  subject          TEXT NOT NULL,
  message_id       TEXT NOT NULL UNIQUE,
  raw              BLOB NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('planned', 'sending', 'sent', 'failed', 'cancelled')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  lease_owner      TEXT,
  lease_until      TEXT,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT,
  UNIQUE (contact_id, day)
) STRICT;
CREATE INDEX mail_outbox_pending ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_by_day ON mail_outbox (day, status);

-- Every notice a digest carried: reminders (14/7/1 days, due today), an insurer's passed date, a changed date.
-- Planning skips a notice that is here (unless its mail failed), so nothing is said twice.
CREATE TABLE mail_notices (
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  item        TEXT NOT NULL,
  notice      TEXT NOT NULL,
  due         TEXT NOT NULL,
  outbox_id   TEXT NOT NULL,
  PRIMARY KEY (contact_id, item, notice, due)
) STRICT;

-- The due date each contact was last told per item: a different date later is a change notice.
CREATE TABLE mail_item_dates (
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  item        TEXT NOT NULL,
  due         TEXT NOT NULL,
  outbox_id   TEXT NOT NULL,
  PRIMARY KEY (contact_id, item)
) STRICT;

-- Daily runs: a day covers reminders owed from `since` to `day`; start-up catches up after the last finished run.
CREATE TABLE reminder_runs (
  day          TEXT PRIMARY KEY,
  since        TEXT NOT NULL,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  planned      INTEGER NOT NULL DEFAULT 0,
  sent         INTEGER NOT NULL DEFAULT 0,
  failed       INTEGER NOT NULL DEFAULT 0
) STRICT;
